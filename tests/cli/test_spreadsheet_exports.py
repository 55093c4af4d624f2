"""Exports open well in a spreadsheet: CSV carries a UTF-8 BOM, xlsx keeps ids as text cells,
amounts as numbers and dates as dates; nothing is run as a formula."""

from __future__ import annotations

import csv
import io
from datetime import datetime
from pathlib import Path

import pytest
from conftest import Crm, write

# Every list command offering --format csv/xlsx, and its id columns (kept as text).
EXPORTS = [
    ("customers list", ("customer_id", "phone", "id_number", "rm_code")),
    ("customers search 0000000", ("customer_id", "phone")),
    ("followups today --date 2026-12-04", ("id", "customer_id", "account_id")),
    ("followups upcoming --date 2026-12-04 --days 14", ("id", "customer_id", "account_id")),
    ("segments --customers", ("customer_id", "rm_code")),
    ("churn", ("customer_id", "rm_code")),
    ("opportunities", ("customer_id", "account_id")),
    ("rms list", ("rm_code", "phone")),
    ("calls list", ("customer_id",)),
    ("complaints list", ("customer_id",)),
    ("customers duplicates --min-score 0.5", ("customer_id_a", "customer_id_b")),
]


@pytest.fixture(scope="module")
def sheet_bank(module_store_url: str, tmp_path_factory) -> Crm:
    """The sample bank with a number with leading zeros and text a spreadsheet would run as a
    formula; built once, read by the tests."""
    folder = tmp_path_factory.mktemp("sheets")
    crm = Crm(module_store_url)
    with pytest.MonkeyPatch.context() as env:
        for name in ("HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME", "XDG_CONFIG_HOME"):
            env.setenv(name, str(folder / name.lower()))
        env.setenv("CRM_CONFIG", str(folder / "crm.toml"))
        assert crm("sample", "load").exit_code == 0
        write(
            folder / "c.csv",
            'customer_id,name,rm_code,aum\n0000000401,=HYPERLINK("x"),RM001,1000\n',
        )
        assert crm("import", "customers", str(folder / "c.csv")).exit_code == 0
        logged = crm("log-call", "0000000401", "--outcome", "reached", "--note", "@SUM(1)")
        assert logged.exit_code == 0
    return crm


@pytest.fixture
def bank(sheet_bank: Crm) -> Crm:
    return sheet_bank


@pytest.mark.parametrize(("command", "ids"), EXPORTS, ids=[c for c, _ in EXPORTS])
def test_csv_has_a_bom_and_ids_read_back_whole(bank, command: str, ids: tuple[str, ...]) -> None:
    result = bank(*command.split(), "--format", "csv")
    assert result.exit_code == 0, result.output
    raw = result.stdout_bytes
    assert raw.startswith(b"\xef\xbb\xbf"), "Excel reads UTF-8 only after a BOM"
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"), newline="")))
    document = bank.json(*command.split())
    records = document if isinstance(document, list) else document["customers"]
    for key in ids:
        expected = [r.get(key) for r in records if key in r]
        if expected:
            assert [r[key] for r in rows] == [e if e is not None else "" for e in expected], key


@pytest.mark.parametrize(("command", "ids"), EXPORTS, ids=[c for c, _ in EXPORTS])
def test_xlsx_keeps_ids_as_text_and_figures_typed(bank, command: str, ids: tuple[str, ...]) -> None:
    from openpyxl import load_workbook

    result = bank(*command.split(), "--format", "xlsx")
    assert result.exit_code == 0, result.output
    sheet = load_workbook(io.BytesIO(result.stdout_bytes)).active
    header, *rows = list(sheet.iter_rows())
    names = [c.value for c in header]
    csv_rows = list(
        csv.DictReader(
            io.StringIO(bank(*command.split(), "--format", "csv").stdout.lstrip("\ufeff"))
        )
    )
    assert len(rows) == len(csv_rows)
    for row, csv_row in zip(rows, csv_rows, strict=True):
        cells = dict(zip(names, row, strict=True))
        for key in ids:
            if key in cells and cells[key].value is not None:
                assert cells[key].data_type == "s", key
                assert cells[key].number_format == "@", key
                assert cells[key].value == csv_row[key], key


def test_xlsx_types_amounts_dates_and_never_a_formula(bank) -> None:
    from openpyxl import load_workbook

    result = bank("customers", "list", "--format", "xlsx")
    sheet = load_workbook(io.BytesIO(result.stdout_bytes)).active
    header, *rows = list(sheet.iter_rows())
    names = [c.value for c in header]
    by_id = {r[0].value: dict(zip(names, r, strict=True)) for r in rows}
    hostile = by_id["0000000401"]
    assert hostile["name"].value == '=HYPERLINK("x")'
    assert hostile["name"].data_type == "s"
    assert hostile["aum"].data_type == "n" and hostile["aum"].value == 1000
    dated = next(c for c in by_id.values() if c["birth_date"].value is not None)
    assert isinstance(dated["birth_date"].value, datetime)
    assert dated["birth_date"].number_format == "yyyy-mm-dd"
    calls = load_workbook(io.BytesIO(bank("calls", "list", "--format", "xlsx").stdout_bytes))
    notes = [row[6].value for row in calls.active.iter_rows(min_row=2)]
    assert "@SUM(1)" in notes


def test_control_characters_survive_as_excels_escapes(bank, tmp_path: Path) -> None:
    from openpyxl import load_workbook

    logged = bank("log-call", "0000000109", "--outcome", "reached", "--note", "a\x1b[31mb_x0041_")
    assert logged.exit_code == 0
    sheet = load_workbook(io.BytesIO(bank("calls", "list", "--format", "xlsx").stdout_bytes)).active
    notes = {row[6].value for row in sheet.iter_rows(min_row=2)}
    assert "a_x001B_[31mb_x005F_x0041_" in notes
