"""Each figure of each report against the hand-built bank in tests/bank_for_reports.py."""

from __future__ import annotations

import json

import pytest

from bankcrm_cli.domain.churn import ChurnRules
from bankcrm_cli.domain.segments import TierRules
from bankcrm_cli.render.reports import flatten, render_report
from bankcrm_cli.services.analytics.reports import ReportContext, build_report
from bankcrm_cli.services.followups import FollowupRules
from bankcrm_cli.store.engine import make_engine, resolve_url
from tests.bank_for_reports import ZONE, D, build, days


@pytest.fixture(scope="module")
def bank(tmp_path_factory, module_store_url: str) -> str:
    return build(tmp_path_factory.mktemp("bank"), url=resolve_url(module_store_url))


@pytest.fixture
def engine(bank: str):
    engine = make_engine(bank)
    yield engine
    engine.dispose()


def context(**overrides) -> ReportContext:
    values = dict(
        day=D,
        zone=ZONE,
        bank="测试银行",
        followups=FollowupRules(),
        tiers=TierRules(),
        churn=ChurnRules(),
    )
    return ReportContext(**{**values, **overrides})


@pytest.fixture
def daily(engine):
    return build_report(engine, "daily", context())


def test_daily_followups_by_kind_and_rm(daily):
    # C1's birthday; C2's call-back; complaints due D+1 (C1) and overdue (C2); H1 was done.
    assert daily["followups"] == {"birthday": 1, "callback": 1, "complaint": 2}
    assert daily["followups_by_rm"] == {"RM001": {"birthday": 1, "callback": 1, "complaint": 2}}
    assert daily["covers"] == [D.isoformat()]


def test_daily_complaints_open_due_soon_overdue_breached(daily):
    figures = daily["complaints"]
    assert (figures["open"], figures["due_soon"], figures["overdue"], figures["breached"]) == (
        3,
        1,
        1,
        1,
    )
    assert [c["customer_id"] for c in figures["due_soon_list"]] == ["C1"]
    assert [c["customer_id"] for c in figures["overdue_list"]] == ["C2"]
    assert figures["breached_list"][0]["breached_on"] == days(-10).isoformat()


def test_daily_contacts_yesterday_per_rm_in_the_bank_time_zone(daily):
    contacts = daily["contacts_yesterday"]
    assert contacts["from"] == contacts["to"] == days(-1).isoformat()
    assert contacts["by_rm"] == [
        {"rm": "RM001", "contacts": 2, "reached": 1},
        {"rm": "RM002", "contacts": 1, "reached": 1},
    ]
    assert (contacts["total"], contacts["reached"]) == (3, 2)


def test_daily_maturities_in_the_next_30_days_by_currency_and_product(daily):
    maturities = daily["maturities_30d"]
    assert maturities["count"] == 4  # H1, H2, H3 (USD) and H5 on D+30; not H4 (D+40) nor H6
    assert maturities["amount"] == {"CNY": 620000.0, "USD": 10000.0}
    by_product = {
        (p["product_type"], p["currency"]): (p["count"], p["amount"])
        for p in maturities["by_product"]
    }
    assert by_product == {
        ("installment_savings", "CNY"): (1, 20000.0),
        ("large_cd", "CNY"): (1, 500000.0),
        ("time_deposit", "CNY"): (1, 100000.0),
        ("time_deposit", "USD"): (1, 10000.0),
    }
    assert [w["count"] for w in maturities["by_week"]] == [1, 1, 1, 0, 1]
    assert maturities["by_week"][0]["amount_cny"] == 100000.0


def test_daily_new_and_changed_customers_of_yesterday(daily):
    assert (daily["customers"]["new"], daily["customers"]["changed"]) == (1, 1)


def test_daily_churn_top_with_scores_and_reasons(daily):
    churn = daily["churn"]
    assert churn["at_risk"] == 2
    assert churn["by_reason"] == {"aum_drop": 1, "paid_out": 1, "no_contact": 1}
    top = [(c["customer_id"], c["score"], [r["code"] for r in c["reasons"]]) for c in churn["top"]]
    # C3: holdings 1,110,000 → 410,000 (-63 %): 30 + 25. C2: H6 not rolled over, never reached.
    assert top == [("C3", 55, ["aum_drop"]), ("C2", 50, ["paid_out", "no_contact"])]


def test_weekly_tier_counts(engine):
    weekly = build_report(engine, "weekly", context())
    tiers = {t["tier"]: t["customers"] for t in weekly["segments"]["tiers"]}
    assert tiers == {"私人银行": 0, "钻石": 1, "白金": 1, "金卡": 1, "普通": 2}


def test_daily_for_one_rm_keeps_only_that_rms_customers(engine):
    report = build_report(engine, "daily", context(rm_code="RM002"))
    assert report["followups"] == {}
    assert report["complaints"]["open"] == 0
    assert report["maturities_30d"]["amount"] == {"USD": 10000.0}
    assert [c["customer_id"] for c in report["churn"]["top"]] == ["C3"]


