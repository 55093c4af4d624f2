"""Churn risk: customers showing signs of leaving, with their reasons and a score.

The store does the counting: one set-based query gives every customer at risk with the points
of each signal, the silence and inactivity limits compared against per-tier cut-off moments (no
date arithmetic runs in SQL), the points from the same constants domain/churn.py scores with.
Only the customers listed are then read in full and explained by the rules in domain/churn.py.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta, tzinfo

from sqlalchemy import Connection, Engine

from bankcrm_cli.domain import churn as rules_
from bankcrm_cli.domain.churn import ChurnFacts, ChurnRules, Payout, Reason, reasons_for, score
from bankcrm_cli.domain.segments import TierRules
from bankcrm_cli.services.analytics.day_bounds import day_end, day_start, local_day
from bankcrm_cli.services.analytics.segments import window
from bankcrm_cli.store.queries import churn as queries
from bankcrm_cli.store.queries.churn import ChurnWindow, SignalPoints
from bankcrm_cli.store.queries.value_history import aum_moves, last_holdings_import, paid_out

REASON_COLUMNS = ("aum_drop", "paid_out", "no_contact", "inactive")


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
    # Customers at risk per RM (None: no RM).
    by_rm: dict[str | None, int] = field(default_factory=dict)


def _window(conn: Connection, day: date, rules: ChurnRules, tiers: TierRules, zone: tzinfo):
    end = day_end(day, zone)
    last_import = last_holdings_import(conn, end)
    payout_last = None
    if last_import is not None:
        # A maturity counts once a holdings import after it could have shown the rollover.
        payout_last = min(day, local_day(last_import, zone)) - timedelta(days=1)
    return ChurnWindow(
        end=end,
        drop_start=day_start(day - timedelta(days=rules.drop_days), zone),
        idle_start=day_start(day - timedelta(days=rules.inactive_days - 1), zone),
        payout_first=day - timedelta(days=rules.payout_days),
        payout_last=payout_last,
        held_start=window(day, tiers, zone)[0],
    )


def _signal_points(rules: ChurnRules) -> SignalPoints:
    """The points domain/churn.py scores with, for the store to rank by the same numbers."""
    below_max: list[int] = []
    while rules_.payout_points(len(below_max) + 1) < rules_.PAYOUT_MAX:
        below_max.append(rules_.payout_points(len(below_max) + 1))
    return SignalPoints(
        drop_pct=rules.drop_pct,
        drop_base=rules_.DROP_BASE,
        drop_per_share=rules_.DROP_PER_SHARE,
        payout_points=tuple(below_max),
        payout_max=rules_.PAYOUT_MAX,
        silent=rules_.SILENT,
        silent_twice=rules_.SILENT_TWICE,
        inactive=rules_.INACTIVE,
    )


def _points(conn, day: date, w: ChurnWindow, rules: ChurnRules, tiers: TierRules, zone, scope):
    """(customer_id, rm_code, aum_cents, and the points of each signal) of every customer
    with at least one signal."""
    points = _signal_points(rules)
    cadence = {name: rules.cadence_for(name) for _, name in tiers.tiers}
    # Silence and inactivity need a customer known longer than the shortest limit. When the
    # store knows nobody that long (a young store), only customers whose holdings moved or
    # matured can have a signal, and only they are read, through indexes.
    known_long = max(w.idle_start, day_start(day - timedelta(days=min(cadence.values())), zone))
    if not queries.anyone_created_before(conn, known_long):
        return queries.holding_signal_points(conn, w, points, *scope)
    once = {n: day_start(day - timedelta(days=d), zone) for n, d in cadence.items()}
    twice = {n: day_start(day - timedelta(days=2 * d - 1), zone) for n, d in cadence.items()}
    return queries.signal_points(conn, w, points, tiers.tiers, once, twice, *scope)


def churn_risks(
    engine: Engine,
    day: date,
    rules: ChurnRules,
    tiers: TierRules,
    zone: tzinfo,
    *,
    top: int | None = None,
    top_per_rm: int | None = None,
    rm_code: str | None = None,
    branch: str | None = None,
) -> ChurnList:
    """Customers at risk on `day`, highest score first (ties: larger AUM first): the first
    `top` of them, or the first `top_per_rm` of each RM, or all."""
    with engine.connect() as conn:
        w = _window(conn, day, rules, tiers, zone)
        rows = _points(conn, day, w, rules, tiers, zone, (rm_code, branch))
        by_reason = dict.fromkeys(REASON_COLUMNS, 0)
        by_rm: dict[str | None, int] = {}
        ranked = []
        for row in rows:
            points = [row.aum_drop, row.paid_out, row.no_contact, row.inactive]
            total = min(rules_.MAX_SCORE, sum(points))
            if not total:
                continue
            for code, value in zip(REASON_COLUMNS, points, strict=True):
                if value:
                    by_reason[code] += 1
            by_rm[row.rm_code] = by_rm.get(row.rm_code, 0) + 1
            ranked.append((-total, -(row.aum_cents or 0), row.customer_id, row.rm_code))
        ranked.sort()
        if top_per_rm is not None:
            taken: dict[str | None, int] = {}
            shown = []
            for entry in ranked:
                if taken.get(entry[3], 0) < top_per_rm:
                    taken[entry[3]] = taken.get(entry[3], 0) + 1
                    shown.append(entry)
        else:
            shown = ranked if top is None else ranked[:top]
        customers = _explain(conn, day, w, [r[2] for r in shown], rules, tiers, zone)
    return ChurnList(
        date=day,
        at_risk=len(ranked),
        by_reason={code: n for code, n in by_reason.items() if n},
        customers=customers,
        by_rm=by_rm,
    )


def _explain(
    conn: Connection,
    day: date,
    w: ChurnWindow,
    customer_ids: list[str],
    rules: ChurnRules,
    tiers: TierRules,
    zone: tzinfo,
) -> list[ChurnRisk]:
    """The listed customers in full, each with the reasons the rules give."""
    if not customer_ids:
        return []
    moves = aum_moves(conn, w.drop_start, w.end, customer_ids)
    payouts = paid_out(conn, w.payout_first, w.payout_last, w.end, customer_ids)
    people, last_contact, last_activity = queries.customers_in_full(conn, w, customer_ids)
    risks = []
    for customer_id in customer_ids:
        row = people[customer_id]
        tier = tiers.held_tier(row.held_aum)
        move = moves.get(customer_id)
        facts = ChurnFacts(
            tier=tier,
            known_since=local_day(row.created_at, zone),
            aum_before_cents=move.before_cents if move else None,
            aum_after_cents=move.after_cents if move else None,
            payouts=tuple(
                Payout(m.account_id, m.product_type, m.amount_cents, m.currency, m.maturity_date)
                for m in payouts.get(customer_id, ())
            ),
            last_contact=local_day(last_contact.get(customer_id), zone),
            last_activity=local_day(last_activity.get(customer_id), zone),
        )
        reasons = reasons_for(facts, day, rules)
        risks.append(
            ChurnRisk(
                customer_id=customer_id,
                name=row.name,
                rm_code=row.rm_code,
                branch=row.branch,
                tier=tier,
                aum_cents=row.aum_cents,
                score=score(reasons),
                reasons=reasons,
            )
        )
    return risks
