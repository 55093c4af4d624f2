"""Opportunities: cross-sell at maturities and up-sell near the next tier, for an RM to act on."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta, tzinfo

from sqlalchemy import Engine

from bankcrm_cli.domain.catalogue import t, t_or
from bankcrm_cli.domain.fields import CONSENT_CHANNELS
from bankcrm_cli.domain.opportunities import (
    KINDS,
    OpportunityRules,
    maturity_offer,
    near_floor_cents,
    next_tier_gap,
)
from bankcrm_cli.domain.segments import TierRules
from bankcrm_cli.services.analytics.segments import window
from bankcrm_cli.store.queries import analytics as queries

# Maturities that can make an offer (domain/opportunities.py says which offer).
MATURING_TYPES = ("time_deposit", "large_cd", "installment_savings")


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
    start, end = window(day, tiers, zone)
    scope = (start, end, CONSENT_CHANNELS, rm_code, branch)
    with engine.connect() as conn:
        rows = queries.maturing_holdings(
            conn, day, day + timedelta(days=rules.days), MATURING_TYPES, *scope
        )
        held_types = queries.product_types_held(conn, sorted({row.customer_id for row in rows}))
        found = _maturity_offers(rows, held_types, tiers)
        found += _tier_upsells(conn, scope, rules, tiers)
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


def _maturity_offers(rows, held_types: dict[str, set[str]], tiers: TierRules) -> list[Opportunity]:
    """The cross-sell offers the maturing holdings make."""
    found = []
    for row in rows:
        kind = maturity_offer(row.product_type, held_types.get(row.customer_id, set()))
        if kind is None:
            continue
        text = t(
            f"opp.{kind}",
            product=t_or("product", row.product_type),
            amount=_yuan(row.amount_cents, row.currency),
            due=row.maturity_date.isoformat(),
        )
        found.append(_opportunity(kind, row, tiers, text, maturity=row))
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


def _tier_upsells(conn, scope, rules: OpportunityRules, tiers: TierRules) -> list[Opportunity]:
    bands = [
        (near_floor_cents(floor * 100, rules.near_tier_pct), floor * 100 - 1)
        for floor, _ in tiers.tiers[:-1]
    ]
    found = []
    for row in queries.customers_in_aum_bands(conn, bands, *scope):
        gap = next_tier_gap(row.aum_cents, tiers.held_tier(row.held), tiers, rules.near_tier_pct)
        if gap is None:
            continue
        text = t(
            "opp.next_tier",
            gap=_yuan(gap.gap_cents),
            tier=t_or("tier", gap.tier),
            floor=_yuan(gap.floor_cents),
        )
        found.append(_opportunity("next_tier", row, tiers, text, gap=gap))
    return found
