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
from collections.abc import Callable, Iterable, Sequence
from typing import TYPE_CHECKING, Any

from sqlalchemy import Connection

if TYPE_CHECKING:
    from bankcrm_cli.store.bulk import BulkInserter

# Below this many rows, an UPDATE per row (psycopg pipelines executemany) beats creating,
# filling and joining a staging table.
STAGED_UPDATE_MIN_ROWS = 200

_staging_names = itertools.count(1)


def uses_copy(conn: Connection) -> bool:
    """Whether this connection's bulk writes go through COPY (PostgreSQL with psycopg 3)."""
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
    driver = conn.connection.driver_connection
    statement = f'COPY "{table_name}" ({_names(columns)}) FROM STDIN (FORMAT BINARY)'
    with driver.cursor() as cursor, cursor.copy(statement) as copy:
        copy.set_types(list(types))
        write = copy.write_row
        for row in rows:
            write(row)


def _row_shaper(inserter: BulkInserter) -> Callable[[tuple], tuple]:
    """Turns an inserter's row into the full row to copy: blanks to NULL (or the column's
    default), then the stamps; the same result as the inserter's own `_parameters`."""
    columns = list(inserter.columns)
    blank = inserter.blank
    defaults = [(columns.index(name), value) for name, value in inserter.defaults.items()]
    stamps = [
        (stamp.value, [columns.index(name) for name in stamp.when_given])
        for stamp in inserter.stamps.values()
    ]

    def shape(row: tuple) -> tuple:
        if blank is None:
            values = list(row)
        elif blank is Ellipsis:
            values = [None if value is Ellipsis else value for value in row]
        else:
            values = [None if value == blank else value for value in row]
        for position, default in defaults:
            if values[position] is None:
                values[position] = default
        for value, given in stamps:
            if not given or any(values[position] is not None for position in given):
                values.append(value)
            else:
                values.append(None)
        return tuple(values)

    return shape


def insert_rows(inserter: BulkInserter, rows: Sequence[tuple]) -> None:
    """The COPY form of `BulkInserter.insert`."""
    state: Any = getattr(inserter, "_pg_copy", None)
    if state is None:
        names = [*inserter.columns, *inserter.stamps]
        types = column_types(inserter.conn, inserter.table.name)
        state = (names, [types[name] for name in names], _row_shaper(inserter))
        inserter._pg_copy = state
    names, types, shape = state
    copy_rows(inserter.conn, inserter.table.name, names, map(shape, rows), types)


def fetch_by_key(
    conn: Connection, table_name: str, key: str, columns: Sequence[str], keys: Sequence[str]
) -> dict[str, tuple]:
    """Stored rows (`columns` order, typed) for the given keys, in one query."""
    if not keys:
        return {}
    position = list(columns).index(key)
    sql = f'SELECT {_names(columns)} FROM "{table_name}" WHERE "{key}" = ANY(%s)'
    return {row[position]: tuple(row) for row in conn.exec_driver_sql(sql, (list(keys),))}


def update_from_staging(
    conn: Connection, table_name: str, key: str, columns: Sequence[str], rows: Sequence[tuple]
) -> None:
    """Set `columns` from each row (new values in `columns` order, then the key) by key."""
    staging = f"bulk_update_{next(_staging_names)}"
    names = [*columns, key]
    types = column_types(conn, table_name)
    # CREATE TABLE AS keeps the column types but none of the constraints: the staging rows
    # carry only the columns being set.
    conn.exec_driver_sql(
        f'CREATE TEMPORARY TABLE "{staging}" ON COMMIT DROP AS '
        f'SELECT {_names(names)} FROM "{table_name}" WITH NO DATA'
    )
    copy_rows(conn, staging, names, rows, [types[name] for name in names])
    assignments = ", ".join(f'"{name}" = s."{name}"' for name in columns)
    conn.exec_driver_sql(
        f'UPDATE "{table_name}" AS t SET {assignments} FROM "{staging}" AS s '
        f'WHERE t."{key}" = s."{key}"'
    )
    conn.exec_driver_sql(f'DROP TABLE "{staging}"')


# Writes that make a table's planner statistics worth refreshing at once: the next import's
# lookups by key should use the index, not a plan made when the table was small.
ANALYZE_MIN_ROWS = 10_000


def refresh_statistics(conn: Connection, table_name: str, rows_written: int) -> None:
    """ANALYZE a table after a bulk write of at least ANALYZE_MIN_ROWS rows (PostgreSQL)."""
    if uses_copy(conn) and rows_written >= ANALYZE_MIN_ROWS:
        conn.exec_driver_sql(f'ANALYZE "{table_name}"')
