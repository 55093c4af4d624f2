"""Outreach: contacts and responses, RSVPs with a waiting list, attendance, mail delivered.

A holdout member is never contacted through the campaign: every way in refuses them by name.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Connection, Engine, Row

from bankcrm_cli.domain import campaigns as rules
from bankcrm_cli.domain.catalogue import t
from bankcrm_cli.domain.errors import NotFound, Refused, UsageError
from bankcrm_cli.services.campaigns.setup import require_campaign, require_open
from bankcrm_cli.services.customers import history
from bankcrm_cli.services.customers.aliases import resolve_customer_id
from bankcrm_cli.store.engine import write_transaction
from bankcrm_cli.store.queries import campaign_members as queries


def campaign_of_call(engine: Engine, item_id: str) -> str:
    """The campaign a campaign-call follow-up (`campaign:MEMBER`) is for: what `crm log-call
    --campaign` takes."""
    from bankcrm_cli.domain.followups import FollowupId, FollowupKind

    followup = FollowupId.given(item_id)
    if followup.kind is not FollowupKind.campaign:
        raise UsageError(t("camp.err.not_a_call", item=repr(item_id)))
    with engine.connect() as conn:
        name = queries.campaign_name_of_member(conn, followup.number)
    if name is None:
        raise NotFound(t("camp.err.no_member", key=followup.key))
    return name


def refuse_holdout(campaign: str, customer_id: str) -> Refused:
    return Refused(t("camp.err.holdout", customer=customer_id, name=campaign))


def require_member(conn: Connection, campaign: Row, customer_id: str) -> Row:
    """The customer's member row (merged-away numbers: the survivor's); a holdout member or
    a non-member is refused by name."""
    survivor = resolve_customer_id(conn, customer_id)
    rows = queries.member_of(conn, campaign.id, survivor)
    if not rows:
        raise NotFound(t("camp.err.not_member", customer=customer_id, name=campaign.name))
    ranked = rules.contacted_side_first(
        (r.id, bool(r.holdout), r.first_contact_at is not None) for r in rows
    )
    member = next(r for r in rows if r.id == ranked[0])
    if member.holdout:
        raise refuse_holdout(campaign.name, customer_id)
    return member


def _event(conn: Connection, member: Row, step: str, actor: str, at: datetime, **extra) -> None:
    queries.insert_event(
        conn,
        {
            "member_id": member.id,
            "campaign_id": member.campaign_id,
            "customer_id": member.customer_id,
            "step": step,
            "at": at,
            "actor": actor,
            "created_at": history.now(),
            **extra,
        },
    )


def record_contact(
    conn: Connection,
    member: Row,
    *,
    channel: str,
    actor: str,
    at: datetime,
    response: str | None = None,
    note: str | None = None,
) -> str:
    """One contact with a member, and the response if one was given; returns the status."""
    values: dict = {}
    status = member.status
    if member.first_contact_at is None:
        values.update(first_contact_at=at, first_channel=channel, contacted_by=actor)
    if status == rules.TARGETED:
        status = rules.move(status, rules.CONTACTED)
    _event(conn, member, rules.CONTACTED, actor, at, channel=channel, note=note)
    if response is not None and response != "callback":
        status = rules.move(status, response)
        values.update(response=response, responded_at=at)
        _event(conn, member, response, actor, at, channel=channel, response=response)
    values["status"] = status
    queries.update_member(conn, member.id, values)
    return status


def log_campaign_call(
    conn: Connection,
    name: str,
    customer_id: str,
    *,
    response: str,
    actor: str,
    at: datetime,
    note: str | None = None,
    channel: str = "phone",
) -> str:
    """The campaign side of `crm log-call C --campaign NAME --response R` (in its transaction)."""
    if response not in rules.CALL_RESPONSES:
        raise UsageError(
            t("err.one_of", option="--response", choices=", ".join(rules.CALL_RESPONSES))
        )
    campaign = require_campaign(conn, name)
    require_open(campaign)
    member = require_member(conn, campaign, customer_id)
    return record_contact(
        conn, member, channel=channel, actor=actor, at=at, response=response, note=note
    )


def record_campaign_call(
    engine: Engine, name: str, customer_id: str, *, response: str | None, actor: str, at: datetime
) -> str:
    """A campaign call kept in the campaign's log only (the sample bank's past campaigns)."""
    with write_transaction(engine) as conn:
        campaign = require_campaign(conn, name)
        member = require_member(conn, campaign, customer_id)
        return record_contact(conn, member, channel="phone", actor=actor, at=at, response=response)


@dataclass(frozen=True)
class RsvpResult:
    customer_id: str
    rsvp: str
    # A member moved from the waiting list to a freed seat, if any.
    promoted: str | None = None


def rsvp(
    engine: Engine,
    name: str,
    customer_id: str,
    *,
    accepted: bool,
    actor: str,
    at: datetime | None = None,
) -> RsvpResult:
    """An invitation's answer: a seat while there is one, else the waiting list, in order."""
    at = at or history.now()
    with write_transaction(engine) as conn:
        campaign = require_campaign(conn, name)
        require_open(campaign)
        member = require_member(conn, campaign, customer_id)
        promoted = None
        if accepted:
            if member.rsvp in ("accepted", "waiting"):
                return RsvpResult(member.customer_id, member.rsvp)
            full = campaign.capacity is not None and (
                queries.accepted_count(conn, campaign.id) >= campaign.capacity
            )
            answer = "waiting" if full else "accepted"
            seq = queries.max_rsvp_seq(conn, campaign.id) + 1
            queries.update_member(conn, member.id, {"rsvp": answer, "rsvp_seq": seq})
        else:
            answer = "declined"
            if member.rsvp == "accepted":
                promoted = _promote_waiting(conn, campaign, actor, at)
            queries.update_member(conn, member.id, {"rsvp": answer})
        response = "accepted" if accepted else "declined"
        # The answer comes back by the invitation's channel.
        channel = member.first_channel or campaign.channels.split(",")[0]
        record_contact(conn, member, channel=channel, actor=actor, at=at, response=response)
        if answer == "waiting":
            _event(conn, member, "waiting", actor, at)  # the event is full
    return RsvpResult(member.customer_id, answer, promoted)


