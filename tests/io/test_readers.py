from __future__ import annotations

import csv
import datetime as dt
import io
import json
import tracemalloc
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bankcrm_cli.domain.errors import UnusableInput
from bankcrm_cli.io import json_files, readers
from bankcrm_cli.io.readers import Row, Table, open_table, sniff_delimiter

# These read the English words of reject reasons and file errors.
pytestmark = pytest.mark.usefixtures("english")

HEADER_CN = "客户号,姓名,手机号码,出生日期\n"
ROWS_CN = "C001,张三,13800138000,1985-03-07\nC002,李四,13900139000,1990/1/2\n"


def write_bytes(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def write_text(tmp_path: Path, name: str, text: str, encoding: str = "utf-8") -> Path:
    return write_bytes(tmp_path, name, text.encode(encoding))


def read_all(path: Path, kind: str = "customers", **options: object) -> tuple[Table, list[Row]]:
    with open_table(path, kind, **options) as table:  # type: ignore[arg-type]
        return table, list(table.rows)


# --- delimited text and encodings -------------------------------------------------------------


def test_utf8_csv_reads_rows_with_file_line_numbers(tmp_path: Path) -> None:
    path = write_text(tmp_path, "customers.csv", HEADER_CN + ROWS_CN)
    table, rows = read_all(path)
    assert table.format == "csv"
    assert table.encoding == "utf-8"
    assert table.delimiter == ","
    assert table.header == ["客户号", "姓名", "手机号码", "出生日期"]
    assert table.columns.fields == ["customer_id", "name", "phone", "birth_date"]
    assert rows == [
        Row(2, ["C001", "张三", "13800138000", "1985-03-07"]),
        Row(3, ["C002", "李四", "13900139000", "1990/1/2"]),
    ]


def test_bom_is_dropped_from_first_header(tmp_path: Path) -> None:
    path = write_text(tmp_path, "customers.csv", HEADER_CN + ROWS_CN, "utf-8-sig")
    table, rows = read_all(path)
    assert table.encoding == "utf-8-sig"
    assert table.header[0] == "客户号"
    assert table.columns.fields[0] == "customer_id"
    assert rows[0].values[0] == "C001"


def test_bom_is_dropped_even_when_utf8_is_given(tmp_path: Path) -> None:
    path = write_text(tmp_path, "customers.csv", HEADER_CN + ROWS_CN, "utf-8-sig")
    table, _ = read_all(path, encoding="utf-8")
    assert table.header[0] == "客户号"


def test_gb18030_file_is_detected_without_encoding_option(tmp_path: Path) -> None:
    path = write_text(tmp_path, "customers.csv", HEADER_CN + ROWS_CN, "gb18030")
    table, rows = read_all(path)
    assert table.encoding == "gb18030"
    assert table.columns.fields == ["customer_id", "name", "phone", "birth_date"]
    assert rows[1].values[1] == "李四"


def test_gbk_file_with_rare_name_character_is_read_as_gb18030(tmp_path: Path) -> None:
    # 𠀀 (U+20000) exists only in GB18030's four-byte range, as in some rare-name records.
    path = write_text(tmp_path, "customers.csv", HEADER_CN + "C003,王𠀀,,\n", "gb18030")
    _, rows = read_all(path)
    assert rows[0].values[1] == "王𠀀"


def test_utf16_file_with_bom_is_detected(tmp_path: Path) -> None:
    # Excel's "Unicode text" export: UTF-16 with a BOM, tab-separated, .txt.
    text = "客户号\t姓名\r\nC001\t张三\r\n"
    path = write_bytes(tmp_path, "customers.txt", text.encode("utf-16"))
    table, rows = read_all(path)
    assert table.encoding == "utf-16"
    assert table.delimiter == "\t"
    assert rows == [Row(2, ["C001", "张三"])]


def test_given_encoding_is_used_strictly(tmp_path: Path) -> None:
    data = (HEADER_CN + ROWS_CN).encode("gb18030")
    path = write_bytes(tmp_path, "customers.csv", data)
    with pytest.raises(UnusableInput) as err:
        open_table(path, "customers", encoding="utf-8")
    assert str(err.value) == (
        "customers.csv is not valid utf-8 at byte 0 (line 1); check --encoding"
    )


def test_undecodable_byte_offset_and_line_are_reported(tmp_path: Path) -> None:
    good = ("customer_id,name\n" + "C001,Zhang\n" * 3).encode()
    path = write_bytes(tmp_path, "customers.csv", good + b"C004,\xff\xfe\n")
    with pytest.raises(
        UnusableInput, match=rf"not valid gb18030 at byte {len(good) + 5} \(line 5\)"
    ):
        open_table(path, "customers", encoding="gb18030")


def test_undecodable_byte_across_scan_chunks_is_located(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(readers, "_SCAN_CHUNK", 7)
    data = "customer_id,name\nC001,张三\n".encode() + b"\xe5\xbc"  # 张 cut short at the end
    path = write_bytes(tmp_path, "customers.csv", data)
    with pytest.raises(UnusableInput, match=rf"at byte {len(data) - 2} "):
        open_table(path, "customers", encoding="utf-8")


def test_file_that_is_neither_utf8_nor_gb18030_is_unusable(tmp_path: Path) -> None:
    path = write_bytes(tmp_path, "customers.csv", b"customer_id,name\nC001,\x80\xff\n")
    with pytest.raises(UnusableInput, match="neither UTF-8 nor GB18030 .*--encoding"):
        open_table(path, "customers")


def test_unknown_encoding_name_is_unusable(tmp_path: Path) -> None:
    path = write_text(tmp_path, "customers.csv", HEADER_CN)
    with pytest.raises(
        UnusableInput,
        match="--encoding 'gb-what' is not a text encoding crm reads; use one of utf-8",
    ):
        open_table(path, "customers", encoding="gb-what")


@pytest.mark.parametrize(
    ("name", "delimiter"),
    [("c.txt", "\t"), ("c.csv", ";"), ("c.csv", "|"), ("c.tsv", "\t"), ("c.TXT", ",")],
)
def test_delimiter_is_sniffed_from_header_and_rows(
    tmp_path: Path, name: str, delimiter: str
) -> None:
    text = (HEADER_CN + ROWS_CN).replace(",", delimiter)
    table, rows = read_all(write_text(tmp_path, name, text))
    assert table.delimiter == delimiter
    assert rows[0].values == ["C001", "张三", "13800138000", "1985-03-07"]


def test_commas_in_amounts_do_not_fool_the_semicolon_sniffing(tmp_path: Path) -> None:
    text = "客户号;姓名;资产余额\nC001;张三;¥1,234,567.89\nC002;李四;12,345\n"
    table, rows = read_all(write_text(tmp_path, "c.csv", text))
    assert table.delimiter == ";"
    assert rows[0].values == ["C001", "张三", "¥1,234,567.89"]


def test_comma_in_a_chinese_header_does_not_beat_the_real_delimiter() -> None:
    sample = "客户号|姓名|资产余额(元,人民币)\nC001|张三|100\nC002|李四|200\n"
    assert sniff_delimiter(sample) == "|"


def test_quoted_fields_with_embedded_delimiter_and_newline(tmp_path: Path) -> None:
    text = 'customer_id,name,address\nC001,张三,"北京市,朝阳区\n建国路88号"\nC002,李四,上海\n'
    _, rows = read_all(write_text(tmp_path, "c.csv", text))
    assert rows == [
        Row(2, ["C001", "张三", "北京市,朝阳区\n建国路88号"]),
        Row(4, ["C002", "李四", "上海"]),
    ]


def test_short_rows_are_padded_and_extra_cells_follow_the_header_cells(tmp_path: Path) -> None:
    text = "customer_id,name,phone\nC001,张三\nC002,李四,139,多余1,多余2\n"
    table, rows = read_all(write_text(tmp_path, "c.csv", text))
    assert rows[0].values == ["C001", "张三", ""]
    assert rows[1].values == ["C002", "李四", "139", "多余1", "多余2"]
    assert len(table.header) == 3


def test_blank_rows_are_skipped_but_line_numbers_stay_true(tmp_path: Path) -> None:
    text = "\n\ncustomer_id,name\n\nC001,张三\n,\n , \r\nC002,李四\n,,,\n"
    _, rows = read_all(write_text(tmp_path, "c.csv", text))
    # " , " is not blank: spaces are data, left for validation to judge.
    assert [(r.line, r.values) for r in rows] == [
        (5, ["C001", "张三"]),
        (7, [" ", " "]),
        (8, ["C002", "李四"]),
    ]


def test_crlf_line_endings_are_read(tmp_path: Path) -> None:
    _, rows = read_all(write_text(tmp_path, "c.csv", "customer_id,name\r\nC001,张三\r\n"))
    assert rows == [Row(2, ["C001", "张三"])]


def test_header_only_file_has_no_rows(tmp_path: Path) -> None:
    table, rows = read_all(write_text(tmp_path, "c.csv", HEADER_CN))
    assert table.columns.fields[0] == "customer_id"
    assert rows == []


def test_empty_file_is_unusable(tmp_path: Path) -> None:
    with pytest.raises(UnusableInput, match="c.csv is empty"):
        open_table(write_bytes(tmp_path, "c.csv", b""), "customers")


def test_file_of_blank_lines_has_no_header(tmp_path: Path) -> None:
    with pytest.raises(UnusableInput, match="has no header row"):
        open_table(write_text(tmp_path, "c.csv", "\n,,\n\n"), "customers")


def test_missing_customer_id_column_is_unusable_with_hint(tmp_path: Path) -> None:
    path = write_text(tmp_path, "customers.csv", "姓名,手机号码\n张三,138\n")
    with pytest.raises(UnusableInput) as err:
        open_table(path, "customers")
    assert str(err.value) == (
        "customers.csv has no customer_id column (looked for customer_id, 客户号, 客户编号); "
        "map yours with --map FILE"
    )


def test_header_map_is_applied(tmp_path: Path) -> None:
    path = write_text(tmp_path, "c.csv", "Cust No,姓名,手机\nC001,张三,138\n")
    table, _ = read_all(path, header_map={"cust no": "customer_id", "手机": "phone"})
    assert table.columns.fields == ["customer_id", "name", "phone"]


def test_nul_byte_makes_the_file_unusable_naming_the_line(tmp_path: Path) -> None:
    path = write_bytes(tmp_path, "c.csv", b"customer_id,name\nC001,Zhang\nC002,Li\x00\x00\n")
    with pytest.raises(UnusableInput, match="NUL character on line 3"):
        open_table(path, "customers")


def test_over_long_field_is_unusable_not_a_crash(tmp_path: Path) -> None:
    text = 'customer_id,name\nC001,"' + "x" * (csv.field_size_limit() + 1) + '"\n'
    path = write_text(tmp_path, "c.csv", text)
    with (
        open_table(path, "customers") as table,
        pytest.raises(UnusableInput, match="c.csv line 2: a cell runs over .* characters"),
    ):
        list(table.rows)


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("c.xls", "old Excel .xls workbook; open it in Excel and save it as .xlsx or CSV"),
        ("c.docx", "not a supported file type; use one of .csv, .tsv, .txt, .xlsx, .json, .jsonl"),
    ],
)
def test_unsupported_extensions_are_unusable(tmp_path: Path, name: str, message: str) -> None:
    with pytest.raises(UnusableInput, match=message):
        open_table(write_text(tmp_path, name, HEADER_CN), "customers")


