"""A real Dask cluster on loopback for the tests: `dask scheduler` and two `dask worker`
processes, each its own subprocess on free ports, stopped at the end even when a test fails.

BARGAIN_BIN names the bargain binary under test (test.sh passes the one it built)."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from typing import Dict, Iterator, List

import pytest

PYTHON_DIR = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


@dataclass
class Cluster:
    address: str
    processes: List[subprocess.Popen]
    env: Dict[str, str]
    folder: str
    # A folder on worker 1's PATH only, for "the binary is missing on one worker".
    one_worker_bin: str

    def client(self):  # type: ignore[no-untyped-def]
        from distributed import Client

        return Client(self.address, timeout="30s")


def bargain_binary() -> str:
    path = os.environ.get("BARGAIN_BIN")
    if not path or not os.access(path, os.X_OK):
        pytest.fail("set BARGAIN_BIN to the built bargain binary (test.sh does: $(swift build --show-bin-path)/bargain)")
    return os.path.abspath(path)


def _environment() -> Dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = PYTHON_DIR + (os.pathsep + env["PYTHONPATH"] if env.get("PYTHONPATH") else "")
    env["DASK_DISTRIBUTED__WORKER__DAEMON"] = "False"
    return env


def _wait_for(path: str, seconds: float) -> None:
    deadline = time.monotonic() + seconds
    while not os.path.exists(path) or os.path.getsize(path) == 0:
        if time.monotonic() > deadline:
            raise TimeoutError(f"{path} did not appear within {seconds} s")
        time.sleep(0.1)


@pytest.fixture(scope="session")
def bargain() -> str:
    return bargain_binary()


@pytest.fixture(scope="session")
def cluster(bargain: str) -> Iterator[Cluster]:
    folder = tempfile.mkdtemp(prefix="bargain-dask-cluster-")
    env = _environment()
    scheduler_file = os.path.join(folder, "scheduler.json")
    dask = [sys.executable, "-m", "dask"]  # `dask scheduler`, `dask worker`, with this Python
    processes: List[subprocess.Popen] = []
    one_worker_bin = os.path.join(folder, "bin")
    os.makedirs(one_worker_bin)
    os.symlink(bargain, os.path.join(one_worker_bin, "bargain-on-one-worker"))
    try:
        processes.append(subprocess.Popen(
            dask + ["scheduler", "--host", "127.0.0.1", "--port", "0", "--dashboard-address", ":0", "--scheduler-file", scheduler_file],
            env=env, cwd=folder, stdout=open(os.path.join(folder, "scheduler.log"), "wb"), stderr=subprocess.STDOUT,
            start_new_session=True))
        _wait_for(scheduler_file, 60)
        with open(scheduler_file) as handle:
            address = json.load(handle)["address"]
        for n in (1, 2):
            worker_env = dict(env)
            if n == 1:
                worker_env["PATH"] = one_worker_bin + os.pathsep + env.get("PATH", "")
            processes.append(subprocess.Popen(
                dask + ["worker", address, "--nthreads", "1", "--name", f"worker-{n}",
                 "--host", "127.0.0.1", "--dashboard-address", ":0", "--local-directory", os.path.join(folder, f"w{n}")],
                env=worker_env, cwd=folder, stdout=open(os.path.join(folder, f"worker-{n}.log"), "wb"),
                stderr=subprocess.STDOUT, start_new_session=True))
        made = Cluster(address=address, processes=processes, env=env, folder=folder, one_worker_bin=one_worker_bin)
        with made.client() as client:
            client.wait_for_workers(2, timeout=90)
        yield made
    finally:
        for process in processes:
            if process.poll() is None:
                os.killpg(process.pid, signal.SIGTERM)
        for process in processes:
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait()
        shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture
def workdir(tmp_path) -> str:  # type: ignore[no-untyped-def]
    return str(tmp_path)
