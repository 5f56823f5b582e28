"""`--format csv`: the shards' CSV parts joined, in order and with the header once, into one
file that is byte for byte what a single `bargain batch` writes. It grows as the parts arrive
in order (streamed), under a hidden temporary name renamed to batch.csv when complete."""

from __future__ import annotations

import hashlib
import os
import uuid
from typing import BinaryIO, Optional

from .errors import BargainDaskError
from .manifest import Manifest
from .worker import file_sha256

CSV_NAME = "batch.csv"


class CsvAssembler:
    def __init__(self, output: str) -> None:
        self.output = output
        self.final = os.path.join(output, CSV_NAME)
        self.temporary = os.path.join(output, f".{CSV_NAME}.tmp-{uuid.uuid4().hex}")
        self.handle: Optional[BinaryIO] = None
        self.digest = hashlib.sha256()
        self.next = 1  # the shard whose part comes next

    def append_ready(self, manifest: Manifest) -> None:
        """Appends every part that is done and next in order."""
        if self.handle is None:
            self.handle = open(self.temporary, "wb")
        while self.next <= len(manifest.shards) and self.next in manifest.done:
            record = manifest.done[self.next]
            part = os.path.join(self.output, str(record["file"]))
            if file_sha256(part) != record["sha256"]:
                raise BargainDaskError(f"{part} changed after it was written: rerun to make it again")
            with open(part, "rb") as source:
                header = source.readline()
                if self.next == 1:
                    self._write(header)
                for block in iter(lambda: source.read(1 << 20), b""):
                    self._write(block)
            self.next += 1

    def _write(self, data: bytes) -> None:
        assert self.handle is not None
        self.handle.write(data)
        self.digest.update(data)

    def commit(self, manifest: Manifest) -> str:
        """Renames the whole file into place, removes the parts; its SHA-256."""
        self.append_ready(manifest)
        if self.next <= len(manifest.shards):
            raise BargainDaskError(f"shard {self.next} is missing: rerun to make it")
        assert self.handle is not None
        self.handle.flush()
        os.fsync(self.handle.fileno())
        self.handle.close()
        self.handle = None
        os.replace(self.temporary, self.final)
        for record in manifest.done.values():
            part = os.path.join(self.output, str(record["file"]))
            if os.path.exists(part):
                os.unlink(part)
        return self.digest.hexdigest()

    def abandon(self) -> None:
        if self.handle is not None:
            self.handle.close()
            self.handle = None
        if os.path.exists(self.temporary):
            os.unlink(self.temporary)
