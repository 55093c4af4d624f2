"""Churn signals and the score (domain/churn.py): every rule takes the day as an argument."""

from __future__ import annotations

from datetime import date

import pytest

from bankcrm_cli.domain.churn import (
    ChurnFacts,
    ChurnRules,
    Payout,
    drop_fraction,
    reasons_for,
    score,
)
from bankcrm_cli.domain.errors import UsageError

DAY = date(2026, 12, 2)
KNOWN = date(2026, 1, 1)
RULES = ChurnRules()


def codes(facts: ChurnFacts, day: date = DAY, rules: ChurnRules = RULES) -> list[str]:
    return [reason.code for reason in reasons_for(facts, day, rules)]


def active(tier: str = "金卡", **kwargs) -> ChurnFacts:
    """A customer reached and active yesterday: no signal of their own."""
    values = dict(tier=tier, known_since=KNOWN, last_contact=date(2026, 12, 1))
    values["last_activity"] = date(2026, 12, 1)
    return ChurnFacts(**{**values, **kwargs})


def test_an_active_customer_shows_no_signal():
    assert codes(active()) == []


def test_aum_down_30_percent_is_a_signal_and_29_is_not():
    assert codes(active(aum_before_cents=100_000, aum_after_cents=70_000)) == ["aum_drop"]
    assert codes(active(aum_before_cents=100_000, aum_after_cents=71_000)) == []


def test_a_rise_or_no_starting_value_is_no_drop():
    assert drop_fraction(100, 150) == 0.0
    assert drop_fraction(0, 0) is None
    assert drop_fraction(None, 10) is None


def test_drop_points_grow_with_the_share_lost():
    (half,) = reasons_for(active(aum_before_cents=1_000, aum_after_cents=500), DAY, RULES)
    (all_,) = reasons_for(active(aum_before_cents=1_000, aum_after_cents=0), DAY, RULES)
    assert (half.points, all_.points) == (50, 70)
    assert "下降 50%" in half.detail


def test_maturities_paid_out_score_25_then_10_each_up_to_45():
    payout = Payout("A1", "time_deposit", 100_000, "CNY", date(2026, 11, 20))
    points = [
        reasons_for(active(payouts=(payout,) * n), DAY, RULES)[0].points for n in (1, 2, 3, 4)
    ]
    assert points == [25, 35, 45, 45]


def test_no_contact_beyond_the_tier_cadence():
    # 白金: 90 days. Reached 91 days ago: a signal; 90 days ago: not yet.
    assert codes(active("白金", last_contact=date(2026, 9, 2))) == ["no_contact"]
    assert codes(active("白金", last_contact=date(2026, 9, 3))) == []


def test_silence_twice_the_cadence_scores_more():
    (once,) = reasons_for(active("私人银行", last_contact=date(2026, 11, 1)), DAY, RULES)
    (twice,) = reasons_for(active("私人银行", last_contact=date(2026, 9, 1)), DAY, RULES)
    assert (once.points, twice.points) == (15, 25)


def test_a_customer_never_reached_counts_from_when_the_store_first_knew_them():
    assert codes(active("钻石", last_contact=None, known_since=date(2026, 10, 3))) == []
    assert codes(active("钻石", last_contact=None, known_since=date(2026, 10, 2))) == ["no_contact"]


def test_unknown_aum_gets_the_lowest_tiers_cadence():
    assert RULES.cadence_for(None) == 365


def test_180_days_without_activity():
    facts = active("普通", last_contact=None, last_activity=None, known_since=date(2026, 6, 5))
    assert codes(facts) == ["inactive"]
    newer = active("普通", last_contact=None, last_activity=None, known_since=date(2026, 6, 6))
    assert codes(newer) == []
    assert (
        codes(active("普通", last_activity=date(2026, 6, 6), last_contact=None, known_since=KNOWN))
        == []
    )


def test_score_adds_the_reasons_and_stops_at_100():
    facts = ChurnFacts(
        tier="私人银行",
        known_since=date(2025, 1, 1),
        aum_before_cents=100,
        aum_after_cents=0,
        payouts=(Payout("A", None, 1, "CNY", date(2026, 11, 30)),) * 3,
    )
    found = reasons_for(facts, DAY, RULES)
    assert [r.code for r in found] == ["aum_drop", "paid_out", "no_contact", "inactive"]
    assert sum(r.points for r in found) == 70 + 45 + 25 + 20
    assert score(found) == 100


def test_rules_refuse_impossible_settings():
    with pytest.raises(UsageError, match="drop_pct"):
        ChurnRules(drop_pct=0)
    with pytest.raises(UsageError, match="cadence"):
        ChurnRules(cadence_days={"普通": 0})
