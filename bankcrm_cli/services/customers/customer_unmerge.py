"""Undoing a customer merge exactly, from the snapshot the merge kept.

An unmerge is refused, with the conflict named, when undoing would overwrite or lose a later
change: KEEP was itself merged since, OTHER's number is in use again, a field the merge changed
has changed since, a moved row was deleted or moved on, or a set-aside delivery's number was
taken. Rows added to KEEP after the merge (say a call logged under OTHER's number) cannot be
told apart from KEEP's own: they stay with KEEP, and the unmerge lists them.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, Engine, Row

from bankcrm_cli.domain.catalogue import t, t_or
from bankcrm_cli.domain.errors import NotFound, Refused
from bankcrm_cli.services.customers import history
from bankcrm_cli.services.customers.customer_merge_common import (
    customer_merge_transaction,
    masked_changes,
    record_both,
    why,
)
from bankcrm_cli.store.queries import customer_merge as queries
from bankcrm_cli.store.queries.customer_aliases import alias_row
from bankcrm_cli.store.queries.customer_view import alias_survivor, customer_row

# What a conflict calls each kind of moved row.
_CONFLICTS_SHOWN = 3


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


def unmerge_customer(
    engine: Engine,
    other_id: str,
    *,
    actor: str,
    reason: str | None = None,
    dry_run: bool = False,
) -> UnmergePlan:
    """Undo the merge of OTHER exactly, or refuse naming what conflicts."""
    with customer_merge_transaction(engine, dry_run) as conn:
        merge = _active_merge(conn, other_id)
        snapshot = json.loads(merge.snapshot)
        conflicts = _unmerge_conflicts(conn, merge, snapshot)
        if conflicts:
            more = len(conflicts) - _CONFLICTS_SHOWN
            shown = "; ".join(conflicts[:_CONFLICTS_SHOWN]) + (
                t("unmerge.more", count=more) if more > 0 else ""
            )
            raise Refused(t("unmerge.conflicts", other=other_id, keep=merge.keep_id, shown=shown))
        plan = _plan_unmerge(conn, merge, snapshot)
        if dry_run:
            return replace(plan, dry_run=True)
        _apply_unmerge(conn, merge, snapshot, plan, actor, reason)
    return plan


def _active_merge(conn: Connection, other_id: str) -> Row:
    merge = queries.active_customer_merge_of(conn, other_id)
    if merge is not None:
        return merge
    if customer_row(conn, other_id) is not None:
        raise Refused(t("err.unmerge.own", id=other_id))
    raise NotFound(t("err.unmerge.not_merged", id=other_id))


# --- conflicts ----------------------------------------------------------------------------------


def _unmerge_conflicts(conn: Connection, merge: Row, snapshot: Mapping[str, Any]) -> list[str]:
    keep_id, other_id = merge.keep_id, merge.other_id
    conflicts: list[str] = []
    later = alias_row(conn, keep_id)
    if later is not None:
        return [t("unmerge.c.merged_on", keep=keep_id, later=later.customer_id)]
    alias = alias_row(conn, other_id)
    if alias is None or alias.customer_id != keep_id or alias.merge_id != merge.id:
        conflicts.append(t("unmerge.c.alias", other=other_id, keep=keep_id))
    if customer_row(conn, other_id) is not None:
        conflicts.append(t("unmerge.c.number_reused", other=other_id))
    keep = customer_row(conn, keep_id)
    if keep is None:
        return [*conflicts, t("unmerge.c.keep_gone", keep=keep_id)]
    for name, after in snapshot["keep_after"].items():
        if getattr(keep, name) != queries.decode_customer_field(name, after):
            conflicts.append(t("unmerge.c.field", keep=keep_id, field=t_or("mfield", name)))
    conflicts += _moved_row_conflicts(conn, keep_id, snapshot)
    return conflicts


def _moved_row_conflicts(conn: Connection, keep_id: str, snapshot: Mapping[str, Any]) -> list[str]:
    """Rows, follow-up states, delivery numbers and aliases the merge moved that are not
    where it left them."""
    conflicts: list[str] = []
    for kind, ids in snapshot["moved"].items():
        now = queries.owners_of(conn, kind, ids)
        for row_id in ids:
            owner = now.get(row_id)
            label = t(f"unmerge.row.{kind}", id=row_id)
            if owner is None:
                conflicts.append(t("unmerge.c.deleted", row=label))
            elif owner != keep_id:
                conflicts.append(t("unmerge.c.moved", row=label, owner=owner))
    for action_id, _, new_item in snapshot["followups"]:
        if queries.followup_item_id(conn, action_id) != new_item:
            conflicts.append(t("unmerge.c.followup", id=action_id))
    for row in snapshot["set_aside"]:
        if queries.delivery_exists(conn, row["id"]):
            conflicts.append(t("unmerge.c.delivery", id=row["id"]))
    for number in snapshot["repointed_aliases"]:
        if alias_survivor(conn, number) != keep_id:
            conflicts.append(t("unmerge.c.alias_moved", number=number, keep=keep_id))
    return conflicts


# --- plan and apply -----------------------------------------------------------------------------


def _plan_unmerge(conn: Connection, merge: Row, snapshot: Mapping[str, Any]) -> UnmergePlan:
    keep_id = merge.keep_id
    keep = customer_row(conn, keep_id)
    restored = {
        name: (getattr(keep, name), queries.decode_customer_field(name, before))
        for name, before in snapshot["keep_before"].items()
    }
    stayed: dict[str, list[Any]] = {}
    for kind in queries.OWNED_KINDS:
        moved = set(snapshot["moved"].get(kind, []))
        since = queries.owned_ids_added_since(conn, kind, keep_id, merge.at)
        added = [row_id for row_id in since if row_id not in moved]
        if added:
            stayed[kind] = added
    return UnmergePlan(
        keep_id=keep_id,
        other_id=merge.other_id,
        merge_id=merge.id,
        restored=restored,
        moved_back={kind: list(ids) for kind, ids in snapshot["moved"].items()},
        followups=[old for _, old, _ in snapshot["followups"]],
        deliveries_restored=[row["id"] for row in snapshot["set_aside"]],
        aliases_back=list(snapshot["repointed_aliases"]),
        stayed=stayed,
    )


def _apply_unmerge(
    conn: Connection,
    merge: Row,
    snapshot: Mapping[str, Any],
    plan: UnmergePlan,
    actor: str,
    reason: str | None,
) -> None:
    keep_id, other_id = merge.keep_id, merge.other_id
    stamp = history.now()
    queries.insert_customer_snapshot(conn, snapshot["other"])
    for kind, ids in snapshot["moved"].items():
        queries.move_owned_rows(conn, kind, ids, other_id)
    for row in snapshot["set_aside"]:
        queries.insert_delivery_snapshot(conn, row)
    for action_id, old_item, _ in snapshot["followups"]:
        queries.set_followup_item_id(conn, action_id, old_item)
    _restore_keep_fields(conn, keep_id, snapshot, plan, stamp)
    queries.delete_alias(conn, other_id)
    if plan.aliases_back:
        queries.repoint_aliases(conn, plan.aliases_back, other_id)
    queries.mark_customer_merge_undone(conn, merge.id, at=stamp, actor=actor)
    _record_unmerge(conn, merge, plan, actor, reason, stamp)


def _restore_keep_fields(
    conn: Connection,
    keep_id: str,
    snapshot: Mapping[str, Any],
    plan: UnmergePlan,
    stamp: datetime,
) -> None:
    """KEEP's fields as before the merge; its update time too, unless KEEP changed since."""
    keep = customer_row(conn, keep_id)
    untouched = keep.updated_at == queries.decode_customer_field(
        "updated_at", snapshot["keep_updated_at_after"]
    )
    updated_at = (
        queries.decode_customer_field("updated_at", snapshot["keep_updated_at"])
        if untouched
        else stamp
    )
    values = {name: restored for name, (_, restored) in plan.restored.items()}
    queries.update_customer_fields(conn, keep_id, {**values, "updated_at": updated_at})


def _record_unmerge(
    conn: Connection,
    merge: Row,
    plan: UnmergePlan,
    actor: str,
    reason: str | None,
    stamp: datetime,
) -> None:
    """One entry in each customer's history, both with the merge number and the why."""
    keep_id, other_id = merge.keep_id, merge.other_id
    because = why(f"unmerged {other_id} from {keep_id} (merge #{merge.id})", reason)
    counts = {name: (len(ids), None) for name, ids in plan.moved_back.items() if ids}
    record_both(
        conn,
        actor=actor,
        stamp=stamp,
        because=because,
        keep=(keep_id, "unmerge", {**masked_changes(plan.restored), **counts} or None),
        other=(other_id, "unmerged", {"customer_id": (keep_id, other_id)}),
    )
