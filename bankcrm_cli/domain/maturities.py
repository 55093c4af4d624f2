"""When a maturing holding shows as a follow-up: from its lead days before through maturity."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date, timedelta

DEFAULT_LEAD_DAYS = 7


def _check_lead(lead_days: int) -> None:
    if lead_days < 0:
        raise ValueError(f"a maturity lead must be 0 days or more, not {lead_days}")


def maturity_shows(maturity: date, days: Sequence[date], lead_days: int) -> bool:
    """Whether a holding maturing on `maturity` shows on a run covering `days`."""
    _check_lead(lead_days)
    first_shown = maturity - timedelta(days=lead_days)
    # Gone after the maturity date: an unrolled payout is a churn signal, not a reminder.
    return any(first_shown <= day <= maturity for day in days)


def maturity_query_range(days: Sequence[date], max_lead_days: int) -> tuple[date, date]:
    """The first and last maturity dates a run covering `days` may show, for the store to fetch."""
    _check_lead(max_lead_days)
    if not days:
        raise ValueError("a run covers at least one day")
    return min(days), max(days) + timedelta(days=max_lead_days)


def lead_for(
    product_type: str | None, leads: Mapping[str, int], default: int = DEFAULT_LEAD_DAYS
) -> int:
    """The lead in days for a product type: its own setting, else the default."""
    if product_type is None:
        return default
    return leads.get(product_type, default)
