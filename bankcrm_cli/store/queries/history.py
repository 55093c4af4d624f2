"""The history table (append-only trail of changes) and the sent deliveries shown beside it."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Connection, Row, select

from bankcrm_cli.store.tables import history_table

_h = history_table.c


def insert_history_entry(
    conn: Connection,
    *,
    at: datetime,
    actor: str,
    entity: str,
    entity_id: str,
    customer_id: str | None,
    action: str,
    changes: str | None,
    reason: str | None,
) -> None:
    """Append one entry; `changes` is already JSON text."""
    conn.execute(
        history_table.insert(),
        {
            "at": at,
            "actor": actor,
            "entity": entity,
            "entity_id": entity_id,
            "customer_id": customer_id,
            "action": action,
            "changes": changes,
            "reason": reason,
        },
    )


def history_rows(conn: Connection, entity: str, entity_id: str) -> list[Row]:
    """Entries about one thing, oldest first."""
    query = (
        select(history_table).where(_h.entity == entity, _h.entity_id == entity_id).order_by(_h.id)
    )
    return list(conn.execute(query))
