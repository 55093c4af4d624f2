"""The contact log: every call and visit, and the call-backs they ask for."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import Connection, Engine

from bankcrm_cli.domain.catalogue import t
from bankcrm_cli.domain.dates import check_day
from bankcrm_cli.domain.errors import NotFound, UsageError
from bankcrm_cli.domain.followups import check_not_past
from bankcrm_cli.services.customers import history
from bankcrm_cli.services.customers.aliases import resolve_customer_id
from bankcrm_cli.store.engine import write_transaction
from bankcrm_cli.store.queries import contacts as queries

OUTCOMES = ("reached", "no-answer", "busy", "wrong-number", "declined")
CHANNELS = ("phone", "visit", "wechat", "sms", "email")


@dataclass(frozen=True)
class ContactView:
    id: int
    customer_id: str
    name: str
    rm_code: str | None
    channel: str
    outcome: str
    note: str | None
    at: datetime
    next_date: date | None
    next_note: str | None
    callback_open: bool
    actor: str


def require_customer(conn: Connection, customer_id: str) -> str:
    """The customer's RM code (a merged-away number: the survivor's); NotFound when unknown."""
    survivor = resolve_customer_id(conn, customer_id)
    row = queries.customer_rm_row(conn, survivor)
    if row is None:
        raise NotFound(t("err.no_customer", id=repr(customer_id)))
    return row.rm_code


def log_call(
    engine: Engine,
    customer_id: str,
    *,
    outcome: str,
    actor: str,
    channel: str = "phone",
    note: str | None = None,
    at: datetime | None = None,
    next_date: date | None = None,
    next_note: str | None = None,
    today: date | None = None,
    campaign: str | None = None,
    response: str | None = None,
) -> int:
    """Record a contact; a reached one closes the customer's open call-backs. Returns its id.

    A call-back (`next_date`) is today or later (than `today`); `campaign`: see _campaign_call.
    """
    _check_call(outcome, channel, at, next_date, today)
    when = at or history.now()
    with write_transaction(engine) as conn:
        require_customer(conn, customer_id)
        if campaign is not None:
            _campaign_call(conn, campaign, customer_id, response, actor, when, channel)
        customer_id = resolve_customer_id(conn, customer_id)
        contact_id = queries.insert_contact(
            conn,
            {
                "customer_id": customer_id,
                "channel": channel,
                "outcome": outcome,
                "note": note,
                "at": when,
                "next_date": next_date,
                "next_note": next_note,
                "actor": actor,
                "created_at": history.now(),
            },
        )
        history.record(
            conn,
            actor=actor,
            entity="contact",
            entity_id=contact_id,
            customer_id=customer_id,
            action="logged",
            changes={"outcome": (None, outcome), "next_date": (None, next_date)},
            reason=note,
            at=when,
        )
        if outcome == "reached":
            close_callbacks(conn, customer_id, actor, by_contact=contact_id)
    return contact_id


def _check_call(
    outcome: str, channel: str, at: datetime | None, next_date: date | None, today: date | None
) -> None:
    if next_date is not None:
        check_not_past(next_date, today or next_date, "--next")
    if at is not None:
        check_day(at.date(), "--at")
    if outcome not in OUTCOMES:
        raise UsageError(t("err.one_of", option="--outcome", choices=", ".join(OUTCOMES)))
    if channel not in CHANNELS:
        raise UsageError(t("err.one_of", option="--channel", choices=", ".join(CHANNELS)))


def _campaign_call(
    conn: Connection,
    campaign: str,
    customer_id: str,
    response: str | None,
    actor: str,
    at,
    channel: str,
) -> None:
    """The contact is also a campaign member's: it moves them (`response`, else a call-back)."""
    from bankcrm_cli.services.campaigns.outreach import log_campaign_call

    log_campaign_call(
        conn,
        campaign,
        customer_id,
        response=response or "callback",
        actor=actor,
        at=at,
        channel=channel,
    )


def close_callbacks(
    conn: Connection,
    customer_id: str,
    actor: str,
    *,
    by_contact: int | None,
    only: int | None = None,
) -> int:
    """Close open call-backs of a customer (all but the one `by_contact` set, or just `only`)."""
    ids = queries.open_callback_ids(conn, customer_id, other_than=by_contact, only=only)
    for contact_id in ids:
        queries.close_callback(conn, contact_id, closed_at=history.now(), by_contact=by_contact)
        history.record(
            conn,
            actor=actor,
            entity="contact",
            entity_id=contact_id,
            customer_id=customer_id,
            action="callback closed",
            reason=f"reached in contact {by_contact}" if by_contact else "marked done",
        )
    return len(ids)


def list_calls(
    engine: Engine,
    *,
    customer_id: str | None = None,
    rm_code: str | None = None,
    logged_by: str | None = None,
    since: datetime | None = None,
) -> list[ContactView]:
    """Contacts, newest first: of customers whose RM is `rm_code`, logged by `logged_by`."""
    with engine.connect() as conn:
        if customer_id:
            customer_id = resolve_customer_id(conn, customer_id)
        rows = queries.contact_rows(
            conn, customer_id=customer_id, actor=logged_by, rm_code=rm_code, since=since
        )
    return [
        ContactView(
            id=row.id,
            customer_id=row.customer_id,
            name=row.name,
            rm_code=row.rm_code,
            channel=row.channel,
            outcome=row.outcome,
            note=row.note,
            at=row.at,
            next_date=row.next_date,
            next_note=row.next_note,
            callback_open=row.next_date is not None and row.callback_closed_at is None,
            actor=row.actor,
        )
        for row in rows
    ]
