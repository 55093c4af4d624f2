"""`crm log-call` and `crm calls list`: the contact log."""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated

import typer

from bankcrm_cli.cli.common import (
    AsOption,
    FormatOption,
    ListFormat,
    RmOption,
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

app = CrmTyper(help="The contact log: calls and visits.", no_args_is_help=True)
COLUMNS = ["id", "at", "customer_id", "name", "channel", "outcome", "note", "next_date", "actor"]


class Outcome(StrEnum):
    reached = "reached"
    no_answer = "no-answer"
    busy = "busy"
    wrong_number = "wrong-number"
    declined = "declined"


class CampaignResponse(StrEnum):
    interested = "interested"
    declined = "declined"
    accepted = "accepted"
    callback = "callback"


class Channel(StrEnum):
    phone = "phone"
    visit = "visit"
    wechat = "wechat"
    sms = "sms"
    email = "email"


def log_call_command(
    ctx: typer.Context,
    customer_id: Annotated[str, typer.Argument(metavar="CUSTOMER_ID", help="The customer number.")],
    outcome: Annotated[
        Outcome | None, typer.Option(help="How it went (with --response: reached).")
    ] = None,
    channel: Annotated[Channel, typer.Option(help="How you reached them.")] = Channel.phone,
    note: Annotated[str | None, typer.Option(help="What was said.")] = None,
    at: Annotated[
        str | None, typer.Option(metavar="'YYYY-MM-DD HH:MM'", help="When (default: now).")
    ] = None,
    next_date: Annotated[
        str | None, typer.Option("--next", metavar="YYYY-MM-DD", help="Ask for a call-back then.")
    ] = None,
    next_note: Annotated[str | None, typer.Option(help="What the call-back is for.")] = None,
    campaign: Annotated[
        str | None, typer.Option(metavar="NAME", help="A call of this campaign (see --response).")
    ] = None,
    response: Annotated[
        CampaignResponse | None, typer.Option(help="The member's answer (with --campaign).")
    ] = None,
    acting: AsOption = None,
) -> None:
    """Record a call or visit; --next sets a call-back, a reached contact closes open ones.

    Example: crm log-call 0000000042 --outcome reached --note "到期续存意向" --next 2026-12-10

    A campaign call: crm log-call 0000000042 --campaign 稳健基金首发 --response interested
    """
    from bankcrm_cli.cli.common import acting_as
    from bankcrm_cli.domain.errors import UsageError
    from bankcrm_cli.domain.followups import FollowupId, FollowupKind
    from bankcrm_cli.services.contacts.calls import log_call

    if response is not None and campaign is None:
        raise UsageError(t("camp.err.response_needs_campaign"))
    if outcome is None and response is None:
        raise UsageError(t("call.err.how_it_went"))
    app_state = state(ctx)
    settings = app_state.settings()
    contact_id = log_call(
        app_state.engine(create=True),
        customer_id,
        outcome=outcome.value if outcome else "reached",
        campaign=campaign,
        response=response.value if response else None,
        channel=channel.value,
        note=note,
        at=parse_moment(at, "--at", settings),
        next_date=parse_day(next_date, "--next"),
        next_note=next_note,
        actor=acting_as(ctx, acting),
        today=today_in_zone(settings),
    )
    callback = FollowupId(FollowupKind.callback, str(contact_id))
    if next_date:
        say(t("calls.logged_callback", id=contact_id, callback=callback, day=next_date))
    else:
        say(t("calls.logged", id=contact_id))


@app.command("list")
def list_command(
    ctx: typer.Context,
    customer: Annotated[str | None, typer.Option(metavar="ID", help="Only this customer.")] = None,
    rm: RmOption = None,
    by: Annotated[
        str | None, typer.Option("--by", metavar="WHO", help="Only those logged by WHO.")
    ] = None,
    since: Annotated[str | None, typer.Option(metavar="YYYY-MM-DD", help="From this day.")] = None,
    fmt: FormatOption = ListFormat.table,
) -> None:
    """List logged contacts, newest first.

    Example: crm calls list --rm RM006 --by RM001 --since 2026-11-01 --format csv
    """
    from datetime import datetime

    from bankcrm_cli.services.contacts.calls import list_calls

    app_state = state(ctx)
    day = parse_day(since, "--since")
    start = None
    if day is not None:
        start = datetime.combine(day, datetime.min.time(), tzinfo=zone_of(app_state.settings()))
    calls = list_calls(
        app_state.engine(), customer_id=customer, rm_code=rm, logged_by=by, since=start
    )
    rows = [[getattr(c, name) for name in COLUMNS] for c in calls]
    if fmt is ListFormat.json:
        print_json(
            [
                dict(zip(COLUMNS + ["callback_open"], r + [c.callback_open], strict=True))
                for r, c in zip(rows, calls, strict=True)
            ]
        )
    elif fmt.is_sheet:
        print_sheet(fmt, COLUMNS, rows)
    else:
        _print_calls(calls, zone_of(app_state.settings()))


def _print_calls(calls, zone) -> None:
    shown = [
        [
            c.id,
            c.at.astimezone(zone).strftime("%Y-%m-%d %H:%M"),
            c.customer_id,
            c.name,
            t_or("channel", c.channel),
            t_or("outcome", c.outcome),
            c.note,
            c.next_date,
            c.actor,
        ]
        for c in calls
    ]
    header = ["#", t("calls.at"), t("cust.col.id"), t("cust.col.name"), t("calls.channel")]
    header += [t("calls.outcome"), t("calls.note"), t("calls.callback"), t("calls.by")]
    print_table(
        t("calls.title"),
        header,
        shown,
        caption=None if calls else t("calls.none"),
        no_wrap=frozenset({"#", header[1], header[2], header[7]}),
    )
