"""Import files in Excel's .xlsx: the first worksheet, its first non-empty row the header."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

from bankcrm_cli.domain.catalogue import t
from bankcrm_cli.domain.errors import UnusableInput
from bankcrm_cli.domain.fields import DATE_FIELDS
from bankcrm_cli.io.headers import resolve_columns
from bankcrm_cli.io.table import Row, Table, clean_header, is_blank

# Excel serials from 1900-01-01 up to the end of 2199: larger numbers in a date column are
# something else (19850307, a phone number) and are left for validation to reject.
_EXCEL_SERIAL_MAX = 109_574
_DETAIL_CHARS = 120


def _corrupt() -> tuple[type[BaseException], ...]:
    """What openpyxl raises on a workbook whose parts are damaged: a bad zip or deflate
    stream, malformed XML, a cell it cannot convert (a shared-string index out of range, text
    in a number cell, a bad date, a column past XFD)."""
    import zipfile
    import zlib

    from openpyxl.utils.exceptions import InvalidFileException

    return (
        InvalidFileException,
        zipfile.BadZipFile,
        zlib.error,
        EOFError,
        SyntaxError,  # xml.etree's and lxml's ParseError
        KeyError,
        IndexError,
        ValueError,
        TypeError,
        OverflowError,
    )


def _detail(exc: BaseException) -> str:
    text = " ".join(str(exc).split()) or type(exc).__name__
    return text if len(text) <= _DETAIL_CHARS else text[: _DETAIL_CHARS - 1] + "…"


def _load_workbook(path: Path) -> Any:
    from openpyxl import load_workbook

    try:
        return load_workbook(path, read_only=True, data_only=True)
    except (*_corrupt(), OSError) as e:
        raise UnusableInput(t("in.xlsx_unreadable", name=path.name, detail=_detail(e))) from None


def _readable_rows(cells: Iterator[tuple], path: Path) -> Iterator[tuple]:
    """The sheet's rows; a row openpyxl cannot read is one line naming it."""
    corrupt = _corrupt()
    read = 0
    while True:
        try:
            raw = next(cells)
        except StopIteration:
            return
        except corrupt as e:
            raise UnusableInput(
                t("in.xlsx_row", name=path.name, row=read + 1, detail=_detail(e))
            ) from None
        read += 1
        yield raw


def open_xlsx(path: Path, kind: str, header_map: Mapping[str, str] | None, size: int) -> Table:
    """Open an .xlsx file's first worksheet as a table of `kind`."""
    from openpyxl.utils.datetime import from_excel

    wb = _load_workbook(path)
    try:
        cells, header, header_line, stated_rows = _first_sheet(wb, path)
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
            if is_blank(values):
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


def _first_sheet(wb: Any, path: Path) -> tuple[Iterator[tuple], list[str], int, int]:
    """The first worksheet's rows after the header, the header, its line, and the row count
    the sheet states."""
    try:
        ws = wb.worksheets[0] if wb.worksheets else None
        # Some exporters write a wrong sheet size; read every row there is, not what it
        # claims, and use the claim only to estimate progress.
        stated_rows = (ws.max_row or 0) if ws is not None else 0
    except _corrupt() as e:
        raise UnusableInput(t("in.xlsx_unreadable", name=path.name, detail=_detail(e))) from None
    if ws is None:
        raise UnusableInput(t("in.no_sheet", name=path.name))
    ws.reset_dimensions()
    header: list[str] | None = None
    header_line = 0
    cells = _readable_rows(ws.iter_rows(values_only=True), path)
    for raw in cells:
        header_line += 1
        if any(c is not None and str(c).strip() for c in raw):
            header = clean_header(list(raw))
            break
    if header is None:
        raise UnusableInput(t("in.no_header", name=path.name))
    while header and not header[-1]:
        header.pop()
    return cells, header, header_line, stated_rows
