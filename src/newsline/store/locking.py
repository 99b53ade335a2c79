"""A lock file beside the store, so that newsline processes wait for each other instead of
failing on DuckDB's own lock: writers take it exclusively (one batch at a time), readers
share it. The kernel drops the lock when a process dies, even on SIGKILL."""

from __future__ import annotations

import fcntl
import os
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from newsline.store.errors import StoreLockedError

#: Seconds between two tries while waiting for the lock.
POLL = 0.05


def lock_path(db: str | Path) -> Path:
    """The lock file of store ``db``: ``<db>.lock`` beside it."""
    return Path(f"{db}.lock")


@contextmanager
def store_lock(db: str | Path, exclusive: bool, wait: float | None) -> Iterator[None]:
    """Hold the store's lock (exclusive for a writer, shared for a reader); wait up to
    ``wait`` seconds for it (None: as long as it takes), else raise StoreLockedError."""
    path = lock_path(db)
    mode = fcntl.LOCK_EX if exclusive else fcntl.LOCK_SH
    try:
        fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o666)
    except PermissionError:  # a read-only folder: readers go on without the lock file
        if exclusive:
            raise
        yield
        return
    try:
        deadline = None if wait is None else time.monotonic() + wait
        while True:
            try:
                fcntl.flock(fd, mode | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if deadline is not None and time.monotonic() >= deadline:
                    raise StoreLockedError(
                        f"{db}: the store is in use by another process (waited {wait:g} s; "
                        "try again, or pass a longer --wait)") from None
                time.sleep(POLL)
        yield
    finally:
        os.close(fd)  # closing the descriptor releases the lock
