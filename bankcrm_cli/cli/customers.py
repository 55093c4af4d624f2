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
    RmOption,
    acting_as,
    err,
    filters_text,
    print_json,
    print_sheet,
    print_table,
    say,
    state,
    trace_reveal,
    zone_of,
)
from bankcrm_cli.cli.help import CrmTyper
from bankcrm_cli.domain.catalogue import t, t_or
from bankcrm_cli.domain.dates import LARGEST_NUMBER

app = CrmTyper(
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
TABLE_COLUMNS = ("id", "name", "gender", "phone", "branch", "rm", "aum")
FIXED_COLUMNS = ("id", "gender", "phone", "rm", "aum")


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
        t_or("gender", view.gender),
        view.phone,
        view.branch,
        view.rm_code,
        _money(view.aum),
    ]


def _emit(views, fmt: ListFormat, reveal: bool, *, title: str, caption: str | None = None) -> None:
    if fmt is ListFormat.json:
        print_json([_record(v, reveal) for v in views])
    elif fmt.is_sheet:
        rows = (_record(v, reveal) for v in views)
        print_sheet(
            fmt,
            LIST_COLUMNS + ["id_number"],
            ([r[c] for c in LIST_COLUMNS] + [r["id_number"]] for r in rows),
        )
    else:
        shown = [v if reveal else v.masked() for v in views]
        header = {name: t(f"cust.col.{name}") for name in TABLE_COLUMNS}
        print_table(
            title,
            list(header.values()),
            (_table_row(v) for v in shown),
            caption=caption,
            no_wrap=frozenset(header[name] for name in FIXED_COLUMNS),
            right=frozenset({header["aum"]}),
            min_widths={header["branch"]: 8},
        )


