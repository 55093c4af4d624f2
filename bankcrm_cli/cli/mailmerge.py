"""`crm mailmerge TEMPLATE`: letters, e-mails and faxes to a set of customers, sent once."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from bankcrm_cli.cli.common import (
    AsOption,
    DateOption,
    RmOption,
    err,
    parse_day,
    print_json,
    state,
    today_in_zone,
)
from bankcrm_cli.domain.dates import LARGEST_NUMBER
from bankcrm_cli.domain.followups import FollowupKind


class Channel(StrEnum):
    letter = "letter"
    email = "email"
    fax = "fax"


class FaxFormat(StrEnum):
    pdf = "pdf"
    tiff = "tiff"


class SummaryFormat(StrEnum):
    text = "text"
    json = "json"


TemplateArgument = Annotated[
    str,
    typer.Argument(
        metavar="TEMPLATE",
        help="Template name, e.g. birthday-greeting (see `crm templates list`).",
    ),
]
ChannelOption = Annotated[Channel, typer.Option("--channel", "-c", help="Medium.")]
FollowupsOption = Annotated[
    FollowupKind | None,
    typer.Option("--followups", help="Recipients: the follow-ups of this kind on --date."),
]
CustomersOption = Annotated[
    str | None,
    typer.Option(
        "--customers",
        metavar="ID,ID|@FILE",
        help="Recipients: customer numbers, or @FILE with one a line.",
    ),
]
SegmentOption = Annotated[
    str | None, typer.Option("--segment", metavar="TIER", help="Recipients: a tier, e.g. 白金.")
]
OutOption = Annotated[
    Path | None,
    typer.Option(
        help="Folder for what is rendered, new or empty (default "
        "./mailmerge/<template>-<channel>-<date>/)."
    ),
]
LimitOption = Annotated[
    int | None,
    typer.Option(
        min=1, max=LARGEST_NUMBER, help="At most N messages (the rest wait for a re-run)."
    ),
]
SendOption = Annotated[
    bool,
    typer.Option(
        "--send", help="Deliver e-mails and faxes, record letters as posted. Default: preview."
    ),
]
RunOption = Annotated[
    str | None,
    typer.Option(
        "--run",
        metavar="LABEL",
        help="Delivery run label (default <template>-<channel>-<date>, or the --campaign's "
        "name); sends once each per label.",
    ),
]
CampaignOption = Annotated[
    str | None,
    typer.Option(
        "--campaign",
        metavar="NAME",
        help="Recipients: the campaign's members not in the holdout (with --customers: those "
        "of them); delivery marks them contacted.",
    ),
]
FaxFormatOption = Annotated[
    FaxFormat, typer.Option("--fax-format", help="Fax documents as PDF or TIFF G3.")
]
RateOption = Annotated[
    float | None, typer.Option(min=0.1, max=60_000, help="At most N messages a minute.")
]
ConnectionsOption = Annotated[
    int, typer.Option(min=1, max=16, help="SMTP sessions at once (each reused for the run).")
]
ParamsOption = Annotated[
    list[str] | None,
    typer.Option(
        "--set",
        metavar="KEY=VALUE",
        help="A template parameter (params.KEY), e.g. --set venue=总行大厦三楼.",
    ),
]
TemplatesOption = Annotated[
    Path | None, typer.Option(help="Your template folder (overrides built-ins by name).")
]
RetryInterruptedOption = Annotated[
    bool,
    typer.Option(
        "--retry-interrupted",
        help="Send again what a crash left unconfirmed (it may arrive twice).",
    ),
]
SummaryFormatOption = Annotated[
    SummaryFormat, typer.Option("--format", "-f", help="Summary as text or one JSON object.")
]


def mailmerge_command(
    ctx: typer.Context,
    template: TemplateArgument,
    channel: ChannelOption = Channel.email,
    followups: FollowupsOption = None,
    day: DateOption = None,
    customers: CustomersOption = None,
    segment: SegmentOption = None,
    rm_code: RmOption = None,
    out: OutOption = None,
    limit: LimitOption = None,
    send: SendOption = False,
    campaign: CampaignOption = None,
    run: RunOption = None,
    fax_format: FaxFormatOption = FaxFormat.pdf,
    rate: RateOption = None,
    connections: ConnectionsOption = 2,
    params: ParamsOption = None,
    templates: TemplatesOption = None,
    retry_interrupted: RetryInterruptedOption = False,
    fmt: SummaryFormatOption = SummaryFormat.text,
    acting: AsOption = None,
) -> None:
    """Render a template for each recipient; with --send, deliver each message once.

    Everything is rendered and written to --out before anything is sent; a template error stops
    the run with nothing sent. Marketing templates skip customers who opted out of the channel.
    Running the same command again sends only to those not yet sent (per --run label).

    Examples:

    \b
      crm mailmerge birthday-greeting --channel email --followups birthday
      crm mailmerge maturity-reminder --channel letter --followups maturity --send
      crm mailmerge product-offer --channel email --segment 白金 --rm RM001 --limit 50 --send
      crm mailmerge complaint-acknowledgement --channel letter --customers C0001,C0002
    """
    from bankcrm_cli.services.mailmerge.campaign import MergeRequest

    today = today_in_zone(settings := state(ctx).settings())
    request = MergeRequest(
        template=template,
        channel=channel.value,
        source=_source(followups, customers, segment, campaign),
        day=parse_day(day, "--date") or today,
        today=today,
        rm_code=rm_code,
        limit=limit,
        out=out,
        send=send,
        campaign=run or campaign,
        crm_campaign=campaign,
        fax_format=fax_format.value,
        rate=rate,
        connections=connections,
        params=_params(params or []),
        retry_interrupted=retry_interrupted,
        templates_dir=templates,
    )
    _run(ctx, settings, request, acting, fmt)


def _source(followups: FollowupKind | None, customers: str | None, segment: str | None, campaign):
    from bankcrm_cli.services.mailmerge.recipients import RecipientSource

    return RecipientSource(
        followups=followups.value if followups else None,
        customers=_customer_ids(customers) if customers is not None else None,
        segment=segment,
        campaign=campaign,
    )


def _run(ctx: typer.Context, settings, request, acting: str | None, fmt: SummaryFormat) -> None:
    """Run the merge with progress bars on stderr, then print its summary."""
    from bankcrm_cli.cli.common import acting_as
    from bankcrm_cli.services.mailmerge.run import run_mailmerge

    engine = state(ctx).engine()
    with _Progress() as progress:
        result = run_mailmerge(
            engine, settings, request, actor=acting_as(ctx, acting), progress=progress
        )
    if fmt is SummaryFormat.json:
        print_json(_summary(result))
    else:
        _print_summary(result)
    if result.stopped:
        from bankcrm_cli.domain.errors import CrmError

        # one line, however wide, as every error (the root group prints it)
        raise CrmError(str(result.stopped))


def _customer_ids(text: str) -> tuple[str, ...]:
    from bankcrm_cli.domain.catalogue import t
    from bankcrm_cli.domain.errors import UsageError

    if text.startswith("@"):
        from bankcrm_cli.io.outputs import guard_input

        path = guard_input(Path(text[1:]), "customers_file")
        try:
            lines = path.read_text(encoding="utf-8-sig").splitlines()
        except (OSError, UnicodeDecodeError) as exc:
            raise UsageError(t("err.customers_file", path=path, why=exc)) from None
        ids = [line.strip() for line in lines if line.strip() and not line.startswith("#")]
    else:
        ids = [part.strip() for part in text.split(",") if part.strip()]
    if not ids:
        raise UsageError(t("err.customers_none"))
    return tuple(ids)


def _params(pairs: list[str]) -> dict[str, str]:
    from bankcrm_cli.domain.catalogue import t
    from bankcrm_cli.domain.errors import UsageError

    params = {}
    for pair in pairs:
        key, sep, value = pair.partition("=")
        if not sep or not key.strip().isidentifier():
            raise UsageError(t("err.set_pair", pair=repr(pair)))
        params[key.strip()] = value
    return params


# Customer numbers a line under each skip reason (ten digits each: a line stays under 80).
SKIPPED_PER_LINE = 6


def _summary(result) -> dict:
    return {
        "campaign": result.campaign,
        "template": result.template,
        "channel": result.channel,
        "purpose": result.purpose,
        "send": result.send,
        "out": str(result.out),
        "rendered": result.rendered,
        "sent": result.sent,
        "skipped": [{"customer_id": s.customer_id, "reason": s.reason} for s in result.skipped],
        "failed": [{"customer_id": f.customer_id, "error": f.error} for f in result.failed],
        "files": result.files,
        "batch": result.batch,
        "pages": result.pages,
        "stopped": result.stopped,
    }


def _skipped_lines(skipped) -> list[str]:
    """Who was skipped and why, by reason (most frequent first), every customer number listed."""
    from bankcrm_cli.domain.catalogue import t

    by_reason: dict[str, list[str]] = {}
    for skip in skipped:
        by_reason.setdefault(skip.reason, []).append(skip.customer_id)
    lines = []
    for reason, ids in sorted(by_reason.items(), key=lambda item: -len(item[1])):
        lines.append(t("mm.skipped", reason=skip_reason_shown(reason), count=len(ids)))
        lines += [
            "    " + ", ".join(ids[i : i + SKIPPED_PER_LINE])
            for i in range(0, len(ids), SKIPPED_PER_LINE)
        ]
    return lines


def _print_summary(result) -> None:
    from bankcrm_cli.domain.catalogue import t, t_or

    lines = [
        t(
            "mm.head",
            template=result.template,
            channel=t_or("channel", result.channel),
            purpose=t_or("purpose", result.purpose),
            campaign=result.campaign,
        ),
        t("mm.rendered", count=result.rendered, out=result.out),
    ]
    if result.batch:
        lines.append(t("mm.batch", path=result.out / result.batch, count=result.pages))
    if result.send:
        lines.append(t("mm.sent" if result.channel != "letter" else "mm.posted", count=result.sent))
    else:
        lines.append(t("mm.preview"))
    lines += _skipped_lines(result.skipped)
    for failure in result.failed:
        lines.append(t("mm.failed", customer=failure.customer_id, error=failure.error))
    typer.echo("\n".join(lines))


# Skip reasons with a value in them: the English phrase (kept in --format json) and its entry.
_SKIP_PATTERNS = (
    (r"opted out of (?P<channel>.+) marketing", "mm.skip.opted out"),
    (r"no (?P<channel>.+) marketing consent on record", "mm.skip.no consent"),
    (r"the PDF font cannot print (?P<chars>.+) \(set mailmerge.font\)", "mm.skip.font"),
)
# The consent words of services/mailmerge/consent.py, as channels of the catalogue.
_CONSENT_CHANNELS = {"e-mail": "email", "mail": "mail", "fax": "fax"}


def skip_reason_shown(reason: str) -> str:
    """A skip reason in the language in use; --format json keeps the English phrase."""
    import re

    from bankcrm_cli.domain.catalogue import t, t_or

    for pattern, key in _SKIP_PATTERNS:
        found = re.fullmatch(pattern, reason)
        if found:
            values = found.groupdict()
            if "channel" in values:
                values["channel"] = t_or(
                    "channel", _CONSENT_CHANNELS.get(values["channel"], values["channel"])
                )
            return t(key, **values)
    return t_or("mm.skip", reason)


class _Progress:
    """Progress bars on stderr while rendering and sending, only when stderr is a terminal."""

    def __init__(self) -> None:
        self.bar = None

    def __enter__(self):
        return self.stage

    def stage(self, name: str, total: int):
        console = err()
        if not console.is_terminal or total < 20:
            return lambda: None
        if self.bar is None:
            from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

            self.bar = Progress(
                TextColumn("{task.description}", markup=False),
                BarColumn(),
                MofNCompleteColumn(),
                console=console,
                transient=True,
            )
            self.bar.start()
        task = self.bar.add_task(name, total=total)
        return lambda: self.bar.advance(task)

    def __exit__(self, *exc) -> None:
        if self.bar is not None:
            self.bar.stop()
