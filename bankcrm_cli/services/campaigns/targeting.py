"""`crm campaigns target`: add the customers the filters choose, each drawn into a group once.

The whole choice is one statement in the store (store/queries/campaigns.py): a hundred
thousand members are added without a row passing through Python.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING

from sqlalchemy import Connection, Engine, Row

from bankcrm_cli.domain.catalogue import t, t_or
from bankcrm_cli.domain.errors import NotFound, UsageError
from bankcrm_cli.services.campaigns.setup import require_campaign, require_open
from bankcrm_cli.services.customers import history
from bankcrm_cli.store.engine import write_transaction
from bankcrm_cli.store.queries import campaigns as queries

if TYPE_CHECKING:
    from bankcrm_cli.settings import Settings

PREVIEW_ROWS = 10


@dataclass(frozen=True)
class TargetFilters:
    """The filters as given (money in yuan, ages in years); any mix, all must hold."""

    segment: str | None = None
    rm_code: str | None = None
    branch: str | None = None
    holds: tuple[str, ...] = ()
    lacks: tuple[str, ...] = ()
    maturing_within: int | None = None
    maturing_type: str | None = None
    aum_min: float | None = None
    aum_max: float | None = None
    age_min: int | None = None
    age_max: int | None = None
    opportunities: tuple[str, ...] = ()
    customers: tuple[str, ...] | None = None

    def given(self) -> bool:
        return any(
            value not in (None, ())
            for value in (
                self.segment,
                self.rm_code,
                self.branch,
                self.holds,
                self.lacks,
                self.maturing_within,
                self.aum_min,
                self.aum_max,
                self.age_min,
                self.age_max,
                self.opportunities,
                self.customers,
            )
        )


@dataclass(frozen=True)
class Skip:
    customer_id: str
    reason: str


@dataclass
class TargetResult:
    campaign: str
    chosen: int
    already: int
    added: int = 0
    holdout: int = 0
    dry_run: bool = False
    skipped: list[Skip] = field(default_factory=list)
    preview: list[Row] = field(default_factory=list)


def _years_before(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February
        return day.replace(year=day.year - years, day=28)


def _tier_cents(settings: Settings, tier: str) -> tuple[int, int | None]:
    from bankcrm_cli.settings import tier_rules

    ordered = sorted(tier_rules(settings).tiers, reverse=True)
    for index, (floor_yuan, name) in enumerate(ordered):
        if name == tier:
            high = ordered[index - 1][0] * 100 - 1 if index else None
            return floor_yuan * 100, high
    raise UsageError(
        t("camp.err.no_tier", tier=repr(tier), tiers=", ".join(name for _, name in ordered))
    )


def _opportunity_ids(engine: Engine, settings: Settings, kinds: tuple[str, ...], day: date):
    from zoneinfo import ZoneInfo

    from bankcrm_cli.services.analytics.opportunities import opportunities_on
    from bankcrm_cli.settings import opportunity_rules, tier_rules

    zone = ZoneInfo(settings.timezone)
    found = opportunities_on(engine, day, opportunity_rules(settings), tier_rules(settings), zone)
    return tuple(dict.fromkeys(o.customer_id for o in found if o.kind in kinds))


def _store_filters(
    conn: Connection, f: TargetFilters, settings: Settings, today: date, ids
) -> queries.TargetQuery:
    low = high = None
    if f.segment is not None:
        low, high = _tier_cents(settings, f.segment)
    if f.aum_min is not None:
        low = max(low or 0, round(f.aum_min * 100))
    if f.aum_max is not None:
        cap = round(f.aum_max * 100)
        high = cap if high is None else min(high, cap)
    if f.maturing_within is not None and f.maturing_within < 0:
        raise UsageError(t("camp.err.maturing_within"))
    return queries.TargetQuery(
        rm_code=f.rm_code,
        branch=f.branch,
        holds=f.holds,
        lacks=f.lacks,
        maturing=(
            (today, today + timedelta(days=f.maturing_within))
            if f.maturing_within is not None
            else None
        ),
        maturing_type=f.maturing_type,
        aum_min_cents=low,
        aum_max_cents=high,
        born_by=_years_before(today, f.age_min) if f.age_min is not None else None,
        born_after=_years_before(today, f.age_max + 1) if f.age_max is not None else None,
        customer_ids=ids,
    )


def _named(conn: Connection, f: TargetFilters, opportunity_ids) -> tuple[str, ...] | None:
    """The customers named by --customers (survivors of merged-away numbers) and found by
    --opportunities; None when neither was given. Unknown numbers stop the run."""
    ids = None
    if f.customers is not None:
        ids = queries.resolve_aliases(conn, f.customers)
        known = queries.known_customers(conn, ids)
        missing = [cid for cid in ids if cid not in known]
        if missing:
            more = (
                t("camp.err.no_customers.more", count=len(missing) - 5) if len(missing) > 5 else ""
            )
            raise NotFound(t("camp.err.no_customers", ids=", ".join(missing[:5]), more=more))
    if opportunity_ids is not None:
        wanted = set(opportunity_ids)
        ids = opportunity_ids if ids is None else [i for i in ids if i in wanted]
    return None if ids is None else tuple(ids)


def target_campaign(
    engine: Engine,
    settings: Settings,
    name: str,
    filters: TargetFilters,
    *,
    actor: str,
    today: date,
    dry_run: bool = False,
    drawn_at: datetime | None = None,
) -> TargetResult:
    """Add the chosen customers who are not members yet; with `dry_run`, only count them.
    `drawn_at` (default: now) is when they were drawn, for the sample bank's past campaigns."""
    if not filters.given():
        raise UsageError(t("camp.err.no_filter"))
    opportunity_ids = None
    if filters.opportunities:
        opportunity_ids = _opportunity_ids(engine, settings, filters.opportunities, today)
    with write_transaction(engine) as conn:
        campaign = require_campaign(conn, name)
        require_open(campaign)
        ids = _named(conn, filters, opportunity_ids)
        query = _store_filters(conn, filters, settings, today, ids)
        chosen, already = queries.count_choice(conn, query, campaign.id)
        result = TargetResult(campaign=name, chosen=chosen, already=already, dry_run=dry_run)
        channels = campaign.channels.split(",") if campaign.purpose == "marketing" else []
        if channels:
            refusing = queries.refusing_customers(conn, query, campaign.id, channels)
            shown = t("camp.join").join(t_or("channel", c) for c in channels)
            reason = t("camp.skip.refused_all", channels=shown)
            result.skipped = [Skip(cid, reason) for cid in refusing]
        members = queries.chosen_customers(conn, query, campaign.id, channels)
        if dry_run:
            result.preview = queries.preview_rows(conn, members, PREVIEW_ROWS)
            result.added = chosen - already - len(result.skipped)
            return result
        drawn_at = drawn_at or history.now()
        result.added = queries.insert_members(
            conn, campaign, members, drawn_at=drawn_at, actor=actor
        )
        result.holdout = queries.holdout_count(conn, campaign.id, drawn_at)
    return result
