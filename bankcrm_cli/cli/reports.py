"""`crm report daily|weekly|complaints|portfolio`: reports that cron runs and people read."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from bankcrm_cli.cli.common import BranchOption, RmOption, parse_day, state, today_in_zone, zone_of
from bankcrm_cli.cli.help import CrmTyper

app = CrmTyper(
    help="Reports for the morning, safe to run from cron: daily, weekly, complaints, portfolio, "
    "campaign.",
    no_args_is_help=True,
)


class ReportFormat(StrEnum):
    md = "md"
    html = "html"
    csv = "csv"
    json = "json"


DateOption = Annotated[
    str | None,
    typer.Option(
        "--date",
        metavar="YYYY-MM-DD",
        help="The report day (default: today in the configured time zone).",
    ),
]
FormatOption = Annotated[
    ReportFormat,
    typer.Option(
        "--format",
        "-f",
        help="md for a terminal or e-mail; html: one self-contained page (prints on A4); "
        "csv and json for scripts.",
    ),
]
OutOption = Annotated[
    Path | None,
    typer.Option(
        "--out",
        "-o",
        metavar="PATH",
        help="Write here (atomically, mode 0600) and print nothing on success; default: stdout.",
    ),
]


EmailOption = Annotated[
    str | None,
    typer.Option(
        "--email",
        metavar="ADDRESS,...",
        help="Also e-mail it (Markdown text + HTML; csv/json attached) through the SMTP "
        "settings; nothing is printed then.",
    ),
]


def _run(ctx: typer.Context, kind: str, day, rm, branch, fmt, out, since=None, email=None) -> None:
    """Build, render and deliver one report, holding the report's lock throughout."""
    from bankcrm_cli.render.reports import render_report
    from bankcrm_cli.services.admin.run_lock import run_lock
    from bankcrm_cli.services.admin.store import store_url
    from bankcrm_cli.services.analytics.reports import build_report, report_context

    app_state = state(ctx)
    settings = app_state.settings()
    context = report_context(
        settings,
        parse_day(day, "--date") or today_in_zone(settings),
        zone_of(settings),
        rm_code=rm,
        branch=branch,
        since=parse_day(since, "--since"),
    )
    if out is not None:
        from bankcrm_cli.io.outputs import check_output_file

        check_output_file(out)  # before the lock and the work: refused at once
    recipients = None
    if email is not None:
        from bankcrm_cli.services.analytics.report_email import parse_recipients

        recipients = parse_recipients(email)
    engine = app_state.engine()  # a missing store is said before any lock file is made
    with run_lock(f"report-{kind}", store_url(settings), command=f"crm report {kind}"):
        document = build_report(engine, kind, context)
        rendered = render_report(document, fmt.value)
        if out is not None or recipients is None:
            _deliver(rendered.content, out)
        if recipients is not None:
            _email(settings, recipients, document, rendered)


def _email(settings, recipients: list[str], document, rendered) -> None:
    """The report as an e-mail: Markdown as the text, HTML beside it, csv/json attached."""
    from bankcrm_cli.render.email import Attachment
    from bankcrm_cli.render.reports import render_report
    from bankcrm_cli.services.analytics.report_email import send_email

    by_format = {rendered.format: rendered}
    for fmt in ("md", "html"):
        if fmt not in by_format:
            by_format[fmt] = render_report(document, fmt)
    attachments = []
    if rendered.format in ("csv", "json"):
        subtype = "csv" if rendered.format == "csv" else "json"
        attachments.append(
            Attachment(
                filename=f"{rendered.kind}-{document['date']}{rendered.suffix}",
                data=rendered.content,
                maintype="text" if subtype == "csv" else "application",
                subtype=subtype,
            )
        )
    send_email(
        settings,
        recipients,
        subject=rendered.subject,
        text=by_format["md"].content.decode("utf-8"),
        html=by_format["html"].content.decode("utf-8"),
        attachments=attachments,
    )


def _deliver(content: bytes, out: Path | None) -> None:
    if out is None:
        import sys

        sys.stdout.buffer.write(content)
        sys.stdout.flush()
        return
    from bankcrm_cli.io.atomic import write_atomically

    write_atomically(out, content)


