"""The rows a customer merge and its unmerge read and move.

Rows belong to a customer through their customer_id in the OWNED tables; a merge moves them
by id, and its snapshot (JSON in `merges`) stores values as text that `decode_customer_field`
and the snapshot inserts turn back into the column's type.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date, datetime
from typing import Any

from sqlalchemy import Connection, Date, DateTime, Row, Table, select, update
from sqlalchemy.types import TypeDecorator

from bankcrm_cli.store.tables import (
    campaign_member_events_table,
    campaign_members_table,
    complaints_table,
    contacts_table,
    customer_aliases_table,
    customers_table,
    deliveries_table,
    followup_actions_table,
    holdings_table,
    merges_table,
)

# Tables whose rows belong to a customer through their customer_id, and their key.
OWNED: dict[str, tuple[Table, str]] = {
    "holdings": (holdings_table, "account_id"),
    "contacts": (contacts_table, "id"),
    "complaints": (complaints_table, "id"),
    "deliveries": (deliveries_table, "id"),
    # A campaign membership goes with the person; after a merge both rows of one campaign stay
    # (the reads keep the contacted one: services/campaigns/members.py) so an unmerge splits
    # them again.
    "campaign_members": (campaign_members_table, "id"),
    "campaign_steps": (campaign_member_events_table, "id"),
}
OWNED_KINDS: tuple[str, ...] = tuple(OWNED)
# Ids per IN (...) list: under SQLite's default variable limit.
_CHUNK = 900

_d = deliveries_table.c
_f = followup_actions_table.c
_a = customer_aliases_table.c
_m = merges_table.c


# --- snapshot values back to the column's type ---------------------------------------------


def _decode(table: Table, name: str, value: Any) -> Any:
    if value is None:
        return None
    kind = table.c[name].type
    if isinstance(kind, TypeDecorator):
        kind = kind.impl
    if isinstance(kind, DateTime):
        return datetime.fromisoformat(value)
    if isinstance(kind, Date):
        return date.fromisoformat(value)
    return value


def _decode_row(table: Table, data: Mapping[str, Any]) -> dict[str, Any]:
    return {name: _decode(table, name, value) for name, value in data.items()}


def decode_customer_field(name: str, value: Any) -> Any:
    """A customer field's value as stored in a snapshot, in the column's type."""
    return _decode(customers_table, name, value)


# --- rows owned by a customer ------------------------------------------------------------------


def owned_ids(conn: Connection, kind: str, customer_id: str) -> list[Any]:
    """The ids of a customer's rows of one OWNED kind, in id order."""
    table, key = OWNED[kind]
    query = select(table.c[key]).where(table.c.customer_id == customer_id).order_by(table.c[key])
    return list(conn.execute(query).scalars())


def owned_ids_added_since(
    conn: Connection, kind: str, customer_id: str, since: datetime
) -> list[Any]:
    """The ids of a customer's rows of one OWNED kind created at or after `since`."""
    table, key = OWNED[kind]
    query = (
        select(table.c[key])
        .where(table.c.customer_id == customer_id, table.c.created_at >= since)
        .order_by(table.c[key])
    )
    return list(conn.execute(query).scalars())


def owners_of(conn: Connection, kind: str, ids: list[Any]) -> dict[Any, str]:
    """The customer each of these rows belongs to now (deleted rows are missing)."""
    table, key = OWNED[kind]
    found: dict[Any, str] = {}
    for start in range(0, len(ids), _CHUNK):
        chunk = ids[start : start + _CHUNK]
        query = select(table.c[key], table.c.customer_id).where(table.c[key].in_(chunk))
        found.update((row_id, owner) for row_id, owner in conn.execute(query))
    return found


def move_owned_rows(conn: Connection, kind: str, ids: list[Any], customer_id: str) -> None:
    """Give these rows of one OWNED kind to `customer_id`."""
    table, key = OWNED[kind]
    for start in range(0, len(ids), _CHUNK):
        conn.execute(
            update(table)
            .where(table.c[key].in_(ids[start : start + _CHUNK]))
            .values(customer_id=customer_id)
        )


# --- deliveries --------------------------------------------------------------------------------


def delivery_campaigns_of(conn: Connection, customer_id: str) -> list[Row]:
    """A customer's deliveries as (id, campaign, channel), in id order."""
    query = (
        select(_d.id, _d.campaign, _d.channel).where(_d.customer_id == customer_id).order_by(_d.id)
    )
    return list(conn.execute(query).all())


def campaign_channels_of(conn: Connection, customer_id: str) -> set[tuple[str, str]]:
    """The (campaign, channel) pairs a customer has deliveries of."""
    query = select(_d.campaign, _d.channel).where(_d.customer_id == customer_id)
    return {(row.campaign, row.channel) for row in conn.execute(query)}


