"""A quote left open in a CSV no longer swallows the rows after it (issue 17, item 5); quoted
multi-line cells still import. A UTF-8 file cut mid-character is reported in UTF-8 terms."""

from __future__ import annotations

from pathlib import Path

import pytest

from bankcrm_cli.services.importing import worker
from tests.cli.refusal_checks import assert_refused, folder_fingerprint, store_fingerprint
from tests.conftest import write

HEADER = "客户号,姓名,通讯地址\n"


@pytest.fixture
def stocked(crm, tmp_path: Path):
    """A store holding two customers, and the folder the import files go in."""
    folder = tmp_path / "files"
    folder.mkdir()
    first = write(folder / "first.csv", HEADER + "C1,赵一,北京\nC2,钱二,上海\n")
    assert crm("import", "customers", str(first)).exit_code == 0
    return folder


@pytest.mark.parametrize(
    ("body", "line", "shape"),
    [
        # The file: the quote on line 2 takes line 3 in, to the end of the file.
        ('T1,张三,"北京\nT2,李四,上海\n', 2, "始终没有结束"),
        ('T1,张三,北京\nT2,李四,"上海', 3, "始终没有结束"),
        ('T1,张三,北京\nT2,李四,"上海\n', 3, "始终没有结束"),
        ('T1,张三,"北京\r\nT2,李四,上海\r\n', 2, "始终没有结束"),
        ('T1,张三,北京\nT2,李四,"', 3, "始终没有结束"),
        # Closed later by another row's quote: line 3 is a whole row taken in as text.
        ('T1,张三,"北京\nT2,李四,上海\nT3,王五,"广州"\nT4,赵六,深圳\n', 2, "吞入了第 3 行"),
        ('T0,孙零,杭州\nT1,张三,"北京\n朝阳区\nT2,李四,上海"\n', 3, "吞入了第 5 行"),
    ],
)
def test_a_quote_left_open_is_refused_naming_its_line(crm, stocked, body, line, shape):
    f = write(stocked / "open.csv", HEADER + body)
    store_before, files_before = store_fingerprint(crm), folder_fingerprint(stocked)
    for extra in ((), ("--dry-run",), ("--strict",)):
        result = crm("import", "customers", str(f), *extra)
        assert_refused(result, 2, f"open.csv 第 {line} 行：", shape)
    assert store_fingerprint(crm) == store_before
    assert folder_fingerprint(stocked) == files_before  # no rejects file either


def test_a_quote_left_open_in_the_header_is_refused(crm, stocked):
    f = write(stocked / "open.csv", '客户号,姓名,"通讯地址\nT1,张三,北京\n')
    store_before = store_fingerprint(crm)
    assert_refused(crm("import", "customers", str(f)), 2, "open.csv 第 1 行：", "始终没有结束")
    assert store_fingerprint(crm) == store_before


@pytest.mark.parametrize(
    "address",
    [
        "北京市朝阳区\n建国路1号",
        "北京市朝阳区\r\n建国路1号\r\n3单元",
        "北京市朝阳区\n建国路1号, 3单元",  # a delimiter, but fewer than a whole row has
        '北京市"国贸"\n大厦',
    ],
)
def test_quoted_multiline_addresses_still_import(crm, stocked, address):
    quoted = '"' + address.replace('"', '""') + '"'
    f = write(stocked / "multi.csv", HEADER + f"T1,张三,{quoted}\nT2,李四,上海\n")
    result = crm("import", "customers", str(f), "--format", "json")
    assert result.exit_code == 0, result.output
    assert (crm.json("customers", "show", "T1")["address"]).splitlines() == address.splitlines()
    assert crm.json("customers", "show", "T2")["address"] == "上海"


def test_a_quote_left_open_in_a_file_read_by_the_worker_comes_back_as_one_line(
    crm, stocked, monkeypatch
):
    monkeypatch.setattr(worker, "PARALLEL_MIN_BYTES", 1024)
    rows = "".join(f"W{i:05d},张三,北京市朝阳区建国路{i}号\n" for i in range(2000))
    f = write(stocked / "big.csv", HEADER + rows + 'W9,李四,"上海\n')
    assert worker.worth_a_worker(f)
    store_before = store_fingerprint(crm)
    assert_refused(crm("import", "customers", str(f)), 2, "big.csv 第 2002 行：", "始终没有结束")
    assert store_fingerprint(crm) == store_before


def test_a_quote_open_for_longer_than_a_cell_can_be_is_refused_naming_its_row(crm, stocked):
    rows = "".join(f"W{i:05d},张三,北京市朝阳区建国路{i}号\n" for i in range(8000))
    f = write(stocked / "big.csv", HEADER + 'W9,李四,"上海\n' + rows)
    assert_refused(crm("import", "customers", str(f)), 2, "big.csv 第 2 行：", "没有结束")


def test_a_utf8_file_cut_mid_character_is_reported_at_its_utf8_offset(crm, stocked):
    data = (HEADER + "T1,张三,北京\nT2,李四,上海").encode()
    cut = data[:-2]  # 海 is three bytes: one is left
    f = stocked / "cut.csv"
    f.write_bytes(cut)
    store_before = store_fingerprint(crm)
    line = assert_refused(crm("import", "customers", str(f)), 2, "UTF-8", "cut.csv")
    assert f"在第 {len(cut) - 1} 字节（第 3 行" in line
    assert "GB18030" not in line
    assert store_fingerprint(crm) == store_before
    assert f.read_bytes() == cut
