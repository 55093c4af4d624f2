"""Open an import file (CSV/TSV/TXT, XLSX, JSON array, JSONL) as a lazy stream of rows.

Text files are decoded as UTF-8 (BOM or not), UTF-16 when they start with its BOM (Excel's
"Unicode text"), else GB18030, unless `encoding` says otherwise. The whole file is checked
before the first row is returned, so a bad byte is reported up front, never half-way through an
import. A NUL character in a text file makes it unusable (it means the file is not really text,
or is UTF-16 without a BOM); it is reported with its line rather than silently dropped.
"""

from __future__ import annotations

import codecs
import csv
import io
import json
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import TracebackType
from typing import IO, Any

from bankcrm_cli.domain.errors import UnusableInput
from bankcrm_cli.domain.fields import DATE_FIELDS
from bankcrm_cli.io.headers import ColumnMapping, resolve_columns

FORMATS: dict[str, str] = {
    ".csv": "csv",
    ".tsv": "csv",
    ".txt": "csv",
    ".xlsx": "xlsx",
    ".json": "json",
    ".jsonl": "jsonl",
}
DELIMITERS: tuple[str, ...] = (",", "\t", ";", "|")

_SCAN_CHUNK = 1 << 20
_SNIFF_BYTES = 64 * 1024
_SNIFF_ROWS = 20
_TEXT_CHUNK = 1 << 16
_JSONL_HEADER_OBJECTS = 1000
# Excel serials from 1900-01-01 up to the end of 2199: larger numbers in a date column are
# something else (19850307, a phone number) and are left for validation to reject.
_EXCEL_SERIAL_MAX = 109_574
_ZIP_MAGIC = b"PK\x03\x04"
_OLE_MAGIC = b"\xd0\xcf\x11\xe0"


@dataclass(slots=True)
class Row:
    """One data row: values aligned with the header; cells beyond the header follow at the end."""

    line: int  # 1-based line/row in the file (header is line 1 for csv/xlsx); object no. for json
    values: list[object]


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


def open_table(
    path: Path,
    kind: str,
    *,
    encoding: str | None = None,
    header_map: Mapping[str, str] | None = None,
) -> Table:
    """Open `path` as a table of `kind` ("customers", "holdings", "rms"), resolving its columns."""
    path = Path(path)
    fmt = _format_of(path)
    size = _size_of(path)
    if fmt == "xlsx":
        return _open_xlsx(path, kind, header_map, size)
    f = _open_binary(path)
    try:
        _refuse_workbook_in_disguise(f, path)
        enc = _choose_encoding(f, path, encoding)
        if fmt == "csv":
            return _open_delimited(f, path, kind, enc, header_map, size)
        if fmt == "json":
            return _open_json(f, path, kind, enc, header_map, size)
        return _open_jsonl(f, path, kind, enc, header_map, size)
    except BaseException:
        f.close()
        raise


# --- file type and size -----------------------------------------------------------------------


def _format_of(path: Path) -> str:
    suffix = path.suffix.lower()
    if suffix == ".xls":
        raise UnusableInput(
            f"{path.name} is an old Excel .xls workbook; "
            "open it in Excel and save it as .xlsx or CSV"
        )
    try:
        return FORMATS[suffix]
    except KeyError:
        supported = ", ".join(FORMATS)
        raise UnusableInput(
            f"{path.name} is not a supported file type; use one of {supported}"
        ) from None


def _size_of(path: Path) -> int:
    try:
        st = path.stat()
    except FileNotFoundError:
        raise UnusableInput(f"{path} does not exist; check the file name") from None
    except OSError as e:
        raise UnusableInput(f"cannot read {path}: {e.strerror}") from None
    if path.is_dir():
        raise UnusableInput(f"{path} is a folder; pass the file inside it")
    if st.st_size == 0:
        raise UnusableInput(f"{path.name} is empty; export the data again")
    return st.st_size


