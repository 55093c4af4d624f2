"""Today's list: what each RM must do on a day — birthdays, maturities, call-backs asked for
in the contact log, and complaint deadlines — done ones left out, snoozed ones until due."""

from __future__ import annotations

from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import TYPE_CHECKING

from bankcrm_cli.domain.complaints import OPEN_STATUSES
from bankcrm_cli.domain.errors import UsageError
from bankcrm_cli.domain.followups import FollowupId, FollowupKind, FollowupRules
from bankcrm_cli.memory import cycle_collector_paused
from bankcrm_cli.services.followups.items import (
    FollowupItem,
    birthday_items,
    callback_items,
    campaign_items,
    complaint_items,
    in_order,
    maturity_items,
)
from bankcrm_cli.store.queries import followups as queries

if TYPE_CHECKING:
    from sqlalchemy import Connection, Engine

    from bankcrm_cli.domain.calendar import YearDays

# A complaint shows when its deadline is at most this many days after the last covered day.
COMPLAINT_WARNING_DAYS = 2
ALL_KINDS: tuple[FollowupKind, ...] = tuple(FollowupKind)


@dataclass(frozen=True)
class FollowupDay:
    """The follow-ups of one run: the day asked for and the days it covers."""

    date: date
    covers: list[date]
    items: list[FollowupItem]
    # With `keep_done`: the ids of the items among `items` already marked done.
    done: frozenset[str] = frozenset()


@dataclass(frozen=True)
class _Scope:
    """Whose follow-ups a run reads: one RM's, one branch's, or (None) everyone's."""

    rm_code: str | None = None
    branch: str | None = None


def _birthdays(
    conn: Connection,
    days: Sequence[date],
    rules: FollowupRules,
    scope: _Scope,
    customer_id: str | None = None,
) -> list[FollowupItem]:
    from bankcrm_cli.domain.birthdays import gregorian_keys, lunar_keys

    rows = queries.birthday_rows(
        conn,
        gregorian_keys(days, rules.feb29),
        lunar_keys(days),
        rm_code=scope.rm_code,
        branch=scope.branch,
        customer_id=customer_id,
    )
    return birthday_items(rows, days, rules)


def _maturity_range(days: Sequence[date], rules: FollowupRules) -> tuple[date, date]:
    from bankcrm_cli.domain.maturities import maturity_query_range

    return maturity_query_range(days, max([rules.lead_days, *rules.product_leads.values()]))


def _due_items(
    conn: Connection,
    covers: Sequence[date],
    rules: FollowupRules,
    scope: _Scope,
    kinds: Collection[str],
) -> list[FollowupItem]:
    """The items of the kinds asked for that fall on the covered days, done or not."""
    items: list[FollowupItem] = []
    # The two big reads at once: maturities on a connection of their own, in a thread, while
    # this one reads the birthdays and makes their items. Two reads, so a write committed
    # between them shows in the second only, as it would in a run a moment later.
    maturities = None
    if FollowupKind.maturity in kinds:
        first, last = _maturity_range(covers, rules)
        maturities = queries.maturity_rows_in_background(
            conn, first, last, rm_code=scope.rm_code, branch=scope.branch
        )
    if FollowupKind.birthday in kinds:
        items += _birthdays(conn, covers, rules, scope)
    if maturities is not None:
        items += maturity_items(maturities.rows(), covers, rules)
    if FollowupKind.callback in kinds:
        rows = queries.open_callback_rows(
            conn, covers[-1], rm_code=scope.rm_code, branch=scope.branch
        )
        items += callback_items(rows, covers[0])
    if FollowupKind.complaint in kinds:
        horizon = covers[-1] + timedelta(days=COMPLAINT_WARNING_DAYS)
        rows = queries.complaint_deadline_rows(
            conn, OPEN_STATUSES, horizon, rm_code=scope.rm_code, branch=scope.branch
        )
        items += complaint_items(rows, covers[0])
    if FollowupKind.campaign in kinds:
        rows = queries.call_list_rows(conn, covers[0], rm_code=scope.rm_code, branch=scope.branch)
        items += campaign_items(rows, covers[0])
    return items


def _visible(state: tuple[str, date | None] | None, day: date) -> bool:
    """Whether an item with this latest action (done/snooze, until) shows on `day`."""
    if state is None:
        return True
    action, until = state
    if action == "done":
        return False
    return until is None or until <= day


