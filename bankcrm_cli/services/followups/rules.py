"""The settings that shape follow-ups."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class FollowupRules:
    """The settings that shape follow-ups."""

    pull_forward: bool = True
    feb29: str = "feb28"
    lead_days: int = 7
    product_leads: dict[str, int] = field(default_factory=dict)

    @classmethod
    def from_settings(cls, settings) -> FollowupRules:
        return cls(
            pull_forward=settings.get("followups.pull_forward"),
            feb29=settings.get("followups.feb29"),
            lead_days=settings.get("followups.lead_days"),
            product_leads=settings.product_leads(),
        )
