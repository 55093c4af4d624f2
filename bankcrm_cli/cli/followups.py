"""`crm followups today|upcoming|done|snooze`: the work of the day."""

from __future__ import annotations

from datetime import date
from enum import StrEnum
from operator import attrgetter
from typing import Annotated

import typer

from bankcrm_cli.cli.common import (
    AsOption,
    BranchOption,
    DateOption,
    FollowupKindsOption,
    RevealOption,
    RmOption,
    out,
    parse_day,
    print_json,
    print_sheet,
    say,
    state,
    today_in_zone,
    trace_reveal,
)
from bankcrm_cli.cli.help import CrmTyper
from bankcrm_cli.domain.catalogue import t, t_or
from bankcrm_cli.domain.dates import LONGEST_WINDOW_DAYS
from bankcrm_cli.domain.followups import FollowupKind

app = CrmTyper(
    help="What to do today and ahead: birthdays, maturities, call-backs, complaint deadlines, "
    "campaign calls.",
    no_args_is_help=True,
)

CSV_COLUMNS = ["id", "kind", "customer_id", "name", "rm_code", "due_date", "account_id", "detail"]


class FollowupFormat(StrEnum):
    table = "table"
    json = "json"
    csv = "csv"
    xlsx = "xlsx"
    ics = "ics"

    @property
    def is_sheet(self) -> bool:
        return self in (FollowupFormat.csv, FollowupFormat.xlsx)


FormatOption = Annotated[
    FollowupFormat,
    typer.Option(
        "--format",
        "-f",
        help="table for people; json/csv for scripts; xlsx for a spreadsheet; ics for calendars.",
    ),
]


def _day_and_kinds(settings, day: str | None, kinds) -> tuple[date, list[FollowupKind]]:
    """The --date (default: today in the bank's zone) and the --kind values (default: all)."""
    run_day = parse_day(day, "--date") or today_in_zone(settings)
    return run_day, list(kinds) if kinds else list(FollowupKind)


def _rules(settings):
    from bankcrm_cli.settings import followup_rules

    return followup_rules(settings)


def _working_days():
    """China's working days, kept in the user's cache folder between runs."""
    from bankcrm_cli.io.working_days import CachedWorkingDays
    from bankcrm_cli.settings import cache_dir

    return CachedWorkingDays(cache_dir())


def _emit(items, fmt: FollowupFormat, heading: str, today: date) -> None:
    """The items (phones as the service masked them) in the format asked for.

    JSON and CSV keep due dates as dates and refused channels as tuples: their writers put
    them as ISO dates and arrays, at C speed on a whole bank's thousands of items.
    """
    if fmt is FollowupFormat.json:
        print_json(items)
    elif fmt.is_sheet:
        print_sheet(fmt, CSV_COLUMNS, map(attrgetter(*CSV_COLUMNS), items))
    elif fmt is FollowupFormat.ics:
        import sys

        from bankcrm_cli.io.ics import followups_calendar

        sys.stdout.buffer.write(followups_calendar(items))
        sys.stdout.flush()
    else:
        _print_grouped(items, heading, today)


def _when(due: date, overdue: bool, today: date) -> str:
    """The due date as the 日期 column shows it: month-day in the run's year, else in full."""
    shown = due.strftime("%m-%d") if due.year == today.year else due.isoformat()
    return f"{shown}\n{t('fu.overdue')}" if overdue else shown


def _print_grouped(items, heading: str, today: date) -> None:
    """One table per kind. The id, which `done` and `snooze` take, heads the 编号/要点 cell on
    a line of its own, the column kept as wide as the longest id: it never breaks; nor do a
    customer number or a phone under the name."""
    from bankcrm_cli.render.tables import Col, print_fitted

    console = out()
    console.print(heading)
    if not items:
        console.print(t("fu.nothing"))
        return
    for kind in FollowupKind:
        title = t(f"fu.kind.{kind.value}")
        group = [item for item in items if item.kind == kind]
        if not group:
            continue
        widest_id = max(len(item.id) for item in group)
        widest_number = max(len(n or "") for item in group for n in (item.customer_id, item.phone))
        columns = [
            Col(t("fu.col.date"), fixed=True),
            Col(t("fu.col.customer"), min_width=widest_number),
            Col(t("fu.col.tier"), fixed=True),
            Col(t("fu.col.id"), min_width=widest_id),
        ]
        rows = []
        for item in group:
            refused = " ".join(t(f"channel.{c}") for c in item.refused_channels)
            refusals = t("fu.refused", channels=refused) if refused else None
            rows.append(
                [
                    _when(item.due_date, item.overdue, today),
                    "\n".join(filter(None, (item.name, item.customer_id, item.phone))),
                    t_or("tier", item.tier),
                    "\n".join(filter(None, (item.id, item.detail, refusals))),
                ]
            )
        print_fitted(console, f"{title} ({len(group)})", columns, rows)


