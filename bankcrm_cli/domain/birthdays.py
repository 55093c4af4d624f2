"""Birthday occurrences, Gregorian and lunar, and the month-day keys a store indexes them by."""

from __future__ import annotations

from bisect import bisect_right
from calendar import isleap
from collections.abc import Callable, Sequence
from datetime import date
from functools import lru_cache

FEB29_MODES = ("feb28", "mar1")

# The span of lunardate's table: lunar 1900-01-01 to the last day of lunar 2099. Outside it
# lunardate does not raise but returns wrong dates, so the range is checked here.
LUNAR_FIRST_DAY = date(1900, 1, 31)
LUNAR_LAST_DAY = date(2100, 2, 8)
LUNAR_FIRST_YEAR = 1900
LUNAR_LAST_YEAR = 2099


def _check_feb29_mode(feb29: str) -> None:
    if feb29 not in FEB29_MODES:
        raise ValueError(f"feb29 must be one of {', '.join(FEB29_MODES)}, not {feb29!r}")


def gregorian_birthday(birth: date, year: int, feb29: str = "feb28") -> date:
    """The anniversary of `birth` in `year`; a 29 February birth falls on 28 Feb (or 1 Mar)."""
    _check_feb29_mode(feb29)
    if birth.month == 2 and birth.day == 29 and not isleap(year):
        return date(year, 3, 1) if feb29 == "mar1" else date(year, 2, 28)
    return birth.replace(year=year)


@lru_cache(maxsize=8192)
def _lunar(d: date) -> tuple[int, int, int, bool]:
    """The lunar (year, month, day, is_leap_month) of a Gregorian date."""
    if not LUNAR_FIRST_DAY <= d <= LUNAR_LAST_DAY:
        raise ValueError(
            f"{d.isoformat()} is outside the lunar calendar's range "
            f"({LUNAR_FIRST_DAY.isoformat()} to {LUNAR_LAST_DAY.isoformat()})"
        )
    from lunardate import LunarDate

    lunar = LunarDate.from_solar_date(d.year, d.month, d.day)
    return lunar.year, lunar.month, lunar.day, lunar.is_leap_month


@lru_cache(maxsize=4096)
def _lunar_month_length(lunar_year: int, month: int) -> int:
    """How many days (29 or 30) the regular `month` of `lunar_year` has."""
    from lunardate import LunarDate

    try:
        LunarDate(lunar_year, month, 30).to_solar_date()
    except ValueError:
        return 29
    return 30


def _check_lunar_year(lunar_year: int) -> None:
    if not LUNAR_FIRST_YEAR <= lunar_year <= LUNAR_LAST_YEAR:
        raise ValueError(
            f"lunar year {lunar_year} is outside the lunar calendar's range "
            f"({LUNAR_FIRST_YEAR} to {LUNAR_LAST_YEAR})"
        )


@lru_cache(maxsize=65536)
def lunar_mmdd(birth: date) -> int:
    """The key stored per lunar-birthday customer: lunar month * 100 + day, leap as regular."""
    _, month, day, _ = _lunar(birth)
    return month * 100 + day


_LUNAR_TABLE_PAYS_OFF = 2000
_lunar_dates_asked = 0


@lru_cache(maxsize=1)
def _lunar_month_starts() -> tuple[list[int], list[int]]:
    """The first day (as an ordinal) of every lunar month in lunardate's span, and its month
    number (a leap month under its regular number)."""
    from lunardate import LunarDate

    starts: list[int] = []
    months: list[int] = []
    for year in range(LUNAR_FIRST_YEAR, LUNAR_LAST_YEAR + 1):
        leap = LunarDate.leap_month_for_year(year)
        for month in range(1, 13):
            for is_leap in (False, True) if month == leap else (False,):
                starts.append(LunarDate(year, month, 1, is_leap).to_solar_date().toordinal())
                months.append(month)
    return starts, months


def lunar_mmdd_lookup(dates: int) -> Callable[[date], int]:
    """`lunar_mmdd` for about `dates` more dates in the lunar calendar's range. Once a process
    has asked for many, a search in a table of the lunar months, built for the cost of about
    2,000 conversions."""
    global _lunar_dates_asked
    _lunar_dates_asked += dates
    if _lunar_dates_asked < _LUNAR_TABLE_PAYS_OFF:
        return lunar_mmdd
    starts, months = _lunar_month_starts()

    def key(birth: date) -> int:
        day = birth.toordinal()
        i = bisect_right(starts, day) - 1
        return months[i] * 100 + day - starts[i] + 1

    return key


@lru_cache(maxsize=8192)
def _lunar_occurrence(month: int, day: int, lunar_year: int) -> date:
    """The Gregorian date of lunar `month`/`day` in `lunar_year`, day 30 kept to a short month."""
    from lunardate import LunarDate

    if day == 30 and _lunar_month_length(lunar_year, month) == 29:
        day = 29
    return LunarDate(lunar_year, month, day).to_solar_date()


def lunar_birthday(birth: date, lunar_year: int) -> date:
    """The Gregorian date of the lunar anniversary of `birth` in `lunar_year`."""
    _check_lunar_year(lunar_year)
    # A leap-month birth celebrates in the regular month of the same number, which every year
    # has; _lunar drops the leap flag by keeping only month and day.
    _, month, day, _ = _lunar(birth)
    return _lunar_occurrence(month, day, lunar_year)


def birthday_on(
    birth: date, lunar: bool, days: Sequence[date], feb29: str = "feb28"
) -> date | None:
    """The occurrence of the birthday that falls on one of `days`, or None."""
    _check_feb29_mode(feb29)
    for day in days:
        if lunar:
            # A day in January or February may still belong to the previous lunar year.
            occurrence = lunar_birthday(birth, _lunar(day)[0])
        else:
            occurrence = gregorian_birthday(birth, day.year, feb29)
        if occurrence == day:
            return occurrence
    return None


def gregorian_days_by_key(days: Sequence[date], feb29: str = "feb28") -> dict[int, date]:
    """For each Gregorian MMDD key whose birthday falls on one of `days`, the day it falls on:
    the same answer as `birthday_on` for every birth date with that key, looked up at once."""
    _check_feb29_mode(feb29)
    by_key: dict[int, date] = {}
    for day in days:
        # A birthday falls on its own month-day, or (29 February) on a stand-in day.
        for month, dom in {(day.month, day.day), (2, 29)}:
            if gregorian_birthday(date(2000, month, dom), day.year, feb29) == day:
                by_key.setdefault(month * 100 + dom, day)
    return by_key


def gregorian_keys(days: Sequence[date], feb29: str = "feb28") -> set[int]:
    """The Gregorian MMDD keys of the birthdays that fall on `days`."""
    _check_feb29_mode(feb29)
    stand_in = (2, 28) if feb29 == "feb28" else (3, 1)
    keys: set[int] = set()
    for day in days:
        keys.add(day.month * 100 + day.day)
        if not isleap(day.year) and (day.month, day.day) == stand_in:
            keys.add(229)
    return keys


def lunar_keys(days: Sequence[date]) -> set[int]:
    """The lunar MMDD keys of the lunar birthdays that fall on `days`."""
    keys: set[int] = set()
    for day in days:
        year, month, lunar_day, leap = _lunar(day)
        if leap:
            # Leap-month births celebrate in the regular month, so no birthday lands here.
            continue
        keys.add(month * 100 + lunar_day)
        if lunar_day == 29 and _lunar_month_length(year, month) == 29:
            keys.add(month * 100 + 30)
    return keys
