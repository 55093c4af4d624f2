"""Reports for people who read them in the morning: daily, weekly, complaints, portfolio.

A report is built once as one JSON-shaped document (amounts in yuan, dates ISO), then rendered
to JSON, CSV, Markdown or self-contained HTML from that same document, so every format shows
the same figures. Rendering gives bytes and a subject line: writing them to a file, stdout or an
e-mail is the caller's business.
"""

from __future__ import annotations

import statistics
from collections import Counter
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from datetime import date, timedelta, tzinfo
from decimal import Decimal
from typing import Any

from sqlalchemy import Engine, case, func, select

from bankcrm_cli.domain.churn import ChurnRules
from bankcrm_cli.domain.errors import UsageError
from bankcrm_cli.domain.products import PRODUCT_LABELS
from bankcrm_cli.domain.segments import TierRules
from bankcrm_cli.services.analytics.day_bounds import day_end, day_start, local_day
from bankcrm_cli.services.followups import KINDS, FollowupRules
from bankcrm_cli.services.analytics.segments import customer_filters
from bankcrm_cli.store.tables import (
    complaints_table,
    contacts_table,
    customers_table,
    followup_actions_table,
    holdings_table,
    rms_table,
)

REPORT_KINDS = ("daily", "weekly", "complaints", "portfolio")
FORMATS = ("md", "html", "csv", "json")
OPEN_STATUSES = ("open", "acknowledged", "in_progress")
DUE_SOON_DAYS = 2
BREACH_LOOKBACK_DAYS = 30
MATURITY_DAYS = 30
CHURN_TOP = 20
NO_RM = "(none)"


@dataclass(frozen=True)
class ReportContext:
    """Everything a report needs besides the store: the rules and where the bank is."""

    day: date
    zone: tzinfo
    bank: str
    followups: FollowupRules
    tiers: TierRules
    churn: ChurnRules
    rm_code: str | None = None
    branch: str | None = None
    since: date | None = None


@dataclass(frozen=True)
class Rendered:
    """A report ready to deliver."""

    kind: str
    format: str
    subject: str
    content: bytes
    media_type: str

    @property
    def suffix(self) -> str:
        return "." + self.format


def _yuan(cents: int | Decimal | None) -> float:
    # int(): a PostgreSQL SUM of bigint cents is numeric and arrives as a Decimal, which would
    # stay a Decimal here and reach JSON as a string.
    return round(int(cents or 0) / 100, 2)


def _scope(context: ReportContext) -> dict[str, str | None]:
    return {"rm": context.rm_code, "branch": context.branch}


def _rm(code: str | None) -> str:
    return code or NO_RM


# ---------------------------------------------------------------------------------------------
# Figures shared by the reports.


def followup_counts(engine: Engine, context: ReportContext, day: date) -> dict[str, Any]:
    """Follow-ups of the day by kind and by RM: the same items `crm followups today` lists."""
    from bankcrm_cli.services.followups import followups_on

    result = followups_on(
        engine, day, context.followups, rm_code=context.rm_code, branch=context.branch
    )
    by_kind: Counter[str] = Counter()
    by_rm: dict[str, Counter[str]] = {}
    for item in result.items:
        by_kind[item.kind] += 1
        by_rm.setdefault(_rm(item.rm_code), Counter())[item.kind] += 1
    return {
        "covers": [d.isoformat() for d in result.covers],
        "by_kind": _in_kind_order(by_kind),
        "by_rm": {rm: _in_kind_order(counts) for rm, counts in sorted(by_rm.items())},
        "total": len(result.items),
    }


def _in_kind_order(counts: Mapping[str, int]) -> dict[str, int]:
    """Counts by follow-up kind, in the order follow-ups list them; kinds with none left out,
    so the mapping equals a count of the `crm followups today` items."""
    return {kind: counts[kind] for kind in KINDS if counts.get(kind)}


