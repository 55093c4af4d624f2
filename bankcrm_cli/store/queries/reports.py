"""Reads of the reports (crm report daily|weekly|complaints|portfolio): complaints, contacts,
maturities, customer changes, follow-ups done, and the per-RM portfolio figures.

Every function takes the --rm/--branch scope as `rm_code` and `branch` (None: the whole bank).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime

from sqlalchemy import Connection, Row, case, func, select

from bankcrm_cli.store.money_sum import money_sum
from bankcrm_cli.store.queries.analytics import (
    Tiers,
    customer_filters,
    held_aum,
    held_peaks,
    tier_case,
)
from bankcrm_cli.store.tables import (
    complaints_table,
    contacts_table,
    customers_table,
    followup_actions_table,
    holdings_table,
    rms_table,
)


def _is(condition):
    return case((condition, 1), else_=0)


def _complaints(rm_code: str | None, branch: str | None):
    """Complaints with their customer's name and RM."""
    t = complaints_table.c
    c = customers_table.c
    return (
        select(
            t.id,
            t.customer_id,
            c.name,
            c.rm_code,
            t.category,
            t.channel,
            t.status,
            t.received_on,
            t.due_date,
            t.resolved_on,
            t.breached,
            t.breached_on,
        )
        .join(customers_table, c.customer_id == t.customer_id)
        .where(*customer_filters(rm_code, branch))
    )


def complaints_in_status(
    conn: Connection, statuses: Sequence[str], rm_code: str | None, branch: str | None
) -> list[Row]:
    """Complaints in one of these statuses, by due date."""
    t = complaints_table.c
    query = _complaints(rm_code, branch).where(t.status.in_(statuses))
    return conn.execute(query.order_by(t.due_date, t.id)).all()


def complaints_breached_between(
    conn: Connection, first: date, last: date, rm_code: str | None, branch: str | None
) -> list[Row]:
    """Complaints breached on a day in [first, last], by breach day."""
    t = complaints_table.c
    query = _complaints(rm_code, branch).where(
        t.breached.is_(True), t.breached_on.between(first, last)
    )
    return conn.execute(query.order_by(t.breached_on, t.id)).all()


def complaints_received_between(
    conn: Connection, first: date | None, last: date, rm_code: str | None, branch: str | None
) -> list[Row]:
    """Complaints received in [first, last] (from the first one if `first` is None)."""
    t = complaints_table.c
    query = _complaints(rm_code, branch).where(t.received_on <= last)
    if first is not None:
        query = query.where(t.received_on >= first)
    return conn.execute(query.order_by(t.received_on, t.id)).all()


def complaints_moved_between(
    conn: Connection, first: date, last: date, rm_code: str | None, branch: str | None
) -> list[Row]:
    """Complaints received, resolved or breached on a day in [first, last]."""
    t = complaints_table.c
    query = _complaints(rm_code, branch).where(
        (t.received_on.between(first, last))
        | (t.resolved_on.between(first, last))
        | (t.breached_on.between(first, last))
    )
    return conn.execute(query).all()


def contacts_per_actor(
    conn: Connection, start: datetime, end: datetime, rm_code: str | None, branch: str | None
) -> list[Row]:
    """(actor, contacts, reached) of contacts logged in [start, end), by actor."""
    k = contacts_table.c
    c = customers_table.c
    query = (
        select(k.actor, func.count(), func.sum(_is(k.outcome == "reached")))
        .join(customers_table, c.customer_id == k.customer_id)
        .where(k.at >= start, k.at < end, *customer_filters(rm_code, branch))
        .group_by(k.actor)
        .order_by(k.actor)
    )
    return conn.execute(query).all()


def maturities_between(
    conn: Connection, first: date, last: date, rm_code: str | None, branch: str | None
) -> list[Row]:
    """(maturity_date, product_type, currency, count, amount_cents) of holdings maturing in
    [first, last]."""
    h = holdings_table.c
    c = customers_table.c
    filters = customer_filters(rm_code, branch)
    query = select(
        h.maturity_date, h.product_type, h.currency, func.count(), money_sum(h.amount_cents)
    ).where(h.maturity_date.between(first, last))
    if filters:
        query = query.join(customers_table, c.customer_id == h.customer_id).where(*filters)
    query = query.group_by(h.maturity_date, h.product_type, h.currency)
    return conn.execute(query).all()


