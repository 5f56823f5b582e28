"""Progress on standard error while a batch runs: shards and rows done, rows/s, retries."""

from __future__ import annotations

import sys
import time
from typing import Optional, TextIO


class Progress:
    """Redraws one line on a terminal (every 0.2 s); elsewhere writes a line every few seconds."""

    def __init__(self, shards: int, rows: int, stream: Optional[TextIO] = None, enabled: bool = True) -> None:
        self.shards, self.rows = shards, rows
        self.stream = stream or sys.stderr
        self.enabled = enabled
        self.tty = self.stream.isatty()
        self.start = time.monotonic()
        self.last = 0.0
        self.drawn = False

    def line(self, shards_done: int, rows_done: int, rows_run: int, retried: int) -> str:
        elapsed = max(time.monotonic() - self.start, 1e-9)
        return (f"bargain-dask: {shards_done}/{self.shards} shards, {rows_done:,}/{self.rows:,} rows, "
                f"{rows_run / elapsed:,.0f} rows/s, {retried} retried")

    def update(self, shards_done: int, rows_done: int, rows_run: int, retried: int, force: bool = False) -> None:
        if not self.enabled:
            return
        now = time.monotonic()
        if not force and now - self.last < (0.2 if self.tty else 2.0):
            return
        self.last = now
        text = self.line(shards_done, rows_done, rows_run, retried)
        self.stream.write(("\r" + text + "\x1b[K") if self.tty else text + "\n")
        self.stream.flush()
        self.drawn = True

    def finish(self) -> None:
        if self.enabled and self.tty and self.drawn:
            self.stream.write("\r\x1b[K")
            self.stream.flush()
