"""The supported dates: where every calendar behind the rules answers correctly."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from bankcrm_cli.domain.birthdays import LUNAR_FIRST_DAY, LUNAR_LAST_DAY
from bankcrm_cli.domain.calendar import BusinessCalendar
from bankcrm_cli.domain.dates import (
    FIRST_DAY,
    LAST_DAY,
    LONGEST_WINDOW_DAYS,
    check_day,
    check_window,
)
from bankcrm_cli.domain.errors import UsageError

# These tests read the words of messages: in English.
pytestmark = pytest.mark.usefixtures("english")


def test_the_range_starts_with_chinas_holiday_calendar_and_ends_inside_the_lunar_table():
    from holidays.countries.china import China

    assert date(China.start_year, 1, 1) == FIRST_DAY
    assert LUNAR_FIRST_DAY < FIRST_DAY and LAST_DAY < LUNAR_LAST_DAY
    # The last day's run covers the New Year holiday after it: still inside the lunar table.
    assert BusinessCalendar().covered_days(LAST_DAY)[-1] < LUNAR_LAST_DAY


@pytest.mark.parametrize("day", [FIRST_DAY, date(2026, 12, 4), LAST_DAY])
def test_days_in_the_range_are_taken(day):
    assert check_day(day, "--date") == day


@pytest.mark.parametrize(
    "day", [date(1, 1, 1), date(1900, 1, 1), FIRST_DAY - timedelta(1), date(2100, 2, 28)]
)
def test_days_outside_are_refused_naming_the_option_and_the_range(day):
    with pytest.raises(UsageError, match=r"^--date .* outside the supported dates, 1950-01-01 to"):
        check_day(day, "--date")


def test_a_window_ends_on_its_last_day_and_may_not_run_past_the_range():
    assert check_window(date(2026, 12, 4), 7, "--days") == date(2026, 12, 10)
    assert check_window(LAST_DAY - timedelta(1), 2, "--days") == LAST_DAY
    with pytest.raises(UsageError, match="run past 2099-12-31"):
        check_window(LAST_DAY - timedelta(1), 3, "--days")


@pytest.mark.parametrize("days", [0, -1, LONGEST_WINDOW_DAYS + 1, 10**20])
def test_a_window_is_one_day_to_a_year(days):
    with pytest.raises(UsageError, match="between 1 and 366 days"):
        check_window(date(2026, 12, 4), days, "--days")
