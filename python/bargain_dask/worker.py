"""What runs on a worker: bargain on one shard's rows, its CSV turned into a typed Parquet file.

Every file lands under its final name by a rename, after it is complete, so a retried or
duplicated shard (a worker presumed dead that finishes after all) writes the same bytes over
the same name, never a second copy or half a file.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import socket
import subprocess
import tempfile
import time
import uuid
from dataclasses import dataclass
from typing import Dict, List, Optional, Sequence

import pyarrow as pa
import pyarrow.csv as pacsv
import pyarrow.parquet as pq

from .describe import BatchDescription
from .errors import ShardFailed

# bargain's exit statuses that are verdicts on the batch itself (usage, a bad grid or file,
# a row with no value): the same on any machine, so not worth a retry. 74 (I/O) may pass.
_VERDICTS = {64: "usage", 65: "bad input", 70: "a row with no value"}


@dataclass(frozen=True)
class ShardSpec:
    """Shard `index` (1-based) of `count`: rows `start` up to (not including) `stop`."""

    index: int
    count: int
    start: int
    stop: int

    @property
    def stem(self) -> str:
        width = max(5, len(str(self.count)))
        return f"part-{self.index:0{width}d}-of-{self.count:0{width}d}"


@dataclass(frozen=True)
class ShardResult:
    """A finished shard: its file (relative to the output folder), rows and checksums."""

    index: int
    file: str
    rows: int
    error_rows: int
    sha256: str
    csv_sha256: str
    bytes: int
    seconds: float
    worker: str
    note: str


def file_sha256(path: str) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _bargain_command(bargain: str, batch_args: Sequence[str], extra: Sequence[str]) -> List[str]:
    resolved = shutil.which(bargain) if os.sep not in bargain else (bargain if os.access(bargain, os.X_OK) else None)
    if resolved is None:
        raise ShardFailed(f"bargain is not at `{bargain}` on worker {socket.gethostname()} "
                          f"(install it there, or give its path with --bargain)", retryable=False)
    return [resolved, "batch", *batch_args, *extra]


def check_bargain(bargain: str) -> str:
    """`bargain --version` on this worker (run on every worker before anything is written)."""
    command = _bargain_command(bargain, [], [])[:1] + ["--version"]
    done = subprocess.run(command, capture_output=True, text=True, timeout=60)
    if done.returncode != 0:
        raise ShardFailed(f"`{command[0]} --version` failed on worker {socket.gethostname()}: {done.stderr.strip()}", retryable=False)
    return done.stdout.strip()


def grid_path(batch_args: Sequence[str]) -> Optional[str]:
    """The `--grid FILE` of the batch's arguments, if any."""
    for i, arg in enumerate(batch_args):
        if arg == "--grid" and i + 1 < len(batch_args):
            return batch_args[i + 1]
        if arg.startswith("--grid="):
            return arg[len("--grid="):]
    return None


def describe(bargain: str, batch_args: Sequence[str]) -> Dict[str, object]:
    """`bargain batch ARGS --describe` on a worker, plus the grid file's SHA-256 (its contents,
    which the arguments name only by path)."""
    command = _bargain_command(bargain, batch_args, ["--describe"])
    done = subprocess.run(command, capture_output=True, text=True)
    if done.returncode != 0:
        raise ShardFailed(f"bargain batch refused the arguments (exit {done.returncode}):\n{done.stderr.rstrip()}", retryable=False)
    grid = grid_path(batch_args)
    return {"describe": done.stdout, "grid_sha256": file_sha256(grid) if grid else None}


def _die_with_parent() -> None:
    """In the child: on Linux, ask to be killed when the worker dies (a worker killed with
    SIGKILL leaves no bargain running on for nobody)."""
    try:
        import ctypes
        import signal

        ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, int(signal.SIGKILL))  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass


def _run_bargain(command: List[str], cancel_event: Optional[str]) -> subprocess.CompletedProcess:
    """Runs bargain, killing it if the driver cancels the run (Ctrl-C) while it works."""
    event = None
    if cancel_event is not None:
        from distributed import Event, get_client

        event = Event(cancel_event, client=get_client())
    with tempfile.TemporaryFile() as err:
        process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=err,
                                   preexec_fn=_die_with_parent if os.name == "posix" else None)
        last_check = time.monotonic()
        while True:
            try:
                code = process.wait(timeout=0.2)
                break
            except subprocess.TimeoutExpired:
                pass
            if event is not None and time.monotonic() - last_check > 1.0:
                last_check = time.monotonic()
                if event.is_set():
                    process.kill()
                    process.wait()
                    raise ShardFailed("cancelled", retryable=False)
        err.seek(0)
        stderr = err.read().decode("utf-8", "replace")
    return subprocess.CompletedProcess(command, code, "", stderr)


