"""The bulk-load interface every backend implements, and what a load is asked to do."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol

from sqlalchemy import Table


def table_named(name: str) -> Table:
    """The store's table of this name."""
    from bankcrm_cli.store.tables import metadata

    return metadata.tables[name]


# Portable bound for the number of values in one IN (...) list (SQLite's old limit is 999).
IN_CHUNK = 900


@dataclass(frozen=True)
class Stamp:
    """A column an insert fills itself: with `value` on every row, or, given `when_given`, only
    on rows where one of those columns is not blank (NULL on the others)."""

    value: Any
    when_given: tuple[str, ...] = ()


@dataclass(frozen=True)
class LoadSpec:
    """One table's bulk load: rows are tuples in `columns` order, found by `key`.

    A `blank` value in a row stores NULL, or the column's entry in `defaults`; `stamps` fills
    columns the rows do not carry.
    """

    table: Table
    columns: tuple[str, ...]
    key: str
    blank: Any = None
    defaults: Mapping[str, Any] = field(default_factory=dict)
    stamps: Mapping[str, Stamp] = field(default_factory=dict)

    @property
    def inserted_columns(self) -> list[str]:
        """The columns an insert writes: the rows' own, then the stamps."""
        return [*self.columns, *self.stamps]


class BulkLoader(Protocol):
    """Reads rows by key, inserts and updates many rows of one table, in the open transaction.

    Values are in the backend's storage form (see `storage_form`): what `fetch_by_key` returns
    compares directly with what `insert` and `update` take.
    """

    spec: LoadSpec

    def fetch_by_key(self, keys: Sequence[str]) -> dict[str, tuple]:
        """Stored rows (`columns` order) for the given keys."""
        ...

    def insert(self, rows: Sequence[tuple]) -> None:
        """Insert rows in `columns` order, blanks and stamps as the spec says."""
        ...

    def update(self, columns: Sequence[str], rows: Sequence[tuple]) -> None:
        """Set `columns` by key: each row holds the new values in `columns` order, then the key."""
        ...


def shaped_rows(spec: LoadSpec, rows: Iterable[tuple]) -> Iterable[tuple]:
    """Each row as the full row to store (`spec.inserted_columns` order): blanks to NULL (or
    the column's default), then the stamps. SQLite does the same in its INSERT statement."""
    columns = list(spec.columns)
    blank = spec.blank
    defaults = [(columns.index(name), value) for name, value in spec.defaults.items()]
    stamps = [
        (stamp.value, [columns.index(name) for name in stamp.when_given])
        for stamp in spec.stamps.values()
    ]
    for row in rows:
        values = list(row) if blank is None else [None if v == blank else v for v in row]
        for position, default in defaults:
            if values[position] is None:
                values[position] = default
        for value, given in stamps:
            if not given or any(values[position] is not None for position in given):
                values.append(value)
            else:
                values.append(None)
        yield tuple(values)


def chunks(items: Sequence[str], size: int = IN_CHUNK) -> Iterable[Sequence[str]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]
