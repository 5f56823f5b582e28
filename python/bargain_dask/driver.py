"""The driver: splits a batch into shards, runs them on a Dask cluster, and keeps the output
folder consistent (every file renamed into place whole, the manifest rewritten atomically) so
a rerun of the same command runs only the shards that are missing."""

from __future__ import annotations

import glob
import json
import os
import time
import uuid
from dataclasses import dataclass
from typing import TYPE_CHECKING, Callable, Dict, List, Optional, Sequence

from .csv_output import CSV_NAME, CsvAssembler
from .describe import BatchDescription
from .errors import BargainDaskError, ShardFailed, UsageError
from .manifest import MANIFEST, Manifest, read_manifest, write_atomically
from .progress import Progress
from .worker import ShardResult, ShardSpec, check_bargain, describe, file_sha256, run_shard

if TYPE_CHECKING:
    from distributed import Client

# Options of `bargain batch` the driver sets itself for each shard.
RESERVED = ("--output", "--shard", "--rows", "--describe", "--format")
# Options of `bargain batch` that name files: made absolute (from the driver's folder), since
# workers start elsewhere; the files must be at that path on every worker (a shared file system).
PATH_OPTIONS = ("--grid", "--load", "--model")
# A shard holds at most this many cells (rows × columns), so a worker's memory stays bounded.
MAX_CELLS_PER_SHARD = 50_000_000


@dataclass(frozen=True)
class BatchResult:
    """What a run did: the folder, the rows, the shards run now and those done before."""

    output: str
    rows: int
    shards: int
    shards_run: int
    shards_already_done: int
    retried: int
    seconds: float
    error_rows: int

    @property
    def manifest(self) -> str:
        return os.path.join(self.output, MANIFEST)


