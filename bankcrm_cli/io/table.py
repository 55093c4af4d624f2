"""An open import file as a table: its rows, its columns, and how far it has been read."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from types import TracebackType
from typing import Any

from bankcrm_cli.io.headers import ColumnMapping


@dataclass(slots=True)
class Row:
    """One data row: values aligned with the header; cells beyond the header follow at the end."""

    line: int  # 1-based line/row in the file (header is line 1 for csv/xlsx); object no. for json
    values: list[object]


# Rows read together: their line numbers and their values.
Chunk = tuple[list[int], list[list[object]]]


@dataclass
class Table:
    """An open import file; use as a context manager so the file is closed.

    `position()` runs from 0 to `size` as rows are read, for a progress bar: bytes read for text
    files, and for .json and .xlsx the share of records read so far scaled to `size` (an .xlsx
    that does not state its row count stays at 0 until the end).
    """

    path: Path
    format: str  # "csv" | "xlsx" | "json" | "jsonl"
    encoding: str | None  # None for xlsx
    header: list[str]
    columns: ColumnMapping
    rows: Iterator[Row]
    size: int
    delimiter: str | None = None  # csv only
    _position: Callable[[], int] = field(default=lambda: 0, repr=False)
    _close: Callable[[], None] = field(default=lambda: None, repr=False)
    # Rows `size` at a time as (line numbers, values), where a format reads them faster so.
    _chunks: Callable[[int], Iterator[Chunk]] | None = field(default=None, repr=False)

    def chunks(self, size: int) -> Iterator[Chunk]:
        """The rows, up to `size` at a time, as their line numbers and their values."""
        if self._chunks is not None:
            yield from self._chunks(size)
            return
        lines: list[int] = []
        rows: list[list[object]] = []
        for row in self.rows:
            lines.append(row.line)
            rows.append(row.values)
            if len(rows) == size:
                yield lines, rows
                lines, rows = [], []
        if rows:
            yield lines, rows

    def position(self) -> int:
        """Progress so far, from 0 to `size`."""
        return self._position()

    def close(self) -> None:
        """Release the file."""
        self._close()

    def __enter__(self) -> Table:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()


def is_blank(values: list[object]) -> bool:
    """Whether a row holds nothing but empty cells."""
    return all(v is None or v == "" for v in values)


def clean_header(header: list[Any]) -> list[str]:
    """Header cells as names: text, stripped, without a leading BOM."""
    names = [("" if h is None else str(h)).strip() for h in header]
    if names:
        names[0] = names[0].lstrip("\ufeff").strip()
    return names