def _joined_complaints(context: ReportContext):
    t = complaints_table.c
    c = customers_table.c
    return (
        select(
            t.id,
            t.customer_id,
            c.name,
            c.rm_code,
            t.category,
            t.channel,
            t.status,
            t.received_on,
            t.due_date,
            t.resolved_on,
            t.breached,
            t.breached_on,
        )
        .join(customers_table, c.customer_id == t.customer_id)
        .where(*customer_filters(context.rm_code, context.branch))
    )


def _complaint_row(row) -> dict[str, Any]:
    return {
        "id": row.id,
        "customer_id": row.customer_id,
        "name": row.name,
        "rm": _rm(row.rm_code),
        "category": row.category,
        "status": row.status,
        "received_on": row.received_on.isoformat(),
        "due_date": row.due_date.isoformat(),
    }


def complaint_figures(engine: Engine, context: ReportContext, day: date) -> dict[str, Any]:
    """Open complaints, those due within 2 days, overdue, and breaches of the last 30 days."""
    t = complaints_table.c
    base = _joined_complaints(context)
    still_open = t.status.in_(OPEN_STATUSES)
    soon = day + timedelta(days=DUE_SOON_DAYS)
    first_breach_day = day - timedelta(days=BREACH_LOOKBACK_DAYS - 1)
    with engine.connect() as conn:
        open_rows = conn.execute(base.where(still_open).order_by(t.due_date, t.id)).all()
        breached = conn.execute(
            base.where(t.breached.is_(True), t.breached_on.between(first_breach_day, day)).order_by(
                t.breached_on, t.id
            )
        ).all()
    due_soon = [r for r in open_rows if day <= r.due_date <= soon]
    overdue = [r for r in open_rows if r.due_date < day]
    return {
        "open": len(open_rows),
        "due_soon": len(due_soon),
        "overdue": len(overdue),
        "breached": len(breached),
        "due_soon_list": [_complaint_row(r) for r in due_soon],
        "overdue_list": [_complaint_row(r) for r in overdue],
        "breached_list": [
            {**_complaint_row(r), "breached_on": r.breached_on.isoformat()} for r in breached
        ],
    }


def contact_figures(engine: Engine, context: ReportContext, first: date, last: date):
    """Contacts logged in [first, last] (bank days), per RM who logged them."""
    k = contacts_table.c
    c = customers_table.c
    query = (
        select(k.actor, func.count(), func.sum(_is(k.outcome == "reached")))
        .join(customers_table, c.customer_id == k.customer_id)
        .where(
            k.at >= day_start(first, context.zone),
            k.at < day_end(last, context.zone),
            *customer_filters(context.rm_code, context.branch),
        )
        .group_by(k.actor)
        .order_by(k.actor)
    )
    with engine.connect() as conn:
        rows = conn.execute(query).all()
    by_rm = [
        {"rm": actor, "contacts": count, "reached": int(reached or 0)}
        for actor, count, reached in rows
    ]
    total = sum(r["contacts"] for r in by_rm)
    reached = sum(r["reached"] for r in by_rm)
    return {
        "from": first.isoformat(),
        "to": last.isoformat(),
        "total": total,
        "reached": reached,
        "reached_rate": round(reached / total, 4) if total else None,
        "by_rm": by_rm,
    }


def _is(condition):
    return case((condition, 1), else_=0)