def test_weekly_compares_the_week_with_the_one_before(engine):
    weekly = build_report(engine, "weekly", context())
    assert weekly["week"] == {"from": days(-7).isoformat(), "to": days(-1).isoformat()}
    assert weekly["contacts"]["total"] == {"this_week": 4, "last_week": 1, "change": 3}
    assert weekly["contacts"]["reached"] == {"this_week": 3, "last_week": 1, "change": 2}
    assert weekly["customers"]["new"]["this_week"] == 1
    assert weekly["complaints"]["received"] == {"this_week": 1, "last_week": 1, "change": 0}
    assert weekly["complaints"]["resolved"] == {"this_week": 0, "last_week": 1, "change": -1}
    assert weekly["followups_done"]["on_time"]["this_week"] == 1
    assert weekly["churn"]["at_risk"] == 2


def test_weekly_rm_league(engine):
    league = build_report(engine, "weekly", context())["league"]
    assert league[0] == {
        "rm": "RM001",
        "contacts": 2,
        "reached": 1,
        "followups_done": 1,
        "done_on_time": 1,
        "reached_rate": 0.5,
        "on_time_rate": 1.0,
    }
    assert league[1]["rm"] == "RM002"
    assert (league[1]["contacts"], league[1]["reached_rate"]) == (2, 1.0)


def test_complaints_report_for_the_quarter(engine):
    report = build_report(engine, "complaints", context())
    assert report["period"] == {"from": "2026-10-01", "to": D.isoformat()}
    assert (report["received"], report["resolved"], report["breached"]) == (4, 1, 1)
    assert report["within_deadline_rate"] == 0.0
    assert report["median_handling_days"] == 30
    assert report["by_category"][0] == {
        "category": "收费",
        "received": 3,
        "resolved": 1,
        "breached": 1,
    }
    assert report["by_channel"] == {"phone": 2, "counter": 1, "online": 1}
    assert [c["days_late"] for c in report["breached_cases"]] == [15]
    assert (report["open_now"], report["overdue_now"]) == (3, 1)


def test_complaints_report_since_a_day(engine):
    report = build_report(engine, "complaints", context(since=days(-90)))
    assert (report["received"], report["resolved"], report["breached"]) == (5, 2, 2)


def test_portfolio_per_rm(engine):
    report = build_report(engine, "portfolio", context())
    rms = {r["rm"]: r for r in report["rms"]}
    assert sorted(rms) == ["RM001", "RM002", "RM003"]
    assert (rms["RM001"]["customers"], rms["RM001"]["aum"]) == (2, 680000.0)
    assert rms["RM001"]["tiers"] == {"金卡": 1, "白金": 1}
    assert rms["RM002"]["tiers"] == {"钻石": 1, "普通": 1}
    mix = {(m["product_type"], m["currency"]): m["amount"] for m in rms["RM002"]["holdings_mix"]}
    assert mix == {
        ("wealth", "CNY"): 100000.0,
        ("current", "CNY"): 300000.0,
        ("time_deposit", "USD"): 10000.0,
    }
    assert rms["RM001"]["maturities_30d"] == {"count": 2, "amount": {"CNY": 600000.0}}
    assert rms["RM002"]["maturities_90d"]["count"] == 2
    assert (rms["RM001"]["at_risk"], rms["RM002"]["at_risk"], rms["RM003"]["at_risk"]) == (1, 1, 0)


def test_portfolio_amounts_are_json_numbers_on_every_store(engine):
    # PostgreSQL sums cents into numeric (a Decimal), which JSON would write as a string.
    document = build_report(engine, "portfolio", context())
    written = json.loads(render_report(document, "json").content)
    for rm in written["rms"]:
        amounts = [m["amount"] for m in rm["holdings_mix"]]
        for window in ("maturities_30d", "maturities_90d"):
            amounts += rm[window]["amount"].values()
        assert all(type(a) in (int, float) for a in [rm["aum"], *amounts]), rm["rm"]
    mix = {
        (m["product_type"], m["currency"]): m["amount"] for m in written["rms"][1]["holdings_mix"]
    }
    assert mix[("current", "CNY")] == 300000.0


@pytest.mark.parametrize("kind", ["daily", "weekly", "complaints", "portfolio"])
def test_every_report_renders_in_every_format(engine, kind):
    document = build_report(engine, kind, context())
    for fmt in ("md", "html", "csv", "json"):
        rendered = render_report(document, fmt)
        assert rendered.content
        assert "测试银行" in rendered.subject
    assert render_report(document, "md").content.startswith(b"# ")
    assert render_report(document, "html").content.startswith(b"<!DOCTYPE html>")


def test_csv_rows_name_their_section_and_key(daily):
    rows = {(section, key): value for section, key, value in flatten(daily)}
    assert rows[("complaints", "open")] == 3
    assert rows[("maturities_30d", "amount.CNY")] == 620000.0
    assert rows[("churn", "top[C3].score")] == 55


def test_subject_names_bank_report_period_and_scope(engine):
    daily = render_report(build_report(engine, "daily", context(rm_code="RM001")), "json")
    assert daily.subject == f"测试银行 日报 {D} · RM001"
    weekly = render_report(build_report(engine, "weekly", context()), "md")
    assert weekly.subject == f"测试银行 周报 {days(-7)} – {days(-1)}"
    assert weekly.media_type == "text/markdown" and weekly.suffix == ".md"
