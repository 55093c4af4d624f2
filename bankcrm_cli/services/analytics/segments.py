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

from sqlalchemy import Connection, Engine

from bankcrm_cli.domain.segments import (
    TIER_NAMES,
    TierRules,
    frequency_score,
    monetary_score,
    months_before,
    recency_score,
)
from bankcrm_cli.services.analytics.day_bounds import day_end, day_start, local_day
from bankcrm_cli.store.queries import analytics as queries


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
    counts: dict[str | None, list[int]] = {}
    with engine.connect() as conn:
        rows = queries.held_tier_counts(conn, start, end, rules.tiers, rm_code, branch)
    for tier, raw, count, aum in rows:
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
    with engine.connect() as conn:
        rows = queries.customer_activity(
            conn, start, end, year_start, year_start_day, day, rm_code, branch
        )
        held_ids = [
            r.customer_id for r in rows if rules.held_tier(r.held_aum) != _aum_tier(r, rules)
        ]
        downgrades = _downgrade_days(conn, held_ids, rows, rules, zone, start)
    return [_segment(row, day, rules, zone, downgrades.get(row.customer_id)) for row in rows]


def _segment(row, day: date, rules: TierRules, zone: tzinfo, downgrade_on: date | None):
    """One customer's segment from their activity row."""
    tier = rules.held_tier(row.held_aum)
    last = max(
        (d for d in (local_day(row.last_at, zone), row.last_open) if d is not None),
        default=None,
    )
    events = int(row.recent or 0) + int(row.opened or 0)
    return CustomerSegment(
        customer_id=row.customer_id,
        name=row.name,
        rm_code=row.rm_code,
        branch=row.branch,
        aum_cents=row.aum_cents,
        tier=tier,
        aum_tier=_aum_tier(row, rules),
        downgrade_on=downgrade_on,
        last_activity=last,
        events_last_year=events,
        recency=recency_score(None if last is None else (day - last).days),
        frequency=frequency_score(events),
        monetary=monetary_score(tier),
    )


def _aum_tier(row, rules: TierRules) -> str | None:
    return rules.held_tier(row.aum_cents)


def _downgrade_days(
    conn: Connection,
    customer_ids: Sequence[str],
    rows,
    rules: TierRules,
    zone: tzinfo,
    start: datetime,
) -> dict[str, date]:
    """For customers holding a tier above their AUM: the day they fall to their AUM's tier."""
    if not customer_ids:
        return {}
    held_by_id = {r.customer_id: rules.held_tier(r.held_aum) for r in rows}
    fell: dict[str, date] = {}
    for customer_id, previous, at in queries.aum_changes_since(conn, customer_ids, start):
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