@app.command("today")
def today_command(
    ctx: typer.Context,
    day: DateOption = None,
    rm: RmOption = None,
    branch: BranchOption = None,
    kinds: FollowupKindsOption = None,
    fmt: FormatOption = FollowupFormat.table,
    reveal: RevealOption = False,
) -> None:
    """List the follow-ups due today (on a working day, through the non-working days after it).

    Example: crm followups today --rm RM001 --format json
    """
    from bankcrm_cli.services.followups.today import followups_on

    app_state = state(ctx)
    settings = app_state.settings()
    run_day, wanted = _day_and_kinds(settings, day, kinds)
    result = followups_on(
        app_state.reader(),
        run_day,
        _rules(settings),
        rm_code=rm,
        branch=branch,
        kinds=wanted,
        year_days=_working_days(),
        mask_phones=not reveal,
    )
    if reveal:
        customers = sorted({i.customer_id for i in result.items})
        trace_reveal(ctx, f"followups today {run_day}", customers)
    covers = result.covers
    span = f"{covers[0]}" if len(covers) == 1 else f"{covers[0]} – {covers[-1]}"
    heading = t("fu.heading", day=run_day, span=span)
    _emit(result.items, fmt, heading, run_day)


@app.command("upcoming")
def upcoming_command(
    ctx: typer.Context,
    days: Annotated[
        int,
        typer.Option(
            "--days", min=1, max=LONGEST_WINDOW_DAYS, help="How many days ahead, from --date."
        ),
    ] = 7,
    day: DateOption = None,
    rm: RmOption = None,
    branch: BranchOption = None,
    kinds: FollowupKindsOption = None,
    fmt: FormatOption = FollowupFormat.table,
    reveal: RevealOption = False,
) -> None:
    """List the follow-ups falling due in the next N days, grouped by date.

    Example: crm followups upcoming --days 14 --kind maturity
    """
    from bankcrm_cli.services.followups import upcoming

    app_state = state(ctx)
    settings = app_state.settings()
    start, wanted = _day_and_kinds(settings, day, kinds)
    grouped = upcoming(
        app_state.engine(),
        start,
        days,
        _rules(settings),
        year_days=_working_days(),
        rm_code=rm,
        branch=branch,
        kinds=wanted,
        mask_phones=not reveal,
    )
    items = [item for group in grouped.values() for item in group]
    if reveal:
        trace_reveal(ctx, f"followups upcoming {start}", sorted({i.customer_id for i in items}))
    if fmt is not FollowupFormat.table:
        _emit(items, fmt, "", start)
        return
    console = out()
    console.print(t("fu.heading.window", start=start, count=days))
    if not grouped:
        console.print(t("fu.nothing"))
    for due, group in grouped.items():
        _print_grouped(group, f"\n{due} ({t(f'weekday.{due.isoweekday()}')})", start)


@app.command("done")
def done_command(
    ctx: typer.Context,
    item_id: Annotated[
        str, typer.Argument(metavar="ID", help="The follow-up id (see --format json).")
    ],
    note: Annotated[str | None, typer.Option(help="What was done.")] = None,
    acting: AsOption = None,
) -> None:
    """Mark a follow-up done: it stops showing.

    Example: crm followups done maturity:6222000000000000001:2026-12-05 --note "续存三年"
    """
    from bankcrm_cli.cli.common import acting_as
    from bankcrm_cli.services.followups import record_action

    app_state = state(ctx)
    settings = app_state.settings()
    followup = record_action(
        app_state.engine(),
        item_id,
        "done",
        acting_as(ctx, acting),
        today=today_in_zone(settings),
        rules=_rules(settings),
        note=note,
    )
    say(t("fu.done", id=followup))


@app.command("snooze")
def snooze_command(
    ctx: typer.Context,
    item_id: Annotated[
        str, typer.Argument(metavar="ID", help="The follow-up id (see --format json).")
    ],
    until: Annotated[str, typer.Option("--until", metavar="YYYY-MM-DD", help="When it returns.")],
    note: Annotated[str | None, typer.Option(help="Why.")] = None,
    acting: AsOption = None,
) -> None:
    """Hide a follow-up until a date; it returns that day.

    Example: crm followups snooze birthday:0000000042:2026-12-05 --until 2026-12-04
    """
    from bankcrm_cli.cli.common import acting_as
    from bankcrm_cli.services.followups import record_action

    app_state = state(ctx)
    settings = app_state.settings()
    back = parse_day(until, "--until")
    followup = record_action(
        app_state.engine(),
        item_id,
        "snooze",
        acting_as(ctx, acting),
        today=today_in_zone(settings),
        rules=_rules(settings),
        until=back,
        note=note,
    )
    say(t("fu.snoozed", day=back, id=followup))