def test_workbook_saved_with_csv_extension_is_unusable(tmp_path: Path) -> None:
    from openpyxl import Workbook

    path = tmp_path / "customers.csv"
    Workbook().save(path)
    with pytest.raises(UnusableInput, match="is an Excel .xlsx workbook .* rename it to .xlsx"):
        open_table(path, "customers")


def test_missing_file_is_unusable(tmp_path: Path) -> None:
    with pytest.raises(UnusableInput, match="does not exist"):
        open_table(tmp_path / "nope.csv", "customers")


def test_position_grows_to_the_file_size(tmp_path: Path) -> None:
    path = write_text(tmp_path, "c.csv", HEADER_CN + ROWS_CN * 2000)
    with open_table(path, "customers") as table:
        assert table.size == path.stat().st_size
        seen = [table.position() for _ in table.rows]
        assert seen == sorted(seen)
        assert table.position() == table.size


def test_file_is_closed_after_the_with_block(tmp_path: Path) -> None:
    path = write_text(tmp_path, "c.csv", HEADER_CN + ROWS_CN)
    with open_table(path, "customers") as table:
        next(table.rows)
    with pytest.raises(ValueError):
        next(table.rows)


def test_reading_a_large_csv_keeps_memory_flat(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(readers, "_SCAN_CHUNK", 1 << 16)  # so the file is many chunks long
    path = tmp_path / "big.csv"
    with path.open("w", encoding="utf-8", newline="") as f:
        f.write(HEADER_CN)
        for i in range(100_000):
            f.write(f"C{i:07d},张三丰{i},13800138000,1985-03-07\n")
    assert path.stat().st_size > 4_000_000
    tracemalloc.start()
    try:
        with open_table(path, "customers") as table:
            count = sum(1 for _ in table.rows)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert count == 100_000
    print(peak)
    assert peak < 1_000_000


_cell = st.text(st.characters(exclude_categories=("Cs",), exclude_characters="\x00"), max_size=20)


@settings(max_examples=60, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    rows=st.lists(st.lists(_cell, min_size=3, max_size=3), max_size=8),
    encoding=st.sampled_from(["utf-8", "utf-8-sig", "gb18030"]),
)
def test_any_cell_text_survives_a_csv_round_trip(
    tmp_path: Path, rows: list[list[str]], encoding: str
) -> None:
    out = io.StringIO(newline="")
    writer = csv.writer(out)
    writer.writerow(["customer_id", "name", "备注"])
    writer.writerows(rows)
    path = write_text(tmp_path, "c.csv", out.getvalue(), encoding)
    _, got = read_all(path, encoding=encoding)
    assert [r.values for r in got] == [r for r in rows if any(r)]


# --- Excel ------------------------------------------------------------------------------------


def make_xlsx(
    path: Path, rows: list[list[object]], *, number_formats: dict[str, str] | None = None
):
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    for row in rows:
        ws.append(row)
    for cell, fmt in (number_formats or {}).items():
        ws[cell].number_format = fmt
    wb.save(path)
    return path


def test_xlsx_reads_first_nonempty_row_as_header(tmp_path: Path) -> None:
    path = make_xlsx(
        tmp_path / "customers.xlsx",
        [
            [],
            [" 客户号 ", "姓名", "资产余额", None, None],
            ["C001", " 张三 ", 1234567.89],
            [],
            ["C002", "李四", 100],
        ],
    )
    table, rows = read_all(path)
    assert table.format == "xlsx"
    assert table.encoding is None
    assert table.header == ["客户号", "姓名", "资产余额"]
    assert table.columns.fields == ["customer_id", "name", "aum"]
    assert rows == [Row(3, ["C001", "张三", 1234567.89]), Row(5, ["C002", "李四", 100])]
    assert isinstance(rows[1].values[2], int)


def test_xlsx_dates_come_back_as_datetime(tmp_path: Path) -> None:
    path = make_xlsx(
        tmp_path / "c.xlsx",
        [["客户号", "姓名", "出生日期"], ["C001", "张三", dt.date(1985, 3, 7)]],
    )
    _, rows = read_all(path)
    assert rows[0].values[2] == dt.datetime(1985, 3, 7)


def test_xlsx_serial_number_in_a_date_column_becomes_datetime(tmp_path: Path) -> None:
    # A date column left in "General" format shows 31113 in Excel: that is 1985-03-07.
    path = make_xlsx(
        tmp_path / "c.xlsx",
        [["客户号", "姓名", "出生日期", "资产余额"], ["C001", "张三", 31113, 31113]],
    )
    _, rows = read_all(path)
    assert rows[0].values[2:] == [dt.datetime(1985, 3, 7), 31113]


def test_xlsx_yyyymmdd_number_in_a_date_column_is_left_alone(tmp_path: Path) -> None:
    path = make_xlsx(
        tmp_path / "c.xlsx", [["客户号", "姓名", "出生日期"], ["C001", "张三", 19850307]]
    )
    _, rows = read_all(path)
    assert rows[0].values[2] == 19850307


def test_xlsx_short_rows_are_padded_with_none_and_extra_cells_kept(tmp_path: Path) -> None:
    path = make_xlsx(
        tmp_path / "c.xlsx",
        [["客户号", "姓名", "邮编"], ["C001"], ["C002", "李四", None, "多余", None]],
    )
    _, rows = read_all(path)
    assert rows[0].values == ["C001", None, None]
    assert rows[1].values == ["C002", "李四", None, "多余"]


def test_xlsx_position_grows_with_rows_read_to_the_file_size(tmp_path: Path) -> None:
    path = make_xlsx(
        tmp_path / "c.xlsx", [["客户号", "姓名"]] + [[f"C{i}", "王"] for i in range(5)]
    )
    with open_table(path, "customers") as table:
        assert table.position() == table.size // 6  # the header row of six
        seen = [table.position() for _ in table.rows]
        assert seen == sorted(seen)
        assert seen[-1] == table.size


def test_xlsx_without_header_row_is_unusable(tmp_path: Path) -> None:
    path = make_xlsx(tmp_path / "c.xlsx", [])
    with pytest.raises(UnusableInput, match="has no header row"):
        open_table(path, "customers")


def test_corrupt_xlsx_is_unusable(tmp_path: Path) -> None:
    path = write_text(tmp_path, "c.xlsx", HEADER_CN)
    with pytest.raises(UnusableInput, match="not a readable .xlsx workbook"):
        open_table(path, "customers")


# --- JSON -------------------------------------------------------------------------------------


def test_json_array_rows_follow_keys_in_first_seen_order(tmp_path: Path) -> None:
    records = [
        {"customer_id": "C001", "姓名": "张三", "aum": 1234.5},
        {"customer_id": "C002", "姓名": "李四", "consent_sms": True, "tags": ["vip"]},
        {},
    ]
    path = write_text(tmp_path, "c.json", json.dumps(records, ensure_ascii=False))
    with open_table(path, "customers") as table:
        rows = list(table.rows)
        assert table.position() == table.size
    assert table.format == "json"
    assert table.header == ["customer_id", "姓名", "aum", "consent_sms", "tags"]
    assert table.columns.fields == ["customer_id", "name", "aum", "consent_sms", None]
    assert rows == [
        Row(1, ["C001", "张三", 1234.5, None, None]),
        Row(2, ["C002", "李四", None, True, '["vip"]']),
    ]


def test_gb18030_json_is_detected(tmp_path: Path) -> None:
    path = write_text(tmp_path, "c.json", '[{"客户号": "C001", "姓名": "张三"}]', "gb18030")
    table, rows = read_all(path)
    assert table.encoding == "gb18030"
    assert rows[0].values == ["C001", "张三"]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('{"customer_id": "C001"}', "holds a JSON object, not an array of objects"),
        ('[{"customer_id": "C001", "name": "x"}, 3]', "item 2 of the array is not an object"),
        ('[{"customer_id": "C001",]', r"not valid JSON \(.* at line 1 column 25\)"),
        ("[]", "holds no records"),
    ],
)
def test_unusable_json_says_what_is_wrong(tmp_path: Path, text: str, message: str) -> None:
    with pytest.raises(UnusableInput, match=message):
        open_table(write_text(tmp_path, "c.json", text), "customers")


