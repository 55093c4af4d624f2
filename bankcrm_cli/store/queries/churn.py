"""Reads of crm churn: every customer with a churn signal and its points, in one set-based
query, then the few listed customers in full.

The points are given by the caller (the numbers domain/churn.py scores with) and the silence
limits as per-tier cut-off moments, so no rule and no date arithmetic lives in the SQL.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import (
    Connection,
    Integer,
    Row,
    case,
    cast,
    func,
    literal,
    or_,
    select,
    union,
    union_all,
)

from bankcrm_cli.store.queries.analytics import (
    Tiers,
    chunks,
    customer_filters,
    held_aum,
    held_peaks,
)
from bankcrm_cli.store.queries.value_history import (
    aum_totals,
    holding_activity,
    matured_not_rolled_over,
)
from bankcrm_cli.store.tables import complaints_table, contacts_table, customers_table


@dataclass(frozen=True)
class ChurnWindow:
    """The moments a run compares against."""

    end: datetime
    drop_start: datetime
    idle_start: datetime
    payout_first: date
    payout_last: date | None
    # Start of the tier downgrade window: the tier a customer holds sets their cadence.
    held_start: datetime


@dataclass(frozen=True)
class SignalPoints:
    """What each signal scores, and the AUM drop that counts."""

    drop_pct: int
    drop_base: int
    drop_per_share: int
    # Points for 1, 2, ... maturities paid out, up to the count that reaches payout_max.
    payout_points: tuple[int, ...]
    payout_max: int
    silent: int
    silent_twice: int
    inactive: int


def _tier_moment(aum, tiers: Tiers, moments: Mapping[str, datetime]):
    """A CASE giving, for the tier of an AUM expression, that tier's moment."""
    return case(
        *[(aum >= floor * 100, literal(moments[name])) for floor, name in tiers[:-1]],
        else_=literal(moments[tiers[-1][1]]),
    )


def _holding_points(w: ChurnWindow, points: SignalPoints):
    """The AUM-drop and paid-out signals: (drops, payouts, dropped, drop points, payout
    points), the first two named once (WITH) as they are read twice."""
    drops = aum_totals(w.drop_start, w.end).cte("drops")
    payouts = matured_not_rolled_over(w.payout_first, w.payout_last, w.end).cte("payouts")
    lost = drops.c.before - drops.c.after
    dropped = (drops.c.before > 0) & (lost * 100 >= points.drop_pct * drops.c.before)
    drop_points = case(
        (
            dropped,
            points.drop_base
            + cast(points.drop_per_share * lost * 1.0 / drops.c.before + 0.5, Integer),
        ),
        else_=0,
    )
    payout_points = case(
        (payouts.c.count.is_(None), 0),
        *[(payouts.c.count == n, p) for n, p in enumerate(points.payout_points, start=1)],
        else_=points.payout_max,
    )
    return drops, payouts, dropped, drop_points, payout_points


def _activity(w: ChurnWindow):
    """(customer_id, at) of what counts as activity in the idle window: holding changes,
    reached contacts, complaints received."""
    k = contacts_table.c
    t = complaints_table.c
    return union_all(
        holding_activity(w.idle_start, w.end),
        select(k.customer_id, k.at).where(
            k.outcome == "reached", k.at >= w.idle_start, k.at < w.end
        ),
        select(t.customer_id, t.received_at).where(
            t.received_at >= w.idle_start, t.received_at < w.end
        ),
    ).subquery("events")


def anyone_created_before(conn: Connection, moment: datetime) -> bool:
    """Whether the store knows a customer created before `moment`."""
    c = customers_table.c
    found = conn.execute(select(c.customer_id).where(c.created_at < moment).limit(1)).first()
    return found is not None


def holding_signal_points(
    conn: Connection,
    w: ChurnWindow,
    points: SignalPoints,
    rm_code: str | None,
    branch: str | None,
) -> list[Row]:
    """(customer_id, rm_code, aum_cents, aum_drop, paid_out, no_contact, inactive) of the
    customers whose holdings dropped or matured unrolled: the silence and inactivity points are
    0. Read through indexes, for a store where nobody is known long enough to be silent."""
    c = customers_table.c
    drops, payouts, dropped, drop_points, payout_points = _holding_points(w, points)
    moved = union(select(drops.c.customer_id).where(dropped), select(payouts.c.customer_id))
    query = (
        select(
            c.customer_id,
            c.rm_code,
            c.aum_cents,
            drop_points.label("aum_drop"),
            payout_points.label("paid_out"),
            literal(0).label("no_contact"),
            literal(0).label("inactive"),
        )
        .select_from(customers_table)
        .outerjoin(drops, drops.c.customer_id == c.customer_id)
        .outerjoin(payouts, payouts.c.customer_id == c.customer_id)
        .where(c.customer_id.in_(moved), c.created_at < w.end, *customer_filters(rm_code, branch))
    )
    return conn.execute(query).all()