def delivery_rows(conn: Connection, ids: list[int]) -> list[dict[str, Any]]:
    """These deliveries' whole rows."""
    query = select(deliveries_table).where(_d.id.in_(ids))
    return [dict(row._mapping) for row in conn.execute(query)]


def delivery_exists(conn: Connection, delivery_id: int) -> bool:
    return conn.execute(select(_d.id).where(_d.id == delivery_id)).first() is not None


def delete_deliveries(conn: Connection, ids: list[int]) -> None:
    conn.execute(deliveries_table.delete().where(_d.id.in_(ids)))


def insert_delivery_snapshot(conn: Connection, data: Mapping[str, Any]) -> None:
    """Put back a delivery row kept in a snapshot."""
    conn.execute(deliveries_table.insert(), _decode_row(deliveries_table, data))


# --- follow-up states --------------------------------------------------------------------------


def followup_states_starting(conn: Connection, prefix: str) -> list[tuple[int, str]]:
    """(id, item_id) of follow-up states whose item id starts with `prefix`, in id order.

    LIKE ignores ASCII case: the caller checks the exact prefix.
    """
    query = (
        select(_f.id, _f.item_id)
        .where(_f.item_id.startswith(prefix, autoescape=True))
        .order_by(_f.id)
    )
    return [(action_id, item_id) for action_id, item_id in conn.execute(query)]


def followup_item_id(conn: Connection, action_id: int) -> str | None:
    return conn.execute(select(_f.item_id).where(_f.id == action_id)).scalar_one_or_none()


def set_followup_item_id(conn: Connection, action_id: int, item_id: str) -> None:
    conn.execute(update(followup_actions_table).where(_f.id == action_id).values(item_id=item_id))


# --- customers and aliases ---------------------------------------------------------------------


def update_customer_fields(conn: Connection, customer_id: str, values: Mapping[str, Any]) -> None:
    conn.execute(
        update(customers_table)
        .where(customers_table.c.customer_id == customer_id)
        .values(dict(values))
    )


def delete_customer(conn: Connection, customer_id: str) -> None:
    conn.execute(customers_table.delete().where(customers_table.c.customer_id == customer_id))


def insert_customer_snapshot(conn: Connection, data: Mapping[str, Any]) -> None:
    """Put back a customer row kept in a snapshot."""
    conn.execute(customers_table.insert(), _decode_row(customers_table, data))


def insert_alias(
    conn: Connection, alias_id: str, customer_id: str, merge_id: int, created_at: datetime
) -> None:
    conn.execute(
        customer_aliases_table.insert(),
        {
            "alias_id": alias_id,
            "customer_id": customer_id,
            "merge_id": merge_id,
            "created_at": created_at,
        },
    )


def delete_alias(conn: Connection, alias_id: str) -> None:
    conn.execute(customer_aliases_table.delete().where(_a.alias_id == alias_id))


def repoint_aliases_of(conn: Connection, from_id: str, to_id: str) -> None:
    """Every alias naming `from_id` names `to_id` instead."""
    conn.execute(
        update(customer_aliases_table).where(_a.customer_id == from_id).values(customer_id=to_id)
    )


def repoint_aliases(conn: Connection, alias_ids: Iterable[str], customer_id: str) -> None:
    """These aliases name `customer_id`."""
    conn.execute(
        update(customer_aliases_table)
        .where(_a.alias_id.in_(list(alias_ids)))
        .values(customer_id=customer_id)
    )


# --- the merges log ----------------------------------------------------------------------------


def insert_customer_merge(
    conn: Connection, *, keep_id: str, other_id: str, actor: str, at: datetime
) -> int:
    """A new merge with an empty snapshot; its id."""
    return conn.execute(
        merges_table.insert(),
        {"keep_id": keep_id, "other_id": other_id, "snapshot": "{}", "actor": actor, "at": at},
    ).inserted_primary_key[0]


def set_customer_merge_snapshot(conn: Connection, merge_id: int, snapshot: str) -> None:
    conn.execute(update(merges_table).where(_m.id == merge_id).values(snapshot=snapshot))


def active_customer_merge_of(conn: Connection, other_id: str) -> Row | None:
    """The latest merge of OTHER not undone yet, or None."""
    query = (
        select(merges_table)
        .where(_m.other_id == other_id, _m.undone_at.is_(None))
        .order_by(_m.id.desc())
        .limit(1)
    )
    return conn.execute(query).first()


def mark_customer_merge_undone(
    conn: Connection, merge_id: int, *, at: datetime, actor: str
) -> None:
    conn.execute(
        update(merges_table).where(_m.id == merge_id).values(undone_at=at, undone_by=actor)
    )
