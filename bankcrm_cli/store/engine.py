"""Opening the store: a SQLite file (the default), a PostgreSQL database, or another SQLAlchemy URL.

Writers are serialised on both: SQLite takes its write lock up front (BEGIN IMMEDIATE);
PostgreSQL takes a transaction-scoped advisory lock for the store, so a check-then-write (an
import's new-or-changed classification, a complaint's move, a merge) sees every earlier commit
and no concurrent writer. Readers never wait on either.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import Connection, Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError

from bankcrm_cli.domain.catalogue import t
from bankcrm_cli.domain.errors import UsageError
from bankcrm_cli.store.files import BUSY_TIMEOUT_MS, OPENED_BY_SQLITE, refuse_other_files

PAGE_SIZE = 8192
# First key of PostgreSQL's two-key advisory locks for bankcrm ("CRM" in ASCII); the second
# is the store's schema, so two stores in one database do not wait for each other.
ADVISORY_LOCK_CLASS = 0x43524D
# A bare postgresql:// URL would ask for psycopg2; bankcrm ships psycopg 3.
_DEFAULT_DRIVERS = {"postgresql": "postgresql+psycopg", "postgres": "postgresql+psycopg"}


def resolve_url(db: str) -> str:
    """A file path becomes a sqlite URL; a URL is checked and returned as given. An existing
    file that is not a SQLite database is refused, whatever the command."""
    if "://" in db:
        try:
            url = make_url(db)
        except ArgumentError:
            raise UsageError(t("err.db_url", db=repr(db))) from None
        driver = _DEFAULT_DRIVERS.get(url.drivername)
        if driver is not None:
            return url.set(drivername=driver).render_as_string(hide_password=False)
        if (path := sqlite_path(db)) is not None:
            refuse_other_files(path)
        return db
    path = Path(db).expanduser().resolve()
    refuse_other_files(path)
    return f"sqlite:///{path}"


def sqlite_path(url: str) -> Path | None:
    """The file behind a sqlite URL, or None for other databases and in-memory stores."""
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite" or not parsed.database:
        return None
    if parsed.database == ":memory:":
        return None
    return Path(parsed.database)


def _create_private_file(path: Path) -> None:
    """Create the store file readable by its owner only (customer data is sensitive)."""
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    try:
        fd = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
    except FileExistsError:
        return
    except OSError as exc:
        raise UsageError(t("err.store_create", path=path, why=exc.strerror)) from None
    os.close(fd)


def _on_sqlite_connect(dbapi_connection, _record) -> None:
    # The driver's own transaction handling is off; SQLAlchemy's "begin" event issues BEGIN,
    # so a writer can take the write lock up front (BEGIN IMMEDIATE) instead of failing later.
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    cursor.execute("PRAGMA foreign_keys = ON")
    if cursor.execute("PRAGMA page_count").fetchone()[0] == 0:
        # A new store: 8 KiB pages make bulk imports about a tenth faster than the default 4.
        cursor.execute(f"PRAGMA page_size = {PAGE_SIZE}")
    mode = cursor.execute("PRAGMA journal_mode").fetchone()[0]
    if mode.lower() != "wal":
        cursor.execute("PRAGMA journal_mode = WAL")
    cursor.execute("PRAGMA synchronous = NORMAL")
    cursor.close()


def _on_sqlite_begin(conn: Connection) -> None:
    mode = conn.get_execution_options().get("sqlite_begin", "DEFERRED")
    conn.exec_driver_sql(f"BEGIN {mode}")


def make_engine(url: str) -> Engine:
    """An engine for the store at `url`, creating a SQLite file (mode 0600) on first use."""
    path = sqlite_path(url)
    if path is not None:
        if path.is_dir():
            raise UsageError(t("err.store_folder_db", path=path))
        _create_private_file(path)
        OPENED_BY_SQLITE.add(path)
        engine = create_engine(
            url, connect_args={"timeout": BUSY_TIMEOUT_MS / 1000, "check_same_thread": False}
        )
        event.listen(engine, "connect", _on_sqlite_connect)
        event.listen(engine, "begin", _on_sqlite_begin)
        return engine
    try:
        return create_engine(url, pool_pre_ping=True)
    except (ArgumentError, ModuleNotFoundError) as exc:
        raise UsageError(t("err.db_url_use", url=repr(url), why=exc)) from None


def lock_store_for_writing(conn: Connection) -> None:
    """Wait for, then hold until the transaction ends, the store's writer lock (PostgreSQL)."""
    if conn.dialect.name == "postgresql":
        conn.exec_driver_sql(
            "SELECT pg_advisory_xact_lock(%s, hashtext(current_schema()))",
            (ADVISORY_LOCK_CLASS,),
        )


@contextmanager
def write_transaction(engine: Engine) -> Iterator[Connection]:
    """One transaction that holds the store's write lock from its start; commits or rolls
    back whole."""
    with engine.connect() as conn:
        if engine.dialect.name == "sqlite":
            conn = conn.execution_options(sqlite_begin="IMMEDIATE")
        with conn.begin():
            lock_store_for_writing(conn)
            yield conn
