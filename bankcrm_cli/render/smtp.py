"""Sending over SMTP: one connection for the whole run, reconnecting when it drops."""

from __future__ import annotations

import contextlib
import re
import smtplib
import ssl
import threading
import time
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from bankcrm_cli.domain.catalogue import t
from bankcrm_cli.domain.errors import CrmError

DEFAULT_PORTS = {"ssl": 465, "starttls": 587, "none": 25}


class SmtpUnavailable(CrmError):
    """The server cannot be reached or refuses us as a whole: the run stops, nothing is lost."""


class RecipientRefused(Exception):
    """The server refused this one message or recipient; the run goes on with the others."""


@dataclass(frozen=True)
class SmtpSettings:
    host: str
    port: int
    user: str | None
    password: str | None
    tls: str
    timeout: float

    @classmethod
    def from_values(cls, values: Mapping[str, Any]) -> SmtpSettings:
        host = values.get("smtp.host")
        if not host:
            raise CrmError(t("smtp.no_server"))
        tls = values.get("smtp.tls") or "starttls"
        return cls(
            host=host,
            port=values.get("smtp.port") or DEFAULT_PORTS[tls],
            user=values.get("smtp.user") or None,
            password=values.get("smtp.password") or None,
            tls=tls,
            timeout=float(values.get("smtp.timeout") or 60),
        )

    def describe(self) -> str:
        return f"{self.host}:{self.port} ({self.tls})"


class Pacer:
    """At most `rate` messages a minute, across every connection of a run."""

    def __init__(self, rate: float | None) -> None:
        self.interval = 60.0 / rate if rate else 0.0
        self._next = 0.0
        self._lock = threading.Lock()

    def wait(self) -> None:
        if not self.interval:
            return
        with self._lock:
            now = time.monotonic()
            start = max(now, self._next)
            self._next = start + self.interval
        if start > now:
            time.sleep(start - now)


class Mailer:
    """An SMTP session reused across messages, paced by a Pacer shared with other sessions."""

    def __init__(self, settings: SmtpSettings, *, pacer: Pacer | None = None) -> None:
        self.settings = settings
        self.pacer = pacer or Pacer(None)
        self._smtp: smtplib.SMTP | None = None

    def __enter__(self) -> Mailer:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _connect(self) -> smtplib.SMTP:
        s = self.settings
        # Loading the system's certificates takes tens of milliseconds: only for TLS.
        context = ssl.create_default_context() if s.tls != "none" else None
        try:
            if s.tls == "ssl":
                smtp: smtplib.SMTP = smtplib.SMTP_SSL(
                    s.host, s.port, timeout=s.timeout, context=context
                )
            else:
                smtp = smtplib.SMTP(s.host, s.port, timeout=s.timeout)
                if s.tls == "starttls":
                    smtp.ehlo()
                    if not smtp.has_extn("starttls"):
                        smtp.close()
                        raise SmtpUnavailable(
                            f"SMTP server {s.describe()} does not offer STARTTLS; "
                            "set CRM_SMTP_TLS=ssl or, on a trusted network only, none"
                        )
                    smtp.starttls(context=context)
                    smtp.ehlo()
            if s.user:
                smtp.login(s.user, s.password or "")
        except smtplib.SMTPAuthenticationError:
            raise SmtpUnavailable(
                f"SMTP server {s.describe()} refused the login of {s.user!r}: "
                "check CRM_SMTP_USER and CRM_SMTP_PASSWORD"
            ) from None
        except ssl.SSLError as exc:
            raise SmtpUnavailable(
                f"TLS with SMTP server {s.describe()} failed ({exc.reason or exc}); "
                "check CRM_SMTP_TLS and the server's certificate"
            ) from None
        except (OSError, smtplib.SMTPException) as exc:
            raise SmtpUnavailable(
                f"cannot reach SMTP server {s.describe()}: {exc}; check CRM_SMTP_HOST/PORT"
            ) from None
        return smtp

    def send(self, sender: str, recipients: list[str], data: bytes) -> None:
        """Deliver one message (as written to its .eml), reconnecting once if the line dropped."""
        self.pacer.wait()
        for attempt in (1, 2):
            if self._smtp is None:
                self._smtp = self._connect()
            try:
                refused = transact(self._smtp, sender, recipients, data)
            except smtplib.SMTPRecipientsRefused as exc:
                raise RecipientRefused(_refusal(exc.recipients)) from None
            except smtplib.SMTPSenderRefused as exc:
                raise SmtpUnavailable(
                    f"SMTP server refused the sender {exc.sender!r}: {_text(exc.smtp_error)}; "
                    "check CRM_MAIL_FROM"
                ) from None
            except smtplib.SMTPResponseException as exc:
                if exc.smtp_code >= 500:
                    raise RecipientRefused(f"{exc.smtp_code} {_text(exc.smtp_error)}") from None
                # A temporary failure (4xx): retry on a fresh connection, once.
                self._drop()
                if attempt == 2:
                    raise RecipientRefused(f"{exc.smtp_code} {_text(exc.smtp_error)}") from None
                continue
            except (TimeoutError, smtplib.SMTPServerDisconnected, ConnectionError, OSError):
                self._drop()
                if attempt == 2:
                    raise SmtpUnavailable(
                        f"lost the connection to SMTP server {self.settings.describe()}; "
                        "run the same command again to send the rest"
                    ) from None
                continue
            if refused:
                raise RecipientRefused(_refusal(refused))
            return

    def _drop(self) -> None:
        if self._smtp is not None:
            with contextlib.suppress(OSError):
                self._smtp.close()
            self._smtp = None

    def close(self) -> None:
        if self._smtp is not None:
            with contextlib.suppress(OSError, smtplib.SMTPException):
                self._smtp.quit()
            self._drop()


