"""Bulk reads and writes in the database's own storage form.

SQLAlchemy's per-value type processing costs more than SQLite's own work on a million rows.
For SQLite, values are converted here to exactly what SQLAlchemy would store (ISO dates, 0/1
booleans, UTC timestamps without offset) and handed to the driver's executemany; stored rows
are read back the same way, so a new value and a stored one compare directly. Other databases
keep typed values: PostgreSQL's go through COPY (store/pg_copy.py), the rest through
SQLAlchemy Core.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import (
    ARRAY,
    Boolean,
    Connection,
    Date,
    DateTime,
    Engine,
    FromClause,
    LargeBinary,
    Select,
    Table,
    bindparam,
    case,
    cast,
    column,
    func,
    literal,
    select,
)
from sqlalchemy import values as sql_values
from sqlalchemy.engine import Dialect
from sqlalchemy.types import TypeDecorator, TypeEngine

from bankcrm_cli.store import pg_copy
from bankcrm_cli.store.engine import sqlite_path

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
    if pg_copy.uses_copy(conn):
        return pg_copy.fetch_by_key(conn, table.name, key, columns, keys)
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


def values_table(conn: Connection, values: Iterable[Any], type_: TypeEngine) -> FromClause:
    """A one-column table (`value`) of these values, bound as one parameter.

    Joined to a table, it looks many keys up in one query and one index probe each, where an
    IN list binds a parameter per value (SQLite allows only so many, and SQLAlchemy spends
    longer rendering thousands than the database spends finding them). SQLite reads the
    values from a JSON array (json_each), PostgreSQL from an array (unnest).
    """
    values = list(values)
    if conn.dialect.name == "sqlite":
        import orjson

        listed = bindparam(None, orjson.dumps(values).decode(), unique=True)
        return func.json_each(listed).table_valued("value")
    if conn.dialect.name == "postgresql":
        listed = bindparam(None, values, type_=ARRAY(type_), unique=True)
        return func.unnest(listed).table_valued("value").render_derived()
    return sql_values(column("value", type_), name="listed").data([(v,) for v in values])


def _plain_type(kind: TypeEngine) -> TypeEngine:
    """The type whose values a column returns, seen through decorators that keep them as
    they are (SQLModel's AutoString). Other decorators (SQLModel's UTCDateTime, whose stored
    text becomes an aware datetime) `fetch_rows` does not read: select them another way."""
    if isinstance(kind, TypeDecorator):
        if type(kind).process_result_value is not TypeDecorator.process_result_value:
            raise TypeError(f"fetch_rows cannot read a {type(kind).__name__} column")
        return kind.impl_instance
    return kind


def fetch_rows(conn: Connection, query: Select) -> list[Sequence[Any]]:
    """Every row of `query`, each a sequence of its values typed as SQLAlchemy returns them.

    On SQLite, the store builds the rows into one JSON array, which the driver reads in a
    single step and orjson parses: on a whole bank's 15,300 follow-up rows about 0.1 s less
    than SQLAlchemy's rows. And the driver lets go of Python's lock (the GIL) during each
    step, so a read taken this way leaves Python free for another thread from start to end
    (`BackgroundRead`); row by row, each row takes the lock back, and two threads reading at
    once wait on each other. Other databases give SQLAlchemy's rows. The order of the rows
    is the database's: sort them afterwards.
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


def existing_keys(conn: Connection, table: Table, key: str, keys: Sequence[str]) -> set[str]:
    """Which of `keys` the table holds."""
    return set(fetch_by_key(conn, table, key, [key], keys))


@dataclass(frozen=True)
class Stamp:
    """A column an insert fills itself: with `value` on every row, or, given `when_given`, only
    on rows where one of those columns is not blank (NULL on the others)."""

    value: Any
    when_given: tuple[str, ...] = ()


def _sql_literal(value: Any, dialect: Dialect) -> str:
    return str(literal(value).compile(dialect=dialect, compile_kwargs={"literal_binds": True}))


class BulkInserter:
    """Inserts many rows, each a tuple in `columns` order, already in storage form.

    A `blank` value in a row stores NULL, or the column's entry in `defaults`; `stamps` fills
    columns the rows do not carry. For SQLite all of it happens in the INSERT statement, so a
    row goes to the driver as it is: no Python work per row, and no None to bind (the driver
    binds a None several times slower than a string).
    """

    def __init__(
        self,
        conn: Connection,
        table: Table,
        columns: Sequence[str],
        *,
        blank: Any = None,
        defaults: Mapping[str, Any] | None = None,
        stamps: Mapping[str, Stamp] | None = None,
    ):
        self.conn = conn
        self.table = table
        self.columns = list(columns)
        self.blank = blank
        self.defaults = dict(defaults or {})
        self.stamps = dict(stamps or {})
        self.native = uses_storage_form(conn.dialect.name)
        if self.native:
            self.sql = self._native_sql(conn.dialect)

    def _native_sql(self, dialect: Dialect) -> str:
        number = {name: n for n, name in enumerate(self.columns, start=1)}

        def value_of(name: str) -> str:
            if self.blank is None:
                return f"?{number[name]}"
            return f"NULLIF(?{number[name]}, {_sql_literal(self.blank, dialect)})"

        values = []
        for name in self.columns:
            value = value_of(name)
            if name in self.defaults:
                value = f"COALESCE({value}, {_sql_literal(self.defaults[name], dialect)})"
            values.append(value)
        for stamp in self.stamps.values():
            value = _sql_literal(stamp.value, dialect)
            if stamp.when_given:
                given = " OR ".join(f"{value_of(name)} IS NOT NULL" for name in stamp.when_given)
                value = f"CASE WHEN {given} THEN {value} END"
            values.append(value)
        names = ", ".join([*self.columns, *self.stamps])
        return f"INSERT INTO {self.table.name} ({names}) VALUES ({', '.join(values)})"

    def insert(self, rows: Sequence[tuple]) -> None:
        if not rows:
            return
        if self.native:
            self.conn.exec_driver_sql(self.sql, list(rows))
        elif pg_copy.uses_copy(self.conn):
            pg_copy.insert_rows(self, rows)
        else:
            self.conn.execute(self.table.insert(), [self._parameters(row) for row in rows])

    def _parameters(self, row: tuple) -> dict[str, Any]:
        blank = self.blank
        values: dict[str, Any] = {}
        for name, value in zip(self.columns, row, strict=True):
            if blank is not None and value == blank:
                value = None
            if value is None:
                value = self.defaults.get(name)
            values[name] = value
        for name, stamp in self.stamps.items():
            given = not stamp.when_given or any(
                values[column] is not None for column in stamp.when_given
            )
            values[name] = stamp.value if given else None
        return values


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
        if pg_copy.uses_copy(self.conn) and len(rows) >= pg_copy.STAGED_UPDATE_MIN_ROWS:
            pg_copy.update_from_staging(self.conn, self.table.name, self.key, columns, rows)
            return
        statement = (
            self.table.update()
            .where(self.table.c[self.key] == bindparam("_key"))
            .values({name: bindparam(name) for name in columns})
        )
        params = [{**dict(zip(columns, row[:-1], strict=True)), "_key": row[-1]} for row in rows]
        self.conn.execute(statement, params)
