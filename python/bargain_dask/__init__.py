"""Run `bargain batch` on a Dask cluster, shard by shard, into a Parquet dataset."""
