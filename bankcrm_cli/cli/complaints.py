"""`crm complaints ...`: complaints handled within their regulatory deadlines."""

from __future__ import annotations

import dataclasses
from enum import StrEnum
from typing import Annotated

import typer

from bankcrm_cli.cli.common import (
    AsOption,
    FormatOption,
    ListFormat,
    out,
    parse_day,
    parse_moment,
    print_csv,
    print_json,
    print_table,
    rm_code_option,
    state,
    today_in_zone,
    zone_of,
)
from bankcrm_cli.domain.dates import LARGEST_NUMBER, LONGEST_WINDOW_DAYS

app = typer.Typer(
    help="Complaints: open, handle and close them within their deadlines.", no_args_is_help=True
)
LIST_COLUMNS = [
    "id",
    "customer_id",
    "name",
    "category",
    "status",
    "received_at",
    "due_date",
    "overdue",
    "breached",
    "policy",
    "level",
]


class Policy(StrEnum):
    cn_nfra = "cn-nfra"
    uk_fca = "uk-fca"
    us_cfpb = "us-cfpb"


class Level(StrEnum):
    complex = "complex"
    especially_complex = "especially-complex"


class Channel(StrEnum):
    counter = "counter"
    phone = "phone"
    letter = "letter"
    email = "email"
    online = "online"
    regulator = "regulator"


DueWithinOption = Annotated[
    int | None,
    typer.Option(
        metavar="DAYS",
        min=0,
        max=LONGEST_WINDOW_DAYS,
        help="Only open ones due within DAYS (or past due).",
    ),
]
IdArgument = Annotated[
    int, typer.Argument(metavar="ID", min=1, max=LARGEST_NUMBER, help="The complaint number.")
]


def _act(ctx: typer.Context, complaint_id: int, action: str, acting: str | None, **kwargs) -> None:
    from bankcrm_cli.services.contacts.complaints import act
    from bankcrm_cli.settings import actor

    app_state = state(ctx)
    view = act(
        app_state.engine(),
        complaint_id,
        action,
        actor=actor(acting),
        today=today_in_zone(app_state.settings()),
        **kwargs,
    )
    late = " (breached: resolved after the deadline)" if view.breached else ""
    typer.echo(f"complaint {view.id}: {view.status}, deadline {view.due_date}{late}")


@app.command("open")
def open_command(
    ctx: typer.Context,
    customer_id: Annotated[str, typer.Argument(metavar="CUSTOMER_ID", help="Who complains.")],
    category: Annotated[str, typer.Option(help="e.g. 服务态度, 收费, 理财销售, 系统故障.")],
    summary: Annotated[str, typer.Option(help="What the complaint is about.")],
    channel: Annotated[Channel, typer.Option(help="How it came in.")] = Channel.counter,
    received: Annotated[
        str | None, typer.Option(metavar="'YYYY-MM-DD HH:MM'", help="When (default: now).")
    ] = None,
    policy: Annotated[
        Policy | None, typer.Option(help="Deadline rules (default: the setting, cn-nfra).")
    ] = None,
    payment_services: Annotated[
        bool, typer.Option("--payment-services", help="A payment-services complaint (uk-fca).")
    ] = False,
    acting: AsOption = None,
) -> None:
    """Record a complaint; prints its number and its deadline.

    Example: crm complaints open 0000000042 --category 收费 --summary "年费未提前告知"
    """
    from bankcrm_cli.services.contacts.complaints import open_complaint
    from bankcrm_cli.settings import actor

    app_state = state(ctx)
    settings = app_state.settings()
    received_at = parse_moment(received, "--received", settings)
    complaint_id, due = open_complaint(
        app_state.engine(create=True),
        customer_id,
        category=category,
        summary=summary,
        channel=channel.value,
        received_at=received_at,
        received_on=received_at.date(),
        policy=(policy.value if policy else settings.get("complaints.policy")),
        payment_services=payment_services,
        actor=actor(acting),
    )
    typer.echo(f"complaint {complaint_id} opened; deadline {due}")


@app.command("ack")
def ack_command(ctx: typer.Context, complaint_id: IdArgument, acting: AsOption = None) -> None:
    """Acknowledge receipt to the complainant.

    Example: crm complaints ack 12
    """
    _act(ctx, complaint_id, "ack", acting)


@app.command("progress")
def progress_command(
    ctx: typer.Context,
    complaint_id: IdArgument,
    note: Annotated[str, typer.Option(help="What was done.")],
    acting: AsOption = None,
) -> None:
    """Record progress on a complaint.

    Example: crm complaints progress 12 --note "已调取录音"
    """
    _act(ctx, complaint_id, "progress", acting, note=note)


