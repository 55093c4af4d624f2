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
from collections.abc import Iterator, Mapping
from itertools import chain
from pathlib import Path
from typing import IO, Any

from bankcrm_cli.domain.catalogue import t
from bankcrm_cli.domain.errors import UnusableInput
from bankcrm_cli.io.headers import resolve_columns
from bankcrm_cli.io.quoted_fields import END_OF_FILE, check_header, check_multiline_row, is_end_row
from bankcrm_cli.io.table import Chunk, Row, Table, clean_header

FORMATS: dict[str, str] = {
    ".csv": "csv",
    ".tsv": "csv",
    ".txt": "csv",
    ".xlsx": "xlsx",
    ".json": "json",
    ".jsonl": "jsonl",
}
DELIMITERS: tuple[str, ...] = (",", "\t", ";", "|")
# What --encoding accepts, by Python's name for each (aliases such as utf8, cp936 work too):
# the encodings bank exports come in. Transforms such as rot13 or hex are not text encodings.
SUPPORTED_ENCODINGS: tuple[str, ...] = (
    "utf-8",
    "utf-8-sig",
    "utf-16",
    "utf-16-le",
    "utf-16-be",
    "utf-32",
    "utf-32-le",
    "utf-32-be",
    "gb18030",
    "gbk",
    "gb2312",
    "big5",
    "big5hkscs",
    "cp950",
    "ascii",
    "iso8859-1",
    "cp1252",
)

_SCAN_CHUNK = 1 << 20
_SNIFF_BYTES = 64 * 1024
_SNIFF_ROWS = 20
_TEXT_CHUNK = 1 << 16
_ZIP_MAGIC = b"PK\x03\x04"
_OLE_MAGIC = b"\xd0\xcf\x11\xe0"


def open_table(
    path: Path,
    kind: str,
    *,
    encoding: str | None = None,
    header_map: Mapping[str, str] | None = None,
) -> Table:
    """Open `path` as a table of `kind` ("customers", "holdings", "rms"), resolving its columns."""
    path = Path(path)
    if encoding:
        encoding = supported_encoding(encoding)
    fmt = _format_of(path)
    size = _size_of(path)
    if fmt == "xlsx":
        from bankcrm_cli.io.xlsx_files import open_xlsx

        return open_xlsx(path, kind, header_map, size)
    f = _open_binary(path)
    try:
        _refuse_workbook_in_disguise(f, path)
        enc = _choose_encoding(f, path, encoding)
        if fmt == "csv":
            return _open_delimited(f, path, kind, enc, header_map, size)
        from bankcrm_cli.io.json_files import open_json, open_jsonl

        if fmt == "json":
            return open_json(f, path, kind, enc, header_map, size)
        return open_jsonl(f, path, kind, enc, header_map, size)
    except BaseException:
        f.close()
        raise


# --- file type and size -----------------------------------------------------------------------


def _format_of(path: Path) -> str:
    suffix = path.suffix.lower()
    if suffix == ".xls":
        raise UnusableInput(t("in.xls", name=path.name))
    try:
        return FORMATS[suffix]
    except KeyError:
        supported = ", ".join(FORMATS)
        raise UnusableInput(t("in.file_type", name=path.name, supported=supported)) from None


def _size_of(path: Path) -> int:
    try:
        st = path.stat()
    except FileNotFoundError:
        raise UnusableInput(t("in.no_file", path=path)) from None
    except OSError as e:
        raise UnusableInput(t("in.unreadable", path=path, reason=e.strerror)) from None
    if path.is_dir():
        raise UnusableInput(t("in.folder", path=path))
    if st.st_size == 0:
        raise UnusableInput(t("in.empty", name=path.name))
    return st.st_size


def _open_binary(path: Path) -> IO[bytes]:
    try:
        return path.open("rb")
    except OSError as e:
        raise UnusableInput(t("in.unreadable", path=path, reason=e.strerror)) from None


def _refuse_workbook_in_disguise(f: IO[bytes], path: Path) -> None:
    magic = f.read(4)
    f.seek(0)
    if magic == _ZIP_MAGIC:
        raise UnusableInput(t("in.zip_as_text", name=path.name))
    if magic == _OLE_MAGIC:
        raise UnusableInput(t("in.xls_as_text", name=path.name))


# --- encodings --------------------------------------------------------------------------------


