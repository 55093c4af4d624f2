"""What campaign members read and write: members with their customers, steps, openings."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import Connection, Row, String, func, select, true, type_coerce, update

from bankcrm_cli.store.fast_reads import fetch_rows
from bankcrm_cli.store.tables import (
    campaign_member_events_table,
    campaign_members_table,
    campaigns_table,
    customers_table,
    deliveries_table,
    holdings_table,
)

_k = campaigns_table.c
_m = campaign_members_table.c
_e = campaign_member_events_table.c
_c = customers_table.c
_h = holdings_table.c
_d = deliveries_table.c

# A member as the campaign's reads need it, in this order (MemberView's fields).
_MEMBER_COLUMNS = [
    _m.id,
    _m.customer_id,
    _c.name,
    _c.rm_code,
    _c.branch,
    _c.aum_cents,
    _m.holdout,
    _m.drawn_at,
    _m.status,
    _m.first_contact_at,
    _m.first_channel,
    _m.contacted_by,
    _m.response,
    _m.rsvp,
    _m.rsvp_seq,
    _m.attended,
]
_MOMENTS = (7, 9)  # drawn_at, first_contact_at


def member_rows(conn: Connection, campaign_id: int) -> list[list[Any]]:
    """Every member row of a campaign with its customer's name, RM, branch and AUM, in the
    order of _MEMBER_COLUMNS, the moments as aware UTC datetimes; in no particular order.

    A campaign can have a hundred thousand members: on SQLite they are read as one JSON
    array (`fetch_rows`), the moments as their stored text, each distinct one parsed once.
    """
    columns = list(_MEMBER_COLUMNS)
    sqlite = conn.dialect.name == "sqlite"
    if sqlite:
        for position in _MOMENTS:
            columns[position] = type_coerce(columns[position], String()).label(f"m{position}")
    query = (
        select(*columns)
        .join(customers_table, _c.customer_id == _m.customer_id)
        .where(_m.campaign_id == campaign_id)
    )
    if not sqlite:
        return [list(row) for row in conn.execute(query)]
    rows = fetch_rows(conn, query)
    parsed: dict[str, datetime] = {}
    for row in rows:
        for position in _MOMENTS:
            text = row[position]
            if text is not None:
                moment = parsed.get(text)
                if moment is None:
                    moment = parsed[text] = datetime.fromisoformat(text).replace(tzinfo=UTC)
                row[position] = moment
    return rows


def member_of(conn: Connection, campaign_id: int, customer_id: str) -> list[Row]:
    """A customer's member rows in a campaign (two after a customer merge), oldest first."""
    query = (
        select(campaign_members_table)
        .where(_m.campaign_id == campaign_id, _m.customer_id == customer_id)
        .order_by(_m.id)
    )
    return conn.execute(query).fetchall()


def campaign_name_of_member(conn: Connection, member_id: int) -> str | None:
    """The name of the campaign a member row belongs to (None: no such member)."""
    query = select(_k.name).join(campaign_members_table, _m.campaign_id == _k.id)
    return conn.execute(query.where(_m.id == member_id)).scalar()


def update_member(conn: Connection, member_id: int, values: dict[str, Any]) -> None:
    conn.execute(update(campaign_members_table).where(_m.id == member_id).values(**values))


def insert_event(conn: Connection, values: dict[str, Any]) -> None:
    conn.execute(campaign_member_events_table.insert(), values)


def openings(
    conn: Connection, campaign_id: int, product_types: Sequence[str], since: date
) -> list[Row]:
    """Holdings of the campaign's product types opened on or after `since` by its members'
    customers: customer_id, account_id, product_type, open_date, amount_cents."""
    members = select(_m.customer_id).where(_m.campaign_id == campaign_id).distinct().subquery()
    query = (
        select(_h.customer_id, _h.account_id, _h.product_type, _h.open_date, _h.amount_cents)
        .join(members, members.c.customer_id == _h.customer_id)
        .where(_h.product_type.in_(list(product_types)), _h.open_date >= since)
    )
    return conn.execute(query).fetchall()


def contacts_by_channel(conn: Connection, campaign_id: int) -> list[Row]:
    """Members contacted on each channel (a member counted once a channel) and who made them."""
    query = (
        select(_e.member_id, _e.channel, _e.actor)
        .where(_e.campaign_id == campaign_id, _e.step == "contacted")
        .order_by(_e.id)
    )
    return conn.execute(query).fetchall()


def max_rsvp_seq(conn: Connection, campaign_id: int) -> int:
    query = select(func.max(_m.rsvp_seq)).where(_m.campaign_id == campaign_id)
    return conn.execute(query).scalar() or 0


def accepted_count(conn: Connection, campaign_id: int) -> int:
    query = select(func.count()).where(_m.campaign_id == campaign_id, _m.rsvp == "accepted")
    return conn.execute(query).scalar_one()


def first_waiting(conn: Connection, campaign_id: int) -> Row | None:
    query = (
        select(campaign_members_table)
        .where(_m.campaign_id == campaign_id, _m.rsvp == "waiting")
        .order_by(_m.rsvp_seq)
        .limit(1)
    )
    return conn.execute(query).first()


def delivered_not_marked(conn: Connection, campaign_id: int, run: str, channel: str) -> list[Row]:
    """Members not in the holdout whose delivery of run `run` on `channel` is sent and who
    have no contact on that channel recorded yet."""
    marked = select(_e.member_id).where(
        _e.campaign_id == campaign_id, _e.step == "contacted", _e.channel == channel
    )
    query = (
        select(campaign_members_table, _d.sent_at, _d.actor.label("sent_by"))
        .join(deliveries_table, _d.customer_id == _m.customer_id)
        .where(
            _m.campaign_id == campaign_id,
            _m.holdout.is_not(true()),
            _d.campaign == run,
            _d.channel == channel,
            _d.status == "sent",
            _m.id.not_in(marked),
        )
        .order_by(_m.id)
    )
    return conn.execute(query).fetchall()
