"""Queries on the history of holdings: what an import opened, and totals at past moments.

Changes of amount or maturity are written by a trigger on `holdings` (migration 0005) with the
value before and after, so a total at a past moment needs only the changes since then: an
account's value at T is the `previous_cents` of its first change after T, or its current amount
if it has not changed since. Loans are liabilities, not assets under management: left out.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

from sqlalchemy import Connection, case, func, insert, literal, null, or_, select, union

from bankcrm_cli.store.money_sum import money_sum
from bankcrm_cli.store.tables import (
    holding_history_table,
    holdings_table,
    import_runs_table,
)

NOT_ASSETS = ("loan",)


def holdings_imported_before(conn: Connection, since: datetime) -> bool:
    """Whether a holdings import started before `since`."""
    runs = import_runs_table.c
    earlier = conn.execute(
        select(runs.id).where(runs.kind == "holdings", runs.started_at < since).limit(1)
    ).first()
    return earlier is not None


def insert_opened_holdings(conn: Connection, since: datetime) -> int:
    """Record as opened the holdings created since `since`; returns how many."""
    h = holdings_table.c
    opened = select(
        h.account_id,
        h.customer_id,
        literal("opened"),
        h.product_type,
        h.currency,
        h.amount_cents,
        null(),
        h.maturity_date,
        null(),
        h.created_at,
    ).where(h.created_at >= since)
    columns = [
        "account_id",
        "customer_id",
        "change",
        "product_type",
        "currency",
        "amount_cents",
        "previous_cents",
        "maturity_date",
        "previous_maturity",
        "at",
    ]
    return conn.execute(insert(holding_history_table).from_select(columns, opened)).rowcount


def _is_asset():
    h = holdings_table.c
    return or_(h.product_type.is_(None), h.product_type.not_in(NOT_ASSETS))


def _value_at(moment: datetime, name: str):
    """Per account: its value at `moment` (a column expression and the joins it needs)."""
    hh = holding_history_table.c
    first = (
        select(hh.account_id, func.min(hh.id).label("first_id"))
        .where(hh.at >= moment)
        .group_by(hh.account_id)
        .subquery(f"first_{name}")
    )
    before = holding_history_table.alias(f"before_{name}")
    value = case(
        (first.c.first_id.is_(None), func.coalesce(holdings_table.c.amount_cents, 0)),
        else_=func.coalesce(before.c.previous_cents, 0),
    )
    return value, first, before


@dataclass(frozen=True)
class AumMove:
    customer_id: str
    before_cents: int
    after_cents: int


def aum_totals(start: datetime, end: datetime, customer_ids: Sequence[str] | None = None):
    """SELECT (customer_id, before, after): holdings totals at `start` and at `end` of every
    customer whose holdings changed between. Customers are today's holders of the accounts
    (a merged customer's history comes along)."""
    hh = holding_history_table.c
    h = holdings_table.c
    changed = select(hh.account_id).where(hh.at >= start, hh.at < end)
    owners = select(h.customer_id).where(h.account_id.in_(changed)).distinct()
    if customer_ids is not None:
        owners = owners.where(h.customer_id.in_(customer_ids))
    value_start, first_start, before_start = _value_at(start, "start")
    value_end, first_end, before_end = _value_at(end, "end")
    return (
        select(
            h.customer_id,
            money_sum(value_start).label("before"),
            money_sum(value_end).label("after"),
        )
        .select_from(holdings_table)
        .outerjoin(first_start, first_start.c.account_id == h.account_id)
        .outerjoin(before_start, before_start.c.id == first_start.c.first_id)
        .outerjoin(first_end, first_end.c.account_id == h.account_id)
        .outerjoin(before_end, before_end.c.id == first_end.c.first_id)
        .where(h.customer_id.in_(owners), _is_asset())
        .group_by(h.customer_id)
    )


def aum_moves(
    conn: Connection,
    start: datetime,
    end: datetime,
    customer_ids: Sequence[str] | None = None,
) -> dict[str, AumMove]:
    """`aum_totals` by customer (of these customers only, if given)."""
    chunks = (
        [None]
        if customer_ids is None
        else [customer_ids[i : i + 900] for i in range(0, len(customer_ids), 900)]
    )
    return {
        row.customer_id: AumMove(row.customer_id, int(row.before or 0), int(row.after or 0))
        for chunk in chunks
        for row in conn.execute(aum_totals(start, end, chunk))
    }


@dataclass(frozen=True)
class MaturedHolding:
    account_id: str
    customer_id: str
    product_type: str | None
    amount_cents: int | None
    currency: str
    maturity_date: date


def last_holdings_import(conn: Connection, before: datetime) -> datetime | None:
    """When the latest holdings import before `before` started."""
    runs = import_runs_table.c
    return conn.execute(
        select(func.max(runs.started_at)).where(runs.kind == "holdings", runs.started_at < before)
    ).scalar()


def _matured(first: date, last: date, end: datetime):
    """(account_id, customer_id, product_type, amount_cents, currency, maturity_date) of
    maturities in [first, last] not rolled over, from both sources (see `paid_out`)."""
    h = holdings_table.c
    hh = holding_history_table.c
    still = select(
        h.account_id, h.customer_id, h.product_type, h.amount_cents, h.currency, h.maturity_date
    ).where(h.maturity_date.between(first, last), _is_asset())
    closed = (
        select(
            hh.account_id,
            h.customer_id,
            hh.product_type,
            hh.previous_cents,
            hh.currency,
            hh.previous_maturity,
        )
        .join(holdings_table, h.account_id == hh.account_id)
        .where(
            # Closed on maturity: the change came on or after the maturity date.
            hh.at >= datetime.combine(first, time(), UTC) - timedelta(days=1),
            hh.at < end,
            hh.previous_maturity.between(first, last),
            or_(hh.maturity_date.is_(None), hh.amount_cents == 0),
            or_(hh.product_type.is_(None), hh.product_type.not_in(NOT_ASSETS)),
        )
    )
    return still, closed


def matured_not_rolled_over(first: date, last: date | None, end: datetime):
    """SELECT (customer_id, count): how many maturities in [first, last] of each customer
    were not rolled over (none when `last` is None: no holdings import to tell)."""
    if last is None:
        last = first - timedelta(days=1)
    still, closed = (query.subquery() for query in _matured(first, last, end))
    accounts = union(
        select(still.c.account_id, still.c.customer_id),
        select(closed.c.account_id, closed.c.customer_id),
    ).subquery("matured")
    return select(accounts.c.customer_id, func.count().label("count")).group_by(
        accounts.c.customer_id
    )


def paid_out(
    conn: Connection,
    first: date,
    last: date | None,
    end: datetime,
    customer_ids: Sequence[str] | None = None,
) -> dict[str, list[MaturedHolding]]:
    """Maturities in [first, last] not rolled over, by customer (only `customer_ids` if given).

    Not rolled over: the holding still carries that maturity date (a later export did not move
    it, or no longer lists it), or it was closed on maturity (its maturity cleared or its
    amount set to zero). The caller sets `last` before the latest holdings import, so an
    export had the chance to show a rollover; None: no import yet, nothing to tell.
    """
    if last is None or last < first:
        return {}
    h = holdings_table.c
    found: dict[str, dict[str, MaturedHolding]] = {}
    still, closed = _matured(first, last, end)
    groups = (
        [None]
        if customer_ids is None
        else [customer_ids[i : i + 900] for i in range(0, len(customer_ids), 900)]
    )
    for chunk in groups:
        for query in (still, closed):
            if chunk is not None:
                query = query.where(h.customer_id.in_(chunk))
            for row in conn.execute(query):
                accounts = found.setdefault(row[1], {})
                accounts.setdefault(row[0], MaturedHolding(*row))
    return {
        customer: sorted(accounts.values(), key=lambda m: (m.maturity_date, m.account_id))
        for customer, accounts in found.items()
    }


def holding_activity(start: datetime, end: datetime):
    """(customer_id, at) of every holding opened or changed in [start, end), for a UNION."""
    hh = holding_history_table.c
    h = holdings_table.c
    return (
        select(h.customer_id.label("customer_id"), hh.at.label("at"))
        .join(holdings_table, h.account_id == hh.account_id)
        .where(hh.at >= start, hh.at < end)
    )
