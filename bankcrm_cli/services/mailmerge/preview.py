"""One follow-up's message, as `crm mailmerge --followups KIND` would write it to its customer:
the template meant for the item's kind, on the first medium the customer may be written to,
rendered in memory (nothing written, nothing sent)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

from sqlalchemy import Engine

from bankcrm_cli.domain.errors import NotFound
from bankcrm_cli.services.mailmerge.campaign import MergeRequest
from bankcrm_cli.services.mailmerge.consent import ADDRESS_FIELDS, channel_refusal
from bankcrm_cli.services.mailmerge.recipients import (
    Recipient,
    RecipientSource,
    load_data,
    missing_complaint,
)

if TYPE_CHECKING:
    from bankcrm_cli.render.templating import TemplateInfo
    from bankcrm_cli.settings import Settings

# The media tried in turn: e-mail first, as an RM would send it, then paper.
MEDIA_ORDER = ("email", "letter", "fax")


@dataclass(frozen=True)
class MessagePreview:
    """What the item's message says, and why it would not go (None: it would)."""

    template: str
    channel: str
    purpose: str
    address: str
    subject: str
    body: str
    refusal: str | None


def _templates_for(settings: Settings, kind: str) -> list[TemplateInfo]:
    from bankcrm_cli.services.mailmerge.run import template_library

    found = [info for info in template_library(settings).all() if info.followups == kind]
    return sorted(found, key=lambda info: MEDIA_ORDER.index(info.channel))


def _refusal(info: TemplateInfo, data, recipient: Recipient, settings: Settings) -> str | None:
    require_consent = bool(settings.get("mailmerge.require_consent"))
    refusal = channel_refusal(
        data.customer, info.channel, marketing=info.marketing, require_consent=require_consent
    )
    return refusal or missing_complaint(recipient, data, info.requires)


def preview_followup(
    engine: Engine, settings: Settings, item: Any, *, day: date, today: date
) -> MessagePreview:
    """The message `item` (a follow-up) would send its customer on `day`; NotFound when no
    template is written for its kind."""
    from bankcrm_cli.render.templating import Limits, compile_template
    from bankcrm_cli.services.mailmerge.delivery import sender_mailbox
    from bankcrm_cli.services.mailmerge.rendering import MessageRenderer
    from bankcrm_cli.services.mailmerge.run import template_library
    from bankcrm_cli.settings import tier_rules

    templates = _templates_for(settings, item.kind)
    if not templates:
        from bankcrm_cli.domain.catalogue import t, t_or

        raise NotFound(t("mm.err.no_kind_template", label=t_or("fu.kind", item.kind)))
    recipient = Recipient(item.customer_id, [item])
    data = load_data(engine, [item.customer_id])[item.customer_id]
    refusals = [_refusal(info, data, recipient, settings) for info in templates]
    chosen = next((i for i, why in enumerate(refusals) if why is None), 0)
    info = templates[chosen]
    request = MergeRequest(
        template=info.name,
        channel=info.channel,
        source=RecipientSource(customers=(item.customer_id,)),
        day=day,
        today=today,
    )
    limits = Limits(
        max_chars=settings.get("mailmerge.max_output"),
        seconds=settings.get("mailmerge.render_seconds"),
    )
    compiled = compile_template(template_library(settings), info, limits=limits)
    renderer = MessageRenderer(
        compiled,
        settings,
        request,
        request.campaign_name(),
        sender_mailbox(settings, request),
        tier_rules(settings).tiers,
    )
    # Without the complaint it is about, a complaint letter has nothing to say.
    unwritable = missing_complaint(recipient, data, info.requires)
    subject, body = ("", "") if unwritable else renderer.text(recipient, data)[:2]
    return MessagePreview(
        template=info.name,
        channel=info.channel,
        purpose=info.purpose,
        address=getattr(data.customer, ADDRESS_FIELDS[info.channel]) or "",
        subject=subject,
        body=body,
        refusal=refusals[chosen],
    )