_ATEXT = "A-Za-z0-9!#$%&'*+/=?^_`{|}~-"
# An address smtplib's quoteaddr returns as it is, in angle brackets, without parsing it.
_PLAIN_ADDRESS = re.compile(rf"[{_ATEXT}]+(?:\.[{_ATEXT}]+)*@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*")


def _envelope_address(address: str) -> str:
    if _PLAIN_ADDRESS.fullmatch(address):
        return f"<{address}>"
    return smtplib.quoteaddr(address)


def _data_lines(data: bytes) -> bytes:
    """The message as DATA carries it (RFC 5321 4.5.2): a line starting with "." gets
    another, and the message ends with CRLF "." CRLF."""
    if data.startswith(b".") or b"\n." in data:
        data = re.sub(rb"(?m)^\.", b"..", data)
    if not data.endswith(b"\r\n"):
        data += b"\r\n"
    return data + b".\r\n"


def transact(
    smtp: smtplib.SMTP, sender: str, recipients: list[str], data: bytes
) -> dict[str, tuple[int, bytes]]:
    """One message, as smtplib's `sendmail` sends it (same replies, same exceptions, the
    recipients refused), with MAIL, RCPT and DATA in one write when the server offers
    PIPELINING (RFC 2920): one wait for the envelope's replies instead of one per command."""
    smtp.ehlo_or_helo_if_needed()
    size = f" size={len(data)}" if smtp.does_esmtp and smtp.has_extn("size") else ""
    commands = [
        f"mail FROM:{_envelope_address(sender)}{size}",
        *(f"rcpt TO:{_envelope_address(r)}" for r in recipients),
        "data",
    ]
    replies = _Replies(smtp, commands, pipelined=smtp.has_extn("pipelining"))
    code, resp = replies.next()
    if code != 250:
        replies.abandon(code)
        raise smtplib.SMTPSenderRefused(code, resp, sender)
    refused: dict[str, tuple[int, bytes]] = {}
    for recipient in recipients:
        code, resp = replies.next()
        if code not in (250, 251):
            refused[recipient] = (code, resp)
        if code == 421:
            replies.abandon(code)
            raise smtplib.SMTPRecipientsRefused(refused)
    if len(refused) == len(recipients):
        replies.abandon(None)
        raise smtplib.SMTPRecipientsRefused(refused)
    code, resp = replies.next()
    if code != 354:
        raise smtplib.SMTPDataError(code, resp)
    smtp.send(_data_lines(data))
    code, resp = smtp.getreply()
    if code != 250:
        if code == 421:
            smtp.close()
        else:
            smtp._rset()
        raise smtplib.SMTPDataError(code, resp)
    return refused


class _Replies:
    """The replies to a message's envelope commands, one at a time: each command sent as its
    turn comes, or all of them at once when pipelined."""

    def __init__(self, smtp: smtplib.SMTP, commands: list[str], *, pipelined: bool) -> None:
        self.smtp = smtp
        self.commands = commands
        self.pipelined = pipelined
        self.read = 0
        if pipelined:
            smtp.send("".join(f"{command}\r\n" for command in commands))

    def next(self) -> tuple[int, bytes]:
        if not self.pipelined:
            self.smtp.putcmd(self.commands[self.read])
        self.read += 1
        return self.smtp.getreply()

    def abandon(self, code: int | None) -> None:
        """Give up this message: the connection closed after a 421, else reset for the next
        one (once every reply already asked for is read)."""
        if code == 421:
            self.smtp.close()
            return
        if self.pipelined:
            reply = 0
            while self.read < len(self.commands):
                reply, _ = self.next()
            if reply == 354:  # DATA accepted after all: end an empty message
                self.smtp.send(b".\r\n")
                self.smtp.getreply()
        self.smtp._rset()


def _text(raw: bytes | str) -> str:
    return raw.decode("utf-8", "replace") if isinstance(raw, bytes) else str(raw)


def _refusal(recipients: Mapping[str, tuple[int, bytes]]) -> str:
    return "; ".join(f"{addr}: {code} {_text(msg)}" for addr, (code, msg) in recipients.items())
