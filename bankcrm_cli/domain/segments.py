"""Customer tiers by AUM, the downgrade delay, and RFM scores (DOMAIN.md "Value and risk")."""

from __future__ import annotations

import calendar
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from bankcrm_cli.domain.catalogue import t, t_or
from bankcrm_cli.domain.errors import UsageError

# (lower bound in yuan, tier), highest first:
# 普通 < 50k ≤ 金卡 < 500k ≤ 白金 < 1M ≤ 钻石 < 6M ≤ 私人银行
DEFAULT_TIERS: tuple[tuple[int, str], ...] = (
    (6_000_000, "私人银行"),
    (1_000_000, "钻石"),
    (500_000, "白金"),
    (50_000, "金卡"),
    (0, "普通"),
)
# Codes for settings keys and scripts, lowest tier first.
TIER_CODES: dict[str, str] = {
    "普通": "mass",
    "金卡": "gold",
    "白金": "platinum",
    "钻石": "diamond",
    "私人银行": "private",
}
TIER_NAMES: tuple[str, ...] = tuple(TIER_CODES)


def tier_for(aum_cents: int | None, tiers: Sequence[tuple[int, str]] = DEFAULT_TIERS) -> str | None:
    """The tier an AUM (in cents) falls in; None when the AUM is unknown."""
    if aum_cents is None:
        return None
    for floor_yuan, name in tiers:
        if aum_cents >= floor_yuan * 100:
            return name
    return tiers[-1][1]


@dataclass(frozen=True)
class TierRules:
    """Tier floors (from settings) and how long a customer keeps a tier after falling below it.

    A customer's tier is the tier of the highest AUM they had in the last `downgrade_months`
    months: a rise counts at once, a fall only once it has lasted that long.
    """

    tiers: tuple[tuple[int, str], ...] = DEFAULT_TIERS
    downgrade_months: int = 3

    @classmethod
    def from_floors(
        cls, *, gold: int, platinum: int, diamond: int, private: int, downgrade_months: int
    ) -> TierRules:
        """Rules from floors in yuan; they must rise from tier to tier."""
        floors = [("金卡", gold), ("白金", platinum), ("钻石", diamond), ("私人银行", private)]
        previous = 0
        for name, floor in floors:
            if floor <= previous:
                tier = t_or("tier", name)
                raise UsageError(
                    t("ck.tier_floor", tier=tier, floor=f"{floor:,}", previous=f"{previous:,}")
                )
            previous = floor
        if downgrade_months < 0:
            raise UsageError(t("ck.not_negative", key="segments.downgrade_months"))
        tiers = tuple((floor, name) for name, floor in reversed(floors)) + ((0, "普通"),)
        return cls(tiers=tiers, downgrade_months=downgrade_months)

    def floor_cents(self, name: str) -> int:
        """The lowest AUM (cents) of a tier."""
        for floor_yuan, tier in self.tiers:
            if tier == name:
                return floor_yuan * 100
        raise KeyError(name)

    def next_tier(self, name: str | None) -> str | None:
        """The tier above `name` (None at the top, or for an unknown tier)."""
        if name is None:
            return None
        index = TIER_NAMES.index(name)
        return TIER_NAMES[index + 1] if index + 1 < len(TIER_NAMES) else None

    def window_start(self, day: date) -> date:
        """The day from whose end the AUM counts for the tier held on `day`: a fall on day X
        takes effect `downgrade_months` months later, to the day."""
        return months_before(day, self.downgrade_months)

    def held_tier(self, highest_cents_in_window: int | None) -> str | None:
        """The tier held: that of the highest AUM within the downgrade window."""
        return tier_for(highest_cents_in_window, self.tiers)


def months_before(day: date, months: int) -> date:
    """The same day `months` calendar months earlier (the 31st falls on a shorter month's end)."""
    month_index = day.year * 12 + day.month - 1 - months
    year, month = divmod(month_index, 12)
    month += 1
    last = calendar.monthrange(year, month)[1]
    return date(year, month, min(day.day, last))


def tier_rank(name: str | None) -> int:
    """0 for 普通 up to 4 for 私人银行; -1 when unknown."""
    return TIER_NAMES.index(name) if name in TIER_NAMES else -1


# RFM bands, each scored 1 (weakest) to 5. Recency: days since the customer's last activity
# (a reached contact, a holding opened or changed). Frequency: such events in the last year.
# Monetary: the tier held, 普通 = 1 … 私人银行 = 5. Fixed bands, so a score means the same in
# every store and on every day.
RECENCY_DAYS: tuple[int, ...] = (30, 90, 180, 365)  # within 30 days: 5 … over 365 or never: 1
FREQUENCY_EVENTS: tuple[int, ...] = (1, 2, 4, 8)  # none: 1, one: 2, 2-3: 3, 4-7: 4, 8+: 5


def recency_score(days_since: int | None) -> int:
    if days_since is None:
        return 1
    for score, limit in zip((5, 4, 3, 2), RECENCY_DAYS, strict=True):
        if days_since <= limit:
            return score
    return 1


def frequency_score(events: int) -> int:
    score = 1
    for limit in FREQUENCY_EVENTS:
        if events >= limit:
            score += 1
    return score


def monetary_score(tier: str | None) -> int:
    return max(tier_rank(tier), 0) + 1
