"""The weekly report: the week just ended against the week before, the week ahead, and the
RM activity league."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from datetime import date, timedelta
from typing import Any

from sqlalchemy import Connection, Engine

from bankcrm_cli.domain.catalogue import t
from bankcrm_cli.domain.followups import FollowupId
from bankcrm_cli.services.analytics.day_bounds import day_end, day_start, local_day
from bankcrm_cli.services.analytics.report_figures import (
    CHURN_TOP,
    MATURITY_DAYS,
    NO_RM,
    ReportContext,
    churn_figures,
    complaint_events,
    complaint_figures,
    contact_figures,
    customer_changes,
    header,
    in_kind_order,
    maturity_figures,
    tier_figures,
)
from bankcrm_cli.services.campaigns.report import campaigns_section
from bankcrm_cli.store.queries import reports as queries


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
        **header("weekly", context, t("rep.title.weekly")),
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
        "campaigns": campaigns_section(engine, context, first, last),
    }


def _followups_ahead(engine: Engine, context: ReportContext, day: date, days: int):
    from bankcrm_cli.services.followups import upcoming

    grouped = upcoming(
        engine, day, days, context.followups, rm_code=context.rm_code, branch=context.branch
    )
    counts = Counter(item.kind for items in grouped.values() for item in items)
    return {"from": day.isoformat(), "days": days, "by_kind": in_kind_order(counts)}


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


def _change(now: float | int | None, before: float | int | None) -> dict[str, Any]:
    delta = None if now is None or before is None else round(now - before, 4)
    return {"this_week": now, "last_week": before, "change": delta}


def _done_followups(engine: Engine, context: ReportContext, first: date, last: date):
    """Follow-ups marked done in [first, last] per RM who did them, and how many in time."""
    start, end = day_start(first, context.zone), day_end(last, context.zone)
    with engine.connect() as conn:
        actions = queries.followups_done_between(conn, start, end)
        closed = queries.callbacks_closed_between(conn, start, end)
        closers = queries.contact_actors(
            conn, [r.callback_closed_by for r in closed if r.callback_closed_by]
        )
        customers = _customers_in_scope(conn, context)
        done: dict[str, list[int]] = {}
        seen_callbacks: set[int] = set()
        for item_id, kind, actor, at in actions:
            customer, due = _item_customer_and_due(conn, item_id, kind)
            if customers is not None and customer not in customers:
                continue
            if kind == "callback":
                seen_callbacks.add(FollowupId.parse(item_id).number)
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


def _item_customer_and_due(
    conn: Connection, item_id: str, kind: str
) -> tuple[str | None, date | None]:
    """The customer and due date a follow-up id names (ids carry them, except call-backs)."""
    followup = FollowupId.parse(item_id)
    key = followup.key
    if kind in ("birthday", "maturity"):
        due = followup.due
        if kind == "birthday":
            return key, due
        customer = queries.holding_customer(conn, key)
        return customer, due
    if kind == "callback":
        row = queries.callback_of(conn, followup.number)
        return (row.customer_id, row.next_date) if row else (None, None)
    return None, None


def _customers_in_scope(conn: Connection, context: ReportContext) -> set[str] | None:
    if not context.rm_code and not context.branch:
        return None
    return queries.customer_ids_in_scope(conn, context.rm_code, context.branch)
