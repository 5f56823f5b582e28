"""bargain-dask against a real cluster (conftest.py): the dataset is the single run's rows and
values, the CSV its bytes; a worker killed mid-run, a killed driver, Ctrl-C and hostile
arguments leave every row exactly once, or nothing written at all."""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
import time
from typing import Dict, List, Optional

import pandas as pd
import pyarrow.parquet as pq
import pytest

from bargain_dask import UsageError, run_batch
from bargain_dask.manifest import MANIFEST


def single_run(bargain: str, args: List[str], folder: str) -> str:
    """The same batch on one machine: `bargain batch ARGS --output FILE`."""
    path = os.path.join(folder, "single.csv")
    done = subprocess.run([bargain, "batch", *args, "--output", path], capture_output=True, text=True)
    assert done.returncode in (0, 70), done.stderr
    return path


def read_single(path: str, description_headers: Optional[List[str]] = None) -> pd.DataFrame:
    frame = pd.read_csv(path, keep_default_na=False, na_values=[""], dtype={"draw": "int64"})
    return frame


def dataset(folder: str) -> pd.DataFrame:
    return pq.read_table(folder).to_pandas()


def assert_same_rows(folder: str, single_csv: str) -> None:
    """The Parquet dataset equals the single run row for row and value for value."""
    table = pq.read_table(folder)
    frame = table.to_pandas()
    single = read_single(single_csv)
    headers = [field.metadata[b"header"].decode() for field in table.schema]
    assert headers == list(single.columns)
    assert len(frame) == len(single)
    for field, header in zip(table.schema, headers):
        mine, theirs = frame[field.name], single[header]
        if field.type == "string":
            assert (mine.fillna("") == theirs.fillna("")).all(), header
        else:
            assert mine.isna().equals(theirs.isna()), header
            assert (mine[mine.notna()].to_numpy() == theirs[theirs.notna()].to_numpy()).all(), header


def driver(cluster, bargain: str, output: str, args: List[str], *extra: str) -> subprocess.Popen:  # type: ignore[no-untyped-def]
    command = [sys.executable, "-m", "bargain_dask.cli", "--scheduler", cluster.address, "--output", output,
               "--bargain", bargain, *extra, "--", *args]
    return subprocess.Popen(command, env=cluster.env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def finish(process: subprocess.Popen, timeout: float = 180) -> "tuple[int, str]":
    _, err = process.communicate(timeout=timeout)
    return process.returncode, err


def manifest(output: str) -> Dict:  # type: ignore[type-arg]
    with open(os.path.join(output, MANIFEST)) as handle:
        return json.load(handle)


def done_shards(output: str) -> int:
    try:
        return sum(1 for s in manifest(output)["shards"] if s["done"])
    except (OSError, ValueError):
        return 0


def wait_until(condition, seconds: float = 120) -> None:  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.05)


def uncertain(folder: str, name: str = "unc.bargain") -> str:
    path = os.path.join(folder, name)
    with open(path, "w") as handle:
        handle.write("outsourcing_share = 10% to 25%\nindirect_hours = 2 h/wk/FTE to 6 h/wk/FTE\n")
    return path


def sampled(folder: str, rows: int, samples: int) -> List[str]:
    return ["--load", uncertain(folder), "--scenario", "unc", "--vary", f"layoffs=0..600:{rows}", "--samples", str(samples),
            "--seed", "7", "--outputs", "return_wait,annual_cost,return_wait_by_year"]


def parts(output: str) -> List[str]:
    return sorted(n for n in os.listdir(output) if n != MANIFEST)


def test_the_drivers_shards_are_bargains_shards(bargain, workdir):  # type: ignore[no-untyped-def]
    """The rows the driver gives each shard (--rows) are those of `bargain batch --shard K/N`."""
    from bargain_dask.driver import split

    args = sampled(workdir, 7, 13)
    for count in (1, 4, 9, 30):
        for spec in split(91, count):
            done = subprocess.run([bargain, "batch", *args, "--shard", f"{spec.index}/{count}", "--describe"],
                                  capture_output=True, text=True, check=True)
            assert json.loads(done.stdout)["selected"] == [spec.start, spec.stop]


