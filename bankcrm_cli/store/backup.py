"""SQLite's side of backup and restore: the online backup API, the schema version and row
counts of a store file, its integrity check, and folding a WAL into its database."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path

from bankcrm_cli.domain.catalogue import t
from bankcrm_cli.domain.errors import UnusableInput


@dataclass(frozen=True)
class StoreFile:
    """What a SQLite file holds, as far as telling a crm store goes."""

    # quick_check's first complaint; None when the file is sound (then the rest is read).
    problem: str | None
    tables: frozenset[str] = frozenset()
    # alembic_version's row; None when the table is missing or empty.
    version: str | None = None
    customers: int = 0
    holdings: int = 0


def read_store_file(path: Path, store_tables: tuple[str, ...]) -> StoreFile:
    """Check a SQLite file read-only; its version and counts when it has `store_tables`."""
    try:
        with closing(sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)) as conn:
            problems = conn.execute("PRAGMA quick_check").fetchall()
            if problems != [("ok",)]:
                return StoreFile(problem=problems[0][0])
            tables = frozenset(row[0] for row in conn.execute("SELECT name FROM sqlite_master"))
            if any(name not in tables for name in store_tables):
                return StoreFile(problem=None, tables=tables)
            version = conn.execute("SELECT version_num FROM alembic_version").fetchone()
            customers = conn.execute("SELECT count(*) FROM customers").fetchone()[0]
            holdings = conn.execute("SELECT count(*) FROM holdings").fetchone()[0]
    except sqlite3.DatabaseError as exc:
        raise UnusableInput(t("err.store_unusable", path=path, why=exc)) from None
    return StoreFile(None, tables, None if version is None else version[0], customers, holdings)


def copy_database(source: Path, temp: Path, *, read_only: bool) -> str | None:
    """Copy `source` into the empty file `temp` with the backup API, in one step, as one
    self-contained file (no WAL beside it); quick_check's first complaint about the copy, or
    None when it is sound."""
    uri = f"{source.resolve().as_uri()}?mode={'ro' if read_only else 'rw'}"
    with (
        closing(sqlite3.connect(uri, uri=True, timeout=60)) as src,
        closing(sqlite3.connect(temp, isolation_level=None)) as dst,
    ):
        # pages=-1: the whole store under one read lock, so the copy is one moment's store.
        src.backup(dst, pages=-1)
        dst.execute("PRAGMA journal_mode = DELETE")
        problems = dst.execute("PRAGMA quick_check").fetchall()
    return None if problems == [("ok",)] else problems[0][0]


def fold_wal(store: Path) -> None:
    """Fold a store's WAL into it, so nothing is left to replay beside it."""
    try:
        with closing(sqlite3.connect(store, timeout=60)) as conn:
            conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    except sqlite3.DatabaseError:
        pass  # a damaged store being replaced: its WAL is removed all the same
