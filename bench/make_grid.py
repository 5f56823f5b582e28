"""Make a layoffs x indirect_hours grid for numpy_grid.py.

    python3 make_grid.py N out.csv [--random SEED] [--layoffs K]

Default: a lattice, whole layoffs 0..600 staff (601 values; --layoffs K: 0..K-1) crossed with
ceil(N/601) evenly spaced indirect_hours in 2..10 h/wk/FTE, cut at N rows.
--random SEED: N rows uniform on the same ranges (layoffs still whole staff).
"""
import math
import sys

import numpy as np


def main(argv):
    seed, n_layoffs = None, 601
    if "--layoffs" in argv:
        i = argv.index("--layoffs"); n_layoffs = int(argv[i + 1]); del argv[i:i + 2]
    if "--random" in argv:
        i = argv.index("--random"); seed = int(argv[i + 1]); del argv[i:i + 2]
    if len(argv) != 2:
        print(__doc__, file=sys.stderr)
        return 64
    n, path = int(argv[0]), argv[1]
    if seed is None:
        lay_vals = np.arange(0, n_layoffs, dtype=float)
        m = max(1, math.ceil(n / lay_vals.size))
        ind_vals = np.linspace(2.0, 10.0, m) if m > 1 else np.array([2.0])
        lay, ind = np.meshgrid(lay_vals, ind_vals, indexing="ij")
        lay, ind = lay.ravel()[:n], ind.ravel()[:n]
    else:
        rng = np.random.default_rng(seed)
        lay = rng.integers(0, n_layoffs, n).astype(float)
        ind = rng.uniform(2.0, 10.0, n)
    with open(path, "w") as f:
        f.write("layoffs,indirect_hours\n")
        f.write(("%r,%r\n" * n) % tuple(np.column_stack([lay, ind]).ravel().tolist()))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
