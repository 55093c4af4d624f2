"""`crm segments`, `crm churn` and `crm opportunities` on real stores."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from bankcrm_cli.domain.segments import months_before
from bankcrm_cli.store.engine import resolve_url
from tests.bank_for_reports import D, build, days


@pytest.fixture
def bank(crm, tmp_path: Path):
    build(tmp_path / "files", url=resolve_url(str(crm.db)))
    return crm


def tiers_on(crm, day) -> dict[str, str]:
    rows = crm.json("segments", "--customers", "--date", day.isoformat())
    return {row["customer_id"]: row["tier"] for row in rows}


def downgrade_day(fell, months: int):
    """The first day whose window of `months` months starts after a fall on `fell`."""
    day = fell
    while months_before(day, months) < fell:
        day += timedelta(days=1)
    return day


@pytest.fixture
def tiered(crm, tmp_path: Path):
    """C1 at ¥600,000 (白金) and C2 at ¥40,000 (普通), imported today."""
    path = tmp_path / "c.csv"
    path.write_text("customer_id,name,aum\nC1,张伟,600000\nC2,李娜,40000\n", encoding="utf-8")
    assert crm("import", "customers", str(path)).exit_code == 0
    return crm, path


def today():
    return datetime.now(ZoneInfo("Asia/Shanghai")).date()


def test_a_rise_counts_at_once(tiered):
    crm, path = tiered
    path.write_text("customer_id,name,aum\nC2,李娜,60000\n", encoding="utf-8")
    assert crm("import", "customers", str(path)).exit_code == 0
    assert tiers_on(crm, today())["C2"] == "金卡"


def test_a_fall_counts_only_after_the_configured_months(tiered):
    crm, path = tiered
    path.write_text("customer_id,name,aum\nC1,张伟,300000\n", encoding="utf-8")
    assert crm("import", "customers", str(path)).exit_code == 0
    fell = today()
    down = downgrade_day(fell, 3)
    assert down.day == fell.day or fell.day > 28, "three months later, to the day"
    rows = {r["customer_id"]: r for r in crm.json("segments", "--customers", "--date", str(fell))}
    assert (rows["C1"]["tier"], rows["C1"]["aum_tier"]) == ("白金", "金卡")
    assert rows["C1"]["downgrade_on"] == down.isoformat()
    assert tiers_on(crm, down - timedelta(days=1))["C1"] == "白金"
    assert tiers_on(crm, down)["C1"] == "金卡"
    summary = crm.json("segments", "--date", str(fell))
    platinum = next(t for t in summary["tiers"] if t["tier"] == "白金")
    assert (platinum["customers"], platinum["held_above_aum"]) == (1, 1)


def test_downgrade_months_from_settings(tiered, monkeypatch):
    crm, path = tiered
    path.write_text("customer_id,name,aum\nC1,张伟,300000\n", encoding="utf-8")
    assert crm("import", "customers", str(path)).exit_code == 0
    monkeypatch.setenv("CRM_SEGMENTS_DOWNGRADE_MONTHS", "0")
    assert tiers_on(crm, today())["C1"] == "金卡"


def test_tier_floors_from_settings(tiered, monkeypatch):
    crm, _ = tiered
    monkeypatch.setenv("CRM_SEGMENTS_GOLD_YUAN", "30000")
    assert tiers_on(crm, today())["C2"] == "金卡"
    monkeypatch.setenv("CRM_SEGMENTS_PLATINUM_YUAN", "20000")
    result = crm("segments")
    assert result.exit_code == 2
    assert "白金等级的门槛" in result.stderr


def test_segments_summary_and_rfm(bank):
    summary = bank.json("segments", "--date", D.isoformat())
    assert summary["customers"] == 5
    assert {t["tier"]: t["customers"] for t in summary["tiers"]} == {
        "私人银行": 0,
        "钻石": 1,
        "白金": 1,
        "金卡": 1,
        "普通": 2,
    }
    rows = {r["customer_id"]: r for r in bank.json("segments", "--customers", "--date", str(D))}
    # C1: reached on D-1 (R 5); reached contact, complaint, H1 opened within the year (F 3); 金卡.
    assert (rows["C1"]["last_activity"], rows["C1"]["rfm"]) == (days(-1).isoformat(), "532")
    assert rows["C4"]["rfm"][0] == "5"  # reached on D-1 at 23:30
    assert rows["C5"]["monetary"] == 1


def test_segments_table_for_people(bank):
    result = bank("segments", "--date", D.isoformat())
    assert result.exit_code == 0, result.output
    assert "钻石" in result.stdout and "保级中" in result.stdout


def test_churn_lists_reasons_and_scores(bank):
    result = bank.json("churn", "--date", D.isoformat())
    assert result["at_risk"] == 2
    top = [(c["customer_id"], c["score"]) for c in result["customers"]]
    assert top == [("C3", 55), ("C2", 50)]
    details = [r["detail"] for r in result["customers"][0]["reasons"]]
    assert details == ["资产 90 天内下降 63%（¥1,110,000 → ¥410,000）"]


def test_churn_top_and_rm(bank):
    assert [
        c["customer_id"] for c in bank.json("churn", "--top", "1", "--date", str(D))["customers"]
    ] == ["C3"]
    only = bank.json("churn", "--rm", "RM001", "--date", str(D))
    assert (only["at_risk"], only["customers"][0]["customer_id"]) == (1, "C2")


def test_churn_after_half_a_year_of_silence(bank):
    later = days(200)
    customers = {c["customer_id"]: c for c in bank.json("churn", "--date", str(later))["customers"]}
    assert [r["code"] for r in customers["C1"]["reasons"]] == ["no_contact", "inactive"]
    assert customers["C1"]["score"] == 35
    assert customers["C3"]["score"] == 45  # 钻石: 202 days silent (25) and inactive (20)


def test_churn_csv_and_table(bank):
    csv = bank("churn", "--format", "csv", "--date", str(D))
    assert (
        csv.stdout.removeprefix("\ufeff").splitlines()[0]
        == "customer_id,name,rm_code,branch,tier,aum,score,reasons,details"
    )
    assert "C2,李娜,RM001,朝阳支行,白金,600000.0,50,paid_out;no_contact," in csv.stdout
    table = bank("churn", "--date", str(D))
    assert table.exit_code == 0 and "王芳" in table.stdout


def test_opportunities(bank):
    found = bank.json("opportunities", "--date", D.isoformat())
    assert [(o["kind"], o["customer_id"], o["account_id"]) for o in found] == [
        ("wealth_for_maturity", "C1", "H1"),
        ("wealth_for_maturity", "C2", "H2"),
        ("insurance_for_installment", "C5", "H5"),
        ("next_tier", "C5", None),
    ]
    upsell = found[-1]
    assert (upsell["next_tier"], upsell["gap"]) == ("金卡", 4000.0)
    only = bank.json("opportunities", "--date", str(D), "--kind", "next_tier", "--rm", "RM003")
    assert [o["customer_id"] for o in only] == ["C5"]


def test_churn_in_a_young_store_reads_only_holdings_signals(crm, tmp_path: Path):
    """Nobody is known long enough to be silent: only moved or matured holdings count."""
    day = today()
    customers = tmp_path / "c.csv"
    customers.write_text("customer_id,name,aum\nC1,张伟,100000\nC2,李娜,200000\n", encoding="utf-8")
    holdings = tmp_path / "h.csv"
    holdings.write_text(
        "account_id,customer_id,product_type,amount,open_date,maturity_date\n"
        f"A1,C1,time_deposit,50000,2025-01-01,{day - timedelta(days=10)}\n"
        f"A2,C2,time_deposit,90000,2025-01-01,{day + timedelta(days=10)}\n",
        encoding="utf-8",
    )
    assert crm("import", "customers", str(customers)).exit_code == 0
    assert crm("import", "holdings", str(holdings)).exit_code == 0
    holdings.write_text("account_id,customer_id,amount\nA2,C2,10000\n", encoding="utf-8")
    assert crm("import", "holdings", str(holdings)).exit_code == 0
    result = crm.json("churn", "--date", str(day + timedelta(days=1)))
    found = {c["customer_id"]: [r["code"] for r in c["reasons"]] for c in result["customers"]}
    assert found == {"C2": ["aum_drop"], "C1": ["paid_out"]}
