from __future__ import annotations

from datetime import date, timedelta
from functools import cache

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from lunardate import LunarDate

from bankcrm_cli.domain.birthdays import (
    FEB29_MODES,
    LUNAR_FIRST_DAY,
    LUNAR_LAST_DAY,
    LUNAR_LAST_YEAR,
    birthday_on,
    gregorian_birthday,
    gregorian_days_by_key,
    gregorian_keys,
    lunar_birthday,
    lunar_keys,
    lunar_mmdd,
    lunar_mmdd_lookup,
)
from bankcrm_cli.domain.calendar import BusinessCalendar

CAL = BusinessCalendar()


def stored_mmdd(birth: date) -> int:
    """The key the store keeps per Gregorian-birthday customer (made at import)."""
    return birth.month * 100 + birth.day


LEAP_DAY_BIRTH = date(1988, 2, 29)
# Born in the leap 4th month of 2020 (闰四月初十).
LEAP_MONTH_BIRTH = date(2020, 6, 1)
# Born on 除夕 1990, lunar 12/30; the 12th month of lunar 2024 and 2025 has 29 days.
DAY30_BIRTH = date(1991, 2, 14)
# Lunar 2020 2/30; the 2nd month of lunar 2026 has 29 days.
DAY30_SECOND_MONTH_BIRTH = date(2020, 3, 23)


def days_between(first: date, last: date) -> list[date]:
    return [first + timedelta(n) for n in range((last - first).days + 1)]


# --- Gregorian birthdays -----------------------------------------------------------------------


def test_feb29_birthday_falls_on_feb28_in_common_year():
    assert gregorian_birthday(LEAP_DAY_BIRTH, 2026) == date(2026, 2, 28)


def test_feb29_birthday_falls_on_mar1_in_common_year_in_mar1_mode():
    assert gregorian_birthday(LEAP_DAY_BIRTH, 2026, feb29="mar1") == date(2026, 3, 1)


@pytest.mark.parametrize("mode", FEB29_MODES)
def test_feb29_birthday_falls_on_feb29_in_leap_year(mode):
    assert gregorian_birthday(LEAP_DAY_BIRTH, 2028, feb29=mode) == date(2028, 2, 29)


@pytest.mark.parametrize("mode", FEB29_MODES)
def test_feb28_birthday_stays_on_feb28_in_leap_year(mode):
    assert gregorian_birthday(date(1990, 2, 28), 2028, feb29=mode) == date(2028, 2, 28)


def test_unknown_feb29_mode_is_rejected():
    with pytest.raises(ValueError, match="feb28, mar1"):
        gregorian_birthday(LEAP_DAY_BIRTH, 2026, feb29="feb30")


def test_feb29_birthday_shows_on_make_up_saturday_feb28_2026():
    covered = CAL.covered_days(date(2026, 2, 28))
    assert birthday_on(LEAP_DAY_BIRTH, False, covered) == date(2026, 2, 28)
    assert birthday_on(LEAP_DAY_BIRTH, False, covered, feb29="mar1") == date(2026, 3, 1)
    assert birthday_on(LEAP_DAY_BIRTH, False, CAL.covered_days(date(2026, 2, 27))) is None


def test_feb29_birthday_shows_on_feb29_in_leap_year_not_on_feb28():
    assert birthday_on(LEAP_DAY_BIRTH, False, [date(2028, 2, 28)]) is None
    assert birthday_on(LEAP_DAY_BIRTH, False, [date(2028, 2, 29)]) == date(2028, 2, 29)
    assert birthday_on(LEAP_DAY_BIRTH, False, [date(2028, 3, 1)], feb29="mar1") is None


def test_gregorian_keys_include_feb29_on_feb28_of_common_year():
    assert gregorian_keys([date(2026, 2, 28)]) == {228, 229}
    assert gregorian_keys([date(2026, 3, 1)]) == {301}


def test_gregorian_keys_include_feb29_on_mar1_of_common_year_in_mar1_mode():
    assert gregorian_keys([date(2026, 2, 28)], feb29="mar1") == {228}
    assert gregorian_keys([date(2026, 3, 1)], feb29="mar1") == {301, 229}