def _open_binary(path: Path) -> IO[bytes]:
    try:
        return path.open("rb")
    except OSError as e:
        raise UnusableInput(f"cannot read {path}: {e.strerror}") from None


def _refuse_workbook_in_disguise(f: IO[bytes], path: Path) -> None:
    magic = f.read(4)
    f.seek(0)
    if magic == _ZIP_MAGIC:
        raise UnusableInput(
            f"{path.name} is an Excel .xlsx workbook (or another zip file), not text; "
            "rename it to .xlsx"
        )
    if magic == _OLE_MAGIC:
        raise UnusableInput(
            f"{path.name} is an old Excel .xls workbook, not text; "
            "open it in Excel and save it as .xlsx or CSV"
        )


# --- encodings --------------------------------------------------------------------------------


def _choose_encoding(f: IO[bytes], path: Path, given: str | None) -> str:
    """The encoding the whole file decodes with, checked by one streaming pass."""
    if given:
        try:
            codecs.lookup(given)
        except LookupError:
            raise UnusableInput(
                f"unknown encoding {given!r}; use utf-8, utf-8-sig or gb18030"
            ) from None
        bad = _first_undecodable_byte(f, given, path)
        if bad is not None:
            raise UnusableInput(
                f"{path.name} is not valid {given} at byte {bad}{_line_hint(f, bad, given)}; "
                "check --encoding"
            )
        return given

    head = f.read(4)
    f.seek(0)
    if head.startswith(codecs.BOM_UTF8):
        candidates: tuple[str, ...] = ("utf-8-sig",)
    elif head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        candidates = ("utf-16",)
    else:
        candidates = ("utf-8", "gb18030")
    bad = None
    for enc in candidates:
        bad = _first_undecodable_byte(f, enc, path)
        if bad is None:
            return enc
    tried = " nor ".join(c.upper() for c in candidates)
    raise UnusableInput(
        f"{path.name} is neither {tried} (undecodable byte at {bad}); "
        "pass its encoding with --encoding, e.g. --encoding big5"
    )


def _is_wide(encoding: str) -> bool:
    """Whether a NUL byte may be part of another character (UTF-16/32) rather than a NUL."""
    return codecs.lookup(encoding).name.startswith(("utf-16", "utf-32"))


def _first_undecodable_byte(f: IO[bytes], encoding: str, path: Path) -> int | None:
    """Byte offset of the first byte `encoding` cannot decode, or None; refuses NUL characters."""
    decoder = codecs.getincrementaldecoder(encoding)("strict")
    wide = _is_wide(encoding)
    f.seek(0)
    pos = 0  # bytes handed to the decoder so far
    chars = 0  # characters it has returned so far
    try:
        while True:
            chunk = f.read(_SCAN_CHUNK)
            pending = len(decoder.getstate()[0])
            try:
                text = decoder.decode(chunk, final=not chunk)
            except UnicodeDecodeError as e:
                return pos - pending + e.start
            # Searching the bytes is ten times cheaper than the text, and exact for UTF-8/GB18030.
            nul = text.find("\x00") if wide else chunk.find(b"\x00")
            if nul >= 0:
                line = _line_of_char(f, encoding, chars + nul) if wide else _line_of(f, pos + nul)
                raise UnusableInput(
                    f"{path.name} has a NUL character on line {line}, so it is not a plain "
                    "text export; if it was saved as Unicode text pass --encoding utf-16, "
                    "otherwise export it again as CSV"
                )
            if not chunk:
                return None
            pos += len(chunk)
            chars += len(text)
    finally:
        f.seek(0)


def _line_of_char(f: IO[bytes], encoding: str, index: int) -> int:
    """1-based line holding character `index` of the decoded file (error path only)."""
    f.seek(0)
    decoder = codecs.getincrementaldecoder(encoding)("replace")
    lines = 1
    seen = 0
    while chunk := f.read(_SCAN_CHUNK):
        text = decoder.decode(chunk)
        if seen + len(text) > index:
            return lines + text.count("\n", 0, index - seen)
        lines += text.count("\n")
        seen += len(text)
    return lines


