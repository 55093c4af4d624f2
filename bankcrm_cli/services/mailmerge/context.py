"""What a template sees about a recipient: plain dicts built from their rows."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Any

from bankcrm_cli.services.mailmerge.recipients import CustomerData, Recipient, complaint_of

if TYPE_CHECKING:
    from bankcrm_cli.render.templating import TemplateInfo


@dataclass(frozen=True)
class MaturityWindow:
    """The maturity follow-up's window: from a product type's lead days before its maturity
    through the maturity date (settings followups.lead_days and lead_days_by_product)."""

    lead_days: int = 7
    product_leads: Mapping[str, int] = field(default_factory=dict)

    def holds(self, holding: Mapping[str, Any], day: date) -> bool:
        from bankcrm_cli.domain.maturities import lead_for, maturity_shows

        maturity = holding.get("maturity_date")
        if not isinstance(maturity, date):
            return False
        lead = lead_for(holding.get("product_type"), self.product_leads, self.lead_days)
        return maturity_shows(maturity, [day], lead)


def message_context(
    recipient: Recipient,
    data: CustomerData,
    *,
    tiers: Sequence[tuple[int, str]],
    bank: Mapping[str, Any],
    today: date,
    day: date,
    campaign: str,
    info: TemplateInfo,
    params: Mapping[str, Any],
    window: MaturityWindow | None = None,
) -> dict[str, Any]:
    """Everything one message's template may name; `maturing` is the holdings within the
    maturity window on `day` (what a reminder may call 即将到期)."""
    holdings = [holding_context(row) for row in data.holdings]
    window = window or MaturityWindow()
    items = [item_context(item, holdings) for item in recipient.items]
    complaint = complaint_of(recipient, data, resolved="resolved_complaint" in info.requires)
    return {
        "customer": customer_context(data.customer, tiers),
        "holdings": holdings,
        "maturing": [h for h in holdings if window.holds(h, day)],
        "items": items,
        "item": items[0] if items else None,
        "complaint": complaint_context(complaint) if complaint is not None else None,
        "complaints": [complaint_context(row) for row in data.complaints],
        "rm": rm_context(data.rm),
        "bank": bank,
        "today": today,
        "date": day,
        "campaign": campaign,
        "channel": info.channel,
        "params": params,
    }


def _money(cents: int | None):
    from bankcrm_cli.services.customers.profile import cents_to_decimal

    return cents_to_decimal(cents)


def customer_context(row: Any, tiers: Sequence[tuple[int, str]] | None = None) -> dict[str, Any]:
    from bankcrm_cli.domain.masking import mask_id, mask_phone
    from bankcrm_cli.domain.names import honorific, salutation, surname
    from bankcrm_cli.domain.segments import DEFAULT_TIERS, tier_for

    return {
        "customer_id": row.customer_id,
        "name": row.name,
        "surname": surname(row.name),
        "title": honorific(row.gender),
        "salutation": salutation(row.name, row.gender),
        "gender": row.gender,
        "id_number_masked": mask_id(row.id_number) if row.id_number else "",
        "phone_masked": mask_phone(row.phone) if row.phone else "",
        "email": row.email,
        "fax": row.fax,
        "address": row.address,
        "postal_code": row.postal_code,
        "branch": row.branch,
        "birth_date": row.birth_date,
        "lunar_birthday": bool(row.lunar_birthday),
        "aum": _money(row.aum_cents),
        "tier": tier_for(row.aum_cents, tiers or DEFAULT_TIERS),
    }


def holding_context(row: Any) -> dict[str, Any]:
    from bankcrm_cli.domain.masking import mask_text
    from bankcrm_cli.domain.products import PRODUCT_LABELS

    return {
        "account_id": row.account_id,
        "account_masked": mask_text(row.account_id, 0, 4),
        "product_type": row.product_type,
        "product_label": PRODUCT_LABELS.get(row.product_type or "", row.product_type or ""),
        "product_name": row.product_name or "",
        "amount": _money(row.amount_cents),
        "currency": row.currency,
        "open_date": row.open_date,
        "maturity_date": row.maturity_date,
        "auto_rollover": row.auto_rollover,
    }


def complaint_context(row: Any) -> dict[str, Any]:
    return {
        "id": row.id,
        "reference": f"TS{row.id:06d}",
        "category": row.category,
        "summary": row.summary,
        "channel": row.channel,
        "received_on": row.received_on,
        "due_date": row.due_date,
        "status": row.status,
        "resolution": row.resolution,
        "resolved_on": row.resolved_on,
        "root_cause": row.root_cause,
    }


def rm_context(row: Any) -> dict[str, Any] | None:
    if row is None:
        return None
    return {
        "rm_code": row.rm_code,
        "name": row.name,
        "phone": row.phone,
        "email": row.email,
        "branch": row.branch,
    }


def item_context(item: Any, holdings: Sequence[dict[str, Any]]) -> dict[str, Any]:
    by_account = {h["account_id"]: h for h in holdings}
    return {
        "id": item.id,
        "kind": item.kind,
        "due_date": item.due_date,
        "detail": item.detail,
        "account_id": item.account_id,
        "holding": by_account.get(item.account_id) if item.account_id else None,
        "overdue": item.overdue,
    }
