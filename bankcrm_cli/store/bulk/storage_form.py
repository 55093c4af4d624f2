"""The database's own storage form: values as SQLite stores them, for the driver directly.

SQLAlchemy's per-value type processing costs more than SQLite's own work on a million rows.
For SQLite, values are converted here to exactly what SQLAlchemy would store (ISO dates, 0/1
booleans, UTC timestamps without offset) and handed to the driver; stored rows are read back
the same way, so a new value and a stored one compare directly. Other databases keep typed
values.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import Boolean, Date, DateTime, Table
from sqlalchemy.types import TypeDecorator

Converter = Callable[[Any], Any]


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


def in_storage_form(table_name: str, column: str, value: Any, dialect_name: str) -> Any:
    """A typed value of a column of the named table as this database stores it."""
    from bankcrm_cli.store.bulk.base import table_named

    convert = storage_converter(table_named(table_name), column, dialect_name)
    return convert(value) if convert is not None else value