def maturity_figures(
    engine: Engine, context: ReportContext, first: date, last: date
) -> dict[str, Any]:
    """Maturities in [first, last]: count, amount per currency, by product and by week."""
    h = holdings_table.c
    c = customers_table.c
    filters = customer_filters(context.rm_code, context.branch)
    query = select(
        h.maturity_date, h.product_type, h.currency, func.count(), func.sum(h.amount_cents)
    ).where(h.maturity_date.between(first, last))
    if filters:
        query = query.join(customers_table, c.customer_id == h.customer_id).where(*filters)
    query = query.group_by(h.maturity_date, h.product_type, h.currency)
    with engine.connect() as conn:
        rows = conn.execute(query).all()
    amount: Counter[str] = Counter()
    by_product: dict[tuple[str, str], list[int]] = {}
    weeks = (last - first).days // 7 + 1
    by_week = [
        {"from": (first + timedelta(days=7 * i)).isoformat(), "count": 0, "amount_cny": 0.0}
        for i in range(weeks)
    ]
    week_cents = [0] * weeks
    count = 0
    for due, product, currency, n, cents in rows:
        count += n
        amount[currency] += int(cents or 0)
        entry = by_product.setdefault((product or "", currency), [0, 0])
        entry[0] += n
        entry[1] += int(cents or 0)
        week = (due - first).days // 7
        by_week[week]["count"] += n
        if currency == "CNY":
            week_cents[week] += int(cents or 0)
    for week, cents in zip(by_week, week_cents, strict=True):
        week["amount_cny"] = _yuan(cents)
    return {
        "from": first.isoformat(),
        "to": last.isoformat(),
        "count": count,
        "amount": {cur: _yuan(cents) for cur, cents in sorted(amount.items())},
        "by_product": [
            {
                "product_type": product or None,
                "label": PRODUCT_LABELS.get(product, product or "未分类"),
                "currency": currency,
                "count": n,
                "amount": _yuan(cents),
            }
            for (product, currency), (n, cents) in sorted(by_product.items())
        ],
        "by_week": by_week,
    }


def customer_changes(engine: Engine, context: ReportContext, first: date, last: date):
    """Customers whose store records were created, or changed, in [first, last]."""
    c = customers_table.c
    start, end = day_start(first, context.zone), day_end(last, context.zone)
    query = select(func.sum(_is(c.created_at >= start)), func.count()).where(
        c.updated_at >= start,
        c.updated_at < end,
        c.created_at < end,
        *customer_filters(context.rm_code, context.branch),
    )
    with engine.connect() as conn:
        new, touched = conn.execute(query).one()
    new = int(new or 0)
    return {"from": first.isoformat(), "to": last.isoformat(), "new": new, "changed": touched - new}


def churn_figures(
    engine: Engine,
    context: ReportContext,
    day: date,
    top: int | None,
    top_per_rm: int | None = None,
):
    from bankcrm_cli.services.analytics.churn import churn_risks

    risks = churn_risks(
        engine,
        day,
        context.churn,
        context.tiers,
        context.zone,
        top=top,
        top_per_rm=top_per_rm,
        rm_code=context.rm_code,
        branch=context.branch,
    )
    return {
        "at_risk": risks.at_risk,
        "by_reason": risks.by_reason,
        "by_rm": {_rm(code): n for code, n in sorted(risks.by_rm.items(), key=lambda i: _rm(i[0]))},
        "top": [
            {
                "customer_id": r.customer_id,
                "name": r.name,
                "rm": _rm(r.rm_code),
                "tier": r.tier,
                "aum": _yuan(r.aum_cents) if r.aum_cents is not None else None,
                "score": r.score,
                "reasons": [
                    {"code": x.code, "points": x.points, "detail": x.detail} for x in r.reasons
                ],
            }
            for r in risks.customers
        ],
    }


def tier_figures(engine: Engine, context: ReportContext, day: date) -> dict[str, Any]:
    from bankcrm_cli.services.analytics.segments import tier_summary

    summary = tier_summary(
        engine, day, context.tiers, context.zone, rm_code=context.rm_code, branch=context.branch
    )
    return {
        "customers": summary.customers,
        "aum": _yuan(summary.aum_cents),
        "downgrade_months": summary.downgrade_months,
        "tiers": [
            {
                "tier": row.tier,
                "floor": row.floor_yuan,
                "customers": row.customers,
                "aum": _yuan(row.aum_cents),
                "held_above_aum": row.held_above_aum,
            }
            for row in summary.tiers
        ],
    }


# ---------------------------------------------------------------------------------------------
# The reports.


def _header(kind: str, context: ReportContext, title: str) -> dict[str, Any]:
    return {
        "report": kind,
        "title": title,
        "bank": context.bank,
        "date": context.day.isoformat(),
        "scope": _scope(context),
    }


