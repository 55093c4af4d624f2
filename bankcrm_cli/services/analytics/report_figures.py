"""The figures the reports are made of: follow-ups, complaints, contacts, maturities, customer
changes, churn and tiers, each a JSON-shaped mapping (amounts in yuan, dates ISO).

A report is one document built from these, rendered to every format from that same document
(render/reports.py), so every format shows the same figures.
"""

from __future__ import annotations

import statistics
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, timedelta, tzinfo
from decimal import Decimal
from typing import Any

from sqlalchemy import Engine

from bankcrm_cli.domain.churn import ChurnRules
from bankcrm_cli.domain.complaints import OPEN_STATUSES
from bankcrm_cli.domain.followups import FollowupKind
from bankcrm_cli.domain.products import PRODUCT_LABELS
from bankcrm_cli.domain.segments import TierRules
from bankcrm_cli.services.analytics.day_bounds import day_end, day_start
from bankcrm_cli.services.followups import FollowupRules
from bankcrm_cli.store.queries import reports as queries

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


def yuan(cents: int | Decimal | None) -> float:
    # int(): a PostgreSQL SUM of bigint cents is numeric and arrives as a Decimal, which would
    # stay a Decimal here and reach JSON as a string.
    return round(int(cents or 0) / 100, 2)


def scope(context: ReportContext) -> dict[str, str | None]:
    """The --rm/--branch a report is for."""
    return {"rm": context.rm_code, "branch": context.branch}


def header(kind: str, context: ReportContext, title: str) -> dict[str, Any]:
    """The keys every report document starts with."""
    return {
        "report": kind,
        "title": title,
        "bank": context.bank,
        "date": context.day.isoformat(),
        "scope": scope(context),
    }


def rm_label(code: str | None) -> str:
    """An RM code, or NO_RM for customers without one."""
    return code or NO_RM


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
        by_rm.setdefault(rm_label(item.rm_code), Counter())[item.kind] += 1
    return {
        "covers": [d.isoformat() for d in result.covers],
        "by_kind": in_kind_order(by_kind),
        "by_rm": {rm: in_kind_order(counts) for rm, counts in sorted(by_rm.items())},
        "total": len(result.items),
    }


def in_kind_order(counts: Mapping[str, int]) -> dict[str, int]:
    """Counts by follow-up kind, in the order follow-ups list them; kinds with none left out,
    so the mapping equals a count of the `crm followups today` items."""
    return {kind.value: counts[kind] for kind in FollowupKind if counts.get(kind)}


def complaint_row(row) -> dict[str, Any]:
    return {
        "id": row.id,
        "customer_id": row.customer_id,
        "name": row.name,
        "rm": rm_label(row.rm_code),
        "category": row.category,
        "status": row.status,
        "received_on": row.received_on.isoformat(),
        "due_date": row.due_date.isoformat(),
    }


def complaint_figures(engine: Engine, context: ReportContext, day: date) -> dict[str, Any]:
    """Open complaints, those due within 2 days, overdue, and breaches of the last 30 days."""
    soon = day + timedelta(days=DUE_SOON_DAYS)
    first_breach_day = day - timedelta(days=BREACH_LOOKBACK_DAYS - 1)
    where = (context.rm_code, context.branch)
    with engine.connect() as conn:
        open_rows = queries.complaints_in_status(conn, OPEN_STATUSES, *where)
        breached = queries.complaints_breached_between(conn, first_breach_day, day, *where)
    due_soon = [r for r in open_rows if day <= r.due_date <= soon]
    overdue = [r for r in open_rows if r.due_date < day]
    return {
        "open": len(open_rows),
        "due_soon": len(due_soon),
        "overdue": len(overdue),
        "breached": len(breached),
        "due_soon_list": [complaint_row(r) for r in due_soon],
        "overdue_list": [complaint_row(r) for r in overdue],
        "breached_list": [
            {**complaint_row(r), "breached_on": r.breached_on.isoformat()} for r in breached
        ],
    }


def contact_figures(engine: Engine, context: ReportContext, first: date, last: date):
    """Contacts logged in [first, last] (bank days), per RM who logged them."""
    start, end = day_start(first, context.zone), day_end(last, context.zone)
    with engine.connect() as conn:
        rows = queries.contacts_per_actor(conn, start, end, context.rm_code, context.branch)
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


def maturity_figures(
    engine: Engine, context: ReportContext, first: date, last: date
) -> dict[str, Any]:
    """Maturities in [first, last]: count, amount per currency, by product and by week."""
    with engine.connect() as conn:
        rows = queries.maturities_between(conn, first, last, context.rm_code, context.branch)
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
        week["amount_cny"] = yuan(cents)
    return {
        "from": first.isoformat(),
        "to": last.isoformat(),
        "count": count,
        "amount": {cur: yuan(cents) for cur, cents in sorted(amount.items())},
        "by_product": [
            {
                "product_type": product or None,
                "label": PRODUCT_LABELS.get(product, product or "未分类"),
                "currency": currency,
                "count": n,
                "amount": yuan(cents),
            }
            for (product, currency), (n, cents) in sorted(by_product.items())
        ],
        "by_week": by_week,
    }


def customer_changes(engine: Engine, context: ReportContext, first: date, last: date):
    """Customers whose store records were created, or changed, in [first, last]."""
    start, end = day_start(first, context.zone), day_end(last, context.zone)
    with engine.connect() as conn:
        new, touched = queries.customers_created_and_touched(
            conn, start, end, context.rm_code, context.branch
        )
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
        "by_rm": {
            rm_label(code): n
            for code, n in sorted(risks.by_rm.items(), key=lambda i: rm_label(i[0]))
        },
        "top": [
            {
                "customer_id": r.customer_id,
                "name": r.name,
                "rm": rm_label(r.rm_code),
                "tier": r.tier,
                "aum": yuan(r.aum_cents) if r.aum_cents is not None else None,
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
        "aum": yuan(summary.aum_cents),
        "downgrade_months": summary.downgrade_months,
        "tiers": [
            {
                "tier": row.tier,
                "floor": row.floor_yuan,
                "customers": row.customers,
                "aum": yuan(row.aum_cents),
                "held_above_aum": row.held_above_aum,
            }
            for row in summary.tiers
        ],
    }


def complaint_period(
    engine: Engine, context: ReportContext, first: date | None, last: date
) -> dict[str, Any]:
    """Complaints received in [first, last]: the figures of `crm complaints stats --since`."""
    from bankcrm_cli.domain.complaints import handling_days

    with engine.connect() as conn:
        rows = queries.complaints_received_between(
            conn, first, last, context.rm_code, context.branch
        )
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
                **complaint_row(r),
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
    with engine.connect() as conn:
        rows = queries.complaints_moved_between(conn, first, last, context.rm_code, context.branch)

    def within(day: date | None) -> bool:
        return day is not None and first <= day <= last

    return {
        "received": sum(within(r.received_on) for r in rows),
        "resolved": sum(within(r.resolved_on) for r in rows),
        "breached": sum(bool(r.breached) and within(r.breached_on) for r in rows),
    }