def _not_done_or_snoozed(
    conn: Connection, items: list[FollowupItem], day: date, done: set[str] | None = None
) -> list[FollowupItem]:
    """The items that show on `day`; with `done` given, the done ones too, their ids put in it."""
    states = queries.latest_actions(conn, [item.id for item in items])
    if not states:  # most items of a day have no action on them: no call for those
        return items
    if done is not None:
        done.update(i for i, (action, _) in states.items() if action == "done")
    kept = done or set()
    return [i for i in items if i.id not in states or _visible(states[i.id], day) or i.id in kept]


def _item_from_id(
    conn: Connection, item_id: str, today: date, rules: FollowupRules, scope: _Scope
) -> FollowupItem | None:
    """Rebuild a birthday or maturity item from its id (None if it no longer applies)."""
    try:
        followup = FollowupId.parse(item_id)
    except UsageError:
        return None
    due = followup.due
    if due is None:
        return None
    if followup.kind is FollowupKind.birthday:
        one_day = FollowupRules(pull_forward=False, feb29=rules.feb29)
        rebuilt = _birthdays(conn, [due], one_day, scope, customer_id=followup.key)
    elif followup.kind is FollowupKind.maturity:
        if due < today:  # a maturity is gone after its date, done or not
            return None
        rows = queries.maturity_rows(
            conn, due, due, rm_code=scope.rm_code, branch=scope.branch, account_id=followup.key
        )
        rebuilt = maturity_items(rows, [due], FollowupRules(lead_days=0))
    else:
        return None
    for item in rebuilt:
        item.overdue = item.due_date < today
        return item
    return None


def _snoozed_back(
    conn: Connection,
    covers: Sequence[date],
    rules: FollowupRules,
    scope: _Scope,
    kinds: Collection[str],
    known: set[str],
) -> list[FollowupItem]:
    """Items snoozed until one of the covered days: they come back then, wherever they fell."""
    returning = []
    for item_id in queries.snoozed_until_between(conn, covers[0], covers[-1]):
        item = _item_from_id(conn, item_id, covers[0], rules, scope)
        if item is not None and item.kind in kinds and item.id not in known:
            returning.append(item)
    if not returning:
        return []
    states = queries.latest_actions(conn, [item.id for item in returning])
    return [i for i in returning if _visible(states.get(i.id), covers[-1])]


def hide_phones(items: Iterable[FollowupItem]) -> None:
    """Phones as shown to someone who did not ask to see them: `138****8000`.

    On this run's own new items, in place: a copy of each item of a whole bank's day would
    cost more than the rest of the output.
    """
    from bankcrm_cli.domain.masking import mask_phone

    for item in items:
        item.phone = mask_phone(item.phone) if item.phone else None


def followups_on(
    engine: Engine,
    day: date,
    rules: FollowupRules,
    *,
    rm_code: str | None = None,
    branch: str | None = None,
    kinds: Collection[str] = ALL_KINDS,
    year_days: YearDays | None = None,
    mask_phones: bool = False,
    keep_done: bool = False,
) -> FollowupDay:
    """The follow-ups a run on `day` shows, done ones left out and snoozed ones until due.

    `year_days` tells the working days (default: worked out from the `holidays` package);
    `mask_phones` masks the customers' phones, for showing to someone who did not ask for them;
    `keep_done` keeps the day's done items, named in `FollowupDay.done` (the workbench shows
    them struck through).
    """
    from bankcrm_cli.domain.calendar import BusinessCalendar, china_working_days

    calendar = BusinessCalendar(rules.pull_forward, year_days or china_working_days)
    covers = calendar.covered_days(day)
    scope = _Scope(rm_code, branch)
    # A whole bank's day is tens of thousands of new objects, none in a cycle.
    with cycle_collector_paused():
        with engine.connect() as conn:
            done: set[str] | None = set() if keep_done else None
            items = _due_items(conn, covers, rules, scope, kinds)
            items = _not_done_or_snoozed(conn, items, day, done)
            known = {item.id for item in items}
            items += _snoozed_back(conn, covers, rules, scope, kinds, known)
        if mask_phones:
            hide_phones(items)
        return FollowupDay(
            date=day, covers=covers, items=in_order(items), done=frozenset(done or ())
        )