def run_shard(bargain: str, batch_args: Sequence[str], spec: ShardSpec, output: str, fmt: str,
              description_json: str, metadata: Dict[str, str], run_topic: Optional[str] = None,
              cancel_event: Optional[str] = None) -> ShardResult:
    """Runs bargain on the shard's rows and puts the result in `output` under its final name."""
    started = time.monotonic()
    if run_topic is not None:
        try:
            from distributed import get_worker

            get_worker().log_event(run_topic, {"shard": spec.index})
        except ValueError:  # not on a worker (called directly): nothing to tell
            pass
    description = BatchDescription.from_json(description_json)
    extra = ["--rows", f"{spec.start}..{spec.stop}", "--format", "csv"]
    if not any(a == "--threads" or a.startswith("--threads=") for a in batch_args):
        extra += ["--threads", "1"]  # the worker's threads are the parallelism
    scratch = tempfile.mkdtemp(prefix="bargain-dask-")
    try:
        csv_path = os.path.join(scratch, spec.stem + ".csv")
        done = _run_bargain(_bargain_command(bargain, batch_args, extra + ["--output", csv_path]), cancel_event)
        keep_going = "--keep-going" in batch_args
        complete = os.path.exists(csv_path)
        if done.returncode != 0 and not (keep_going and done.returncode == 70 and complete):
            kind = _VERDICTS.get(done.returncode)
            reason = f"exit {done.returncode}" + (f", {kind}" if kind else "") if done.returncode >= 0 else f"killed by signal {-done.returncode}"
            # bargain's note on where it kept the rows before the stop names a scratch file, gone now.
            diagnostic = "\n".join(line for line in done.stderr.rstrip().splitlines() if ".partial;" not in line)
            raise ShardFailed(f"shard {spec.index}/{spec.count} (rows {spec.start}..{spec.stop}) failed on "
                              f"{socket.gethostname()} ({reason}):\n{diagnostic}", retryable=kind is None)
        if not complete:
            raise ShardFailed(f"shard {spec.index}/{spec.count}: bargain exited 0 but wrote no {csv_path}")
        csv_sha256 = file_sha256(csv_path)
        if fmt == "csv":
            name = spec.stem + ".csv"
            rows, error_rows = _count_csv_rows(csv_path)
            final = _place(csv_path, output, name)
        else:
            name = spec.stem + ".parquet"
            parquet_tmp = os.path.join(scratch, name)
            rows, error_rows = csv_to_parquet(csv_path, parquet_tmp, description, metadata)
            final = _place(parquet_tmp, output, name)
        return ShardResult(index=spec.index, file=name, rows=rows, error_rows=error_rows, sha256=file_sha256(final),
                           csv_sha256=csv_sha256, bytes=os.path.getsize(final), seconds=time.monotonic() - started,
                           worker=socket.gethostname(), note=done.stderr.strip())
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


def _place(path: str, folder: str, name: str) -> str:
    """Copies `path` into `folder` under a hidden temporary name, then renames it to `name`."""
    final = os.path.join(folder, name)
    temporary = os.path.join(folder, f".{name}.tmp-{uuid.uuid4().hex}")
    try:
        shutil.copyfile(path, temporary)
        with open(temporary, "rb+") as handle:
            os.fsync(handle.fileno())
        os.replace(temporary, final)
    finally:
        if os.path.exists(temporary):
            os.unlink(temporary)
    return final


def _count_csv_rows(path: str) -> "tuple[int, int]":
    with open(path, "rb") as handle:
        lines = sum(block.count(b"\n") for block in iter(lambda: handle.read(1 << 20), b""))
    return max(0, lines - 1), 0


def csv_to_parquet(csv_path: str, parquet_path: str, description: BatchDescription,
                   metadata: Dict[str, str]) -> "tuple[int, int]":
    """Streams bargain's CSV into a Parquet file typed as the description says (constant
    memory: a block of rows at a time). Returns (rows, error rows)."""
    with open(csv_path, "rb") as handle:
        header = handle.readline().decode("utf-8").rstrip("\n").split(",")
    if header != description.headers:
        raise ShardFailed(f"the shard's header {header} is not the one bargain described {description.headers}", retryable=False)
    schema = description.arrow_schema(metadata)
    names = [column.name for column in description.columns]
    reader = pacsv.open_csv(
        csv_path,
        read_options=pacsv.ReadOptions(skip_rows=1, column_names=names, block_size=1 << 22),
        convert_options=pacsv.ConvertOptions(column_types={f.name: f.type for f in schema}, null_values=[""],
                                             strings_can_be_null=True, quoted_strings_can_be_null=False),
    )
    rows = errors = 0
    error_index = names.index("error") if description.columns and description.columns[-1].role == "error" else None
    with pq.ParquetWriter(parquet_path, schema, compression="zstd") as writer:
        for batch in reader:
            table = pa.Table.from_batches([batch]).cast(schema)
            writer.write_table(table)
            rows += table.num_rows
            if error_index is not None:
                errors += table.num_rows - table.column(error_index).null_count
        if rows == 0:
            writer.write_table(schema.empty_table())
    return rows, errors
