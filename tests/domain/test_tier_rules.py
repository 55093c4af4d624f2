"""Tier floors from settings, the downgrade delay, RFM bands and up-sell gaps."""

from __future__ import annotations

from datetime import date

import pytest

from bankcrm_cli.domain.errors import UsageError
from bankcrm_cli.domain.opportunities import maturity_offer, near_floor_cents, next_tier_gap
from bankcrm_cli.domain.segments import (
    TierRules,
    frequency_score,
    monetary_score,
    months_before,
    recency_score,
)


def test_floors_from_settings_replace_the_defaults():
    rules = TierRules.from_floors(
        gold=10_000, platinum=100_000, diamond=1_000_000, private=5_000_000, downgrade_months=6
    )
    assert rules.held_tier(1_000_000) == "金卡"  # ¥10,000
    assert rules.held_tier(999_999) == "普通"
    assert rules.floor_cents("私人银行") == 500_000_000
    assert rules.downgrade_months == 6


def test_floors_must_rise_from_tier_to_tier(english):
    with pytest.raises(UsageError, match="platinum tier floor"):
        TierRules.from_floors(
            gold=50_000, platinum=50_000, diamond=1_000_000, private=6_000_000, downgrade_months=3
        )


def test_the_tier_held_is_that_of_the_highest_aum_in_the_window():
    rules = TierRules()
    assert rules.held_tier(max(60_000_000, 4_000_000)) == "白金"
    assert rules.window_start(date(2026, 12, 2)) == date(2026, 9, 2)


def test_months_before_keeps_the_day_or_takes_the_months_last():
    assert months_before(date(2026, 5, 31), 3) == date(2026, 2, 28)
    assert months_before(date(2026, 1, 15), 1) == date(2025, 12, 15)
    assert months_before(date(2026, 3, 1), 0) == date(2026, 3, 1)


def test_rfm_bands():
    assert [recency_score(d) for d in (0, 30, 31, 90, 180, 365, 366, None)] == [
        5,
        5,
        4,
        4,
        3,
        2,
        1,
        1,
    ]
    assert [frequency_score(n) for n in (0, 1, 2, 3, 4, 7, 8, 50)] == [1, 2, 3, 3, 4, 4, 5, 5]
    assert [monetary_score(t) for t in ("普通", "金卡", "白金", "钻石", "私人银行", None)] == [
        1,
        2,
        3,
        4,
        5,
        1,
    ]


def test_next_tier_gap_when_near_and_not_already_held():
    rules = TierRules()
    gap = next_tier_gap(4_600_000, "普通", rules, 90)
    assert (gap.tier, gap.gap_cents) == ("金卡", 400_000)
    assert next_tier_gap(4_400_000, "普通", rules, 90) is None  # 88 %
    assert next_tier_gap(4_600_000, "金卡", rules, 90) is None  # held already (downgrade delay)
    assert next_tier_gap(700_000_000, "私人银行", rules, 90) is None  # top tier
    assert near_floor_cents(5_000_000, 90) == 4_500_000


def test_maturity_offers():
    assert maturity_offer("time_deposit", {"current"}) == "wealth_for_maturity"
    assert maturity_offer("large_cd", {"fund"}) is None
    assert maturity_offer("installment_savings", set()) == "insurance_for_installment"
    assert maturity_offer("installment_savings", {"insurance"}) is None
    assert maturity_offer("wealth", set()) is None
