"""The campaign report: reach, responses, conversions, and the uplift over the holdout.

Rates are fractions (0-1). The uplift's interval is Newcombe's hybrid score method (two
Wilson intervals), and is left out, with the reason, when it would not mean anything.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from datetime import date, tzinfo
from typing import Any

from sqlalchemy import Connection, Engine, Row

from bankcrm_cli.domain import campaigns as rules
from bankcrm_cli.domain.catalogue import t
from bankcrm_cli.services.campaigns.members import MemberView, campaign_members
from bankcrm_cli.services.campaigns.setup import require_campaign, view_of
from bankcrm_cli.store.queries import campaign_members as queries
from bankcrm_cli.store.queries.followups import call_list_rows

REACHED = frozenset(rules.RESPONSES)


def _rate(part: int, whole: int) -> float | None:
    return part / whole if whole else None


def _yuan(cents: int) -> float:
    return int(cents) / 100


def _reached(m: MemberView) -> bool:
    return m.contacted and m.status in REACHED


def _by_rm(members: list[MemberView], contacts: dict[int, int]) -> list[dict[str, Any]]:
    """The evaluation per RM (考评): contacts made, reached, conversions among those contacted,
    beside the holdout rate of the RM's own customers."""
    groups: dict[str, list[MemberView]] = defaultdict(list)
    for m in members:
        groups[m.rm_code or "(none)"].append(m)
    table = []
    for rm_code in sorted(groups):
        group = groups[rm_code]
        contacted = [m for m in group if m.contacted]
        held = [m for m in group if m.holdout]
        converted = sum(1 for m in contacted if m.converted_on)
        held_converted = sum(1 for m in held if m.converted_on)
        table.append(
            {
                "rm_code": rm_code,
                "members": len(group),
                "contacts_made": sum(contacts.get(m.member_id, 0) for m in group),
                "contacted": len(contacted),
                "reached": sum(1 for m in contacted if _reached(m)),
                "reached_rate": _rate(sum(1 for m in contacted if _reached(m)), len(contacted)),
                "converted": converted,
                "conversion_rate": _rate(converted, len(contacted)),
                "holdout": len(held),
                "holdout_converted": held_converted,
                "holdout_rate": _rate(held_converted, len(held)),
            }
        )
    return table


def _events(members: list[MemberView], event_day: date | None, today: date) -> dict[str, Any]:
    rsvp = Counter(m.rsvp for m in members if m.rsvp)
    attended = sum(1 for m in members if m.attended)
    past = event_day is not None and event_day < today
    no_show = sum(1 for m in members if m.rsvp == "accepted" and not m.attended) if past else 0
    return {
        "accepted": rsvp.get("accepted", 0),
        "waiting": rsvp.get("waiting", 0),
        "declined": rsvp.get("declined", 0),
        "attended": attended,
        "no_show": no_show,
    }


def _channels(rows: list[Row]) -> tuple[dict[str, int], dict[int, int]]:
    """Members contacted per channel (each once a channel), and contacts made per member."""
    seen: set[tuple[int, str]] = set()
    per_channel: Counter[str] = Counter()
    per_member: Counter[int] = Counter()
    for row in rows:
        per_member[row.member_id] += 1
        if (row.member_id, row.channel) not in seen:
            seen.add((row.member_id, row.channel))
            per_channel[row.channel or "other"] += 1
    return dict(sorted(per_channel.items())), dict(per_member)


def campaign_figures(conn: Connection, campaign: Row, zone: tzinfo, today: date) -> dict:
    """Every figure of the report, for one campaign."""
    found = campaign_members(conn, campaign, zone)
    members = found.members
    contacted = [m for m in members if m.contacted]
    holdout = [m for m in members if m.holdout]
    conv_c = [m for m in contacted if m.converted_on]
    conv_h = [m for m in holdout if m.converted_on]
    measure = rules.uplift(len(conv_c), len(contacted), len(conv_h), len(holdout))
    per_channel, per_member = _channels(queries.contacts_by_channel(conn, campaign.id))
    responses = Counter(m.status for m in contacted if m.status in REACHED)
    return {
        "targeted": len(members),
        "holdout": len(holdout),
        "contacted": len(contacted),
        "contacted_by_channel": per_channel,
        "reached": sum(1 for m in contacted if _reached(m)),
        "responses": {kind: responses.get(kind, 0) for kind in rules.RESPONSES},
        "event": _events(members, campaign.event_date, today),
        "converted_contacted": len(conv_c),
        "converted_holdout": len(conv_h),
        "rate_contacted": measure.rate_contacted,
        "rate_holdout": measure.rate_holdout,
        "uplift": measure.uplift,
        "uplift_ci": list(measure.interval) if measure.interval else None,
        "uplift_note": measure.why,
        "interval_method": t("camp.method"),
        "new_aum": _yuan(sum(m.converted_cents or 0 for m in conv_c)),
        "new_aum_holdout": _yuan(sum(m.converted_cents or 0 for m in conv_h)),
        "merged_both_sides": found.merged_both_sides,
        "by_rm": _by_rm(members, per_member),
    }


def campaign_report(
    engine: Engine, name: str, *, zone: tzinfo, today: date, bank: str
) -> dict[str, Any]:
    """`crm campaigns report NAME` / `crm report campaign NAME`: one JSON-shaped document."""
    with engine.connect() as conn:
        campaign = require_campaign(conn, name)
        figures = campaign_figures(conn, campaign, zone, today)
    view = view_of(campaign)
    return {
        "report": "campaign",
        "title": t("camp.rep.title", name=view.name),
        "bank": bank,
        "date": today.isoformat(),
        "scope": {"rm": None, "branch": None},
        "campaign": {
            "name": view.name,
            "title": view.title,
            "purpose": view.purpose,
            "product_types": list(view.product_types),
            "channels": list(view.channels),
            "start": view.start.isoformat() if view.start else None,
            "end": view.end.isoformat() if view.end else None,
            "window_days": view.window_days,
            "holdout_pct": view.holdout_pct,
            "capacity": view.capacity,
            "event_date": view.event_date.isoformat() if view.event_date else None,
            "status": view.status,
        },
        **figures,
    }


def campaigns_section(engine: Engine, context: Any, first: date, last: date) -> list[dict]:
    """The daily and weekly reports' campaigns: each active campaign not ended before `first`,
    with its calls on the report day (in the report's scope) and conversions from `first` to
    `last` among the contacted and the holdout."""
    from bankcrm_cli.store.queries.campaigns import campaign_rows

    section = []
    with engine.connect() as conn:
        for campaign in campaign_rows(conn, active_only=True):
            if campaign.end_date is not None and campaign.end_date < first:
                continue
            members = campaign_members(conn, campaign, context.zone).members
            calls = call_list_rows(
                conn, context.day, rm_code=context.rm_code, branch=context.branch
            )
            new = [m for m in members if m.converted_on and first <= m.converted_on <= last]
            section.append(
                {
                    "name": campaign.name,
                    "title": campaign.title,
                    "members": len(members),
                    "contacted": sum(1 for m in members if m.contacted),
                    "calls_today": sum(1 for row in calls if row.campaign == campaign.name),
                    "converted": sum(1 for m in new if not m.holdout),
                    "converted_holdout": sum(1 for m in new if m.holdout),
                }
            )
    return section