@app.command("list")
def list_command(
    ctx: typer.Context,
    rm: RmOption = None,
    branch: Annotated[
        str | None, typer.Option(metavar="NAME", help="Only this branch's customers.")
    ] = None,
    limit: Annotated[
        int | None,
        typer.Option(
            min=0,
            max=LARGEST_NUMBER,
            help="At most this many (default: 100 in a table, all for json/csv; 0 = all).",
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
        filters = filters_text(rm=rm, branch=branch)
        trace_reveal(ctx, f"customers list {filters}".rstrip(), [v.customer_id for v in views])
    if fmt is ListFormat.table:
        views = list(views)
        total = count_customers(engine, rm_code=rm, branch=branch)
        if total > len(views):
            caption = t("cust.shown_of", shown=len(views), count=total)
        elif not views and (rm or branch):
            caption = t("cust.no_match", filters=filters_text(rm=rm, branch=branch))
        elif not views:
            caption = t("cust.none_yet")
    _emit(views, fmt, reveal, title=t("cust.title.list"), caption=caption)


@app.command("search")
def search_command(
    ctx: typer.Context,
    text: Annotated[
        str,
        typer.Argument(
            metavar="TEXT",
            help="Part of a name, the start of a customer number, or the last 4 digits of a "
            "phone or ID number (more digits only with --reveal).",
        ),
    ],
    limit: Annotated[
        int, typer.Option(min=0, max=LARGEST_NUMBER, help="At most this many results (0 = all).")
    ] = 50,
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
        say(t("cust.search_tail_note", digits=SHOWN_TAIL), to_stderr=True)
    caption = None if views else t("cust.nobody", text=repr(text))
    _emit(views, fmt, reveal, title=t("cust.title.search", text=text), caption=caption)


def _trace_search(ctx: typer.Context, text: str, ids: list[str], hidden_digits: bool) -> None:
    """A search through masked digits is a reveal even when it finds nobody: that too tells."""
    what = f"customers search {text}"
    if ids or not hidden_digits:
        trace_reveal(ctx, what, ids)
        return
    from bankcrm_cli.cli.common import acting_as
    from bankcrm_cli.services.customers.history import record_reveal

    record_reveal(state(ctx).engine(), actor=acting_as(ctx, None), what=what, customer_ids=[])


@app.command("show")
def show_command(
    ctx: typer.Context,
    customer_id: Annotated[str, typer.Argument(metavar="CUSTOMER_ID", help="The customer number.")],
    fmt: Annotated[
        ListFormat, typer.Option("--format", "-f", help="table for people, json for scripts.")
    ] = ListFormat.table,
    reveal: RevealOption = False,
) -> None:
    """Show one customer's profile, holdings, aliases and timeline (an alias shows its survivor).

    Example: crm customers show C00000042 --format json
    """
    from bankcrm_cli.domain.errors import UsageError
    from bankcrm_cli.services.customers.history import history_of_customer
    from bankcrm_cli.services.customers.profile import get_customer

    if fmt.is_sheet:  # before the store is read, or a --reveal recorded
        raise UsageError(t("err.one_of", option="--format", choices="table, json"))
    app_state = state(ctx)
    engine = app_state.reader()
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
    if detail.reached_through:
        err().print(t("cust.merged_into", old=detail.reached_through, new=customer_id))
    from bankcrm_cli.cli.customer_show_view import print_profile, print_timeline

    print_profile(detail, reveal)
    print_timeline(timeline, zone_of(app_state.settings()))


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
    elif fmt.is_sheet:
        print_sheet(
            fmt, header, ([*dataclasses.astuple(p)[:4], "; ".join(p.reasons)] for p in pairs)
        )
    else:
        _duplicates_table(pairs)


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
    from bankcrm_cli.cli.common import acting_as
    from bankcrm_cli.cli.customer_merge_view import merge_plan_record, print_merge_plan
    from bankcrm_cli.services.customers.customer_merge import merge_customers

    plan = merge_customers(
        state(ctx).engine(),
        keep,
        other,
        actor=acting_as(ctx, acting),
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
    from bankcrm_cli.cli.common import acting_as
    from bankcrm_cli.cli.customer_merge_view import print_unmerge_plan, unmerge_plan_record
    from bankcrm_cli.services.customers.customer_unmerge import unmerge_customer

    plan = unmerge_customer(
        state(ctx).engine(), other, actor=acting_as(ctx, acting), reason=reason, dry_run=dry_run
    )
    if fmt is PlanFormat.json:
        print_json(unmerge_plan_record(plan))
        return
    print_unmerge_plan(plan)


def _duplicates_table(pairs) -> None:
    from bankcrm_cli.domain.catalogue import t, t_or

    header = [t("dup.a"), t("dup.b"), t("dup.level"), t("dup.score"), t("dup.reasons")]
    print_table(
        t("dup.title"),
        header,
        (
            [
                p.customer_id_a,
                p.customer_id_b,
                t_or("dup.level", p.level),
                f"{p.score:.2f}",
                t("merge.rows.sep").join(_reason_shown(r) for r in p.reasons),
            ]
            for p in pairs
        ),
        caption=None if pairs else t("dup.none"),
        no_wrap=frozenset({header[0], header[1], header[3]}),
    )


def _reason_shown(reason: str) -> str:
    """A duplicate's reason in the language in use (--format json keeps the English phrase)."""
    from bankcrm_cli.domain.catalogue import CATALOGUE, t, t_or

    head, sep, names = reason.partition(": ")
    if sep and f"dup.reason.{head}" in CATALOGUE:
        return t(f"dup.reason.{head}", names=names)
    return t_or("dup.reason", reason)


@app.command("reassign")
def reassign_command(
    ctx: typer.Context,
    from_rm: Annotated[str, typer.Option("--from", metavar="RM", help="The RM giving up.")],
    to_rm: Annotated[str, typer.Option("--to", metavar="RM", help="The RM taking over.")],
    customers: Annotated[
        list[str] | None,
        typer.Option("--customers", metavar="NUMBER", help="Only these (repeatable)."),
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print what moved as JSON.")] = False,
) -> None:
    """Move FROM's customers (all, or those named) to TO; access follows at once.

    Example: crm customers reassign --from RM006 --to RM001 --customers 0000000109
    """
    from bankcrm_cli.services.customers.reassign import reassign

    engine = state(ctx).engine()
    moved = reassign(engine, from_rm, to_rm, customers, actor=acting_as(ctx, None))
    if as_json:
        print_json({"from": from_rm, "to": to_rm, "moved": moved})
        return
    err().print(t("adm.user.reassigned", count=len(moved), source=from_rm, target=to_rm))