def _line_of(f: IO[bytes], offset: int) -> int:
    """1-based line holding byte `offset` of an ASCII-compatible file (error path only)."""
    f.seek(0)
    newlines = 0
    remaining = offset
    while remaining > 0 and (chunk := f.read(min(_SCAN_CHUNK, remaining))):
        newlines += chunk.count(b"\n")
        remaining -= len(chunk)
    return newlines + 1


def _line_hint(f: IO[bytes], offset: int, encoding: str) -> str:
    return "" if _is_wide(encoding) else f" (line {_line_of(f, offset)})"


# --- delimited text ---------------------------------------------------------------------------


def _open_delimited(
    f: IO[bytes],
    path: Path,
    kind: str,
    encoding: str,
    header_map: Mapping[str, str] | None,
    size: int,
) -> Table:
    if path.suffix.lower() == ".tsv":
        delimiter = "\t"
    else:
        sample = f.read(_SNIFF_BYTES)
        f.seek(0)
        truncated = len(sample) == _SNIFF_BYTES
        text = codecs.getincrementaldecoder(encoding)("replace").decode(sample, final=not truncated)
        delimiter = sniff_delimiter(text, truncated=truncated)

    stream = io.TextIOWrapper(f, encoding=encoding, newline="")
    stream._CHUNK_SIZE = _TEXT_CHUNK  # type: ignore[attr-defined]  # fewer, larger decodes
    try:
        reader = csv.reader(stream, delimiter=delimiter)
        try:
            header = next((row for row in reader if any(row)), None)
        except csv.Error as e:
            raise UnusableInput(f"{path.name} line {reader.line_num}: {e}") from None
        if header is None:
            raise UnusableInput(f"{path.name} has no header row; export it again with headers")
        header = _clean_header(header)
        columns = resolve_columns(header, kind, header_map, source=path.name)
    except BaseException:
        stream.close()
        raise

    def position() -> int:
        return size if f.closed else f.tell()

    return Table(
        path=path,
        format="csv",
        encoding=encoding,
        header=header,
        columns=columns,
        rows=_delimited_rows(reader, len(header), path),
        size=size,
        delimiter=delimiter,
        _position=position,
        _close=stream.close,
    )


def sniff_delimiter(sample: str, *, truncated: bool = False) -> str:
    """The delimiter among `DELIMITERS` that splits the header widest and the rows consistently."""
    best, best_score = ",", (-1, 0)
    for candidate in DELIMITERS:
        rows = [r for r in _sample_rows(sample, candidate, truncated) if any(r)]
        if not rows or len(rows[0]) < 2:
            continue
        width = len(rows[0])
        consistent = sum(1 for r in rows[1:] if len(r) == width)
        score = (consistent - (len(rows) - 1), width)  # fewest ragged rows, then widest
        if score > best_score:
            best, best_score = candidate, score
    return best


def _sample_rows(sample: str, delimiter: str, truncated: bool) -> list[list[str]]:
    rows: list[list[str]] = []
    reader = csv.reader(io.StringIO(sample, newline=""), delimiter=delimiter)
    try:
        for row in reader:
            rows.append(row)
            if len(rows) > _SNIFF_ROWS:
                break
    except csv.Error:
        pass
    if truncated and len(rows) <= _SNIFF_ROWS and len(rows) > 1:
        rows.pop()  # the last row may be cut off mid-way
    return rows[:_SNIFF_ROWS]


def _clean_header(header: list[Any]) -> list[str]:
    names = [("" if h is None else str(h)).strip() for h in header]
    if names:
        names[0] = names[0].lstrip("\ufeff").strip()
    return names