@pytest.mark.parametrize("mode", FEB29_MODES)
def test_gregorian_keys_of_leap_year_keep_feb29_to_its_own_day(mode):
    assert gregorian_keys([date(2028, 2, 28)], feb29=mode) == {228}
    assert gregorian_keys([date(2028, 2, 29)], feb29=mode) == {229}
    assert gregorian_keys([date(2028, 3, 1)], feb29=mode) == {301}


def test_gregorian_keys_for_year_wrap_dec31_to_jan3():
    days = days_between(date(2026, 12, 31), date(2027, 1, 3))
    assert gregorian_keys(days) == {1231, 101, 102, 103}


def test_year_wrap_run_on_2026_12_31_shows_new_year_birthdays_with_next_years_date():
    covered = CAL.covered_days(date(2026, 12, 31))
    assert birthday_on(date(1980, 1, 2), False, covered) == date(2027, 1, 2)
    assert birthday_on(date(1980, 12, 31), False, covered) == date(2026, 12, 31)
    assert birthday_on(date(1980, 1, 4), False, covered) is None


def test_friday_run_shows_weekend_birthdays():
    covered = CAL.covered_days(date(2026, 3, 6))
    assert birthday_on(date(1975, 3, 8), False, covered) == date(2026, 3, 8)


# --- lunar birthdays ---------------------------------------------------------------------------


def test_lunar_birthday_is_the_same_lunar_month_and_day():
    birth = date(1985, 3, 7)  # lunar 1985 1/16
    assert lunar_mmdd(birth) == 116
    assert lunar_birthday(birth, 2026) == LunarDate(2026, 1, 16).to_solar_date()


def test_lunar_key_table_for_many_dates_agrees_with_the_conversion_across_the_range():
    key = lunar_mmdd_lookup(10**6)
    edges = [LUNAR_FIRST_DAY, LUNAR_LAST_DAY, LEAP_MONTH_BIRTH, DAY30_BIRTH, date(2020, 5, 23)]
    # Every 11th day meets every day of the lunar month over the span (11 and 29/30 are coprime).
    for day in [*edges, *days_between(LUNAR_FIRST_DAY, LUNAR_LAST_DAY)[::11]]:
        assert key(day) == lunar_mmdd(day), day


def test_lunar_leap_month_birth_celebrates_in_the_regular_month():
    assert lunar_mmdd(LEAP_MONTH_BIRTH) == 410
    assert lunar_birthday(LEAP_MONTH_BIRTH, 2021) == date(2021, 5, 21)
    # 2020 itself has both a regular and a leap 4th month: the regular one counts.
    assert lunar_birthday(LEAP_MONTH_BIRTH, 2020) == date(2020, 5, 2)


def test_lunar_keys_skip_days_of_a_leap_month():
    assert LunarDate.from_solar_date(2025, 8, 1).is_leap_month
    assert lunar_keys([date(2025, 8, 1)]) == set()


def test_lunar_day30_birth_falls_on_day29_when_the_month_is_short():
    assert lunar_mmdd(DAY30_BIRTH) == 1230
    assert lunar_birthday(DAY30_BIRTH, 2024) == date(2025, 1, 28)  # lunar 2024 12/29
    assert lunar_birthday(DAY30_BIRTH, 2023) == date(2024, 2, 9)  # lunar 2023 12/30
    assert lunar_birthday(DAY30_SECOND_MONTH_BIRTH, 2026) == date(2026, 4, 16)


def test_lunar_birthday_in_january_belongs_to_the_previous_lunar_year():
    assert birthday_on(DAY30_BIRTH, True, [date(2025, 1, 28)]) == date(2025, 1, 28)


def test_lunar_new_years_eve_birthday_shows_on_the_run_before_spring_festival_2026():
    # 2026-02-16 is lunar 2025 12/29 (a 29-day month) and a holiday; Sat 02-14 is worked.
    covered = CAL.covered_days(date(2026, 2, 14))
    assert birthday_on(DAY30_BIRTH, True, covered) == date(2026, 2, 16)
    assert 1230 in lunar_keys(covered)


def test_lunar_keys_include_day30_on_day29_of_a_short_month():
    assert lunar_keys([date(2025, 1, 28)]) == {1229, 1230}


def test_lunar_keys_have_no_day30_alias_in_a_long_month():
    assert lunar_keys([date(2024, 2, 8)]) == {1229}  # lunar 2023 12/29 of a 30-day month


