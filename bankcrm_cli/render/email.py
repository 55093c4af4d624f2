"""E-mail messages: multipart text + HTML, UTF-8, RFC 2047 headers, Message-ID and Date."""

from __future__ import annotations

import base64
import html
import re
import secrets
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from email.headerregistry import Address
from email.utils import format_datetime, make_msgid, parseaddr
from functools import lru_cache

from bankcrm_cli.domain.catalogue import t


class BadAddress(ValueError):
    """An address a message cannot be sent to; its message is in the language in use."""

    def __init__(self, address: str) -> None:
        super().__init__(t("email.not_address", address=repr(address)))
        self.address = address


def parse_mailbox(text: str) -> Address:
    """`示例银行 <service@bank.example>` or a bare address, as a header-ready Address."""
    name, addr = parseaddr(text)
    return mailbox(name, addr)


def mailbox(display_name: str | None, addr: str) -> Address:
    addr = (addr or "").strip()
    if addr.count("@") != 1 or any(ch.isspace() for ch in addr):
        raise BadAddress(addr)
    username, domain = addr.split("@")
    if not username or not domain:
        raise BadAddress(addr)
    try:
        return Address(display_name=display_name or "", username=username, domain=domain)
    except (ValueError, IndexError):
        raise BadAddress(addr) from None


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


_TITLE = re.compile(r"<title\b[^>]*>(.*?)</title\s*>", re.I | re.S)
_HEAD = re.compile(r"<head\b[^>]*>", re.I)
_HTML = re.compile(r"<html\b[^>]*>", re.I)


def with_title(page: str, title: str) -> str:
    """An HTML part with a non-empty <title> (the subject when it has none): mail clients and
    screen readers show it, and spam filters mark down a page without one."""
    escaped = html.escape(title or " ")
    found = _TITLE.search(page)
    if found:
        if found.group(1).strip():
            return page
        return page[: found.start(1)] + escaped + page[found.end(1) :]
    tag = f"<title>{escaped}</title>"
    for pattern, insert in ((_HEAD, tag), (_HTML, f"<head>{tag}</head>")):
        match = pattern.search(page)
        if match:
            return page[: match.end()] + insert + page[match.end() :]
    return tag + page


def list_unsubscribe(address: str | None, url: str | None) -> str:
    """The List-Unsubscribe header (RFC 2369): a mailto: that unsubscribes, then a URL if set."""
    from urllib.parse import quote

    targets = []
    if address:
        targets.append(f"<mailto:{address}?subject={quote('退订')}>")
    if url:
        targets.append(f"<{url}>")
    return ", ".join(targets)


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


# Messages are written out directly rather than through email.message: its header objects
# cost several milliseconds a message, more than rendering and sending together. The tests
# read every message back with the standard library's parser.

_CRLF = "\r\n"
_WORD_BYTES = 45  # 45 bytes of UTF-8 -> 60 base64 characters: an encoded-word under 75
_ATEXT = re.compile(r"^[A-Za-z0-9!#$%&'*+/=?^_`{|}~ .-]*$")


def _one_line(text: str) -> str:
    """No CR/LF can reach a header: a template cannot add headers of its own."""
    return " ".join(text.split())


@lru_cache(maxsize=4096)
def encode_words(text: str) -> str:
    """A header value, as RFC 2047 B-encoded words when it is not plain ASCII (kept for the
    values every message of a run repeats: subject, sender, campaign, RM)."""
    text = _one_line(text)
    if text.isascii():
        return text
    words, chunk, size = [], [], 0
    for ch in text:
        n = len(ch.encode("utf-8"))
        if size + n > _WORD_BYTES:
            words.append("".join(chunk))
            chunk, size = [], 0
        chunk.append(ch)
        size += n
    words.append("".join(chunk))
    encoded = (
        "=?utf-8?b?" + base64.b64encode(w.encode("utf-8")).decode("ascii") + "?=" for w in words
    )
    return (_CRLF + " ").join(encoded)


def format_address(address: Address) -> str:
    name = _one_line(address.display_name or "")
    if not name:
        return address.addr_spec
    if name.isascii():
        phrase = (
            name
            if _ATEXT.match(name)
            else '"' + name.replace("\\", "\\\\").replace('"', '\\"') + '"'
        )
    else:
        phrase = encode_words(name)
    return f"{phrase} <{address.addr_spec}>"


def _base64_body(data: bytes) -> str:
    encoded = base64.b64encode(data).decode("ascii")
    return _CRLF.join(encoded[i : i + 76] for i in range(0, len(encoded), 76))


def _text_part(text: str, subtype: str) -> str:
    canonical = text.replace("\r\n", "\n").replace("\n", _CRLF).encode("utf-8")
    return (
        f'Content-Type: text/{subtype}; charset="utf-8"{_CRLF}'
        f"Content-Transfer-Encoding: base64{_CRLF}{_CRLF}"
        f"{_base64_body(canonical)}{_CRLF}"
    )


def _attachment_part(attachment: Attachment) -> str:
    name = re.sub(r"[^A-Za-z0-9_.-]", "_", attachment.filename)
    return (
        f"Content-Type: {attachment.maintype}/{attachment.subtype}{_CRLF}"
        f'Content-Disposition: attachment; filename="{name}"{_CRLF}'
        f"Content-Transfer-Encoding: base64{_CRLF}{_CRLF}"
        f"{_base64_body(attachment.data)}{_CRLF}"
    )


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
) -> bytes:
    """One message as it goes on the wire and into a .eml file: CRLF line ends, UTF-8 parts in
    base64, RFC 2047 headers, multipart/alternative for text + HTML."""
    lines = [
        f"From: {format_address(sender)}",
        f"To: {format_address(recipient)}",
    ]
    if reply_to is not None:
        lines.append(f"Reply-To: {format_address(reply_to)}")
    lines += [
        f"Subject: {encode_words(subject)}",
        f"Date: {format_datetime(date)}",
        f"Message-ID: {message_id}",
    ]
    lines += [f"{name}: {encode_words(value)}" for name, value in headers]
    lines.append("MIME-Version: 1.0")
    head = _CRLF.join(lines) + _CRLF
    parts = [_text_part(text, "plain")]
    if html_body is not None:
        parts.append(_text_part(html_body, "html"))
    if attachments:
        if len(parts) > 1:
            parts = [_multipart("alternative", parts)]
        parts += [_attachment_part(a) for a in attachments]
        body = _multipart("mixed", parts)
    elif len(parts) > 1:
        body = _multipart("alternative", parts)
    else:
        body = parts[0]
    return (head + body).encode("ascii")


def _multipart(subtype: str, parts: Sequence[str]) -> str:
    boundary = "=_" + secrets.token_hex(16)
    inner = "".join(f"--{boundary}{_CRLF}{part}" for part in parts)
    return (
        f'Content-Type: multipart/{subtype}; boundary="{boundary}"{_CRLF}{_CRLF}'
        f"{inner}--{boundary}--{_CRLF}"
    )


def new_message_id(sender: Address) -> str:
    return make_msgid(domain=sender.domain or "localhost")
