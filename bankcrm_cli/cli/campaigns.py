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
from bankcrm_cli.cli.help import CrmTyper
from bankcrm_cli.cli.reports import ReportFormat
from bankcrm_cli.domain.catalogue import t, t_or
from bankcrm_cli.domain.dates import LONGEST_WINDOW_DAYS
from bankcrm_cli.domain.values import MAX_AMOUNT_CENTS

# Bounds of the numbers a campaign takes: beyond them a value is a typing mistake.
MAX_SEATS = 1_000_000
MAX_CALLS_PER_DAY = 10_000
MAX_AGE = 150
MAX_YUAN = MAX_AMOUNT_CENTS // 100

app = CrmTyper(
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
    typer.echo(t("camp.created", name=view.name, pct=f"{view.holdout_pct:g}"))


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


LIST_COLUMNS = ("name", "title", "purpose", "channels", "start", "status", "members", "holdout")


def _campaign_values(view) -> list:
    values = [getattr(view, name) for name in CAMPAIGN_COLUMNS]
    return [",".join(v) if isinstance(v, tuple) else v for v in values]


def _words(prefix: str, codes) -> str:
    """Codes (channels, product types) as words in the language of the run."""
    return t("camp.join").join(t_or(prefix, code) for code in codes)


def _shown_values(view) -> list:
    """A campaign's values as a table shows them: codes as words."""
    words = {
        "purpose": t_or("purpose", view.purpose),
        "product_types": _words("product", view.product_types),
        "channels": _words("channel", view.channels),
        "status": t_or("camp.state", view.status),
    }
    values = [words.get(name, getattr(view, name)) for name in CAMPAIGN_COLUMNS]
    return ["" if v is None else v for v in values]


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
        shown = [[v.name, v.title, t_or("purpose", v.purpose), _words("channel", v.channels),
                  v.start, t_or("camp.state", v.status), v.members, v.holdout_members]
                 for v in views]  # fmt: skip
        header = [t(f"camp.col.{c}") for c in LIST_COLUMNS]
        print_table(
            t("camp.list.title"),
            header,
            shown,
            caption=None if views else t("camp.list.none"),
            no_wrap=frozenset({header[0], header[4]}),
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
        pairs = [
            (t(f"camp.field.{c}"), v)
            for c, v in zip(CAMPAIGN_COLUMNS, _shown_values(view), strict=True)
        ]
        print_table(
            f"{view.name} — {view.title}", [t("camp.col.field"), t("camp.col.value")], pairs
        )


@app.command("close")
def close_command(ctx: typer.Context, name: NameArgument, acting: AsOption = None) -> None:
    """Close a campaign: no more targets, calls, mail or RSVPs; the report stays.

    Example: crm campaigns close 稳健基金首发
    """
    from bankcrm_cli.services.campaigns.setup import close_campaign

    close_campaign(state(ctx).engine(), name, actor=acting_as(ctx, acting))
    typer.echo(t("camp.closed", name=name))


def customer_list(text: str | None, option: str = "--customers") -> tuple[str, ...] | None:
    """ID,ID,… or @FILE with one customer number a line; None when not given."""
    from bankcrm_cli.domain.errors import UsageError

    if text is None:
        return None
    if text.startswith("@"):
        try:
            lines = Path(text[1:]).read_text(encoding="utf-8-sig").splitlines()
        except (OSError, UnicodeDecodeError) as exc:
            why = t("camp.err.customers_file", option=option, path=text[1:], why=exc)
            raise UsageError(why) from None
        ids = [line.strip() for line in lines if line.strip() and not line.startswith("#")]
    else:
        ids = [part.strip() for part in text.split(",") if part.strip()]
    if not ids:
        raise UsageError(t("camp.err.customers_none", option=option))
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

    head = t("camp.target.head", name=result.campaign, chosen=result.chosen, count=result.already)
    if result.dry_run:
        added = t("camp.target.would_add", count=result.added)
    else:
        added = t("camp.target.added", count=result.added, holdout=result.holdout)
    lines = [head, added]
    by_reason: dict[str, list[str]] = {}
    for skip in result.skipped:
        by_reason.setdefault(skip.reason, []).append(skip.customer_id)
    for reason, ids in by_reason.items():
        lines.append(t("camp.target.skipped", reason=reason, count=len(ids)))
        shown = ids[:SKIPPED_SHOWN]
        lines += ["    " + ", ".join(shown[i : i + 6]) for i in range(0, len(shown), 6)]
        if len(ids) > SKIPPED_SHOWN:
            lines.append(t("camp.target.more", count=len(ids) - SKIPPED_SHOWN))
    if result.dry_run and result.preview:
        lines.append(t("camp.target.first_rows"))
        for row in result.preview:
            aum = format_cents(row.aum_cents, "CNY") if row.aum_cents is not None else ""
            lines.append(f"    {row.customer_id}  {row.name}  {row.rm_code or ''}  {aum}")
    typer.echo("\n".join(lines))


# What the members table shows (the catalogue's camp.col.* keys).
MEMBER_TABLE_COLUMNS = (
    "customer", "customer_name", "rm", "holdout", "status", "first_contact", "response",
    "converted",
)  # fmt: skip
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
            [r[0], r[1], r[2], t("yes" if r[3] else "no"), t_or("camp.member", r[4]),
             r[5].astimezone(zone).strftime("%Y-%m-%d") if r[5] else "",
             t_or("camp.member", r[7]), r[10]]
            for r in rows
        ]  # fmt: skip
        header = [t(f"camp.col.{c}") for c in MEMBER_TABLE_COLUMNS]
        print_table(
            t("camp.members.title", name=name),
            header,
            shown,
            caption=t("camp.members.count", count=len(rows)),
            no_wrap=frozenset({header[0], header[5]}),
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
        raise UsageError(t("camp.err.rsvp_answer"))
    result = rsvp(
        state(ctx).engine(), name, customer_id, accepted=accepted, actor=acting_as(ctx, acting)
    )
    line = t(f"camp.rsvp.{result.rsvp}", customer=result.customer_id)
    if result.promoted:
        line += t("camp.rsvp.promoted", customer=result.promoted)
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
        raise UsageError(t("camp.err.attend_who"))
    count = attend(state(ctx).engine(), name, ids, actor=acting_as(ctx, acting))
    typer.echo(t("camp.attended", count=count, name=name))


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