def _delimited_rows(reader: Any, width: int, path: Path) -> Iterator[Row]:
    # The hot path of a million-row import: keep the per-row work to a length check.
    row_type = Row
    prev = reader.line_num
    try:
        for values in reader:
            line = prev + 1
            prev = reader.line_num
            if len(values) != width:
                if not any(values):
                    continue
                if len(values) < width:
                    values.extend([""] * (width - len(values)))
            elif not values[0] and not any(values):
                continue
            yield row_type(line, values)
    except csv.Error as e:
        raise UnusableInput(f"{path.name} line {reader.line_num}: {e}") from None
    except UnicodeDecodeError as e:
        raise UnusableInput(
            f"{path.name} changed while being read ({e.reason}); import it again"
        ) from None


# --- JSON -------------------------------------------------------------------------------------


def _json_type(value: object) -> str:
    names = {dict: "object", list: "array", str: "string", bool: "true/false", type(None): "null"}
    return names.get(type(value), "number")


def _json_cell(value: object) -> object:
    if isinstance(value, dict | list):
        return json.dumps(value, ensure_ascii=False)
    return value


def _is_blank(values: list[object]) -> bool:
    return all(v is None or v == "" for v in values)


def _open_json(
    f: IO[bytes],
    path: Path,
    kind: str,
    encoding: str,
    header_map: Mapping[str, str] | None,
    size: int,
) -> Table:
    with f:
        text = f.read().decode(encoding).lstrip("\ufeff")
    try:
        items = json.loads(text)
    except json.JSONDecodeError as e:
        raise UnusableInput(
            f"{path.name} is not valid JSON ({e.msg} at line {e.lineno} column {e.colno}); "
            "fix it or export it again"
        ) from None
    if not isinstance(items, list):
        raise UnusableInput(
            f"{path.name} holds a JSON {_json_type(items)}, not an array of objects; "
            "export it as [{...}, {...}] or as JSON lines (.jsonl)"
        )
    header: dict[str, None] = {}
    for i, item in enumerate(items, start=1):
        if not isinstance(item, dict):
            raise UnusableInput(
                f"{path.name}: item {i} of the array is not an object; "
                "each item must be one {...} record"
            )
        header.update(dict.fromkeys(item))
    if not header:
        raise UnusableInput(f"{path.name} holds no records; export the data again")
    names = list(header)
    columns = resolve_columns(names, kind, header_map, source=path.name)
    consumed = 0

    def rows() -> Iterator[Row]:
        nonlocal consumed
        for i, item in enumerate(items, start=1):
            consumed = i
            values = [_json_cell(item.get(k)) for k in names]
            if not _is_blank(values):
                yield Row(i, values)

    return Table(
        path=path,
        format="json",
        encoding=encoding,
        header=names,
        columns=columns,
        rows=rows(),
        size=size,
        _position=lambda: size * consumed // len(items),
    )


def _open_jsonl(
    f: IO[bytes],
    path: Path,
    kind: str,
    encoding: str,
    header_map: Mapping[str, str] | None,
    size: int,
) -> Table:
    stream = io.TextIOWrapper(f, encoding=encoding, newline="")
    try:
        objects = _jsonl_objects(stream, path)
        # The header is the keys of the first objects; a key first seen later is kept as an
        # extra cell after the header's cells.
        buffered: list[tuple[int, dict[str, Any]]] = []
        header: dict[str, None] = {}
        for line, obj in objects:
            buffered.append((line, obj))
            header.update(dict.fromkeys(obj))
            if len(buffered) >= _JSONL_HEADER_OBJECTS:
                break
        if not buffered:
            raise UnusableInput(f"{path.name} holds no records; export the data again")
        names = list(header)
        columns = resolve_columns(names, kind, header_map, source=path.name)
    except BaseException:
        stream.close()
        raise

    def rows() -> Iterator[Row]:
        known = set(names)
        for source in (buffered, objects):
            for line, obj in source:
                values = [_json_cell(obj.get(k)) for k in names]
                if not known.issuperset(obj):
                    values += [_json_cell(v) for k, v in obj.items() if k not in known]
                if not _is_blank(values):
                    yield Row(line, values)
            if source is buffered:
                buffered.clear()

    def position() -> int:
        return size if f.closed else f.tell()

    return Table(
        path=path,
        format="jsonl",
        encoding=encoding,
        header=names,
        columns=columns,
        rows=rows(),
        size=size,
        _position=position,
        _close=stream.close,
    )


