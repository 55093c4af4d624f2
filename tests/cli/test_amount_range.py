"""Amounts have a range (docs/importing.md): per value and per customer's holdings added up,
checked at import (dry run included) as rejects naming the field; sums never overflow."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from conftest import store_engine, write
from sqlalchemy import text

CUSTOMERS = "customer_id,name,aum\nC1,张伟,100\nC2,李娜,200\n"
HOLDINGS = "account_id,customer_id,product_type,amount,maturity_date\n"
REPORTS = [
    ("report", "daily", "--date", "2026-12-07"),
    ("report", "weekly", "--date", "2026-12-07"),
    ("report", "portfolio", "--date", "2026-12-07"),
    ("churn", "--date", "2026-12-07"),
    ("segments", "--date", "2026-12-07"),
    ("customers", "show", "C1"),
]


def _reasons(path: Path) -> dict[str, str]:
    with open(path, encoding="utf-8-sig", newline="") as handle:
        return {row[0]: row[-1] for row in list(csv.reader(handle))[1:]}


@pytest.fixture
def bank(crm, tmp_path: Path):
    assert crm("import", "customers", str(write(tmp_path / "c.csv", CUSTOMERS))).exit_code == 0
    return crm


def _import(crm, path: Path, *options: str) -> dict:
    return crm.json("import", "holdings", str(path), "--format", "json", *options)


@pytest.mark.parametrize("dry_run", [True, False], ids=["dry-run", "import"])
def test_amounts_beyond_the_range_are_rejects_naming_the_field(bank, tmp_path, dry_run):
    rows = (
        "A1,C1,活期,99999999999999999999999,\n"
        "A2,C1,活期,92233720368547758.07,\n"
        "A3,C2,活期,92233720368547758.07,\n"
        "A4,C2,活期,-1000000000000.00,\n"
        "A5,C2,活期,999999999999.99,\n"
    )
    f = write(tmp_path / "h.csv", HOLDINGS + rows)
    summary = _import(bank, f, *(["--dry-run"] if dry_run else []))
    assert (summary["inserted"], summary["rejected"]) == (1, 4)
    reasons = _reasons(Path(summary["rejects_file"]))
    assert sorted(reasons) == ["A1", "A2", "A3", "A4"]
    assert all(r.startswith("amount: ") and "超出了 crm 能存的范围" in r for r in reasons.values())
    assert "999,999,999,999.99" in reasons["A1"]
    customers = write(tmp_path / "c2.csv", "customer_id,name,aum\nC3,王五,1e30\nC4,赵六,-1e13\n")
    summary = bank.json("import", "customers", str(customers), "--format", "json")
    assert summary["rejected"] == 2
    assert all(r.startswith("aum: ") for r in _reasons(Path(summary["rejects_file"])).values())


def test_a_customers_holdings_added_up_stay_within_the_range(bank, tmp_path):
    first = write(tmp_path / "h1.csv", HOLDINGS + "A1,C1,活期,600000000000,\n")
    assert _import(bank, first)["inserted"] == 1
    rows = (
        "A2,C1,定期存款,300000000000,\n"  # 900 billion: in range
        "A3,C1,贷款,-100000000000.00,\n"  # a loan counts by its size: one trillion, beyond
        "A1,C1,活期,699999999999.99,\n"  # A1 replaced, not added: 999,999,999,999.99
        "A4,C2,活期,0.01,\n"
    )
    f = write(tmp_path / "h2.csv", HOLDINGS + rows)
    for options in (["--dry-run"], []):
        summary = _import(bank, f, *options)
        assert (summary["inserted"], summary["updated"], summary["rejected"]) == (2, 1, 1)
        reasons = _reasons(Path(summary["rejects_file"]))
        assert list(reasons) == ["A3"]
        assert reasons["A3"].startswith("amount: 客户 C1 的持有产品合计将达")
    # Moving the whole of A1 to C2 frees C1's room: C1's loan fits now.
    moved = write(tmp_path / "h3.csv", HOLDINGS + "A1,C2,活期,,\nA3,C1,贷款,-100000000000,\n")
    assert _import(bank, moved)["rejected"] == 0
    for command in REPORTS:
        result = bank(*command)
        assert result.exit_code == 0, (command, result.output)


def test_reports_add_up_amounts_a_store_already_holds_without_overflow(bank, tmp_path):
    """Values from before the range was checked, at the 64-bit limit: sums still work."""
    rows = "".join(f"A{n},C{1 + n % 2},活期,1,2026-12-10\n" for n in range(4))
    assert _import(bank, write(tmp_path / "h.csv", HOLDINGS + rows))["inserted"] == 4
    engine = store_engine(bank)
    with engine.begin() as conn:
        conn.execute(text("UPDATE holdings SET amount_cents = 9223372036854775807"))
        conn.execute(text("UPDATE customers SET aum_cents = 9223372036854775807"))
    engine.dispose()
    for command in REPORTS:
        result = bank(*command)
        assert result.exit_code == 0, (command, result.output)
        assert "overflow" not in result.output
