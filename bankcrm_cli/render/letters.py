"""The layout of a mail-merge letter and of a fax cover sheet: who writes, to whom, signed how."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from bankcrm_cli.render.fax import FaxCover
    from bankcrm_cli.render.pdf import Letter


@dataclass(frozen=True)
class BankDetails:
    """The sending bank as settings describe it (bank.name, .phone, .address, .fax)."""

    name: str | None
    phone: str | None = None
    address: str | None = None
    fax: str | None = None


def _joined(*parts: str | None) -> str:
    return " ".join(x for x in parts if x)


def letter_layout(
    customer: Any,
    rm: Any | None,
    bank: BankDetails,
    *,
    subject: str,
    body: str,
    today: date,
    reference: str,
) -> Letter:
    """A letter to `customer` from their RM's branch (else the customer's), signed by the RM."""
    from bankcrm_cli.domain.names import honorific
    from bankcrm_cli.render.pdf import Letter
    from bankcrm_cli.render.templating import cn_date

    recipient = [f"{customer.name} {honorific(customer.gender)}".strip() + " 收"]
    if customer.address:
        recipient.insert(0, customer.address)
    if customer.postal_code:
        recipient.insert(0, f"邮编 {customer.postal_code}")
    branch = (rm.branch if rm is not None else None) or customer.branch
    sender_lines = [_joined(bank.name, branch)]
    if bank.address:
        sender_lines.append(bank.address)
    signature = []
    if rm is not None:
        signature.append(f"客户经理 {rm.name}")
        if rm.phone:
            signature.append(f"电话 {rm.phone}")
        if rm.email:
            signature.append(f"邮箱 {rm.email}")
    signature.append(_joined(bank.name, branch))
    if bank.phone:
        signature.append(f"客服热线 {bank.phone}")
    return Letter(
        recipient_lines=tuple(recipient),
        sender_lines=tuple(sender_lines),
        date_line=cn_date(today),
        subject=subject or None,
        body=body,
        signature_lines=tuple(signature),
        reference=reference,
    )


def fax_cover_layout(
    customer: Any, rm: Any | None, bank: BankDetails, *, today: date, regarding: str
) -> FaxCover:
    """The cover sheet of a fax to `customer`, from their RM at the bank (else the bank)."""
    from bankcrm_cli.render.fax import FaxCover
    from bankcrm_cli.render.templating import cn_date

    return FaxCover(
        sender_name=f"{rm.name}（{bank.name}）" if rm is not None else bank.name,
        sender_fax=bank.fax or "",
        recipient_name=customer.name,
        recipient_fax=customer.fax,
        date_line=cn_date(today),
        regarding=regarding,
        pages=0,
        note=None,
    )
