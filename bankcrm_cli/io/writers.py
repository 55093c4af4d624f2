"""Output files: formula-safe CSV, the rejects file of an import, and JSON."""

from __future__ import annotations

import csv
import dataclasses
import datetime as dt
import enum
import os
import re
import tempfile
from collections.abc import Iterable, Sequence
from decimal import Decimal
from pathlib import Path
from types import TracebackType
from typing import IO, Any, TextIO

# A spreadsheet treats a cell starting with one of these as a formula (OWASP "CSV injection").
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")

REJECT_REASON = "reject_reason"


def formula_safe(value: object) -> object:
    """Prefix `'` to a string a spreadsheet would run as a formula; other values pass unchanged."""
    if isinstance(value, str) and value.startswith(_FORMULA_STARTS):
        return "'" + value
    return value


# A rejected row is to be fixed and imported again, so in a rejects file a leading + or - that
# can only start a number or a phone number ("+86 138 0013 8000", "-1,234.50") stays as it was:
# a spreadsheet computes nothing harmful from it.
_SIGNED_NUMBER = re.compile(r"[+-][0-9 ,.()+-]*")


def rejected_cell_safe(text: str) -> str:
    """A cell of a rejects file: formula-safe, except signed numbers and phone numbers."""
    if text.startswith(("+", "-")) and _SIGNED_NUMBER.fullmatch(text):
        return text
    return formula_safe(text)


def csv_cell(value: object) -> str:
    """One value as CSV text: None → "", bool → true/false, dates ISO, Decimal without exponent."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dt.date | dt.time):  # datetime is a date
        return value.isoformat()
    if isinstance(value, Decimal):
        return format(value, "f")
    return str(value)


def write_csv(out: TextIO, header: Sequence[str], rows: Iterable[Sequence[object]]) -> None:
    """Write a header and rows as comma-separated CSV that is safe to open in a spreadsheet.

    Text cells are made formula-safe, then every cell is converted by `csv_cell` (so a negative
    number stays a number). Lines end in CRLF (RFC 4180);
    open files with `newline=""`. The caller chooses the encoding (utf-8-sig for Excel).
    """
    writer = csv.writer(out)
    writer.writerow([csv_cell(formula_safe(h)) for h in header])
    for row in rows:
        writer.writerow([csv_cell(formula_safe(v)) for v in row])


class RejectsWriter:
    """The rejected rows of an import, as they were, each with a `reject_reason`; a cell a
    spreadsheet would run as a formula gets a leading `'` (see `rejected_cell_safe`).

    The file appears only when the first reject arrives; it is written beside the target under
    a temporary name and renamed into place by `close()`, so an interrupted import never leaves
    a half-written rejects file. Cells beyond the header (from ragged rows) follow the reason.
    """

    def __init__(self, path: Path, header: Sequence[str]) -> None:
        from bankcrm_cli.io.outputs import check_output_file

        # Refused before a row is read: never the store, the input or a device (outputs.py).
        self.path = check_output_file(Path(path))
        self.header = list(header)
        self.count = 0
        self._file: IO[str] | None = None
        self._writer: Any = None
        self._temp: Path | None = None

    def add(self, values: Sequence[object], reason: str) -> None:
        """Record one rejected row with why it was rejected (`field: message`)."""
        if self._writer is None:
            self._start()
        width = len(self.header)
        cells = ["" if v is None else rejected_cell_safe(str(v)) for v in values]
        if len(cells) < width:
            cells.extend([""] * (width - len(cells)))
        self._writer.writerow([*cells[:width], reason, *cells[width:]])
        self.count += 1

    def _start(self) -> None:
        from bankcrm_cli.io.outputs import check_output_file, make_private_folders

        # Rejected rows are customer data: folders made for them are private, like the file.
        make_private_folders(check_output_file(self.path).parent)
        fd, name = tempfile.mkstemp(
            dir=self.path.parent, prefix=f".{self.path.name}.", suffix=".tmp"
        )
        self._temp = Path(name)
        self._file = open(fd, "w", encoding="utf-8-sig", newline="")  # noqa: SIM115
        self._writer = csv.writer(self._file)
        self._writer.writerow([*map(rejected_cell_safe, self.header), REJECT_REASON])

    def close(self) -> Path | None:
        """Put the rejects file in place; None when nothing was rejected."""
        if self._file is None or self._temp is None:
            return None
        self._file.close()
        os.replace(self._temp, self.path)
        self._file = self._temp = self._writer = None
        return self.path

    def discard(self) -> None:
        """Forget what was written so far; no rejects file appears."""
        if self._file is not None:
            self._file.close()
        if self._temp is not None:
            self._temp.unlink(missing_ok=True)
        self._file = self._temp = self._writer = None

    def __enter__(self) -> RejectsWriter:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        if exc_type is None:
            self.close()
        else:
            self.discard()


def to_jsonable(value: Any) -> Any:
    """`value` with dates, Decimals, Paths, enums and dataclasses turned into JSON types."""
    if isinstance(value, str | int | float | bool) or value is None:
        return value
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, Decimal):
        return format(value, "f")
    if isinstance(value, Path):
        return str(value)
    if isinstance(value, enum.Enum):
        return to_jsonable(value.value)
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: to_jsonable(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, dict):
        return {str(k): to_jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple | set | frozenset):
        items = sorted(value, key=str) if isinstance(value, set | frozenset) else value
        return [to_jsonable(v) for v in items]
    return value


def _json_default(value: Any) -> Any:
    converted = to_jsonable(value)
    if converted is value:
        raise TypeError(f"{type(value).__name__} is not JSON serialisable")
    return converted


def dumps_json_bytes(obj: Any, *, indent: int | None = 2) -> bytes:
    """JSON as UTF-8 bytes, Chinese as is (no \\u escapes); indented by 2 or compact.

    orjson writes it: dates, datetimes, enums, dataclasses and tuples natively, the rest
    (Decimals, Paths, sets, named tuples) through `to_jsonable`. A whole bank's follow-ups are
    a 6 MB document, which the standard library's encoder took four times as long to write.
    """
    import orjson

    if indent not in (None, 2):
        raise ValueError("JSON is indented by 2 spaces or not at all")
    option = orjson.OPT_NON_STR_KEYS | (orjson.OPT_INDENT_2 if indent else 0)
    try:
        return orjson.dumps(obj, default=_json_default, option=option)
    except orjson.JSONEncodeError as exc:
        # Keep the reason `default` gave (an object of no JSON type), not orjson's wrapper.
        raise TypeError(str(exc.__cause__ or exc)) from None


def dumps_json(obj: Any, *, indent: int | None = 2) -> str:
    """JSON text for people and scripts: see `dumps_json_bytes`."""
    return dumps_json_bytes(obj, indent=indent).decode("utf-8")
