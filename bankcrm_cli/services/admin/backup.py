"""Backing up and restoring a SQLite store, whole and consistent, while others keep working.

A backup is SQLite's online backup API copying the store in one step: one read transaction,
so the copy is the store as of one moment, and in WAL mode writers carry on meanwhile. The
copy is checked, made a single self-contained file (no WAL beside it), and renamed into
place, private (0600). A restore checks that the file is a crm store of a schema this crm
knows, and that its schema is exactly that revision's (no other columns, indexes, triggers or
views), then swaps it in the same way. PostgreSQL has its own tools (pg_dump, pg_restore):
these commands say how to call them for the store's URL instead.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from bankcrm_cli.domain.errors import Refused, UnusableInput, UsageError
from bankcrm_cli.io.outputs import check_output_file, make_private_folders
from bankcrm_cli.services.admin.schema_check import check_schema
from bankcrm_cli.store.backup import copy_database, fold_wal, read_store_file
from bankcrm_cli.store.engine import sqlite_path
from bankcrm_cli.store.migrate import SCHEMA_HEAD, SCHEMA_REVISIONS

SQLITE_HEADER = b"SQLite format 3\x00"
# Tables every crm store has had since the first schema.
_STORE_TABLES = ("alembic_version", "customers", "holdings", "rms")


@dataclass(frozen=True)
class StoreCopy:
    """What was copied: where from and to, the schema version and how much it holds."""

    source: str
    target: str
    schema: str
    customers: int
    holdings: int
    bytes: int
    # A restored store older than this crm needs `crm db upgrade` before use.
    needs_upgrade: bool = False


def _postgres_advice(url: str, action: str) -> str:
    """How to do `action` with PostgreSQL's own tools for this URL (never its password)."""
    from sqlalchemy.engine import make_url

    parsed = make_url(url)
    host = parsed.host or parsed.query.get("host")
    if isinstance(host, tuple):
        host = host[0]
    # A store in its own schema names it in the connection options (-csearch_path=NAME).
    search_path = str(parsed.query.get("options") or "").partition("search_path=")[2]
    schema = search_path.split(",")[0].split(" ")[0]
    connection = [
        f"--host={host}" if host else "",
        f"--port={parsed.port}" if parsed.port else "",
        f"--username={parsed.username}" if parsed.username else "",
    ]
    database = parsed.database or "DBNAME"
    if action == "backup":
        tool = "crm backup copies SQLite stores; this store is PostgreSQL, so use pg_dump: "
        words = ["pg_dump", "--format=custom", f"--schema={schema}" if schema else ""]
        words += [*connection, "--file=BACKUP.dump", database]
    else:
        tool = "crm restore replaces SQLite stores; this store is PostgreSQL, so use pg_restore: "
        words = ["pg_restore", "--clean", "--if-exists", *connection, f"--dbname={database}"]
        words.append("BACKUP.dump")
    return tool + " ".join(word for word in words if word)


def _check_store_file(path: Path) -> tuple[str, int, int]:
    """The schema version and row counts of a crm store file; UnusableInput if it is not one."""
    try:
        with open(path, "rb") as handle:
            header = handle.read(len(SQLITE_HEADER))
    except FileNotFoundError:
        raise UnusableInput(f"{path}: no such file") from None
    except IsADirectoryError:
        raise UnusableInput(f"{path} is a folder; give the backup file") from None
    if header != SQLITE_HEADER:
        raise UnusableInput(f"{path} is not a crm store (not a SQLite database file)")
    found = read_store_file(path, _STORE_TABLES)
    if found.problem is not None:
        raise UnusableInput(f"{path} is damaged: {found.problem}")
    missing = [name for name in _STORE_TABLES if name not in found.tables]
    if missing:
        raise UnusableInput(f"{path} is not a crm store (it has no {', '.join(missing)} table)")
    version = found.version
    if version not in SCHEMA_REVISIONS:
        raise UnusableInput(
            f"{path} has schema version {version or 'none'}, which this crm does not know "
            f"(it knows {SCHEMA_REVISIONS[0]} to {SCHEMA_HEAD}); use the crm that wrote it"
        )
    return version, found.customers, found.holdings


