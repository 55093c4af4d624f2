"""Mail merge: render one message per recipient, then deliver each one once and only once.

Every message is rendered and written to the output folder before the first one leaves, so a
template error or a bad row stops the run with nothing sent. Each delivery is claimed in the
store (`sending`) before it leaves and marked `sent` after; re-running the same campaign sends
only what has not gone yet, and a message whose fate a crash left unknown is never re-sent
without being asked to.
"""

from __future__ import annotations

import os
import re
import shutil
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import Engine, and_, select

from bankcrm_cli.domain.errors import CrmError, UsageError
from bankcrm_cli.render.templating import (
    CHANNELS,
    Compiled,
    Limits,
    TemplateFailed,
    TemplateInfo,
    TemplateLibrary,
    compile_template,
    render_part,
)
from bankcrm_cli.services.merge_recipients import (
    CustomerData,
    Recipient,
    RecipientSource,
    complaint_context,
    complaint_of,
    customer_context,
    holding_context,
    item_context,
    load_data,
    rm_context,
    select_recipients,
)
from bankcrm_cli.store.tables import deliveries_table

if TYPE_CHECKING:
    from bankcrm_cli.store.delivery_log import DeliveryLog

CONSENT_FIELDS = {"email": "consent_email", "letter": "consent_mail", "fax": "consent_fax"}
CONSENT_WORDS = {"email": "e-mail", "letter": "mail", "fax": "fax"}
NO_ADDRESS = {"email": "no e-mail", "fax": "no fax number", "letter": "no address"}
ALREADY_SENT = "already sent"
INTERRUPTED = "interrupted while sending: it may have arrived; check, then add --retry-interrupted"
BATCH_NAME = "print-batch.pdf"
FAX_FORMATS = ("pdf", "tiff")
_SAFE = re.compile(r"[^A-Za-z0-9_.-]")

Progress = Callable[[str, int], Callable[[], None]]


@dataclass(frozen=True)
class MergeRequest:
    template: str
    channel: str
    source: RecipientSource
    day: date
    today: date
    rm_code: str | None = None
    limit: int | None = None
    out: Path | None = None
    send: bool = False
    campaign: str | None = None
    fax_format: str = "pdf"
    rate: float | None = None
    # SMTP sessions sending at once: while one waits for the server, another sends.
    connections: int = 2
    params: Mapping[str, str] = field(default_factory=dict)
    retry_interrupted: bool = False
    templates_dir: Path | None = None

    def campaign_name(self) -> str:
        return self.campaign or f"{self.template}-{self.channel}-{self.day.isoformat()}"

    def out_dir(self) -> Path:
        return self.out or Path("mailmerge") / f"{self.template}-{self.day.isoformat()}"


@dataclass(frozen=True)
class Skip:
    customer_id: str
    reason: str


@dataclass(frozen=True)
class Failure:
    customer_id: str
    error: str


@dataclass(frozen=True)
class Rendered:
    """One message written to the output folder, ready to go."""

    customer_id: str
    address: str
    file: str
    subject: str
    message_id: str | None
    attachment: str | None = None


@dataclass
class MergeResult:
    campaign: str
    template: str
    channel: str
    purpose: str
    out: Path
    send: bool
    rendered: int = 0
    sent: int = 0
    skipped: list[Skip] = field(default_factory=list)
    failed: list[Failure] = field(default_factory=list)
    files: list[str] = field(default_factory=list)
    batch: str | None = None
    pages: int = 0
    # Set when the run stopped part-way (e.g. the SMTP server went away).
    stopped: str | None = None


def _no_progress(stage: str, total: int) -> Callable[[], None]:
    return lambda: None


def template_library(settings, templates_dir: Path | None = None) -> TemplateLibrary:
    from bankcrm_cli.resources import templates_dir as builtin

    user = templates_dir or settings.get("mailmerge.templates")
    return TemplateLibrary(builtin(), Path(user).expanduser() if user else None)


