"""`crm customers list|search|show|duplicates|merge|unmerge`: customers, one record per person."""

from __future__ import annotations

import dataclasses
from enum import StrEnum
from typing import Annotated

import typer

from bankcrm_cli.cli.common import (
    AsOption,
    FormatOption,
    ListFormat,
    RevealOption,
    err,
    out,
    print_csv,
    print_json,
    print_table,
    state,
    trace_reveal,
    zone_of,
)

app = typer.Typer(
    help="Look at customers: list, search, one customer's profile; find and merge duplicates.",
    no_args_is_help=True,
)

LIST_COLUMNS = [
    "customer_id",
    "name",
    "gender",
    "birth_date",
    "phone",
    "email",
    "branch",
    "rm_code",
    "aum",
]
TABLE_HEADERS = ["客户号", "姓名", "性别", "手机", "网点", "经理", "资产余额"]
NO_WRAP = frozenset({"客户号", "性别", "手机", "经理", "资产余额"})
GENDER_LABELS = {"M": "男", "F": "女"}


def _record(view, reveal: bool) -> dict:
    view = view if reveal else view.masked()
    record = dataclasses.asdict(view)
    record.pop("created_at")
    record.pop("updated_at")
    return record


def _money(value) -> str:
    from bankcrm_cli.domain.money import format_money

    return "" if value is None else format_money(value)


def _table_row(view) -> list:
    return [
        view.customer_id,
        view.name,
        GENDER_LABELS.get(view.gender or "", ""),
        view.phone,
        view.branch,
        view.rm_code,
        _money(view.aum),
    ]


def _emit(views, fmt: ListFormat, reveal: bool, *, title: str, caption: str | None = None) -> None:
    if fmt is ListFormat.json:
        print_json([_record(v, reveal) for v in views])
    elif fmt is ListFormat.csv:
        rows = (_record(v, reveal) for v in views)
        print_csv(
            LIST_COLUMNS + ["id_number"],
            ([r[c] for c in LIST_COLUMNS] + [r["id_number"]] for r in rows),
        )
    else:
        shown = [v if reveal else v.masked() for v in views]
        print_table(
            title,
            TABLE_HEADERS,
            (_table_row(v) for v in shown),
            caption=caption,
            no_wrap=NO_WRAP,
            right=frozenset({"资产余额"}),
            min_widths={"网点": 8},
        )


@app.command("list")
def list_command(
    ctx: typer.Context,
    rm: Annotated[
        str | None, typer.Option("--rm", metavar="CODE", help="Only this RM's customers.")
    ] = None,
    branch: Annotated[
        str | None, typer.Option(metavar="NAME", help="Only this branch's customers.")
    ] = None,
    limit: Annotated[
        int | None,
        typer.Option(
            help="At most this many (default: 100 in a table, all for json/csv; 0 = all)."
        ),
    ] = None,
    fmt: FormatOption = ListFormat.table,
    reveal: RevealOption = False,
) -> None:
    """List customers in customer-number order.

    Example: crm customers list --rm RM001 --format csv > my-customers.csv
    """
    from bankcrm_cli.services.customers.profile import count_customers, list_customers

    engine = state(ctx).engine()
    if limit is None:
        limit = 100 if fmt is ListFormat.table else 0
    views = list_customers(engine, rm_code=rm, branch=branch, limit=limit or None)
    caption = None
    if reveal:
        views = list(views)
        filters = "".join(f" --{k} {v}" for k, v in (("rm", rm), ("branch", branch)) if v)
        trace_reveal(ctx, f"customers list{filters}", [v.customer_id for v in views])
    if fmt is ListFormat.table:
        views = list(views)
        total = count_customers(engine, rm_code=rm, branch=branch)
        if total > len(views):
            caption = f"{len(views)} of {total} customers shown; --limit 0 shows all"
        elif not views:
            caption = "no customers yet: import some with `crm import customers FILE`"
    _emit(views, fmt, reveal, title="客户 Customers", caption=caption)


