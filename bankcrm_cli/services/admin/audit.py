"""The reveal audit: who saw ID numbers or phones in full, when, of whom (compliance reads)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sqlalchemy import Engine


@dataclass(frozen=True)
class AuditEntry:
    id: int
    at: datetime
    login: str
    actor: str
    what: str
    customer_id: str | None


def audit_entries(
    engine: Engine, *, since: datetime | None, who: str | None, customer_id: str | None
) -> list[AuditEntry]:
    """The audit, oldest first; only compliance may read it (the database refuses others)."""
    from bankcrm_cli.services.admin.identity import _require_team_store
    from bankcrm_cli.store.queries.identity import audit_rows

    _require_team_store(engine, "crm audit")
    with engine.connect() as conn:
        rows = audit_rows(conn, since=since, who=who, customer_id=customer_id)
    return [AuditEntry(r.id, r.at, r.login, r.actor, r.what, r.customer_id) for r in rows]
