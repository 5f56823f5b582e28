"""Sobol' indices from the output of ``bargain batch --sobol N`` (CSV, or Parquet from bargain-dask).

The batch writes Saltelli's design: for each sample n (column ``sobol_sample``, from 0) the rows
of block A (``sobol_block`` 0), AB_1 … AB_k (1 … k, input i taken from B, inputs in the order of
the columns before ``sobol_sample``) and B (k + 1), then the outputs. This module computes the
same indices as the statement ``sensitivity OUTPUT global samples N seed S`` for that design, with
the same arithmetic as bargain's Sources/BargainAnalysis/SobolIndices.swift (and SALib's
``sobol.analyze``): outputs centred on their mean; V the variance of the A and B outputs;
first order (Saltelli 2010) mean(f_B (f_ABi - f_A)) / V; total (Jansen) mean((f_A - f_ABi)^2) / 2V;
95% intervals as estimate +- z sd over bootstrap resamples drawn from bargain's seeded
counter-based generator, so the intervals match bargain's too.

    python -m bargain_dask.sobol FILE --output return_wait [--seed S] [--resamples R] [--format csv|json|text]
"""

from __future__ import annotations

import argparse
import csv
import json
import math
import os
import sys
from dataclasses import dataclass
from typing import Dict, List, Mapping, Optional, Sequence, Tuple

import numpy as np

Z95 = 1.959963984540054
BOOTSTRAP_STREAM = 0xB0075EED
DEFAULT_RESAMPLES = 1000
SAMPLE_COLUMN = "sobol_sample"
BLOCK_COLUMN = "sobol_block"

_MASK = (1 << 64) - 1


class SobolError(ValueError):
    """A batch that cannot give Sobol' indices (missing rows, no variance, unknown output)."""


@dataclass(frozen=True)
class InputIndices:
    """One input's first-order and total index, each with its 95% interval."""

    input: str
    first_order: float
    first_order_low: float
    first_order_high: float
    total: float
    total_low: float
    total_high: float


@dataclass(frozen=True)
class SobolResult:
    output: str
    samples: int
    evaluations: int
    seed: int
    dropped_samples: int
    indices: List[InputIndices]  # widest total first, as bargain shows them

    COLUMNS = ("input", "first_order", "first_order_low", "first_order_high", "total", "total_low", "total_high")


def _mix(z: np.ndarray) -> np.ndarray:
    """SplitMix64's finaliser, on uint64 arrays (wrapping arithmetic)."""
    z = (z ^ (z >> np.uint64(30))) * np.uint64(0xBF58476D1CE4E5B9)
    z = (z ^ (z >> np.uint64(27))) * np.uint64(0x94D049BB133111EB)
    mixed: np.ndarray = z ^ (z >> np.uint64(31))
    return mixed


def seeded_uniform(seed: int, stream: int, draws: np.ndarray) -> np.ndarray:
    """bargain's SeededSampler: the uniform number in (0, 1) for (seed, stream, draw)."""
    with np.errstate(over="ignore"):
        base = ((seed * 0x9E3779B97F4A7C15) & _MASK) ^ ((stream * 0xBF58476D1CE4E5B9) & _MASK)
        x = np.uint64(base) ^ (draws.astype(np.uint64) * np.uint64(0x94D049BB133111EB))
        x = _mix(x)
        x = _mix(x + np.uint64(0x9E3779B97F4A7C15))
    u: np.ndarray = ((x >> np.uint64(11)).astype(np.float64) + 0.5) * 2.0 ** -53
    return u


def _indices(a: np.ndarray, b: np.ndarray, ab: np.ndarray) -> Optional[Tuple[np.ndarray, np.ndarray]]:
    """Point estimates for the samples given (rows of a, b; ab is samples x inputs)."""
    y = np.concatenate([a, b])
    variance = float(np.mean((y - np.mean(y)) ** 2))
    if not variance > 0:
        return None
    d = ab - a[:, None]
    first = np.mean(b[:, None] * d, axis=0) / variance
    total = np.mean(d * d, axis=0) / (2 * variance)
    return first, total


