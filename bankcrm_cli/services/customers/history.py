"""The append-only trail of changes: written inside each change's own transaction."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from bankcrm_cli.domain.catalogue import t, t_or
from bankcrm_cli.store.queries import customer_view

if TYPE_CHECKING:
    from sqlalchemy import Connection, Engine

    from bankcrm_cli.store.lite import LiteStore


@dataclass(frozen=True)
class HistoryView:
    at: datetime
    actor: str
    entity: str
    entity_id: str
    customer_id: str | None
    action: str
    changes: dict[str, Any] | None
    reason: str | None


def now() -> datetime:
    return datetime.now(UTC)


def _jsonable(value: Any) -> Any:
    return value.isoformat() if hasattr(value, "isoformat") else value


def record(
    conn: Connection,
    *,
    actor: str,
    entity: str,
    entity_id: str | int,
    action: str,
    customer_id: str | None = None,
    changes: dict[str, tuple[Any, Any]] | None = None,
    reason: str | None = None,
    at: datetime | None = None,
) -> None:
    """Append one entry; `changes` maps a field to (before, after)."""
    encoded = None
    if changes:
        encoded = json.dumps(
            {k: [_jsonable(b), _jsonable(a)] for k, (b, a) in changes.items()}, ensure_ascii=False
        )
    from bankcrm_cli.store.queries.history import insert_history_entry

    insert_history_entry(
        conn,
        at=at or now(),
        actor=actor,
        entity=entity,
        entity_id=str(entity_id),
        customer_id=customer_id,
        action=action,
        changes=encoded,
        reason=reason,
    )


def _view(row) -> HistoryView:
    return HistoryView(
        at=row.at,
        actor=row.actor,
        entity=row.entity,
        entity_id=row.entity_id,
        customer_id=row.customer_id,
        action=row.action,
        changes=json.loads(row.changes) if row.changes else None,
        reason=row.reason,
    )


def history_of(engine: Engine, entity: str, entity_id: str | int) -> list[HistoryView]:
    """Everything recorded about one thing, oldest first."""
    from bankcrm_cli.store.queries.history import history_rows

    with engine.connect() as conn:
        return [_view(row) for row in history_rows(conn, entity, str(entity_id))]


def history_of_customer(
    engine: Engine | LiteStore, customer_id: str, aliases: Sequence[str] = ()
) -> list[HistoryView]:
    """Everything recorded about a customer (and under numbers merged into it), newest first:
    the history, and the mail-merge deliveries made to them (kept in their own log)."""
    numbers = [customer_id, *aliases]
    with engine.connect() as conn:
        found = customer_view.history_rows_of_customers(conn, numbers)
        entries = [_view(row) for row in found]
        sent = customer_view.sent_delivery_rows(conn, numbers)
        entries += [_delivery_view(row) for row in sent]
        entries += campaign_entries(conn, numbers)
    # Stable: equal times keep the newest-recorded first.
    entries.sort(key=lambda entry: entry.at, reverse=True)
    return entries


def campaign_entries(conn, numbers: Sequence[str]) -> list[HistoryView]:
    """Campaign membership (with its side of the holdout draw) and each step, as entries."""
    entries = [
        HistoryView(
            at=row.drawn_at,
            actor=row.actor,
            entity="campaign",
            entity_id=row.name,
            customer_id=row.customer_id,
            action="targeted",
            changes=None,
            reason=row.title + (" · " + t("camp.holdout_note") if row.holdout else ""),
        )
        for row in customer_view.customer_memberships(conn, numbers)
    ]
    for row in customer_view.customer_steps(conn, numbers):
        how = t("camp.by_channel", channel=t_or("channel", row.channel)) if row.channel else ""
        note = f": {row.note}" if row.note else ""
        entries.append(
            HistoryView(
                row.at,
                row.actor,
                "campaign",
                row.name,
                row.customer_id,
                row.step,
                None,
                f"{row.title}{how}{note}",
            )  # fmt: skip
        )
    return entries


def _delivery_view(row) -> HistoryView:
    return HistoryView(
        at=row.sent_at,
        actor=row.actor,
        entity="delivery",
        entity_id=str(row.id),
        customer_id=row.customer_id,
        action="sent",
        changes=None,
        reason=f"{row.channel} {row.template} ({row.campaign})",
    )


def record_reveal(engine: Engine, *, actor: str, what: str, customer_ids: list[str]) -> None:
    """Leave a trace of PII shown in full: who, when, what, and for which customers."""
    from bankcrm_cli.store.engine import write_transaction

    with write_transaction(engine) as conn:
        _audit_reveal(conn, actor=actor, what=what, customer_ids=customer_ids)
        single = customer_ids[0] if len(customer_ids) == 1 else None
        record(
            conn,
            actor=actor,
            entity="customer" if single else "customers",
            entity_id=single or what,
            customer_id=single,
            action="reveal",
            changes={"customers": (None, len(customer_ids))} if not single else None,
            reason=what if single else ", ".join(customer_ids[:50]),
        )


def _audit_reveal(conn: Connection, *, actor: str, what: str, customer_ids: list[str]) -> None:
    """On a team store, the append-only audit too (the database refuses head office)."""
    from bankcrm_cli.store.queries.identity import has_team_roles, insert_reveals

    if has_team_roles(conn):
        insert_reveals(conn, actor=actor, what=what, customer_ids=list(customer_ids) or [None])
