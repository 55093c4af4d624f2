"""Churn risk: the signals that a customer may be leaving, and a score to rank them by.

Signals (DOMAIN.md "Value and risk"): AUM falling by `drop_pct` % or more over `drop_days`
days; maturities paid out rather than rolled over; no reached contact for longer than the
tier's cadence; no activity at all for `inactive_days` days. A signal needs evidence: a
customer the store has known for less than the period cannot be flagged for silence.

The score (0-100) adds each signal's points:

- AUM drop: 30 + 40 x the fraction lost (a 30 % fall scores 42, losing everything 70);
- paid out: 25 for the first maturity, 10 more for each further one, at most 45;
- no contact: 15, or 25 when the silence is at least twice the cadence;
- inactive: 20.

Ties rank by AUM, larger first: there is more to lose.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date

from bankcrm_cli.domain.catalogue import t
from bankcrm_cli.domain.errors import UsageError
from bankcrm_cli.domain.money import format_cents

REASONS = ("aum_drop", "paid_out", "no_contact", "inactive")
# Days between reached contacts an RM should keep, per tier (settings churn.cadence_days.*).
DEFAULT_CADENCE_DAYS: dict[str, int] = {
    "普通": 365,
    "金卡": 180,
    "白金": 90,
    "钻石": 60,
    "私人银行": 30,
}
MAX_SCORE = 100
# The points of each signal (the store ranks by the same numbers: services/analytics/churn.py).
DROP_BASE = 30
DROP_PER_SHARE = 40
PAYOUT_FIRST = 25
PAYOUT_EACH_MORE = 10
PAYOUT_MAX = 45
SILENT = 15
SILENT_TWICE = 25
INACTIVE = 20


@dataclass(frozen=True)
class ChurnRules:
    drop_pct: int = 30
    drop_days: int = 90
    payout_days: int = 90
    inactive_days: int = 180
    cadence_days: Mapping[str, int] = field(default_factory=lambda: dict(DEFAULT_CADENCE_DAYS))

    def __post_init__(self) -> None:
        if not 1 <= self.drop_pct <= 100:
            raise UsageError(t("ck.between", key="churn.drop_pct", low=1, high=100))
        for name in ("drop_days", "payout_days", "inactive_days"):
            if getattr(self, name) < 1:
                raise UsageError(t("ck.at_least_1", key=f"churn.{name}"))
        if any(days < 1 for days in self.cadence_days.values()):
            raise UsageError(t("ck.at_least_1", key="churn.cadence_days.*"))

    def cadence_for(self, tier: str | None) -> int:
        """The contact cadence of a tier; an unknown AUM gets the lowest tier's."""
        if tier in self.cadence_days:
            return self.cadence_days[tier]
        return self.cadence_days.get("普通", max(self.cadence_days.values()))


@dataclass(frozen=True)
class Payout:
    """A maturity that was paid out (or left to lapse) instead of rolled over."""

    account_id: str
    product_type: str | None
    amount_cents: int | None
    currency: str
    maturity_date: date


@dataclass(frozen=True)
class ChurnFacts:
    """What the store knows about one customer on one day."""

    tier: str | None
    known_since: date
    # Holdings total (assets, not loans) at the start of the drop window and on the day;
    # None when no holding of the customer changed in the window.
    aum_before_cents: int | None = None
    aum_after_cents: int | None = None
    payouts: tuple[Payout, ...] = ()
    last_contact: date | None = None
    # The latest activity (reached contact, holding opened or changed, complaint) the store
    # has; a store may report only activity in the inactivity window, None if there is none.
    last_activity: date | None = None


@dataclass(frozen=True)
class Reason:
    code: str
    points: int
    detail: str


def drop_fraction(before: int | None, after: int | None) -> float | None:
    """The share of AUM lost (0.4 = down 40 %); None without a positive starting value."""
    if before is None or after is None or before <= 0:
        return None
    return max(0.0, (before - after) / before)


def _yuan(cents: int) -> str:
    return format_cents(cents, places=0)


def drop_points(before: int, after: int) -> int:
    """Points for an AUM drop: the base, plus the share lost times 40, rounded half up."""
    return DROP_BASE + int(DROP_PER_SHARE * (before - after) / before + 0.5)


def payout_points(count: int) -> int:
    return min(PAYOUT_MAX, PAYOUT_FIRST + PAYOUT_EACH_MORE * (count - 1))


def reasons_for(facts: ChurnFacts, day: date, rules: ChurnRules) -> list[Reason]:
    """The signals that hold for this customer on `day`, each with its points."""
    found: list[Reason] = []
    before, after = facts.aum_before_cents, facts.aum_after_cents
    drop = drop_fraction(before, after)
    if drop is not None and (before - after) * 100 >= rules.drop_pct * before:
        found.append(
            Reason(
                "aum_drop",
                drop_points(before, after),
                t(
                    "churn.why.aum_drop",
                    drop=f"{drop:.0%}",
                    days=rules.drop_days,
                    before=_yuan(before),
                    after=_yuan(after),
                ),
            )
        )
    if facts.payouts:
        count = len(facts.payouts)
        latest = max(p.maturity_date for p in facts.payouts)
        found.append(
            Reason(
                "paid_out",
                payout_points(count),
                t("churn.why.paid_out", count=count, latest=latest.isoformat()),
            )
        )
    cadence = rules.cadence_for(facts.tier)
    silent_since = facts.last_contact or facts.known_since
    silence = (day - silent_since).days
    if silence > cadence:
        since = (
            t("churn.why.last_reached", day=facts.last_contact.isoformat())
            if facts.last_contact
            else t("churn.why.never_reached", day=facts.known_since.isoformat())
        )
        found.append(
            Reason(
                "no_contact",
                SILENT_TWICE if silence >= 2 * cadence else SILENT,
                t("churn.why.no_contact", silence=silence, cadence=cadence, since=since),
            )
        )
    idle_since = max(facts.last_activity or facts.known_since, facts.known_since)
    if (day - idle_since).days >= rules.inactive_days:
        found.append(
            Reason(
                "inactive",
                INACTIVE,
                t("churn.why.inactive", days=rules.inactive_days),
            )
        )
    return found


def score(reasons: list[Reason]) -> int:
    """The churn score: the reasons' points, capped at 100."""
    return min(MAX_SCORE, sum(reason.points for reason in reasons))