def daily_report(engine: Engine, context: ReportContext) -> dict[str, Any]:
    """The morning report: the day's work, complaints, yesterday's contacts, what matures."""
    day = context.day
    yesterday = day - timedelta(days=1)
    followups = followup_counts(engine, context, day)
    return {
        **_header("daily", context, "日报 Daily report"),
        "covers": followups["covers"],
        "followups": followups["by_kind"],
        "followups_by_rm": followups["by_rm"],
        "complaints": complaint_figures(engine, context, day),
        "contacts_yesterday": contact_figures(engine, context, yesterday, yesterday),
        "maturities_30d": maturity_figures(
            engine, context, day, day + timedelta(days=MATURITY_DAYS)
        ),
        "customers": customer_changes(engine, context, yesterday, yesterday),
        "churn": churn_figures(engine, context, day, CHURN_TOP),
    }


def _change(now: float | int | None, before: float | int | None) -> dict[str, Any]:
    delta = None if now is None or before is None else round(now - before, 4)
    return {"this_week": now, "last_week": before, "change": delta}


def _done_followups(engine: Engine, context: ReportContext, first: date, last: date):
    """Follow-ups marked done in [first, last] per RM who did them, and how many in time."""
    a = followup_actions_table.c
    k = contacts_table.c
    start, end = day_start(first, context.zone), day_end(last, context.zone)
    with engine.connect() as conn:
        actions = conn.execute(
            select(a.item_id, a.kind, a.actor, a.at).where(
                a.action == "done", a.at >= start, a.at < end
            )
        ).all()
        closed = conn.execute(
            select(
                k.id, k.customer_id, k.next_date, k.callback_closed_at, k.callback_closed_by
            ).where(k.callback_closed_at >= start, k.callback_closed_at < end)
        ).all()
        closers = dict(
            conn.execute(
                select(k.id, k.actor).where(
                    k.id.in_([r.callback_closed_by for r in closed if r.callback_closed_by])
                )
            ).all()
        )
        customers = _customers_in_scope(conn, context)
        done: dict[str, list[int]] = {}
        seen_callbacks: set[int] = set()
        for item_id, kind, actor, at in actions:
            customer, due = _item_customer_and_due(conn, item_id, kind)
            if customers is not None and customer not in customers:
                continue
            if kind == "callback":
                seen_callbacks.add(int(item_id.partition(":")[2]))
            entry = done.setdefault(actor, [0, 0])
            entry[0] += 1
            if due is None or local_day(at, context.zone) <= due:
                entry[1] += 1
    for row in closed:
        if row.id in seen_callbacks or row.callback_closed_by is None:
            continue
        if customers is not None and row.customer_id not in customers:
            continue
        actor = closers.get(row.callback_closed_by)
        entry = done.setdefault(actor or NO_RM, [0, 0])
        entry[0] += 1
        if (
            row.next_date is None
            or local_day(row.callback_closed_at, context.zone) <= row.next_date
        ):
            entry[1] += 1
    return done


def _item_customer_and_due(conn, item_id: str, kind: str) -> tuple[str | None, date | None]:
    """The customer and due date a follow-up id names (ids carry them, except call-backs)."""
    _, _, rest = item_id.partition(":")
    if kind in ("birthday", "maturity"):
        key, _, when = rest.rpartition(":")
        try:
            due = date.fromisoformat(when)
        except ValueError:
            due = None
        if kind == "birthday":
            return key, due
        h = holdings_table.c
        customer = conn.execute(select(h.customer_id).where(h.account_id == key)).scalar()
        return customer, due
    if kind == "callback" and rest.isdigit():
        k = contacts_table.c
        row = conn.execute(select(k.customer_id, k.next_date).where(k.id == int(rest))).first()
        return (row.customer_id, row.next_date) if row else (None, None)
    return None, None


def _customers_in_scope(conn, context: ReportContext) -> set[str] | None:
    filters = customer_filters(context.rm_code, context.branch)
    if not filters:
        return None
    c = customers_table.c
    return set(conn.execute(select(c.customer_id).where(*filters)).scalars())