@app.command("extend")
def extend_command(
    ctx: typer.Context,
    complaint_id: IdArgument,
    level: Annotated[Level, typer.Option(help="How complex the case is.")],
    reason: Annotated[str, typer.Option(help="Why more time is needed.")],
    approved_by: Annotated[
        str | None, typer.Option(help="Senior sign-off (cn-nfra especially-complex).")
    ] = None,
    acting: AsOption = None,
) -> None:
    """Extend the deadline of a complex case, as the policy allows.

    Example: crm complaints extend 12 --level complex --reason "需第三方机构核实"
    """
    _act(
        ctx, complaint_id, "extend", acting, level=level.value, approved_by=approved_by, note=reason
    )


@app.command("resolve")
def resolve_command(
    ctx: typer.Context,
    complaint_id: IdArgument,
    resolution: Annotated[str, typer.Option(help="The decision told to the complainant.")],
    root_cause: Annotated[str | None, typer.Option(help="Why it happened, for prevention.")] = None,
    at: Annotated[
        str | None, typer.Option(metavar="'YYYY-MM-DD HH:MM'", help="When (default: now).")
    ] = None,
    acting: AsOption = None,
) -> None:
    """Resolve a complaint; after its deadline it is marked breached for good.

    Example: crm complaints resolve 12 --resolution "退还年费" --root-cause 告知不足
    """
    settings = state(ctx).settings()
    moment = parse_moment(at, "--at", settings)
    _act(
        ctx,
        complaint_id,
        "resolve",
        acting,
        resolution=resolution,
        root_cause=root_cause,
        at=moment,
        on=moment.date(),
    )


@app.command("close")
def close_command(ctx: typer.Context, complaint_id: IdArgument, acting: AsOption = None) -> None:
    """Close a resolved complaint (archive it).

    Example: crm complaints close 12
    """
    _act(ctx, complaint_id, "close", acting)


@app.command("reopen")
def reopen_command(
    ctx: typer.Context,
    complaint_id: IdArgument,
    reason: Annotated[str, typer.Option(help="Why it is reopened.")],
    acting: AsOption = None,
) -> None:
    """Reopen a resolved or closed complaint.

    Example: crm complaints reopen 12 --reason "客户不认可处理结果"
    """
    _act(ctx, complaint_id, "reopen", acting, note=reason)


@app.command("list")
def list_command(
    ctx: typer.Context,
    status: Annotated[str | None, typer.Option(help="Only this status.")] = None,
    overdue: Annotated[bool, typer.Option("--overdue", help="Only open ones past due.")] = False,
    due_within: DueWithinOption = None,
    day: Annotated[
        str | None, typer.Option("--date", metavar="YYYY-MM-DD", help="As of this day.")
    ] = None,
    rm: Annotated[
        str | None,
        typer.Option("--rm", metavar="CODE", help="This RM's customers.", callback=rm_code_option),
    ] = None,
    fmt: FormatOption = ListFormat.table,
) -> None:
    """List complaints by deadline.

    Example: crm complaints list --due-within 2 --format json
    """
    from bankcrm_cli.services.contacts.complaints import list_complaints

    app_state = state(ctx)
    today = parse_day(day, "--date") or today_in_zone(app_state.settings())
    views = list_complaints(
        app_state.engine(),
        today=today,
        status=status,
        overdue=overdue,
        due_within=due_within,
        rm_code=rm,
    )
    rows = [[getattr(v, c) for c in LIST_COLUMNS] for v in views]
    if fmt is ListFormat.json:
        print_json([dataclasses.asdict(v) for v in views])
    elif fmt is ListFormat.csv:
        print_csv(LIST_COLUMNS, rows)
    else:
        shown = [
            [
                v.id,
                v.customer_id,
                v.name,
                v.category,
                v.status,
                v.received_on,
                v.due_date,
                "逾期" if v.overdue else "",
                "超时" if v.breached else "",
            ]
            for v in views
        ]
        print_table(
            f"投诉 Complaints as of {today}",
            ["#", "客户号", "姓名", "类别", "状态", "受理", "时限", "逾期", "超时办结"],
            shown,
            caption=None if views else "no complaints match",
        )


SHOW_CSV_COLUMNS = ["id", "customer_id", "name", "category", "summary", "status", "due_date"]


