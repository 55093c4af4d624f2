"""Complaints: opened, handled and closed within their regulatory deadlines, every change kept."""

from __future__ import annotations

import statistics
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import Engine

from bankcrm_cli.domain import complaints as rules
from bankcrm_cli.domain.catalogue import t
from bankcrm_cli.domain.dates import LONGEST_WINDOW_DAYS, check_day
from bankcrm_cli.domain.errors import NotFound, Refused, UsageError
from bankcrm_cli.services.contacts.calls import require_customer
from bankcrm_cli.services.contacts.complaint_views import ComplaintView, complaint_view
from bankcrm_cli.services.customers import history
from bankcrm_cli.services.customers.aliases import resolve_customer_id
from bankcrm_cli.store.engine import write_transaction
from bankcrm_cli.store.queries import complaints as queries

CHANNELS = ("counter", "phone", "letter", "email", "online", "regulator")


@dataclass(frozen=True)
class ComplaintStats:
    since: date | None
    received: int
    resolved: int
    breached: int
    breach_rate: float | None
    within_deadline_rate: float | None
    median_handling_days: float | None
    by_category: dict[str, int] = field(default_factory=dict)
    by_root_cause: dict[str, int] = field(default_factory=dict)
    by_channel: dict[str, int] = field(default_factory=dict)


def open_complaint(
    engine: Engine,
    customer_id: str,
    *,
    category: str,
    summary: str,
    actor: str,
    received_at: datetime,
    received_on: date,
    channel: str = "counter",
    policy: str = "cn-nfra",
    payment_services: bool = False,
) -> tuple[int, date]:
    """Record a complaint; returns its id and its deadline."""
    if channel not in CHANNELS:
        raise UsageError(t("err.one_of", option="--channel", choices=", ".join(CHANNELS)))
    if policy not in rules.POLICIES:
        raise UsageError(t("err.one_of", option="--policy", choices=", ".join(rules.POLICIES)))
    if not category.strip() or not summary.strip():
        raise UsageError(t("err.cp.empty"))
    check_day(received_on, "--received")
    due = rules.deadline(policy, received_on, payment_services=payment_services)
    stamp = history.now()
    with write_transaction(engine) as conn:
        require_customer(conn, customer_id)
        customer_id = resolve_customer_id(conn, customer_id)
        complaint_id = queries.insert_complaint(
            conn,
            {
                "customer_id": customer_id,
                "category": category.strip(),
                "summary": summary.strip(),
                "channel": channel,
                "policy": policy,
                "payment_services": payment_services,
                "received_at": received_at,
                "received_on": received_on,
                "due_date": due,
                "status": "open",
                "breached": False,
                "actor": actor,
                "created_at": stamp,
                "updated_at": stamp,
            },
        )
        history.record(
            conn,
            actor=actor,
            entity="complaint",
            entity_id=complaint_id,
            customer_id=customer_id,
            action="open",
            changes={"status": (None, "open"), "due_date": (None, due), "policy": (None, policy)},
            reason=summary.strip(),
            at=received_at,
        )
    return complaint_id, due


def act(
    engine: Engine,
    complaint_id: int,
    action: str,
    *,
    actor: str,
    today: date,
    note: str | None = None,
    level: str | None = None,
    approved_by: str | None = None,
    resolution: str | None = None,
    root_cause: str | None = None,
    at: datetime | None = None,
    on: date | None = None,
) -> ComplaintView:
    """Move a complaint on (ack, progress, extend, resolve, close, reopen), or Refused."""
    if on is not None:
        check_day(on, "--at")
    with write_transaction(engine) as conn:
        row = queries.complaint_row(conn, complaint_id)
        if row is None:
            raise NotFound(t("err.no_complaint", id=complaint_id))
        status = rules.next_status(row.status, action)
        values: dict[str, Any] = {"status": status}
        if action == "extend":
            values.update(_extension(row, level, approved_by))
        elif action == "resolve":
            if not resolution or not resolution.strip():
                raise UsageError(t("err.cp.resolution"))
            values.update(_resolution(row, resolution, root_cause, at, on or today, today))
        elif action == "close":
            values["closed_at"] = at or history.now()
        elif action == "reopen":
            if not note or not note.strip():
                raise UsageError(t("err.cp.reason"))
            values.update(resolved_at=None, resolved_on=None, closed_at=None)
        changes = {k: (getattr(row, k), v) for k, v in values.items() if getattr(row, k) != v}
        values["updated_at"] = history.now()
        queries.update_complaint(conn, complaint_id, values)
        history.record(
            conn,
            actor=actor,
            entity="complaint",
            entity_id=complaint_id,
            customer_id=row.customer_id,
            action=action,
            changes=changes,
            reason=note or resolution,
        )
    return get_complaint(engine, complaint_id, today)


