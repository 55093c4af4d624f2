"""A SQLite store read through the standard library's `sqlite3`, without SQLAlchemy.

The everyday read commands (`crm followups today`, `crm customers show`) open the store
this way when it is a SQLite file at this crm's schema: their reads are the compiled text of
the Core statements (`store/read_statements.py`, `store/reads.py`), and the command never
loads SQLAlchemy. Anything else (a database server, an in-memory store, no file yet, a file
that is not a store, another schema version) is left to `store/engine.py`, which says what is
wrong or does the work.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import closing, contextmanager
from pathlib import Path

from bankcrm_cli.store.files import BUSY_TIMEOUT_MS, OPENED_BY_SQLITE, SQLITE_MAGIC, file_head
from bankcrm_cli.store.revisions import SCHEMA_HEAD, VERSION_TABLE


class LiteStore:
    """A SQLite store file, for reading. `connect()` as SQLAlchemy's engine has it."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def raw(self) -> sqlite3.Connection:
        """A new connection to the file, in autocommit (each read its own transaction until
        `BEGIN`), waiting out a writer as the engine's connections do."""
        conn = sqlite3.connect(
            self.path,
            timeout=BUSY_TIMEOUT_MS / 1000,
            isolation_level=None,
            check_same_thread=False,
        )
        conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        return conn

    @contextmanager
    def connect(self) -> Iterator[LiteConnection]:
        """A connection whose reads see one state of the store (one read transaction), as a
        SQLAlchemy connection's do until it is closed."""
        with closing(self.raw()) as raw:
            raw.execute("BEGIN")
            try:
                yield LiteConnection(raw, self)
            finally:
                if raw.in_transaction:
                    raw.execute("ROLLBACK")


class LiteConnection:
    """One connection of a `LiteStore`: `raw` is the sqlite3 connection."""

    def __init__(self, raw: sqlite3.Connection, store: LiteStore) -> None:
        self.raw = raw
        self.store = store


def sqlite_file(db: str) -> Path | None:
    """The file a `--db`/`db` setting names when it is a plain SQLite file (a path, or a
    `sqlite:///` URL without options); None for anything else."""
    if "://" not in db:
        return Path(db).expanduser().resolve()
    prefix = "sqlite:///"
    rest = db[len(prefix) :]
    if not db.startswith(prefix) or not rest or "?" in rest or rest == ":memory:":
        return None
    return Path(rest).resolve()


def open_lite(db: str) -> LiteStore | None:
    """The store as a `LiteStore` when it is a SQLite file at this crm's schema, else None
    (the caller then opens it through SQLAlchemy, which refuses or explains)."""
    path = sqlite_file(db)
    if path is None or not path.is_file() or file_head(path) != SQLITE_MAGIC:
        return None
    OPENED_BY_SQLITE.add(path)  # SQLite opens it now: its content is not looked at again
    store = LiteStore(path)
    with closing(store.raw()) as raw:
        try:
            version = raw.execute(f"SELECT version_num FROM {VERSION_TABLE}").fetchall()
        except sqlite3.Error:
            return None
    if version != [(SCHEMA_HEAD,)]:
        return None
    return store
