"""What campaigns read and write: the campaigns, and targeting as one set-based statement.

Targeting a hundred thousand customers is one INSERT … SELECT: the customers the filters
choose, minus those already members, each with the holdout side the keyed draw gives it,
computed by the database (SQLite: a deterministic function registered on the connection;
PostgreSQL: HMAC-SHA256 from its built-in sha256, no extension needed).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import (
    BigInteger,
    ColumnElement,
    Connection,
    LargeBinary,
    Row,
    Select,
    String,
    and_,
    bindparam,
    case,
    cast,
    exists,
    false,
    func,
    literal,
    select,
    true,
    update,
)

from bankcrm_cli.domain.campaigns import (
    CONSENT_OF_CHANNEL,
    DRAW_BITS,
    DRAW_HEX_DIGITS,
    draw_number_bits,
    hmac_pads,
)
from bankcrm_cli.store.fast_reads import values_table
from bankcrm_cli.store.tables import (
    campaign_member_events_table,
    campaign_members_table,
    campaigns_table,
    customer_aliases_table,
    customers_table,
    holdings_table,
)

_k = campaigns_table.c
_m = campaign_members_table.c
_e = campaign_member_events_table.c
_c = customers_table.c
_h = holdings_table.c


def insert_campaign(conn: Connection, values: dict[str, Any]) -> int:
    return conn.execute(campaigns_table.insert(), values).inserted_primary_key[0]


def campaign_by_name(conn: Connection, name: str) -> Row | None:
    return conn.execute(select(campaigns_table).where(_k.name == name)).first()


def campaign_rows(conn: Connection, *, active_only: bool = False) -> list[Row]:
    """Campaigns with their member and holdout counts, newest first."""
    counts = (
        select(
            _m.campaign_id,
            func.count().label("members"),
            func.sum(case((_m.holdout.is_(true()), 1), else_=0)).label("holdout"),
        )
        .group_by(_m.campaign_id)
        .subquery()
    )
    query = (
        select(
            campaigns_table,
            func.coalesce(counts.c.members, 0).label("members"),
            func.coalesce(counts.c.holdout, 0).label("holdout_members"),
        )
        .outerjoin(counts, counts.c.campaign_id == _k.id)
        .order_by(_k.created_at.desc(), _k.id.desc())
    )
    if active_only:
        query = query.where(_k.status == "active")
    return conn.execute(query).fetchall()


def close_campaign(conn: Connection, campaign_id: int, at: datetime) -> None:
    conn.execute(
        update(campaigns_table).where(_k.id == campaign_id).values(status="closed", closed_at=at)
    )


# --- targeting ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class TargetQuery:
    """The filters of `crm campaigns target`, as the store applies them (money in cents)."""

    rm_code: str | None = None
    branch: str | None = None
    holds: tuple[str, ...] = ()
    lacks: tuple[str, ...] = ()
    maturing: tuple[date, date] | None = None
    maturing_type: str | None = None
    aum_min_cents: int | None = None
    aum_max_cents: int | None = None
    # Born on or before / after these days (from --age-min / --age-max).
    born_by: date | None = None
    born_after: date | None = None
    customer_ids: tuple[str, ...] | None = None


def _holding_exists(*conditions: ColumnElement) -> ColumnElement:
    return exists().where(_h.customer_id == _c.customer_id, *conditions)


def _filters(conn: Connection, q: TargetQuery) -> list[ColumnElement]:
    where: list[ColumnElement] = []
    if q.rm_code:
        where.append(_c.rm_code == q.rm_code)
    if q.branch:
        where.append(_c.branch == q.branch)
    for product in q.holds:
        where.append(_holding_exists(_h.product_type == product))
    for product in q.lacks:
        where.append(~_holding_exists(_h.product_type == product))
    if q.maturing is not None:
        due = [_h.maturity_date.between(*q.maturing)]
        if q.maturing_type:
            due.append(_h.product_type == q.maturing_type)
        where.append(_holding_exists(*due))
    if q.aum_min_cents is not None:
        where.append(_c.aum_cents >= q.aum_min_cents)
    if q.aum_max_cents is not None:
        where.append(_c.aum_cents <= q.aum_max_cents)
    if q.born_by is not None:
        where.append(_c.birth_date <= q.born_by)
    if q.born_after is not None:
        where.append(_c.birth_date > q.born_after)
    if q.customer_ids is not None:
        listed = values_table(conn, q.customer_ids, String())
        where.append(_c.customer_id.in_(select(listed.c.value)))
    return where


def resolve_aliases(conn: Connection, customer_ids: Sequence[str]) -> list[str]:
    """Customer numbers with merged-away ones replaced by their survivor, in order, once each."""
    a = customer_aliases_table.c
    listed = values_table(conn, customer_ids, String())
    rows = conn.execute(
        select(a.alias_id, a.customer_id).where(a.alias_id.in_(select(listed.c.value)))
    )
    survivors = dict(rows.fetchall())
    return list(dict.fromkeys(survivors.get(cid, cid) for cid in customer_ids))


def known_customers(conn: Connection, customer_ids: Sequence[str]) -> set[str]:
    listed = values_table(conn, customer_ids, String())
    query = select(_c.customer_id).where(_c.customer_id.in_(select(listed.c.value)))
    return set(conn.execute(query).scalars())


def _refused_all(channels: Sequence[str]) -> ColumnElement:
    return and_(*(_c[CONSENT_OF_CHANNEL[ch]].is_(false()) for ch in channels))


def _is_member(campaign_id: int) -> ColumnElement:
    return exists().where(_m.campaign_id == campaign_id, _m.customer_id == _c.customer_id)


def chosen_customers(
    conn: Connection, q: TargetQuery, campaign_id: int, refusing: Sequence[str] | None
) -> Select:
    """The customers the filters choose who are not members yet (and, when `refusing` names
    channels, did not refuse them all)."""
    query = select(_c.customer_id).where(*_filters(conn, q), ~_is_member(campaign_id))
    if refusing:
        query = query.where(~_refused_all(refusing))
    return query


def count_choice(conn: Connection, q: TargetQuery, campaign_id: int) -> tuple[int, int]:
    """How many customers the filters choose: all, and those already members."""
    member = func.sum(case((_is_member(campaign_id), 1), else_=0))
    row = conn.execute(select(func.count(), member).where(*_filters(conn, q))).one()
    return row[0], int(row[1] or 0)


def refusing_customers(
    conn: Connection, q: TargetQuery, campaign_id: int, channels: Sequence[str]
) -> list[str]:
    """Chosen non-members who refused every one of `channels`, by customer number."""
    query = (
        select(_c.customer_id)
        .where(*_filters(conn, q), ~_is_member(campaign_id), _refused_all(channels))
        .order_by(_c.customer_id)
    )
    return list(conn.execute(query).scalars())


def preview_rows(conn: Connection, chosen: Select, limit: int) -> list[Row]:
    """The first chosen customers, by AUM (highest first) then number."""
    ids = chosen.subquery()
    query = (
        select(_c.customer_id, _c.name, _c.rm_code, _c.branch, _c.aum_cents)
        .where(_c.customer_id.in_(select(ids.c.customer_id)))
        .order_by(_c.aum_cents.desc().nulls_last(), _c.customer_id)
        .limit(limit)
    )
    return conn.execute(query).fetchall()


def _draw_bits(conn: Connection, draw_key: str) -> ColumnElement:
    """The keyed draw's number (its first DRAW_BITS bits) for each customer, in SQL."""
    if conn.dialect.name == "sqlite":
        conn.connection.driver_connection.create_function(
            "crm_draw_bits", 2, draw_number_bits, deterministic=True
        )
        return func.crm_draw_bits(draw_key, _c.customer_id)
    inner_pad, outer_pad = hmac_pads(draw_key)
    inner = func.sha256(
        bindparam(None, inner_pad, LargeBinary, unique=True).op("||")(
            func.convert_to(_c.customer_id, "UTF8")
        )
    )
    outer = func.sha256(bindparam(None, outer_pad, LargeBinary, unique=True).op("||")(inner))
    digits = func.substr(func.encode(outer, "hex"), 1, DRAW_HEX_DIGITS)
    from sqlalchemy.dialects.postgresql import BIT

    return cast(cast(literal("x").op("||")(digits), BIT(DRAW_BITS)), BigInteger)


