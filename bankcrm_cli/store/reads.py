"""Running the everyday reads (`store/read_statements.py`) on any store.

On SQLite, through a `LiteConnection` or a SQLAlchemy connection alike, the read's compiled
text (`store/compiled_reads.py`) runs on the driver's connection, and each value comes back as
SQLAlchemy would hand it back (a date as a `date`, a flag as a bool, a moment as an aware
datetime in UTC); on PostgreSQL the Core statement runs through SQLAlchemy. Rows are named
tuples: by position or by column name.
"""

from __future__ import annotations

import json
import sqlite3
from collections import namedtuple
from collections.abc import Callable, Mapping, Sequence
from datetime import UTC, date, datetime
from functools import cache
from typing import Any

from bankcrm_cli.store.compiled_reads import READS
from bankcrm_cli.store.lite import LiteConnection


def _driver(conn: Any) -> sqlite3.Connection | None:
    """The sqlite3 connection under `conn`, None when the store is not SQLite."""
    if isinstance(conn, LiteConnection):
        return conn.raw
    if conn.dialect.name != "sqlite":
        return None
    if not conn.in_transaction():
        conn.begin()  # as a statement run through SQLAlchemy would (its reads see one state)
    return conn.connection.driver_connection


def _bound(value: Any) -> Any:
    """A parameter as the compiled text takes it: a list as a JSON array, a day as ISO text."""
    if isinstance(value, (list, tuple, set, frozenset)):
        return json.dumps(sorted(value) if isinstance(value, (set, frozenset)) else list(value))
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, date):
        return value.isoformat()
    return value


@cache
def _row_type(name: str, columns: tuple[str, ...]):
    """A named tuple of the read's columns, with `_mapping` (column: value) as SQLAlchemy's
    rows have it."""
    base = namedtuple(f"{name}_row", columns, rename=True)
    mapping = property(lambda row: dict(zip(row._fields, row, strict=True)))
    return type(base.__name__, (base,), {"__slots__": (), "_mapping": mapping})


def _day_parser() -> Callable[[str], date]:
    """ISO text to a date, each text parsed once (a day's rows share few dates)."""
    parsed: dict[str, date] = {}

    def parse(text: str) -> date:
        day = parsed.get(text)
        if day is None:
            day = parsed[text] = date.fromisoformat(text)
        return day

    return parse


def _moment(text: str) -> datetime:
    """A stored moment (UTCDateTime: UTC, kept without a zone) as an aware datetime in UTC."""
    moment = datetime.fromisoformat(text)
    if moment.utcoffset() is None:
        return moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC)


def _parser(kind: str) -> Callable[[Any], Any]:
    if kind == "date":
        return _day_parser()
    if kind == "utc":
        return _moment
    return bool


def _converted(fetched: list[tuple], kinds: Sequence[str | None]) -> list[list[Any]] | list:
    convert = [(position, _parser(kind)) for position, kind in enumerate(kinds) if kind is not None]
    if not convert:
        return fetched
    rows = []
    for row in fetched:
        row = list(row)
        for position, parse in convert:
            value = row[position]
            if value is not None:
                row[position] = parse(value)
        rows.append(row)
    return rows


def _sqlite_rows(raw: sqlite3.Connection, name: str, shape: tuple[bool, ...], params) -> list:
    sql, columns, kinds, fixed = READS[name][shape]
    bound = {**fixed, **{key: _bound(value) for key, value in params.items()}}
    fetched = raw.execute(sql, bound).fetchall()
    make = _row_type(name, columns)._make
    return [make(row) for row in _converted(fetched, kinds)]


def rows(conn: Any, name: str, shape: tuple[bool, ...], params: Mapping[str, Any]) -> list:
    """Every row of the read `name` in this shape, run with these values."""
    raw = _driver(conn)
    if raw is None:
        from bankcrm_cli.store.read_statements import core_rows

        return core_rows(conn, name, shape, params)
    return _sqlite_rows(raw, name, shape, params)


class _SqliteBackgroundRead:
    """The read on a sqlite3 connection of its own, in a thread; `rows()` waits for it."""

    def __init__(self, opener: Callable[[], Any], name: str, shape, params) -> None:
        import threading

        self._result: list | BaseException | None = None
        self._thread = threading.Thread(
            target=self._read, args=(opener, name, shape, params), daemon=True
        )
        self._thread.start()

    def _read(self, opener, name, shape, params) -> None:
        try:
            raw = opener()
            try:
                self._result = _sqlite_rows(raw, name, shape, params)
            finally:
                raw.close()
        except BaseException as exc:  # handed to the caller by rows()
            self._result = exc

    def rows(self) -> list:
        self._thread.join()
        if isinstance(self._result, BaseException):
            raise self._result
        assert self._result is not None
        return self._result


class _ReadNow:
    def __init__(self, found: list) -> None:
        self._rows = found

    def rows(self) -> list:
        return self._rows


def rows_in_background(conn: Any, name: str, shape: tuple[bool, ...], params: Mapping[str, Any]):
    """The read on a connection of its own, in a thread, while the caller goes on: `.rows()`
    waits for it. A store in memory, seen by no other connection, is read at once."""
    if isinstance(conn, LiteConnection):
        return _SqliteBackgroundRead(conn.store.raw, name, shape, params)
    if conn.dialect.name != "sqlite":
        from bankcrm_cli.store.read_statements import core_in_background

        return core_in_background(conn, name, shape, params)
    from bankcrm_cli.store.fast_reads import _in_memory

    if _in_memory(conn.engine):
        return _ReadNow(rows(conn, name, shape, params))
    engine = conn.engine
    return _SqliteBackgroundRead(lambda: _own_connection(engine), name, shape, {**params})


def _own_connection(engine) -> Any:
    """A pooled connection of the engine, handed over as its sqlite3 connection: closing it
    gives it back to the pool."""
    pooled = engine.raw_connection()
    return _Returning(pooled)


class _Returning:
    """A pooled DBAPI connection whose `execute` is the driver's and `close` gives it back."""

    def __init__(self, pooled) -> None:
        self._pooled = pooled

    def execute(self, *args):
        return self._pooled.driver_connection.execute(*args)

    def close(self) -> None:
        self._pooled.close()
