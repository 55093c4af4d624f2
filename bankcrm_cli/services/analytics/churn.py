"""Churn risk: customers showing signs of leaving, with their reasons and a score.

The store does the counting: one set-based query gives every customer at risk with the points
of each signal, the silence and inactivity limits compared against per-tier cut-off moments (no
date arithmetic runs in SQL), the points from the same constants domain/churn.py scores with.
Only the customers listed are then read in full and explained by the rules in domain/churn.py.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, tzinfo

from sqlalchemy import (
    Connection,
    Engine,
    Integer,
    case,
    cast,
    func,
    literal,
    or_,
    select,
    union,
    union_all,
)

from bankcrm_cli.domain import churn as rules_
from bankcrm_cli.domain.churn import ChurnFacts, ChurnRules, Payout, Reason, reasons_for, score
from bankcrm_cli.domain.segments import TierRules
from bankcrm_cli.services.analytics.day_bounds import day_end, day_start, local_day
from bankcrm_cli.services.holding_history import (
    aum_moves,
    aum_totals,
    holding_activity,
    last_holdings_import,
    matured_not_rolled_over,
    paid_out,
)
from bankcrm_cli.services.analytics.segments import customer_filters, held_aum, held_peaks, window
from bankcrm_cli.store.tables import complaints_table, contacts_table, customers_table

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


@dataclass(frozen=True)
class _Window:
    """The moments a run on `day` compares against."""

    day: date
    end: datetime
    drop_start: datetime
    idle_start: datetime
    payout_first: date
    payout_last: date | None


def _window(conn: Connection, day: date, rules: ChurnRules, zone: tzinfo) -> _Window:
    end = day_end(day, zone)
    last_import = last_holdings_import(conn, end)
    payout_last = None
    if last_import is not None:
        # A maturity counts once a holdings import after it could have shown the rollover.
        payout_last = min(day, local_day(last_import, zone)) - timedelta(days=1)
    return _Window(
        day=day,
        end=end,
        drop_start=day_start(day - timedelta(days=rules.drop_days), zone),
        idle_start=day_start(day - timedelta(days=rules.inactive_days - 1), zone),
        payout_first=day - timedelta(days=rules.payout_days),
        payout_last=payout_last,
    )


def _tier_moment(aum, tiers: TierRules, moments: dict[str, datetime]):
    """A CASE giving, for the tier of an AUM expression, that tier's moment."""
    return case(
        *[(aum >= floor * 100, literal(moments[name])) for floor, name in tiers.tiers[:-1]],
        else_=literal(moments[tiers.tiers[-1][1]]),
    )


def _holding_points(w: _Window, rules: ChurnRules):
    """The AUM-drop and paid-out signals: (drops, payouts, dropped, drop points, payout
    points), the first two named once (WITH) as they are read twice."""
    drops = aum_totals(w.drop_start, w.end).cte("drops")
    payouts = matured_not_rolled_over(w.payout_first, w.payout_last, w.end).cte("payouts")
    lost = drops.c.before - drops.c.after
    dropped = (drops.c.before > 0) & (lost * 100 >= rules.drop_pct * drops.c.before)
    drop_points = case(
        (
            dropped,
            rules_.DROP_BASE
            + cast(rules_.DROP_PER_SHARE * lost * 1.0 / drops.c.before + 0.5, Integer),
        ),
        else_=0,
    )
    below_max = []
    while rules_.payout_points(len(below_max) + 1) < rules_.PAYOUT_MAX:
        below_max.append(len(below_max) + 1)
    payout_points = case(
        (payouts.c.count.is_(None), 0),
        *[(payouts.c.count == n, rules_.payout_points(n)) for n in below_max],
        else_=rules_.PAYOUT_MAX,
    )
    return drops, payouts, dropped, drop_points, payout_points


def _activity(w: _Window):
    """(customer_id, at) of what counts as activity in the idle window: holding changes,
    reached contacts, complaints received."""
    k = contacts_table.c
    t = complaints_table.c
    return union_all(
        holding_activity(w.idle_start, w.end),
        select(k.customer_id, k.at).where(
            k.outcome == "reached", k.at >= w.idle_start, k.at < w.end
        ),
        select(t.customer_id, t.received_at).where(
            t.received_at >= w.idle_start, t.received_at < w.end
        ),
    ).subquery("events")


