"""A campaign's members as they stand: one per customer, with the conversion each brought.

After a customer merge one person can hold two rows of a campaign; the contacted one counts
(domain rule `contacted_side_first`) and the other is left out, kept for an unmerge.
Conversions are worked out here, from the holdings' open dates, every time they are asked for.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import date, datetime, tzinfo

from sqlalchemy import Connection, Engine, Row

from bankcrm_cli.domain import campaigns as rules
from bankcrm_cli.store.queries import campaign_members as queries


@dataclass(slots=True)
class MemberView:
    member_id: int
    customer_id: str
    name: str
    rm_code: str | None
    branch: str | None
    aum_cents: int | None
    holdout: bool
    drawn_at: datetime
    status: str
    first_contact_at: datetime | None
    first_channel: str | None
    contacted_by: str | None
    response: str | None
    rsvp: str | None
    rsvp_seq: int | None
    attended: bool | None
    converted_on: date | None = None
    converted_account: str | None = None
    converted_cents: int | None = None

    @property
    def contacted(self) -> bool:
        return not self.holdout and self.first_contact_at is not None

    @property
    def shown_status(self) -> str:
        return rules.CONVERTED if self.converted_on is not None else self.status


@dataclass(frozen=True)
class Members:
    members: list[MemberView]
    # Customers who, after a merge, had a row on each side: the contacted side was kept.
    merged_both_sides: int


def _effective(rows: list) -> Members:
    """One member per customer: a customer with two rows (after a merge) keeps the contacted
    one. Rows are in the order of `queries.member_rows` (MemberView's fields)."""
    counts = Counter(row[1] for row in rows)
    kept = [MemberView(*row) for row in rows if counts[row[1]] == 1]
    twice: dict[str, list] = defaultdict(list)
    for row in rows:
        if counts[row[1]] > 1:
            twice[row[1]].append(row)
    both = 0
    for group in twice.values():
        if len({bool(r[6]) for r in group}) > 1:
            both += 1
        ranked = rules.contacted_side_first((r[0], bool(r[6]), r[9] is not None) for r in group)
        kept.append(MemberView(*next(r for r in group if r[0] == ranked[0])))
    kept.sort(key=lambda m: m.customer_id)
    return Members(kept, both)


def _start(member: MemberView, day_of) -> date | None:
    """The day the member's window opens: the first contact, or the draw for the holdout."""
    if member.holdout:
        return day_of(member.drawn_at)
    if member.first_contact_at is None:
        return None
    return day_of(member.first_contact_at)


def _attribute(conn: Connection, campaign: Row, members: list[MemberView], zone: tzinfo) -> None:
    products = tuple(p for p in campaign.product_types.split(",") if p)
    days: dict[datetime, date] = {}

    def day_of(moment: datetime) -> date:
        # A hundred thousand members share few moments (one draw, a day's calls).
        day = days.get(moment)
        if day is None:
            day = days[moment] = moment.astimezone(zone).date()
        return day

    starts = {m.member_id: _start(m, day_of) for m in members}
    known = [day for day in starts.values() if day is not None]
    if not products or not known:
        return
    by_customer: dict[str, list[rules.Opening]] = defaultdict(list)
    for row in queries.openings(conn, campaign.id, products, min(known)):
        by_customer[row.customer_id].append(
            rules.Opening(row.account_id, row.product_type, row.open_date, row.amount_cents)
        )
    for member in members:
        found = rules.conversion(
            starts[member.member_id],
            campaign.window_days,
            products,
            by_customer.get(member.customer_id, ()),
        )
        if found is not None:
            member.converted_on = found.open_date
            member.converted_account = found.account_id
            member.converted_cents = found.amount_cents


def current_members(conn: Connection, campaign: Row) -> Members:
    """The campaign's members, one per customer, without their conversions."""
    return _effective(queries.member_rows(conn, campaign.id))


def campaign_members(conn: Connection, campaign: Row, zone: tzinfo) -> Members:
    """The campaign's members, one per customer, each with its conversion (if any)."""
    found = _effective(queries.member_rows(conn, campaign.id))
    _attribute(conn, campaign, found.members, zone)
    return found


def members_of(
    engine: Engine,
    name: str,
    zone: tzinfo,
    *,
    rm_code: str | None = None,
    status: str | None = None,
) -> list[MemberView]:
    """`crm campaigns members`: the members, of one RM or in one status (`converted` too)."""
    from bankcrm_cli.services.campaigns.setup import require_campaign

    with engine.connect() as conn:
        found = campaign_members(conn, require_campaign(conn, name), zone).members
    return [
        m
        for m in found
        if (rm_code is None or m.rm_code == rm_code)
        and (status is None or m.shown_status == status or (status == "holdout" and m.holdout))
    ]
