"""One e-mail to a few people (a report, say) through the mail-merge SMTP settings."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime

from bankcrm_cli.domain.catalogue import t
from bankcrm_cli.domain.errors import CrmError, UsageError
from bankcrm_cli.render.email import Attachment


def parse_recipients(text: str) -> list[str]:
    """`a@bank.example,b@bank.example` as checked addresses."""
    from bankcrm_cli.render.email import BadAddress, parse_mailbox

    addresses = [part.strip() for part in text.split(",") if part.strip()]
    if not addresses:
        raise UsageError(t("err.email_none"))
    try:
        return [parse_mailbox(address).addr_spec for address in addresses]
    except BadAddress as exc:
        raise UsageError(t("email.bad_option", option="--email", why=exc)) from None


def send_email(
    settings,
    recipients: Sequence[str],
    *,
    subject: str,
    text: str,
    html: str | None = None,
    attachments: Sequence[Attachment] = (),
) -> str:
    """Send one message to every recipient; its Message-ID. Any refusal is an error: a report
    that did not reach someone must not pass silently in cron."""
    from bankcrm_cli.render.email import (
        BadAddress,
        build_message,
        mailbox,
        new_message_id,
        parse_mailbox,
    )
    from bankcrm_cli.render.smtp import Mailer, RecipientRefused, SmtpSettings

    smtp = SmtpSettings.from_values(settings.values)
    if not settings.get("mail.from"):
        raise CrmError(t("err.report_no_sender"))
    try:
        sender = parse_mailbox(settings.get("mail.from"))
    except BadAddress as exc:
        raise UsageError(t("mm.bad_setting", key="mail.from (CRM_MAIL_FROM)", why=exc)) from None
    message_id = new_message_id(sender)
    data = build_message(
        sender=sender,
        recipient=mailbox(None, recipients[0]),
        subject=subject,
        text=text,
        html_body=html,
        date=datetime.now(UTC),
        message_id=message_id,
        attachments=attachments,
        headers=[("Cc", ", ".join(recipients[1:]))] if len(recipients) > 1 else (),
    )
    with Mailer(smtp) as mailer:
        try:
            mailer.send(sender.addr_spec, list(recipients), data)
        except RecipientRefused as exc:
            raise CrmError(t("err.report_refused", why=exc)) from None
    return message_id
