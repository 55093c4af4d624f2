"""Who a mail merge goes to, and everything a template may say about each of them."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sqlalchemy import Connection, Engine, and_, select

from bankcrm_cli.domain.errors import NotFound, UsageError
from bankcrm_cli.store.tables import (
    complaints_table,
    customers_table,
    holdings_table,
    rms_table,
)

_CHUNK = 500


@dataclass(frozen=True)
class RecipientSource:
    """Exactly one of: today's follow-ups of a kind, named customers, or a tier."""

    followups: str | None = None
    customers: tuple[str, ...] | None = None
    segment: str | None = None

    def __post_init__(self) -> None:
        given = [x for x in (self.followups, self.customers, self.segment) if x is not None]
        if len(given) != 1:
            raise UsageError("give one of --followups KIND, --customers IDS or --segment TIER")

    @property
    def kind(self) -> str:
        if self.followups is not None:
            return "followups"
        return "customers" if self.customers is not None else "segment"


@dataclass
class Recipient:
    """One customer to write to, with the follow-up items that selected them (if any)."""

    customer_id: str
    items: list[Any] = field(default_factory=list)


def _chunks(values: Sequence[str]) -> Iterable[Sequence[str]]:
    for start in range(0, len(values), _CHUNK):
        yield values[start : start + _CHUNK]


def _resolve(conn: Connection, customer_ids: Sequence[str]) -> list[str]:
    """Customer numbers as given, aliases of merged customers followed to the survivor."""
    from bankcrm_cli.services.aliases import alias_map

    survivors = alias_map(conn)
    return [survivors.get(cid, cid) for cid in customer_ids]


def select_recipients(
    engine: Engine,
    source: RecipientSource,
    *,
    day: date,
    rules,
    rm_code: str | None,
    tiers: Sequence[tuple[int, str]] | None = None,
) -> list[Recipient]:
    """The recipients in a stable order; unknown customer numbers stop the run."""
    if source.followups is not None:
        from bankcrm_cli.services.followups import followups_on

        found = followups_on(engine, day, rules, rm_code=rm_code, kinds=[source.followups])
        by_customer: dict[str, Recipient] = {}
        for item in found.items:
            by_customer.setdefault(item.customer_id, Recipient(item.customer_id)).items.append(item)
        return list(by_customer.values())
    c = customers_table.c
    with engine.connect() as conn:
        if source.customers is not None:
            wanted = list(dict.fromkeys(_resolve(conn, source.customers)))
            known: dict[str, str | None] = {}
            for chunk in _chunks(wanted):
                rows = conn.execute(
                    select(c.customer_id, c.rm_code).where(c.customer_id.in_(chunk))
                )
                known.update((row.customer_id, row.rm_code) for row in rows)
            missing = [cid for cid in wanted if cid not in known]
            if missing:
                shown = ", ".join(missing[:5]) + (
                    f" and {len(missing) - 5} more" if len(missing) > 5 else ""
                )
                raise NotFound(
                    f"no customer {shown}; nothing was rendered or sent "
                    "(check the numbers with `crm customers search`)"
                )
            return [Recipient(cid) for cid in wanted if rm_code is None or known[cid] == rm_code]
        low, high = _tier_range(source.segment or "", tiers)
        conditions = [c.aum_cents >= low * 100]
        if high is not None:
            conditions.append(c.aum_cents < high * 100)
        if rm_code:
            conditions.append(c.rm_code == rm_code)
        rows = conn.execute(select(c.customer_id).where(and_(*conditions)).order_by(c.customer_id))
        return [Recipient(row.customer_id) for row in rows]


def _tier_range(tier: str, tiers: Sequence[tuple[int, str]] | None) -> tuple[int, int | None]:
    """[low, high) in yuan for a tier name."""
    from bankcrm_cli.domain.segments import DEFAULT_TIERS

    tiers = tiers or DEFAULT_TIERS
    ordered = sorted(tiers, reverse=True)
    for index, (floor_yuan, name) in enumerate(ordered):
        if name == tier:
            return floor_yuan, ordered[index - 1][0] if index else None
    raise UsageError(f"no tier {tier!r}; tiers: {', '.join(name for _, name in ordered)}")


# ---------------------------------------------------------------------------------------------
# What a template sees.


@dataclass(frozen=True)
class CustomerData:
    """The rows behind one recipient, loaded in bulk."""

    customer: Any
    holdings: list[Any]
    complaints: list[Any]
    rm: Any | None


def load_data(engine: Engine, customer_ids: Sequence[str]) -> dict[str, CustomerData]:
    """Customers, their holdings, complaints and RMs, a few queries per 500 customers."""
    c, h, k = customers_table.c, holdings_table.c, complaints_table.c
    data: dict[str, CustomerData] = {}
    with engine.connect() as conn:
        rms = {row.rm_code: row for row in conn.execute(select(rms_table))}
        for chunk in _chunks(list(customer_ids)):
            customers = {
                row.customer_id: row
                for row in conn.execute(select(customers_table).where(c.customer_id.in_(chunk)))
            }
            holdings: dict[str, list] = {}
            for row in conn.execute(
                select(holdings_table)
                .where(h.customer_id.in_(chunk))
                .order_by(h.customer_id, h.maturity_date, h.account_id)
            ):
                holdings.setdefault(row.customer_id, []).append(row)
            complaints: dict[str, list] = {}
            for row in conn.execute(
                select(complaints_table)
                .where(k.customer_id.in_(chunk))
                .order_by(k.customer_id, k.received_at.desc(), k.id.desc())
            ):
                complaints.setdefault(row.customer_id, []).append(row)
            for cid, row in customers.items():
                data[cid] = CustomerData(
                    customer=row,
                    holdings=holdings.get(cid, []),
                    complaints=complaints.get(cid, []),
                    rm=rms.get(row.rm_code) if row.rm_code else None,
                )
    return data


def _money(cents: int | None):
    from bankcrm_cli.services.customers import cents_to_decimal

    return cents_to_decimal(cents)


def customer_context(row, tiers=None) -> dict[str, Any]:
    from bankcrm_cli.domain.masking import mask_id, mask_phone
    from bankcrm_cli.domain.names import salutation, surname
    from bankcrm_cli.domain.segments import DEFAULT_TIERS, tier_for

    title = {"M": "先生", "F": "女士"}.get(row.gender or "", "")
    return {
        "customer_id": row.customer_id,
        "name": row.name,
        "surname": surname(row.name),
        "title": title,
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


def holding_context(row) -> dict[str, Any]:
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


def complaint_context(row) -> dict[str, Any]:
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


def rm_context(row) -> dict[str, Any] | None:
    if row is None:
        return None
    return {
        "rm_code": row.rm_code,
        "name": row.name,
        "phone": row.phone,
        "email": row.email,
        "branch": row.branch,
    }


def item_context(item, holdings: Sequence[dict[str, Any]]) -> dict[str, Any]:
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


def complaint_of(recipient: Recipient, data: CustomerData, *, resolved: bool = False) -> Any | None:
    """The complaint a letter is about: the follow-up's, else the customer's latest (resolved)."""
    candidates = [row for row in data.complaints if row.resolution or not resolved]
    for item in recipient.items:
        if item.kind == "complaint":
            wanted = int(item.id.split(":", 1)[1])
            for row in candidates:
                if row.id == wanted:
                    return row
    return candidates[0] if candidates else None
