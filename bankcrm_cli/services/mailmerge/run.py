"""Mail merge: render one message per recipient, then deliver each one once and only once.

Every message is rendered and written to the output folder before the first one leaves, so a
template error or a bad row stops the run with nothing sent. Each delivery is claimed in the
store (`sending`) before it leaves and marked `sent` after; re-running the same campaign sends
only what has not gone yet, and a message whose fate a crash left unknown is never re-sent
without being asked to.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Engine

from bankcrm_cli.domain.catalogue import t
from bankcrm_cli.domain.errors import UsageError
from bankcrm_cli.render.templating import (
    CHANNELS,
    Compiled,
    Limits,
    TemplateInfo,
    TemplateLibrary,
    compile_template,
)
from bankcrm_cli.services.mailmerge.campaign import (
    ALREADY_SENT,
    FAX_FORMATS,
    INTERRUPTED,
    MergeRequest,
    MergeResult,
    Progress,
    Skip,
    no_progress,
)
from bankcrm_cli.services.mailmerge.consent import channel_refusal
from bankcrm_cli.services.mailmerge.delivery import Delivery, sender_mailbox
from bankcrm_cli.services.mailmerge.recipients import (
    CustomerData,
    Recipient,
    load_data,
    missing_complaint,
    select_recipients,
)
from bankcrm_cli.services.mailmerge.rendering import render_all
from bankcrm_cli.services.mailmerge.staging import claim_output_folder, run_owner

if TYPE_CHECKING:
    from bankcrm_cli.settings import Settings


def template_library(settings: Settings, templates_dir: Path | None = None) -> TemplateLibrary:
    """The built-in templates under the user's folder (`--templates` or mailmerge.templates)."""
    from bankcrm_cli.io.outputs import guard_input_folder
    from bankcrm_cli.resources import templates_dir as builtin

    user = templates_dir or settings.get("mailmerge.templates")
    if not user:
        return TemplateLibrary(builtin(), None)
    folder = guard_input_folder(Path(user).expanduser(), "the template folder")
    return TemplateLibrary(builtin(), folder)


def run_mailmerge(
    engine: Engine,
    settings: Settings,
    request: MergeRequest,
    *,
    actor: str,
    progress: Progress | None = None,
) -> MergeResult:
    """Render every message, write them out, and with `send` deliver the ones not yet sent."""
    progress = progress or no_progress
    campaign = _checked_campaign(request)
    compiled = _compiled(settings, request)
    info = compiled.info
    sender = sender_mailbox(settings, request)

    from bankcrm_cli.settings import followup_rules, tier_rules

    tiers = tier_rules(settings).tiers
    recipients = select_recipients(
        engine,
        request.source,
        day=request.day,
        rules=followup_rules(settings),
        rm_code=request.rm_code,
        tiers=tiers,
        channel=request.channel,
    )
    result = MergeResult(
        campaign=campaign,
        template=info.name,
        channel=info.channel,
        purpose=info.purpose,
        out=claim_output_folder(
            request.out_dir(), run_owner(campaign, info.channel), given=request.out is not None
        ),
        send=request.send,
    )
    states = _delivery_states(engine, campaign, info.channel)
    chosen = _choose(engine, recipients, info, settings, states, request, result)
    rendered = render_all(compiled, chosen, settings, request, sender, result, progress, tiers)
    result.rendered = len(rendered)
    result.files = [r.file for r in rendered]
    if request.send and rendered:
        delivery = Delivery(engine, settings, request, info, campaign, sender, actor, states)
        delivery.run(rendered, result, progress)
        if request.crm_campaign is not None:
            from bankcrm_cli.services.campaigns.outreach import mark_delivered

            mark_delivered(engine, request.crm_campaign, campaign, info.channel, actor=actor)
    return result


def _checked_campaign(request: MergeRequest) -> str:
    """The campaign's name, once the request's choices are known to be usable."""
    if request.channel not in CHANNELS:
        raise UsageError(t("err.one_of", option="--channel", choices=", ".join(CHANNELS)))
    if request.fax_format not in FAX_FORMATS:
        raise UsageError(t("err.fax_format"))
    campaign = request.campaign_name()
    if not campaign.strip() or len(campaign) > 200:
        raise UsageError(t("err.run_length"))
    return campaign


def _compiled(settings, request: MergeRequest) -> Compiled:
    """The template, parsed whole, with every parameter it needs given."""
    library = template_library(settings, request.templates_dir)
    info = library.find(request.template, request.channel)
    limits = Limits(
        max_chars=settings.get("mailmerge.max_output"),
        seconds=settings.get("mailmerge.render_seconds"),
    )
    compiled = compile_template(library, info, limits=limits)
    missing = [key for key in info.required_params if not request.params.get(key)]
    if missing:
        example = " ".join(f"--set {key}=..." for key in missing)
        raise UsageError(
            t("err.needs_params", name=info.name, missing=", ".join(missing), example=example)
        )
    return compiled


def _delivery_states(engine: Engine, campaign: str, channel: str) -> dict[str, str]:
    from bankcrm_cli.store.queries.mailmerge import delivery_states

    with engine.connect() as conn:
        return delivery_states(conn, campaign, channel)


def _choose(
    engine: Engine,
    recipients: list[Recipient],
    info: TemplateInfo,
    settings,
    states: Mapping[str, str],
    request: MergeRequest,
    result: MergeResult,
) -> list[tuple[Recipient, CustomerData]]:
    """The recipients to write to (at most `limit`); the others go to `result.skipped`."""
    data = load_data(engine, [r.customer_id for r in recipients])
    require_consent = bool(settings.get("mailmerge.require_consent"))
    chosen: list[tuple[Recipient, CustomerData]] = []
    for recipient in recipients:
        reason = _skip_reason(
            recipient, data[recipient.customer_id], info, require_consent, states, request
        )
        if reason:
            result.skipped.append(Skip(recipient.customer_id, reason))
        elif request.limit is None or len(chosen) < request.limit:
            chosen.append((recipient, data[recipient.customer_id]))
    return chosen


def _skip_reason(
    recipient: Recipient,
    data: CustomerData,
    info: TemplateInfo,
    require_consent: bool,
    states: Mapping[str, str],
    request: MergeRequest,
) -> str | None:
    state = states.get(recipient.customer_id)
    if state == "sent":
        return ALREADY_SENT
    if state == "sending" and not request.retry_interrupted:
        return INTERRUPTED
    refusal = channel_refusal(
        data.customer, info.channel, marketing=info.marketing, require_consent=require_consent
    )
    return refusal or missing_complaint(recipient, data, info.requires)