def test_lunar_birthday_outside_lunardate_range_is_rejected():
    with pytest.raises(ValueError, match="range"):
        lunar_mmdd(date(1900, 1, 30))
    with pytest.raises(ValueError, match="range"):
        lunar_birthday(date(1985, 3, 7), 2100)
    with pytest.raises(ValueError, match="range"):
        lunar_keys([LUNAR_LAST_DAY + timedelta(1)])


def test_lunar_range_end_is_the_last_day_of_lunardates_table():
    last_month_days = 30 if lunar_keys([LUNAR_LAST_DAY]) == {1230} else 29
    assert LunarDate(LUNAR_LAST_YEAR, 12, last_month_days).to_solar_date() == LUNAR_LAST_DAY
    assert LunarDate(LUNAR_LAST_YEAR + 1, 1, 1).year == 2100
    with pytest.raises(ValueError):
        LunarDate(LUNAR_LAST_YEAR + 1, 1, 1).to_solar_date()


def test_unknown_feb29_mode_is_rejected_by_birthday_on():
    with pytest.raises(ValueError):
        birthday_on(LEAP_DAY_BIRTH, False, [date(2026, 2, 28)], feb29="march")


# --- properties --------------------------------------------------------------------------------


@cache
def runs_between(first: date, last: date) -> tuple[tuple[date, ...], ...]:
    """What each daily run on the working days from first to last covers."""
    return tuple(
        tuple(CAL.covered_days(d)) for d in days_between(first, last) if CAL.is_working_day(d)
    )


@cache
def lunar_year_span(lunar_year: int) -> tuple[date, date]:
    first = LunarDate(lunar_year, 1, 1).to_solar_date()
    return first, LunarDate(lunar_year + 1, 1, 1).to_solar_date() - timedelta(1)


def _month_lengths(year: int) -> dict[tuple[int, bool], int]:
    """The length of each (month, is_leap) of a lunar year."""
    lengths = {}
    for month in range(1, 13):
        for leap in (False, True):
            for length in (30, 29):
                try:
                    LunarDate(year, month, length, leap).to_solar_date()
                except ValueError:
                    continue
                lengths[month, leap] = length
                break
    return lengths


_BIRTH_YEARS = range(1901, 2031)
_LUNAR_MONTH_LENGTHS = {year: _month_lengths(year) for year in _BIRTH_YEARS}


@st.composite
def lunar_births(draw: st.DrawFn, month: int | None = None, day: int | None = None) -> date:
    """Births on a given lunar month/day (or any), often in a leap month or on day 30."""
    month = draw(st.integers(1, 12)) if month is None else month
    day = draw(st.integers(1, 30)) if day is None else day
    if day >= 28 and draw(st.booleans()):
        day = 30
    leap = draw(st.booleans())
    years = [y for y in _BIRTH_YEARS if _LUNAR_MONTH_LENGTHS[y].get((month, leap), 0) >= day]
    if not years:  # no leap month of that number has 30 days in the range: take the regular one
        leap = False
        years = [y for y in _BIRTH_YEARS if _LUNAR_MONTH_LENGTHS[y][month, False] >= day]
    return LunarDate(draw(st.sampled_from(years)), month, day, leap).to_solar_date()


gregorian_births = st.one_of(
    st.dates(min_value=date(1920, 1, 1), max_value=date(2025, 12, 31)),
    st.sampled_from([LEAP_DAY_BIRTH, date(1996, 2, 29), date(1990, 2, 28), date(1990, 3, 1)]),
    st.sampled_from([date(1980, 12, 31), date(1980, 1, 1), date(1980, 1, 2)]),
)


@settings(max_examples=150, deadline=None)
@given(
    birth=gregorian_births,
    year=st.integers(min_value=2001, max_value=2040),
    feb29=st.sampled_from(FEB29_MODES),
)
def test_gregorian_birthday_shows_on_exactly_one_day_a_year_under_daily_runs(birth, year, feb29):
    runs = runs_between(date(year - 1, 12, 1), date(year, 12, 31))
    shown = [birthday_on(birth, False, covered, feb29) for covered in runs]
    in_year = [d for d in shown if d is not None and d.year == year]
    assert in_year == [gregorian_birthday(birth, year, feb29)]


