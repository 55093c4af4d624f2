from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bankcrm_cli.domain.calendar import BusinessCalendar
from bankcrm_cli.domain.maturities import (
    DEFAULT_LEAD_DAYS,
    lead_for,
    maturity_query_range,
    maturity_shows,
)

CAL = BusinessCalendar()
MATURITY = date(2026, 3, 18)  # a Wednesday


def test_default_lead_is_seven_days():
    assert DEFAULT_LEAD_DAYS == 7


def test_maturity_shows_exactly_lead_days_before():
    assert maturity_shows(MATURITY, [date(2026, 3, 11)], 7)


def test_maturity_hidden_the_day_before_its_lead_window():
    assert not maturity_shows(MATURITY, [date(2026, 3, 10)], 7)


def test_maturity_shows_on_the_maturity_day_itself():
    assert maturity_shows(MATURITY, [MATURITY], 7)


def test_maturity_gone_the_day_after():
    assert not maturity_shows(MATURITY, [date(2026, 3, 19)], 7)


def test_zero_lead_shows_on_the_maturity_day_only():
    assert maturity_shows(MATURITY, [MATURITY], 0)
    assert not maturity_shows(MATURITY, [date(2026, 3, 17)], 0)


def test_maturity_on_a_sunday_shows_on_the_friday_run_covering_it():
    friday = CAL.covered_days(date(2026, 3, 6))
    assert maturity_shows(date(2026, 3, 8), friday, 0)


def test_lead_window_reached_by_the_last_covered_day_of_a_friday_run():
    friday = CAL.covered_days(date(2026, 3, 6))  # covers to Sunday 03-08
    assert maturity_shows(date(2026, 3, 15), friday, 7)
    assert not maturity_shows(date(2026, 3, 16), friday, 7)


def test_maturity_during_national_day_shows_on_the_run_before_it_and_is_gone_after():
    covered = CAL.covered_days(date(2026, 9, 30))
    assert maturity_shows(date(2026, 10, 4), covered, 0)
    assert not maturity_shows(date(2026, 10, 4), CAL.covered_days(date(2026, 10, 8)), 7)


def test_negative_lead_is_rejected():
    with pytest.raises(ValueError, match="lead"):
        maturity_shows(MATURITY, [MATURITY], -1)


def test_query_range_spans_first_covered_day_to_last_plus_the_largest_lead():
    covered = CAL.covered_days(date(2026, 9, 30))
    assert maturity_query_range(covered, 14) == (date(2026, 9, 30), date(2026, 10, 21))


def test_query_range_of_no_days_is_rejected():
    with pytest.raises(ValueError):
        maturity_query_range([], 7)


def test_per_product_lead_overrides_the_default():
    leads = {"large_cd": 14, "time_deposit": 10}
    assert lead_for("large_cd", leads) == 14
    assert lead_for("time_deposit", leads) == 10


def test_product_without_its_own_lead_uses_the_default():
    leads = {"large_cd": 14}
    assert lead_for("fund", leads) == DEFAULT_LEAD_DAYS
    assert lead_for(None, leads) == DEFAULT_LEAD_DAYS
    assert lead_for("fund", leads, default=3) == 3


def test_per_product_leads_decide_which_holdings_in_the_query_range_show():
    leads = {"large_cd": 14}
    covered = CAL.covered_days(date(2026, 3, 4))
    first, last = maturity_query_range(covered, max([DEFAULT_LEAD_DAYS, *leads.values()]))
    assert (first, last) == (date(2026, 3, 4), date(2026, 3, 18))
    holdings = [("large_cd", date(2026, 3, 18)), ("time_deposit", date(2026, 3, 18))]
    shown = [p for p, m in holdings if maturity_shows(m, covered, lead_for(p, leads))]
    assert shown == ["large_cd"]


@settings(max_examples=200, deadline=None)
@given(
    run=st.dates(min_value=date(2020, 1, 1), max_value=date(2030, 12, 31)),
    offset=st.integers(min_value=-20, max_value=40),
    lead=st.integers(min_value=0, max_value=30),
    extra=st.integers(min_value=0, max_value=10),
)
def test_every_holding_that_shows_lies_in_the_query_range(run, offset, lead, extra):
    covered = CAL.covered_days(run)
    maturity = run + timedelta(offset)
    first, last = maturity_query_range(covered, lead + extra)
    if maturity_shows(maturity, covered, lead):
        assert first <= maturity <= last