def run_mailmerge(
    engine: Engine,
    settings,
    request: MergeRequest,
    *,
    actor: str,
    progress: Progress | None = None,
) -> MergeResult:
    """Render every message, write them out, and with `send` deliver the ones not yet sent."""
    progress = progress or _no_progress
    if request.channel not in CHANNELS:
        raise UsageError(f"--channel must be one of {', '.join(CHANNELS)}")
    if request.fax_format not in FAX_FORMATS:
        raise UsageError("--fax-format must be pdf or tiff")
    campaign = request.campaign_name()
    if not campaign.strip() or len(campaign) > 200:
        raise UsageError("--campaign must be 1 to 200 characters")
    library = template_library(settings, request.templates_dir)
    info = library.find(request.template, request.channel)
    compiled = compile_template(library, info)
    missing = [key for key in info.required_params if not request.params.get(key)]
    if missing:
        example = " ".join(f"--set {key}=..." for key in missing)
        raise UsageError(f"template {info.name} needs {', '.join(missing)}: add {example}")
    sender = _check_can_send(settings, request)

    from bankcrm_cli.domain.segments import TierRules
    from bankcrm_cli.services.followups import FollowupRules

    tiers = TierRules.from_settings(settings).tiers
    recipients = select_recipients(
        engine,
        request.source,
        day=request.day,
        rules=FollowupRules.from_settings(settings),
        rm_code=request.rm_code,
        tiers=tiers,
    )
    result = MergeResult(
        campaign=campaign,
        template=info.name,
        channel=info.channel,
        purpose=info.purpose,
        out=request.out_dir(),
        send=request.send,
    )
    data = load_data(engine, [r.customer_id for r in recipients])
    states = _delivery_states(engine, campaign, info.channel)
    chosen: list[tuple[Recipient, CustomerData]] = []
    for recipient in recipients:
        reason = _skip_reason(
            recipient, data[recipient.customer_id], info, settings, states, request
        )
        if reason:
            result.skipped.append(Skip(recipient.customer_id, reason))
        elif request.limit is None or len(chosen) < request.limit:
            chosen.append((recipient, data[recipient.customer_id]))

    rendered = _render_all(
        compiled, chosen, settings, request, campaign, sender, result, progress, tiers
    )
    result.rendered = len(rendered)
    result.files = [r.file for r in rendered]
    if request.send and rendered:
        delivery = Delivery(engine, settings, request, info, campaign, sender, actor, states)
        delivery.run(rendered, result, progress)
    return result


# ---------------------------------------------------------------------------------------------
# Who is skipped, and why.


def _delivery_states(engine: Engine, campaign: str, channel: str) -> dict[str, str]:
    d = deliveries_table.c
    with engine.connect() as conn:
        rows = conn.execute(
            select(d.customer_id, d.status).where(
                and_(d.campaign == campaign, d.channel == channel)
            )
        )
        return {row.customer_id: row.status for row in rows}


def _skip_reason(
    recipient: Recipient,
    data: CustomerData,
    info: TemplateInfo,
    settings,
    states: Mapping[str, str],
    request: MergeRequest,
) -> str | None:
    state = states.get(recipient.customer_id)
    if state == "sent":
        return ALREADY_SENT
    if state == "sending" and not request.retry_interrupted:
        return INTERRUPTED
    row = data.customer
    if info.marketing:
        consent = getattr(row, CONSENT_FIELDS[info.channel])
        word = CONSENT_WORDS[info.channel]
        if consent is False:
            return f"opted out of {word} marketing"
        if consent is None and settings.get("mailmerge.require_consent"):
            return f"no {word} marketing consent on record"
    if info.channel == "email" and not row.email:
        return NO_ADDRESS["email"]
    if info.channel == "fax" and not row.fax:
        return NO_ADDRESS["fax"]
    if info.channel == "letter" and not row.address:
        return NO_ADDRESS["letter"]
    if "complaint" in info.requires and complaint_of(recipient, data) is None:
        return "no complaint on record"
    if (
        "resolved_complaint" in info.requires
        and complaint_of(recipient, data, resolved=True) is None
    ):
        return "no resolved complaint on record"
    return None


