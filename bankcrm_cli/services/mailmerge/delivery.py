"""Delivering a run's messages once each: letters recorded as posted, e-mails and faxes over
SMTP on a few sessions at once, at an optional rate."""

from __future__ import annotations

import os
import re
import threading
from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager, nullcontext
from pathlib import Path
from typing import TYPE_CHECKING

from bankcrm_cli.domain.catalogue import t
from bankcrm_cli.domain.errors import CrmError, UsageError
from bankcrm_cli.services.mailmerge.campaign import (
    ALREADY_SENT,
    Failure,
    MergeRequest,
    MergeResult,
    Progress,
    RenderedMessage,
    Skip,
)
from bankcrm_cli.services.mailmerge.rendering import now

if TYPE_CHECKING:
    from email.headerregistry import Address

    from bankcrm_cli.settings import Settings
    from bankcrm_cli.store.delivery_log import DeliveryLog


def sender_mailbox(settings: Settings, request: MergeRequest) -> Address:
    """The sender address, and a clear stop before rendering if sending cannot work."""
    from bankcrm_cli.render.email import BadAddress, parse_mailbox

    configured = settings.get("mail.from")
    if request.send and request.channel in ("email", "fax"):
        from bankcrm_cli.render.smtp import SmtpSettings

        SmtpSettings.from_values(settings.values)
        if not configured:
            raise CrmError(t("mm.no_sender"))
        if request.channel == "fax" and not settings.get("mailmerge.fax_gateway"):
            raise CrmError(t("mm.no_fax_gateway"))
    try:
        if configured:
            return parse_mailbox(configured)
        return parse_mailbox(f"{settings.get('bank.name')} <no-reply@localhost>")
    except BadAddress as exc:
        raise UsageError(t("mm.bad_setting", key="mail.from (CRM_MAIL_FROM)", why=exc)) from None