def _choose_encoding(f: IO[bytes], path: Path, given: str | None) -> str:
    """The encoding the whole file decodes with, checked by one streaming pass."""
    if given:
        given = _given_encoding(f, path, given)
        bad = _first_undecodable_byte(f, given, path)
        if bad is not None:
            hint = _line_hint(f, bad, given)
            raise UnusableInput(
                t("in.not_encoding", name=path.name, encoding=given, byte=bad, hint=hint)
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
    first_bad = None
    for enc in candidates:
        bad = _first_undecodable_byte(f, enc, path)
        if bad is None:
            return enc
        if enc.startswith("utf-8") and _ends_mid_character(f, bad):
            # Any other encoding would take the cut character's bytes for something else.
            line = _line_of(f, bad)
            raise UnusableInput(t("in.cut_utf8", name=path.name, byte=bad, line=line))
        first_bad = bad if first_bad is None else first_bad
    raise UnusableInput(
        t(
            "in.no_encoding",
            name=path.name,
            tried=t("in.nor").join(c.upper() for c in candidates),
            first=candidates[0].upper(),
            byte=first_bad,
            example=_utf16_without_bom(f) or "big5",
        )
    )


def _utf16_without_bom(f: IO[bytes]) -> str | None:
    """utf-16-le or utf-16-be when the file's start looks like UTF-16 without a BOM: its
    ASCII (delimiters, line breaks, digits) leaves a NUL in every other byte."""
    head = f.read(4096)
    f.seek(0)
    half = len(head) // 2
    if half < 8:
        return None
    odd, even = head[1::2].count(0), head[0::2].count(0)
    if odd >= half // 4 and even == 0:
        return "utf-16-le"
    if even >= half // 4 and odd == 0:
        return "utf-16-be"
    return None


def supported_encoding(given: str) -> str:
    """`--encoding` by Python's name for it, if it is a text encoding this reader supports;
    else a one-line refusal listing those it does."""
    try:
        name = codecs.lookup(given).name
    except LookupError:
        name = None
    if name not in SUPPORTED_ENCODINGS:
        supported = ", ".join(SUPPORTED_ENCODINGS)
        raise UnusableInput(t("in.bad_encoding", given=given, supported=supported))
    return name


def _given_encoding(f: IO[bytes], path: Path, given: str) -> str:
    """`--encoding`, checked against the file's start: UTF-16/32 need their byte-order mark."""
    info = codecs.lookup(supported_encoding(given))
    if info.name in ("utf-16", "utf-32"):
        head = f.read(4)
        f.seek(0)
        boms = (
            (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)
            if info.name == "utf-16"
            else (codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)
        )
        if not head.startswith(boms):
            raise UnusableInput(
                t("in.no_bom", name=path.name, bom=info.name.upper(), base=info.name)
            )
    return info.name


def _ends_mid_character(f: IO[bytes], bad: int) -> bool:
    """Whether a UTF-8 decode failed only because the file ends inside a character."""
    end = f.seek(0, io.SEEK_END)
    f.seek(bad)
    tail = f.read()
    f.seek(0)
    if not 0 < end - bad < 4:
        return False
    try:
        tail.decode("utf-8")
    except UnicodeDecodeError as e:
        return e.reason == "unexpected end of data"
    return False


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
                raise UnusableInput(t("in.nul", name=path.name, line=line))
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
    return "" if _is_wide(encoding) else t("in.line_hint", line=_line_of(f, offset))


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
        reader = csv.reader(chain(stream, (END_OF_FILE,)), delimiter=delimiter)
        try:
            header = next((row for row in reader if any(row)), None)
        except csv.Error as e:
            raise UnusableInput(
                t("in.csv_error", name=path.name, line=reader.line_num, detail=e)
            ) from None
        if header is None or is_end_row(header):
            raise UnusableInput(t("in.no_header", name=path.name))
        check_header(header, reader.line_num, path)
        header = clean_header(header)
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
        rows=_delimited_rows(reader, len(header), delimiter, path),
        _chunks=lambda size: _delimited_chunks(reader, len(header), delimiter, path, size),
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


def _delimited_rows(reader: Any, width: int, delimiter: str, path: Path) -> Iterator[Row]:
    # One row at a time: nothing is read ahead of the caller.
    for lines, rows in _delimited_chunks(reader, width, delimiter, path, 1):
        yield Row(lines[0], rows[0])


def _delimited_chunks(
    reader: Any, width: int, delimiter: str, path: Path, size: int
) -> Iterator[Chunk]:
    # The hot path of a million-row import: per row, a line count, a length check and two
    # appends; a row that spans lines, is not as wide as the header or starts blank goes
    # through `_irregular_row`.
    prev = reader.line_num
    lines: list[int] = []
    rows: list[list[str]] = []
    try:
        for values in reader:
            line = prev + 1
            prev = reader.line_num
            if prev != line or len(values) != width or not values[0]:
                values = _irregular_row(values, line, prev, width, delimiter, path)
                if values is None:
                    continue
                if values is _END:
                    break
            lines.append(line)
            rows.append(values)
            if len(rows) == size:
                yield lines, rows
                lines, rows = [], []
    except csv.Error as e:
        if "field larger than field limit" in str(e):
            limit = f"{csv.field_size_limit():,}"
            raise UnusableInput(
                t("in.cell_too_long", name=path.name, line=prev + 1, limit=limit)
            ) from None
        raise UnusableInput(
            t("in.csv_error", name=path.name, line=reader.line_num, detail=e)
        ) from None
    except UnicodeDecodeError as e:
        raise UnusableInput(t("in.changed", name=path.name, reason=e.reason)) from None
    if rows:
        yield lines, rows


_END: list[str] = []  # `_irregular_row`'s answer to the end-of-file row


def _irregular_row(
    values: list[str], line: int, last: int, width: int, delimiter: str, path: Path
) -> list[str] | None:
    """A row spanning lines `line`..`last` (checked for a quote left open), or not as wide as
    the header (padded with blank cells), or blank: its values, None to skip it, or _END."""
    if last != line:
        check_multiline_row(values, line, last, width, delimiter, path)
    if len(values) != width:
        if not any(values):
            return None
        if is_end_row(values):
            return _END
        if len(values) < width:
            values.extend([""] * (width - len(values)))
    elif not any(values):
        return None
    return values