def _promote_waiting(conn: Connection, campaign: Row, actor: str, at: datetime) -> str | None:
    first = queries.first_waiting(conn, campaign.id)
    if first is None:
        return None
    queries.update_member(conn, first.id, {"rsvp": "accepted"})
    _event(conn, first, "seat", actor, at)  # a seat freed: moved from the waiting list
    return first.customer_id


def attend(
    engine: Engine,
    name: str,
    customer_ids: Sequence[str],
    *,
    actor: str,
    at: datetime | None = None,
) -> int:
    """Mark these members as having attended the event; returns how many were marked."""
    at = at or history.now()
    with write_transaction(engine) as conn:
        campaign = require_campaign(conn, name)
        require_open(campaign)
        members = [require_member(conn, campaign, cid) for cid in customer_ids]
        for member in members:
            if member.attended:
                continue
            status = rules.move(member.status, "attended")
            queries.update_member(conn, member.id, {"attended": True, "status": status})
            _event(conn, member, "attended", actor, at, response="attended")
    return len(members)


def mail_recipients(
    engine: Engine, name: str, channel: str, named: Sequence[str] | None
) -> list[str]:
    """Who `crm mailmerge --campaign NAME` writes to: the members not in the holdout (or the
    `named` ones, a holdout member among them refused by name)."""
    from bankcrm_cli.services.campaigns.members import current_members

    with engine.connect() as conn:
        campaign = require_campaign(conn, name)
        require_open(campaign)
        if channel not in campaign.channels.split(","):
            channels = campaign.channels.replace(",", ", ")
            raise UsageError(t("camp.err.goes_by", name=name, channels=channels, channel=channel))
        if named is not None:
            return [require_member(conn, campaign, cid).customer_id for cid in named]
        members = current_members(conn, campaign).members
    return [m.customer_id for m in members if not m.holdout]


def mark_delivered(engine: Engine, name: str, run: str, channel: str, *, actor: str) -> int:
    """Members whose message of run `run` went out on `channel` are contacted by it."""
    with write_transaction(engine) as conn:
        campaign = require_campaign(conn, name)
        rows = queries.delivered_not_marked(conn, campaign.id, run, channel)
        for row in rows:
            when = row.sent_at or history.now()
            record_contact(conn, row, channel=channel, actor=row.sent_by or actor, at=when)
    return len(rows)