@settings(max_examples=150, deadline=None)
@given(birth=lunar_births(), lunar_year=st.integers(min_value=1950, max_value=2098))
def test_lunar_birthday_shows_exactly_once_per_lunar_year_under_daily_runs(birth, lunar_year):
    first, last = lunar_year_span(lunar_year)
    runs = runs_between(first - timedelta(30), last)
    shown = [birthday_on(birth, True, covered) for covered in runs]
    in_year = [d for d in shown if d is not None and first <= d <= last]
    assert in_year == [lunar_birthday(birth, lunar_year)]


window_starts = st.dates(min_value=date(1990, 1, 1), max_value=date(2098, 12, 1))


@st.composite
def window_and_gregorian_birth(draw: st.DrawFn) -> tuple[list[date], date]:
    """A run's days (often around the end of February) and a birth that may fall on them."""
    start = draw(
        st.one_of(
            window_starts,
            st.builds(
                lambda y, n: date(y, 2, 24) + timedelta(n),
                st.integers(1990, 2098),
                st.integers(0, 6),
            ),
        )
    )
    days = days_between(start, start + timedelta(draw(st.integers(0, 11))))
    near = start + timedelta(draw(st.integers(-2, len(days) + 1)))
    birth_year = draw(st.integers(1920, 2025))
    try:
        near_birth = near.replace(year=birth_year)
    except ValueError:
        near_birth = LEAP_DAY_BIRTH
    leap_day_birth = st.builds(lambda y: date(y, 2, 29), st.sampled_from(range(1920, 2025, 4)))
    return days, draw(st.one_of(st.just(near_birth), leap_day_birth, gregorian_births))


@st.composite
def window_and_lunar_birth(draw: st.DrawFn) -> tuple[list[date], date]:
    """A run's days (often at a lunar month's end) and a birth that may fall on them."""
    month_end = st.builds(
        lambda y, m, d: LunarDate(y, m, d).to_solar_date(),
        st.integers(1990, 2098),
        st.integers(1, 12),
        st.one_of(st.just(29), st.integers(25, 29)),
    )
    start = draw(st.one_of(window_starts, month_end))
    days = days_between(start, start + timedelta(draw(st.integers(0, 11))))
    near_day = draw(
        st.one_of(
            st.just(start),
            st.sampled_from(days_between(start - timedelta(2), days[-1] + timedelta(2))),
        )
    )
    near = LunarDate.from_solar_date(near_day.year, near_day.month, near_day.day)
    return days, draw(st.one_of(lunar_births(near.month, near.day), lunar_births()))


@settings(max_examples=300, deadline=None)
@given(case=window_and_gregorian_birth(), feb29=st.sampled_from(FEB29_MODES))
def test_gregorian_keys_select_a_customer_iff_birthday_on_finds_the_birthday(case, feb29):
    days, birth = case
    selected = stored_mmdd(birth) in gregorian_keys(days, feb29)
    assert selected == (birthday_on(birth, False, days, feb29) is not None)


@given(case=window_and_gregorian_birth(), feb29=st.sampled_from(FEB29_MODES))
def test_gregorian_days_by_key_give_the_day_birthday_on_finds(case, feb29):
    days, birth = case
    found = gregorian_days_by_key(days, feb29).get(stored_mmdd(birth))
    assert found == birthday_on(birth, False, days, feb29)


@pytest.mark.parametrize("mode", FEB29_MODES)
def test_gregorian_days_by_key_over_every_key_of_a_friday_run_across_feb(mode):
    # 2027-02-26 is a Friday: the run covers 26, 27, 28 February of a common year.
    days = CAL.covered_days(date(2027, 2, 26))
    by_key = gregorian_days_by_key(days, mode)
    for birth in (date(1988, 1, 1) + timedelta(n) for n in range(366)):
        assert by_key.get(stored_mmdd(birth)) == birthday_on(birth, False, days, mode)


@settings(max_examples=300, deadline=None)
@given(case=window_and_lunar_birth())
def test_lunar_keys_select_a_customer_iff_birthday_on_finds_the_birthday(case):
    days, birth = case
    selected = lunar_mmdd(birth) in lunar_keys(days)
    assert selected == (birthday_on(birth, True, days) is not None)
