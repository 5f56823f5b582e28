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

# --- what the machine needs (readline, Python, Chromium, Dask, …: scripts/install-dependencies.sh)
scripts/install-dependencies.sh

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