def _check_can_send(settings, request: MergeRequest):
    """The sender address, and a clear stop before rendering if sending cannot work."""
    from bankcrm_cli.render.email import BadAddress, parse_mailbox

    configured = settings.get("mail.from")
    if request.send and request.channel in ("email", "fax"):
        from bankcrm_cli.render.smtp import SmtpSettings

        SmtpSettings.from_values(settings.values)
        if not configured:
            raise CrmError(
                "no sender address: set CRM_MAIL_FROM (e.g. '示例银行 <service@bank.example>')"
            )
        if request.channel == "fax" and not settings.get("mailmerge.fax_gateway"):
            raise CrmError(
                "no fax gateway: set mailmerge.fax_gateway (CRM_MAILMERGE_FAX_GATEWAY), "
                "e.g. {fax}@fax.example.com"
            )
    try:
        if configured:
            return parse_mailbox(configured)
        return parse_mailbox(f"{settings.get('bank.name')} <no-reply@localhost>")
    except BadAddress as exc:
        raise UsageError(f"mail.from (CRM_MAIL_FROM): {exc}") from None


# ---------------------------------------------------------------------------------------------
# Rendering everything first.


def _context(
    tiers,
    recipient: Recipient,
    data: CustomerData,
    settings,
    request: MergeRequest,
    campaign: str,
    info: TemplateInfo,
) -> dict[str, Any]:
    holdings = [holding_context(row) for row in data.holdings]
    items = [item_context(item, holdings) for item in recipient.items]
    complaint = complaint_of(recipient, data, resolved="resolved_complaint" in info.requires)
    return {
        "customer": customer_context(data.customer, tiers),
        "holdings": holdings,
        "items": items,
        "item": items[0] if items else None,
        "complaint": complaint_context(complaint) if complaint is not None else None,
        "complaints": [complaint_context(row) for row in data.complaints],
        "rm": rm_context(data.rm),
        "bank": {
            "name": settings.get("bank.name"),
            "phone": settings.get("bank.phone"),
            "address": settings.get("bank.address"),
        },
        "today": request.today,
        "date": request.day,
        "campaign": campaign,
        "channel": info.channel,
        "params": {**info.params, **request.params},
    }


def _file_stem(customer_id: str) -> str:
    safe = _SAFE.sub("_", customer_id)
    if safe != customer_id:
        import hashlib

        safe += "-" + hashlib.sha1(customer_id.encode()).hexdigest()[:8]
    return safe


