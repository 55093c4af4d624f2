"""How `crm customers merge` and `unmerge` show a plan: tables for people, records for json."""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING, Any

from bankcrm_cli.cli.common import err, out, print_table

if TYPE_CHECKING:
    from bankcrm_cli.services.customers.customer_merge import MergePlan
    from bankcrm_cli.services.customers.customer_unmerge import UnmergePlan


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
    from bankcrm_cli.domain.catalogue import CATALOGUE, t

    parts = []
    for name, found in ids.items():
        if found:
            listed = ", ".join(str(i) for i in found[:10]) + (", …" if len(found) > 10 else "")
            key = f"merge.row.{name}"
            parts.append(
                t(key, count=len(found), ids=listed)
                if key in CATALOGUE
                else f"{len(found)} {name} ({listed})"
            )
    joined = t("merge.rows.sep").join(parts) if parts else t("merge.rows.nothing")
    return t("merge.rows", label=label, parts=joined)


def _screen(name: str, value: Any) -> str:
    """A field value for a table, yes/no in the language in use (json keeps `shown`)."""
    from bankcrm_cli.domain.catalogue import t, t_or

    if name == "gender" and value:
        return t_or("gender", value)
    if isinstance(value, bool):
        if name.startswith("consent_"):
            return t("consent.yes" if value else "consent.no")
        return t("yes" if value else "no")
    return shown(name, value)


def _field_rows(values: dict[str, tuple[Any, Any]]):
    from bankcrm_cli.domain.catalogue import t_or

    return ([t_or("mfield", n), _screen(n, a), _screen(n, b)] for n, (a, b) in values.items())


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
    from bankcrm_cli.domain.catalogue import t, t_or

    keep, other = plan.keep_id, plan.other_id
    if plan.keep_named_as:
        err().print(t("merge.named_as", named=plan.keep_named_as, keep=keep))
    console = out()
    done = t("merge.dry") if plan.dry_run else t("merge.number", id=plan.merge_id)
    console.print(
        t(
            "merge.head",
            other=other,
            other_name=plan.other_name,
            keep=keep,
            keep_name=plan.keep_name,
            done=done,
        )
    )
    if plan.forced:
        why = t("merge.rows.sep").join(t_or("merge.conflict", f) for f in plan.forced)
        console.print(t("merge.forced", why=why))
    field = t("merge.field")
    if plan.changes:
        print_table(
            t("merge.fields", keep=keep),
            [field, t("merge.before"), t("merge.after")],
            _field_rows(plan.changes),
        )
    else:
        console.print(t("merge.nothing_to_fill", keep=keep))
    if plan.kept:
        print_table(
            t("merge.kept", keep=keep, other=other),
            [field, t("merge.kept_col", id=keep), t("merge.dropped_col", id=other)],
            _field_rows(plan.kept),
        )
    console.print(_rows(t("merge.moving", keep=keep), plan.moved))
    if plan.followups:
        console.print(t("merge.followups", keep=keep, ids=", ".join(plan.followups)))
    if plan.set_aside:
        console.print(
            t("merge.set_aside", keep=keep, ids=", ".join(str(i) for i in plan.set_aside))
        )
    console.print(t("merge.afterwards", aliases=", ".join(plan.new_aliases), keep=keep))
    if plan.dry_run:
        console.print(t("merge.dry_tail"))
    else:
        console.print(t("merge.undo", other=other))


def print_unmerge_plan(plan: UnmergePlan) -> None:
    from bankcrm_cli.domain.catalogue import t

    other = plan.other_id
    keep = plan.keep_id
    console = out()
    done = t("merge.dry") if plan.dry_run else t("unmerge.done")
    console.print(t("unmerge.head", other=other, keep=keep, id=plan.merge_id, done=done))
    if plan.restored:
        print_table(
            t("unmerge.restored", keep=keep),
            [t("merge.field"), t("unmerge.now"), t("unmerge.restored_col")],
            _field_rows(plan.restored),
        )
    console.print(_rows(t("unmerge.back", other=other), plan.moved_back))
    if plan.followups:
        console.print(t("unmerge.followups", other=other, ids=", ".join(plan.followups)))
    if plan.deliveries_restored:
        ids = ", ".join(str(i) for i in plan.deliveries_restored)
        console.print(t("unmerge.deliveries", other=other, ids=ids))
    if plan.aliases_back:
        console.print(t("unmerge.aliases", aliases=", ".join(plan.aliases_back), other=other))
    if plan.stayed:
        console.print(_rows(t("unmerge.stayed", keep=keep), plan.stayed))