@app.command("search")
def search_command(
    ctx: typer.Context,
    text: Annotated[
        str,
        typer.Argument(
            help="Part of a name, the start of a customer number, or the last 4 digits of a "
            "phone or ID number (more digits only with --reveal)."
        ),
    ],
    limit: Annotated[int, typer.Option(help="At most this many results (0 = all).")] = 50,
    fmt: FormatOption = ListFormat.table,
    reveal: RevealOption = False,
) -> None:
    """Find customers by name, customer number, or the last 4 digits of a phone or ID number.

    Example: crm customers search 欧阳   |   crm customers search 8000   (last 4 phone digits)
    """
    from bankcrm_cli.services.customers.profile import SHOWN_TAIL, search_customers

    found = search_customers(state(ctx).engine(), text, limit=limit or None, reveal=reveal)
    views = found.customers
    if reveal:
        _trace_search(ctx, text, [v.customer_id for v in views], found.searched_hidden_digits)
    if found.hidden_digits_withheld and not views:
        err().print(
            f"note: phones and ID numbers are searched by their last {SHOWN_TAIL} digits only, "
            "what the mask shows; add --reveal to search whole numbers (it is recorded)",
            soft_wrap=True,
        )
    caption = None if views else f"nobody matches {text!r}"
    _emit(views, fmt, reveal, title=f"搜索 {text}", caption=caption)


def _trace_search(ctx: typer.Context, text: str, ids: list[str], hidden_digits: bool) -> None:
    """A search through masked digits is a reveal even when it finds nobody: that too tells."""
    what = f"customers search {text}"
    if ids or not hidden_digits:
        trace_reveal(ctx, what, ids)
        return
    from bankcrm_cli.services.customers.history import record_reveal
    from bankcrm_cli.settings import actor

    record_reveal(state(ctx).engine(), actor=actor(None), what=what, customer_ids=[])


@app.command("show")
def show_command(
    ctx: typer.Context,
    customer_id: Annotated[str, typer.Argument(help="The customer number.")],
    fmt: Annotated[
        ListFormat, typer.Option("--format", "-f", help="table for people, json for scripts.")
    ] = ListFormat.table,
    reveal: RevealOption = False,
) -> None:
    """Show one customer's profile, holdings, aliases and timeline (an alias shows its survivor).

    Example: crm customers show C00000042 --format json
    """
    from bankcrm_cli.services.customers.history import history_of_customer
    from bankcrm_cli.services.customers.profile import get_customer

    app_state = state(ctx)
    engine = app_state.engine()
    detail = get_customer(engine, customer_id)
    customer_id = detail.customer.customer_id
    if reveal:
        trace_reveal(ctx, "customers show", [customer_id])
    timeline = history_of_customer(engine, customer_id, detail.aliases)
    if fmt is ListFormat.json:
        record = _record(detail.customer, reveal)
        record["aliases"] = detail.aliases
        record["reached_through"] = detail.reached_through
        record["holdings"] = [dataclasses.asdict(h) for h in detail.holdings]
        record["rm"] = dataclasses.asdict(detail.rm) if detail.rm else None
        record["timeline"] = [dataclasses.asdict(entry) for entry in timeline]
        print_json(record)
        return
    if fmt is ListFormat.csv:
        raise typer.BadParameter("show prints a table or json", param_hint="--format")
    if detail.reached_through:
        err().print(
            f"{detail.reached_through} was merged into {customer_id}: showing {customer_id}"
        )
    _print_profile(detail, reveal)
    _print_timeline(timeline, zone_of(app_state.settings()))


ENTITY_LABELS = {
    "contact": "联系",
    "complaint": "投诉",
    "delivery": "发送",
    "followup": "跟进",
    "campaign": "营销",
}