def weekly_report(engine: Engine, context: ReportContext) -> dict[str, Any]:
    """The week just ended (the 7 days before the report day) against the week before."""
    day = context.day
    first, last = day - timedelta(days=7), day - timedelta(days=1)
    before_first, before_last = day - timedelta(days=14), day - timedelta(days=8)
    contacts = contact_figures(engine, context, first, last)
    contacts_before = contact_figures(engine, context, before_first, before_last)
    customers = customer_changes(engine, context, first, last)
    customers_before = customer_changes(engine, context, before_first, before_last)
    matured = maturity_figures(engine, context, first, last)
    matured_before = maturity_figures(engine, context, before_first, before_last)
    complaints = complaint_events(engine, context, first, last)
    complaints_before = complaint_events(engine, context, before_first, before_last)
    churn = churn_figures(engine, context, day, CHURN_TOP)
    churn_before = churn_figures(engine, context, first, 0)
    done = _done_followups(engine, context, first, last)
    done_before = _done_followups(engine, context, before_first, before_last)
    ahead = _followups_ahead(engine, context, day, 7)
    league = _league(contacts, done)
    return {
        **_header("weekly", context, "周报 Weekly report"),
        "week": {"from": first.isoformat(), "to": last.isoformat()},
        "previous_week": {"from": before_first.isoformat(), "to": before_last.isoformat()},
        "contacts": {
            "total": _change(contacts["total"], contacts_before["total"]),
            "reached": _change(contacts["reached"], contacts_before["reached"]),
            "reached_rate": _change(contacts["reached_rate"], contacts_before["reached_rate"]),
        },
        "customers": {
            "new": _change(customers["new"], customers_before["new"]),
            "changed": _change(customers["changed"], customers_before["changed"]),
        },
        "complaints": {
            key: _change(complaints[key], complaints_before[key])
            for key in ("received", "resolved", "breached")
        }
        | {"open_now": complaint_figures(engine, context, day)["open"]},
        "matured": {
            "count": _change(matured["count"], matured_before["count"]),
            "amount": matured["amount"],
            "amount_last_week": matured_before["amount"],
        },
        "followups_done": {
            "total": _change(
                sum(v[0] for v in done.values()), sum(v[0] for v in done_before.values())
            ),
            "on_time": _change(
                sum(v[1] for v in done.values()), sum(v[1] for v in done_before.values())
            ),
        },
        "followups_ahead": ahead,
        "maturities_30d": maturity_figures(
            engine, context, day, day + timedelta(days=MATURITY_DAYS)
        ),
        "churn": {**churn, "at_risk_last_week": churn_before["at_risk"]},
        "segments": tier_figures(engine, context, day),
        "league": league,
    }


def _followups_ahead(engine: Engine, context: ReportContext, day: date, days: int):
    from bankcrm_cli.services.followups import upcoming

    grouped = upcoming(
        engine, day, days, context.followups, rm_code=context.rm_code, branch=context.branch
    )
    counts = Counter(item.kind for items in grouped.values() for item in items)
    return {"from": day.isoformat(), "days": days, "by_kind": _in_kind_order(counts)}


def _league(contacts: Mapping[str, Any], done: Mapping[str, list[int]]) -> list[dict[str, Any]]:
    """RM activity: contacts, reached rate, follow-ups done and done on time; most active first."""
    rows: dict[str, dict[str, Any]] = {}
    for entry in contacts["by_rm"]:
        rows[entry["rm"]] = {
            "rm": entry["rm"],
            "contacts": entry["contacts"],
            "reached": entry["reached"],
        }
    for rm, (total, on_time) in done.items():
        rows.setdefault(rm, {"rm": rm, "contacts": 0, "reached": 0})
        rows[rm]["followups_done"] = total
        rows[rm]["done_on_time"] = on_time
    league = []
    for row in rows.values():
        row.setdefault("followups_done", 0)
        row.setdefault("done_on_time", 0)
        row["reached_rate"] = (
            round(row["reached"] / row["contacts"], 4) if row["contacts"] else None
        )
        row["on_time_rate"] = (
            round(row["done_on_time"] / row["followups_done"], 4) if row["followups_done"] else None
        )
        league.append(row)
    league.sort(key=lambda r: (-r["contacts"], -r["followups_done"], r["rm"]))
    return league


