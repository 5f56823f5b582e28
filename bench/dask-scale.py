#!/usr/bin/env python3
"""Rows per second for one machine alone (`bargain batch`) against a local two-worker Dask
cluster (`bargain-dask`, a `dask scheduler` and two `dask worker` processes of one thread
each), and the Parquet write rate (bargain's CSV into a typed Parquet file, as a worker does).

    bench/dask-scale.py [--rows-per-input N] [--inputs N]    (BARGAIN=path to use another binary)

Use a release build (it builds one when BARGAIN is not set). The batch is Monte Carlo over two
uncertain inputs: --vary layoffs over INPUTS values × --samples N draws, two outputs plus the
four by-year return waits (8 columns in all)."""

from __future__ import annotations

import argparse
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
sys.path.insert(0, os.path.join(ROOT, "python"))


def release_bargain() -> str:
    if os.environ.get("BARGAIN"):
        return os.path.abspath(os.environ["BARGAIN"])
    subprocess.run(["swift", "build", "-c", "release"], cwd=ROOT, check=True, stdout=subprocess.DEVNULL)
    path = subprocess.run(["swift", "build", "-c", "release", "--show-bin-path"], cwd=ROOT, check=True,
                          capture_output=True, text=True).stdout.strip()
    return os.path.join(path, "bargain")


def timed(command, **kwargs) -> float:  # type: ignore[no-untyped-def]
    start = time.monotonic()
    subprocess.run(command, check=True, **kwargs)
    return time.monotonic() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--inputs", type=int, default=50)
    parser.add_argument("--rows-per-input", type=int, default=20000, help="--samples per input row")
    options = parser.parse_args()
    bargain = release_bargain()
    folder = tempfile.mkdtemp(prefix="bargain-dask-bench-")
    processes = []
    try:
        scenario = os.path.join(folder, "unc.bargain")
        with open(scenario, "w") as handle:
            handle.write("outsourcing_share = 10% to 25%\nindirect_hours = 2 h/wk/FTE to 6 h/wk/FTE\n")
        args = ["--load", scenario, "--scenario", "unc", "--vary", f"layoffs=0..600:{options.inputs}",
                "--samples", str(options.rows_per_input), "--outputs", "return_wait,annual_cost,return_wait_by_year"]
        rows = options.inputs * options.rows_per_input
        cores = os.cpu_count() or 1
        print(f"batch: {rows:,} rows (8 columns), {cores} cores, bargain {bargain}")

        single = os.path.join(folder, "single.csv")
        seconds = timed([bargain, "batch", *args, "--output", single])
        size = os.path.getsize(single)
        print(f"{'one machine: bargain batch --threads ' + str(cores) + ' (CSV)':66} {seconds:7.2f} s {rows / seconds:12,.0f} rows/s")
        seconds = timed([bargain, "batch", *args, "--threads", "1", "--output", single])
        print(f"{'one machine: bargain batch --threads 1 (CSV)':66} {seconds:7.2f} s {rows / seconds:12,.0f} rows/s")

        from bargain_dask.describe import BatchDescription
        from bargain_dask.worker import csv_to_parquet

        description = BatchDescription.from_json(subprocess.run([bargain, "batch", *args, "--describe"], check=True,
                                                                capture_output=True, text=True).stdout)
        parquet = os.path.join(folder, "single.parquet")
        start = time.monotonic()
        csv_to_parquet(single, parquet, description, {})
        seconds = time.monotonic() - start
        print(f"{'Parquet write (CSV → typed Parquet, zstd, one thread)':66} {seconds:7.2f} s {rows / seconds:12,.0f} rows/s"
              f"  ({size / seconds / 1e6:,.0f} MB/s of CSV in, {os.path.getsize(parquet) / 1e6:,.1f} MB out of {size / 1e6:,.1f})")

        env = dict(os.environ, PYTHONPATH=os.path.join(ROOT, "python"))
        scheduler_file = os.path.join(folder, "scheduler.json")
        dask = [sys.executable, "-m", "dask"]
        log = open(os.path.join(folder, "cluster.log"), "wb")
        processes.append(subprocess.Popen(dask + ["scheduler", "--host", "127.0.0.1", "--port", "0", "--dashboard-address", ":0",
                                                  "--scheduler-file", scheduler_file], env=env, cwd=folder, stdout=log,
                                          stderr=subprocess.STDOUT, start_new_session=True))
        while not os.path.exists(scheduler_file) or os.path.getsize(scheduler_file) == 0:
            time.sleep(0.1)
        with open(scheduler_file) as handle:
            address = json.load(handle)["address"]
        for n in (1, 2):
            processes.append(subprocess.Popen(dask + ["worker", address, "--nthreads", "1", "--host", "127.0.0.1",
                                                      "--dashboard-address", ":0"], env=env, cwd=folder, stdout=log,
                                              stderr=subprocess.STDOUT, start_new_session=True))
        from distributed import Client

        with Client(address) as client:
            client.wait_for_workers(2, timeout=120)
        for fmt in ("parquet", "csv"):
            output = os.path.join(folder, f"cluster-{fmt}")
            seconds = timed([sys.executable, "-m", "bargain_dask.cli", "--scheduler", address, "--output", output,
                             "--bargain", bargain, "--format", fmt, "--quiet", "--", *args], env=env)
            label = f"local cluster, 2 workers × 1 thread: bargain-dask --format {fmt}"
            print(f"{label:66} {seconds:7.2f} s {rows / seconds:12,.0f} rows/s")
    finally:
        for process in processes:
            os.killpg(process.pid, signal.SIGTERM)
        for process in processes:
            process.wait()
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
