"""Churn risk: customers showing signs of leaving, with their reasons and a score.

The store narrows the field in SQL: customers whose holdings changed or matured in the window
(few), and customers whose silence or inactivity already passes the limits (compared against
per-tier cut-off moments, so no date arithmetic runs in SQL). The rules in domain/churn.py
then decide and score each of these.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta, tzinfo

from sqlalchemy import Engine, case, func, literal, or_, select, union_all

from bankcrm_cli.domain.churn import (
    ChurnFacts,
    ChurnRules,
    Payout,
    Reason,
    reasons_for,
    score,
)
from bankcrm_cli.domain.segments import TierRules
from bankcrm_cli.services.day_bounds import day_end, day_start, local_day
from bankcrm_cli.services.holding_history import (
    aum_moves,
    holding_activity,
    last_holdings_import,
    paid_out,
)
from bankcrm_cli.services.segments import customer_filters, held_aum, held_peaks, window
from bankcrm_cli.store.tables import complaints_table, contacts_table, customers_table


@dataclass(frozen=True)
class ChurnRisk:
    customer_id: str
    name: str
    rm_code: str | None
    branch: str | None
    tier: str | None
    aum_cents: int | None
    score: int
    reasons: list[Reason] = field(default_factory=list)

    @property
    def codes(self) -> list[str]:
        return [reason.code for reason in self.reasons]


@dataclass(frozen=True)
class ChurnList:
    date: date
    at_risk: int
    by_reason: dict[str, int]
    customers: list[ChurnRisk]


def _cutoffs(day: date, rules: ChurnRules, tiers: TierRules, zone: tzinfo):
    """Per tier, the moment before which the last reached contact means 'too long ago'."""
    return {
        name: day_start(day - timedelta(days=rules.cadence_for(name)), zone)
        for _, name in tiers.tiers
    }


def churn_risks(
    engine: Engine,
    day: date,
    rules: ChurnRules,
    tiers: TierRules,
    zone: tzinfo,
    *,
    top: int | None = None,
    rm_code: str | None = None,
    branch: str | None = None,
) -> ChurnList:
    """Customers at risk on `day`, highest score first (ties: larger AUM first)."""
    c = customers_table.c
    k = contacts_table.c
    t = complaints_table.c
    end = day_end(day, zone)
    drop_start = day_start(day - timedelta(days=rules.drop_days), zone)
    idle_start = day_start(day - timedelta(days=rules.inactive_days - 1), zone)
    held_start, _ = window(day, tiers, zone)
    held = held_peaks(held_start, end)
    aum = held_aum(held)
    last_contact = (
        select(k.customer_id, func.max(k.at).label("at"))
        .where(k.outcome == "reached", k.at < end)
        .group_by(k.customer_id)
        .subquery("last_contact")
    )
    activity = union_all(
        holding_activity(idle_start, end),
        select(k.customer_id, k.at).where(k.outcome == "reached", k.at >= idle_start, k.at < end),
        select(t.customer_id, t.received_at).where(
            t.received_at >= idle_start, t.received_at < end
        ),
    ).subquery("events")
    recent = (
        select(activity.c.customer_id, func.max(activity.c.at).label("at"))
        .group_by(activity.c.customer_id)
        .subquery("recent")
    )
    cutoffs = _cutoffs(day, rules, tiers, zone)
    silent_before = case(
        *[(aum >= floor * 100, literal(cutoffs[name])) for floor, name in tiers.tiers[:-1]],
        else_=literal(cutoffs[tiers.tiers[-1][1]]),
    )
    with engine.connect() as conn:
        moves = aum_moves(conn, drop_start, end)
        last_import = last_holdings_import(conn, end)
        payouts = {}
        if last_import is not None:
            newest = min(day - timedelta(days=1), local_day(last_import, zone) - timedelta(days=1))
            payouts = paid_out(conn, day - timedelta(days=rules.payout_days), newest, end)
        silent = func.coalesce(last_contact.c.at, c.created_at) < silent_before
        idle = (c.created_at < idle_start) & recent.c.customer_id.is_(None)
        query = (
            select(
                c.customer_id,
                c.name,
                c.rm_code,
                c.branch,
                c.aum_cents,
                aum.label("held_aum"),
                c.created_at,
                last_contact.c.at.label("contact_at"),
                recent.c.at.label("active_at"),
            )
            .select_from(customers_table)
            .outerjoin(held, held.c.customer_id == c.customer_id)
            .outerjoin(last_contact, last_contact.c.customer_id == c.customer_id)
            .outerjoin(recent, recent.c.customer_id == c.customer_id)
            .where(c.created_at < end, *customer_filters(rm_code, branch))
        )
        rows = conn.execute(query.where(or_(silent, idle))).all()
        seen = {row.customer_id for row in rows}
        sparse = sorted((set(moves) | set(payouts)) - seen)
        for offset in range(0, len(sparse), 900):
            chunk = sparse[offset : offset + 900]
            rows += conn.execute(query.where(c.customer_id.in_(chunk))).all()
    risks = []
    for row in rows:
        tier = tiers.held_tier(row.held_aum)
        move = moves.get(row.customer_id)
        facts = ChurnFacts(
            tier=tier,
            known_since=local_day(row.created_at, zone),
            aum_before_cents=move.before_cents if move else None,
            aum_after_cents=move.after_cents if move else None,
            payouts=tuple(
                Payout(m.account_id, m.product_type, m.amount_cents, m.currency, m.maturity_date)
                for m in payouts.get(row.customer_id, ())
            ),
            last_contact=local_day(row.contact_at, zone),
            last_activity=local_day(row.active_at, zone),
        )
        found = reasons_for(facts, day, rules)
        if found:
            risks.append(
                ChurnRisk(
                    customer_id=row.customer_id,
                    name=row.name,
                    rm_code=row.rm_code,
                    branch=row.branch,
                    tier=tier,
                    aum_cents=row.aum_cents,
                    score=score(found),
                    reasons=found,
                )
            )
    risks.sort(key=lambda r: (-r.score, -(r.aum_cents or 0), r.customer_id))
    by_reason: dict[str, int] = {}
    for risk in risks:
        for code in risk.codes:
            by_reason[code] = by_reason.get(code, 0) + 1
    shown = risks if top is None else risks[:top]
    return ChurnList(date=day, at_risk=len(risks), by_reason=by_reason, customers=shown)