def complaint_period(
    engine: Engine, context: ReportContext, first: date | None, last: date
) -> dict[str, Any]:
    """Complaints received in [first, last]: the figures of `crm complaints stats --since`."""
    from bankcrm_cli.domain.complaints import handling_days

    t = complaints_table.c
    query = _joined_complaints(context).where(t.received_on <= last)
    if first is not None:
        query = query.where(t.received_on >= first)
    with engine.connect() as conn:
        rows = conn.execute(query.order_by(t.received_on, t.id)).all()
    resolved = [r for r in rows if r.resolved_on is not None]
    days = [handling_days(r.received_on, r.resolved_on) for r in resolved]
    breached = [r for r in rows if r.breached]
    categories: dict[str, list[int]] = {}
    for row in rows:
        entry = categories.setdefault(row.category, [0, 0, 0])
        entry[0] += 1
        entry[1] += row.resolved_on is not None
        entry[2] += bool(row.breached)
    return {
        "from": first.isoformat() if first else None,
        "to": last.isoformat(),
        "received": len(rows),
        "resolved": len(resolved),
        "breached": len(breached),
        "within_deadline_rate": round(1 - len(breached) / len(resolved), 4) if resolved else None,
        "breach_rate": round(len(breached) / len(resolved), 4) if resolved else None,
        "median_handling_days": statistics.median(days) if days else None,
        "by_category": [
            {"category": name, "received": n, "resolved": done, "breached": late}
            for name, (n, done, late) in sorted(categories.items(), key=lambda i: (-i[1][0], i[0]))
        ],
        "by_channel": dict(Counter(r.channel for r in rows).most_common()),
        "breached_cases": [
            {
                **_complaint_row(r),
                "resolved_on": r.resolved_on.isoformat() if r.resolved_on else None,
                "breached_on": r.breached_on.isoformat() if r.breached_on else None,
                "days_late": (r.breached_on - r.due_date).days if r.breached_on else None,
            }
            for r in breached
        ],
    }


def complaint_events(
    engine: Engine, context: ReportContext, first: date, last: date
) -> dict[str, int]:
    """Complaints received, resolved and breached on days in [first, last]."""
    t = complaints_table.c
    query = _joined_complaints(context).where(
        (t.received_on.between(first, last))
        | (t.resolved_on.between(first, last))
        | (t.breached_on.between(first, last))
    )
    with engine.connect() as conn:
        rows = conn.execute(query).all()

    def within(day: date | None) -> bool:
        return day is not None and first <= day <= last

    return {
        "received": sum(within(r.received_on) for r in rows),
        "resolved": sum(within(r.resolved_on) for r in rows),
        "breached": sum(bool(r.breached) and within(r.breached_on) for r in rows),
    }


