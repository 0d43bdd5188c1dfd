#!/usr/bin/env bash
# Install the system packages the whole test suite needs, when they are missing:
# Java for owlready2's HermiT reasoner, Chromium for the browser test, Virtuoso open source for the tests
# against a remote triplestore (tests/remote/; installed non-interactively by benchmarks/install-virtuoso.sh).
set -euo pipefail
missing=()
command -v java >/dev/null 2>&1 || missing+=(default-jre-headless)
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
virtuoso=1
command -v virtuoso-t >/dev/null 2>&1 && command -v isql-vt >/dev/null 2>&1 && virtuoso=0
[ ${#missing[@]} -eq 0 ] && [ "$virtuoso" -eq 0 ] && exit 0
if [ "$(id -u)" -ne 0 ]; then
    sudo=sudo
else
    sudo=
fi
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
if [ ${#missing[@]} -gt 0 ]; then
    $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi
if [ "$virtuoso" -eq 1 ]; then
    bash "$(dirname "$0")/../benchmarks/install-virtuoso.sh"
fi
