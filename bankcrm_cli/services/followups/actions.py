"""Done and snoozed: the actions an RM takes on a follow-up, kept with who and when."""

from __future__ import annotations

from datetime import UTC, date, datetime

from sqlalchemy import Engine

from bankcrm_cli.domain.errors import NotFound, Refused
from bankcrm_cli.domain.followups import FollowupId, FollowupKind
from bankcrm_cli.store.engine import write_transaction
from bankcrm_cli.store.queries import followups as queries


def _survivor(engine: Engine, followup: FollowupId) -> FollowupId:
    """A birthday id naming a merged-away customer number is the survivor's birthday."""
    from bankcrm_cli.services.customers.aliases import resolve_customer_id

    if followup.kind is not FollowupKind.birthday or not followup.key:
        return followup
    with engine.connect() as conn:
        survivor = resolve_customer_id(conn, followup.key)
    return followup if survivor == followup.key else followup.with_key(survivor)


def _require_stored(engine: Engine, followup: FollowupId) -> None:
    """NotFound unless the customer, account, contact or complaint the id names is stored."""
    key = followup.key if followup.kind.dated else followup.number
    with engine.connect() as conn:
        if not queries.followup_key_exists(conn, followup.kind.value, key):
            raise NotFound(f"no follow-up {str(followup)!r}: {key} is not in the store")


def record_action(
    engine: Engine,
    item_id: str,
    action: str,
    actor: str,
    *,
    until: date | None = None,
    note: str | None = None,
) -> None:
    """Mark a follow-up done, or snooze it until a date; kept with who and when."""
    followup = _survivor(engine, FollowupId.parse(item_id))
    _require_stored(engine, followup)
    if followup.kind is FollowupKind.complaint and action == "done":
        raise Refused(
            "a complaint is done when it is resolved: crm complaints resolve "
            f"{followup.key} --resolution TEXT"
        )
    with write_transaction(engine) as conn:
        if followup.kind is FollowupKind.callback and action == "done":
            from bankcrm_cli.services.contacts.calls import close_callbacks

            customer = queries.contact_customer(conn, followup.number)
            close_callbacks(conn, customer, actor, by_contact=None, only=followup.number)
        queries.insert_followup_action(
            conn,
            item_id=str(followup),
            kind=followup.kind.value,
            action=action,
            until=until,
            note=note,
            actor=actor,
            at=datetime.now(UTC),
        )
