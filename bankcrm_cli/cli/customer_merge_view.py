"""How `crm customers merge` and `unmerge` show a plan: tables for people, records for json."""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING, Any

from bankcrm_cli.cli.common import err, out, print_table

if TYPE_CHECKING:
    from bankcrm_cli.services.customers.customer_merge import MergePlan
    from bankcrm_cli.services.customers.customer_unmerge import UnmergePlan

# What the merge tables call each kind of row, singular and plural.
ROW_LABELS = {
    "holdings": ("holding", "holdings"),
    "contacts": ("contact", "contacts"),
    "complaints": ("complaint", "complaints"),
    "deliveries": ("delivery", "deliveries"),
    "campaign_members": ("campaign membership", "campaign memberships"),
    "campaign_steps": ("campaign step", "campaign steps"),
}


def shown(name: str, value: Any) -> str:
    """A field value for the screen: ID numbers and phones masked, yes/no for booleans."""
    from bankcrm_cli.domain.masking import mask_id, mask_phone

    if value is None:
        return ""
    if name in ("id_number", "id_number_raw"):
        return mask_id(str(value))
    if name == "phone":
        return mask_phone(str(value))
    if isinstance(value, bool):
        return "yes" if value else "NO" if name.startswith("consent_") else "no"
    return str(value)


def _pairs(values: dict[str, tuple[Any, Any]], first: str, second: str) -> dict[str, dict]:
    return {
        name: {first: shown(name, a) or None, second: shown(name, b) or None}
        for name, (a, b) in values.items()
    }


def _rows(label: str, ids: dict[str, list]) -> str:
    parts = []
    for name, found in ids.items():
        if found:
            one, many = ROW_LABELS.get(name, (name, name))
            listed = ", ".join(str(i) for i in found[:10]) + (", …" if len(found) > 10 else "")
            parts.append(f"{len(found)} {one if len(found) == 1 else many} ({listed})")
    return f"{label}: {'; '.join(parts) if parts else 'nothing'}"


def merge_plan_record(plan: MergePlan) -> dict[str, Any]:
    """The plan for --format json, values shown as on screen."""
    record = dataclasses.asdict(plan)
    record["changes"] = _pairs(plan.changes, "before", "after")
    record["kept"] = _pairs(plan.kept, "keep", "other")
    return record


def unmerge_plan_record(plan: UnmergePlan) -> dict[str, Any]:
    """The plan for --format json, values shown as on screen."""
    record = dataclasses.asdict(plan)
    record["restored"] = _pairs(plan.restored, "now", "restored")
    return record


def print_merge_plan(plan: MergePlan) -> None:
    keep, other = plan.keep_id, plan.other_id
    if plan.keep_named_as:
        err().print(f"{plan.keep_named_as} was merged into {keep} before: merging into {keep}")
    console = out()
    done = "dry run, nothing changed" if plan.dry_run else f"merge #{plan.merge_id}"
    console.print(f"合并 Merge {other} ({plan.other_name}) into {keep} ({plan.keep_name}): {done}")
    if plan.forced:
        console.print(f"forced although {'; '.join(plan.forced)}")
    if plan.changes:
        print_table(
            f"{keep} 的变化 Fields of {keep}",
            ["字段 field", "原值 before", "合并后 after"],
            ([name, shown(name, a), shown(name, b)] for name, (a, b) in plan.changes.items()),
        )
    else:
        console.print(f"fields of {keep}: nothing to fill")
    if plan.kept:
        print_table(
            f"保留 Kept: {keep}'s values stay, {other}'s differ",
            ["字段 field", f"{keep} (kept)", f"{other} (dropped)"],
            ([name, shown(name, a), shown(name, b)] for name, (a, b) in plan.kept.items()),
        )
    console.print(_rows(f"moving to {keep}", plan.moved))
    if plan.followups:
        console.print(f"follow-up states moving to {keep}: {', '.join(plan.followups)}")
    if plan.set_aside:
        console.print(
            f"set aside ({keep} had the same campaign and channel; back on unmerge): "
            f"deliveries {', '.join(str(i) for i in plan.set_aside)}"
        )
    console.print(f"afterwards {', '.join(plan.new_aliases)} name {keep}")
    if plan.dry_run:
        console.print("dry run: nothing changed; run again without --dry-run to merge")
    else:
        console.print(f"undo with: crm customers unmerge {other}")


def print_unmerge_plan(plan: UnmergePlan) -> None:
    other = plan.other_id
    keep = plan.keep_id
    console = out()
    done = "dry run, nothing changed" if plan.dry_run else "done"
    console.print(f"拆分 Unmerge {other} from {keep} (merge #{plan.merge_id}): {done}")
    if plan.restored:
        print_table(
            f"{keep} 恢复 Fields of {keep} restored",
            ["字段 field", "现值 now", "恢复 restored"],
            ([name, shown(name, a), shown(name, b)] for name, (a, b) in plan.restored.items()),
        )
    console.print(_rows(f"back to {other}", plan.moved_back))
    if plan.followups:
        console.print(f"follow-up states back to {other}: {', '.join(plan.followups)}")
    if plan.deliveries_restored:
        console.print(
            f"deliveries restored to {other}: {', '.join(str(i) for i in plan.deliveries_restored)}"
        )
    if plan.aliases_back:
        console.print(f"{', '.join(plan.aliases_back)} name {other} again")
    if plan.stayed:
        console.print(_rows(f"added since the merge, staying with {keep}", plan.stayed))
