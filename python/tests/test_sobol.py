"""Sobol' indices end to end: the built bargain binary (env BARGAIN_BIN), its `batch --sobol`
design, python/bargain_dask/sobol.py, SALib on the same outputs, and closed forms.

    BARGAIN_BIN=.build/debug/bargain python3 -m pytest python/tests
"""

from __future__ import annotations

import csv
import io
import os
import subprocess
from pathlib import Path
from typing import Dict, List

import numpy as np
import pytest

from bargain_dask.sobol import SobolError, analyze, read_columns, sobol_indices

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
BARGAIN = os.environ.get("BARGAIN_BIN", str(ROOT / ".build" / "debug" / "bargain"))
UNCERTAIN = HERE / "uncertain.bargain"
GFUNCTION = HERE / "gfunction.bargain"
COLUMNS = ["first_order", "first_order_low", "first_order_high", "total", "total_low", "total_high"]


def bargain(*args: str, cwd: Path = ROOT) -> str:
    done = subprocess.run([BARGAIN, *args], cwd=cwd, capture_output=True, text=True)
    assert done.returncode == 0, f"bargain {' '.join(args)} failed ({done.returncode}): {done.stderr}"
    return done.stdout


def statement_indices(statement: str, *model: str, tmp: Path) -> Dict[str, Dict[str, float]]:
    """The indices `bargain run --format csv` writes for one statement, by input."""
    script = tmp / "statement.bargain"
    script.write_text(statement + "\n")
    rows = list(csv.DictReader(io.StringIO(bargain("run", *model, "--format", "csv", str(script)))))
    assert [list(row) for row in rows][0] == ["input", *COLUMNS]
    return {row["input"]: {c: float(row[c]) for c in COLUMNS} for row in rows}


def sobol_batch(tmp: Path, samples: int, seed: int, outputs: str, *model: str) -> Path:
    out = tmp / "design.csv"
    bargain("batch", *model, "--sobol", str(samples), "--seed", str(seed), "--outputs", outputs, "--output", str(out))
    return out


@pytest.fixture(scope="module")
def design(tmp_path_factory: pytest.TempPathFactory) -> Path:
    tmp = tmp_path_factory.mktemp("design")
    return sobol_batch(tmp, 2000, 11, "return_wait,annual_cost", "--load", str(UNCERTAIN), "--scenario", "uncertain")


def test_design_is_saltelli(design: Path) -> None:
    columns = read_columns(str(design))
    names = list(columns)
    inputs = names[:names.index("sobol_sample")]
    assert [n.split("[")[0] for n in inputs] == ["indirect_hours", "turnover_base", "referrals", "outsourcing_share"]
    k = len(inputs)
    x = np.column_stack([columns[n] for n in inputs]).reshape(2000, k + 2, k)
    blocks = columns["sobol_block"].reshape(2000, k + 2)
    assert (blocks == np.arange(k + 2)).all() and (columns["sobol_sample"].reshape(2000, k + 2)[:, 0] == np.arange(2000)).all()
    a, b = x[:, 0, :], x[:, k + 1, :]
    for i in range(k):
        ab = x[:, 1 + i, :]
        expected = a.copy()
        expected[:, i] = b[:, i]
        assert np.array_equal(ab, expected), f"AB_{i + 1} is not A with column {i + 1} from B"
    # The marginals are the inputs' distributions: uniform(30%, 50%) and the triangle's bounds.
    share = x[:, 0, inputs.index("outsourcing_share")]
    assert share.min() >= 0.3 and share.max() <= 0.5 and abs(share.mean() - 0.4) < 0.005
    turnover = x[:, 0, [n.split("[")[0] for n in inputs].index("turnover_base")]
    assert turnover.min() >= 8 and turnover.max() <= 18  # in %/yr, the column's unit
    # A and B are independent draws: their columns are uncorrelated.
    assert abs(np.corrcoef(a[:, 2], b[:, 2])[0, 1]) < 0.08


def test_python_equals_statement(design: Path, tmp_path: Path) -> None:
    ours = sobol_indices(read_columns(str(design)), "return_wait", seed=11)
    stated = statement_indices("sensitivity return_wait global samples 2000 seed 11 in uncertain",
                               "--scenario", str(UNCERTAIN), tmp=tmp_path)
    assert [row.input for row in ours.indices] == list(stated)
    for row in ours.indices:
        for c in COLUMNS:
            assert getattr(row, c) == pytest.approx(stated[row.input][c], abs=1e-12, rel=1e-10), (row.input, c)
    assert ours.samples == 2000 and ours.evaluations == 2000 * 6


def test_rows_in_any_order_give_the_same_indices(design: Path) -> None:
    columns = read_columns(str(design))
    shuffled = np.random.default_rng(3).permutation(len(columns["sobol_sample"]))
    mixed = {name: values[shuffled] for name, values in columns.items()}
    assert sobol_indices(mixed, "annual_cost", seed=11) == sobol_indices(columns, "annual_cost", seed=11)


