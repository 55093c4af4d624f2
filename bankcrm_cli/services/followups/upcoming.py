"""The follow-ups falling due over the next days, grouped by due date."""

from __future__ import annotations

from collections.abc import Collection
from datetime import date, timedelta
from typing import TYPE_CHECKING

from bankcrm_cli.domain.dates import check_window
from bankcrm_cli.domain.followups import FollowupRules
from bankcrm_cli.memory import cycle_collector_paused
from bankcrm_cli.services.followups.items import FollowupItem
from bankcrm_cli.services.followups.today import ALL_KINDS, followups_on, hide_phones

if TYPE_CHECKING:
    from sqlalchemy import Engine

    from bankcrm_cli.domain.calendar import YearDays


def upcoming(
    engine: Engine,
    start: date,
    days: int,
    rules: FollowupRules,
    year_days: YearDays | None = None,
    *,
    rm_code: str | None = None,
    branch: str | None = None,
    kinds: Collection[str] = ALL_KINDS,
    mask_phones: bool = False,
) -> dict[date, list[FollowupItem]]:
    """Follow-ups falling due in the `days` days from `start`, grouped by due date.

    Phones are masked once, on the items kept: each day's run finds most of the next day's
    items again (a maturity shows for a week), and ten days of a whole bank are 100,000 items
    for some 35,000 kept.
    """
    end = check_window(start, days, "--days")
    seen: dict[str, FollowupItem] = {}
    day = start
    with cycle_collector_paused():  # each day's run makes thousands of objects, none in a cycle
        while day <= end:
            found = followups_on(
                engine,
                day,
                rules,
                rm_code=rm_code,
                branch=branch,
                kinds=kinds,
                year_days=year_days,
            )
            for item in found.items:
                if start <= item.due_date <= end:
                    seen.setdefault(item.id, item)
            day += timedelta(days=1)
        if mask_phones:
            hide_phones(seen.values())
    grouped: dict[date, list[FollowupItem]] = {}
    for item in sorted(seen.values(), key=lambda i: (i.due_date, i.kind, i.customer_id)):
        grouped.setdefault(item.due_date, []).append(item)
    return grouped
