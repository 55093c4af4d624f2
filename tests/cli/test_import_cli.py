"""`crm import ...` as a user runs it: formats, encodings, exit codes, JSON summary."""

from __future__ import annotations

import json
from pathlib import Path

from tests.conftest import write
from tests.factories import make_id

CN_HEADER = "客户号,客户姓名,身份证号,手机号码,电子邮箱,客户经理,资产余额,短信营销同意\n"


def rows_cn() -> str:
    return (
        f'0001,张伟,{make_id()},138 0013 8000,zw@example.com,RM001,"¥1,234,567.89",否\n'
        f"0002,欧阳娜娜,{make_id('19900228', 124)},13900139000,,RM002,12345,\n"
    )


def test_json_summary_is_one_object_with_the_counts(crm, tmp_path: Path):
    f = write(tmp_path / "c.csv", CN_HEADER + rows_cn())
    result = crm("import", "customers", str(f), "--format", "json")
    assert result.exit_code == 0, result.output
    summary = json.loads(result.stdout)
    assert {k: summary[k] for k in ("inserted", "updated", "unchanged", "rejected")} == {
        "inserted": 2,
        "updated": 0,
        "unchanged": 0,
        "rejected": 0,
    }
    assert summary["rejects_file"] is None
    assert result.stderr == ""


def test_reimporting_the_same_file_changes_nothing(crm, tmp_path: Path):
    f = write(tmp_path / "c.csv", CN_HEADER + rows_cn())
    crm("import", "customers", str(f))
    again = crm.json("import", "customers", str(f))
    assert (again["inserted"], again["updated"], again["unchanged"]) == (0, 0, 2)


def test_gb18030_file_imports_without_an_encoding_option(crm, tmp_path: Path):
    f = write(tmp_path / "gbk.csv", CN_HEADER + rows_cn(), encoding="gb18030")
    summary = crm.json("import", "customers", str(f))
    assert summary["inserted"] == 2
    shown = crm.json("customers", "show", "0002")
    assert shown["name"] == "欧阳娜娜"


def test_utf8_bom_file_imports(crm, tmp_path: Path):
    f = write(tmp_path / "bom.csv", CN_HEADER + rows_cn(), encoding="utf-8-sig")
    assert crm.json("import", "customers", str(f))["inserted"] == 2


def test_tab_separated_file_imports(crm, tmp_path: Path):
    text = (CN_HEADER + rows_cn()).replace(",", "\t").replace('"¥1\t234\t567.89"', "1234567.89")
    f = write(tmp_path / "c.tsv", text)
    assert crm.json("import", "customers", str(f))["inserted"] == 2


def test_xlsx_with_excel_serial_dates_imports(crm, tmp_path: Path):
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.append(["客户号", "姓名", "出生日期", "性别"])
    ws.append(["0007", "李娜", 31113, "男"])
    path = tmp_path / "c.xlsx"
    wb.save(path)
    assert crm.json("import", "customers", str(path))["inserted"] == 1
    shown = crm.json("customers", "show", "0007")
    assert shown["birth_date"] == "1985-03-07"
    assert shown["gender"] == "M"


def test_json_and_jsonl_files_import(crm, tmp_path: Path):
    records = [{"customer_id": "0001", "name": "张伟"}, {"customer_id": "0002", "name": "李娜"}]
    a = write(tmp_path / "c.json", json.dumps(records, ensure_ascii=False))
    assert crm.json("import", "customers", str(a))["inserted"] == 2
    b = write(tmp_path / "c.jsonl", "\n".join(json.dumps(r, ensure_ascii=False) for r in records))
    assert crm.json("import", "customers", str(b))["unchanged"] == 2


def test_map_file_maps_a_bank_specific_header(crm, tmp_path: Path):
    mapping = write(tmp_path / "map.toml", '"客户代码" = "customer_id"\n"户名" = "name"\n')
    f = write(tmp_path / "c.csv", "客户代码,户名,备注\n0001,张伟,VIP\n")
    summary = crm.json("import", "customers", str(f), "--map", str(mapping))
    assert summary["inserted"] == 1
    assert summary["unknown_columns"] == ["备注"]


def test_rejects_go_to_the_named_file_with_a_reason(crm, tmp_path: Path):
    f = write(tmp_path / "c.csv", "customer_id,name,id_number\n0001,张伟,110105198503071234\n")
    out = tmp_path / "bad.csv"
    summary = crm.json("import", "customers", str(f), "--rejects", str(out))
    assert summary["rejected"] == 1
    assert summary["rejects_file"] == str(out)
    text = out.read_bytes()
    assert text.startswith(b"\xef\xbb\xbf")
    assert "id_number: 校验位应为" in text.decode("utf-8-sig")


def test_missing_file_exits_2_with_one_line(crm, tmp_path: Path):
    result = crm("import", "customers", str(tmp_path / "nope.csv"))
    assert result.exit_code == 2
    assert result.stderr.startswith("crm: error:")
    assert result.stderr.count("\n") == 1
    assert "Traceback" not in result.output


def test_file_without_customer_number_column_exits_2_and_writes_nothing(crm, tmp_path: Path):
    f = write(tmp_path / "c.csv", "name,phone\n张伟,13800138000\n")
    result = crm("import", "customers", str(f))
    assert result.exit_code == 2
    assert "customer_id" in result.stderr
    assert crm.json("customers", "list") == []


def test_holdings_file_without_account_column_exits_2(crm, tmp_path: Path):
    f = write(tmp_path / "h.csv", "customer_id,amount\n0001,10\n")
    result = crm("import", "holdings", str(f))
    assert result.exit_code == 2
    assert "account_id" in result.stderr


def test_explicit_wrong_encoding_exits_2_and_writes_nothing(crm, tmp_path: Path):
    f = tmp_path / "c.csv"
    f.write_bytes(("customer_id,name\n0001,张伟\n").encode("gb18030"))
    result = crm("import", "customers", str(f), "--encoding", "utf-8")
    assert result.exit_code == 2
    assert "--encoding" in result.stderr
    assert crm.json("customers", "list") == []


def test_strict_with_rejects_exits_1_and_writes_nothing(crm, tmp_path: Path):
    f = write(tmp_path / "c.csv", "customer_id,name,phone\n0001,张伟,13800138000\n0002,李娜,12\n")
    result = crm("import", "customers", str(f), "--strict")
    assert result.exit_code == 1
    assert crm.json("customers", "list") == []


def test_dry_run_writes_nothing(crm, tmp_path: Path):
    f = write(tmp_path / "c.csv", "customer_id,name\n0001,张伟\n")
    assert crm("db", "upgrade").exit_code == 0
    summary = crm.json("import", "customers", str(f), "--dry-run")
    assert summary["inserted"] == 1 and summary["dry_run"] is True
    assert crm.json("customers", "list") == []


def test_unknown_file_extension_exits_2(crm, tmp_path: Path):
    f = write(tmp_path / "c.pdf", "x")
    result = crm("import", "customers", str(f))
    assert result.exit_code == 2
    assert ".csv" in result.stderr
