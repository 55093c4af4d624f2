from __future__ import annotations

import csv
import datetime as dt
import enum
import io
import json
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bankcrm_cli.io.readers import open_table
from bankcrm_cli.io.writers import (
    RejectsWriter,
    dumps_json,
    formula_safe,
    to_jsonable,
    write_csv,
)


@pytest.fixture
def out_dir(tmp_path: Path) -> Path:
    """A folder of the test's own (tmp_path also holds the shared fixtures' home folder)."""
    folder = tmp_path / "out"
    folder.mkdir()
    return folder


@pytest.mark.parametrize(
    "value",
    ["=1+1", "+86 138", "-5", "@SUM(A1)", "\tx", "\rx", '=HYPERLINK("http://x","点我")'],
)
def test_formula_cells_get_leading_quote(value: str) -> None:
    assert formula_safe(value) == "'" + value


@pytest.mark.parametrize("value", ["张三", "13800138000", "a=b", "", " =1"])
def test_ordinary_text_is_left_alone(value: str) -> None:
    assert formula_safe(value) == value


@pytest.mark.parametrize("value", [-5, -1.5, Decimal("-3.20"), None, True, dt.date(2024, 1, 1)])
def test_non_strings_pass_formula_safe_unchanged(value: object) -> None:
    assert formula_safe(value) is value


@given(st.text())
def test_formula_safe_text_never_starts_a_formula(value: str) -> None:
    safe = formula_safe(value)
    assert isinstance(safe, str)
    assert not safe.startswith(("=", "+", "-", "@", "\t", "\r"))
    assert safe.removeprefix("'") == value or safe == value


def test_write_csv_formats_values_for_spreadsheets() -> None:
    out = io.StringIO(newline="")
    write_csv(
        out,
        ["客户号", "生日", "资产", "同意", "备注", "时间"],
        [
            [
                "C001",
                dt.date(1985, 3, 7),
                Decimal("1E+3"),
                True,
                None,
                dt.datetime(2024, 5, 1, 9, 30),
            ],
            ["C002", None, Decimal("-12.50"), False, "=cmd|' /C calc'!A0", "x"],
        ],
    )
    assert out.getvalue().splitlines() == [
        "客户号,生日,资产,同意,备注,时间",
        "C001,1985-03-07,1000,true,,2024-05-01T09:30:00",
        "C002,,-12.50,false,'=cmd|' /C calc'!A0,x",
    ]


def test_write_csv_quotes_embedded_commas_and_newlines() -> None:
    out = io.StringIO(newline="")
    write_csv(out, ["a", "b"], [["北京,朝阳", "一\n二"]])
    assert list(csv.reader(io.StringIO(out.getvalue(), newline=""))) == [
        ["a", "b"],
        ["北京,朝阳", "一\n二"],
    ]


def test_rejects_file_not_created_without_rejects(out_dir: Path) -> None:
    target = out_dir / "customers.rejects.csv"
    with RejectsWriter(target, ["客户号", "姓名"]) as rejects:
        pass
    assert rejects.count == 0
    assert rejects.close() is None
    assert list(out_dir.iterdir()) == []


def test_rejects_file_holds_rows_as_they_were_with_reason_and_formulas_neutralised(
    out_dir: Path,
) -> None:
    target = out_dir / "customers.rejects.csv"
    rejects = RejectsWriter(target, ["客户号", "姓名", "证件号码", "手机号码"])
    rejects.add(["C001", "张三", "11010119850307123X"], "id_number: check digit should be 5")
    rejects.add(["C002", None, "=1+1", "+86 138 0013 8000"], "name: missing")
    rejects.add(["@SUM(A1)", "-2+3", "+cmd|' /C calc'!A0", "-1,234.50"], "customer_id: x")
    assert rejects.count == 3
    assert rejects.close() == target
    data = target.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    assert list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline=""))) == [
        ["客户号", "姓名", "证件号码", "手机号码", "reject_reason"],
        ["C001", "张三", "11010119850307123X", "", "id_number: check digit should be 5"],
        # A rejected row is fixed and imported again: a phone or a signed number stays as is.
        ["C002", "", "'=1+1", "+86 138 0013 8000", "name: missing"],
        ["'@SUM(A1)", "-2+3", "'+cmd|' /C calc'!A0", "-1,234.50", "customer_id: x"],
    ]


def test_rejects_file_appears_only_when_closed(out_dir: Path) -> None:
    target = out_dir / "rejects.csv"
    rejects = RejectsWriter(target, ["客户号"])
    rejects.add(["C001"], "duplicate")
    assert not target.exists()
    (temp,) = out_dir.iterdir()
    assert temp.name.startswith(".rejects.csv.")
    rejects.close()
    assert [p.name for p in out_dir.iterdir()] == ["rejects.csv"]


def test_discarded_rejects_leave_nothing_behind(out_dir: Path) -> None:
    rejects = RejectsWriter(out_dir / "rejects.csv", ["客户号"])
    rejects.add(["C001"], "duplicate")
    rejects.discard()
    assert list(out_dir.iterdir()) == []


def test_interrupted_import_discards_rejects(out_dir: Path) -> None:
    with pytest.raises(KeyboardInterrupt), RejectsWriter(out_dir / "r.csv", ["客户号"]) as rejects:
        rejects.add(["C001"], "duplicate")
        raise KeyboardInterrupt
    assert list(out_dir.iterdir()) == []


def test_ragged_rows_keep_the_reason_column_aligned(out_dir: Path) -> None:
    target = out_dir / "r.csv"
    with RejectsWriter(target, ["客户号", "姓名", "手机号码"]) as rejects:
        rejects.add(["C001"], "name: missing")
        rejects.add(["C002", "李四", "139", "多余"], "phone: malformed")
    rows = list(csv.reader(target.open(encoding="utf-8-sig", newline="")))
    assert rows[1] == ["C001", "", "", "name: missing"]
    assert rows[2] == ["C002", "李四", "139", "phone: malformed", "多余"]


def test_rejects_file_can_be_fixed_and_imported_again(out_dir: Path) -> None:
    target = out_dir / "customers.rejects.csv"
    with RejectsWriter(target, ["客户号", "姓名"]) as rejects:
        rejects.add(["C001", "张三"], "duplicate")
    with open_table(target, "customers") as table:
        assert table.columns.fields == ["customer_id", "name", None]
        assert table.columns.unknown == ["reject_reason"]
        assert [r.values for r in table.rows] == [["C001", "张三", "duplicate"]]


class Segment(enum.Enum):
    VIP = "vip"


@dataclass
class Summary:
    file: Path
    total: Decimal
    when: dt.date
    segments: list[Segment]


def test_to_jsonable_converts_dates_decimals_paths_and_dataclasses() -> None:
    value = Summary(Path("a/客户.csv"), Decimal("1234.50"), dt.date(2024, 2, 29), [Segment.VIP])
    assert to_jsonable(value) == {
        "file": "a/客户.csv",
        "total": "1234.50",
        "when": "2024-02-29",
        "segments": ["vip"],
    }


def test_dumps_json_keeps_chinese_readable_and_indents() -> None:
    text = dumps_json({"姓名": "张三", "at": dt.datetime(2024, 1, 2, 3, 4, 5), "n": [1]})
    assert text == ('{\n  "姓名": "张三",\n  "at": "2024-01-02T03:04:05",\n  "n": [\n    1\n  ]\n}')
    assert json.loads(text)["姓名"] == "张三"


def test_dumps_json_refuses_unknown_objects() -> None:
    with pytest.raises(TypeError, match="object is not JSON serialisable"):
        dumps_json({"x": object()})