def _timeline_id(entry) -> str:
    """A follow-up's id a part a line (kind, key, date): its column as wide as its longest
    part, never breaking a number or a date."""
    if entry.entity != "followup":
        return entry.entity_id
    return entry.entity_id.replace(":", "\n")


def _print_timeline(timeline, zone) -> None:
    if not timeline:
        return
    print_table(
        "往来记录 Timeline (newest first)",
        ["时间", "类别", "编号", "动作", "经办", "说明"],
        (
            [
                entry.at.astimezone(zone).strftime("%Y-%m-%d %H:%M"),
                ENTITY_LABELS.get(entry.entity, entry.entity),
                _timeline_id(entry),
                entry.action,
                entry.actor,
                entry.reason or "",
            ]
            for entry in timeline
        ),
        no_wrap=frozenset({"时间", "编号"}),
    )


def _print_profile(detail, reveal: bool) -> None:
    from rich.table import Table

    from bankcrm_cli.domain.names import salutation

    c = detail.customer if reveal else detail.customer.masked()
    profile = Table.grid(padding=(0, 2))
    profile.add_column(style="bold")
    profile.add_column()
    consent = ", ".join(
        f"{channel}: {'yes' if value else 'NO' if value is False else '?'}"
        for channel, value in c.consent.items()
    )
    rm = detail.rm
    rows = [
        ("客户号", c.customer_id),
        ("姓名", f"{c.name}  ({salutation(c.name, c.gender)})"),
        ("证件号码", c.id_number or ""),
        ("性别", GENDER_LABELS.get(c.gender or "", "")),
        ("出生日期", f"{c.birth_date or ''}{'  (农历生日)' if c.lunar_birthday else ''}"),
        ("手机", c.phone or ""),
        ("邮箱", c.email or ""),
        ("传真", c.fax or ""),
        ("地址", f"{c.address or ''} {c.postal_code or ''}".strip()),
        ("网点", c.branch or ""),
        ("客户经理", f"{rm.name} ({rm.rm_code})" if rm else (c.rm_code or "")),
        ("资产余额", _money(c.aum)),
        ("营销同意", consent),
    ]
    if detail.aliases:
        rows.append(("别名 aliases", ", ".join(detail.aliases)))
    for label, value in rows:
        profile.add_row(label, str(value))
    console = out()
    console.print(profile)
    holdings = Table(title="持有产品 Holdings", title_justify="left", header_style="bold")
    for name in ("账号", "产品", "名称", "金额", "币种", "起息日", "到期日", "自动转存"):
        holdings.add_column(name)
    for h in detail.holdings:
        holdings.add_row(
            h.account_id,
            h.product_label or h.product_type or "",
            h.product_name or "",
            "" if h.amount is None else f"{h.amount:,.2f}",
            h.currency,
            str(h.open_date or ""),
            str(h.maturity_date or ""),
            {True: "是", False: "否"}.get(h.auto_rollover, ""),
        )
    if not detail.holdings:
        holdings.caption = "no holdings recorded"
    console.print(holdings)


@app.command("duplicates")
def duplicates_command(
    ctx: typer.Context,
    min_score: Annotated[
        float,
        typer.Option(
            min=0.0,
            max=1.0,
            help="Lowest score listed: certain 1.0, probable 0.95, possible = name similarity "
            "(a one-character slip in a two-character name scores 0.5).",
        ),
    ] = 0.8,
    fmt: FormatOption = ListFormat.table,
) -> None:
    """List pairs of customer records that may be the same person, with the evidence.

    Example: crm customers duplicates --min-score 0.9 --format json
    """
    from bankcrm_cli.services.customers.duplicates import find_duplicates

    pairs = find_duplicates(state(ctx).engine(), min_score=min_score)
    header = ["customer_id_a", "customer_id_b", "level", "score", "reasons"]
    if fmt is ListFormat.json:
        print_json([dataclasses.asdict(pair) for pair in pairs])
    elif fmt is ListFormat.csv:
        print_csv(header, ([*dataclasses.astuple(p)[:4], "; ".join(p.reasons)] for p in pairs))
    else:
        print_table(
            "疑似重复客户 Possible duplicates",
            ["客户号 A", "客户号 B", "级别", "得分", "依据"],
            (
                [p.customer_id_a, p.customer_id_b, p.level, f"{p.score:.2f}", "; ".join(p.reasons)]
                for p in pairs
            ),
            caption=None if pairs else "no candidate pairs at this score",
        )


