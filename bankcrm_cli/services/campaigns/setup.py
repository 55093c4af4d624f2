"""A campaign's life: create, list, show, close; and finding one by name."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import Connection, Engine, Row

from bankcrm_cli.domain import campaigns as rules
from bankcrm_cli.domain.catalogue import t
from bankcrm_cli.domain.errors import NotFound, Refused, UsageError
from bankcrm_cli.services.customers import history
from bankcrm_cli.store.engine import write_transaction
from bankcrm_cli.store.queries import campaigns as queries


@dataclass(frozen=True)
class CampaignSpec:
    """What `crm campaigns create` asks for."""

    name: str
    title: str
    purpose: str = "marketing"
    product_types: tuple[str, ...] = ()
    channels: tuple[str, ...] = ("phone",)
    start: date | None = None
    end: date | None = None
    window_days: int = rules.DEFAULT_WINDOW_DAYS
    holdout_pct: float = rules.DEFAULT_HOLDOUT_PCT
    capacity: int | None = None
    event_date: date | None = None
    calls_per_day: int = rules.DEFAULT_CALLS_PER_DAY


@dataclass(frozen=True)
class CampaignView:
    id: int
    name: str
    title: str
    purpose: str
    product_types: tuple[str, ...]
    channels: tuple[str, ...]
    start: date | None
    end: date | None
    window_days: int
    holdout_pct: float
    capacity: int | None
    event_date: date | None
    calls_per_day: int
    status: str
    members: int
    holdout_members: int
    created_at: datetime


def _split(text: str) -> tuple[str, ...]:
    return tuple(part for part in text.split(",") if part)


def view_of(row: Row, members: int = 0, holdout_members: int = 0) -> CampaignView:
    return CampaignView(
        id=row.id,
        name=row.name,
        title=row.title,
        purpose=row.purpose,
        product_types=_split(row.product_types),
        channels=_split(row.channels),
        start=row.start_date,
        end=row.end_date,
        window_days=row.window_days,
        holdout_pct=row.holdout_bp / 100,
        capacity=row.capacity,
        event_date=row.event_date,
        calls_per_day=row.calls_per_day,
        status=row.status,
        members=members,
        holdout_members=holdout_members,
        created_at=row.created_at,
    )


def require_campaign(conn: Connection, name: str) -> Row:
    row = queries.campaign_by_name(conn, name)
    if row is None:
        raise NotFound(t("camp.err.none", name=repr(name)))
    return row


def _checked(spec: CampaignSpec) -> None:
    if not spec.name.strip() or len(spec.name) > 200 or "," in spec.name:
        raise UsageError(t("camp.err.name"))
    if spec.purpose not in rules.PURPOSES:
        raise UsageError(t("err.one_of", option="--purpose", choices=", ".join(rules.PURPOSES)))
    bad = [c for c in spec.channels if c not in rules.CHANNELS]
    if bad or not spec.channels:
        raise UsageError(t("camp.err.channels", choices=", ".join(rules.CHANNELS)))
    if any("," in p or not p.strip() for p in spec.product_types):
        raise UsageError(t("camp.err.product_type"))
    if spec.purpose == "marketing" and not spec.product_types:
        raise UsageError(t("camp.err.needs_product"))
    if not 1 <= spec.window_days <= 3660:
        raise UsageError(t("camp.err.window", most=3660))
    if spec.start and spec.end and spec.end < spec.start:
        raise UsageError(t("camp.err.end_before_start", end=spec.end, start=spec.start))
    if spec.capacity is not None and spec.capacity < 1:
        raise UsageError(t("camp.err.at_least_one", option="--capacity"))
    if spec.calls_per_day < 1:
        raise UsageError(t("camp.err.at_least_one", option="--calls-per-day"))


def create_campaign(
    engine: Engine, spec: CampaignSpec, *, actor: str, draw_key: str | None = None
) -> CampaignView:
    """Make a campaign with its own random key for the holdout draw (`draw_key`: a fixed one,
    for the sample bank)."""
    _checked(spec)
    share = rules.holdout_bp(spec.holdout_pct)
    with write_transaction(engine) as conn:
        if queries.campaign_by_name(conn, spec.name) is not None:
            raise Refused(t("camp.err.exists", name=repr(spec.name)))
        values = {
            "name": spec.name,
            "title": spec.title,
            "purpose": spec.purpose,
            "product_types": ",".join(dict.fromkeys(spec.product_types)),
            "channels": ",".join(dict.fromkeys(spec.channels)),
            "start_date": spec.start,
            "end_date": spec.end,
            "window_days": spec.window_days,
            "holdout_bp": share,
            "capacity": spec.capacity,
            "event_date": spec.event_date,
            "calls_per_day": spec.calls_per_day,
            "draw_key": draw_key or rules.new_draw_key(),
            "status": "active",
            "actor": actor,
            "created_at": history.now(),
        }
        queries.insert_campaign(conn, values)
        return view_of(require_campaign(conn, spec.name))


def list_campaigns(engine: Engine, *, active_only: bool = False) -> list[CampaignView]:
    with engine.connect() as conn:
        rows = queries.campaign_rows(conn, active_only=active_only)
    return [view_of(row, row.members, int(row.holdout_members)) for row in rows]


def show_campaign(engine: Engine, name: str) -> CampaignView:
    for view in list_campaigns(engine):
        if view.name == name:
            return view
    raise NotFound(t("camp.err.none", name=repr(name)))


def close_campaign(engine: Engine, name: str, *, actor: str) -> CampaignView:
    """Close a campaign: no more targets, calls or mail; its report stays."""
    with write_transaction(engine) as conn:
        row = require_campaign(conn, name)
        if row.status == "closed":
            raise Refused(t("camp.err.closed_already", name=repr(name)))
        queries.close_campaign(conn, row.id, history.now())
    return show_campaign(engine, name)


def require_open(row: Row) -> None:
    if row.status != "active":
        raise Refused(t("camp.err.closed", name=repr(row.name)))
