"""Business days in mainland China and the days a follow-up run on a given date covers."""

from __future__ import annotations

import importlib.util
import sys
from collections.abc import Callable
from dataclasses import dataclass
from datetime import MAXYEAR, MINYEAR, date, timedelta
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from holidays import HolidayBase

_ONE_DAY = timedelta(days=1)


@lru_cache(maxsize=1)
def _china_class() -> type[HolidayBase]:
    """`holidays`' China calendar class, its module loaded on its own: importing it through the
    package first imports all 250 countries, which takes longer than the rest of a run."""
    import holidays

    name = "holidays.countries.china"
    if name not in sys.modules:
        path = Path(holidays.__file__).parent / "countries" / "china.py"
        spec = importlib.util.spec_from_file_location(name, path)
        if spec is None or spec.loader is None or not path.is_file():
            return holidays.China  # another layout: the package's own way
        module = importlib.util.module_from_spec(spec)
        sys.modules[name] = module
        try:
            spec.loader.exec_module(module)
        except Exception:
            del sys.modules[name]
            return holidays.China
    return sys.modules[name].China


@lru_cache(maxsize=64)
def _china_holidays(year: int) -> HolidayBase:
    """The `holidays` China calendar able to judge every day of `year`."""
    # A notice's make-up working weekends are registered when the holiday's year is populated,
    # and one may fall in the year before (2001-12-29 worked for 2002's New Year), so the
    # neighbouring years are loaded as well. expand=False keeps the cached object unchanged.
    first, last = max(year - 1, MINYEAR), min(year + 1, MAXYEAR)
    return _china_class()(years=range(first, last + 1), expand=False)


@lru_cache(maxsize=64)
def china_working_days(year: int) -> str:
    """Each day of `year` in order, "1" if banks work that day and "0" if not, as `holidays`'
    China calendar has it (make-up working weekends included)."""
    calendar = _china_holidays(year)
    day, flags = date(year, 1, 1), []
    while day.year == year:
        flags.append("1" if calendar.is_working_day(day) else "0")
        if day == date(MAXYEAR, 12, 31):
            break
        day += _ONE_DAY
    return "".join(flags)


# Where a calendar learns a year's working days: `china_working_days`, or a cache of its answers
# (io/working_days.py: the `holidays` package takes longer to import than a day's follow-ups).
YearDays = Callable[[int], str]


@dataclass(frozen=True)
class BusinessCalendar:
    """China's working days (调休 make-up weekends included) and the pull-forward rule."""

    pull_forward: bool = True
    year_days: YearDays = china_working_days

    def is_working_day(self, d: date) -> bool:
        """Whether banks work on `d`: a weekday that is no holiday, or a make-up working weekend."""
        return self.year_days(d.year)[d.toordinal() - date(d.year, 1, 1).toordinal()] == "1"

    def covered_days(self, d: date) -> list[date]:
        """The days a run on `d` shows: `d`, and on a working day the days off that follow it."""
        # Nobody works through a weekend or a holiday, so a working day's run takes on the days
        # off that follow it; a run on a day off (someone working anyway) shows that day only.
        if not self.pull_forward or not self.is_working_day(d):
            return [d]
        days = [d]
        following = d + _ONE_DAY
        while not self.is_working_day(following):
            days.append(following)
            following += _ONE_DAY
        return days

    def next_working_day(self, d: date) -> date:
        """The first working day after `d` (where a snoozed follow-up returns by default)."""
        following = d + _ONE_DAY
        while not self.is_working_day(following):
            following += _ONE_DAY
        return following
