#!/usr/bin/env bash
# Global sensitivity timed on a release build (issue 12): `sensitivity return_wait global samples
# 10000` on the default model with the four uncertain inputs of python/tests/uncertain.bargain
# (60,000 evaluations of the 208-week model, then 1,000 bootstrap resamples), against SALib's
# `sobol.analyze` on the same design's outputs (written by `bargain batch --sobol`), and numpy's
# python/bargain_dask/sobol.py on them too. Each figure is the best of 3 runs, wall time.
#   bench/sobol.sh              (BARGAIN=path to use another binary; SAMPLES=N for another size)
set -euo pipefail
cd "$(dirname "$0")/.."
if [ -z "${BARGAIN:-}" ]; then
    swift build -c release --product bargain >/dev/null
    BARGAIN="$(swift build -c release --show-bin-path)/bargain"
fi
samples=${SAMPLES:-10000}
out=bench/out
mkdir -p "$out"
scenario=python/tests/uncertain.bargain
printf 'use uncertain\n' > "$out/sobol-start.bargain"
printf 'use uncertain\nsensitivity return_wait global samples %s seed 1\n' "$samples" > "$out/sobol-statement.bargain"
best() {  # label, then the command: the best wall time of 3 runs
    local label=$1; shift
    python3 - "$label" "$@" <<'PY'
import subprocess, sys, time
label, command = sys.argv[1], sys.argv[2:]
times = []
for _ in range(3):
    start = time.perf_counter()
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL)
    times.append(time.perf_counter() - start)
print(f"{label:<58} {min(times):7.3f} s")
PY
}
echo "bargain: $BARGAIN; $samples samples, 4 uncertain inputs, $((samples * 6)) evaluations"
best "start-up alone (load the model and the scenario)" "$BARGAIN" run --scenario "$scenario" "$out/sobol-start.bargain"
best "sensitivity return_wait global samples $samples (whole run)" "$BARGAIN" run --scenario "$scenario" "$out/sobol-statement.bargain"
best "batch --sobol $samples --outputs return_wait (to a CSV)" "$BARGAIN" batch --load "$scenario" --scenario uncertain \
    --sobol "$samples" --seed 1 --outputs return_wait --output "$out/sobol-design.csv"
PYTHONPATH=python python3 - "$out/sobol-design.csv" <<'PY'
import sys, time
import numpy as np
from SALib.analyze import sobol as salib
from bargain_dask.sobol import read_columns, sobol_indices

columns = read_columns(sys.argv[1])
names = list(columns)
inputs = names[:names.index("sobol_sample")]
y = columns["return_wait[bd]"]
problem = {"num_vars": len(inputs), "names": inputs, "bounds": [[0.0, 1.0]] * len(inputs)}

def best(label, f):
    times = []
    for _ in range(3):
        start = time.perf_counter()
        result = f()
        times.append(time.perf_counter() - start)
    print(f"{label:<58} {min(times):7.3f} s")
    return result

best("SALib sobol.analyze, 1,000 resamples (analysis only)",
     lambda: salib.analyze(problem, y, calc_second_order=False, num_resamples=1000, seed=1))
best("bargain_dask.sobol, 1,000 resamples (analysis only)", lambda: sobol_indices(columns, "return_wait", seed=1))
PY