def analyze(outputs: np.ndarray, inputs: int, seed: int, resamples: int = DEFAULT_RESAMPLES) -> Dict[str, np.ndarray]:
    """Indices from outputs in design order (n*(k+2) + block); keys as in ``SobolResult.COLUMNS``."""
    k = inputs
    block = k + 2
    y = np.asarray(outputs, dtype=np.float64)
    if k < 1 or y.size % block != 0 or y.size // block < 2:
        raise SobolError(f"{y.size} outputs are not whole samples of {block} rows (A, {k} AB blocks, B)")
    n = y.size // block
    if np.isinf(y).any():
        raise SobolError(f"the output is infinite in {int(np.isinf(y).sum())} of {y.size} evaluations: a variance needs finite values")
    if float(np.max(y) - np.min(y)) <= 1e-12 * max(abs(float(np.max(y))), abs(float(np.min(y)))):
        raise SobolError(f"the output is {float(y[0])} in every evaluation: with no variance, its Sobol' indices are undefined")
    y = y - np.mean(y)
    grid = y.reshape(n, block)
    a, b, ab = grid[:, 0], grid[:, k + 1], grid[:, 1:k + 1]
    point = _indices(a, b, ab)
    if point is None:
        raise SobolError("the A and B outputs do not vary: the Sobol' indices are undefined")
    firsts: List[np.ndarray] = []
    totals: List[np.ndarray] = []
    for r in range(resamples):
        u = seeded_uniform(seed, BOOTSTRAP_STREAM, np.arange(r * n, (r + 1) * n, dtype=np.uint64))
        chosen = np.minimum(n - 1, np.floor(u * n).astype(np.int64))
        draw = _indices(a[chosen], b[chosen], ab[chosen])
        if draw is None:
            continue
        firsts.append(draw[0])
        totals.append(draw[1])
    first_sd = np.std(np.array(firsts), axis=0, ddof=1) if len(firsts) > 1 else np.zeros(k)
    total_sd = np.std(np.array(totals), axis=0, ddof=1) if len(totals) > 1 else np.zeros(k)
    first, total = point
    return {
        "first_order": first,
        "first_order_low": first - Z95 * first_sd,
        "first_order_high": first + Z95 * first_sd,
        "total": total,
        "total_low": total - Z95 * total_sd,
        "total_high": total + Z95 * total_sd,
    }


def read_columns(path: str) -> Dict[str, np.ndarray]:
    """A batch's columns: a CSV file, or a Parquet file or dataset directory (needs pyarrow)."""
    if os.path.isdir(path) or path.endswith(".parquet"):
        import pyarrow.parquet as pq  # only Parquet needs pyarrow

        table = pq.read_table(path)
        return {name: np.asarray(table.column(name).to_numpy(zero_copy_only=False), dtype=np.float64)
                for name in table.column_names if name != "error"}
    with open(path, newline="", encoding="utf-8") as handle:
        reader = csv.reader(handle)
        try:
            header = next(reader)
        except StopIteration:
            raise SobolError(f"{path} is empty: expected the CSV of `bargain batch --sobol N`") from None
        keep = [i for i, name in enumerate(header) if name != "error"]
        rows: List[List[float]] = []
        for line, record in enumerate(reader, start=2):
            if len(record) != len(header):
                raise SobolError(f"{path}:{line}: {len(record)} cells, the header names {len(header)}")
            try:
                rows.append([float(record[i]) if record[i] != "" else math.nan for i in keep])
            except ValueError as error:
                raise SobolError(f"{path}:{line}: {error}") from None
    data = np.array(rows, dtype=np.float64).reshape(len(rows), len(keep))
    return {header[i]: data[:, c] for c, i in enumerate(keep)}


def _base_name(column: str) -> str:
    return column.split("[", 1)[0]