def _value_text(value, show_moment) -> str:
    """One value of a change as shown: a moment in the bank's zone, nothing as `—`."""
    from datetime import datetime

    if value is None:
        return "—"
    if isinstance(value, str) and "T" in value:
        try:
            moment = datetime.fromisoformat(value)
        except ValueError:
            return value
        if moment.tzinfo is not None:
            return show_moment(moment)
    return str(value)


def _changes_text(changes: dict | None, separator: str, show_moment) -> str:
    """`field: before → after` per change; a field set for the first time shows its value."""
    parts = []
    for field, (before, after) in (changes or {}).items():
        shown = _value_text(after, show_moment)
        if before is not None:
            shown = f"{_value_text(before, show_moment)} → {shown}"
        parts.append(f"{field}: {shown}")
    return separator.join(parts)


def _print_show_csv(view, trail, zone) -> None:
    """The complaint's columns on each row of its history, a row a change."""
    print_csv(
        [*SHOW_CSV_COLUMNS, "at", "actor", "action", "changes", "reason"],
        (
            [
                *(getattr(view, name) for name in SHOW_CSV_COLUMNS),
                h.at.astimezone(zone).isoformat(timespec="seconds"),
                h.actor,
                h.action,
                _changes_text(
                    h.changes,
                    "; ",
                    lambda moment: moment.astimezone(zone).isoformat(timespec="seconds"),
                ),
                h.reason,
            ]
            for h in trail
        ),
    )


def _print_show_table(view, trail, zone) -> None:
    console = out()
    console.print(f"投诉 #{view.id}  {view.name} ({view.customer_id})  {view.category}")
    console.print(f"  {view.summary}")
    console.print(
        f"  status {view.status}; received {view.received_on}; deadline {view.due_date}"
        f" ({view.policy}{', ' + view.level if view.level else ''})"
        f"{'; OVERDUE' if view.overdue else ''}{'; BREACHED' if view.breached else ''}"
    )
    if view.resolution:
        console.print(f"  resolution: {view.resolution}")
    print_table(
        "处理记录 History",
        ["时间", "经办", "动作", "变更", "说明"],
        (
            [
                h.at.astimezone(zone).strftime("%Y-%m-%d %H:%M"),
                h.actor,
                h.action,
                _changes_text(
                    h.changes,
                    ", ",
                    lambda moment: moment.astimezone(zone).strftime("%Y-%m-%d %H:%M"),
                ),
                h.reason or "",
            ]
            for h in trail
        ),
    )


@app.command("show")
def show_command(
    ctx: typer.Context,
    complaint_id: IdArgument,
    fmt: Annotated[
        ListFormat,
        typer.Option("--format", "-f", help="table, json, or csv (the history, a row a change)."),
    ] = ListFormat.table,
) -> None:
    """Show a complaint and its whole history.

    Example: crm complaints show 12 --format json
    """
    from bankcrm_cli.services.contacts.complaints import get_complaint
    from bankcrm_cli.services.customers.history import history_of

    app_state = state(ctx)
    engine = app_state.engine()
    view = get_complaint(engine, complaint_id, today_in_zone(app_state.settings()))
    trail = history_of(engine, "complaint", complaint_id)
    if fmt is ListFormat.json:
        record = dataclasses.asdict(view)
        record["history"] = [dataclasses.asdict(h) for h in trail]
        print_json(record)
    elif fmt is ListFormat.csv:
        _print_show_csv(view, trail, zone_of(app_state.settings()))
    else:
        _print_show_table(view, trail, zone_of(app_state.settings()))


@app.command("stats")
def stats_command(
    ctx: typer.Context,
    since: Annotated[str | None, typer.Option(metavar="YYYY-MM-DD", help="Received from.")] = None,
    fmt: FormatOption = ListFormat.table,
) -> None:
    """Counts by category and root cause, median handling days, breach rate.

    Example: crm complaints stats --since 2026-01-01
    """
    from bankcrm_cli.services.contacts.complaints import complaint_stats

    stats = complaint_stats(state(ctx).engine(), since=parse_day(since, "--since"))
    if fmt is not ListFormat.table:
        print_json(dataclasses.asdict(stats))
        return
    console = out()
    rate = "n/a" if stats.breach_rate is None else f"{stats.breach_rate:.1%}"
    median = "n/a" if stats.median_handling_days is None else stats.median_handling_days
    console.print(
        f"received {stats.received}, resolved {stats.resolved}, breached {stats.breached} "
        f"(breach rate {rate}), median handling days {median}"
    )
    for title, counts in (
        ("类别 By category", stats.by_category),
        ("根因 By root cause", stats.by_root_cause),
        ("渠道 By channel", stats.by_channel),
    ):
        print_table(title, ["", "count"], counts.items())