def _points(conn, w: _Window, rules: ChurnRules, tiers: TierRules, zone, filters):
    """(customer_id, rm_code, aum_cents, and the points of each signal) of every customer
    with at least one signal."""
    c = customers_table.c
    drops, payouts, dropped, drop_points, payout_points = _holding_points(w, rules)
    cadence = {name: rules.cadence_for(name) for _, name in tiers.tiers}
    columns = [c.customer_id, c.rm_code, c.aum_cents]
    signals = [drop_points.label("aum_drop"), payout_points.label("paid_out")]
    # Silence and inactivity need a customer known longer than the shortest limit. When the
    # store knows nobody that long (a young store), only customers whose holdings moved or
    # matured can have a signal, and only they are read, through indexes.
    known_long = max(w.idle_start, day_start(w.day - timedelta(days=min(cadence.values())), zone))
    anyone_known_long = conn.execute(
        select(c.customer_id).where(c.created_at < known_long).limit(1)
    ).first()
    if anyone_known_long is None:
        moved = union(select(drops.c.customer_id).where(dropped), select(payouts.c.customer_id))
        query = (
            select(*columns, *signals, literal(0).label("no_contact"), literal(0).label("inactive"))
            .select_from(customers_table)
            .outerjoin(drops, drops.c.customer_id == c.customer_id)
            .outerjoin(payouts, payouts.c.customer_id == c.customer_id)
            .where(c.customer_id.in_(moved), c.created_at < w.end, *filters)
        )
        return conn.execute(query).all()
    k = contacts_table.c
    held_start, _ = window(w.day, tiers, zone)
    held = held_peaks(held_start, w.end)
    aum = held_aum(held)
    last_contact = (
        select(k.customer_id, func.max(k.at).label("at"))
        .where(k.outcome == "reached", k.at < w.end)
        .group_by(k.customer_id)
        .subquery("last_contact")
    )
    events = _activity(w)
    recent = select(events.c.customer_id).distinct().subquery("recent")
    silent_once = _tier_moment(
        aum, tiers, {n: day_start(w.day - timedelta(days=d), zone) for n, d in cadence.items()}
    )
    silent_twice = _tier_moment(
        aum,
        tiers,
        {n: day_start(w.day - timedelta(days=2 * d - 1), zone) for n, d in cadence.items()},
    )
    silent_since = func.coalesce(last_contact.c.at, c.created_at)
    silent_points = case(
        (silent_since < silent_twice, rules_.SILENT_TWICE),
        (silent_since < silent_once, rules_.SILENT),
        else_=0,
    )
    idle = (c.created_at < w.idle_start) & recent.c.customer_id.is_(None)
    idle_points = case((idle, rules_.INACTIVE), else_=0)
    query = (
        select(*columns, *signals, silent_points.label("no_contact"), idle_points.label("inactive"))
        .select_from(customers_table)
        .outerjoin(held, held.c.customer_id == c.customer_id)
        .outerjoin(last_contact, last_contact.c.customer_id == c.customer_id)
        .outerjoin(recent, recent.c.customer_id == c.customer_id)
        .outerjoin(drops, drops.c.customer_id == c.customer_id)
        .outerjoin(payouts, payouts.c.customer_id == c.customer_id)
        .where(
            c.created_at < w.end,
            or_(silent_since < silent_once, idle, dropped, payouts.c.customer_id.is_not(None)),
            *filters,
        )
    )
    return conn.execute(query).all()


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
    filters = customer_filters(rm_code, branch)
    with engine.connect() as conn:
        w = _window(conn, day, rules, zone)
        rows = _points(conn, w, rules, tiers, zone, filters)
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
        customers = _explain(conn, w, [r[2] for r in shown], rules, tiers, zone)
    return ChurnList(
        date=day,
        at_risk=len(ranked),
        by_reason={code: n for code, n in by_reason.items() if n},
        customers=customers,
        by_rm=by_rm,
    )


def _explain(
    conn: Connection,
    w: _Window,
    customer_ids: list[str],
    rules: ChurnRules,
    tiers: TierRules,
    zone: tzinfo,
) -> list[ChurnRisk]:
    """The listed customers in full, each with the reasons the rules give."""
    if not customer_ids:
        return []
    c = customers_table.c
    k = contacts_table.c
    held_start, _ = window(w.day, tiers, zone)
    held = held_peaks(held_start, w.end)
    moves = aum_moves(conn, w.drop_start, w.end, customer_ids)
    payouts = paid_out(conn, w.payout_first, w.payout_last, w.end, customer_ids)
    people, last_contact, last_activity = {}, {}, {}
    for offset in range(0, len(customer_ids), 900):
        chunk = customer_ids[offset : offset + 900]
        query = (
            select(c.customer_id, c.name, c.rm_code, c.branch, c.aum_cents, c.created_at)
            .add_columns(held_aum(held).label("held_aum"))
            .outerjoin(held, held.c.customer_id == c.customer_id)
            .where(c.customer_id.in_(chunk))
        )
        people.update((row.customer_id, row) for row in conn.execute(query))
        contacted = (
            select(k.customer_id, func.max(k.at))
            .where(k.customer_id.in_(chunk), k.outcome == "reached", k.at < w.end)
            .group_by(k.customer_id)
        )
        last_contact.update(conn.execute(contacted).all())
        events = _activity(w)
        latest = (
            select(events.c.customer_id, func.max(events.c.at))
            .where(events.c.customer_id.in_(chunk))
            .group_by(events.c.customer_id)
        )
        last_activity.update(conn.execute(latest).all())
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
        reasons = reasons_for(facts, w.day, rules)
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
