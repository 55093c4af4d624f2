"""`crm customers ...` and `crm rms ...`: what an RM sees, masked by default."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

from tests.conftest import write
from tests.factories import make_id

ID = make_id("19850307", 123)


@pytest.fixture
def loaded(crm, tmp_path: Path):
    write(
        tmp_path / "rms.csv",
        "rm_code,name,phone,email,branch\nRM001,王经理,13700137000,wang@example-bank.cn,朝阳支行\n",
    )
    write(
        tmp_path / "c.csv",
        "customer_id,name,id_number,phone,email,branch,rm_code,aum\n"
        f"0001,张伟,{ID},13800138000,zw@example.com,朝阳支行,RM001,500000\n"
        f"0002,欧阳娜娜,{make_id('19920515', 124)},13900139000,,海淀支行,RM002,100\n"
        '0003,=HYPERLINK("x"),,,,海淀支行,RM002,\n',
    )
    write(
        tmp_path / "h.csv",
        "account_id,customer_id,product_type,product_name,amount,currency,open_date,maturity_date,auto_rollover\n"
        "6222000000000000001,0001,大额存单,2025年第3期大额存单,500000,CNY,2025-03-05,2027-03-05,否\n"
        "6222000000000000002,0001,活期,,1000,CNY,2020-01-01,,\n",
    )
    assert crm("rms", "import", str(tmp_path / "rms.csv")).exit_code == 0
    assert crm("import", "customers", str(tmp_path / "c.csv")).exit_code == 0
    assert crm("import", "holdings", str(tmp_path / "h.csv")).exit_code == 0
    return crm


def test_show_json_has_profile_and_holdings_with_masked_pii(loaded):
    shown = loaded.json("customers", "show", "0001")
    assert shown["customer_id"] == "0001"
    assert shown["name"] == "张伟"
    assert shown["gender"] == "M"
    assert shown["birth_date"] == "1985-03-07"
    assert shown["phone"] == "138****8000"
    assert shown["id_number"] == ID[:6] + "********" + ID[-4:]
    assert shown["rm_code"] == "RM001"
    holdings = {h["account_id"]: h for h in shown["holdings"]}
    assert holdings["6222000000000000001"]["product_type"] == "large_cd"
    assert holdings["6222000000000000001"]["maturity_date"] == "2027-03-05"
    assert holdings["6222000000000000002"]["maturity_date"] is None


def test_reveal_shows_pii_in_full(loaded):
    shown = loaded.json("customers", "show", "0001", "--reveal")
    assert shown["phone"] == "13800138000"
    assert shown["id_number"] == ID


def test_show_table_masks_and_lists_holdings(loaded):
    result = loaded("customers", "show", "0001")
    assert result.exit_code == 0
    assert "138****8000" in result.stdout
    assert "13800138000" not in result.stdout
    assert "大额存单" in result.stdout
    assert "尊敬的张先生" in result.stdout
    assert "王经理" in result.stdout


def test_show_unknown_customer_exits_1(loaded):
    result = loaded("customers", "show", "9999")
    assert result.exit_code == 1
    assert "没有客户" in result.stderr


def test_list_filters_by_rm_and_branch(loaded):
    assert [c["customer_id"] for c in loaded.json("customers", "list", "--rm", "RM002")] == [
        "0002",
        "0003",
    ]
    assert [c["customer_id"] for c in loaded.json("customers", "list", "--branch", "朝阳支行")] == [
        "0001"
    ]


def test_list_table_masks_phones(loaded):
    result = loaded("customers", "list")
    assert result.exit_code == 0
    assert "139****9000" in result.stdout
    assert "13900139000" not in result.stdout


def test_search_by_name_number_and_phone(loaded):
    assert [c["customer_id"] for c in loaded.json("customers", "search", "欧阳")] == ["0002"]
    assert [c["customer_id"] for c in loaded.json("customers", "search", "000")] == [
        "0001",
        "0002",
        "0003",
    ]
    assert [c["customer_id"] for c in loaded.json("customers", "search", "8000")] == ["0001"]


def test_csv_export_neutralises_formulas(loaded):
    result = loaded("customers", "list", "--format", "csv")
    assert result.stdout.startswith("\ufeff")  # a BOM: Excel reads the text as UTF-8
    rows = list(csv.DictReader(io.StringIO(result.stdout.removeprefix("\ufeff"))))
    names = {r["customer_id"]: r["name"] for r in rows}
    assert names["0003"] == '\'=HYPERLINK("x")'


def test_rms_list(loaded):
    rms = loaded.json("rms", "list")
    assert rms == [
        {
            "rm_code": "RM001",
            "name": "王经理",
            "phone": "13700137000",
            "email": "wang@example-bank.cn",
            "branch": "朝阳支行",
        }
    ]


def test_reveal_leaves_a_trace_with_who_and_what(loaded, monkeypatch):
    monkeypatch.setenv("CRM_USER", "RM042")
    loaded.json("customers", "show", "0001", "--reveal")
    loaded.json("customers", "list", "--reveal")
    shown = loaded.json("customers", "show", "0001")
    reveals = [e for e in shown["timeline"] if e["action"] == "reveal"]
    assert len(reveals) == 1 and reveals[0]["actor"] == "RM042"

    from bankcrm_cli.services.customers.history import history_of
    from bankcrm_cli.store.engine import make_engine, resolve_url

    engine = make_engine(resolve_url(str(loaded.db)))
    listed = history_of(engine, "customers", "customers list")
    engine.dispose()
    assert listed and listed[0].changes == {"customers": [None, 3]}


def test_masked_views_leave_no_trace(loaded):
    loaded.json("customers", "show", "0001")
    shown = loaded.json("customers", "show", "0001")
    assert [e for e in shown["timeline"] if e["action"] == "reveal"] == []
