"""What complaint handling reads and writes: complaints with their customers' name and RM."""

from __future__ import annotations

from collections.abc import Collection
from datetime import date
from typing import Any

from sqlalchemy import Connection, Row, Select, select, update

from bankcrm_cli.store.tables import complaints_table, customers_table


def with_customer() -> Select:
    """Complaints joined to their customer's `name` and `rm_code`."""
    c = customers_table.c
    return select(complaints_table, c.name, c.rm_code).join(
        customers_table, c.customer_id == complaints_table.c.customer_id
    )


def insert_complaint(conn: Connection, values: dict[str, Any]) -> int:
    """Keep one complaint (columns of the complaints table); returns its number."""
    return conn.execute(complaints_table.insert(), values).inserted_primary_key[0]


def complaint_row(conn: Connection, complaint_id: int) -> Row | None:
    """One complaint with its customer's `name` and `rm_code`; None when there is none."""
    query = with_customer().where(complaints_table.c.id == complaint_id)
    return conn.execute(query).first()


def update_complaint(conn: Connection, complaint_id: int, values: dict[str, Any]) -> None:
    t = complaints_table.c
    conn.execute(update(complaints_table).where(t.id == complaint_id).values(values))


def complaint_rows(
    conn: Connection,
    *,
    status: str | None = None,
    statuses: Collection[str] | None = None,
    rm_code: str | None = None,
    due_before: date | None = None,
    due_by: date | None = None,
    customer_id: str | None = None,
) -> list[Row]:
    """Complaints with their customers' name and RM code, by deadline then number."""
    t = complaints_table.c
    query = with_customer().order_by(t.due_date, t.id)
    if status:
        query = query.where(t.status == status)
    if rm_code:
        query = query.where(customers_table.c.rm_code == rm_code)
    if statuses is not None:
        query = query.where(t.status.in_(tuple(statuses)))
    if due_before is not None:
        query = query.where(t.due_date < due_before)
    if due_by is not None:
        query = query.where(t.due_date <= due_by)
    if customer_id:
        query = query.where(t.customer_id == customer_id)
    return conn.execute(query).fetchall()


def complaints_received(conn: Connection, since: date | None = None) -> list[Row]:
    """Every complaint (received on or after `since`), in number order."""
    t = complaints_table.c
    # In number order, so that equal counts list in the order they first came in, on any store
    # (PostgreSQL returns an updated row elsewhere than SQLite does).
    query = select(complaints_table).order_by(t.id)
    if since:
        query = query.where(t.received_on >= since)
    return conn.execute(query).fetchall()
