"""One run at a time: an exclusive lock per job and store, held for the whole run.

A second run of the same job does not wait: it stops at once with exit 1 and says which lock
is held. For a nightly job that is the right answer: the first run is still producing what the
second would, and cron tries again tomorrow. The lock is an flock on a file beside the store
(or in the user data folder for a database URL); the kernel drops it when the process ends,
however it ends, so a crashed run never leaves a stale lock behind.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from bankcrm_cli.domain.catalogue import t
from bankcrm_cli.domain.errors import Refused


def lock_path(job: str, store_url: str) -> Path:
    """Where the lock of `job` on this store lives."""
    from bankcrm_cli.store.engine import sqlite_path

    store = sqlite_path(store_url)
    if store is not None:
        return store.with_name(f"{store.name}.{job}.lock")
    digest = hashlib.sha256(store_url.encode("utf-8")).hexdigest()[:16]
    return _locks() / f"{job}-{digest}.lock"


def lock_folder(store_url: str) -> Path | None:
    """The folder of a database server's store's locks; None for a store file (beside it)."""
    from bankcrm_cli.store.engine import sqlite_path

    return None if sqlite_path(store_url) is not None else _locks()


def _locks() -> Path:
    from bankcrm_cli.settings import data_dir

    return data_dir() / "locks"


@contextmanager
def run_lock(job: str, store_url: str, *, command: str | None = None) -> Iterator[Path]:
    """Hold the lock of `job` on this store, or raise Refused when another run holds it."""
    import fcntl

    from bankcrm_cli.io.outputs import open_lock_file

    path = lock_path(job, store_url)
    fd = open_lock_file(path)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = os.pread(fd, 64, 0).decode("ascii", "replace").strip()
            who = t("err.running.pid", pid=holder) if holder.isdigit() else ""
            raise Refused(t("err.running", command=command or job, who=who, path=path)) from None
        os.ftruncate(fd, 0)
        os.pwrite(fd, f"{os.getpid()}\n".encode("ascii"), 0)
        yield path
    finally:
        os.close(fd)
