#!/usr/bin/env bash
# Create the virtual environment (argument 1, default .venv) and install lmskg with its test extras.
set -euo pipefail
venv=${1:-.venv}
if [ ! -x "$venv/bin/python" ]; then
    python3 -m venv "$venv"
fi
"$venv/bin/python" -m pip install --quiet --upgrade pip
"$venv/bin/python" -m pip install --quiet -e ".[test]"
bash scripts/build-yasgui.sh --if-changed
