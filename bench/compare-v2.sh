#!/usr/bin/env bash
# The v2 comparison of issue 9: the same 1,000,000-row grid (layoffs × indirect_hours, 5 outputs,
# CSV in and out) through numpy (bench/model_v2.py), numba (bench/model_v2_numba.py) and
# `bargain batch` with every core, timed in one run, then cross-checked on a sample of rows.
#   bench/compare-v2.sh [ROWS]      (default 1000000; files in bench/out/)
#   BARGAIN=path/to/bargain bench/compare-v2.sh   (use that binary instead of a release build here)
# Needs: pip install --break-system-packages numpy numba
set -euo pipefail
cd "$(dirname "$0")/.."
rows=${1:-1000000}
if [ -z "${BARGAIN:-}" ]; then
    swift build -c release >/dev/null
    BARGAIN="$(swift build -c release --show-bin-path)/bargain"
fi
python3 bench/check_v2_reference.py --numba | tail -1
python3 bench/bench_v2_grid.py --rows "$rows" --bargain "$BARGAIN"