def sobol_indices(columns: Mapping[str, np.ndarray], output: str, seed: int = 1,
                  resamples: int = DEFAULT_RESAMPLES) -> SobolResult:
    """Sobol' indices of `output` (a column, with or without its `[unit]`) from a --sobol batch."""
    names = list(columns)
    if SAMPLE_COLUMN not in columns or BLOCK_COLUMN not in columns:
        raise SobolError(f"no `{SAMPLE_COLUMN}` and `{BLOCK_COLUMN}` columns: this is not the output of `bargain batch --sobol N`")
    inputs = [_base_name(name) for name in names[:names.index(SAMPLE_COLUMN)]]
    matches = [name for name in names if name == output or _base_name(name) == output]
    if not matches:
        outputs = names[names.index(BLOCK_COLUMN) + 1:]
        raise SobolError(f"no output `{output}` in the batch; it has {', '.join(outputs) or 'none'}")
    k = len(inputs)
    block = k + 2
    sample = columns[SAMPLE_COLUMN].astype(np.int64)
    kind = columns[BLOCK_COLUMN].astype(np.int64)
    y = columns[matches[0]]
    if k < 2 or kind.min(initial=0) < 0 or kind.max(initial=0) > k + 1:
        raise SobolError(f"`{BLOCK_COLUMN}` must run from 0 to {k + 1} for {k} inputs")
    # Shards may arrive in any order: put each sample's rows together, A first and B last.
    order = np.lexsort((kind, sample))
    sample, kind, y = sample[order], kind[order], y[order]
    samples = int(sample.max()) + 1 if sample.size else 0
    if sample.size != samples * block or not np.array_equal(sample, np.repeat(np.arange(samples), block)) \
            or not np.array_equal(kind, np.tile(np.arange(block), samples)):
        raise SobolError(f"the batch is not {samples} whole samples of {block} rows each: rows are missing or repeated")
    grid = y.reshape(samples, block)
    # A sample with an evaluation that has no value (an error row) is left out whole, as bargain does.
    whole = ~np.isnan(grid).any(axis=1)
    kept = grid[whole]
    values = analyze(kept.reshape(-1), k, seed, resamples)
    rows = [InputIndices(inputs[i], *(float(values[c][i]) for c in SobolResult.COLUMNS[1:])) for i in range(k)]
    order_by_total = sorted(range(k), key=lambda i: -rows[i].total)
    return SobolResult(output=matches[0], samples=int(whole.sum()), evaluations=int(y.size), seed=seed,
                       dropped_samples=int(samples - whole.sum()), indices=[rows[i] for i in order_by_total])


def _render(result: SobolResult, fmt: str) -> str:
    if fmt == "json":
        return json.dumps({"output": result.output, "samples": result.samples, "evaluations": result.evaluations,
                           "seed": result.seed, "dropped_samples": result.dropped_samples,
                           "indices": [row.__dict__ for row in result.indices]}, indent=1)
    if fmt == "csv":
        lines = [",".join(SobolResult.COLUMNS)]
        lines += [",".join([row.input] + [repr(getattr(row, c)) for c in SobolResult.COLUMNS[1:]]) for row in result.indices]
        return "\n".join(lines)
    width = max(len("input"), *(len(row.input) for row in result.indices))
    lines = [f"{'input':<{width}}  first_order  95% interval        total  95% interval"]
    for row in result.indices:
        lines.append(f"{row.input:<{width}}  {row.first_order:11.4f}  [{row.first_order_low:.4f}, {row.first_order_high:.4f}]"
                     f"  {row.total:6.4f}  [{row.total_low:.4f}, {row.total_high:.4f}]")
    lines.append(f"{result.samples:,} samples, {result.evaluations:,} evaluations, seed {result.seed}"
                 + (f"; {result.dropped_samples} samples left out (an error row)" if result.dropped_samples else ""))
    return "\n".join(lines)


def main(argv: Optional[Sequence[str]] = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bargain_dask.sobol", description=__doc__.split("\n\n")[0])
    parser.add_argument("file", help="CSV of `bargain batch --sobol N`, or its Parquet file or dataset directory")
    parser.add_argument("--output", required=True, help="the output column, e.g. return_wait (its [unit] optional)")
    parser.add_argument("--seed", type=int, default=1, help="the batch's --seed (default 1, as batch's): the bootstrap uses it")
    parser.add_argument("--resamples", type=int, default=DEFAULT_RESAMPLES, help="bootstrap resamples (default 1000)")
    parser.add_argument("--format", choices=("text", "csv", "json"), default="text")
    args = parser.parse_args(argv)
    if args.seed < 0 or args.resamples < 2:
        parser.error("--seed must be 0 or more and --resamples at least 2")
    try:
        result = sobol_indices(read_columns(args.file), args.output, seed=args.seed, resamples=args.resamples)
    except (SobolError, OSError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 65 if isinstance(error, SobolError) else 74
    print(_render(result, args.format))
    return 0


if __name__ == "__main__":
    sys.exit(main())