def _jsonl_objects(stream: IO[str], path: Path) -> Iterator[tuple[int, dict[str, Any]]]:
    for line, text in enumerate(stream, start=1):
        if line == 1:
            text = text.lstrip("\ufeff")
        if not text.strip():
            continue
        try:
            obj = json.loads(text)
        except json.JSONDecodeError as e:
            raise UnusableInput(
                f"{path.name} line {line} is not valid JSON ({e.msg}); "
                "each line must be one {...} object"
            ) from None
        if not isinstance(obj, dict):
            raise UnusableInput(
                f"{path.name} line {line} is a JSON {_json_type(obj)}, not an object; "
                "each line must be one {...} object"
            )
        yield line, obj


# --- Excel ------------------------------------------------------------------------------------


def _open_xlsx(path: Path, kind: str, header_map: Mapping[str, str] | None, size: int) -> Table:
    import zipfile

    from openpyxl import load_workbook
    from openpyxl.utils.datetime import from_excel
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        wb = load_workbook(path, read_only=True, data_only=True)
    except (InvalidFileException, zipfile.BadZipFile, KeyError, ValueError, OSError) as e:
        raise UnusableInput(
            f"{path.name} is not a readable .xlsx workbook ({e}); "
            "open it in Excel and save it again as .xlsx or CSV"
        ) from None
    try:
        if not wb.worksheets:
            raise UnusableInput(f"{path.name} has no worksheet; export the data again")
        ws = wb.worksheets[0]
        # Some exporters write a wrong sheet size; read every row there is, not what it claims,
        # and use the claim only to estimate progress.
        stated_rows = ws.max_row or 0
        ws.reset_dimensions()
        cells = ws.iter_rows(values_only=True)
        header: list[str] | None = None
        header_line = 0
        for raw in cells:
            header_line += 1
            if any(c is not None and str(c).strip() for c in raw):
                header = _clean_header(list(raw))
                break
        if header is None:
            raise UnusableInput(f"{path.name} has no header row; export it again with headers")
        while header and not header[-1]:
            header.pop()
        columns = resolve_columns(header, kind, header_map, source=path.name)
    except BaseException:
        wb.close()
        raise

    consumed = header_line
    finished = False
    date_columns = [i for i, f in enumerate(columns.fields) if f in DATE_FIELDS]
    epoch = wb.epoch
    width = len(header)

    def rows() -> Iterator[Row]:
        nonlocal consumed, finished
        for line, raw in enumerate(cells, start=header_line + 1):
            consumed = line
            values: list[object] = [c.strip() if isinstance(c, str) else c for c in raw]
            while len(values) > width and (values[-1] is None or values[-1] == ""):
                values.pop()
            if _is_blank(values):
                continue
            if len(values) < width:
                values.extend([None] * (width - len(values)))
            for i in date_columns:
                v = values[i]
                if type(v) in (int, float) and 1 <= v <= _EXCEL_SERIAL_MAX:  # type: ignore[operator]
                    values[i] = from_excel(v, epoch)
            yield Row(line, values)
        finished = True

    def position() -> int:
        if finished:
            return size
        return min(size, size * consumed // stated_rows) if stated_rows > 1 else 0

    return Table(
        path=path,
        format="xlsx",
        encoding=None,
        header=header,
        columns=columns,
        rows=rows(),
        size=size,
        _position=position,
        _close=wb.close,
    )
