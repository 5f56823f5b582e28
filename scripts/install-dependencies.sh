#!/usr/bin/env bash
# What bargain's build and tests need, installed where missing; the one list of them. Both
# ./test.sh (README's test command) and .ci/run call it, so a fresh machine gets:
#   Debian: libreadline-dev (GNU readline, for the prompt), python3 and pip, chromium and a font
#           (the exhibits' browser tests)
#   PyPI:   numpy (the reference model), dask[distributed], pyarrow, pandas (the Dask cluster
#           tests), SALib (Sobol' checks), pytest, html5lib, websocket-client, Pillow,
#           markdown-it-py (the browser tests)
# Nothing is reinstalled that is already there.
set -euo pipefail

SUDO=""
if [ "$(id -u)" != 0 ]; then SUDO="sudo"; fi
debian=(libreadline-dev python3 python3-pip chromium fonts-dejavu-core)
need=()
for package in "${debian[@]}"; do
    dpkg -s "$package" >/dev/null 2>&1 || need+=("$package")
done
# python3 and pip may come from elsewhere (pyenv, a venv): only install them when missing.
if command -v python3 >/dev/null 2>&1; then
    filtered=()
    for package in "${need[@]}"; do
        case "$package" in
            python3) ;;
            python3-pip) python3 -m pip --version >/dev/null 2>&1 || filtered+=("$package") ;;
            *) filtered+=("$package") ;;
        esac
    done
    need=("${filtered[@]+"${filtered[@]}"}")
fi
if [ ${#need[@]} -gt 0 ]; then
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${need[@]}"
fi

# PyPI: module name=package name.
pypi=(numpy=numpy SALib=SALib pytest=pytest distributed='dask[distributed]' pyarrow=pyarrow pandas=pandas
      websocket=websocket-client html5lib=html5lib PIL=Pillow markdown_it=markdown-it-py)
missing=()
for entry in "${pypi[@]}"; do
    python3 -c "import ${entry%%=*}" 2>/dev/null || missing+=("${entry#*=}")
done
if [ ${#missing[@]} -gt 0 ]; then
    python3 -m pip install --quiet "${missing[@]}" \
        || python3 -m pip install --quiet --break-system-packages "${missing[@]}"
fi