def signal_points(
    conn: Connection,
    w: ChurnWindow,
    points: SignalPoints,
    tiers: Tiers,
    silent_once: Mapping[str, datetime],
    silent_twice: Mapping[str, datetime],
    rm_code: str | None,
    branch: str | None,
) -> list[Row]:
    """(customer_id, rm_code, aum_cents, aum_drop, paid_out, no_contact, inactive) of every
    customer with at least one signal. Silence: no reached contact (or creation) since the
    tier's `silent_once` moment, worse before its `silent_twice` moment."""
    c = customers_table.c
    k = contacts_table.c
    drops, payouts, dropped, drop_points, payout_points = _holding_points(w, points)
    held = held_peaks(w.held_start, w.end)
    aum = held_aum(held)
    last_contact = (
        select(k.customer_id, func.max(k.at).label("at"))
        .where(k.outcome == "reached", k.at < w.end)
        .group_by(k.customer_id)
        .subquery("last_contact")
    )
    events = _activity(w)
    recent = select(events.c.customer_id).distinct().subquery("recent")
    silent_since = func.coalesce(last_contact.c.at, c.created_at)
    once = _tier_moment(aum, tiers, silent_once)
    silent = case(
        (silent_since < _tier_moment(aum, tiers, silent_twice), points.silent_twice),
        (silent_since < once, points.silent),
        else_=0,
    )
    idle = (c.created_at < w.idle_start) & recent.c.customer_id.is_(None)
    query = (
        select(
            c.customer_id,
            c.rm_code,
            c.aum_cents,
            drop_points.label("aum_drop"),
            payout_points.label("paid_out"),
            silent.label("no_contact"),
            case((idle, points.inactive), else_=0).label("inactive"),
        )
        .select_from(customers_table)
        .outerjoin(held, held.c.customer_id == c.customer_id)
        .outerjoin(last_contact, last_contact.c.customer_id == c.customer_id)
        .outerjoin(recent, recent.c.customer_id == c.customer_id)
        .outerjoin(drops, drops.c.customer_id == c.customer_id)
        .outerjoin(payouts, payouts.c.customer_id == c.customer_id)
        .where(
            c.created_at < w.end,
            or_(silent_since < once, idle, dropped, payouts.c.customer_id.is_not(None)),
            *customer_filters(rm_code, branch),
        )
    )
    return conn.execute(query).all()


def customers_in_full(
    conn: Connection, w: ChurnWindow, customer_ids: Sequence[str]
) -> tuple[dict[str, Row], dict[str, datetime], dict[str, datetime]]:
    """For these customers: (who they are with the AUM they hold in the window, their last
    reached contact, their last activity in the idle window), each by customer number."""
    c = customers_table.c
    k = contacts_table.c
    held = held_peaks(w.held_start, w.end)
    people, last_contact, last_activity = {}, {}, {}
    for chunk in chunks(customer_ids):
        query = (
            select(c.customer_id, c.name, c.rm_code, c.branch, c.aum_cents, c.created_at)
            .add_columns(held_aum(held).label("held_aum"))
            .outerjoin(held, held.c.customer_id == c.customer_id)
            .where(c.customer_id.in_(chunk))
        )
        people.update((row.customer_id, row) for row in conn.execute(query))
        contacted = (
            select(k.customer_id, func.max(k.at))
            .where(k.customer_id.in_(chunk), k.outcome == "reached", k.at < w.end)
            .group_by(k.customer_id)
        )
        last_contact.update(conn.execute(contacted).all())
        events = _activity(w)
        latest = (
            select(events.c.customer_id, func.max(events.c.at))
            .where(events.c.customer_id.in_(chunk))
            .group_by(events.c.customer_id)
        )
        last_activity.update(conn.execute(latest).all())
    return people, last_contact, last_activity
