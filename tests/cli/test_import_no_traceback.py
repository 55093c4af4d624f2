"""Inputs that used to print a traceback (issue 17, "No traceback, ever"): each is one line on
stderr, exit 2, and the store and the files around it untouched."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest

from tests.cli.refusal_checks import assert_refused, folder_fingerprint, store_fingerprint
from tests.conftest import write
from tests.xlsx_parts import GOOD_ROW, HEADER_ROW, inline, row, shared, write_xlsx

HEADER = "客户号,姓名,通讯地址\n"


@pytest.fixture
def stocked(crm, tmp_path: Path):
    """A store holding two customers, and the folder the import files go in."""
    folder = tmp_path / "files"
    folder.mkdir()
    first = write(folder / "first.csv", HEADER + "C1,赵一,北京\nC2,钱二,上海\n")
    assert crm("import", "customers", str(first)).exit_code == 0
    return folder


def _refused_untouched(crm, folder: Path, args: list[str], *fragments: str) -> str:
    store_before, files_before = store_fingerprint(crm), folder_fingerprint(folder)
    line = assert_refused(crm(*args), 2, *fragments)
    assert store_fingerprint(crm) == store_before
    assert folder_fingerprint(folder) == files_before
    return line


BIG = "9" * 5000
DEEP = "[" * 100_000 + "]" * 100_000


@pytest.mark.parametrize(
    ("name", "text", "fragment"),
    [
        ("n.json", f'[{{"客户号": "T1", "姓名": "张三", "资产余额": {BIG}}}]', "5,000 个字符"),
        ("n.jsonl", f'{{"客户号": "T1", "姓名": "张三", "资产余额": {BIG}}}\n', "第 1 行 含有"),
        ("f.json", f'[{{"客户号": "T1", "姓名": "张三", "资产余额": {BIG}.5}}]', "个字符"),
        ("i.jsonl", '{"客户号": "T1", "姓名": "张三", "资产余额": 1e999}\n', "大到无法保存"),
        ("nan.json", '[{"客户号": "T1", "姓名": "张三", "资产余额": NaN}]', "NaN"),
        ("d.json", DEEP, "嵌套太深"),
        ("d2.json", f'[{{"客户号": "T1", "姓名": "张三", "x": {DEEP}}}]', "嵌套太深"),
        ("d.jsonl", f'{{"客户号": "T1", "姓名": "张三", "x": {DEEP}}}\n', "第 1 行 的数组"),
    ],
)
def test_json_numbers_and_nesting_no_field_can_take_are_one_line(
    crm, stocked, name, text, fragment
):
    f = write(stocked / name, text)
    _refused_untouched(crm, stocked, ["import", "customers", str(f)], name, fragment)


CORRUPT_ROWS = {
    "shared-string index": row(2, shared("A2", 4), shared("B2", 99)),
    "text in a number cell": row(2, shared("A2", 4), shared("B2", 5), '<c r="D2"><v>abc</v></c>'),
    "bad t=d date": row(
        2, shared("A2", 4), shared("B2", 5), '<c r="C2" t="d"><v>1985-13-45</v></c>'
    ),
    "not a date at all": row(2, shared("A2", 4), '<c r="C2" t="d"><v>yesterday</v></c>'),
    "column ZZZZZZ": row(2, shared("A2", 4), shared("B2", 5), inline("ZZZZZZ2", "x")),
    "bad boolean": row(2, shared("A2", 4), '<c r="B2" t="b"><v>maybe</v></c>'),
}


@pytest.mark.parametrize("corruption", list(CORRUPT_ROWS))
def test_an_xlsx_row_that_cannot_be_read_is_one_line_naming_it(crm, stocked, corruption):
    f = write_xlsx(stocked / "c.xlsx", HEADER_ROW, CORRUPT_ROWS[corruption])
    for extra in ((), ("--dry-run",)):
        _refused_untouched(
            crm, stocked, ["import", "customers", str(f), *extra], "c.xlsx 第 2 行无法读取"
        )


@pytest.mark.parametrize(
    "sheet",
    [
        "<worksheet><sheetData>" + HEADER_ROW + '<row r="2"><c r="A2" t="s"><v>4</v></c',
        "<worksheet><sheetData>" + HEADER_ROW + "<row></x></sheetData></worksheet>",
    ],
)
def test_an_xlsx_with_malformed_xml_is_one_line(crm, stocked, sheet):
    xml = sheet.replace(
        "<worksheet>",
        '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">',
    )
    f = write_xlsx(stocked / "m.xlsx", sheet=xml)
    _refused_untouched(crm, stocked, ["import", "customers", str(f)], "m.xlsx", "另存为")


def test_a_good_hand_written_xlsx_imports(crm, stocked):
    """The fixtures above differ from a readable workbook only in the corrupted cell."""
    f = write_xlsx(stocked / "g.xlsx", HEADER_ROW, GOOD_ROW)
    summary = crm.json("import", "customers", str(f))
    assert summary["inserted"] == 1


@pytest.mark.parametrize("encoding", ["rot13", "hex", "base64", "zlib", "klingon"])
def test_encodings_that_are_not_text_or_unknown_are_refused_with_the_list(crm, stocked, encoding):
    csv_file = write(stocked / "c.csv", HEADER + "T1,张三,北京\n")
    workbook = write_xlsx(stocked / "g.xlsx", HEADER_ROW, GOOD_ROW)  # refused there too
    for f in (csv_file, workbook):
        line = _refused_untouched(
            crm,
            stocked,
            ["import", "customers", str(f), "--encoding", encoding],
            f"--encoding {encoding!r} 不是 crm 能读的文本编码",
        )
        assert "utf-8, utf-8-sig, utf-16" in line and "gb18030" in line


def test_utf16_without_a_byte_order_mark_asks_for_its_byte_order(crm, stocked):
    f = stocked / "u.csv"
    f.write_bytes((HEADER + "T1,张三,北京\n").encode("utf-16-le"))
    # Without --encoding the bytes' pattern says what to pass; with utf-16 the missing BOM.
    _refused_untouched(crm, stocked, ["import", "customers", str(f)], "--encoding utf-16-le")
    _refused_untouched(
        crm,
        stocked,
        ["import", "customers", str(f), "--encoding", "utf-16"],
        "字节顺序标记",
        "--encoding utf-16-le",
    )
    summary = crm.json("import", "customers", str(f), "--encoding", "utf-16-le")
    assert summary["inserted"] == 1
    assert summary["encoding"] == "utf-16-le"


def test_utf16_with_its_byte_order_mark_still_imports_with_or_without_the_option(crm, stocked):
    f = stocked / "u.csv"
    f.write_bytes(codecs.BOM_UTF16_LE + (HEADER + "T1,张三,北京\n").encode("utf-16-le"))
    assert crm.json("import", "customers", str(f), "--encoding", "utf-16")["inserted"] == 1
    assert crm.json("import", "customers", str(f))["unchanged"] == 1


def test_encoding_aliases_still_work(crm, stocked):
    f = write(stocked / "g.csv", HEADER + "T1,张三,北京\n", encoding="gb18030")
    assert crm.json("import", "customers", str(f), "--encoding", "CP936")["inserted"] == 1


NOT_SQLITE = [
    ["customers", "list"],
    ["followups", "today"],
    ["import", "customers", "IMPORT"],
    ["rms", "list"],
    ["report", "daily"],
    ["db", "status"],
    ["db", "upgrade"],
    ["backup", "BACKUP"],
    ["sample", "load"],
]


@pytest.mark.parametrize("command", NOT_SQLITE, ids=lambda c: " ".join(c[:2]))
@pytest.mark.parametrize("content", [b"customer_id,name\nC1,x\n", b"\x00" * 100])
def test_a_db_that_is_not_sqlite_is_refused_by_every_command(tmp_path, command, content):
    from tests.conftest import Crm

    folder = tmp_path / "files"
    folder.mkdir()
    notes = folder / "notes.txt"
    notes.write_bytes(content)
    data = write(folder / "c.csv", HEADER + "T1,张三,北京\n")
    args = [
        str(data) if a == "IMPORT" else str(folder / "b.bak") if a == "BACKUP" else a
        for a in command
    ]
    before = folder_fingerprint(folder)
    for db in (str(notes), f"sqlite:///{notes}"):
        result = Crm(db)(*args)
        assert_refused(result, 2, "notes.txt 不是 crm 数据库（不是 SQLite 数据库）")
    assert folder_fingerprint(folder) == before
