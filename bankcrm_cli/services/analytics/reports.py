"""Reports for people who read them in the morning: daily, weekly, complaints, portfolio.

A report is built once as one JSON-shaped document (amounts in yuan, dates ISO) from the
figures in report_figures.py; render/reports.py turns that same document into JSON, CSV,
Markdown or HTML, so every format shows the same figures.
"""

from __future__ import annotations

from datetime import date, timedelta, tzinfo
from typing import Any

from sqlalchemy import Engine

from bankcrm_cli.domain.catalogue import t
from bankcrm_cli.domain.errors import UsageError
from bankcrm_cli.services.analytics.portfolio import portfolio_report
from bankcrm_cli.services.analytics.report_figures import (
    CHURN_TOP,
    MATURITY_DAYS,
    ReportContext,
    churn_figures,
    complaint_figures,
    complaint_period,
    contact_figures,
    customer_changes,
    followup_counts,
    header,
    maturity_figures,
)
from bankcrm_cli.services.analytics.weekly import weekly_report
from bankcrm_cli.services.campaigns.report import campaigns_section
from bankcrm_cli.settings import Settings, churn_rules, followup_rules, tier_rules

REPORT_KINDS = ("daily", "weekly", "complaints", "portfolio")


def report_context(
    settings: Settings,
    day: date,
    zone: tzinfo,
    *,
    rm_code: str | None = None,
    branch: str | None = None,
    since: date | None = None,
) -> ReportContext:
    """What a report on `day` needs besides the store, with the rules from settings."""

    return ReportContext(
        day=day,
        zone=zone,
        bank=settings.get("bank.name"),
        followups=followup_rules(settings),
        tiers=tier_rules(settings),
        churn=churn_rules(settings),
        rm_code=rm_code,
        branch=branch,
        since=since,
    )


def daily_report(engine: Engine, context: ReportContext) -> dict[str, Any]:
    """The morning report: the day's work, complaints, yesterday's contacts, what matures."""
    day = context.day
    yesterday = day - timedelta(days=1)
    followups = followup_counts(engine, context, day)
    return {
        **header("daily", context, t("rep.title.daily")),
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
        "campaigns": campaigns_section(engine, context, day - timedelta(days=6), day),
    }


def quarter_start(day: date) -> date:
    return date(day.year, 3 * ((day.month - 1) // 3) + 1, 1)


def complaints_report(engine: Engine, context: ReportContext) -> dict[str, Any]:
    """The regulator-facing view: received, resolved, in time, handling days, breaches."""
    since = context.since or quarter_start(context.day)
    if since > context.day:
        raise UsageError(t("err.since_after", since=since, day=context.day))
    period = complaint_period(engine, context, since, context.day)
    now = complaint_figures(engine, context, context.day)
    return {
        **header("complaints", context, t("rep.title.complaints")),
        "period": {"from": since.isoformat(), "to": context.day.isoformat()},
        **{key: value for key, value in period.items() if key not in ("from", "to")},
        "open_now": now["open"],
        "overdue_now": now["overdue"],
        "overdue_list": now["overdue_list"],
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
        raise UsageError(t("err.unknown_report", kind=repr(kind), kinds=", ".join(REPORT_KINDS)))
    return BUILDERS[kind](engine, context)