def test_parquet_dataset_equals_the_single_run(cluster, bargain, workdir):  # type: ignore[no-untyped-def]
    grid = os.path.join(workdir, "grid.csv")
    with open(grid, "w") as handle:
        handle.write("layoffs,indirect_hours[h/wk/FTE]\n")
        for i in range(400):
            handle.write(f"{(i * 37) % 2600},{2 + (i % 17) * 0.5}\n" if i % 9 else f"\"{i} staff\",3.5\n")
    args = ["--grid", grid, "--outputs", "return_wait,annual_cost,headcount", "--keep-going"]
    output = os.path.join(workdir, "out")
    with cluster.client() as client:
        result = run_batch(client, args, output, shards=7, bargain=bargain, progress=False)
    assert (result.rows, result.shards, result.shards_run, result.shards_already_done) == (400, 7, 7, 0)
    assert result.error_rows > 0  # layoffs past the staff: rows with no value, kept as error rows
    assert_same_rows(output, single_run(bargain, args, workdir))
    assert parts(output) == [f"part-{k:05d}-of-00007.parquet" for k in range(1, 8)]
    schema = pq.read_schema(os.path.join(output, "part-00001-of-00007.parquet"))
    assert schema.field("return_wait").metadata[b"unit"] == b"bd"
    assert schema.field("annual_cost").metadata[b"unit"] == b"$/yr"
    assert schema.field("indirect_hours").metadata[b"unit"] == b"h/wk/FTE"
    assert str(schema.field("error").type) == "string"
    recorded = manifest(output)
    assert recorded["complete"] and recorded["rows"] == 400 and len(recorded["shards"]) == 7
    assert recorded["bargain_version"] == "0.1.0" and len(recorded["model_hash"]) == 64 and len(recorded["grid_sha256"]) == 64
    assert sum(s["rows_written"] for s in recorded["shards"]) == 400
    # Sampled rows too, the shards sized for the cluster.
    args = sampled(workdir, 9, 40)
    output = os.path.join(workdir, "sampled")
    with cluster.client() as client:
        result = run_batch(client, args, output, bargain=bargain, progress=False)
    assert result.shards == 8  # four per worker thread
    assert_same_rows(output, single_run(bargain, args, workdir))


def test_csv_is_the_single_runs_bytes(cluster, bargain, workdir):  # type: ignore[no-untyped-def]
    args = sampled(workdir, 11, 30)
    output = os.path.join(workdir, "csv")
    code, err = finish(driver(cluster, bargain, output, args, "--format", "csv", "--shards", "9"))
    assert code == 0, err
    assert "330 rows in 9 shards (9 run now, 0 already done, 0 retried)" in err
    assert re.search(r"bargain-dask: 9/9 shards, 330/330 rows, [\d,]+ rows/s, 0 retried", err), err  # progress
    with open(os.path.join(output, "batch.csv"), "rb") as mine, open(single_run(bargain, args, workdir), "rb") as theirs:
        assert mine.read() == theirs.read()
    assert parts(output) == ["batch.csv"]
    # The same command again: nothing to run.
    code, err = finish(driver(cluster, bargain, output, args, "--format", "csv"))
    assert code == 0 and "(0 run now, 9 already done" in err, err


def test_a_worker_killed_mid_run_leaves_every_row_once(cluster, bargain, workdir):  # type: ignore[no-untyped-def]
    args = sampled(workdir, 20, 1500)
    output = os.path.join(workdir, "killed")
    with cluster.client() as client:
        pids = client.run(os.getpid)
        process = driver(cluster, bargain, output, args, "--shards", "24")
        wait_until(lambda: done_shards(output) >= 3)
        victim = sorted(pids.values())[0]
        os.kill(victim, signal.SIGKILL)
        code, err = finish(process)
        assert code == 0, err
        # The worker was killed inside a shard: Dask ran that shard again elsewhere.
        assert re.search(r"30,000 rows in 24 shards \(24 run now, 0 already done, [1-9]\d* retried\)", err), err
        client.wait_for_workers(2, timeout=60)  # the nanny restarts it for the tests after this one
    assert len(parts(output)) == 24
    frame = dataset(output)
    assert len(frame) == 30_000 and not frame.duplicated(["layoffs", "draw"]).any()
    assert_same_rows(output, single_run(bargain, args, workdir))