def quarter_start(day: date) -> date:
    return date(day.year, 3 * ((day.month - 1) // 3) + 1, 1)


def complaints_report(engine: Engine, context: ReportContext) -> dict[str, Any]:
    """The regulator-facing view: received, resolved, in time, handling days, breaches."""
    since = context.since or quarter_start(context.day)
    if since > context.day:
        raise UsageError(f"--since {since} is after --date {context.day}")
    period = complaint_period(engine, context, since, context.day)
    now = complaint_figures(engine, context, context.day)
    return {
        **_header("complaints", context, "投诉报告 Complaints report"),
        "period": {"from": since.isoformat(), "to": context.day.isoformat()},
        **{key: value for key, value in period.items() if key not in ("from", "to")},
        "open_now": now["open"],
        "overdue_now": now["overdue"],
        "overdue_list": now["overdue_list"],
    }


def portfolio_report(engine: Engine, context: ReportContext) -> dict[str, Any]:
    """Per RM: customers by tier, AUM, holdings mix, maturities ahead, churn risk."""
    from bankcrm_cli.services.analytics.segments import held_aum, held_peaks, tier_case, window

    day = context.day
    c = customers_table.c
    h = holdings_table.c
    r = rms_table.c
    filters = customer_filters(context.rm_code, context.branch)
    start, end = window(day, context.tiers, context.zone)
    held = held_peaks(start, end)
    tier = tier_case(held_aum(held), context.tiers).label("tier")
    tiers_query = (
        select(c.rm_code, tier, func.count(), func.sum(c.aum_cents))
        .select_from(customers_table)
        .outerjoin(held, held.c.customer_id == c.customer_id)
        .where(c.created_at < end, *filters)
        .group_by(c.rm_code, tier)
    )
    mix_query = (
        select(c.rm_code, h.product_type, h.currency, func.count(), func.sum(h.amount_cents))
        .join(customers_table, c.customer_id == h.customer_id)
        .where(*filters)
        .group_by(c.rm_code, h.product_type, h.currency)
    )
    horizon = day + timedelta(days=90)
    ahead_query = (
        select(
            c.rm_code,
            h.currency,
            func.sum(_is(h.maturity_date <= day + timedelta(days=MATURITY_DAYS))),
            func.sum(_is(h.maturity_date <= day + timedelta(days=MATURITY_DAYS)) * h.amount_cents),
            func.count(),
            func.sum(h.amount_cents),
        )
        .join(customers_table, c.customer_id == h.customer_id)
        .where(h.maturity_date.between(day, horizon), *filters)
        .group_by(c.rm_code, h.currency)
    )
    with engine.connect() as conn:
        tier_rows = conn.execute(tiers_query).all()
        mix_rows = conn.execute(mix_query).all()
        ahead_rows = conn.execute(ahead_query).all()
        names = dict(conn.execute(select(r.rm_code, r.name)).all())
    churn = churn_figures(engine, context, day, None, top_per_rm=5)
    rms: dict[str, dict[str, Any]] = {}

    def entry(code: str | None) -> dict[str, Any]:
        key = _rm(code)
        return rms.setdefault(
            key,
            {
                "rm": key,
                "name": names.get(code),
                "customers": 0,
                "aum": 0.0,
                "tiers": {},
                "holdings_mix": [],
                "maturities_30d": {"count": 0, "amount": {}},
                "maturities_90d": {"count": 0, "amount": {}},
                "at_risk": 0,
                "top_risks": [],
            },
        )

    aum_cents: Counter[str] = Counter()
    for code, tier_name, count, cents in tier_rows:
        row = entry(code)
        row["customers"] += count
        row["tiers"][tier_name or "未知"] = row["tiers"].get(tier_name or "未知", 0) + count
        aum_cents[row["rm"]] += int(cents or 0)
    for key, cents in aum_cents.items():
        rms[key]["aum"] = _yuan(cents)
    for code, product, currency, count, cents in mix_rows:
        entry(code)["holdings_mix"].append(
            {
                "product_type": product,
                "label": PRODUCT_LABELS.get(product, product or "未分类"),
                "currency": currency,
                "count": count,
                "amount": _yuan(cents),
            }
        )
    for code, currency, n30, cents30, n90, cents90 in ahead_rows:
        row = entry(code)
        row["maturities_30d"]["count"] += int(n30 or 0)
        row["maturities_90d"]["count"] += n90
        if n30:
            row["maturities_30d"]["amount"][currency] = _yuan(cents30)
        row["maturities_90d"]["amount"][currency] = _yuan(cents90)
    for rm, count in churn["by_rm"].items():
        entry(None if rm == NO_RM else rm)["at_risk"] = count
    for risk in churn["top"]:
        entry(None if risk["rm"] == NO_RM else risk["rm"])["top_risks"].append(risk)
    from bankcrm_cli.domain.segments import tier_rank

    for row in rms.values():
        row["holdings_mix"].sort(key=lambda m: (-m["amount"], m["label"]))
        row["tiers"] = dict(sorted(row["tiers"].items(), key=lambda item: -tier_rank(item[0])))
    return {
        **_header("portfolio", context, "客户经理资产组合 Portfolio report"),
        "rms": [rms[key] for key in sorted(rms)],
        "segments": tier_figures(engine, context, day),
        "at_risk": churn["at_risk"],
    }


BUILDERS = {
    "daily": daily_report,
    "weekly": weekly_report,
    "complaints": complaints_report,
    "portfolio": portfolio_report,
}


def build_report(engine: Engine, kind: str, context: ReportContext) -> dict[str, Any]:
    """The report's document: one JSON-shaped dict."""
    if kind not in BUILDERS:
        raise UsageError(f"unknown report {kind!r}; reports: {', '.join(REPORT_KINDS)}")
    return BUILDERS[kind](engine, context)


# ---------------------------------------------------------------------------------------------
# Rendering.


def subject_for(document: Mapping[str, Any]) -> str:
    """The report's one-line title, e.g. for an e-mail: bank, report, period, scope."""
    if "week" in document:
        when = f"{document['week']['from']} – {document['week']['to']}"
    elif "period" in document:
        when = f"{document['period']['from']} – {document['period']['to']}"
    else:
        when = document["date"]
    scope = [v for v in (document["scope"]["rm"], document["scope"]["branch"]) if v]
    return " · ".join([f"{document['bank']} {document['title']} {when}", *scope])


def _environment():
    """The template sandbox over the built-in report templates; HTML is autoescaped."""
    from bankcrm_cli.render.templating import make_environment
    from bankcrm_cli.resources import templates_dir

    return make_environment(
        [templates_dir() / "reports"],
        filters={"num": _num, "pct": _pct, "signed": _signed},
        immutable=False,
    )


def _num(value: float | int | None) -> str:
    if value is None:
        return "—"
    return f"{value:,}" if isinstance(value, int) else f"{value:,.2f}"


def _pct(value: float | None) -> str:
    return "—" if value is None else f"{value:.1%}"


def _signed(value: float | int | None) -> str:
    if value is None:
        return "—"
    if isinstance(value, float):
        return f"{value:+.1%}" if abs(value) <= 1 else f"{value:+,.2f}"
    return f"{value:+,}"


def render_report(document: Mapping[str, Any], fmt: str) -> Rendered:
    """The report as bytes in `fmt` (md, html, csv, json), with a subject line for e-mail."""
    kind = document["report"]
    subject = subject_for(document)
    if fmt == "json":
        from bankcrm_cli.io.writers import dumps_json

        text = dumps_json(document, indent=2) + "\n"
        return Rendered(kind, fmt, subject, text.encode("utf-8"), "application/json")
    if fmt == "csv":
        import io

        from bankcrm_cli.io.writers import write_csv

        buffer = io.StringIO(newline="")
        write_csv(buffer, ["section", "key", "value"], flatten(document))
        return Rendered(kind, fmt, subject, buffer.getvalue().encode("utf-8-sig"), "text/csv")
    if fmt not in ("md", "html"):
        raise UsageError(f"unknown format {fmt!r}; use one of {', '.join(FORMATS)}")
    template = _environment().get_template(f"{kind}.{fmt}.j2")
    text = template.render(r=document, subject=subject).lstrip("\n")
    media = "text/html" if fmt == "html" else "text/markdown"
    return Rendered(kind, fmt, subject, text.encode("utf-8"), media)


_HEADER_KEYS = ("report", "title", "bank", "date")


def flatten(document: Mapping[str, Any]) -> Iterator[tuple[str, str, Any]]:
    """(section, key, value) rows: nested keys joined with dots, list items by their first
    value (a customer number, an RM code, a product) so rows read on their own."""
    for key in _HEADER_KEYS:
        yield ("report", key, document[key])
    for section, value in document.items():
        if section in _HEADER_KEYS:
            continue
        yield from _rows(section, "", value)


def _rows(section: str, prefix: str, value: Any) -> Iterator[tuple[str, str, Any]]:
    if isinstance(value, Mapping):
        for key, inner in value.items():
            yield from _rows(section, f"{prefix}.{key}" if prefix else str(key), inner)
    elif isinstance(value, list) and value and all(isinstance(v, Mapping) for v in value):
        for index, item in enumerate(value):
            first = next(iter(item.values()), index)
            label = first if isinstance(first, str | int) else index
            yield from _rows(section, f"{prefix}[{label}]" if prefix else f"[{label}]", item)
    elif isinstance(value, list):
        yield (section, prefix, "; ".join(str(v) for v in value))
    else:
        yield (section, prefix, value)
