"""Opportunities: cross-sell at maturities and up-sell near the next tier, for an RM to act on."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta, tzinfo

from sqlalchemy import Engine, or_, select

from bankcrm_cli.domain.fields import CONSENT_CHANNELS
from bankcrm_cli.domain.opportunities import (
    KINDS,
    OpportunityRules,
    maturity_offer,
    near_floor_cents,
    next_tier_gap,
)
from bankcrm_cli.domain.products import PRODUCT_LABELS
from bankcrm_cli.domain.segments import TierRules
from bankcrm_cli.services.analytics.segments import customer_filters, held_aum, held_peaks, window
from bankcrm_cli.store.tables import customers_table, holdings_table


@dataclass(frozen=True)
class Opportunity:
    kind: str
    customer_id: str
    name: str
    rm_code: str | None
    branch: str | None
    tier: str | None
    aum_cents: int | None
    # The maturity that makes the opportunity (None for a tier up-sell).
    account_id: str | None
    product_type: str | None
    amount_cents: int | None
    currency: str | None
    due_date: date | None
    # For a tier up-sell: the tier within reach and how much more it takes.
    next_tier: str | None
    gap_cents: int | None
    suggestion: str
    refused_channels: tuple[str, ...]


def _refused(row) -> tuple[str, ...]:
    return tuple(ch for ch in CONSENT_CHANNELS if getattr(row, f"consent_{ch}") is False)


def _yuan(cents: int | None, currency: str | None = "CNY") -> str:
    if cents is None:
        return "an unknown amount"
    from bankcrm_cli.domain.money import format_cents

    return format_cents(cents, currency)


_SUGGESTIONS = {
    "wealth_for_maturity": "offer a wealth product (理财) before the {product} of {amount} "
    "matures on {due}",
    "insurance_for_installment": "零存整取 of {amount} matures on {due}: offer insurance (保险)",
}


def opportunities_on(
    engine: Engine,
    day: date,
    rules: OpportunityRules,
    tiers: TierRules,
    zone: tzinfo,
    *,
    rm_code: str | None = None,
    branch: str | None = None,
) -> list[Opportunity]:
    """Opportunities on `day`: maturities in the next `rules.days` days, then tier up-sells."""
    c = customers_table.c
    h = holdings_table.c
    start, end = window(day, tiers, zone)
    held = held_peaks(start, end)
    consent = [c[f"consent_{ch}"] for ch in CONSENT_CHANNELS]
    who = [c.customer_id, c.name, c.rm_code, c.branch, c.aum_cents, held_aum(held).label("held")]
    filters = customer_filters(rm_code, branch)
    last = day + timedelta(days=rules.days)
    maturing = (
        select(
            *who,
            *consent,
            h.account_id,
            h.product_type,
            h.amount_cents,
            h.currency,
            h.maturity_date,
        )
        .select_from(holdings_table)
        .join(customers_table, c.customer_id == h.customer_id)
        .outerjoin(held, held.c.customer_id == c.customer_id)
        .where(
            h.maturity_date.between(day, last),
            h.product_type.in_(("time_deposit", "large_cd", "installment_savings")),
            *filters,
        )
    )
    found: list[Opportunity] = []
    with engine.connect() as conn:
        rows = conn.execute(maturing).all()
        held_types = _product_types(conn, sorted({row.customer_id for row in rows}))
        for row in rows:
            kind = maturity_offer(row.product_type, held_types.get(row.customer_id, set()))
            if kind is None:
                continue
            text = _SUGGESTIONS[kind].format(
                product=PRODUCT_LABELS.get(row.product_type, row.product_type),
                amount=_yuan(row.amount_cents, row.currency),
                due=row.maturity_date.isoformat(),
            )
            found.append(_opportunity(kind, row, tiers, text, maturity=row))
        found += _tier_upsells(conn, who, consent, held, filters, rules, tiers)
    order = {kind: i for i, kind in enumerate(KINDS)}
    found.sort(
        key=lambda o: (
            order[o.kind],
            o.due_date or day,
            o.gap_cents if o.gap_cents is not None else 0,
            o.customer_id,
            o.account_id or "",
        )
    )
    return found


def _opportunity(kind, row, tiers: TierRules, text: str, *, maturity=None, gap=None):
    return Opportunity(
        kind=kind,
        customer_id=row.customer_id,
        name=row.name,
        rm_code=row.rm_code,
        branch=row.branch,
        tier=tiers.held_tier(row.held),
        aum_cents=row.aum_cents,
        account_id=maturity.account_id if maturity else None,
        product_type=maturity.product_type if maturity else None,
        amount_cents=maturity.amount_cents if maturity else None,
        currency=maturity.currency if maturity else None,
        due_date=maturity.maturity_date if maturity else None,
        next_tier=gap.tier if gap else None,
        gap_cents=gap.gap_cents if gap else None,
        suggestion=text,
        refused_channels=_refused(row),
    )


def _product_types(conn, customer_ids: list[str]) -> dict[str, set[str]]:
    h = holdings_table.c
    held: dict[str, set[str]] = {}
    for offset in range(0, len(customer_ids), 900):
        chunk = customer_ids[offset : offset + 900]
        query = select(h.customer_id, h.product_type).where(h.customer_id.in_(chunk)).distinct()
        for customer_id, product_type in conn.execute(query):
            held.setdefault(customer_id, set()).add(product_type)
    return held


def _tier_upsells(conn, who, consent, held, filters, rules, tiers) -> list[Opportunity]:
    c = customers_table.c
    bands = [
        c.aum_cents.between(near_floor_cents(floor * 100, rules.near_tier_pct), floor * 100 - 1)
        for floor, _ in tiers.tiers[:-1]
    ]
    query = (
        select(*who, *consent)
        .select_from(customers_table)
        .outerjoin(held, held.c.customer_id == c.customer_id)
        .where(or_(*bands), *filters)
    )
    found = []
    for row in conn.execute(query):
        gap = next_tier_gap(row.aum_cents, tiers.held_tier(row.held), tiers, rules.near_tier_pct)
        if gap is None:
            continue
        text = f"{_yuan(gap.gap_cents)} more makes {gap.tier} (floor {_yuan(gap.floor_cents)})"
        found.append(_opportunity("next_tier", row, tiers, text, gap=gap))
    return found