def insert_members(
    conn: Connection,
    campaign: Row,
    chosen: Select,
    *,
    drawn_at: datetime,
    actor: str,
) -> int:
    """Make the chosen customers members, each on its side of the draw; returns how many.

    The member row is the `targeted` step itself (drawn_at, actor): no event row per member.

    Holdout when bits * 10000 < share_bp * 2**DRAW_BITS: whole numbers, exact everywhere.
    """
    threshold = campaign.holdout_bp * 2**DRAW_BITS
    holdout = (_draw_bits(conn, campaign.draw_key) * 10_000) < threshold
    ids = chosen.subquery()
    source = select(
        literal(campaign.id),
        _c.customer_id,
        holdout if campaign.holdout_bp else false(),
        literal(drawn_at, campaign_members_table.c.drawn_at.type),
        literal("targeted"),
        literal(actor),
        literal(drawn_at, campaign_members_table.c.created_at.type),
    ).where(_c.customer_id.in_(select(ids.c.customer_id)))
    columns = ["campaign_id", "customer_id", "holdout", "drawn_at", "status", "actor"]
    conn.execute(campaign_members_table.insert().from_select([*columns, "created_at"], source))
    added = select(func.count()).where(_m.campaign_id == campaign.id, _m.drawn_at == drawn_at)
    return conn.execute(added).scalar_one()


def holdout_count(conn: Connection, campaign_id: int, drawn_at: datetime) -> int:
    query = select(func.count()).where(
        _m.campaign_id == campaign_id, _m.drawn_at == drawn_at, _m.holdout.is_(true())
    )
    return conn.execute(query).scalar_one()
