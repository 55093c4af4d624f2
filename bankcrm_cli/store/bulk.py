"""Bulk reads and writes in the database's own storage form.

SQLAlchemy's per-value type processing costs more than SQLite's own work on a million rows.
For SQLite, values are converted here to exactly what SQLAlchemy would store (ISO dates, 0/1
booleans, UTC timestamps without offset) and handed to the driver's executemany; stored rows
are read back the same way, so a new value and a stored one compare directly. Other databases
keep typed values and go through SQLAlchemy Core.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import Boolean, Connection, Date, DateTime, Table, bindparam, select
from sqlalchemy.types import TypeDecorator

Converter = Callable[[Any], Any]

# Portable bound for the number of values in one IN (...) list (SQLite's old limit is 999).
IN_CHUNK = 900


def _sqlite_date(value: date) -> str:
    return value.isoformat()


def _sqlite_datetime(value: datetime) -> str:
    if value.tzinfo is not None:
        value = value.astimezone(UTC)
    return value.strftime("%Y-%m-%d %H:%M:%S.%f")


def _sqlite_bool(value: bool) -> int:
    return 1 if value else 0


def uses_storage_form(dialect_name: str) -> bool:
    """Whether this database gets the converted (driver-level) path."""
    return dialect_name == "sqlite"


def storage_converter(table: Table, column: str, dialect_name: str) -> Converter | None:
    """The function turning a typed value of `column` into its stored form, or None if as is."""
    if not uses_storage_form(dialect_name):
        return None
    kind = table.c[column].type
    if isinstance(kind, TypeDecorator):
        kind = kind.impl
    if isinstance(kind, DateTime):
        return _sqlite_datetime
    if isinstance(kind, Date):
        return _sqlite_date
    if isinstance(kind, Boolean):
        return _sqlite_bool
    return None


def _chunks(items: Sequence[str], size: int) -> Iterable[Sequence[str]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def fetch_by_key(
    conn: Connection, table: Table, key: str, columns: Sequence[str], keys: Sequence[str]
) -> dict[str, tuple]:
    """Stored rows (in storage form, `columns` order) for the given keys."""
    found: dict[str, tuple] = {}
    position = list(columns).index(key)
    if uses_storage_form(conn.dialect.name):
        names = ", ".join(columns)
        for chunk in _chunks(keys, IN_CHUNK):
            marks = ", ".join("?" * len(chunk))
            sql = f"SELECT {names} FROM {table.name} WHERE {key} IN ({marks})"
            for row in conn.exec_driver_sql(sql, tuple(chunk)):
                found[row[position]] = tuple(row)
        return found
    wanted = [table.c[name] for name in columns]
    for chunk in _chunks(keys, IN_CHUNK):
        for row in conn.execute(select(*wanted).where(table.c[key].in_(chunk))):
            found[row[position]] = tuple(row)
    return found


def existing_keys(conn: Connection, table: Table, key: str, keys: Sequence[str]) -> set[str]:
    """Which of `keys` the table holds."""
    return set(fetch_by_key(conn, table, key, [key], keys))


class BulkInserter:
    """Inserts many rows, each a tuple in `columns` order, already in storage form."""

    def __init__(self, conn: Connection, table: Table, columns: Sequence[str]):
        self.conn = conn
        self.table = table
        self.columns = list(columns)
        self.native = uses_storage_form(conn.dialect.name)
        if self.native:
            names = ", ".join(self.columns)
            marks = ", ".join("?" * len(self.columns))
            self.sql = f"INSERT INTO {table.name} ({names}) VALUES ({marks})"

    def insert(self, rows: Sequence[tuple]) -> None:
        if not rows:
            return
        if self.native:
            self.conn.exec_driver_sql(self.sql, list(rows))
        else:
            names = self.columns
            self.conn.execute(
                self.table.insert(), [dict(zip(names, row, strict=True)) for row in rows]
            )


class BulkUpdater:
    """Updates rows by key: each call sets one group of columns, values in storage form."""

    def __init__(self, conn: Connection, table: Table, key: str):
        self.conn = conn
        self.table = table
        self.key = key
        self.native = uses_storage_form(conn.dialect.name)

    def update(self, columns: Sequence[str], rows: Sequence[tuple]) -> None:
        """`rows` hold the new values in `columns` order, then the key."""
        if not rows:
            return
        if self.native:
            assignments = ", ".join(f"{name} = ?" for name in columns)
            sql = f"UPDATE {self.table.name} SET {assignments} WHERE {self.key} = ?"
            self.conn.exec_driver_sql(sql, list(rows))
            return
        statement = (
            self.table.update()
            .where(self.table.c[self.key] == bindparam("_key"))
            .values({name: bindparam(name) for name in columns})
        )
        params = [{**dict(zip(columns, row[:-1], strict=True)), "_key": row[-1]} for row in rows]
        self.conn.execute(statement, params)
