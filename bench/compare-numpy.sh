#!/usr/bin/env bash
# The same 1,000,000-row grid (layoffs × indirect_hours, every scalar output) through numpy and
# through `bargain batch`, CSV in and CSV out, timed in the same run; then bargain's output is
# checked against model.py (the independent Python model) and the thread counts against each other.
#   bench/compare-numpy.sh [ROWS]        (default 1000000; files in bench/out/)
set -euo pipefail
cd "$(dirname "$0")/.."
rows=${1:-1000000}
out=bench/out
mkdir -p "$out"
swift build -c release >/dev/null
bargain="$(swift build -c release --show-bin-path)/bargain"
python3 bench/make_grid.py "$rows" "$out/grid.csv"
# The outputs numpy_grid.py writes, in its order.
outputs=$(python3 -c 'import sys; sys.path.insert(0, "bench"); import numpy_grid as g; print(",".join(n for n, _ in g.SCALAR_OUTPUTS))')

time_of() { /usr/bin/time -f "%e s, peak %M KB" "$@" 2>&1 >/dev/null | tail -1; }

echo "numpy:              $(time_of python3 bench/numpy_grid.py "$out/grid.csv" "$out/numpy.csv")"
for threads in 1 2; do
    echo "bargain, $threads thread(s): $(time_of "$bargain" batch --grid "$out/grid.csv" --outputs "$outputs" --threads "$threads" --output "$out/bargain-$threads.csv")"
done
cmp "$out/bargain-1.csv" "$out/bargain-2.csv" && echo "bargain's output is byte-identical for 1 and 2 threads"
python3 bench/agree.py "$out/bargain-2.csv" --every "${EVERY:-10}"
