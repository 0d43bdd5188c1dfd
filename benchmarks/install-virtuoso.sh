#!/usr/bin/env bash
# Install Virtuoso open source 7.2 from the Debian packages for `python -m benchmarks.run --virtuoso`.
# The package's own service is stopped and disabled: the benchmark starts its own instance on loopback
# with a database in benchmarks/work/, and stops it when done.
set -euo pipefail
if command -v virtuoso-t >/dev/null && command -v isql-vt >/dev/null; then
    echo "virtuoso already installed: $(virtuoso-t -? 2>&1 | head -n 2 | tail -n 1)"
    exit 0
fi
SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
export DEBIAN_FRONTEND=noninteractive
echo "virtuoso-opensource-7 virtuoso-opensource-7/dba-password password dba" | $SUDO debconf-set-selections
echo "virtuoso-opensource-7 virtuoso-opensource-7/dba-password-again password dba" | $SUDO debconf-set-selections
# no service start during installation (there may be no init system at all)
printf '#!/bin/sh\nexit 101\n' | $SUDO tee /usr/sbin/policy-rc.d >/dev/null
$SUDO chmod +x /usr/sbin/policy-rc.d
trap '$SUDO rm -f /usr/sbin/policy-rc.d' EXIT
for attempt in 1 2 3 4 5 6 7 8 9 10; do   # another apt may hold the lock for a while
    if $SUDO apt-get install -y -qq virtuoso-opensource; then break; fi
    [ "$attempt" -eq 10 ] && exit 1
    sleep 15
done
(command -v service >/dev/null && $SUDO service virtuoso-opensource-7 stop) >/dev/null 2>&1 || true
command -v virtuoso-t isql-vt