def _write_new(path: Path, data: bytes) -> None:
    """A file only its owner can read, in the private staging folder (moved out when all are)."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "wb") as fh:
        fh.write(data)


def _render_all(
    compiled: Compiled,
    chosen: list[tuple[Recipient, CustomerData]],
    settings,
    request: MergeRequest,
    campaign: str,
    sender,
    result: MergeResult,
    progress: Progress,
    tiers,
) -> list[Rendered]:
    """Render every message into a staging folder; only a complete set reaches --out."""
    info = compiled.info
    limits = Limits(
        max_chars=settings.get("mailmerge.max_output"),
        seconds=settings.get("mailmerge.render_seconds"),
    )
    out = result.out
    out.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    staging = out.parent / f".{out.name}.rendering-{os.getpid()}"
    shutil.rmtree(staging, ignore_errors=True)
    staging.mkdir(mode=0o700)
    rendered: list[Rendered] = []
    letters = []
    try:
        font = _font(settings) if info.channel in ("letter", "fax") and chosen else None
        tick = progress("rendering", len(chosen))
        for recipient, data in chosen:
            context = _context(tiers, recipient, data, settings, request, campaign, info)
            label = f"template {info.name} ({info.channel}) for customer {recipient.customer_id}"
            subject = (
                render_part(compiled.subject, context, limits, label).strip()
                if compiled.subject is not None
                else ""
            )
            body = render_part(compiled.body, context, limits, label)
            stem = _file_stem(recipient.customer_id)
            if info.channel == "email":
                html = (
                    render_part(compiled.html, context, limits, label)
                    if compiled.html is not None
                    else None
                )
                rendered.append(
                    _write_email(staging, stem, data, subject, body, html, sender, request, info)
                )
            else:
                letter = _letter(data, subject, body, settings, request, campaign)
                unprintable = _unprintable(font, letter)
                if unprintable:
                    # A blank where a character of a name should be is worse than no letter.
                    result.skipped.append(
                        Skip(
                            recipient.customer_id,
                            f"the PDF font cannot print {unprintable} (set mailmerge.font)",
                        )
                    )
                    tick()
                    continue
                if info.channel == "letter":
                    from bankcrm_cli.render.pdf import write_letter_pdf

                    write_letter_pdf(letter, staging / f"{stem}.pdf", font)
                    letters.append(letter)
                    rendered.append(
                        Rendered(
                            customer_id=data.customer.customer_id,
                            address=data.customer.postal_code or "",
                            file=f"{stem}.pdf",
                            subject=subject,
                            message_id=None,
                        )
                    )
                else:
                    rendered.append(
                        _write_fax(staging, stem, data, letter, subject, settings, request, font)
                    )
            tick()
        if letters:
            from bankcrm_cli.render.pdf import write_letter_batch

            result.pages = write_letter_batch(letters, staging / BATCH_NAME, font)
            result.batch = BATCH_NAME
        _publish(staging, out)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return rendered


def _publish(staging: Path, out: Path) -> None:
    """Move a complete set of rendered files into `out`: the whole folder when it is new."""
    if not out.exists():
        os.rename(staging, out)
        return
    for path in staging.iterdir():
        os.replace(path, out / path.name)


def _unprintable(font, letter) -> str:
    from bankcrm_cli.render.fonts import missing_characters

    text = "".join((*letter.recipient_lines, letter.subject or "", letter.body))
    return missing_characters(font, text)


def _font(settings):
    from bankcrm_cli.render.fonts import find_cjk_font

    return find_cjk_font(settings.get("mailmerge.font"))


def _write_email(staging, stem, data, subject, body, html, sender, request, info) -> Rendered:
    from email.utils import parseaddr

    from bankcrm_cli.render.email import (
        BadAddress,
        build_message,
        mailbox,
        new_message_id,
        text_to_html,
    )

    row = data.customer
    try:
        recipient = mailbox(row.name, row.email)
    except BadAddress as exc:
        raise TemplateFailed(
            f"customer {row.customer_id}: {exc}; correct it and run again"
        ) from None
    reply_to = None
    if data.rm is not None and data.rm.email:
        try:
            reply_to = mailbox(data.rm.name, parseaddr(data.rm.email)[1])
        except BadAddress:
            reply_to = None
    message_id = new_message_id(sender)
    msg = build_message(
        sender=sender,
        recipient=recipient,
        subject=subject,
        text=body,
        html_body=html if html is not None else text_to_html(body, heading=None),
        date=_now(),
        message_id=message_id,
        reply_to=reply_to,
        headers=[("X-Campaign", request.campaign_name())],
    )
    _write_new(staging / f"{stem}.eml", msg)
    return Rendered(
        customer_id=row.customer_id,
        address=row.email,
        file=f"{stem}.eml",
        subject=subject,
        message_id=message_id,
    )


def _now():
    from datetime import UTC, datetime

    return datetime.now(UTC)


def _letter(data: CustomerData, subject: str, body: str, settings, request, campaign: str):
    from bankcrm_cli.render.pdf import Letter
    from bankcrm_cli.render.templating import cn_date

    row = data.customer
    title = {"M": "先生", "F": "女士"}.get(row.gender or "", "")
    recipient = [f"{row.name} {title}".strip() + " 收"]
    if row.address:
        recipient.insert(0, row.address)
    if row.postal_code:
        recipient.insert(0, f"邮编 {row.postal_code}")
    bank = settings.get("bank.name")
    branch = (data.rm.branch if data.rm is not None else None) or row.branch
    sender_lines = [" ".join(x for x in (bank, branch) if x)]
    if settings.get("bank.address"):
        sender_lines.append(settings.get("bank.address"))
    signature = []
    if data.rm is not None:
        signature.append(f"客户经理 {data.rm.name}")
        if data.rm.phone:
            signature.append(f"电话 {data.rm.phone}")
        if data.rm.email:
            signature.append(f"邮箱 {data.rm.email}")
    signature.append(" ".join(x for x in (bank, branch) if x))
    if settings.get("bank.phone"):
        signature.append(f"客服热线 {settings.get('bank.phone')}")
    return Letter(
        recipient_lines=tuple(recipient),
        sender_lines=tuple(sender_lines),
        date_line=cn_date(request.today),
        subject=subject or None,
        body=body,
        signature_lines=tuple(signature),
        reference=f"{campaign} · {row.customer_id}",
    )


def _write_fax(staging, stem, data, letter, subject, settings, request, font) -> Rendered:
    from bankcrm_cli.render.fax import FaxCover, write_fax_pdf, write_fax_tiff
    from bankcrm_cli.render.templating import cn_date

    row = data.customer
    bank = settings.get("bank.name")
    sender_name = f"{data.rm.name}（{bank}）" if data.rm is not None else bank
    cover = FaxCover(
        sender_name=sender_name,
        sender_fax=settings.get("bank.fax") or "",
        recipient_name=row.name,
        recipient_fax=row.fax,
        date_line=cn_date(request.today),
        regarding=subject or letter.subject or "",
        pages=0,
        note=None,
    )
    pdf = staging / f"{stem}.pdf"
    write_fax_pdf(cover, letter, pdf, font)
    attachment = f"{stem}.pdf"
    if request.fax_format == "tiff":
        write_fax_tiff(pdf, staging / f"{stem}.tiff")
        attachment = f"{stem}.tiff"
    return Rendered(
        customer_id=row.customer_id,
        address=row.fax,
        file=attachment,
        subject=subject or letter.subject or "",
        message_id=None,
        attachment=attachment,
    )


# ---------------------------------------------------------------------------------------------
# Delivering, once.


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

    @contextmanager
    def log(self) -> Iterator[DeliveryLog]:
        """The delivery log on one connection that takes the write lock in each transaction."""
        from bankcrm_cli.store.delivery_log import DeliveryLog

        with self.engine.connect() as conn:
            if conn.dialect.name == "sqlite":
                conn = conn.execution_options(sqlite_begin="IMMEDIATE")
            yield DeliveryLog(
                conn,
                campaign=self.campaign,
                channel=self.info.channel,
                template=self.info.name,
                purpose=self.info.purpose,
                actor=self.actor,
            )

    def claim(self, log: DeliveryLog, item: Rendered, message_id: str | None) -> int | None:
        return log.claim(
            item.customer_id, item.address, message_id, known=item.customer_id in self.states
        )

    def run(self, rendered: list[Rendered], result: MergeResult, progress: Progress) -> None:
        if self.info.channel == "letter":
            self._post(rendered, result, progress("recording", len(rendered)))
        else:
            self._transmit(rendered, result, progress("sending", len(rendered)))

    def _post(self, rendered: list[Rendered], result: MergeResult, tick) -> None:
        """Letters committed to the post: recorded, so the same letters are not printed twice."""
        with self.log() as log, log.conn.begin():
            for item in rendered:
                delivery_id = self.claim(log, item, None)
                if delivery_id is None:
                    result.skipped.append(Skip(item.customer_id, ALREADY_SENT))
                else:
                    log.confirm(delivery_id)
                    result.sent += 1
                tick()

    def _transmit(self, rendered: list[Rendered], result: MergeResult, tick) -> None:
        """E-mails and faxes over SMTP on `connections` sessions at once. Each message is
        claimed before it leaves and confirmed after (the confirmation of one shares a
        transaction with the claim of the next), so a crash leaves at most one message per
        session unconfirmed."""
        import threading

        from bankcrm_cli.render.smtp import Pacer, SmtpSettings

        smtp_settings = SmtpSettings.from_values(self.settings.values)
        pacer = Pacer(self.request.rate)
        queue = iter(rendered)
        lock = threading.Lock()
        stop = threading.Event()
        errors: list[BaseException] = []

        def take() -> Rendered | None:
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
            threads = [threading.Thread(target=session, daemon=True) for _ in range(workers)]
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join()
        if errors:
            raise errors[0]

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
                    with log.conn.begin():
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
                    with log.conn.begin():
                        log.confirm(*done)


def _wire_message(item: Rendered, info, out: Path, sender, gateway) -> tuple[bytes, str, str]:
    """The bytes to send, the envelope recipient and the Message-ID."""
    if info.channel == "email":
        from email.parser import BytesHeaderParser

        data = (out / item.file).read_bytes()
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
        date=_now(),
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
