"""`bargain-dask`: the command line around `run_batch`.

    bargain-dask --scheduler tcp://127.0.0.1:8786 --output DIR [--shards N] [--bargain PATH]
                 [--format parquet|csv] [--retries N] [--quiet] -- <arguments of bargain batch>
"""

from __future__ import annotations

import argparse
import signal
import sys
import threading
from types import FrameType
from typing import List, Optional, Sequence

from .errors import BargainDaskError


def parse(argv: Sequence[str]) -> "tuple[argparse.Namespace, List[str]]":
    parser = argparse.ArgumentParser(
        prog="bargain-dask",
        description="Run `bargain batch` on a Dask cluster, shard by shard, into a Parquet dataset (or one CSV). "
                    "Rerun the same command to finish a run that stopped: only missing shards run.",
        epilog="Exit status: 0 done, 1 a shard failed or the cluster failed, 2 usage, 130 interrupted.")
    parser.add_argument("--scheduler", required=True, help="the Dask scheduler's address, such as tcp://127.0.0.1:8786")
    parser.add_argument("--output", required=True, help="the folder for the dataset and its _manifest.json")
    parser.add_argument("--shards", type=int, default=None, help="how many parts (default: sized for the cluster)")
    parser.add_argument("--bargain", default="bargain", help="bargain's path on the workers (default: bargain on their PATH)")
    parser.add_argument("--format", default="parquet", choices=["parquet", "csv"], help="one Parquet file per shard, or one CSV")
    parser.add_argument("--retries", type=int, default=2, help="times a failed shard is run again (default 2)")
    parser.add_argument("--quiet", action="store_true", help="no progress on standard error")
    argv = list(argv)
    if "--" not in argv:
        parser.error("give the arguments of bargain batch after `--`")
    split = argv.index("--")
    return parser.parse_args(argv[:split]), argv[split + 1:]


def main(argv: Optional[Sequence[str]] = None) -> int:
    options, batch_args = parse(sys.argv[1:] if argv is None else argv)
    from .driver import run_batch

    interrupted = threading.Event()

    def on_interrupt(signum: int, frame: Optional[FrameType]) -> None:
        interrupted.set()
        raise KeyboardInterrupt

    signal.signal(signal.SIGINT, on_interrupt)
    try:
        from distributed import Client

        try:
            client = Client(options.scheduler, timeout="20s")
        except (OSError, TimeoutError) as error:
            print(f"bargain-dask: cannot reach the scheduler at {options.scheduler}: {error}", file=sys.stderr)
            return 1
        with client:
            result = run_batch(client, batch_args, options.output, shards=options.shards, bargain=options.bargain,
                               format=options.format, retries=options.retries, progress=not options.quiet,
                               stop=interrupted.is_set)
    except KeyboardInterrupt:
        print("bargain-dask: interrupted: the cluster's work is cancelled; the shards done are kept "
              "(rerun the same command to finish)", file=sys.stderr)
        return 130
    except BargainDaskError as error:
        from .errors import UsageError

        print(f"bargain-dask: {error}", file=sys.stderr)
        return 2 if isinstance(error, UsageError) else 1
    rate = result.rows / result.seconds if result.seconds > 0 else 0.0
    print(f"bargain-dask: {result.rows:,} rows in {result.shards} shards ({result.shards_run} run now, "
          f"{result.shards_already_done} already done, {result.retried} retried) in {result.seconds:.1f} s, "
          f"{rate:,.0f} rows/s; {result.output}", file=sys.stderr)
    if result.error_rows:
        print(f"bargain-dask: {result.error_rows:,} rows have no value (error rows written)", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
