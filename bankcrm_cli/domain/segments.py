"""Customer tiers by AUM (DOMAIN.md "Value and risk")."""

from __future__ import annotations

from collections.abc import Sequence

# (lower bound in yuan, tier), highest first:
# 普通 < 50k ≤ 金卡 < 500k ≤ 白金 < 1M ≤ 钻石 < 6M ≤ 私人银行
DEFAULT_TIERS: tuple[tuple[int, str], ...] = (
    (6_000_000, "私人银行"),
    (1_000_000, "钻石"),
    (500_000, "白金"),
    (50_000, "金卡"),
    (0, "普通"),
)


def tier_for(aum_cents: int | None, tiers: Sequence[tuple[int, str]] = DEFAULT_TIERS) -> str | None:
    """The tier an AUM (in cents) falls in; None when the AUM is unknown."""
    if aum_cents is None:
        return None
    for floor_yuan, name in tiers:
        if aum_cents >= floor_yuan * 100:
            return name
    return tiers[-1][1]
