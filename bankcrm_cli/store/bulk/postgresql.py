"""PostgreSQL's bulk path: COPY through psycopg 3 instead of row-by-row statements.

An import decides for each record whether it is new, changed or unchanged (it must, to count
them, to leave blanks alone and to stamp consent changes), and it does so under the store's
writer lock (store/engine.py), so a record it found new is still new when written: new rows
are copied straight into the table. Changed rows are copied into a temporary staging table
and applied with one UPDATE … FROM per group of changed columns. Lookups by key send the
whole batch of keys as one array.

Rows travel in COPY's binary format, typed by the table's own column types (about twice as
fast as text for the client); a value the column cannot hold fails the whole import.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Sequence
from functools import cached_property

from sqlalchemy import Connection

from bankcrm_cli.store.bulk.base import shaped_rows
from bankcrm_cli.store.bulk.core import CoreLoader

# Below this many rows, an UPDATE per row (psycopg pipelines executemany) beats creating,
# filling and joining a staging table.
STAGED_UPDATE_MIN_ROWS = 200

_staging_names = itertools.count(1)


def uses_copy(conn: Connection) -> bool:
    """Whether this connection's bulk writes can go through COPY (PostgreSQL with psycopg 3)."""
    return conn.dialect.name == "postgresql" and conn.dialect.driver == "psycopg"


def _names(columns: Sequence[str]) -> str:
    return ", ".join(f'"{name}"' for name in columns)


def column_types(conn: Connection, table_name: str) -> dict[str, int]:
    """Each column's type OID, as the table (found on the search path) has it."""
    rows = conn.exec_driver_sql(
        "SELECT attname, atttypid::int FROM pg_attribute"
        " WHERE attrelid = %s::regclass AND attnum > 0 AND NOT attisdropped",
        (f'"{table_name}"',),
    )
    return dict(rows.all())


def copy_rows(
    conn: Connection,
    table_name: str,
    columns: Sequence[str],
    rows: Iterable[Sequence],
    types: Sequence[int],
) -> None:
    """COPY `rows` (typed values in `columns` order, of the type OIDs `types`) into a table,
    in the open transaction."""
    if _row_security_active(conn, table_name):
        _copy_through_staging(conn, table_name, columns, rows, types)
        return
    driver = conn.connection.driver_connection
    statement = f'COPY "{table_name}" ({_names(columns)}) FROM STDIN (FORMAT BINARY)'
    with driver.cursor() as cursor, cursor.copy(statement) as copy:
        copy.set_types(list(types))
        write = copy.write_row
        for row in rows:
            write(row)


def _row_security_active(conn: Connection, table_name: str) -> bool:
    """Whether row-level security applies to this login on the table (a team store's admin):
    COPY FROM is refused there, and rows go through a staging table and INSERT instead."""
    return bool(
        conn.exec_driver_sql(
            "SELECT row_security_active(%s::regclass)", (f'"{table_name}"',)
        ).scalar()
    )


def _copy_through_staging(
    conn: Connection,
    table_name: str,
    columns: Sequence[str],
    rows: Iterable[Sequence],
    types: Sequence[int],
) -> None:
    staging = f"bulk_insert_{next(_staging_names)}"
    conn.exec_driver_sql(
        f'CREATE TEMPORARY TABLE "{staging}" ON COMMIT DROP AS '
        f'SELECT {_names(columns)} FROM "{table_name}" WITH NO DATA'
    )
    copy_rows(conn, staging, columns, rows, types)
    conn.exec_driver_sql(
        f'INSERT INTO "{table_name}" ({_names(columns)}) SELECT {_names(columns)} FROM "{staging}"'
    )
    conn.exec_driver_sql(f'DROP TABLE "{staging}"')


class PostgresqlLoader(CoreLoader):
    """The bulk loader for PostgreSQL over psycopg 3 (see `BulkLoader`); small updates go
    through Core, as on any database."""

    @cached_property
    def _types(self) -> dict[str, int]:
        return column_types(self.conn, self.spec.table.name)

    def fetch_by_key(self, keys: Sequence[str]) -> dict[str, tuple]:
        if not keys:
            return {}
        spec = self.spec
        position = spec.columns.index(spec.key)
        sql = f'SELECT {_names(spec.columns)} FROM "{spec.table.name}" WHERE "{spec.key}" = ANY(%s)'
        return {row[position]: tuple(row) for row in self.conn.exec_driver_sql(sql, (list(keys),))}

    def insert(self, rows: Sequence[tuple]) -> None:
        if not rows:
            return
        names = self.spec.inserted_columns
        types = [self._types[name] for name in names]
        copy_rows(self.conn, self.spec.table.name, names, shaped_rows(self.spec, rows), types)

    def update(self, columns: Sequence[str], rows: Sequence[tuple]) -> None:
        if len(rows) < STAGED_UPDATE_MIN_ROWS:
            super().update(columns, rows)
            return
        table_name, key = self.spec.table.name, self.spec.key
        staging = f"bulk_update_{next(_staging_names)}"
        names = [*columns, key]
        # CREATE TABLE AS keeps the column types but none of the constraints: the staging rows
        # carry only the columns being set.
        self.conn.exec_driver_sql(
            f'CREATE TEMPORARY TABLE "{staging}" ON COMMIT DROP AS '
            f'SELECT {_names(names)} FROM "{table_name}" WITH NO DATA'
        )
        copy_rows(self.conn, staging, names, rows, [self._types[name] for name in names])
        assignments = ", ".join(f'"{name}" = s."{name}"' for name in columns)
        self.conn.exec_driver_sql(
            f'UPDATE "{table_name}" AS t SET {assignments} FROM "{staging}" AS s '
            f'WHERE t."{key}" = s."{key}"'
        )
        self.conn.exec_driver_sql(f'DROP TABLE "{staging}"')
