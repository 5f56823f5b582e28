"""Run `bargain batch` on a Dask cluster, shard by shard, into a Parquet dataset."""

from .driver import BatchResult, run_batch
from .errors import BargainDaskError, ShardFailed, UsageError

__all__ = ["run_batch", "BatchResult", "BargainDaskError", "ShardFailed", "UsageError"]