def customers_created_and_touched(
    conn: Connection, start: datetime, end: datetime, rm_code: str | None, branch: str | None
) -> tuple[int | None, int]:
    """(created, created or changed) of customer records in [start, end)."""
    c = customers_table.c
    query = select(func.sum(_is(c.created_at >= start)), func.count()).where(
        c.updated_at >= start,
        c.updated_at < end,
        c.created_at < end,
        *customer_filters(rm_code, branch),
    )
    created, touched = conn.execute(query).one()
    return created, touched


def followups_done_between(conn: Connection, start: datetime, end: datetime) -> list[Row]:
    """(item_id, kind, actor, at) of follow-ups marked done in [start, end)."""
    a = followup_actions_table.c
    query = select(a.item_id, a.kind, a.actor, a.at).where(
        a.action == "done", a.at >= start, a.at < end
    )
    return conn.execute(query).all()


def callbacks_closed_between(conn: Connection, start: datetime, end: datetime) -> list[Row]:
    """(id, customer_id, next_date, callback_closed_at, callback_closed_by) of contacts whose
    call-back was closed in [start, end)."""
    k = contacts_table.c
    query = select(
        k.id, k.customer_id, k.next_date, k.callback_closed_at, k.callback_closed_by
    ).where(k.callback_closed_at >= start, k.callback_closed_at < end)
    return conn.execute(query).all()


def contact_actors(conn: Connection, contact_ids: Sequence[int]) -> dict[int, str]:
    """Who logged each of these contacts."""
    k = contacts_table.c
    return dict(conn.execute(select(k.id, k.actor).where(k.id.in_(contact_ids))).all())


def holding_customer(conn: Connection, account_id: str) -> str | None:
    """The customer holding this account."""
    h = holdings_table.c
    return conn.execute(select(h.customer_id).where(h.account_id == account_id)).scalar()


def callback_of(conn: Connection, contact_id: int) -> Row | None:
    """(customer_id, next_date) of a contact."""
    k = contacts_table.c
    return conn.execute(select(k.customer_id, k.next_date).where(k.id == contact_id)).first()


def customer_ids_in_scope(conn: Connection, rm_code: str | None, branch: str | None) -> set[str]:
    """The customers of this RM and branch."""
    c = customers_table.c
    return set(
        conn.execute(select(c.customer_id).where(*customer_filters(rm_code, branch))).scalars()
    )


def held_tiers_per_rm(
    conn: Connection,
    window_start: datetime,
    end: datetime,
    tiers: Tiers,
    rm_code: str | None,
    branch: str | None,
) -> list[Row]:
    """(rm_code, tier held, customers, aum_cents) of customers known by `end`."""
    c = customers_table.c
    held = held_peaks(window_start, end)
    tier = tier_case(held_aum(held), tiers).label("tier")
    query = (
        select(c.rm_code, tier, func.count(), money_sum(c.aum_cents))
        .select_from(customers_table)
        .outerjoin(held, held.c.customer_id == c.customer_id)
        .where(c.created_at < end, *customer_filters(rm_code, branch))
        .group_by(c.rm_code, tier)
    )
    return conn.execute(query).all()


def holdings_mix_per_rm(conn: Connection, rm_code: str | None, branch: str | None) -> list[Row]:
    """(rm_code, product_type, currency, holdings, amount_cents)."""
    c = customers_table.c
    h = holdings_table.c
    query = (
        select(c.rm_code, h.product_type, h.currency, func.count(), money_sum(h.amount_cents))
        .join(customers_table, c.customer_id == h.customer_id)
        .where(*customer_filters(rm_code, branch))
        .group_by(c.rm_code, h.product_type, h.currency)
    )
    return conn.execute(query).all()


def maturities_ahead_per_rm(
    conn: Connection,
    first: date,
    near_last: date,
    last: date,
    rm_code: str | None,
    branch: str | None,
) -> list[Row]:
    """(rm_code, currency, count and amount_cents up to `near_last`, count and amount_cents up
    to `last`) of holdings maturing from `first`."""
    c = customers_table.c
    h = holdings_table.c
    near = _is(h.maturity_date <= near_last)
    query = (
        select(
            c.rm_code,
            h.currency,
            func.sum(near),
            money_sum(near * h.amount_cents),
            func.count(),
            money_sum(h.amount_cents),
        )
        .join(customers_table, c.customer_id == h.customer_id)
        .where(h.maturity_date.between(first, last), *customer_filters(rm_code, branch))
        .group_by(c.rm_code, h.currency)
    )
    return conn.execute(query).all()


def rm_names(conn: Connection) -> dict[str, str]:
    """Each RM's name by code."""
    r = rms_table.c
    return dict(conn.execute(select(r.rm_code, r.name)).all())
