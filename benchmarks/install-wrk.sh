#!/usr/bin/env bash
# Install wrk (the HTTP load generator the PMID-lookup throughput runs through) from the Debian packages.
set -euo pipefail
command -v wrk >/dev/null && exit 0
SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq wrk
