"""Fast reads for hot paths (follow-ups, the delivery log): many keys in one parameter,
rows parsed from one JSON array, and a read on a second connection in a thread.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from datetime import date
from typing import Any

from sqlalchemy import (
    Boolean,
    Connection,
    Date,
    Engine,
    FromClause,
    LargeBinary,
    Select,
    case,
    cast,
    column,
    func,
    select,
)
from sqlalchemy import values as sql_values
from sqlalchemy.types import TypeDecorator, TypeEngine

from bankcrm_cli.store.engine import sqlite_path
from bankcrm_cli.store.read_parts import listed

Converter = Callable[[Any], Any]


def values_table(conn: Connection, values: Iterable[Any], type_: TypeEngine) -> FromClause:
    """A one-column table (`value`) of these values, bound as one parameter
    (`read_parts.listed`); on a database other than SQLite and PostgreSQL, a VALUES list."""
    values = list(values)
    if conn.dialect.name in ("sqlite", "postgresql"):
        return listed(conn.dialect.name, None, type_, values)
    return sql_values(column("value", type_), name="listed").data([(v,) for v in values])


def _plain_type(kind: TypeEngine) -> TypeEngine:
    """The type whose values a column returns, seen through decorators that keep them as
    they are. Other decorators (the tables' UTCDateTime, whose stored text becomes an aware
    datetime) `fetch_rows` does not read: select them another way."""
    if isinstance(kind, TypeDecorator):
        if type(kind).process_result_value is not TypeDecorator.process_result_value:
            raise TypeError(f"fetch_rows cannot read a {type(kind).__name__} column")
        return kind.impl_instance
    return kind


def fetch_rows(conn: Connection, query: Select) -> list[Sequence[Any]]:
    """Every row of `query`, each a sequence of its values typed as SQLAlchemy returns them.

    On SQLite, the store builds the rows into one JSON array, which the driver reads in a
    single step and orjson parses: faster than SQLAlchemy's rows (benchmarks/README.md). And
    the driver lets go of Python's lock (the GIL) during each step, so a read taken this way
    leaves Python free for another thread from start to end (`BackgroundRead`); row by row,
    each row takes the lock back, and two threads reading at once wait on each other. Other
    databases give SQLAlchemy's rows. The order of the rows is the database's: sort them
    afterwards.
    """
    if conn.dialect.name != "sqlite":
        return conn.execute(query).fetchall()
    import orjson

    read = query.subquery()
    values = []
    parsers: list[tuple[int, Converter]] = []
    for position, (selected, value) in enumerate(zip(query.selected_columns, read.c, strict=True)):
        kind = _plain_type(selected.type)
        if isinstance(kind, Boolean):  # stored 0/1: made JSON true/false by SQLite itself
            value = func.json(case((value.is_(True), "true"), (value.is_(False), "false")))
        elif isinstance(kind, Date):
            parsers.append((position, date.fromisoformat))
        values.append(value)
    # As a BLOB, the driver hands the UTF-8 over as it is, for orjson to read: as text it
    # would be decoded into a str, and orjson would need it encoded again.
    listed = func.json_group_array(func.json_array(*values))
    rows = orjson.loads(conn.execute(select(cast(listed, LargeBinary))).scalar_one())
    for position, parse in parsers:
        # A day's rows share few dates (a whole bank's birthdays on 3 days: some 250 births).
        parsed: dict[str, Any] = {}
        for row in rows:
            text = row[position]
            if text is not None:
                value = parsed.get(text)
                if value is None:
                    value = parsed[text] = parse(text)
                row[position] = value
    return rows


class BackgroundRead:
    """`fetch_rows(query)` on a connection of its own, in a thread, while the caller goes on.

    `rows()` waits for the read and returns its rows, or raises what the read raised. A
    SQLite store in memory is a new, empty database on every connection: there the read is
    made by `rows()` itself, on the caller's connection `conn`.
    """

    def __init__(self, conn: Connection, query: Select):
        import threading

        self._conn = conn
        self._query = query
        self._rows: list[Sequence[Any]] | None = None
        self._error: BaseException | None = None
        self._thread: threading.Thread | None = None
        if not _in_memory(conn.engine):
            self._thread = threading.Thread(target=self._read, args=(conn.engine,), daemon=True)
            self._thread.start()

    def _read(self, engine: Engine) -> None:
        try:
            with engine.connect() as conn:
                self._rows = fetch_rows(conn, self._query)
        except BaseException as exc:  # handed to the caller by rows()
            self._error = exc

    def rows(self) -> list[Sequence[Any]]:
        if self._thread is None:
            if self._rows is None:
                self._rows = fetch_rows(self._conn, self._query)
            return self._rows
        self._thread.join()
        if self._error is not None:
            raise self._error
        assert self._rows is not None
        return self._rows


def _in_memory(engine: Engine) -> bool:
    """Whether the store is SQLite in memory, seen by no other connection."""
    url = engine.url
    if url.get_backend_name() != "sqlite":
        return False
    return sqlite_path(str(url)) is None or url.query.get("mode") == "memory"
