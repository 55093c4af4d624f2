"""Segments: the tier each customer holds, tier counts and AUM, and RFM scores.

A customer holds the tier of their highest AUM within the downgrade window (domain/segments.py).
The AUM history (migration 0005) records each change with the value before it, so the highest
value in the window is found from the few customers whose AUM changed since the window began;
everyone else holds the tier of their current AUM.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta, tzinfo

from sqlalchemy import Connection, Engine, and_, case, func, literal, select, union_all

from bankcrm_cli.domain.segments import (
    TIER_NAMES,
    TierRules,
    frequency_score,
    monetary_score,
    months_before,
    recency_score,
)
from bankcrm_cli.services.analytics.day_bounds import day_end, day_start, local_day
from bankcrm_cli.store.tables import (
    aum_history_table,
    complaints_table,
    contacts_table,
    customers_table,
    holding_history_table,
    holdings_table,
)


def customer_filters(rm_code: str | None = None, branch: str | None = None) -> list:
    """Conditions on `customers` for --rm and --branch."""
    c = customers_table.c
    conditions = []
    if rm_code:
        conditions.append(c.rm_code == rm_code)
    if branch:
        conditions.append(c.branch == branch)
    return conditions


def held_peaks(window_start: datetime, end: datetime):
    """(customer_id, peak): the highest AUM in [window_start, end) of customers whose AUM
    changed since window_start; a subquery to join on."""
    ah = aum_history_table.c
    first = (
        select(ah.customer_id, func.min(ah.id).label("first_id"))
        .where(ah.at >= window_start)
        .group_by(ah.customer_id)
        .subquery("first_change")
    )
    at_start = select(
        aum_history_table.c.customer_id.label("customer_id"),
        aum_history_table.c.previous_cents.label("value"),
    ).join(first, aum_history_table.c.id == first.c.first_id)
    during = select(ah.customer_id.label("customer_id"), ah.aum_cents.label("value")).where(
        ah.at >= window_start, ah.at < end
    )
    values = union_all(at_start, during).subquery("aum_values")
    return (
        select(values.c.customer_id, func.max(values.c.value).label("peak"))
        .group_by(values.c.customer_id)
        .subquery("held")
    )


def held_aum(held) -> object:
    """The AUM whose tier a customer holds: the window's peak if it changed, else today's."""
    return case((held.c.customer_id.is_(None), customers_table.c.aum_cents), else_=held.c.peak)


def tier_case(aum, rules: TierRules):
    """SQL for the tier of an AUM expression (NULL when the AUM is unknown)."""
    whens = [(aum >= floor * 100, literal(name)) for floor, name in rules.tiers[:-1]]
    return case((aum.is_(None), literal(None)), *whens, else_=literal(rules.tiers[-1][1]))


def window(day: date, rules: TierRules, zone: tzinfo) -> tuple[datetime, datetime]:
    """The downgrade window of `day` as UTC moments [start, end): from the end of the day
    `downgrade_months` months before to the end of `day` (with 0 months, the AUM at the end of
    `day` alone)."""
    return day_end(rules.window_start(day), zone), day_end(day, zone)


@dataclass(frozen=True)
class TierRow:
    tier: str | None
    floor_yuan: int | None
    customers: int
    aum_cents: int
    # Customers holding this tier although their AUM today is below its floor.
    held_above_aum: int


@dataclass(frozen=True)
class SegmentSummary:
    date: date
    downgrade_months: int
    customers: int
    aum_cents: int
    tiers: list[TierRow]


def tier_summary(
    engine: Engine,
    day: date,
    rules: TierRules,
    zone: tzinfo,
    *,
    rm_code: str | None = None,
    branch: str | None = None,
) -> SegmentSummary:
    """Customers and AUM per held tier, highest tier first (unknown AUM last)."""
    start, end = window(day, rules, zone)
    c = customers_table.c
    held = held_peaks(start, end)
    held_tier = tier_case(held_aum(held), rules).label("held_tier")
    aum_tier = tier_case(c.aum_cents, rules).label("aum_tier")
    query = (
        select(held_tier, aum_tier, func.count(), func.sum(c.aum_cents))
        .select_from(customers_table)
        .outerjoin(held, held.c.customer_id == c.customer_id)
        .where(c.created_at < end, *customer_filters(rm_code, branch))
        .group_by(held_tier, aum_tier)
    )
    counts: dict[str | None, list[int]] = {}
    with engine.connect() as conn:
        for tier, raw, count, aum in conn.execute(query):
            entry = counts.setdefault(tier, [0, 0, 0])
            entry[0] += count
            entry[1] += int(aum or 0)
            if tier is not None and raw != tier:
                entry[2] += count
    floors = {name: floor for floor, name in rules.tiers}
    order = [*reversed(TIER_NAMES), None]
    rows = [
        TierRow(tier, floors.get(tier), *counts.get(tier, [0, 0, 0]))
        for tier in order
        if tier is not None or tier in counts
    ]
    return SegmentSummary(
        date=day,
        downgrade_months=rules.downgrade_months,
        customers=sum(r.customers for r in rows),
        aum_cents=sum(r.aum_cents for r in rows),
        tiers=rows,
    )


@dataclass(frozen=True)
class CustomerSegment:
    customer_id: str
    name: str
    rm_code: str | None
    branch: str | None
    aum_cents: int | None
    tier: str | None
    aum_tier: str | None
    # The day the held tier falls to the AUM tier if the AUM stays where it is.
    downgrade_on: date | None
    last_activity: date | None
    events_last_year: int
    recency: int
    frequency: int
    monetary: int

    @property
    def rfm(self) -> str:
        return f"{self.recency}{self.frequency}{self.monetary}"


def _activity(start: datetime, end: datetime, since_day: date, until_day: date):
    """(customer_id, last, events) over [start, end): reached contacts, holding changes and
    openings, complaints."""
    k = contacts_table.c
    t = complaints_table.c
    h = holdings_table.c
    hh = holding_history_table.c
    events = union_all(
        select(k.customer_id.label("customer_id"), k.at.label("at")).where(
            k.outcome == "reached", k.at < end
        ),
        select(h.customer_id, hh.at)
        .join(holdings_table, h.account_id == hh.account_id)
        .where(hh.change == "changed", hh.at < end),
        select(t.customer_id, t.received_at).where(t.received_at < end),
    ).subquery("events")
    return (
        select(
            events.c.customer_id,
            func.max(events.c.at).label("last_at"),
            func.sum(case((events.c.at >= start, 1), else_=0)).label("recent"),
        )
        .group_by(events.c.customer_id)
        .subquery("activity")
    ), (
        select(
            h.customer_id,
            func.max(h.open_date).label("last_open"),
            func.sum(case((h.open_date.between(since_day, until_day), 1), else_=0)).label("opened"),
        )
        .where(h.open_date <= until_day)
        .group_by(h.customer_id)
        .subquery("openings")
    )


def customer_segments(
    engine: Engine,
    day: date,
    rules: TierRules,
    zone: tzinfo,
    *,
    rm_code: str | None = None,
    branch: str | None = None,
) -> list[CustomerSegment]:
    """Each customer's held tier, AUM tier and RFM scores, by customer number."""
    start, end = window(day, rules, zone)
    year_start_day = day - timedelta(days=364)
    year_start = day_start(year_start_day, zone)
    c = customers_table.c
    held = held_peaks(start, end)
    activity, openings = _activity(year_start, end, year_start_day, day)
    query = (
        select(
            c.customer_id,
            c.name,
            c.rm_code,
            c.branch,
            c.aum_cents,
            held_aum(held).label("held_aum"),
            activity.c.last_at,
            activity.c.recent,
            openings.c.last_open,
            openings.c.opened,
        )
        .select_from(customers_table)
        .outerjoin(held, held.c.customer_id == c.customer_id)
        .outerjoin(activity, activity.c.customer_id == c.customer_id)
        .outerjoin(openings, openings.c.customer_id == c.customer_id)
        .where(c.created_at < end, *customer_filters(rm_code, branch))
        .order_by(c.customer_id)
    )
    with engine.connect() as conn:
        rows = conn.execute(query).all()
        held_ids = [
            r.customer_id for r in rows if rules.held_tier(r.held_aum) != _aum_tier(r, rules)
        ]
        downgrades = _downgrade_days(conn, held_ids, rows, day, rules, zone, start)
    result = []
    for row in rows:
        tier = rules.held_tier(row.held_aum)
        last = max(
            (d for d in (local_day(row.last_at, zone), row.last_open) if d is not None),
            default=None,
        )
        events = int(row.recent or 0) + int(row.opened or 0)
        result.append(
            CustomerSegment(
                customer_id=row.customer_id,
                name=row.name,
                rm_code=row.rm_code,
                branch=row.branch,
                aum_cents=row.aum_cents,
                tier=tier,
                aum_tier=_aum_tier(row, rules),
                downgrade_on=downgrades.get(row.customer_id),
                last_activity=last,
                events_last_year=events,
                recency=recency_score(None if last is None else (day - last).days),
                frequency=frequency_score(events),
                monetary=monetary_score(tier),
            )
        )
    return result


