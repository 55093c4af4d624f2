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

from bankcrm_cli.domain.catalogue import t
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
        raise UnusableInput(t("err.backup_missing", path=path)) from None
    except IsADirectoryError:
        raise UnusableInput(t("err.backup_folder", path=path)) from None
    if header != SQLITE_HEADER:
        raise UnusableInput(t("err.backup_not_sqlite", path=path))
    found = read_store_file(path, _STORE_TABLES)
    if found.problem is not None:
        raise UnusableInput(t("err.backup_damaged", path=path, problem=found.problem))
    missing = [name for name in _STORE_TABLES if name not in found.tables]
    if missing:
        raise UnusableInput(t("err.backup_tables", path=path, tables=", ".join(missing)))
    version = found.version
    if version not in SCHEMA_REVISIONS:
        raise UnusableInput(
            t(
                "err.backup_version",
                path=path,
                version=version or t("adm.none"),
                first=SCHEMA_REVISIONS[0],
                head=SCHEMA_HEAD,
            )
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
        raise Refused(t("err.copy_check", source=source, problem=problem))
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
        raise UsageError(t("err.backup_is_store"))
    if target.exists() and not force:
        raise Refused(t("err.exists_force", path=target))
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
        raise UsageError(t("err.restore_is_store"))
    if store.is_dir():
        raise UsageError(t("err.store_is_folder", store=store))
    if _holds_data(store) and not force:
        raise Refused(t("err.store_exists", store=store))
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
