"""Merging two records of one customer (the seed's single customer view), and undoing it.

`merge_customers` moves everything of OTHER to KEEP, fills KEEP's blanks, combines consent,
removes OTHER's row and makes OTHER's number an alias of KEEP. The `merges` row keeps a
snapshot that `unmerge_customer` replays backwards: OTHER's whole row, KEEP's values before
and after for every field the merge changed, the ids of every row moved, the deliveries set
aside and the aliases re-pointed.

An unmerge is refused, with the conflict named, when undoing would overwrite or lose a later
change: KEEP was itself merged since, OTHER's number is in use again, a field the merge changed
has changed since, a moved row was deleted or moved on, or a set-aside delivery's number was
taken. Rows added to KEEP after the merge (say a call logged under OTHER's number) cannot be
told apart from KEEP's own: they stay with KEEP, and the unmerge lists them.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from typing import Any

from sqlalchemy import Connection, Date, DateTime, Engine, Table, select, update
from sqlalchemy.types import TypeDecorator

from bankcrm_cli.domain import merging as rules
from bankcrm_cli.domain.errors import NotFound, Refused
from bankcrm_cli.domain.followups import FollowupId, FollowupKind
from bankcrm_cli.services import history
from bankcrm_cli.services.aliases import aliases_of, resolve_customer_id
from bankcrm_cli.store.engine import write_transaction
from bankcrm_cli.store.tables import (
    complaints_table,
    contacts_table,
    customer_aliases_table,
    customers_table,
    deliveries_table,
    followup_actions_table,
    holdings_table,
    merges_table,
)

SNAPSHOT_VERSION = 1
# Tables whose rows belong to a customer through their customer_id, and their key.
OWNED: dict[str, tuple[Table, str]] = {
    "holdings": (holdings_table, "account_id"),
    "contacts": (contacts_table, "id"),
    "complaints": (complaints_table, "id"),
    "deliveries": (deliveries_table, "id"),
}
ROW_NAMES = {
    "holdings": "holding",
    "contacts": "contact",
    "complaints": "complaint",
    "deliveries": "delivery",
}
_CONFLICTS_SHOWN = 3


@dataclass(frozen=True)
class MergePlan:
    """What a merge does (or, with --dry-run, would do)."""

    keep_id: str
    other_id: str
    keep_name: str
    other_name: str
    # KEEP's fields: name -> (before, after)
    changes: dict[str, tuple[Any, Any]]
    # Values both records have and that differ: name -> (KEEP's, kept; OTHER's, dropped)
    kept: dict[str, tuple[Any, Any]]
    # Rows moving to KEEP, per table: their ids
    moved: dict[str, list[Any]]
    # Follow-up states moving to KEEP: their item ids as they were
    followups: list[str]
    # OTHER's deliveries of a campaign and channel KEEP already had: set aside, kept for unmerge
    set_aside: list[int]
    # Numbers that name KEEP afterwards: OTHER, and aliases OTHER had
    new_aliases: list[str]
    # KEEP as given on the command line, when it was itself an alias of the survivor
    keep_named_as: str | None = None
    forced: list[str] = field(default_factory=list)
    dry_run: bool = False
    merge_id: int | None = None


@dataclass(frozen=True)
class UnmergePlan:
    """What an unmerge does (or, with --dry-run, would do)."""

    keep_id: str
    other_id: str
    merge_id: int
    # KEEP's fields given back their values from before the merge: name -> (now, restored)
    restored: dict[str, tuple[Any, Any]]
    # Rows going back to OTHER, per table: their ids
    moved_back: dict[str, list[Any]]
    followups: list[str]
    deliveries_restored: list[int]
    aliases_back: list[str]
    # Rows added to KEEP since the merge: they stay with KEEP
    stayed: dict[str, list[Any]]
    dry_run: bool = False


# --- snapshot encoding: JSON values back to the column's type --------------------------------


def _encode(value: Any) -> Any:
    return value.isoformat() if isinstance(value, date | datetime) else value


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


def _encode_row(row: Mapping[str, Any]) -> dict[str, Any]:
    return {name: _encode(value) for name, value in row.items()}


def _decode_row(table: Table, data: Mapping[str, Any]) -> dict[str, Any]:
    return {name: _decode(table, name, value) for name, value in data.items()}


# --- shared look-ups ----------------------------------------------------------------------------


@contextmanager
def _transaction(engine: Engine, dry_run: bool) -> Iterator[Connection]:
    """A write transaction, or for a dry run a read that takes no write lock."""
    if dry_run:
        with engine.connect() as conn:
            yield conn
        return
    with write_transaction(engine) as conn:
        yield conn


def _customer(conn: Connection, customer_id: str):
    c = customers_table.c
    return conn.execute(select(customers_table).where(c.customer_id == customer_id)).first()


def _alias_row(conn: Connection, number: str):
    a = customer_aliases_table.c
    return conn.execute(select(customer_aliases_table).where(a.alias_id == number)).first()


def _owned_ids(conn: Connection, name: str, customer_id: str) -> list[Any]:
    table, key = OWNED[name]
    query = select(table.c[key]).where(table.c.customer_id == customer_id).order_by(table.c[key])
    return list(conn.execute(query).scalars())


def _birthday_prefix(customer_id: str) -> str:
    return FollowupId.key_prefix(FollowupKind.birthday, customer_id)


def _birthday_states(conn: Connection, customer_id: str) -> list[tuple[int, str]]:
    """Done and snoozed birthdays of this customer (their ids embed the customer number)."""
    prefix = _birthday_prefix(customer_id)
    f = followup_actions_table.c
    rows = conn.execute(
        select(f.id, f.item_id).where(f.item_id.startswith(prefix, autoescape=True)).order_by(f.id)
    )
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


def _masked_changes(changes: Mapping[str, tuple[Any, Any]]) -> dict[str, tuple[Any, Any]]:
    return {k: (_masked(k, b), _masked(k, a)) for k, (b, a) in changes.items()}


def _why(text: str, reason: str | None) -> str:
    return f"{text}: {reason.strip()}" if reason and reason.strip() else text


# --- merge --------------------------------------------------------------------------------------


def merge_customers(
    engine: Engine,
    keep_id: str,
    other_id: str,
    *,
    actor: str,
    reason: str | None = None,
    force: bool = False,
    dry_run: bool = False,
) -> MergePlan:
    """Merge OTHER into KEEP; with `dry_run`, only say what would happen."""
    with _transaction(engine, dry_run) as conn:
        plan = _plan_merge(conn, keep_id, other_id, force)
        if dry_run:
            return replace(plan, dry_run=True)
        merge_id = _apply_merge(conn, plan, actor, reason)
    return replace(plan, merge_id=merge_id)


def _plan_merge(conn: Connection, keep_id: str, other_id: str, force: bool) -> MergePlan:
    if keep_id == other_id:
        raise Refused(f"KEEP and OTHER are both {keep_id}: name two different customers")
    merged_into = _alias_row(conn, other_id)
    if merged_into is not None:
        raise Refused(
            f"{other_id} was already merged into {merged_into.customer_id}; "
            f"undo that first with `crm customers unmerge {other_id}` if it was wrong"
        )
    survivor = resolve_customer_id(conn, keep_id)
    if survivor == other_id:
        raise Refused(f"{keep_id} was merged into {other_id}: they are one customer already")
    keep = _customer(conn, survivor)
    if keep is None:
        raise NotFound(f"no customer {keep_id!r}; find one with `crm customers search`")
    other = _customer(conn, other_id)
    if other is None:
        raise NotFound(f"no customer {other_id!r}; find one with `crm customers search`")
    keep_values, other_values = dict(keep._mapping), dict(other._mapping)
    conflicts = rules.identity_conflicts(keep_values, other_values)
    if conflicts and not force:
        raise Refused(
            f"{survivor} and {other_id} look like different people ({'; '.join(conflicts)}); "
            "compare them with `crm customers show`, and add --force only if they are one person"
        )
    fields = rules.merge_fields(keep_values, other_values)
    changes = dict(fields.changes)
    changes.update(_stamp_changes(keep_values, other_values, changes, other_id))
    moved = {name: _owned_ids(conn, name, other_id) for name in OWNED}
    set_aside = _deliveries_set_aside(conn, survivor, other_id)
    moved["deliveries"] = [i for i in moved["deliveries"] if i not in set_aside]
    return MergePlan(
        keep_id=survivor,
        other_id=other_id,
        keep_name=keep.name,
        other_name=other.name,
        changes=changes,
        kept=fields.kept,
        moved=moved,
        followups=[item for _, item in _birthday_states(conn, other_id)],
        set_aside=set_aside,
        new_aliases=[other_id, *aliases_of(conn, other_id)],
        keep_named_as=keep_id if survivor != keep_id else None,
        forced=conflicts,
    )


def _stamp_changes(
    keep: Mapping[str, Any], other: Mapping[str, Any], changes: Mapping[str, Any], other_id: str
) -> dict[str, tuple[Any, Any]]:
    """Consent date and source when OTHER's answers join KEEP's; the lunar birthday key when
    the birth date or the lunar flag changed."""
    stamps: dict[str, tuple[Any, Any]] = {}
    if any(name in changes for name in rules.CONSENT_FIELDS):
        at, source = rules.merged_consent_stamp(
            keep["consent_updated_at"],
            other["consent_updated_at"],
            other["consent_source"],
            other_id,
        )
        for name, value in (("consent_updated_at", at), ("consent_source", source)):
            if value != keep[name]:
                stamps[name] = (keep[name], value)
    if "birth_date" in changes or "lunar_birthday" in changes:
        from bankcrm_cli.domain.birthdays import LUNAR_FIRST_DAY, LUNAR_LAST_DAY, lunar_mmdd

        lunar = changes.get("lunar_birthday", (None, keep["lunar_birthday"]))[1]
        born = changes.get("birth_date", (None, keep["birth_date"]))[1]
        key = None
        if lunar and born is not None and LUNAR_FIRST_DAY <= born <= LUNAR_LAST_DAY:
            key = lunar_mmdd(born)
        if key != keep["lunar_mmdd"]:
            stamps["lunar_mmdd"] = (keep["lunar_mmdd"], key)
    return stamps


def _deliveries_set_aside(conn: Connection, keep_id: str, other_id: str) -> list[int]:
    """OTHER's deliveries of a campaign and channel KEEP also had: one person got both, and
    the log keeps one row per customer, campaign and channel."""
    d = deliveries_table.c
    theirs = conn.execute(
        select(d.id, d.campaign, d.channel).where(d.customer_id == other_id).order_by(d.id)
    ).all()
    if not theirs:
        return []
    mine = {
        (row.campaign, row.channel)
        for row in conn.execute(select(d.campaign, d.channel).where(d.customer_id == keep_id))
    }
    return [row.id for row in theirs if (row.campaign, row.channel) in mine]


def _apply_merge(conn: Connection, plan: MergePlan, actor: str, reason: str | None) -> int:
    keep_id, other_id = plan.keep_id, plan.other_id
    stamp = history.now()
    other_row = _customer(conn, other_id)
    keep_row = _customer(conn, keep_id)
    d = deliveries_table.c
    set_aside_rows = [
        _encode_row(dict(row._mapping))
        for row in conn.execute(select(deliveries_table).where(d.id.in_(plan.set_aside)))
    ]
    birthdays = _birthday_states(conn, other_id)
    merge_id = conn.execute(
        merges_table.insert(),
        {"keep_id": keep_id, "other_id": other_id, "snapshot": "{}", "actor": actor, "at": stamp},
    ).inserted_primary_key[0]

    for name, (table, key) in OWNED.items():
        ids = plan.moved[name]
        for start in range(0, len(ids), 900):
            conn.execute(
                update(table)
                .where(table.c[key].in_(ids[start : start + 900]))
                .values(customer_id=keep_id)
            )
    if plan.set_aside:
        conn.execute(deliveries_table.delete().where(d.id.in_(plan.set_aside)))
    keep_prefix, other_prefix = _birthday_prefix(keep_id), _birthday_prefix(other_id)
    followups = []
    f = followup_actions_table.c
    for action_id, item_id in birthdays:
        new_item = keep_prefix + item_id[len(other_prefix) :]
        conn.execute(
            update(followup_actions_table).where(f.id == action_id).values(item_id=new_item)
        )
        followups.append([action_id, item_id, new_item])
    a = customer_aliases_table.c
    repointed = [alias for alias in plan.new_aliases if alias != other_id]
    if repointed:
        conn.execute(
            update(customer_aliases_table)
            .where(a.customer_id == other_id)
            .values(customer_id=keep_id)
        )
    c = customers_table.c
    new_values = {name: after for name, (_, after) in plan.changes.items()}
    conn.execute(
        update(customers_table)
        .where(c.customer_id == keep_id)
        .values({**new_values, "updated_at": stamp})
    )
    conn.execute(customers_table.delete().where(c.customer_id == other_id))
    conn.execute(
        customer_aliases_table.insert(),
        {"alias_id": other_id, "customer_id": keep_id, "merge_id": merge_id, "created_at": stamp},
    )
    snapshot = {
        "version": SNAPSHOT_VERSION,
        "other": _encode_row(dict(other_row._mapping)),
        "keep_before": {name: _encode(before) for name, (before, _) in plan.changes.items()},
        "keep_after": {name: _encode(after) for name, (_, after) in plan.changes.items()},
        "keep_updated_at": _encode(keep_row.updated_at),
        "keep_updated_at_after": _encode(_customer(conn, keep_id).updated_at),
        "moved": plan.moved,
        "followups": followups,
        "set_aside": set_aside_rows,
        "repointed_aliases": repointed,
    }
    conn.execute(
        update(merges_table)
        .where(merges_table.c.id == merge_id)
        .values(snapshot=json.dumps(snapshot, ensure_ascii=False))
    )
    what = f"merged {other_id} into {keep_id} (merge #{merge_id})"
    if plan.forced:
        what += f", forced although {'; '.join(plan.forced)}"
    why = _why(what, reason)
    counts = {name: (None, len(ids)) for name, ids in plan.moved.items() if ids}
    history.record(
        conn,
        actor=actor,
        entity="customer",
        entity_id=keep_id,
        customer_id=keep_id,
        action="merge",
        changes={**_masked_changes(plan.changes), **counts} or None,
        reason=why,
        at=stamp,
    )
    history.record(
        conn,
        actor=actor,
        entity="customer",
        entity_id=other_id,
        customer_id=other_id,
        action="merged into",
        changes={"customer_id": (other_id, keep_id)},
        reason=why,
        at=stamp,
    )
    return merge_id


# --- unmerge ------------------------------------------------------------------------------------


def unmerge_customer(
    engine: Engine,
    other_id: str,
    *,
    actor: str,
    reason: str | None = None,
    dry_run: bool = False,
) -> UnmergePlan:
    """Undo the merge of OTHER exactly, or refuse naming what conflicts."""
    with _transaction(engine, dry_run) as conn:
        merge = _active_merge(conn, other_id)
        snapshot = json.loads(merge.snapshot)
        conflicts = _unmerge_conflicts(conn, merge, snapshot)
        if conflicts:
            more = len(conflicts) - _CONFLICTS_SHOWN
            shown = "; ".join(conflicts[:_CONFLICTS_SHOWN]) + (
                f"; and {more} more" if more > 0 else ""
            )
            raise Refused(f"cannot unmerge {other_id} from {merge.keep_id}: {shown}")
        plan = _plan_unmerge(conn, merge, snapshot)
        if dry_run:
            return replace(plan, dry_run=True)
        _apply_unmerge(conn, merge, snapshot, plan, actor, reason)
    return plan


def _active_merge(conn: Connection, other_id: str):
    m = merges_table.c
    merge = conn.execute(
        select(merges_table)
        .where(m.other_id == other_id, m.undone_at.is_(None))
        .order_by(m.id.desc())
        .limit(1)
    ).first()
    if merge is not None:
        return merge
    if _customer(conn, other_id) is not None:
        raise Refused(f"{other_id} is a customer of its own, not a merged-away number")
    raise NotFound(f"{other_id} is not a merged customer number; see `crm customers search`")


def _unmerge_conflicts(conn: Connection, merge, snapshot: Mapping[str, Any]) -> list[str]:
    keep_id, other_id = merge.keep_id, merge.other_id
    conflicts: list[str] = []
    later = _alias_row(conn, keep_id)
    if later is not None:
        return [
            f"{keep_id} was itself merged into {later.customer_id} since; unmerge {keep_id} first"
        ]
    alias = _alias_row(conn, other_id)
    if alias is None or alias.customer_id != keep_id or alias.merge_id != merge.id:
        conflicts.append(f"the alias {other_id} no longer names {keep_id} by this merge")
    if _customer(conn, other_id) is not None:
        conflicts.append(f"customer number {other_id} is in use again")
    keep = _customer(conn, keep_id)
    if keep is None:
        return [*conflicts, f"{keep_id} no longer exists"]
    for name, after in snapshot["keep_after"].items():
        if getattr(keep, name) != _decode(customers_table, name, after):
            conflicts.append(f"{keep_id}'s {name} has changed since the merge")
    for name, ids in snapshot["moved"].items():
        table, key = OWNED[name]
        now = _owners(conn, table, key, ids)
        for row_id in ids:
            owner = now.get(row_id)
            label = f"{ROW_NAMES[name]} {row_id}"
            if owner is None:
                conflicts.append(f"{label} was deleted since the merge")
            elif owner != keep_id:
                conflicts.append(f"{label} has moved to {owner} since the merge")
    f = followup_actions_table.c
    for action_id, _, new_item in snapshot["followups"]:
        current = conn.execute(select(f.item_id).where(f.id == action_id)).scalar_one_or_none()
        if current != new_item:
            conflicts.append(f"follow-up state {action_id} has changed since the merge")
    d = deliveries_table.c
    for row in snapshot["set_aside"]:
        if conn.execute(select(d.id).where(d.id == row["id"])).first() is not None:
            conflicts.append(f"delivery number {row['id']} has been reused since the merge")
    a = customer_aliases_table.c
    for number in snapshot["repointed_aliases"]:
        owner = conn.execute(select(a.customer_id).where(a.alias_id == number)).scalar_one_or_none()
        if owner != keep_id:
            conflicts.append(f"the alias {number} no longer names {keep_id}")
    return conflicts


def _owners(conn: Connection, table: Table, key: str, ids: list[Any]) -> dict[Any, str]:
    found: dict[Any, str] = {}
    for start in range(0, len(ids), 900):
        chunk = ids[start : start + 900]
        query = select(table.c[key], table.c.customer_id).where(table.c[key].in_(chunk))
        found.update((key, owner) for key, owner in conn.execute(query))
    return found


def _plan_unmerge(conn: Connection, merge, snapshot: Mapping[str, Any]) -> UnmergePlan:
    keep_id = merge.keep_id
    keep = _customer(conn, keep_id)
    restored = {
        name: (getattr(keep, name), _decode(customers_table, name, before))
        for name, before in snapshot["keep_before"].items()
    }
    stayed: dict[str, list[Any]] = {}
    for name, (table, key) in OWNED.items():
        moved = set(snapshot["moved"].get(name, []))
        query = (
            select(table.c[key])
            .where(table.c.customer_id == keep_id, table.c.created_at >= merge.at)
            .order_by(table.c[key])
        )
        added = [row_id for row_id in conn.execute(query).scalars() if row_id not in moved]
        if added:
            stayed[name] = added
    return UnmergePlan(
        keep_id=keep_id,
        other_id=merge.other_id,
        merge_id=merge.id,
        restored=restored,
        moved_back={name: list(ids) for name, ids in snapshot["moved"].items()},
        followups=[old for _, old, _ in snapshot["followups"]],
        deliveries_restored=[row["id"] for row in snapshot["set_aside"]],
        aliases_back=list(snapshot["repointed_aliases"]),
        stayed=stayed,
    )


def _apply_unmerge(
    conn: Connection,
    merge,
    snapshot: Mapping[str, Any],
    plan: UnmergePlan,
    actor: str,
    reason: str | None,
) -> None:
    keep_id, other_id = merge.keep_id, merge.other_id
    stamp = history.now()
    conn.execute(customers_table.insert(), _decode_row(customers_table, snapshot["other"]))
    for name, ids in snapshot["moved"].items():
        table, key = OWNED[name]
        for start in range(0, len(ids), 900):
            conn.execute(
                update(table)
                .where(table.c[key].in_(ids[start : start + 900]))
                .values(customer_id=other_id)
            )
    for row in snapshot["set_aside"]:
        conn.execute(deliveries_table.insert(), _decode_row(deliveries_table, row))
    f = followup_actions_table.c
    for action_id, old_item, _ in snapshot["followups"]:
        conn.execute(
            update(followup_actions_table).where(f.id == action_id).values(item_id=old_item)
        )
    c = customers_table.c
    keep = _customer(conn, keep_id)
    untouched = keep.updated_at == _decode(
        customers_table, "updated_at", snapshot["keep_updated_at_after"]
    )
    updated_at = (
        _decode(customers_table, "updated_at", snapshot["keep_updated_at"]) if untouched else stamp
    )
    values = {name: restored for name, (_, restored) in plan.restored.items()}
    conn.execute(
        update(customers_table)
        .where(c.customer_id == keep_id)
        .values({**values, "updated_at": updated_at})
    )
    a = customer_aliases_table.c
    conn.execute(customer_aliases_table.delete().where(a.alias_id == other_id))
    if plan.aliases_back:
        conn.execute(
            update(customer_aliases_table)
            .where(a.alias_id.in_(plan.aliases_back))
            .values(customer_id=other_id)
        )
    conn.execute(
        update(merges_table)
        .where(merges_table.c.id == merge.id)
        .values(undone_at=stamp, undone_by=actor)
    )
    why = _why(f"unmerged {other_id} from {keep_id} (merge #{merge.id})", reason)
    counts = {name: (len(ids), None) for name, ids in plan.moved_back.items() if ids}
    history.record(
        conn,
        actor=actor,
        entity="customer",
        entity_id=keep_id,
        customer_id=keep_id,
        action="unmerge",
        changes={**_masked_changes(plan.restored), **counts} or None,
        reason=why,
        at=stamp,
    )
    history.record(
        conn,
        actor=actor,
        entity="customer",
        entity_id=other_id,
        customer_id=other_id,
        action="unmerged",
        changes={"customer_id": (keep_id, other_id)},
        reason=why,
        at=stamp,
    )
