"""The manifest: what a batch in an output folder is (arguments, model, bargain's version, the
shards and their rows) and which shards are done, with their checksums. Written atomically
(a temporary file renamed over it), so a killed driver leaves the last complete one, and a
rerun of the same command picks up from it: only the shards not done run again."""

from __future__ import annotations

import json
import os
import uuid
from dataclasses import dataclass, field
from typing import Any, Dict, List, Optional

from .errors import UsageError
from .worker import ShardResult, ShardSpec

MANIFEST = "_manifest.json"
KIND = "bargain-dask manifest 1"


@dataclass
class Manifest:
    batch_args: List[str]
    format: str
    bargain_version: str
    model_hash: str
    grid_sha256: Optional[str]
    rows: int
    shards: List[ShardSpec]
    columns: List[Dict[str, str]]
    done: Dict[int, Dict[str, Any]] = field(default_factory=dict)
    complete: bool = False
    output_sha256: Optional[str] = None

    def identity(self) -> Dict[str, Any]:
        """What must be the same for a rerun to add to this folder."""
        return {"batch arguments": self.batch_args, "format": self.format, "bargain version": self.bargain_version,
                "model hash": self.model_hash, "grid file's sha256": self.grid_sha256, "rows": self.rows}

    def record(self, result: ShardResult) -> None:
        spec = self.shards[result.index - 1]
        self.done[result.index] = {"shard": result.index, "rows": [spec.start, spec.stop], "file": result.file,
                                   "rows_written": result.rows, "error_rows": result.error_rows, "sha256": result.sha256,
                                   "csv_sha256": result.csv_sha256, "bytes": result.bytes, "worker": result.worker,
                                   "seconds": round(result.seconds, 3)}

    def to_json(self) -> Dict[str, Any]:
        return {
            "kind": KIND, "batch_args": self.batch_args, "format": self.format, "bargain_version": self.bargain_version,
            "model_hash": self.model_hash, "grid_sha256": self.grid_sha256, "rows": self.rows, "complete": self.complete,
            "output_sha256": self.output_sha256, "columns": self.columns,
            "shards": [{"shard": s.index, "rows": [s.start, s.stop], "done": s.index in self.done, **self.done.get(s.index, {})}
                       for s in self.shards],
        }

    @classmethod
    def from_json(cls, data: Dict[str, Any], path: str) -> "Manifest":
        if not isinstance(data, dict) or data.get("kind") != KIND:
            raise UsageError(f"{path} is not a bargain-dask manifest")
        try:
            count = len(data["shards"])
            shards = [ShardSpec(index=int(s["shard"]), count=count, start=int(s["rows"][0]), stop=int(s["rows"][1]))
                      for s in data["shards"]]
            done = {int(s["shard"]): {k: v for k, v in s.items() if k != "done"} for s in data["shards"] if s.get("done")}
            return cls(batch_args=list(data["batch_args"]), format=str(data["format"]), bargain_version=str(data["bargain_version"]),
                       model_hash=str(data["model_hash"]), grid_sha256=data.get("grid_sha256"), rows=int(data["rows"]),
                       shards=shards, columns=list(data["columns"]), done=done, complete=bool(data.get("complete")),
                       output_sha256=data.get("output_sha256"))
        except (KeyError, TypeError, ValueError, IndexError) as error:
            raise UsageError(f"{path} is damaged ({error!r}): remove the folder's contents to start again") from None

    def write(self, folder: str) -> None:
        write_atomically(os.path.join(folder, MANIFEST), (json.dumps(self.to_json(), indent=1) + "\n").encode())


def read_manifest(folder: str) -> Optional[Manifest]:
    path = os.path.join(folder, MANIFEST)
    if not os.path.exists(path):
        return None
    with open(path, "rb") as handle:
        try:
            data = json.loads(handle.read())
        except ValueError:
            raise UsageError(f"{path} is not JSON: remove the folder's contents to start again") from None
    return Manifest.from_json(data, path)


def write_atomically(path: str, data: bytes) -> None:
    folder, name = os.path.split(path)
    temporary = os.path.join(folder, f".{name}.tmp-{uuid.uuid4().hex}")
    try:
        with open(temporary, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temporary, path)
    finally:
        if os.path.exists(temporary):
            os.unlink(temporary)
