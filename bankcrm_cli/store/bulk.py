"""Bulk writes: the Core insert() compiled once, rows handed to the driver's executemany.

SQLAlchemy's per-value bind processing costs more than SQLite's own insert on a million rows;
for SQLite the values are converted here to exactly what SQLAlchemy would store (ISO dates,
UTC timestamps without offset), so the ORM reads them back unchanged. Other databases take the
ordinary Core executemany.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import UTC, date, datetime
from operator import itemgetter
from typing import Any

from sqlalchemy import Connection, Date, DateTime, Table
from sqlalchemy.types import TypeDecorator


def _sqlite_date(value: date | None) -> str | None:
    return None if value is None else value.isoformat()


def _sqlite_datetime(value: datetime | None) -> str | None:
    if value is None:
        return None
    if value.tzinfo is not None:
        value = value.astimezone(UTC)
    return value.strftime("%Y-%m-%d %H:%M:%S.%f")


def _converter(column) -> Callable[[Any], Any] | None:
    kind = column.type.impl if isinstance(column.type, TypeDecorator) else column.type
    if isinstance(kind, DateTime):
        return _sqlite_datetime
    if isinstance(kind, Date):
        return _sqlite_date
    return None


class BulkInserter:
    """Inserts many rows (dicts holding every column of the table) into one table."""

    def __init__(self, conn: Connection, table: Table):
        self.conn = conn
        self.table = table
        self.native = conn.dialect.name == "sqlite"
        if self.native:
            names = [column.name for column in table.columns]
            compiled = table.insert().compile(dialect=conn.dialect, column_keys=names)
            order = list(compiled.positiontup)
            self.sql = str(compiled)
            self.getter = itemgetter(*order)
            self.conversions = [
                (i, convert)
                for i, convert in enumerate(_converter(table.c[name]) for name in order)
                if convert is not None
            ]

    def insert(self, rows: Sequence[dict[str, Any]]) -> None:
        if not rows:
            return
        if not self.native:
            self.conn.execute(self.table.insert(), list(rows))
            return
        getter = self.getter
        conversions = self.conversions
        memo: dict[Any, Any] = {}
        params = []
        for row in rows:
            values = list(getter(row))
            for i, convert in conversions:
                value = values[i]
                if value is not None:
                    converted = memo.get(value)
                    if converted is None:
                        converted = memo[value] = convert(value)
                    values[i] = converted
            params.append(tuple(values))
        self.conn.exec_driver_sql(self.sql, params)