def test_resuming_after_a_killed_driver_runs_only_the_missing_shards(cluster, bargain, workdir):  # type: ignore[no-untyped-def]
    args = sampled(workdir, 20, 1000)
    output = os.path.join(workdir, "resumed")
    process = driver(cluster, bargain, output, args, "--shards", "20")
    wait_until(lambda: done_shards(output) >= 4)
    process.kill()
    process.wait()
    before = manifest(output)
    done = [s for s in before["shards"] if s["done"]]
    assert 4 <= len(done) < 20 and not before["complete"]
    mtimes = {s["file"]: os.stat(os.path.join(output, s["file"])).st_mtime_ns for s in done}
    code, err = finish(driver(cluster, bargain, output, args))
    assert code == 0, err
    assert f"({20 - len(done)} run now, {len(done)} already done" in err, err
    assert {f: os.stat(os.path.join(output, f)).st_mtime_ns for f in mtimes} == mtimes
    assert manifest(output)["complete"]
    assert_same_rows(output, single_run(bargain, args, workdir))


def bargain_children(marker: str) -> List[int]:
    """bargain processes running a shard (`--rows`) whose arguments name `marker` (this test's own file)."""
    found = []
    for pid in os.listdir("/proc"):
        if pid.isdigit():
            try:
                with open(f"/proc/{pid}/cmdline", "rb") as handle:
                    words = handle.read().split(b"\0")
            except OSError:
                continue
            if len(words) > 2 and words[1] == b"batch" and b"--rows" in words and marker.encode() in b" ".join(words):
                found.append(int(pid))
    return found


def test_a_killed_shard_is_retried_and_ctrl_c_cancels(cluster, bargain, workdir):  # type: ignore[no-untyped-def]
    args = sampled(workdir, 10, 1200)
    marker = args[1]
    output = os.path.join(workdir, "retried")
    process = driver(cluster, bargain, output, args, "--shards", "12")
    wait_until(lambda: bool(bargain_children(marker)))
    os.kill(bargain_children(marker)[0], signal.SIGKILL)  # bargain dies under a live worker: the shard fails
    code, err = finish(process)
    assert code == 0, err
    assert re.search(r"in 12 shards \(12 run now, 0 already done, [1-9]\d* retried\)", err), err
    assert_same_rows(output, single_run(bargain, args, workdir))
    # Ctrl-C: exit 130, the cluster's work stops (no bargain left running), the folder resumes.
    output = os.path.join(workdir, "interrupted")
    process = driver(cluster, bargain, output, args, "--shards", "12")
    wait_until(lambda: done_shards(output) >= 2)
    process.send_signal(signal.SIGINT)
    code, err = finish(process, timeout=60)
    assert code == 130 and "interrupted" in err, err
    wait_until(lambda: not bargain_children(marker), seconds=10)
    assert not manifest(output)["complete"]
    code, err = finish(driver(cluster, bargain, output, args))
    assert code == 0 and "already done" in err, err
    assert_same_rows(output, single_run(bargain, args, workdir))


def test_a_failing_shard_reports_bargains_diagnostic(cluster, bargain, workdir):  # type: ignore[no-untyped-def]
    output = os.path.join(workdir, "failing")
    code, err = finish(driver(cluster, bargain, output, ["--vary", "layoffs=0..3000:40", "--outputs", "return_wait"], "--shards", "4"))
    assert code == 1, err
    assert "error[E404]: no appointment capacity is left" in err and "care-capacity.bargain:155:9" in err, err
    assert "note: in row 31: layoffs = 2,308 staff" in err and ".partial" not in err, err
    assert "exit 70, a row with no value" in err and "retried" not in err.split("failed")[-1]


def test_a_shard_failing_every_time_is_retried_then_reported(cluster, bargain, workdir):  # type: ignore[no-untyped-def]
    args = sampled(workdir, 10, 1200)
    marker = args[1]
    output = os.path.join(workdir, "always-killed")
    process = driver(cluster, bargain, output, args, "--shards", "1", "--retries", "1")
    killed = set()
    while process.poll() is None:  # every attempt's bargain is killed
        for pid in bargain_children(marker):
            if pid not in killed:
                os.kill(pid, signal.SIGKILL)
                killed.add(pid)
        time.sleep(0.02)
    code, err = finish(process)
    assert code == 1 and len(killed) == 2, (killed, err)
    assert "shard 1/1 (rows 0..12000) failed" in err and "killed by signal 9" in err and "(after 2 attempts)" in err, err
    assert not manifest(output)["shards"][0]["done"] and parts(output) == []


