"""Errors the driver reports: each one says what went wrong in words a user can act on."""

from __future__ import annotations


class BargainDaskError(Exception):
    """A batch that cannot run or did not finish; the message is meant for the user."""


class UsageError(BargainDaskError):
    """Arguments that cannot work (checked before anything is written)."""


class ShardFailed(BargainDaskError):
    """A shard that failed on a worker: bargain's own diagnostic, or why bargain could not run.

    `retryable` is False for bargain's verdicts on the batch itself (a usage error, a bad grid,
    a row with no value): running it again gives the same answer.
    """

    def __init__(self, message: str, retryable: bool = True) -> None:
        super().__init__(message)
        self.retryable = retryable

    def __reduce__(self):  # type: ignore[no-untyped-def]
        # Sent from the worker to the driver by pickle: keep both fields.
        return (ShardFailed, (str(self), self.retryable))
