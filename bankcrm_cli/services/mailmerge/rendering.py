"""Rendering every message of a run into the staging folder, before any of them leaves."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from bankcrm_cli.domain.catalogue import t
from bankcrm_cli.render.templating import (
    Compiled,
    Limits,
    TemplateFailed,
    render_part,
    time_limits_for_many,
)
from bankcrm_cli.services.mailmerge.campaign import (
    MergeRequest,
    MergeResult,
    Progress,
    RenderedMessage,
    Skip,
)
from bankcrm_cli.services.mailmerge.context import MaturityWindow, message_context
from bankcrm_cli.services.mailmerge.recipients import CustomerData, Recipient
from bankcrm_cli.services.mailmerge.staging import Staging, file_stem, run_owner

if TYPE_CHECKING:
    from email.headerregistry import Address

    from bankcrm_cli.settings import Settings

BATCH_NAME = "print-batch.pdf"


def now() -> datetime:
    return datetime.now(UTC)


def render_all(
    compiled: Compiled,
    chosen: list[tuple[Recipient, CustomerData]],
    settings: Settings,
    request: MergeRequest,
    sender: Address,
    result: MergeResult,
    progress: Progress,
    tiers: Sequence[tuple[int, str]],
) -> list[RenderedMessage]:
    """Render every message into a staging folder; only a complete set reaches --out."""
    renderer = MessageRenderer(compiled, settings, request, result.campaign, sender, tiers)
    rendered: list[RenderedMessage] = []
    with Staging(result.out, run_owner(result.campaign, result.channel)) as staging:
        renderer.staging = staging
        if compiled.info.channel in ("letter", "fax") and chosen:
            renderer.font = _font(settings)
        tick = progress("rendering", len(chosen))
        for message in _render_each(renderer, chosen, tick):
            if isinstance(message, Skip):
                result.skipped.append(message)
            else:
                rendered.append(message)
        if renderer.letters:
            from bankcrm_cli.render.pdf import write_letter_batch

            result.pages = write_letter_batch(
                renderer.letters, staging.path(BATCH_NAME), renderer.font
            )
            result.batch = BATCH_NAME
        staging.publish()
    return rendered


def _render_each(
    renderer: MessageRenderer, chosen: list[tuple[Recipient, CustomerData]], tick
) -> list[RenderedMessage | Skip]:
    """Every chosen recipient's message, in order: in worker processes when the run is large
    enough to gain from them (the same messages and files either way)."""
    from bankcrm_cli.services.mailmerge.render_workers import render_in_workers, worker_count

    workers = worker_count(len(chosen), renderer.info.channel)
    if workers > 1:
        return render_in_workers(lambda i: renderer.render(*chosen[i]), len(chosen), workers, tick)
    messages = []
    with time_limits_for_many():
        for recipient, data in chosen:
            messages.append(renderer.render(recipient, data))
            tick()
    return messages


def unsubscribe_header(settings: Settings, sender: Address) -> str:
    """List-Unsubscribe for marketing e-mail: mail.unsubscribe (default: the sender's own
    address, with subject 退订) and mail.unsubscribe_url when set."""
    from bankcrm_cli.domain.errors import UsageError
    from bankcrm_cli.render.email import BadAddress, list_unsubscribe, parse_mailbox

    address = settings.get("mail.unsubscribe") or sender.addr_spec
    url = settings.get("mail.unsubscribe_url")
    try:
        address = parse_mailbox(address).addr_spec
    except BadAddress as exc:
        raise UsageError(t("mm.bad_setting", key="mail.unsubscribe", why=exc)) from None
    if not address.isascii():
        raise UsageError(t("mm.unsubscribe_ascii", address=repr(address)))
    if url and not (
        url.isascii() and url.startswith(("https://", "http://")) and not set(url) & set("<> ,")
    ):
        raise UsageError(t("mm.unsubscribe_url", url=repr(url)))
    return list_unsubscribe(address, url)


def _font(settings):
    from bankcrm_cli.render.fonts import find_cjk_font

    return find_cjk_font(
        settings.get("mailmerge.font"),
        system_fonts=bool(settings.get("mailmerge.system_fonts")),
    )


def _unprintable(font, letter) -> str:
    from bankcrm_cli.render.fonts import missing_characters

    text = "".join((*letter.recipient_lines, letter.subject or "", letter.body))
    return missing_characters(font, text)


class MessageRenderer:
    """Renders one recipient's message and writes its file; what all messages share is read
    once, here."""

    def __init__(self, compiled: Compiled, settings, request, campaign: str, sender, tiers):
        from bankcrm_cli.render.letters import BankDetails

        self.compiled = compiled
        self.info = compiled.info
        self.request = request
        self.campaign = campaign
        self.sender = sender
        self.tiers = tiers
        self.limits = Limits(
            max_chars=settings.get("mailmerge.max_output"),
            seconds=settings.get("mailmerge.render_seconds"),
        )
        self.bank = BankDetails(
            name=settings.get("bank.name"),
            phone=settings.get("bank.phone"),
            address=settings.get("bank.address"),
            fax=settings.get("bank.fax"),
        )
        # Shared by every message: the sandbox is immutable, so no template can change them.
        self.bank_context = {
            "name": self.bank.name,
            "phone": self.bank.phone,
            "address": self.bank.address,
        }
        self.params = {**self.info.params, **request.params}
        self.unsubscribe = unsubscribe_header(settings, sender) if self.info.marketing else None
        self.window = MaturityWindow(
            lead_days=settings.get("followups.lead_days"), product_leads=settings.product_leads()
        )
        self.staging: Staging | None = None
        self.reply_to: dict[tuple, Address | None] = {}
        self.font = None
        self.letters: list[Any] = []

    def _part(self, template, context, label: str) -> str:
        return render_part(template, context, self.limits, label)

    def render(self, recipient: Recipient, data: CustomerData) -> RenderedMessage | Skip:
        info, compiled = self.info, self.compiled
        subject, body, context, label = self.text(recipient, data)
        stem = file_stem(recipient.customer_id)
        if info.channel == "email":
            html = self._part(compiled.html, context, label) if compiled.html is not None else None
            return self._email(stem, data, subject, body, html)
        return self._on_paper(stem, data, subject, body)

    def text(self, recipient: Recipient, data: CustomerData) -> tuple[str, str, dict, str]:
        """The message's subject and text body, with the context and label they were made in."""
        info, compiled = self.info, self.compiled
        context = message_context(
            recipient,
            data,
            tiers=self.tiers,
            bank=self.bank_context,
            today=self.request.today,
            day=self.request.day,
            campaign=self.campaign,
            info=info,
            params=self.params,
            window=self.window,
        )
        label = t(
            "tpl.err.label_for",
            name=info.name,
            channel=info.channel,
            customer=recipient.customer_id,
        )
        subject = (
            self._part(compiled.subject, context, label).strip()
            if compiled.subject is not None
            else ""
        )
        return subject, self._part(compiled.body, context, label), context, label

    def _reply_to(self, rm) -> Address | None:
        """The RM's mailbox for Reply-To (None without a usable one), made once per RM."""
        if rm is None or not rm.email:
            return None
        key = (rm.name, rm.email)
        if key not in self.reply_to:
            from email.utils import parseaddr

            from bankcrm_cli.render.email import BadAddress, mailbox

            try:
                self.reply_to[key] = mailbox(rm.name, parseaddr(rm.email)[1])
            except BadAddress:
                self.reply_to[key] = None
        return self.reply_to[key]

    def _on_paper(
        self, stem: str, data: CustomerData, subject: str, body: str
    ) -> RenderedMessage | Skip:
        from bankcrm_cli.render.letters import letter_layout

        row = data.customer
        letter = letter_layout(
            row,
            data.rm,
            self.bank,
            subject=subject,
            body=body,
            today=self.request.today,
            reference=f"{self.campaign} · {row.customer_id}",
        )
        unprintable = _unprintable(self.font, letter)
        if unprintable:
            # A blank where a character of a name should be is worse than no letter.
            return Skip(
                row.customer_id, f"the PDF font cannot print {unprintable} (set mailmerge.font)"
            )
        if self.info.channel == "fax":
            return self._fax(stem, data, letter, subject)
        from bankcrm_cli.render.pdf import write_letter_pdf

        write_letter_pdf(letter, self.staging.path(f"{stem}.pdf"), self.font)
        self.letters.append(letter)
        return RenderedMessage(
            customer_id=row.customer_id,
            address=row.postal_code or "",
            file=f"{stem}.pdf",
            subject=subject,
            message_id=None,
        )

    def _email(
        self, stem: str, data: CustomerData, subject: str, body: str, html
    ) -> RenderedMessage:

        from bankcrm_cli.render.email import (
            BadAddress,
            build_message,
            mailbox,
            new_message_id,
            text_to_html,
            with_title,
        )

        row = data.customer
        try:
            recipient = mailbox(row.name, row.email)
        except BadAddress as exc:
            raise TemplateFailed(t("email.bad_customer", id=row.customer_id, why=exc)) from None
        reply_to = self._reply_to(data.rm)
        message_id = new_message_id(self.sender)
        headers = [("X-Campaign", self.request.campaign_name())]
        if self.unsubscribe:
            headers.append(("List-Unsubscribe", self.unsubscribe))
        page = html if html is not None else text_to_html(body, heading=None)
        msg = build_message(
            sender=self.sender,
            recipient=recipient,
            subject=subject,
            text=body,
            html_body=with_title(page, subject or self.bank.name),
            date=now(),
            message_id=message_id,
            reply_to=reply_to,
            headers=headers,
        )
        self.staging.write(f"{stem}.eml", msg)
        return RenderedMessage(
            customer_id=row.customer_id,
            address=row.email,
            file=f"{stem}.eml",
            subject=subject,
            message_id=message_id,
        )

    def _fax(self, stem: str, data: CustomerData, letter, subject: str) -> RenderedMessage:
        from bankcrm_cli.render.fax import write_fax_pdf, write_fax_tiff
        from bankcrm_cli.render.letters import fax_cover_layout

        row = data.customer
        regarding = subject or letter.subject or ""
        cover = fax_cover_layout(
            row, data.rm, self.bank, today=self.request.today, regarding=regarding
        )
        pdf = self.staging.path(f"{stem}.pdf")
        write_fax_pdf(cover, letter, pdf, self.font)
        attachment = f"{stem}.pdf"
        if self.request.fax_format == "tiff":
            write_fax_tiff(pdf, self.staging.path(f"{stem}.tiff"))
            attachment = f"{stem}.tiff"
        return RenderedMessage(
            customer_id=row.customer_id,
            address=row.fax,
            file=attachment,
            subject=regarding,
            message_id=None,
            attachment=attachment,
        )