def _extension(row, level: str | None, approved_by: str | None) -> dict[str, Any]:
    if level is None:
        raise UsageError(t("err.cp.level"))
    rules.can_extend(row.policy, bool(row.payment_services), row.level, level)
    if rules.needs_approver(row.policy, level) and not approved_by:
        raise Refused(t("cx.needs_approver", level=t(f"cx.level.{level}"), policy=row.policy))
    due = rules.deadline(
        row.policy, row.received_on, payment_services=bool(row.payment_services), level=level
    )
    return {"level": level, "due_date": due, "approved_by": approved_by or row.approved_by}


def _resolution(row, text: str, root_cause, at, resolved_on: date, today: date) -> dict[str, Any]:
    if resolved_on < row.received_on:
        raise Refused(
            t("cx.resolution_before_received", resolved=resolved_on, received=row.received_on)
        )
    values: dict[str, Any] = {
        "resolution": text.strip(),
        "resolved_at": at or history.now(),
        "resolved_on": resolved_on,
    }
    if root_cause:
        values["root_cause"] = root_cause.strip()
    if rules.is_breached(row.due_date, resolved_on, today):
        # A breach is for good: a later reopen and resolve does not wipe it.
        values["breached"] = True
        values["breached_on"] = resolved_on
    return values


def get_complaint(engine: Engine, complaint_id: int, today: date) -> ComplaintView:
    with engine.connect() as conn:
        row = queries.complaint_row(conn, complaint_id)
    if row is None:
        raise NotFound(t("err.no_complaint", id=complaint_id))
    return complaint_view(row, today)


def list_complaints(
    engine: Engine,
    *,
    today: date,
    status: str | None = None,
    overdue: bool = False,
    due_within: int | None = None,
    rm_code: str | None = None,
    customer_id: str | None = None,
    open_only: bool = False,
) -> list[ComplaintView]:
    """Complaints by deadline; `due_within` keeps open ones due in that many days (or past),
    `open_only` the ones not yet resolved or closed."""
    if status and status not in rules.STATUSES:
        raise UsageError(t("err.one_of", option="--status", choices=", ".join(rules.STATUSES)))
    if due_within is not None and not 0 <= due_within <= LONGEST_WINDOW_DAYS:
        raise UsageError(t("cx.due_within", days=LONGEST_WINDOW_DAYS))
    only_open = overdue or open_only or due_within is not None
    with engine.connect() as conn:
        if customer_id:
            customer_id = resolve_customer_id(conn, customer_id)
        rows = queries.complaint_rows(
            conn,
            status=status,
            statuses=rules.OPEN_STATUSES if only_open else None,
            rm_code=rm_code,
            due_before=today if overdue else None,
            due_by=None if due_within is None else today + timedelta(days=due_within),
            customer_id=customer_id,
        )
    return [complaint_view(row, today) for row in rows]


def complaint_stats(engine: Engine, *, since: date | None = None) -> ComplaintStats:
    """Counts by category, root cause and channel; handling days; breach rate."""
    with engine.connect() as conn:
        rows = queries.complaints_received(conn, since)
    resolved = [r for r in rows if r.resolved_on is not None]
    days = [rules.handling_days(r.received_on, r.resolved_on) for r in resolved]
    breached = sum(1 for r in rows if r.breached)
    return ComplaintStats(
        since=since,
        received=len(rows),
        resolved=len(resolved),
        breached=breached,
        breach_rate=round(breached / len(resolved), 4) if resolved else None,
        within_deadline_rate=round(1 - breached / len(resolved), 4) if resolved else None,
        median_handling_days=statistics.median(days) if days else None,
        by_category=dict(Counter(r.category for r in rows).most_common()),
        by_root_cause=dict(Counter(r.root_cause or "(not recorded)" for r in rows).most_common()),
        by_channel=dict(Counter(r.channel for r in rows).most_common()),
    )
