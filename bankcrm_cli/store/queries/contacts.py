"""What the contact log reads and writes: contacts, and the call-backs they ask for."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import Connection, Row, select, update

from bankcrm_cli.store.tables import contacts_table, customers_table


def customer_rm_row(conn: Connection, customer_id: str) -> Row | None:
    """The customer's row with its RM code (`.rm_code`), None when there is no such customer."""
    c = customers_table.c
    return conn.execute(select(c.rm_code).where(c.customer_id == customer_id)).first()


def insert_contact(conn: Connection, values: dict[str, Any]) -> int:
    """Keep one contact (columns of the contacts table); returns its number."""
    return conn.execute(contacts_table.insert(), values).inserted_primary_key[0]


def open_callback_ids(
    conn: Connection, customer_id: str, *, other_than: int | None, only: int | None
) -> list[int]:
    """The customer's contacts whose call-back is still open (but `other_than`; or `only`)."""
    k = contacts_table.c
    query = select(k.id).where(
        k.customer_id == customer_id, k.next_date.is_not(None), k.callback_closed_at.is_(None)
    )
    if other_than is not None:
        query = query.where(k.id != other_than)
    if only is not None:
        query = query.where(k.id == only)
    return list(conn.execute(query).scalars())


def close_callback(
    conn: Connection, contact_id: int, *, closed_at: datetime, by_contact: int | None
) -> None:
    """Mark a contact's call-back closed, by a later contact or by hand (None)."""
    k = contacts_table.c
    conn.execute(
        update(contacts_table)
        .where(k.id == contact_id)
        .values(callback_closed_at=closed_at, callback_closed_by=by_contact)
    )


def contact_rows(
    conn: Connection,
    *,
    customer_id: str | None = None,
    actor: str | None = None,
    rm_code: str | None = None,
    since: datetime | None = None,
) -> list[Row]:
    """Contacts with their customers' name and RM code, newest first; `actor` is who logged
    them, `rm_code` the customer's RM."""
    k = contacts_table.c
    c = customers_table.c
    query = (
        select(contacts_table, c.name, c.rm_code)
        .join(customers_table, c.customer_id == k.customer_id)
        .order_by(k.at.desc(), k.id.desc())
    )
    if actor:
        query = query.where(k.actor == actor)
    if rm_code:
        query = query.where(c.rm_code == rm_code)
    if since:
        query = query.where(k.at >= since)
    if customer_id:
        query = query.where(k.customer_id == customer_id)
    return conn.execute(query).fetchall()