class Delivery:
    """Claims, sends and records the deliveries of one campaign.

    A delivery is claimed (`sending`) in the same transaction that confirms the one before it,
    so each message costs one commit, and none leaves without its claim on disk first.
    """

    def __init__(self, engine, settings, request, info, campaign, sender, actor, states) -> None:
        self.engine = engine
        self.settings = settings
        self.request = request
        self.info = info
        self.campaign = campaign
        self.sender = sender
        self.actor = actor
        # customer_id -> status of this campaign's earlier deliveries, as read before rendering.
        self.states = states
        # On SQLite the sessions share one connection to the log, writing one at a time:
        # waiting on SQLite's own lock sleeps a millisecond or more where the other session's
        # transaction takes a tenth of that, and a connection of its own would read again
        # the pages the other one changed. Elsewhere each session has its own.
        self.shared: DeliveryLog | None = None
        self.writes: AbstractContextManager = nullcontext()

    @contextmanager
    def log(self) -> Iterator[DeliveryLog]:
        from bankcrm_cli.store.delivery_log import open_delivery_log

        if self.shared is not None:
            yield self.shared
            return
        with open_delivery_log(
            self.engine,
            campaign=self.campaign,
            channel=self.info.channel,
            template=self.info.name,
            purpose=self.info.purpose,
            actor=self.actor,
        ) as log:
            yield log

    def claim(self, log: DeliveryLog, item: RenderedMessage, message_id: str | None) -> int | None:
        return log.claim(
            item.customer_id, item.address, message_id, known=item.customer_id in self.states
        )

    def run(self, rendered: list[RenderedMessage], result: MergeResult, progress: Progress) -> None:
        if self.info.channel == "letter":
            self._post(rendered, result, progress("recording", len(rendered)))
        else:
            self._transmit(rendered, result, progress("sending", len(rendered)))

    def _post(self, rendered: list[RenderedMessage], result: MergeResult, tick) -> None:
        """Letters committed to the post: recorded, so the same letters are not printed twice."""
        with self.log() as log, log.transaction():
            for item in rendered:
                delivery_id = self.claim(log, item, None)
                if delivery_id is None:
                    result.skipped.append(Skip(item.customer_id, ALREADY_SENT))
                else:
                    log.confirm(delivery_id)
                    result.sent += 1
                tick()

    def _transmit(self, rendered: list[RenderedMessage], result: MergeResult, tick) -> None:
        """E-mails and faxes over SMTP on `connections` sessions at once. Each message is
        claimed before it leaves and confirmed after (the confirmation of one shares a
        transaction with the claim of the next), so a crash leaves at most one message per
        session unconfirmed."""
        from bankcrm_cli.render.smtp import Pacer, SmtpSettings

        smtp_settings = SmtpSettings.from_values(self.settings.values)
        pacer = Pacer(self.request.rate)
        queue = iter(rendered)
        lock = threading.Lock()
        stop = threading.Event()
        errors: list[BaseException] = []

        def take() -> RenderedMessage | None:
            with lock:
                return None if stop.is_set() else next(queue, None)

        def session() -> None:
            try:
                self._session(smtp_settings, pacer, take, result, lock, stop, tick)
            except BaseException as exc:  # re-raised in the calling thread
                errors.append(exc)
                stop.set()

        workers = max(1, min(self.request.connections, len(rendered)))
        if workers == 1:
            session()
        else:
            with self._shared_log():
                threads = [threading.Thread(target=session, daemon=True) for _ in range(workers)]
                for thread in threads:
                    thread.start()
                for thread in threads:
                    thread.join()
        if errors:
            raise errors[0]

    @contextmanager
    def _shared_log(self) -> Iterator[None]:
        """The sessions' one connection to the log, where the store is SQLite."""
        if self.engine.dialect.name != "sqlite":
            yield
            return
        with self.log() as log:
            self.shared, self.writes = log, threading.Lock()
            try:
                yield
            finally:
                self.shared, self.writes = None, nullcontext()

    def _session(self, smtp_settings, pacer, take, result, lock, stop, tick) -> None:
        from bankcrm_cli.render.smtp import Mailer, RecipientRefused, SmtpUnavailable

        gateway = self.settings.get("mailmerge.fax_gateway")
        done: tuple[int, str | None] | None = None  # sent, not yet confirmed
        with Mailer(smtp_settings, pacer=pacer) as mailer, self.log() as log:
            try:
                while (item := take()) is not None:
                    data, to_addr, message_id = _wire_message(
                        item, self.info, result.out, self.sender, gateway
                    )
                    with self.writes, log.transaction():
                        if done is not None:
                            log.confirm(*done)
                            done = None
                        delivery_id = self.claim(log, item, message_id)
                    if delivery_id is None:
                        with lock:
                            result.skipped.append(Skip(item.customer_id, ALREADY_SENT))
                        tick()
                        continue
                    try:
                        mailer.send(self.sender.addr_spec, [to_addr], data)
                    except RecipientRefused as exc:
                        done = (delivery_id, str(exc))
                        with lock:
                            result.failed.append(Failure(item.customer_id, str(exc)))
                    except SmtpUnavailable as exc:
                        done = (delivery_id, str(exc))
                        with lock:
                            result.failed.append(Failure(item.customer_id, str(exc)))
                            result.stopped = result.stopped or str(exc)
                        stop.set()
                        return
                    else:
                        done = (delivery_id, None)
                        with lock:
                            result.sent += 1
                    tick()
            finally:
                if done is not None:
                    with self.writes, log.transaction():
                        log.confirm(*done)


def _wire_message(
    item: RenderedMessage, info, out: Path, sender, gateway
) -> tuple[bytes, str, str]:
    """The bytes to send, the envelope recipient and the Message-ID."""
    if info.channel == "email":
        from email.parser import BytesHeaderParser

        # Unbuffered: one message is read whole, once.
        with open(os.path.join(out, item.file), "rb", buffering=0) as fh:
            data = fh.readall()
        return (
            data,
            item.address,
            item.message_id or BytesHeaderParser().parsebytes(data)["Message-ID"],
        )
    from bankcrm_cli.render.email import (
        Attachment,
        build_message,
        mailbox,
        new_message_id,
    )

    digits = re.sub(r"\D", "", item.address)
    to_addr = gateway.format(fax=digits)
    message_id = new_message_id(sender)
    subtype = "tiff" if item.attachment.endswith(".tiff") else "pdf"
    msg = build_message(
        sender=sender,
        recipient=mailbox(None, to_addr),
        subject=item.subject or "传真",
        text=f"传真：{item.subject}\n",
        html_body=None,
        date=now(),
        message_id=message_id,
        attachments=[
            Attachment(
                filename=item.attachment,
                data=(out / item.attachment).read_bytes(),
                maintype="image" if subtype == "tiff" else "application",
                subtype=subtype,
            )
        ],
    )
    return msg, to_addr, message_id
