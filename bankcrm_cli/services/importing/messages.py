"""What crosses between the reading worker and the writing process: the read's spec, the
file's Header, Batches of records, and the encoding of each message on the pipe."""

from __future__ import annotations

import marshal
import pickle
from collections.abc import Mapping
from dataclasses import dataclass, field, fields
from datetime import date
from pathlib import Path


@dataclass(frozen=True)
class ReadSpec:
    """Everything the reading half needs; plain values, so it crosses a process boundary."""

    kind: str
    path: Path
    today: date
    dialect: str
    batch_rows: int
    encoding: str | None = None
    header_map: Mapping[str, str] | None = None
    # Under --strict a customer naming no known RM is a reject: its cells are kept for that.
    strict: bool = False


@dataclass
class Header:
    """First message of a read: what the file is."""

    format: str
    encoding: str | None
    header: list[str]
    unknown_columns: list[str]
    size: int
    fields: list[str | None] = field(default_factory=list)


@dataclass
class Batch:
    """Validated records, and the rows rejected on the way, in file order."""

    records: list[tuple] = field(default_factory=list)
    # The file's cells for each record: kept only where the writer may still reject the row.
    originals: list[list[object]] | None = None
    rejects: list[tuple[list[object], str]] = field(default_factory=list)
    # Rows not validated yet (repeats already rejected), for whichever process validates them,
    # and for each of `rejects`, how many of these rows came before it in the file.
    unvalidated: list[list[object]] = field(default_factory=list)
    reject_positions: list[int] = field(default_factory=list)
    rows_read: int = 0
    position: int = 0


_BATCH_FIELDS = tuple(f.name for f in fields(Batch))


def to_message(item: Header | Batch | BaseException | None) -> bytes:
    """One message of a worker's stream. A Batch of plain values goes by marshal, which writes
    and reads it several times faster than pickle; anything else by pickle."""
    if isinstance(item, Batch):
        try:
            return b"m" + marshal.dumps(tuple(getattr(item, name) for name in _BATCH_FIELDS))
        except ValueError:  # typed values (dates) for databases other than SQLite
            pass
    return b"p" + pickle.dumps(item, pickle.HIGHEST_PROTOCOL)


def from_message(data: bytes) -> Header | Batch | BaseException | None:
    """What `to_message` sent."""
    body = memoryview(data)[1:]
    if data[:1] == b"m":
        return Batch(**dict(zip(_BATCH_FIELDS, marshal.loads(body), strict=True)))
    return pickle.loads(body)
