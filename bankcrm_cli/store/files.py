"""A store's file on disk, looked at before SQLite opens it: what `store/engine.py` and the
reads of `store/lite.py` share, without SQLAlchemy."""

from __future__ import annotations

from pathlib import Path

from bankcrm_cli.domain.catalogue import t
from bankcrm_cli.domain.errors import UsageError

# Long enough for an interactive command to wait out a nightly import's write transaction.
BUSY_TIMEOUT_MS = 60_000
# The first bytes of every SQLite database file (an empty file is a new, empty database).
SQLITE_MAGIC = b"SQLite format 3\x00"

# Store files this process has opened with SQLite. Their content is never looked at again:
# closing any descriptor of a file drops every POSIX lock the process holds on it, SQLite's
# included, so a look while SQLite has the store open lets another process take the store over
# mid-transaction (two concurrent `crm log-call`s were each given contact 3, and a call was
# lost, when a late `resolve_url` looked at the file).
OPENED_BY_SQLITE: set[Path] = set()


def file_head(path: Path) -> bytes | None:
    """The first bytes of the file (as many as SQLite's header), None when there is no file."""
    try:
        with path.open("rb") as f:
            return f.read(len(SQLITE_MAGIC))
    except (FileNotFoundError, IsADirectoryError):
        return None
    except OSError as exc:
        raise UsageError(t("err.store_read", path=path, why=exc.strerror)) from None


def refuse_other_files(path: Path) -> None:
    """An existing file that is not a SQLite database is not a store to open (nor to write
    pages into): one line rather than the driver's error at the first query."""
    if path in OPENED_BY_SQLITE:
        return
    head = file_head(path)
    if head and head != SQLITE_MAGIC:
        raise UsageError(t("err.store_not_sqlite", path=path))
