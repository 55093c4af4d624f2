"""E-mail messages: multipart text + HTML, UTF-8, RFC 2047 headers, Message-ID and Date."""

from __future__ import annotations

import html
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from email.headerregistry import Address
from email.message import EmailMessage
from email.utils import format_datetime, make_msgid, parseaddr


class BadAddress(ValueError):
    """An address a message cannot be sent to."""


def parse_mailbox(text: str) -> Address:
    """`示例银行 <service@bank.example>` or a bare address, as a header-ready Address."""
    name, addr = parseaddr(text)
    return mailbox(name, addr)


def mailbox(display_name: str | None, addr: str) -> Address:
    addr = (addr or "").strip()
    if addr.count("@") != 1 or any(ch.isspace() for ch in addr):
        raise BadAddress(f"{addr!r} is not an e-mail address")
    username, domain = addr.split("@")
    if not username or not domain:
        raise BadAddress(f"{addr!r} is not an e-mail address")
    try:
        return Address(display_name=display_name or "", username=username, domain=domain)
    except (ValueError, IndexError) as exc:
        raise BadAddress(f"{addr!r} is not an e-mail address: {exc}") from None


def text_to_html(body: str, *, heading: str | None = None, footer: Sequence[str] = ()) -> str:
    """A plain-text body as a small, self-contained HTML page.

    Blank lines separate paragraphs; lines starting with "- " become a list. Everything is
    escaped, so a customer's name can never turn into markup.
    """
    blocks: list[str] = []
    for paragraph in _paragraphs(body):
        lines = paragraph.splitlines()
        if all(line.lstrip().startswith("- ") for line in lines):
            items = "".join(f"<li>{html.escape(line.lstrip()[2:])}</li>" for line in lines)
            blocks.append(f"<ul>{items}</ul>")
        else:
            blocks.append("<p>" + "<br>".join(html.escape(line) for line in lines) + "</p>")
    head = f"<h1>{html.escape(heading)}</h1>" if heading else ""
    foot = ""
    if footer:
        foot = '<p class="footer">' + "<br>".join(html.escape(x) for x in footer) + "</p>"
    return _PAGE.format(title=html.escape(heading or ""), content=head + "\n".join(blocks) + foot)


def _paragraphs(body: str) -> list[str]:
    paragraphs, current = [], []
    for line in body.strip("\n").splitlines():
        if line.strip():
            current.append(line.rstrip())
        elif current:
            paragraphs.append("\n".join(current))
            current = []
    if current:
        paragraphs.append("\n".join(current))
    return paragraphs


_PAGE = """<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title}</title></head>
<body style="margin:0;padding:24px;background:#f4f5f7;">
<div style="max-width:640px;margin:0 auto;background:#ffffff;padding:28px 32px;\
font-family:'PingFang SC','Microsoft YaHei','Noto Sans CJK SC',sans-serif;\
font-size:15px;line-height:1.7;color:#1f2328;">
{content}
</div></body></html>
"""


@dataclass(frozen=True)
class Attachment:
    filename: str
    data: bytes
    maintype: str = "application"
    subtype: str = "pdf"


def build_message(
    *,
    sender: Address,
    recipient: Address,
    subject: str,
    text: str,
    html_body: str | None,
    date: datetime,
    message_id: str,
    reply_to: Address | None = None,
    attachments: Sequence[Attachment] = (),
    headers: Sequence[tuple[str, str]] = (),
) -> EmailMessage:
    """One message; non-ASCII headers are RFC 2047-encoded when it is written out."""
    msg = EmailMessage()
    msg["From"] = sender
    msg["To"] = recipient
    if reply_to is not None:
        msg["Reply-To"] = reply_to
    msg["Subject"] = subject
    msg["Date"] = format_datetime(date)
    msg["Message-ID"] = message_id
    for name, value in headers:
        msg[name] = value
    # Base64 keeps Chinese text intact through servers without 8BITMIME.
    msg.set_content(text, charset="utf-8", cte="base64")
    if html_body is not None:
        msg.add_alternative(html_body, subtype="html", charset="utf-8", cte="base64")
    for attachment in attachments:
        msg.add_attachment(
            attachment.data,
            maintype=attachment.maintype,
            subtype=attachment.subtype,
            filename=attachment.filename,
        )
    return msg


def new_message_id(sender: Address) -> str:
    return make_msgid(domain=sender.domain or "localhost")


def message_bytes(msg: EmailMessage) -> bytes:
    """The message as it goes on the wire and into a .eml file (CRLF line ends)."""
    from email.policy import SMTP

    return msg.as_bytes(policy=SMTP)