def test_agrees_with_salib(design: Path) -> None:
    from SALib.analyze import sobol as salib

    columns = read_columns(str(design))
    names = list(columns)
    inputs = [n.split("[")[0] for n in names[:names.index("sobol_sample")]]
    for output in ("return_wait[bd]", "annual_cost[$/yr]"):
        y = columns[output]
        ours = {row.input: row for row in sobol_indices(columns, output, seed=11).indices}
        problem = {"num_vars": len(inputs), "names": inputs, "bounds": [[0.0, 1.0]] * len(inputs)}
        si = salib.analyze(problem, y, calc_second_order=False, num_resamples=1000, conf_level=0.95, seed=5)
        for i, name in enumerate(inputs):
            row = ours[name]
            for key, value, low, high in (("S1", row.first_order, row.first_order_low, row.first_order_high),
                                          ("ST", row.total, row.total_low, row.total_high)):
                theirs, conf = float(si[key][i]), float(si[key + "_conf"][i])
                # The same estimators on the same outputs: the same point, up to rounding.
                assert value == pytest.approx(theirs, abs=1e-9), (output, name, key)
                # Each lies within the other's interval, and the bootstrap widths agree.
                assert low <= theirs <= high and theirs - conf <= value <= theirs + conf
                assert (high - low) / 2 == pytest.approx(conf, rel=0.25, abs=1e-6), (output, name, key)


def g_function_exact(a: List[float]) -> Dict[str, List[float]]:
    v = [1 / (3 * (1 + ai) ** 2) for ai in a]
    total_variance = float(np.prod([1 + vi for vi in v])) - 1
    first = [vi / total_variance for vi in v]
    total = [vi * float(np.prod([1 + vj for j, vj in enumerate(v) if j != i])) / total_variance for i, vi in enumerate(v)]
    return {"first_order": first, "total": total}


@pytest.mark.parametrize("output, exact", [
    ("g", g_function_exact([0, 1, 4.5])),
    ("linear", {"first_order": [1 / 14, 4 / 14, 9 / 14], "total": [1 / 14, 4 / 14, 9 / 14]}),
])
def test_closed_forms(output: str, exact: Dict[str, List[float]], tmp_path: Path) -> None:
    stated = statement_indices(f"sensitivity {output} global samples 20000 seed 2", "--no-model", str(GFUNCTION), tmp=tmp_path)
    for i, name in enumerate(["x1", "x2", "x3"]):
        for key in ("first_order", "total"):
            value, low, high = stated[name][key], stated[name][key + "_low"], stated[name][key + "_high"]
            # Within about three standard errors (1.5 × the 95% half-width) of the closed form.
            half = (high - low) / 2
            assert abs(value - exact[key][i]) <= 1.5 * half + 1e-12, (output, name, key, value, exact[key][i], half)
            assert half < 0.05


def test_errors(design: Path, tmp_path: Path) -> None:
    columns = read_columns(str(design))
    with pytest.raises(SobolError, match="no output `wait`"):
        sobol_indices(columns, "wait")
    cut = {name: values[:-1] for name, values in columns.items()}
    with pytest.raises(SobolError, match="rows are missing or repeated"):
        sobol_indices(cut, "return_wait")
    with pytest.raises(SobolError, match="infinite in 1 of 60"):
        analyze(np.r_[np.arange(59.0), np.inf], inputs=4, seed=1)
    with pytest.raises(SobolError, match="no variance"):
        analyze(np.full(60, 3.0), inputs=4, seed=1)
    grid = tmp_path / "grid.csv"
    grid.write_text("layoffs,return_wait[bd]\n0,15\n")
    with pytest.raises(SobolError, match="not the output of `bargain batch --sobol N`"):
        sobol_indices(read_columns(str(grid)), "return_wait")


def test_command_line(design: Path) -> None:
    done = subprocess.run(["python3", "-m", "bargain_dask.sobol", str(design), "--output", "return_wait", "--seed", "11",
                           "--format", "csv"], cwd=ROOT / "python", capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    header, *rows = done.stdout.strip().split("\n")
    assert header == "input," + ",".join(COLUMNS) and len(rows) == 4
    bad = subprocess.run(["python3", "-m", "bargain_dask.sobol", str(design), "--output", "nothing"],
                         cwd=ROOT / "python", capture_output=True, text=True)
    assert bad.returncode == 65 and "no output `nothing`" in bad.stderr


def test_parquet(design: Path, tmp_path: Path) -> None:
    pa = pytest.importorskip("pyarrow")
    import pyarrow.parquet as pq

    columns = read_columns(str(design))
    path = tmp_path / "design.parquet"
    pq.write_table(pa.table(columns), path)
    assert sobol_indices(read_columns(str(path)), "return_wait", seed=11) == sobol_indices(columns, "return_wait", seed=11)