class PlanFormat(StrEnum):
    table = "table"
    json = "json"


PlanFormatOption = Annotated[
    PlanFormat, typer.Option("--format", "-f", help="table for people, json for scripts.")
]
PlanDryRunOption = Annotated[
    bool, typer.Option("--dry-run", help="Show exactly what would happen; change nothing.")
]
ReasonOption = Annotated[
    str | None, typer.Option(metavar="TEXT", help="Why: kept in both customers' history.")
]


@app.command("merge")
def merge_command(
    ctx: typer.Context,
    keep: Annotated[str, typer.Argument(metavar="KEEP", help="The customer number that stays.")],
    other: Annotated[
        str,
        typer.Argument(
            metavar="OTHER",
            help="The customer number merged into KEEP: its record goes, its number becomes an "
            "alias of KEEP.",
        ),
    ],
    dry_run: PlanDryRunOption = False,
    reason: ReasonOption = None,
    force: Annotated[
        bool,
        typer.Option(
            "--force",
            help="Merge although the records look like different people (different ID numbers, "
            "birth dates or genders).",
        ),
    ] = False,
    fmt: PlanFormatOption = PlanFormat.table,
    acting: AsOption = None,
) -> None:
    """Merge two records of one person: OTHER's holdings, contacts, complaints, deliveries and
    follow-up states move to KEEP, KEEP's blank fields are filled from OTHER, consent takes the
    most restrictive answer per channel, and OTHER's number becomes an alias of KEEP (imports
    and commands naming it reach KEEP). Undo with `crm customers unmerge OTHER`.

    Example: crm customers merge C00000042 C00000917 --dry-run --reason "same ID, two branches"
    """
    from bankcrm_cli.cli.customer_merge_view import merge_plan_record, print_merge_plan
    from bankcrm_cli.services.customers.customer_merge import merge_customers
    from bankcrm_cli.settings import actor

    plan = merge_customers(
        state(ctx).engine(),
        keep,
        other,
        actor=actor(acting),
        reason=reason,
        force=force,
        dry_run=dry_run,
    )
    if fmt is PlanFormat.json:
        print_json(merge_plan_record(plan))
        return
    print_merge_plan(plan)


@app.command("unmerge")
def unmerge_command(
    ctx: typer.Context,
    other: Annotated[
        str, typer.Argument(metavar="OTHER", help="The merged-away customer number to restore.")
    ],
    dry_run: PlanDryRunOption = False,
    reason: ReasonOption = None,
    fmt: PlanFormatOption = PlanFormat.table,
    acting: AsOption = None,
) -> None:
    """Undo a merge exactly: OTHER's record, rows and follow-up states come back and KEEP's
    fields get their values from before the merge. Refused, naming the conflict, when something
    changed since that undoing would overwrite; rows added to KEEP after the merge stay with KEEP.

    Example: crm customers unmerge C00000917 --reason "different people after all"
    """
    from bankcrm_cli.cli.customer_merge_view import print_unmerge_plan, unmerge_plan_record
    from bankcrm_cli.services.customers.customer_unmerge import unmerge_customer
    from bankcrm_cli.settings import actor

    plan = unmerge_customer(
        state(ctx).engine(), other, actor=actor(acting), reason=reason, dry_run=dry_run
    )
    if fmt is PlanFormat.json:
        print_json(unmerge_plan_record(plan))
        return
    print_unmerge_plan(plan)
