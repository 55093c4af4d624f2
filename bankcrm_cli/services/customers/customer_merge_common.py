"""What a customer merge and its unmerge share: the transaction, the follow-up states that
belong to a customer, snapshot values, and how both are told in the history."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from datetime import date, datetime
from typing import Any

from sqlalchemy import Connection, Engine

from bankcrm_cli.domain.followups import FollowupId, FollowupKind
from bankcrm_cli.services.customers import history
from bankcrm_cli.store.engine import write_transaction
from bankcrm_cli.store.queries import customer_merge as queries

SNAPSHOT_VERSION = 1


@contextmanager
def customer_merge_transaction(engine: Engine, dry_run: bool) -> Iterator[Connection]:
    """A write transaction, or for a dry run a read that takes no write lock."""
    if dry_run:
        with engine.connect() as conn:
            yield conn
        return
    with write_transaction(engine) as conn:
        yield conn


def encode(value: Any) -> Any:
    """A value fit for the snapshot's JSON (the store decodes it by column type)."""
    return value.isoformat() if isinstance(value, date | datetime) else value


def encode_row(row: Mapping[str, Any]) -> dict[str, Any]:
    return {name: encode(value) for name, value in row.items()}


def birthday_prefix(customer_id: str) -> str:
    return FollowupId.key_prefix(FollowupKind.birthday, customer_id)


def birthday_states(conn: Connection, customer_id: str) -> list[tuple[int, str]]:
    """Done and snoozed birthdays of this customer (their ids embed the customer number)."""
    prefix = birthday_prefix(customer_id)
    rows = queries.followup_states_starting(conn, prefix)
    # LIKE ignores ASCII case, and `birthday:A:` also starts customer `A:B`'s items: only an
    # exact prefix followed by a date alone is this customer's.
    return [
        (i, item) for i, item in rows if item.startswith(prefix) and ":" not in item[len(prefix) :]
    ]


def _masked(name: str, value: Any) -> Any:
    """Values fit for the history, which `crm customers show` prints: no ID or phone in full."""
    from bankcrm_cli.domain.masking import mask_id, mask_phone

    if value is None:
        return None
    if name in ("id_number", "id_number_raw"):
        return mask_id(str(value))
    if name == "phone":
        return mask_phone(str(value))
    return value


def masked_changes(changes: Mapping[str, tuple[Any, Any]]) -> dict[str, tuple[Any, Any]]:
    return {k: (_masked(k, b), _masked(k, a)) for k, (b, a) in changes.items()}


def why(text: str, reason: str | None) -> str:
    """The history's reason: what happened, and the user's why when given."""
    return f"{text}: {reason.strip()}" if reason and reason.strip() else text


def record_both(
    conn: Connection,
    *,
    actor: str,
    stamp: datetime,
    because: str,
    keep: tuple[str, str, dict | None],
    other: tuple[str, str, dict | None],
) -> None:
    """One history entry for each of the two customers: (customer, action, changes) each, the
    same why and moment for both."""
    for customer_id, action, changes in (keep, other):
        history.record(
            conn,
            actor=actor,
            entity="customer",
            entity_id=customer_id,
            customer_id=customer_id,
            action=action,
            changes=changes,
            reason=because,
            at=stamp,
        )
