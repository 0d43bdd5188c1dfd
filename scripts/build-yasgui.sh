#!/usr/bin/env bash
# Put the pinned YASGUI release from the npm registry into src/lmskg/web/static/yasgui/ (the query page).
# The bundle is committed so that the server works offline and without Node; this script refreshes it when the
# pin changes. `npm pack` checks the tarball against the registry's integrity hash; we check it against ours.
# Usage: scripts/build-yasgui.sh [--if-changed]   (--if-changed: do nothing when VERSION already matches the pin)
set -euo pipefail
package=@zazuko/yasgui
version=4.6.2
integrity=sha512-Zw45KdPoAE1KRaAoxIHdQqeJxvaVG1oQdntw0hy0ktX35Zu8ZccuOLrXCLwR+GU+0xMzLw8Mjw6BkSZV2vUuQw==
root=$(cd "$(dirname "$0")/.." && pwd)
target=$root/src/lmskg/web/static/yasgui
stamp="$package@$version $integrity"
if [ "${1:-}" = "--if-changed" ] && [ -f "$target/VERSION" ] && [ "$(head -n 1 "$target/VERSION")" = "$stamp" ]; then
    exit 0
fi
if ! command -v npm >/dev/null 2>&1; then
    echo "scripts/build-yasgui.sh: npm is needed to fetch $package@$version (apt-get install npm)" >&2
    exit 1
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
(cd "$work" && npm pack --silent "$package@$version" >/dev/null)
tarball=$(ls "$work"/*.tgz)
actual="sha512-$(openssl dgst -sha512 -binary "$tarball" | base64 -w0)"
if [ "$actual" != "$integrity" ]; then
    echo "scripts/build-yasgui.sh: $tarball has integrity $actual, expected $integrity" >&2
    exit 1
fi
tar -xzf "$tarball" -C "$work"
mkdir -p "$target"
cp "$work/package/build/yasgui.min.js" "$work/package/build/yasgui.min.css" "$target/"
{
    echo "$stamp"
    echo "From the npm registry by scripts/build-yasgui.sh. Copyright Triply <info@triply.cc> and Zazuko GmbH,"
    echo "released under the MIT licence; source: https://github.com/zazuko/Yasgui"
} >"$target/VERSION"
echo "YASGUI $version in $target"