@app.command("daily")
def daily_command(
    ctx: typer.Context,
    day: DateOption = None,
    rm: RmOption = None,
    branch: BranchOption = None,
    fmt: FormatOption = ReportFormat.md,
    out: OutOption = None,
    email: EmailOption = None,
) -> None:
    """The morning report: the day's follow-ups by kind and RM; complaints open, due within 2
    days, overdue and breached; yesterday's contacts per RM; maturities in the next 30 days;
    new and changed customers; the top 20 churn risks.

    Example: crm report daily --format html --out reports/daily.html
    """
    _run(ctx, "daily", day, rm, branch, fmt, out, email=email)


@app.command("weekly")
def weekly_command(
    ctx: typer.Context,
    day: DateOption = None,
    rm: RmOption = None,
    branch: BranchOption = None,
    fmt: FormatOption = ReportFormat.md,
    out: OutOption = None,
    email: EmailOption = None,
) -> None:
    """The 7 days before --date against the week before: contacts, complaints, maturities,
    customers, churn; the week ahead's follow-ups; the RM activity league (contacts, reached
    rate, follow-ups done on time).

    Example: crm report weekly --date 2026-12-07 --format html --out reports/weekly.html
    """
    _run(ctx, "weekly", day, rm, branch, fmt, out, email=email)


@app.command("complaints")
def complaints_command(
    ctx: typer.Context,
    day: DateOption = None,
    since: Annotated[
        str | None,
        typer.Option(
            "--since",
            metavar="YYYY-MM-DD",
            help="First day of the period (default: the first day of the quarter of --date).",
        ),
    ] = None,
    rm: RmOption = None,
    branch: BranchOption = None,
    fmt: FormatOption = ReportFormat.md,
    out: OutOption = None,
    email: EmailOption = None,
) -> None:
    """The regulator-facing view of complaints received in the period: received, resolved,
    within deadline %, median handling days, by category and channel, breached cases listed.

    Example: crm report complaints --since 2026-10-01 --format csv --out complaints-q4.csv
    """
    _run(ctx, "complaints", day, rm, branch, fmt, out, since=since, email=email)


@app.command("portfolio")
def portfolio_command(
    ctx: typer.Context,
    day: DateOption = None,
    rm: RmOption = None,
    branch: BranchOption = None,
    fmt: FormatOption = ReportFormat.md,
    out: OutOption = None,
    email: EmailOption = None,
) -> None:
    """Per RM: customers by tier, AUM, holdings mix, maturities ahead, churn risk.

    Example: crm report portfolio --branch 朝阳支行 --format html --out portfolio.html
    """
    _run(ctx, "portfolio", day, rm, branch, fmt, out, email=email)


def deliver_campaign_report(ctx: typer.Context, name: str, day, fmt, out) -> None:
    """Build, render and deliver one campaign's report, under the report's lock."""
    from bankcrm_cli.render.reports import render_report
    from bankcrm_cli.services.admin.run_lock import run_lock
    from bankcrm_cli.services.admin.store import store_url
    from bankcrm_cli.services.campaigns.report import campaign_report

    app_state = state(ctx)
    settings = app_state.settings()
    today = parse_day(day, "--date") or today_in_zone(settings)
    if out is not None:
        from bankcrm_cli.io.outputs import check_output_file

        check_output_file(out)  # before the lock and the work: refused at once
    engine = app_state.engine()  # a missing store is said before any lock file is made
    with run_lock("report-campaign", store_url(settings), command="crm report campaign"):
        document = campaign_report(
            engine,
            name,
            zone=zone_of(settings),
            today=today,
            bank=settings.get("bank.name"),
        )
        _deliver(render_report(document, fmt.value).content, out)


@app.command("campaign")
def campaign_command(
    ctx: typer.Context,
    name: Annotated[str, typer.Argument(metavar="NAME", help="The campaign's name.")],
    day: DateOption = None,
    fmt: FormatOption = ReportFormat.md,
    out: OutOption = None,
) -> None:
    """A campaign: targeted, holdout, contacted per channel, responses, RSVPs, conversions in
    each group, the uplift with its 95 % interval, new AUM, and the per-RM evaluation.

    Example: crm report campaign 稳健基金首发 --format json --out fund.json
    """
    deliver_campaign_report(ctx, name, day, fmt, out)