def _aum_tier(row, rules: TierRules) -> str | None:
    return rules.held_tier(row.aum_cents)


def _downgrade_days(
    conn: Connection,
    customer_ids: Sequence[str],
    rows,
    day: date,
    rules: TierRules,
    zone: tzinfo,
    start: datetime,
) -> dict[str, date]:
    """For customers holding a tier above their AUM: the day they fall to their AUM's tier."""
    if not customer_ids:
        return {}
    held_by_id = {r.customer_id: rules.held_tier(r.held_aum) for r in rows}
    ah = aum_history_table.c
    fell: dict[str, date] = {}
    for offset in range(0, len(customer_ids), 900):
        chunk = customer_ids[offset : offset + 900]
        query = (
            select(ah.customer_id, ah.previous_cents, ah.at)
            .where(and_(ah.customer_id.in_(chunk), ah.at >= start))
            .order_by(ah.id)
        )
        for customer_id, previous, at in conn.execute(query):
            floor = rules.floor_cents(held_by_id[customer_id])
            if previous is not None and previous >= floor:
                fell[customer_id] = local_day(at, zone)
    return {customer: _first_day_after_window(fell_on, rules) for customer, fell_on in fell.items()}


def _first_day_after_window(fell_on: date, rules: TierRules) -> date:
    """The first day whose downgrade window starts after the fall on `fell_on`."""
    candidate = fell_on
    while months_before(candidate, rules.downgrade_months) < fell_on:
        candidate += timedelta(days=1)
    return candidate
