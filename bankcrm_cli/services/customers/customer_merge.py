"""Merging two records of one customer (the seed's single customer view).

`merge_customers` moves everything of OTHER to KEEP, fills KEEP's blanks, combines consent,
removes OTHER's row and makes OTHER's number an alias of KEEP. The `merges` row keeps a
snapshot that `customer_unmerge.unmerge_customer` replays backwards: OTHER's whole row, KEEP's
values before and after for every field the merge changed, the ids of every row moved, the
deliveries set aside and the aliases re-pointed.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, Engine, Row

from bankcrm_cli.domain import customer_merge as rules
from bankcrm_cli.domain.catalogue import t, t_or
from bankcrm_cli.domain.errors import NotFound, Refused
from bankcrm_cli.services.customers import history
from bankcrm_cli.services.customers.aliases import aliases_of, resolve_customer_id
from bankcrm_cli.services.customers.customer_merge_common import (
    SNAPSHOT_VERSION,
    birthday_prefix,
    birthday_states,
    customer_merge_transaction,
    encode,
    encode_row,
    masked_changes,
    record_both,
    why,
)
from bankcrm_cli.store.queries import customer_merge as queries
from bankcrm_cli.store.queries.customer_aliases import alias_row
from bankcrm_cli.store.queries.customer_view import customer_row


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
    with customer_merge_transaction(engine, dry_run) as conn:
        plan = _plan_merge(conn, keep_id, other_id, force)
        if dry_run:
            return replace(plan, dry_run=True)
        merge_id = _apply_merge(conn, plan, actor, reason)
    return replace(plan, merge_id=merge_id)


# --- plan ---------------------------------------------------------------------------------------


def _parties(conn: Connection, keep_id: str, other_id: str) -> tuple[str, Row, Row]:
    """KEEP's survivor (its number and row) and OTHER's row, or a refusal saying why they
    cannot be merged."""
    if keep_id == other_id:
        raise Refused(t("err.merge.same", id=keep_id))
    merged_into = alias_row(conn, other_id)
    if merged_into is not None:
        raise Refused(t("err.merge.already", other=other_id, into=merged_into.customer_id))
    survivor = resolve_customer_id(conn, keep_id)
    if survivor == other_id:
        raise Refused(t("err.merge.one", keep=keep_id, other=other_id))
    keep = customer_row(conn, survivor)
    if keep is None:
        raise NotFound(t("err.no_customer", id=repr(keep_id)))
    other = customer_row(conn, other_id)
    if other is None:
        raise NotFound(t("err.no_customer", id=repr(other_id)))
    return survivor, keep, other


def _plan_merge(conn: Connection, keep_id: str, other_id: str, force: bool) -> MergePlan:
    survivor, keep, other = _parties(conn, keep_id, other_id)
    keep_values, other_values = dict(keep._mapping), dict(other._mapping)
    conflicts = rules.identity_conflicts(keep_values, other_values)
    if conflicts and not force:
        why = t("merge.rows.sep").join(t_or("merge.conflict", c) for c in conflicts)
        raise Refused(t("err.merge.different", keep=survivor, other=other_id, why=why))
    fields = rules.merge_fields(keep_values, other_values)
    changes = dict(fields.changes)
    changes.update(_stamp_changes(keep_values, other_values, changes, other_id))
    moved = {kind: queries.owned_ids(conn, kind, other_id) for kind in queries.OWNED_KINDS}
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
        followups=[item for _, item in birthday_states(conn, other_id)],
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
    theirs = queries.delivery_campaigns_of(conn, other_id)
    if not theirs:
        return []
    mine = queries.campaign_channels_of(conn, keep_id)
    return [row.id for row in theirs if (row.campaign, row.channel) in mine]


# --- apply --------------------------------------------------------------------------------------


def _apply_merge(conn: Connection, plan: MergePlan, actor: str, reason: str | None) -> int:
    keep_id, other_id = plan.keep_id, plan.other_id
    stamp = history.now()
    other_row = customer_row(conn, other_id)
    keep_row = customer_row(conn, keep_id)
    set_aside_rows = [encode_row(row) for row in queries.delivery_rows(conn, plan.set_aside)]
    birthdays = birthday_states(conn, other_id)
    merge_id = queries.insert_customer_merge(
        conn, keep_id=keep_id, other_id=other_id, actor=actor, at=stamp
    )
    for kind in queries.OWNED_KINDS:
        queries.move_owned_rows(conn, kind, plan.moved[kind], keep_id)
    if plan.set_aside:
        queries.delete_deliveries(conn, plan.set_aside)
    followups = _move_birthday_states(conn, birthdays, other_id, keep_id)
    repointed = [alias for alias in plan.new_aliases if alias != other_id]
    if repointed:
        queries.repoint_aliases_of(conn, other_id, keep_id)
    new_values = {name: after for name, (_, after) in plan.changes.items()}
    queries.update_customer_fields(conn, keep_id, {**new_values, "updated_at": stamp})
    queries.delete_customer(conn, other_id)
    queries.insert_alias(conn, other_id, keep_id, merge_id, stamp)
    snapshot = {
        "version": SNAPSHOT_VERSION,
        "other": encode_row(dict(other_row._mapping)),
        "keep_before": {name: encode(before) for name, (before, _) in plan.changes.items()},
        "keep_after": {name: encode(after) for name, (_, after) in plan.changes.items()},
        "keep_updated_at": encode(keep_row.updated_at),
        "keep_updated_at_after": encode(customer_row(conn, keep_id).updated_at),
        "moved": plan.moved,
        "followups": followups,
        "set_aside": set_aside_rows,
        "repointed_aliases": repointed,
    }
    queries.set_customer_merge_snapshot(conn, merge_id, json.dumps(snapshot, ensure_ascii=False))
    _record_merge(conn, plan, merge_id, actor, reason, stamp)
    return merge_id


def _move_birthday_states(
    conn: Connection, states: list[tuple[int, str]], other_id: str, keep_id: str
) -> list[list[Any]]:
    """OTHER's birthday states renamed to KEEP's: [id, old item id, new item id] each."""
    keep_prefix, other_prefix = birthday_prefix(keep_id), birthday_prefix(other_id)
    moved = []
    for action_id, item_id in states:
        new_item = keep_prefix + item_id[len(other_prefix) :]
        queries.set_followup_item_id(conn, action_id, new_item)
        moved.append([action_id, item_id, new_item])
    return moved


def _record_merge(
    conn: Connection,
    plan: MergePlan,
    merge_id: int,
    actor: str,
    reason: str | None,
    stamp: datetime,
) -> None:
    """One entry in each customer's history, both with the merge number and the why."""
    keep_id, other_id = plan.keep_id, plan.other_id
    what = f"merged {other_id} into {keep_id} (merge #{merge_id})"
    if plan.forced:
        what += f", forced although {'; '.join(plan.forced)}"
    because = why(what, reason)
    counts = {name: (None, len(ids)) for name, ids in plan.moved.items() if ids}
    record_both(
        conn,
        actor=actor,
        stamp=stamp,
        because=because,
        keep=(keep_id, "merge", {**masked_changes(plan.changes), **counts} or None),
        other=(other_id, "merged into", {"customer_id": (other_id, keep_id)}),
    )
