"""SQLite's bulk path: rows in storage form handed to the driver's executemany.

Blanks, defaults and stamps are all applied by the INSERT statement itself, so a row goes to
the driver as it is: no Python work per row, and no None to bind (the driver binds a None
several times slower than a string).
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cached_property
from typing import Any

from sqlalchemy import Connection, literal
from sqlalchemy.engine import Dialect

from bankcrm_cli.store.bulk.base import LoadSpec, chunks


def _sql_literal(value: Any, dialect: Dialect) -> str:
    return str(literal(value).compile(dialect=dialect, compile_kwargs={"literal_binds": True}))


class SqliteLoader:
    """The bulk loader for SQLite (see `BulkLoader`)."""

    def __init__(self, conn: Connection, spec: LoadSpec):
        self.conn = conn
        self.spec = spec

    def fetch_by_key(self, keys: Sequence[str]) -> dict[str, tuple]:
        spec = self.spec
        found: dict[str, tuple] = {}
        position = spec.columns.index(spec.key)
        names = ", ".join(spec.columns)
        for chunk in chunks(keys):
            marks = ", ".join("?" * len(chunk))
            sql = f"SELECT {names} FROM {spec.table.name} WHERE {spec.key} IN ({marks})"
            for row in self.conn.exec_driver_sql(sql, tuple(chunk)):
                found[row[position]] = tuple(row)
        return found

    @cached_property
    def _insert_sql(self) -> str:
        spec = self.spec
        dialect = self.conn.dialect
        number = {name: n for n, name in enumerate(spec.columns, start=1)}

        def value_of(name: str) -> str:
            if spec.blank is None:
                return f"?{number[name]}"
            return f"NULLIF(?{number[name]}, {_sql_literal(spec.blank, dialect)})"

        values = []
        for name in spec.columns:
            value = value_of(name)
            if name in spec.defaults:
                value = f"COALESCE({value}, {_sql_literal(spec.defaults[name], dialect)})"
            values.append(value)
        for stamp in spec.stamps.values():
            value = _sql_literal(stamp.value, dialect)
            if stamp.when_given:
                given = " OR ".join(f"{value_of(name)} IS NOT NULL" for name in stamp.when_given)
                value = f"CASE WHEN {given} THEN {value} END"
            values.append(value)
        names = ", ".join(spec.inserted_columns)
        return f"INSERT INTO {spec.table.name} ({names}) VALUES ({', '.join(values)})"

    def insert(self, rows: Sequence[tuple]) -> None:
        if rows:
            self.conn.exec_driver_sql(self._insert_sql, list(rows))

    def update(self, columns: Sequence[str], rows: Sequence[tuple]) -> None:
        if not rows:
            return
        assignments = ", ".join(f"{name} = ?" for name in columns)
        sql = f"UPDATE {self.spec.table.name} SET {assignments} WHERE {self.spec.key} = ?"
        self.conn.exec_driver_sql(sql, list(rows))
