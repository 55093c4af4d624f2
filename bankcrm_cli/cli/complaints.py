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
    RmOption,
    out,
    parse_day,
    parse_moment,
    print_json,
    print_sheet,
    print_table,
    say,
    state,
    today_in_zone,
    zone_of,
)
from bankcrm_cli.cli.help import CrmTyper
from bankcrm_cli.domain.catalogue import t, t_or
from bankcrm_cli.domain.dates import LARGEST_NUMBER, LONGEST_WINDOW_DAYS

app = CrmTyper(
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
    from bankcrm_cli.cli.common import acting_as
    from bankcrm_cli.services.contacts.complaints import act

    app_state = state(ctx)
    view = act(
        app_state.engine(),
        complaint_id,
        action,
        actor=acting_as(ctx, acting),
        today=today_in_zone(app_state.settings()),
        **kwargs,
    )
    late = t("cp.late") if view.breached else ""
    status = t_or("status", view.status)
    say(t("cp.moved", id=view.id, status=status, due=view.due_date, late=late))


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
    from bankcrm_cli.cli.common import acting_as
    from bankcrm_cli.services.contacts.complaints import open_complaint

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
        actor=acting_as(ctx, acting),
    )
    say(t("cp.opened", id=complaint_id, due=due))


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
    rm: RmOption = None,
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
    elif fmt.is_sheet:
        print_sheet(fmt, LIST_COLUMNS, rows)
    else:
        shown = [
            [
                v.id,
                v.customer_id,
                v.name,
                v.category,
                t_or("status", v.status),
                v.received_on,
                v.due_date,
                t("cp.overdue_mark") if v.overdue else "",
                t("cp.breached_mark") if v.breached else "",
            ]
            for v in views
        ]
        header = ["#", t("cust.col.id"), t("cust.col.name"), t("cp.category"), t("cp.status")]
        header += [t("cp.received"), t("cp.due"), t("cp.overdue"), t("cp.breached")]
        print_table(
            t("cp.title", day=today),
            header,
            shown,
            caption=None if views else t("cp.none"),
            no_wrap=frozenset({"#", header[1], header[5], header[6]}),
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


def _changes_text(changes: dict | None, separator: str, show_moment, labels: bool = False) -> str:
    """`field: before → after` per change; a field set for the first time shows its value.
    With `labels` (a table), fields and statuses in the language in use; else as stored."""
    parts = []
    for field, (before, after) in (changes or {}).items():
        values = [before, after]
        if labels and field == "status":
            values = [t_or("status", v) if v is not None else None for v in values]
        shown = _value_text(values[1], show_moment)
        if before is not None:
            shown = f"{_value_text(values[0], show_moment)} → {shown}"
        parts.append(f"{t_or('field', field) if labels else field}: {shown}")
    return separator.join(parts)


def _print_show_csv(fmt: ListFormat, view, trail, zone) -> None:
    """The complaint's columns on each row of its history, a row a change."""
    print_sheet(
        fmt,
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
    console.print(
        t(
            "cp.show.head",
            id=view.id,
            name=view.name,
            customer=view.customer_id,
            category=view.category,
        )
    )
    console.print(f"  {view.summary}")
    flags = t("cp.show.overdue") if view.overdue else ""
    flags += t("cp.show.breached") if view.breached else ""
    level = f", {view.level}" if view.level else ""
    status = t_or("status", view.status)
    console.print(
        t(
            "cp.show.status",
            status=status,
            received=view.received_on,
            due=view.due_date,
            policy=view.policy,
            level=level,
            flags=flags,
        )
    )
    if view.resolution:
        console.print(t("cp.show.resolution", text=view.resolution))
    at = t("tl.at")
    print_table(
        t("cp.history"),
        [at, t("tl.actor"), t("tl.action"), t("cp.history.change"), t("tl.note")],
        (
            [
                h.at.astimezone(zone).strftime("%Y-%m-%d %H:%M"),
                h.actor,
                t_or("action", h.action),
                _changes_text(
                    h.changes,
                    ", ",
                    lambda moment: moment.astimezone(zone).strftime("%Y-%m-%d %H:%M"),
                    labels=True,
                ),
                h.reason or "",
            ]
            for h in trail
        ),
        no_wrap=frozenset({at}),
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
    elif fmt.is_sheet:
        _print_show_csv(fmt, view, trail, zone_of(app_state.settings()))
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
    rate = t("n/a") if stats.breach_rate is None else f"{stats.breach_rate:.1%}"
    median = t("n/a") if stats.median_handling_days is None else stats.median_handling_days
    console.print(
        t(
            "cp.stats",
            received=stats.received,
            resolved=stats.resolved,
            breached=stats.breached,
            rate=rate,
            median=median,
        )
    )
    count = t("cp.stats.count")
    for title, counts, labels in (
        ("cp.stats.category", stats.by_category, None),
        ("cp.stats.root", stats.by_root_cause, "root_cause"),
        ("cp.stats.channel", stats.by_channel, "channel"),
    ):
        rows = ((t_or(labels, k) if labels else k, n) for k, n in counts.items())
        print_table(t(title), ["", count], rows, no_wrap=frozenset({count}))
