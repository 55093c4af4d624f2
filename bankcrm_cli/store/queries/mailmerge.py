"""What a mail merge reads: recipients, their rows for the templates, a campaign's deliveries.

Lists of customer numbers are read in chunks, so no statement passes a database's limit on
bound parameters; each chunk costs one statement per table.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from sqlalchemy import Connection, and_, select

from bankcrm_cli.store.tables import (
    complaints_table,
    customers_table,
    deliveries_table,
    holdings_table,
    rms_table,
)

_CHUNK = 500


def _chunks(values: Sequence[str]) -> Iterable[Sequence[str]]:
    for start in range(0, len(values), _CHUNK):
        yield values[start : start + _CHUNK]


def delivery_states(conn: Connection, campaign: str, channel: str) -> dict[str, str]:
    """customer_id → status of the campaign's deliveries by `channel`."""
    d = deliveries_table.c
    rows = conn.execute(
        select(d.customer_id, d.status).where(and_(d.campaign == campaign, d.channel == channel))
    )
    return {row.customer_id: row.status for row in rows}


def customer_rm_codes(conn: Connection, customer_ids: Sequence[str]) -> dict[str, str | None]:
    """customer_id → rm_code for those of `customer_ids` that exist."""
    c = customers_table.c
    known: dict[str, str | None] = {}
    for chunk in _chunks(list(customer_ids)):
        rows = conn.execute(select(c.customer_id, c.rm_code).where(c.customer_id.in_(chunk)))
        known.update((row.customer_id, row.rm_code) for row in rows)
    return known


def customer_ids_by_aum(
    conn: Connection, low_cents: int, high_cents: int | None, rm_code: str | None
) -> list[str]:
    """Customers with `low_cents` <= AUM < `high_cents` (no upper bound when None), by number."""
    c = customers_table.c
    conditions = [c.aum_cents >= low_cents]
    if high_cents is not None:
        conditions.append(c.aum_cents < high_cents)
    if rm_code:
        conditions.append(c.rm_code == rm_code)
    rows = conn.execute(select(c.customer_id).where(and_(*conditions)).order_by(c.customer_id))
    return [row.customer_id for row in rows]


def rms_by_code(conn: Connection) -> dict[str, Any]:
    """Every RM row by rm_code."""
    return {row.rm_code: row for row in conn.execute(select(rms_table))}


def customers_by_id(conn: Connection, customer_ids: Sequence[str]) -> dict[str, Any]:
    """Customer rows by customer_id."""
    c = customers_table.c
    found: dict[str, Any] = {}
    for chunk in _chunks(list(customer_ids)):
        for row in conn.execute(select(customers_table).where(c.customer_id.in_(chunk))):
            found[row.customer_id] = row
    return found


def holdings_by_customer(conn: Connection, customer_ids: Sequence[str]) -> dict[str, list[Any]]:
    """Holding rows by customer_id, soonest maturity first."""
    h = holdings_table.c
    found: dict[str, list[Any]] = {}
    for chunk in _chunks(list(customer_ids)):
        for row in conn.execute(
            select(holdings_table)
            .where(h.customer_id.in_(chunk))
            .order_by(h.customer_id, h.maturity_date, h.account_id)
        ):
            found.setdefault(row.customer_id, []).append(row)
    return found


def complaints_by_customer(conn: Connection, customer_ids: Sequence[str]) -> dict[str, list[Any]]:
    """Complaint rows by customer_id, latest received first."""
    k = complaints_table.c
    found: dict[str, list[Any]] = {}
    for chunk in _chunks(list(customer_ids)):
        for row in conn.execute(
            select(complaints_table)
            .where(k.customer_id.in_(chunk))
            .order_by(k.customer_id, k.received_at.desc(), k.id.desc())
        ):
            found.setdefault(row.customer_id, []).append(row)
    return found


def first_customer_ids(conn: Connection, limit: int) -> list[str]:
    """The first `limit` customer numbers in order."""
    c = customers_table.c
    return list(conn.execute(select(c.customer_id).order_by(c.customer_id).limit(limit)).scalars())


def customer_ids_reachable_by_every_channel(conn: Connection, limit: int) -> list[str]:
    """The first `limit` customers with an e-mail address, a postal address and a fax number."""
    c = customers_table.c
    statement = (
        select(c.customer_id)
        .where(c.email.is_not(None), c.address.is_not(None), c.fax.is_not(None))
        .order_by(c.customer_id)
        .limit(limit)
    )
    return list(conn.execute(statement).scalars())