def split(rows: int, count: int) -> List[ShardSpec]:
    """`count` contiguous, nearly equal shards of `rows` rows (as `bargain batch --shard K/N`)."""
    return [ShardSpec(index=k, count=count, start=(k - 1) * rows // count, stop=k * rows // count) for k in range(1, count + 1)]


def default_shards(rows: int, columns: int, threads: int) -> int:
    """Four shards per worker thread (so a slow or lost worker costs little), more if a shard
    would hold too many cells, never more than there are rows."""
    by_size = -(-rows * max(1, columns) // MAX_CELLS_PER_SHARD)
    return max(1, min(rows, max(4 * max(1, threads), by_size)))


def check_arguments(batch_args: Sequence[str], shards: Optional[int], fmt: str, retries: int) -> None:
    if not batch_args:
        raise UsageError("give the arguments of bargain batch after `--`, such as -- --vary layoffs=0..600:601 --outputs return_wait")
    if batch_args[0] == "batch":
        raise UsageError("give the arguments of bargain batch without the word `batch`")
    for arg in batch_args:
        for reserved in RESERVED:
            if arg == reserved or arg.startswith(reserved + "="):
                raise UsageError(f"`{reserved}` is set by bargain-dask for each shard; leave it out of the batch's arguments"
                                 + (" (use bargain-dask --format parquet|csv)" if reserved == "--format" else ""))
    if shards is not None and shards < 1:
        raise UsageError(f"--shards must be at least 1, not {shards}")
    if fmt not in ("parquet", "csv"):
        raise UsageError(f"--format is parquet or csv, not {fmt!r}")
    if retries < 0:
        raise UsageError(f"--retries must be at least 0, not {retries}")


def absolute_paths(batch_args: Sequence[str]) -> List[str]:
    """The arguments with the files they name made absolute."""
    out: List[str] = []
    for i, arg in enumerate(batch_args):
        if i > 0 and batch_args[i - 1] in PATH_OPTIONS and not arg.startswith("-"):
            out.append(os.path.abspath(arg))
            continue
        name, equals, value = arg.partition("=")
        out.append(f"{name}={os.path.abspath(value)}" if equals and name in PATH_OPTIONS and value else arg)
    return out


def check_output(output: str) -> Optional[Manifest]:
    """The folder's manifest, if it has one; an error if it is a file or holds something else."""
    if os.path.exists(output) and not os.path.isdir(output):
        raise UsageError(f"--output {output} is a file, not a folder: give a folder for the dataset")
    if not os.path.isdir(output):
        return None
    manifest = read_manifest(output)
    if manifest is None and [n for n in os.listdir(output) if not n.startswith(".")]:
        raise UsageError(f"--output {output} is not empty and holds no {MANIFEST}: give an empty or new folder")
    return manifest


def run_batch(client: "Client", batch_args: Sequence[str], output: str, shards: Optional[int] = None, bargain: str = "bargain",
              format: str = "parquet", retries: int = 2, progress: bool = True,
              on_result: Optional[Callable[[ShardResult], None]] = None,
              stop: Optional[Callable[[], bool]] = None) -> BatchResult:
    """Runs `bargain batch BATCH_ARGS` on the cluster behind `client`, shard by shard, into
    the folder `output`: a Parquet dataset (one file per shard) or, with format="csv", one CSV
    that is byte for byte what a single `bargain batch` writes. Rerun the same call to finish
    a run that stopped: only missing shards run. Raises BargainDaskError with a message for
    the user (bargain's own diagnostic for a shard that failed)."""
    check_arguments(list(batch_args), shards, format, retries)
    batch_args = absolute_paths(batch_args)
    output = os.path.abspath(output)
    existing = check_output(output)
    started = time.monotonic()

    # Every worker must have bargain, and bargain must accept the arguments: checked before
    # anything is written.
    versions = client.run(_version_or_error, bargain)
    if not versions:
        raise BargainDaskError("the cluster has no workers")
    broken = {w: v for w, v in versions.items() if v.startswith("error: ")}
    if broken:
        raise UsageError("; ".join(f"{w}: {v[len('error: '):]}" for w, v in sorted(broken.items())))
    if len(set(versions.values())) > 1:
        raise UsageError(f"the workers run different versions of bargain: {sorted(set(versions.values()))}")
    try:
        described = client.submit(describe, bargain, batch_args, pure=False).result()
    except ShardFailed as error:
        raise UsageError(str(error)) from None
    description = BatchDescription.from_json(str(described["describe"]))
    grid_sha256 = described["grid_sha256"]

    fresh = Manifest(batch_args=batch_args, format=format, bargain_version=description.bargain_version,
                     model_hash=description.model_hash, grid_sha256=grid_sha256 if isinstance(grid_sha256, str) else None,
                     rows=description.rows, shards=[], columns=[dict(vars(c)) for c in description.columns])
    if existing is not None:
        differences = [k for k, v in existing.identity().items() if fresh.identity()[k] != v]
        if differences:
            raise UsageError(f"{output} holds a batch with another {', '.join(differences)}: "
                             f"give another --output, or empty the folder to start again")
        if shards is not None and shards != len(existing.shards):
            raise UsageError(f"{output} holds this batch in {len(existing.shards)} shards, not {shards}: "
                             f"leave out --shards to resume it")
        manifest = existing
    else:
        if description.rows > 0 and shards is not None and shards > description.rows:
            raise UsageError(f"--shards {shards} is more than the batch's {description.rows:,} rows")
        threads = sum(client.nthreads().values())
        count = shards if shards is not None else default_shards(description.rows, len(description.columns), threads)
        fresh.shards = split(description.rows, count)
        manifest = fresh
    os.makedirs(output, exist_ok=True)
    for stale in glob.glob(os.path.join(output, ".*.tmp-*")):
        os.unlink(stale)  # left by a run that was killed while writing

    # Shards done before (file present with the size the manifest recorded) are kept.
    todo = [s for s in manifest.shards if not _is_done(manifest, s, output)]
    for spec in todo:
        manifest.done.pop(spec.index, None)
    already = len(manifest.shards) - len(todo)
    if todo or not manifest.complete:
        manifest.complete = False
        manifest.write(output)

    metadata = {"bargain_version": description.bargain_version, "model_hash": description.model_hash,
                "batch_args": json.dumps(batch_args)}
    token = uuid.uuid4().hex[:12]
    topic, cancel_name = f"bargain-dask-{token}", f"bargain-dask-cancel-{token}"
    starts: Dict[int, int] = {}
    client.subscribe_topic(topic, lambda event: _count_start(starts, event))
    bar = Progress(len(manifest.shards), manifest.rows, enabled=progress)
    resubmitted = 0
    rows_run = 0
    error_rows = sum(int(d.get("error_rows", 0)) for d in manifest.done.values())

    def submit(spec: ShardSpec, attempt: int):  # type: ignore[no-untyped-def]
        return client.submit(run_shard, bargain, batch_args, spec, output, format, str(described["describe"]), metadata,
                             topic, cancel_name, key=f"bargain-shard-{token}-{spec.index}-{attempt}", pure=False, retries=0)

    from distributed import Event, as_completed

    cancel = Event(cancel_name, client=client)
    futures = {submit(spec, 0): (spec, 0) for spec in todo}
    pending = as_completed(list(futures))
    last_manifest = time.monotonic()
    assembler = CsvAssembler(output) if format == "csv" and not manifest.complete else None

    def retried() -> int:
        return max(resubmitted, sum(n - 1 for n in starts.values() if n > 1))

    def rows_done() -> int:
        return sum(s.stop - s.start for s in manifest.shards if s.index in manifest.done)

    try:
        for future in pending:
            # Ctrl-C as a flag the command line's handler sets: a KeyboardInterrupt raised inside
            # a finaliser (Dask's Future.__del__) is swallowed, and the run would go on.
            if stop is not None and stop():
                raise KeyboardInterrupt
            spec, attempt = futures.pop(future)
            try:
                result: ShardResult = future.result()
            except ShardFailed as error:
                if error.retryable and attempt < retries:
                    resubmitted += 1
                    again = submit(spec, attempt + 1)
                    futures[again] = (spec, attempt + 1)
                    pending.add(again)
                    continue
                raise ShardFailed(str(error) + (f"\n(after {attempt + 1} attempts)" if attempt else ""), retryable=False) from None
            except Exception as error:  # a worker lost too often (KilledWorker), a broken worker
                if attempt < retries:
                    resubmitted += 1
                    again = submit(spec, attempt + 1)
                    futures[again] = (spec, attempt + 1)
                    pending.add(again)
                    continue
                raise ShardFailed(f"shard {spec.index}/{spec.count} (rows {spec.start}..{spec.stop}) failed "
                                  f"{attempt + 1} times: {type(error).__name__}: {error}", retryable=False) from None
            manifest.record(result)
            rows_run += spec.stop - spec.start
            error_rows += result.error_rows
            if on_result is not None:
                on_result(result)
            if time.monotonic() - last_manifest > 0.5:
                manifest.write(output)
                last_manifest = time.monotonic()
            if assembler is not None:
                assembler.append_ready(manifest)
            bar.update(len(manifest.done), rows_done(), rows_run, retried())
        if assembler is not None:
            manifest.output_sha256 = assembler.commit(manifest)
    except BaseException:
        # Ctrl-C or a shard that failed for good: stop the cluster's work, keep what is done.
        cancel.set()
        client.cancel(list(futures))
        if assembler is not None:
            assembler.abandon()
        manifest.write(output)
        bar.finish()
        raise
    finally:
        client.unsubscribe_topic(topic)  # a notebook's next run starts with no handler of this one
    manifest.complete = True
    manifest.write(output)
    bar.update(len(manifest.done), rows_done(), rows_run, retried(), force=True)
    bar.finish()
    return BatchResult(output=output, rows=manifest.rows, shards=len(manifest.shards), shards_run=len(todo),
                       shards_already_done=already, retried=retried(), seconds=time.monotonic() - started,
                       error_rows=error_rows)


def _version_or_error(bargain: str) -> str:
    try:
        return check_bargain(bargain)
    except ShardFailed as error:
        return "error: " + str(error)
    except Exception as error:  # a worker that cannot even start it
        return f"error: cannot run {bargain}: {error}"


def _count_start(starts: Dict[int, int], event) -> None:  # type: ignore[no-untyped-def]
    _, message = event
    if isinstance(message, dict) and isinstance(message.get("shard"), int):
        starts[message["shard"]] = starts.get(message["shard"], 0) + 1


def _is_done(manifest: Manifest, spec: ShardSpec, output: str) -> bool:
    record = manifest.done.get(spec.index)
    if manifest.format == "csv" and manifest.complete:
        final = os.path.join(output, CSV_NAME)
        return os.path.exists(final) and os.path.getsize(final) > 0
    if record is None:
        return False
    path = os.path.join(output, str(record.get("file")))
    return os.path.exists(path) and os.path.getsize(path) == record.get("bytes")