def test_jsonl_reads_one_object_per_line_skipping_blank_lines(tmp_path: Path) -> None:
    text = '{"客户号": "C001", "姓名": "张三"}\n\n{"客户号": "C002", "姓名": "李四"}\r\n'
    table, rows = read_all(write_text(tmp_path, "c.jsonl", text, "utf-8-sig"))
    assert table.format == "jsonl"
    assert table.header == ["客户号", "姓名"]
    assert rows == [Row(1, ["C001", "张三"]), Row(3, ["C002", "李四"])]


def test_jsonl_line_that_is_not_an_object_names_the_line(tmp_path: Path) -> None:
    text = '{"customer_id": "C001", "name": "张三"}\n\n[1, 2]\n'
    with pytest.raises(UnusableInput, match="c.jsonl line 3 is a JSON array, not an object"):
        open_table(write_text(tmp_path, "c.jsonl", text), "customers")


def test_jsonl_invalid_line_after_the_header_objects_names_the_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(json_files, "_JSONL_HEADER_OBJECTS", 1)
    text = '{"customer_id": "C001", "name": "张三"}\n{"customer_id": \n'
    path = write_text(tmp_path, "c.jsonl", text)
    with (
        open_table(path, "customers") as table,
        pytest.raises(UnusableInput, match="c.jsonl line 2 is not valid JSON"),
    ):
        list(table.rows)


def test_jsonl_key_first_seen_late_is_kept_after_the_header_cells(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(json_files, "_JSONL_HEADER_OBJECTS", 1)
    text = (
        '{"customer_id": "C001", "name": "张三"}\n{"name": "李四", "customer_id": "C002", "x": 1}\n'
    )
    table, rows = read_all(write_text(tmp_path, "c.jsonl", text))
    assert table.header == ["customer_id", "name"]
    assert rows[1].values == ["C002", "李四", 1]
