"""`crm campaigns`: create a campaign, target customers, list its members; outreach and the
report are in cli/campaign_outreach.py and cli/campaign_report.py."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from bankcrm_cli.cli.common import (
    AsOption,
    BranchOption,
    FormatOption,
    ListFormat,
    RmOption,
    acting_as,
    parse_day,
    print_json,
    print_sheet,
    print_table,
    state,
    today_in_zone,
    zone_of,
)
from bankcrm_cli.cli.reports import ReportFormat
from bankcrm_cli.domain.dates import LONGEST_WINDOW_DAYS
from bankcrm_cli.domain.values import MAX_AMOUNT_CENTS

# Bounds of the numbers a campaign takes: beyond them a value is a typing mistake.
MAX_SEATS = 1_000_000
MAX_CALLS_PER_DAY = 10_000
MAX_AGE = 150
MAX_YUAN = MAX_AMOUNT_CENTS // 100

app = typer.Typer(
    help="Campaigns: who to approach, what they said, what it brought in (with a holdout).",
    no_args_is_help=True,
)


class Purpose(StrEnum):
    marketing = "marketing"
    service = "service"


class Channel(StrEnum):
    phone = "phone"
    email = "email"
    letter = "letter"
    fax = "fax"
    sms = "sms"


NameArgument = Annotated[str, typer.Argument(metavar="NAME", help="The campaign's name.")]
WindowOption = Annotated[
    int,
    typer.Option(
        metavar="DAYS",
        min=1,
        max=LONGEST_WINDOW_DAYS,
        help="Days after the first contact an opening counts.",
    ),
]
CallsPerDayOption = Annotated[
    int,
    typer.Option(
        metavar="N",
        min=1,
        max=MAX_CALLS_PER_DAY,
        help="Campaign calls a day per RM in `followups today`.",
    ),
]


@app.command("create")
def create_command(
    ctx: typer.Context,
    name: NameArgument,
    title: Annotated[str, typer.Option(help="What the campaign offers, for people.")],
    purpose: Annotated[
        Purpose, typer.Option(help="marketing honours opt-outs; service does not.")
    ] = Purpose.marketing,
    product_types: Annotated[
        list[str] | None,
        typer.Option("--product-type", metavar="TYPE", help="Opening one converts (repeatable)."),
    ] = None,
    start: Annotated[str | None, typer.Option(metavar="YYYY-MM-DD", help="Calls from.")] = None,
    end: Annotated[str | None, typer.Option(metavar="YYYY-MM-DD", help="Calls until.")] = None,
    window: WindowOption = 30,
    holdout: Annotated[
        float, typer.Option(metavar="PCT", help="Per cent of targets never contacted (0-50).")
    ] = 10.0,
    channels: Annotated[
        list[Channel] | None, typer.Option("--channel", help="How members are reached.")
    ] = None,
    capacity: Annotated[
        int | None, typer.Option(metavar="N", min=1, max=MAX_SEATS, help="Seats (an event).")
    ] = None,
    event_date: Annotated[
        str | None, typer.Option(metavar="YYYY-MM-DD", help="The event's day.")
    ] = None,
    calls_per_day: CallsPerDayOption = 20,
    acting: AsOption = None,
) -> None:
    """Make a campaign, with its own key for the holdout draw.

    Example: crm campaigns create 稳健基金首发 --title 保本基金首发电话营销 --product-type fund
    --channel phone --start 2026-05-15 --window 30 --holdout 10
    """
    from bankcrm_cli.services.campaigns.setup import CampaignSpec, create_campaign

    spec = CampaignSpec(
        name=name,
        title=title,
        purpose=purpose.value,
        product_types=tuple(product_types or ()),
        channels=tuple(c.value for c in channels or [Channel.phone]),
        start=parse_day(start, "--start"),
        end=parse_day(end, "--end"),
        window_days=window,
        holdout_pct=holdout,
        capacity=capacity,
        event_date=parse_day(event_date, "--event-date"),
        calls_per_day=calls_per_day,
    )
    view = create_campaign(state(ctx).engine(), spec, actor=acting_as(ctx, acting))
    typer.echo(f"campaign {view.name} created ({view.holdout_pct:g} % holdout)")


CAMPAIGN_COLUMNS = [
    "name",
    "title",
    "purpose",
    "product_types",
    "channels",
    "start",
    "end",
    "window_days",
    "holdout_pct",
    "capacity",
    "event_date",
    "calls_per_day",
    "status",
    "members",
    "holdout_members",
]


def _campaign_values(view) -> list:
    values = [getattr(view, name) for name in CAMPAIGN_COLUMNS]
    return [",".join(v) if isinstance(v, tuple) else v for v in values]


@app.command("list")
def list_command(
    ctx: typer.Context,
    active: Annotated[bool, typer.Option("--active", help="Only campaigns not closed.")] = False,
    fmt: FormatOption = ListFormat.table,
) -> None:
    """List campaigns, newest first.

    Example: crm campaigns list --active
    """
    from bankcrm_cli.services.campaigns.setup import list_campaigns

    views = list_campaigns(state(ctx).engine(), active_only=active)
    rows = [_campaign_values(v) for v in views]
    if fmt is ListFormat.json:
        print_json([dict(zip(CAMPAIGN_COLUMNS, r, strict=True)) for r in rows])
    elif fmt.is_sheet:
        print_sheet(fmt, CAMPAIGN_COLUMNS, rows)
    else:
        shown = [[v.name, v.title, v.purpose, ",".join(v.channels), v.start, v.status, v.members,
                  v.holdout_members] for v in views]  # fmt: skip
        print_table(
            "营销活动 Campaigns",
            ["名称", "标题", "目的", "渠道", "开始", "状态", "成员", "对照组"],
            shown,
            caption=None if views else "no campaigns yet: crm campaigns create NAME --title …",
            no_wrap=frozenset({"名称", "开始"}),
        )


@app.command("show")
def show_command(ctx: typer.Context, name: NameArgument, fmt: FormatOption = ListFormat.table):
    """Show a campaign's settings and member counts.

    Example: crm campaigns show 稳健基金首发
    """
    from bankcrm_cli.services.campaigns.setup import show_campaign

    view = show_campaign(state(ctx).engine(), name)
    values = _campaign_values(view)
    if fmt is ListFormat.json:
        print_json(dict(zip(CAMPAIGN_COLUMNS, values, strict=True)))
    elif fmt.is_sheet:
        print_sheet(fmt, CAMPAIGN_COLUMNS, [values])
    else:
        pairs = list(zip(CAMPAIGN_COLUMNS, values, strict=True))
        print_table(f"{view.name} — {view.title}", ["field", "value"], pairs)


@app.command("close")
def close_command(ctx: typer.Context, name: NameArgument, acting: AsOption = None) -> None:
    """Close a campaign: no more targets, calls, mail or RSVPs; the report stays.

    Example: crm campaigns close 稳健基金首发
    """
    from bankcrm_cli.services.campaigns.setup import close_campaign

    close_campaign(state(ctx).engine(), name, actor=acting_as(ctx, acting))
    typer.echo(f"campaign {name} closed")


def customer_list(text: str | None, option: str = "--customers") -> tuple[str, ...] | None:
    """ID,ID,… or @FILE with one customer number a line; None when not given."""
    from bankcrm_cli.domain.errors import UsageError

    if text is None:
        return None
    if text.startswith("@"):
        try:
            lines = Path(text[1:]).read_text(encoding="utf-8-sig").splitlines()
        except (OSError, UnicodeDecodeError) as exc:
            raise UsageError(f"cannot read {option} file {text[1:]}: {exc}") from None
        ids = [line.strip() for line in lines if line.strip() and not line.startswith("#")]
    else:
        ids = [part.strip() for part in text.split(",") if part.strip()]
    if not ids:
        raise UsageError(f"{option} names no customer")
    return tuple(ids)


@app.command("target")
def target_command(
    ctx: typer.Context,
    name: NameArgument,
    segment: Annotated[str | None, typer.Option(metavar="TIER", help="A tier, e.g. 白金.")] = None,
    rm: RmOption = None,
    branch: BranchOption = None,
    holds: Annotated[list[str] | None, typer.Option(metavar="TYPE", help="Holds one.")] = None,
    lacks: Annotated[list[str] | None, typer.Option(metavar="TYPE", help="Holds none.")] = None,
    maturing_within: Annotated[
        int | None,
        typer.Option(
            metavar="DAYS", min=0, max=LONGEST_WINDOW_DAYS, help="A holding matures within DAYS."
        ),
    ] = None,
    maturing_type: Annotated[
        str | None, typer.Option(metavar="TYPE", help="…of this product type.")
    ] = None,
    aum_min: Annotated[float | None, typer.Option(metavar="YUAN", min=0, max=MAX_YUAN)] = None,
    aum_max: Annotated[float | None, typer.Option(metavar="YUAN", min=0, max=MAX_YUAN)] = None,
    age_min: Annotated[int | None, typer.Option(metavar="YEARS", min=0, max=MAX_AGE)] = None,
    age_max: Annotated[int | None, typer.Option(metavar="YEARS", min=0, max=MAX_AGE)] = None,
    opportunities: Annotated[
        list[str] | None,
        typer.Option(metavar="KIND", help="In `crm opportunities` of this kind (repeatable)."),
    ] = None,
    customers: Annotated[
        str | None, typer.Option(metavar="ID,ID|@FILE", help="These customers.")
    ] = None,
    dry_run: Annotated[bool, typer.Option("--dry-run", help="Count; add nobody.")] = False,
    acting: AsOption = None,
) -> None:
    """Add the customers every filter chooses; each is drawn into the holdout or not, once.

    Example: crm campaigns target 稳健基金首发 --segment 白金 --lacks fund --dry-run
    """
    from bankcrm_cli.services.campaigns.targeting import TargetFilters, target_campaign

    app_state = state(ctx)
    settings = app_state.settings()
    filters = TargetFilters(
        segment=segment,
        rm_code=rm,
        branch=branch,
        holds=tuple(holds or ()),
        lacks=tuple(lacks or ()),
        maturing_within=maturing_within,
        maturing_type=maturing_type,
        aum_min=aum_min,
        aum_max=aum_max,
        age_min=age_min,
        age_max=age_max,
        opportunities=tuple(opportunities or ()),
        customers=customer_list(customers),
    )
    who, today = acting_as(ctx, acting), today_in_zone(settings)
    engine = app_state.engine()
    _print_target(target_campaign(engine, settings, name, filters, actor=who, today=today,
                                  dry_run=dry_run))  # fmt: skip


# Customer numbers listed under a skip reason; a large targeting says how many more.
SKIPPED_SHOWN = 60


def _print_target(result) -> None:
    from bankcrm_cli.domain.money import format_cents

    verb = "would add" if result.dry_run else "added"
    lines = [
        f"campaign {result.campaign}: {result.chosen} chosen, {result.already} already members",
        f"  {verb}: {result.added}"
        + ("" if result.dry_run else f" ({result.holdout} drawn into the holdout)"),
    ]
    by_reason: dict[str, list[str]] = {}
    for skip in result.skipped:
        by_reason.setdefault(skip.reason, []).append(skip.customer_id)
    for reason, ids in by_reason.items():
        lines.append(f"  skipped ({reason}): {len(ids)}")
        shown = ids[:SKIPPED_SHOWN]
        lines += ["    " + ", ".join(shown[i : i + 6]) for i in range(0, len(shown), 6)]
        if len(ids) > SKIPPED_SHOWN:
            lines.append(f"    … and {len(ids) - SKIPPED_SHOWN} more")
    if result.dry_run and result.preview:
        lines.append("  first rows:")
        for row in result.preview:
            aum = format_cents(row.aum_cents, "CNY") if row.aum_cents is not None else ""
            lines.append(f"    {row.customer_id}  {row.name}  {row.rm_code or ''}  {aum}")
    typer.echo("\n".join(lines))


MEMBER_COLUMNS = [
    "customer_id",
    "name",
    "rm_code",
    "holdout",
    "status",
    "first_contact_at",
    "first_channel",
    "response",
    "rsvp",
    "attended",
    "converted_on",
    "converted_account",
]


@app.command("members")
def members_command(
    ctx: typer.Context,
    name: NameArgument,
    rm: RmOption = None,
    status: Annotated[
        str | None,
        typer.Option(metavar="STATUS", help="targeted, contacted, a response, converted, holdout."),
    ] = None,
    fmt: FormatOption = ListFormat.table,
) -> None:
    """List a campaign's members: holdout side, status, response, conversion.

    Example: crm campaigns members 稳健基金首发 --rm RM001 --format csv
    """
    from bankcrm_cli.services.campaigns.members import members_of

    app_state = state(ctx)
    zone = zone_of(app_state.settings())
    found = members_of(app_state.engine(), name, zone, rm_code=rm, status=status)
    rows = []
    for m in found:
        row = [getattr(m, c) for c in MEMBER_COLUMNS]
        row[MEMBER_COLUMNS.index("status")] = m.shown_status
        rows.append(row)
    if fmt is ListFormat.json:
        print_json([dict(zip(MEMBER_COLUMNS, r, strict=True)) for r in rows])
    elif fmt.is_sheet:
        print_sheet(fmt, MEMBER_COLUMNS, rows)
    else:
        shown = [
            [r[0], r[1], r[2], "对照组" if r[3] else "", r[4],
             r[5].astimezone(zone).strftime("%Y-%m-%d") if r[5] else "", r[7], r[10]]
            for r in rows
        ]  # fmt: skip
        print_table(
            f"{name} 成员 Members",
            ["客户号", "姓名", "客户经理", "对照组", "状态", "首次接触", "回应", "转化"],
            shown,
            caption=f"{len(rows)} members",
            no_wrap=frozenset({"客户号", "首次接触"}),
        )


@app.command("rsvp")
def rsvp_command(
    ctx: typer.Context,
    name: NameArgument,
    customer_id: Annotated[str, typer.Argument(metavar="CUSTOMER_ID")],
    accepted: Annotated[
        bool | None, typer.Option("--accepted/--declined", help="The invitation's answer.")
    ] = None,
    acting: AsOption = None,
) -> None:
    """Record an answer to an event's invitation; beyond --capacity, a waiting list in order.

    Example: crm campaigns rsvp 外汇讲座 0000000042 --accepted
    """
    from bankcrm_cli.domain.errors import UsageError
    from bankcrm_cli.services.campaigns.outreach import rsvp

    if accepted is None:
        raise UsageError("say the answer: --accepted or --declined")
    result = rsvp(
        state(ctx).engine(), name, customer_id, accepted=accepted, actor=acting_as(ctx, acting)
    )
    words = {"accepted": "has a seat", "waiting": "is on the waiting list", "declined": "declined"}
    line = f"{result.customer_id} {words[result.rsvp]}"
    if result.promoted:
        line += f"; {result.promoted} moves from the waiting list to the freed seat"
    typer.echo(line)


@app.command("attend")
def attend_command(
    ctx: typer.Context,
    name: NameArgument,
    customer_ids: Annotated[
        list[str] | None, typer.Argument(metavar="[CUSTOMER_ID]...", help="Who came.")
    ] = None,
    file: Annotated[
        Path | None, typer.Option("--file", metavar="LIST", help="One customer number a line.")
    ] = None,
    acting: AsOption = None,
) -> None:
    """Record who attended an event (accepted members not marked are its no-shows).

    Example: crm campaigns attend 外汇讲座 0000000042 0000000043
    """
    from bankcrm_cli.domain.errors import UsageError
    from bankcrm_cli.services.campaigns.outreach import attend

    ids = list(customer_ids or []) + list(customer_list(f"@{file}", "--file") if file else [])
    if not ids:
        raise UsageError("name who attended: CUSTOMER_ID ... or --file LIST")
    count = attend(state(ctx).engine(), name, ids, actor=acting_as(ctx, acting))
    typer.echo(f"{count} marked as attended in {name}")


@app.command("report")
def report_command(
    ctx: typer.Context,
    name: NameArgument,
    day: Annotated[str | None, typer.Option("--date", metavar="YYYY-MM-DD")] = None,
    fmt: Annotated[
        ReportFormat, typer.Option("--format", "-f", help="md, html, csv or json.")
    ] = ReportFormat.md,
    out: Annotated[Path | None, typer.Option("--out", "-o", metavar="PATH")] = None,
) -> None:
    """The campaign's report: reach, responses, conversions and the uplift over the holdout
    (the same as `crm report campaign NAME`).

    Example: crm campaigns report 稳健基金首发 --format json
    """
    from bankcrm_cli.cli.reports import deliver_campaign_report

    deliver_campaign_report(ctx, name, day, fmt, out)