def test_hostile_arguments_write_nothing(cluster, bargain, workdir):  # type: ignore[no-untyped-def]
    args = ["--vary", "layoffs=0..600:7", "--outputs", "return_wait"]
    a_file = os.path.join(workdir, "a-file")
    with open(a_file, "w") as handle:
        handle.write("not a folder")
    cases = [
        (["--shards", "0"], args, "--shards must be at least 1"),
        (["--shards", "8"], args, "--shards 8 is more than the batch's 7 rows"),
        (["--bargain", "/no/such/bargain"], args, "bargain is not at `/no/such/bargain`"),
        (["--bargain", "bargain-on-one-worker"], args, "bargain is not at `bargain-on-one-worker` on worker"),
        ([], args + ["--shard", "1/2"], "`--shard` is set by bargain-dask"),
        ([], args + ["--rows", "0..3"], "`--rows` is set by bargain-dask"),
        ([], ["--vary", "layoffs=0..600:7", "--outputs", "return_wai"], "unknown output `return_wai`"),
        ([], ["--vary", "layoffs=0..600:0", "--outputs", "return_wait"], "the count `0`"),
    ]
    for number, (options, batch, message) in enumerate(cases):
        output = os.path.join(workdir, f"hostile-{number}")
        process = subprocess.run([sys.executable, "-m", "bargain_dask.cli", "--scheduler", cluster.address, "--output", output,
                                  *(["--bargain", bargain] if "--bargain" not in options else []), *options, "--", *batch],
                                 env=cluster.env, capture_output=True, text=True, timeout=120)
        assert process.returncode == 2, (options, batch, process.stderr)
        assert message in process.stderr, (options, batch, process.stderr)
        assert not os.path.exists(output), (options, batch)
    # Only worker 1 has bargain-on-one-worker on its PATH: the message names the other alone.
    code, err = finish(driver(cluster, "bargain-on-one-worker", os.path.join(workdir, "one"), args))
    assert code == 2 and err.count("bargain is not at") == 1, err
    # An output that is a file, and a folder holding another batch.
    code, err = finish(driver(cluster, bargain, a_file, args))
    assert code == 2 and "is a file, not a folder" in err, err
    with open(a_file) as handle:
        assert handle.read() == "not a folder"
    output = os.path.join(workdir, "taken")
    assert finish(driver(cluster, bargain, output, args))[0] == 0
    before = {n: os.stat(os.path.join(output, n)).st_mtime_ns for n in os.listdir(output)}
    code, err = finish(driver(cluster, bargain, output, ["--vary", "layoffs=0..600:8", "--outputs", "return_wait"]))
    assert code == 2 and "holds a batch with another batch arguments" in err, err
    assert {n: os.stat(os.path.join(output, n)).st_mtime_ns for n in os.listdir(output)} == before
    with cluster.client() as client, pytest.raises(UsageError, match="empty or new folder"):
        os.makedirs(os.path.join(workdir, "busy"))
        open(os.path.join(workdir, "busy", "notes.txt"), "w").close()
        run_batch(client, args, os.path.join(workdir, "busy"), bargain=bargain, progress=False)


def test_a_sobol_design_on_the_cluster_gives_the_statements_indices(cluster, bargain, workdir):  # type: ignore[no-untyped-def]
    """Global sensitivity at scale: the `--sobol` design run shard by shard on the cluster into
    Parquet, the indices computed from the dataset, equal to the statement's for the same design."""
    import csv as csvmodule
    import io

    from bargain_dask.sobol import read_columns, sobol_indices

    here = os.path.dirname(os.path.abspath(__file__))
    uncertain = os.path.join(here, "uncertain.bargain")
    args = ["--load", uncertain, "--scenario", "uncertain", "--sobol", "500", "--seed", "5", "--outputs", "return_wait"]
    output = os.path.join(workdir, "sobol")
    with cluster.client() as client:
        result = run_batch(client, args, output, shards=5, bargain=bargain, progress=False)
    assert result.shards_run == 5
    indices = sobol_indices(read_columns(output), "return_wait", seed=5).indices
    script = os.path.join(workdir, "global.bargain")
    with open(script, "w") as handle:
        handle.write("sensitivity return_wait global samples 500 seed 5 in uncertain\n")
    done = subprocess.run([bargain, "run", "--scenario", uncertain, "--format", "csv", script], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    stated = {row["input"]: row for row in csvmodule.DictReader(io.StringIO(done.stdout))}
    assert set(stated) == {entry.input for entry in indices}
    for entry in indices:
        assert abs(entry.first_order - float(stated[entry.input]["first_order"])) < 1e-9
        assert abs(entry.total - float(stated[entry.input]["total"])) < 1e-9
