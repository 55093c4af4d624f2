"""The days crm can reason about, and the bounds of the numbers its options take.

A day given to crm (a run's `--date`, a `--since`, a call-back's `--next`, a complaint's
`--received`, the date in a follow-up id) must fall where every calendar behind the rules
answers correctly:

- `holidays`' China calendar (working days, 调休 make-up weekends) starts in 1950: before
  that it knows no holiday at all, and every weekday would be a working day;
- lunardate's table (lunar birthdays) runs from 1900-01-31 to 2100-02-08, and beyond it
  lunardate returns wrong dates instead of failing (domain/birthdays.py);
- a run covers the days off after its day and a window may reach a year ahead, so the last
  supported day keeps a margin before the lunar table ends: whole years, 1950 to 2099.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

from bankcrm_cli.domain.catalogue import t
from bankcrm_cli.domain.errors import UsageError

FIRST_DAY = date(1950, 1, 1)
LAST_DAY = date(2099, 12, 31)
SUPPORTED_RANGE = f"{FIRST_DAY.isoformat()} to {LAST_DAY.isoformat()}"

# The longest window of days looked at ahead (`followups upcoming --days`,
# `complaints list --due-within`): a year, leap day included.
LONGEST_WINDOW_DAYS = 366
# Counts and row numbers are the store's 64-bit integers.
LARGEST_NUMBER = 2**63 - 1


def check_day(day: date, what: str) -> date:
    """`day` when it is in the supported range; UsageError naming `what` and the range."""
    if not FIRST_DAY <= (day.date() if isinstance(day, datetime) else day) <= LAST_DAY:
        raise UsageError(t("err.out_of_range", what=what, day=day.isoformat(), range=_range()))
    return day


def check_window(first: date, days: int, what: str) -> date:
    """The last day of the `days` days from `first`, when the whole window is supported."""
    if not 1 <= days <= LONGEST_WINDOW_DAYS:
        raise UsageError(t("err.days", what=what, most=LONGEST_WINDOW_DAYS))
    check_day(first, what)
    last = first + timedelta(days=days - 1)
    if last > LAST_DAY:
        raise UsageError(
            t(
                "err.days_past",
                what=what,
                days=days,
                first=first.isoformat(),
                last=LAST_DAY.isoformat(),
                range=_range(),
            )
        )
    return last


def _range() -> str:
    """The supported dates, in the language in use."""
    return t("err.range", first=FIRST_DAY.isoformat(), last=LAST_DAY.isoformat())
