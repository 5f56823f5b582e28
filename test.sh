#!/usr/bin/env bash
# Every test bargain has, from a fresh machine: installs what is missing (Debian packages, PyPI
# packages), builds, runs the Swift tests, replays every example session with --check, runs the
# Python and browser tests, and a short fuzz run. README's test command; .ci/run calls it.
#
#   ./test.sh              everything
#   FUZZ_SECONDS=0 ./test.sh   skip the fuzz run (it needs a separate sanitizer build)
set -euo pipefail
cd "$(dirname "$0")"

if ! command -v swift >/dev/null 2>&1 && [ -x /opt/swift/usr/bin/swift ]; then
    export PATH=/opt/swift/usr/bin:$PATH
fi

# --- what the machine needs ----------------------------------------------------------------
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

# --- Swift: build and unit and binary tests -------------------------------------------------
swift --version
swift build
swift test
bargain="$(swift build --show-bin-path)/bargain"

# --- every example session replays exactly as recorded (exit 1 and a diff otherwise) ---------
for session in Sessions/*.session; do
    "$bargain" replay --check "$session"
done

# --- python/ (bargain_dask), through the bargain just built: the Dask driver against a real
# cluster on loopback (a `dask scheduler` and two `dask worker` processes the tests start and
# stop), and Sobol' indices (the statement, `batch --sobol`, bargain_dask.sobol) against SALib
# and closed forms ---------------------------------------------------------------------------
PYTHONPATH="$PWD/python${PYTHONPATH:+:$PYTHONPATH}" BARGAIN_BIN="$bargain" python3 -m pytest -q python/tests

# --- exhibits in a real browser: every session exported to HTML, validated (html5lib, strict) and
# rendered in Debian's headless Chromium over the DevTools protocol; fails on a blank page, a chart
# without marks, a console error, a script, or any fetch. Screenshots and PDFs in .build/browser.
python3 Tests/browser/test_exports.py --bargain "$bargain" --out .build/browser

# --- a short libFuzzer run over the readers a file from elsewhere reaches --------------------
# (fuzz/run.sh runs longer campaigns): it fails on any crash, hang or runaway memory.
if [ "${FUZZ_SECONDS:-60}" != 0 ]; then
    fuzz/run.sh "${FUZZ_SECONDS:-60}"
fi
echo "test.sh: every test passed"