@contextmanager
def _private_temp_beside(target: Path) -> Iterator[Path]:
    """A new empty 0600 file in the target's folder, removed unless renamed away."""
    make_private_folders(target.parent)
    fd, name = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    os.close(fd)
    temp = Path(name)
    try:
        yield temp
    finally:
        for leftover in (temp, Path(f"{temp}-journal"), Path(f"{temp}-wal"), Path(f"{temp}-shm")):
            leftover.unlink(missing_ok=True)


def _copy_database(source: Path, temp: Path, *, read_only: bool) -> None:
    """Copy `source` into the empty file `temp` with the backup API, in one step, then make it
    one self-contained file on disk."""
    problem = copy_database(source, temp, read_only=read_only)
    if problem is not None:
        raise Refused(f"the copy of {source} failed its check ({problem}); try again")
    with open(temp, "rb+") as handle:
        os.fsync(handle.fileno())


def _sync_folder(folder: Path) -> None:
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def backup_store(url: str, target: Path, *, force: bool = False) -> StoreCopy:
    """Copy the store at `url` to `target` (a new file, or replacing one with `force`)."""
    store = sqlite_path(url)
    if store is None:
        raise Refused(_postgres_advice(url, "backup"))
    if not store.exists():
        from bankcrm_cli.services.admin.store import no_store_message

        raise UsageError(no_store_message(url))
    target = check_output_file(Path(target).expanduser())
    if target.resolve() == store.resolve():
        raise UsageError("the backup cannot be the store itself; give another file name")
    if target.exists() and not force:
        raise Refused(f"{target} already exists; add --force to replace it")
    with _private_temp_beside(target) as temp:
        _copy_database(store, temp, read_only=True)
        schema, customers, holdings = _check_store_file(temp)
        size = temp.stat().st_size
        os.replace(temp, target)
    _sync_folder(target.parent)
    return StoreCopy(str(store), str(target), schema, customers, holdings, size)


def restore_store(url: str, source: Path, *, force: bool = False) -> StoreCopy:
    """Make the backup at `source` the store at `url`; an existing store only with `force`."""
    store = sqlite_path(url)
    if store is None:
        raise Refused(_postgres_advice(url, "restore"))
    source = Path(source).expanduser()
    schema, customers, holdings = _check_store_file(source)
    # Right version, other tables, columns, indexes, triggers or views: it would break later.
    check_schema(source, schema)
    if store.exists() and store.resolve() == source.resolve():
        raise UsageError("the backup is the store itself; nothing to restore")
    if store.is_dir():
        raise UsageError(f"the store {store} is a folder; give a file path with --db")
    if _holds_data(store) and not force:
        raise Refused(
            f"a store already exists at {store}; add --force to replace it "
            "(keep a copy first: crm backup PATH)"
        )
    with _private_temp_beside(store) as temp:
        _copy_database(source, temp, read_only=True)
        _retire_wal(store)
        os.replace(temp, store)
        # A WAL left by the replaced store must not be replayed into the restored one.
        for leftover in (Path(f"{store}-wal"), Path(f"{store}-shm")):
            leftover.unlink(missing_ok=True)
    _sync_folder(store.parent)
    size = store.stat().st_size
    needs_upgrade = schema != SCHEMA_HEAD
    return StoreCopy(str(source), str(store), schema, customers, holdings, size, needs_upgrade)


def _holds_data(store: Path) -> bool:
    """Whether a file is there with anything in it (a store created and never used is empty
    of data but still a store: replacing it needs --force too)."""
    try:
        return store.stat().st_size > 0
    except FileNotFoundError:
        return False


def _retire_wal(store: Path) -> None:
    """Fold the replaced store's WAL into it, so nothing is left to replay beside it."""
    if not Path(f"{store}-wal").exists():
        return
    fold_wal(store)
