from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bankcrm_cli.domain.calendar import BusinessCalendar, china_working_days

CAL = BusinessCalendar()
NO_PULL = BusinessCalendar(pull_forward=False)


def days_between(first: date, last: date) -> list[date]:
    return [first + timedelta(n) for n in range((last - first).days + 1)]


# --- working days ------------------------------------------------------------------------------


def test_make_up_saturday_2026_02_28_is_a_working_day():
    assert CAL.is_working_day(date(2026, 2, 28))


def test_sunday_2026_03_01_after_the_make_up_saturday_is_a_day_off():
    assert not CAL.is_working_day(date(2026, 3, 1))


def test_spring_festival_2026_runs_from_feb_15_to_feb_23_with_make_up_saturday_feb_14():
    assert CAL.is_working_day(date(2026, 2, 13))
    assert CAL.is_working_day(date(2026, 2, 14))  # Saturday, worked for the holiday
    assert not any(
        CAL.is_working_day(d) for d in days_between(date(2026, 2, 15), date(2026, 2, 23))
    )
    assert CAL.is_working_day(date(2026, 2, 24))


def test_national_day_2026_is_off_from_oct_1_to_oct_7():
    assert CAL.is_working_day(date(2026, 9, 30))
    assert not any(
        CAL.is_working_day(d) for d in days_between(date(2026, 10, 1), date(2026, 10, 7))
    )
    assert CAL.is_working_day(date(2026, 10, 8))
    assert CAL.is_working_day(date(2026, 10, 10))  # Saturday, worked for the holiday


def test_ordinary_weekend_is_off_and_weekdays_work():
    assert [CAL.is_working_day(d) for d in days_between(date(2026, 3, 2), date(2026, 3, 8))] == [
        True,
        True,
        True,
        True,
        True,
        False,
        False,
    ]


def test_make_up_working_day_in_december_for_next_years_new_year():
    # The 2002 notice moved work to Sat/Sun 29-30 Dec 2001 for a New Year's holiday of 1-3 Jan.
    assert CAL.is_working_day(date(2001, 12, 29))
    assert CAL.is_working_day(date(2001, 12, 30))
    assert not CAL.is_working_day(date(2002, 1, 3))


@pytest.mark.parametrize("year", [2031, 2040])
def test_year_without_official_notice_falls_back_to_rules_without_crashing(year):
    days = days_between(date(year, 1, 1), date(year, 12, 31))
    working = {d for d in days if CAL.is_working_day(d)}
    assert date(year, 1, 1) not in working
    assert date(year, 10, 1) not in working
    # No notice, so no make-up working weekends: every Saturday and Sunday is off.
    assert all(d.weekday() < 5 for d in working)
    assert 230 < len(working) < 255
    assert all(CAL.covered_days(d)[0] == d for d in working)


def test_year_beyond_the_holiday_data_still_has_weekends_off():
    assert not CAL.is_working_day(date(2150, 6, 6))  # Saturday
    assert CAL.is_working_day(date(2150, 6, 8))  # Monday


# --- covered days (pull-forward) ---------------------------------------------------------------


def test_friday_before_a_weekend_covers_saturday_and_sunday():
    assert CAL.covered_days(date(2026, 3, 6)) == [
        date(2026, 3, 6),
        date(2026, 3, 7),
        date(2026, 3, 8),
    ]


def test_midweek_working_day_covers_itself_only():
    assert CAL.covered_days(date(2026, 3, 4)) == [date(2026, 3, 4)]


def test_make_up_saturday_2026_02_28_covers_itself_and_sunday_mar_1():
    assert CAL.covered_days(date(2026, 2, 28)) == [date(2026, 2, 28), date(2026, 3, 1)]


def test_friday_before_make_up_saturday_covers_itself_only():
    assert CAL.covered_days(date(2026, 2, 27)) == [date(2026, 2, 27)]
    assert CAL.covered_days(date(2026, 2, 13)) == [date(2026, 2, 13)]


def test_make_up_saturday_2026_02_14_covers_the_spring_festival_through_feb_23():
    assert CAL.covered_days(date(2026, 2, 14)) == days_between(date(2026, 2, 14), date(2026, 2, 23))


def test_run_on_2026_09_30_covers_national_day_through_oct_7():
    assert CAL.covered_days(date(2026, 9, 30)) == days_between(date(2026, 9, 30), date(2026, 10, 7))


def test_year_wrap_run_on_thursday_2026_12_31_covers_new_year_through_sunday():
    assert CAL.covered_days(date(2026, 12, 31)) == days_between(
        date(2026, 12, 31), date(2027, 1, 3)
    )


def test_run_on_a_day_off_covers_that_day_only():
    assert CAL.covered_days(date(2026, 3, 7)) == [date(2026, 3, 7)]
    assert CAL.covered_days(date(2026, 10, 3)) == [date(2026, 10, 3)]


def test_without_pull_forward_every_run_covers_its_own_day_only():
    assert NO_PULL.covered_days(date(2026, 3, 6)) == [date(2026, 3, 6)]
    assert NO_PULL.covered_days(date(2026, 9, 30)) == [date(2026, 9, 30)]


@settings(max_examples=60, deadline=None)
@given(start=st.dates(min_value=date(2001, 1, 1), max_value=date(2045, 12, 31)))
def test_daily_working_day_runs_cover_every_day_exactly_once(start):
    first_run = start
    while not CAL.is_working_day(first_run):
        first_run += timedelta(1)
    covered: list[date] = []
    for day in days_between(first_run, first_run + timedelta(59)):
        if CAL.is_working_day(day):
            covered.extend(CAL.covered_days(day))
    assert covered == days_between(first_run, covered[-1])


# --- a year's working days as one line ----------------------------------------------------------


@pytest.mark.parametrize("year", range(2001, 2031))
def test_working_days_line_agrees_with_the_holidays_package_on_every_day(year):
    import holidays

    package = holidays.China(years=range(year - 1, year + 2))
    line = china_working_days(year)
    days = days_between(date(year, 1, 1), date(year, 12, 31))
    assert len(line) == len(days)
    assert [flag == "1" for flag in line] == [package.is_working_day(d) for d in days]


def test_calendar_asks_its_source_for_the_year_of_each_day():
    asked = []

    def every_day_off_but_the_first_of_each_month(year: int) -> str:
        asked.append(year)
        return "".join(
            "1" if d.day == 1 else "0" for d in days_between(date(year, 1, 1), date(year, 12, 31))
        )

    calendar = BusinessCalendar(year_days=every_day_off_but_the_first_of_each_month)
    assert calendar.covered_days(date(2026, 12, 1)) == days_between(
        date(2026, 12, 1), date(2026, 12, 31)
    )
    assert calendar.is_working_day(date(2027, 1, 1))
    assert set(asked) == {2026, 2027}
