"""Cross-sell and up-sell: what to offer whom, from the products a customer holds.

- A deposit (time deposit, large CD) maturing soon, held by a customer with no wealth product
  or fund: offer a wealth product before the money leaves.
- An installment savings plan (零存整取) maturing soon, held by a customer with no insurance:
  the ICBC case, where the maturity call sells insurance.
- An AUM just below the next tier's floor: a little more brings the next tier's service.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass

from bankcrm_cli.domain.catalogue import t
from bankcrm_cli.domain.errors import UsageError
from bankcrm_cli.domain.segments import TierRules, tier_rank

KINDS = ("wealth_for_maturity", "insurance_for_installment", "next_tier")
DEPOSITS = ("time_deposit", "large_cd")
WEALTH = ("wealth", "fund")
INSURANCE = ("insurance",)


@dataclass(frozen=True)
class OpportunityRules:
    days: int = 30
    near_tier_pct: int = 90

    def __post_init__(self) -> None:
        if self.days < 1:
            raise UsageError(t("ck.at_least_1", key="opportunities.days"))
        if not 1 <= self.near_tier_pct <= 99:
            raise UsageError(t("ck.between", key="opportunities.near_tier_pct", low=1, high=99))


def maturity_offer(product_type: str | None, held: Collection[str]) -> str | None:
    """The kind of offer a maturing holding makes, given the product types the customer holds."""
    if product_type in DEPOSITS and not any(p in held for p in WEALTH):
        return "wealth_for_maturity"
    if product_type == "installment_savings" and not any(p in held for p in INSURANCE):
        return "insurance_for_installment"
    return None


@dataclass(frozen=True)
class TierGap:
    tier: str
    floor_cents: int
    gap_cents: int


def next_tier_gap(
    aum_cents: int | None, held_tier: str | None, tiers: TierRules, near_pct: int
) -> TierGap | None:
    """The tier just above the AUM, and how far below its floor the AUM is, when it is near:
    at least `near_pct` % of that floor, and the customer does not hold that tier already."""
    if aum_cents is None:
        return None
    aum_tier = tiers.held_tier(aum_cents)
    above = tiers.next_tier(aum_tier)
    if above is None or tier_rank(held_tier) >= tier_rank(above):
        return None
    floor = tiers.floor_cents(above)
    if aum_cents * 100 < floor * near_pct:
        return None
    return TierGap(tier=above, floor_cents=floor, gap_cents=floor - aum_cents)


def near_floor_cents(floor_cents: int, near_pct: int) -> int:
    """The lowest AUM that counts as near a floor."""
    return -(-floor_cents * near_pct // 100)
