"""A complaint as the commands and the workbench show it, and a customer's open complaints
read without SQLAlchemy on a SQLite store (the workbench's customer pane, store/reads.py)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from bankcrm_cli.domain import complaints as rules


@dataclass(frozen=True)
class ComplaintView:
    id: int
    customer_id: str
    name: str
    rm_code: str | None
    category: str
    summary: str
    channel: str
    policy: str
    payment_services: bool
    status: str
    received_at: datetime
    received_on: date
    due_date: date
    level: str | None
    overdue: bool
    breached: bool
    root_cause: str | None
    resolution: str | None
    resolved_at: datetime | None
    closed_at: datetime | None


def complaint_view(row, today: date) -> ComplaintView:
    """A complaint row (with its customer's `name` and `rm_code`) as shown on `today`."""
    return ComplaintView(
        id=row.id,
        customer_id=row.customer_id,
        name=row.name,
        rm_code=row.rm_code,
        category=row.category,
        summary=row.summary,
        channel=row.channel,
        policy=row.policy,
        payment_services=bool(row.payment_services),
        status=row.status,
        received_at=row.received_at,
        received_on=row.received_on,
        due_date=row.due_date,
        level=row.level,
        overdue=rules.is_overdue(row.due_date, row.status, today),
        breached=bool(row.breached),
        root_cause=row.root_cause,
        resolution=row.resolution,
        resolved_at=row.resolved_at,
        closed_at=row.closed_at,
    )


def open_complaints_of(store: Any, customer_id: str, *, today: date) -> list[ComplaintView]:
    """The complaints of the customer numbered `customer_id` (their current number) still
    being handled, by deadline: `crm complaints list --customer ID --open`'s rows."""
    from bankcrm_cli.store import reads

    with store.connect() as conn:
        rows = reads.rows(
            conn,
            "complaint_rows_of_customer",
            (),
            {"customer_id": customer_id, "statuses": list(rules.OPEN_STATUSES)},
        )
    return [complaint_view(row, today) for row in rows]
