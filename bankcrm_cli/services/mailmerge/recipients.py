"""Who a mail merge goes to, and the rows behind each of them (read in bulk)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sqlalchemy import Connection, Engine

from bankcrm_cli.domain.catalogue import t
from bankcrm_cli.domain.errors import NotFound, UsageError
from bankcrm_cli.store.queries import mailmerge as queries


@dataclass(frozen=True)
class RecipientSource:
    """Exactly one of: today's follow-ups of a kind, named customers, a tier, or a campaign's
    members (which named customers may narrow)."""

    followups: str | None = None
    customers: tuple[str, ...] | None = None
    segment: str | None = None
    campaign: str | None = None

    def __post_init__(self) -> None:
        given = [x for x in (self.followups, self.customers, self.segment) if x is not None]
        if self.campaign is not None:
            given = [x for x in (self.followups, self.segment) if x is not None] + [self.campaign]
        if len(given) != 1:
            raise UsageError(t("err.recipients"))

    @property
    def kind(self) -> str:
        if self.campaign is not None:
            return "campaign"
        if self.followups is not None:
            return "followups"
        return "customers" if self.customers is not None else "segment"


@dataclass
class Recipient:
    """One customer to write to, with the follow-up items that selected them (if any)."""

    customer_id: str
    items: list[Any] = field(default_factory=list)


def _resolve(conn: Connection, customer_ids: Sequence[str]) -> list[str]:
    """Customer numbers as given, aliases of merged customers followed to the survivor."""
    from bankcrm_cli.services.customers.aliases import alias_map

    survivors = alias_map(conn)
    return [survivors.get(cid, cid) for cid in customer_ids]


def select_recipients(
    engine: Engine,
    source: RecipientSource,
    *,
    day: date,
    rules,
    rm_code: str | None,
    tiers: Sequence[tuple[int, str]] | None = None,
    channel: str | None = None,
) -> list[Recipient]:
    """The recipients in a stable order; unknown customer numbers stop the run."""
    if source.followups is not None:
        from bankcrm_cli.services.followups import followups_on

        found = followups_on(engine, day, rules, rm_code=rm_code, kinds=[source.followups])
        by_customer: dict[str, Recipient] = {}
        for item in found.items:
            by_customer.setdefault(item.customer_id, Recipient(item.customer_id)).items.append(item)
        return list(by_customer.values())
    if source.campaign is not None:
        return _campaign_members(engine, source, channel or "", rm_code)
    with engine.connect() as conn:
        if source.customers is not None:
            return _named_customers(conn, source.customers, rm_code)
        low, high = _tier_range(source.segment or "", tiers)
        ids = queries.customer_ids_by_aum(
            conn, low * 100, None if high is None else high * 100, rm_code
        )
        return [Recipient(cid) for cid in ids]


def _campaign_members(
    engine: Engine, source: RecipientSource, channel: str, rm_code: str | None
) -> list[Recipient]:
    """A campaign's members outside the holdout; a holdout member named is refused by name."""
    from bankcrm_cli.services.campaigns.outreach import mail_recipients

    with engine.connect() as conn:
        named = list(source.customers) if source.customers is not None else None
        ids = mail_recipients(engine, source.campaign or "", channel, named)
        known = queries.customer_rm_codes(conn, ids)
    return [Recipient(cid) for cid in ids if rm_code is None or known.get(cid) == rm_code]


def _named_customers(
    conn: Connection, customer_ids: Sequence[str], rm_code: str | None
) -> list[Recipient]:
    wanted = list(dict.fromkeys(_resolve(conn, customer_ids)))
    known = queries.customer_rm_codes(conn, wanted)
    missing = [cid for cid in wanted if cid not in known]
    if missing:
        shown = ", ".join(missing[:5]) + (
            f" and {len(missing) - 5} more" if len(missing) > 5 else ""
        )
        raise NotFound(
            f"no customer {shown}; nothing was rendered or sent "
            "(check the numbers with `crm customers search`)"
        )
    return [Recipient(cid) for cid in wanted if rm_code is None or known[cid] == rm_code]


def _tier_range(tier: str, tiers: Sequence[tuple[int, str]] | None) -> tuple[int, int | None]:
    """[low, high) in yuan for a tier name."""
    from bankcrm_cli.domain.segments import DEFAULT_TIERS

    tiers = tiers or DEFAULT_TIERS
    ordered = sorted(tiers, reverse=True)
    for index, (floor_yuan, name) in enumerate(ordered):
        if name == tier:
            return floor_yuan, ordered[index - 1][0] if index else None
    raise UsageError(
        t("err.no_tier", tier=repr(tier), tiers=", ".join(name for _, name in ordered))
    )


@dataclass(frozen=True)
class CustomerData:
    """The rows behind one recipient, loaded in bulk."""

    customer: Any
    holdings: list[Any]
    complaints: list[Any]
    rm: Any | None


def load_data(engine: Engine, customer_ids: Sequence[str]) -> dict[str, CustomerData]:
    """Customers, their holdings, complaints and RMs, a few queries per 500 customers."""
    with engine.connect() as conn:
        rms = queries.rms_by_code(conn)
        customers = queries.customers_by_id(conn, customer_ids)
        holdings = queries.holdings_by_customer(conn, customer_ids)
        complaints = queries.complaints_by_customer(conn, customer_ids)
    return {
        cid: CustomerData(
            customer=row,
            holdings=holdings.get(cid, []),
            complaints=complaints.get(cid, []),
            rm=rms.get(row.rm_code) if row.rm_code else None,
        )
        for cid, row in customers.items()
    }


def complaint_of(recipient: Recipient, data: CustomerData, *, resolved: bool = False) -> Any | None:
    """The complaint a letter is about: the follow-up's, else the customer's latest (resolved)."""
    candidates = [row for row in data.complaints if row.resolution or not resolved]
    for item in recipient.items:
        if item.kind == "complaint":
            wanted = int(item.id.split(":", 1)[1])
            for row in candidates:
                if row.id == wanted:
                    return row
    return candidates[0] if candidates else None


def missing_complaint(
    recipient: Recipient, data: CustomerData, requires: Sequence[str]
) -> str | None:
    """Why a template that `requires` a (resolved) complaint cannot be written for them."""
    if "complaint" in requires and complaint_of(recipient, data) is None:
        return "no complaint on record"
    if "resolved_complaint" in requires and complaint_of(recipient, data, resolved=True) is None:
        return "no resolved complaint on record"
    return None
