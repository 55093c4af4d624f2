"""Reads of crm segments and crm opportunities: tiers held, activity, maturities, near floors.

Also the pieces the churn and report queries share: the --rm/--branch scope, the highest AUM
in a downgrade window (from the AUM history of migration 0005), and the tier of an AUM.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from datetime import date, datetime

from sqlalchemy import Connection, Row, and_, case, func, literal, or_, select, union_all

from bankcrm_cli.store.money_sum import money_sum
from bankcrm_cli.store.tables import (
    aum_history_table,
    complaints_table,
    contacts_table,
    customers_table,
    holding_history_table,
    holdings_table,
)

# Ids per IN (...): under SQLite's limit on bound parameters.
CHUNK = 900
Tiers = Sequence[tuple[int, str]]


def chunks(ids: Sequence[str]) -> Iterator[Sequence[str]]:
    """`ids` in slices a single IN (...) can take."""
    for offset in range(0, len(ids), CHUNK):
        yield ids[offset : offset + CHUNK]


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


def tier_case(aum, tiers: Tiers):
    """SQL for the tier of an AUM expression (NULL when the AUM is unknown); `tiers` are
    (floor in yuan, name), highest first."""
    whens = [(aum >= floor * 100, literal(name)) for floor, name in tiers[:-1]]
    return case((aum.is_(None), literal(None)), *whens, else_=literal(tiers[-1][1]))


def held_tier_counts(
    conn: Connection,
    window_start: datetime,
    end: datetime,
    tiers: Tiers,
    rm_code: str | None,
    branch: str | None,
) -> list[Row]:
    """(held_tier, aum_tier, customers, aum_cents) of customers known by `end`."""
    c = customers_table.c
    held = held_peaks(window_start, end)
    held_tier = tier_case(held_aum(held), tiers).label("held_tier")
    aum_tier = tier_case(c.aum_cents, tiers).label("aum_tier")
    query = (
        select(held_tier, aum_tier, func.count(), money_sum(c.aum_cents))
        .select_from(customers_table)
        .outerjoin(held, held.c.customer_id == c.customer_id)
        .where(c.created_at < end, *customer_filters(rm_code, branch))
        .group_by(held_tier, aum_tier)
    )
    return conn.execute(query).all()


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


def customer_activity(
    conn: Connection,
    window_start: datetime,
    end: datetime,
    year_start: datetime,
    year_start_day: date,
    day: date,
    rm_code: str | None,
    branch: str | None,
) -> list[Row]:
    """Per customer known by `end`, by customer number: who, AUM, the AUM held in the window
    (held_aum), the last event and events since `year_start` (last_at, recent), the last
    holding opened and openings since `year_start_day` (last_open, opened)."""
    c = customers_table.c
    held = held_peaks(window_start, end)
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
    return conn.execute(query).all()


def aum_changes_since(
    conn: Connection, customer_ids: Sequence[str], start: datetime
) -> Iterator[tuple[str, int | None, datetime]]:
    """(customer_id, previous_cents, at) of each AUM change since `start`, in order."""
    ah = aum_history_table.c
    for chunk in chunks(customer_ids):
        query = (
            select(ah.customer_id, ah.previous_cents, ah.at)
            .where(and_(ah.customer_id.in_(chunk), ah.at >= start))
            .order_by(ah.id)
        )
        yield from conn.execute(query)


def _who(held, consent_channels: Sequence[str]) -> list:
    c = customers_table.c
    return [
        c.customer_id,
        c.name,
        c.rm_code,
        c.branch,
        c.aum_cents,
        held_aum(held).label("held"),
        *[c[f"consent_{ch}"] for ch in consent_channels],
    ]


def maturing_holdings(
    conn: Connection,
    first: date,
    last: date,
    product_types: Sequence[str],
    window_start: datetime,
    end: datetime,
    consent_channels: Sequence[str],
    rm_code: str | None,
    branch: str | None,
) -> list[Row]:
    """Holdings of these types maturing in [first, last], each with its customer: who, AUM,
    the AUM held in the window (held), consent_* and the holding."""
    c = customers_table.c
    h = holdings_table.c
    held = held_peaks(window_start, end)
    query = (
        select(
            *_who(held, consent_channels),
            h.account_id,
            h.product_type,
            h.amount_cents,
            h.currency,
            h.maturity_date,
        )
        .select_from(holdings_table)
        .join(customers_table, c.customer_id == h.customer_id)
        .outerjoin(held, held.c.customer_id == c.customer_id)
        .where(
            h.maturity_date.between(first, last),
            h.product_type.in_(product_types),
            *customer_filters(rm_code, branch),
        )
    )
    return conn.execute(query).all()


def product_types_held(conn: Connection, customer_ids: Sequence[str]) -> dict[str, set[str]]:
    """The product types each of these customers holds."""
    h = holdings_table.c
    held: dict[str, set[str]] = {}
    for chunk in chunks(customer_ids):
        query = select(h.customer_id, h.product_type).where(h.customer_id.in_(chunk)).distinct()
        for customer_id, product_type in conn.execute(query):
            held.setdefault(customer_id, set()).add(product_type)
    return held


def customers_in_aum_bands(
    conn: Connection,
    bands: Sequence[tuple[int, int]],
    window_start: datetime,
    end: datetime,
    consent_channels: Sequence[str],
    rm_code: str | None,
    branch: str | None,
) -> Iterator[Row]:
    """Customers whose AUM is within one of the [low, high] cent bands: who, AUM, the AUM held
    in the window (held) and consent_*."""
    c = customers_table.c
    held = held_peaks(window_start, end)
    query = (
        select(*_who(held, consent_channels))
        .select_from(customers_table)
        .outerjoin(held, held.c.customer_id == c.customer_id)
        .where(
            or_(*[c.aum_cents.between(low, high) for low, high in bands]),
            *customer_filters(rm_code, branch),
        )
    )
    yield from conn.execute(query)
