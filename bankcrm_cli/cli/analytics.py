"""`crm segments`, `crm churn`, `crm opportunities`: value, risk of leaving, what to offer."""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated

import typer

from bankcrm_cli.cli.common import (
    BranchOption,
    DateOption,
    FormatOption,
    ListFormat,
    RmOption,
    out,
    parse_day,
    print_json,
    print_sheet,
    print_table,
    state,
    today_in_zone,
    zone_of,
)
from bankcrm_cli.domain.dates import LARGEST_NUMBER


def _yuan(cents: int | None) -> float | None:
    return None if cents is None else round(cents / 100, 2)


def _money(cents: int | None) -> str:
    from bankcrm_cli.domain.money import format_cents

    return "" if cents is None else format_cents(cents)


def _money_whole(yuan: int) -> str:
    from bankcrm_cli.domain.money import format_money

    return format_money(yuan, places=0)


def _day(ctx: typer.Context, day: str | None):
    app_state = state(ctx)
    settings = app_state.settings()
    return app_state, settings, parse_day(day, "--date") or today_in_zone(settings)


def segments_command(
    ctx: typer.Context,
    day: DateOption = None,
    rm: RmOption = None,
    branch: BranchOption = None,
    customers: Annotated[
        bool,
        typer.Option("--customers", help="One row per customer: tier held, AUM tier, RFM scores."),
    ] = False,
    fmt: FormatOption = ListFormat.table,
) -> None:
    """Customers by tier (AUM per tier), or each customer's tier and RFM scores.

    A customer holds the tier of their highest AUM in the last segments.downgrade_months
    months: a rise counts at once, a fall only after that long. RFM: recency of the last
    activity, frequency of events in the last year, monetary = tier; each 1 (weak) to 5.

    Example: crm segments --customers --rm RM001 --format csv > segments.csv
    """
    from bankcrm_cli.settings import tier_rules

    app_state, settings, run_day = _day(ctx, day)
    rules = tier_rules(settings)
    zone = zone_of(settings)
    if customers:
        from bankcrm_cli.services.analytics.segments import customer_segments

        rows = customer_segments(
            app_state.engine(), run_day, rules, zone, rm_code=rm, branch=branch
        )
        _emit_customers(rows, fmt)
        return
    from bankcrm_cli.services.analytics.segments import tier_summary

    summary = tier_summary(app_state.engine(), run_day, rules, zone, rm_code=rm, branch=branch)
    _emit_summary(summary, fmt)


def _emit_summary(summary, fmt: ListFormat) -> None:
    records = [
        {
            "tier": row.tier,
            "floor": row.floor_yuan,
            "customers": row.customers,
            "aum": _yuan(row.aum_cents),
            "held_above_aum": row.held_above_aum,
        }
        for row in summary.tiers
    ]
    if fmt is ListFormat.json:
        print_json(
            {
                "date": summary.date,
                "downgrade_months": summary.downgrade_months,
                "customers": summary.customers,
                "aum": _yuan(summary.aum_cents),
                "tiers": records,
            }
        )
    elif fmt.is_sheet:
        header = list(records[0]) if records else ["tier"]
        print_sheet(fmt, header, ([r[h] for h in header] for r in records))
    else:
        _tiers_table(summary)


def _tiers_table(summary) -> None:
    from bankcrm_cli.domain.catalogue import t, t_or

    header = [t("seg.tier"), t("seg.floor"), t("seg.customers"), t("seg.aum"), t("seg.held")]
    print_table(
        t(
            "seg.title",
            day=summary.date,
            count=summary.customers,
            shown=f"{summary.customers:,}",
            aum=_money(summary.aum_cents),
        ),
        header,
        (
            (
                t_or("tier", r.tier) or t("unknown"),
                "" if r.floor_yuan is None else _money_whole(r.floor_yuan),
                f"{r.customers:,}",
                _money(r.aum_cents),
                f"{r.held_above_aum:,}",
            )
            for r in summary.tiers
        ),
        caption=t("seg.caption", count=summary.downgrade_months),
        right=frozenset(header[1:]),
        no_wrap=frozenset(header[1:]),
    )


SEGMENT_COLUMNS = [
    "customer_id",
    "name",
    "rm_code",
    "branch",
    "aum",
    "tier",
    "aum_tier",
    "downgrade_on",
    "last_activity",
    "recency",
    "frequency",
    "monetary",
    "rfm",
]


def _emit_customers(rows, fmt: ListFormat) -> None:
    def record(row) -> dict:
        return {
            "customer_id": row.customer_id,
            "name": row.name,
            "rm_code": row.rm_code,
            "branch": row.branch,
            "aum": _yuan(row.aum_cents),
            "tier": row.tier,
            "aum_tier": row.aum_tier,
            "downgrade_on": row.downgrade_on,
            "last_activity": row.last_activity,
            "recency": row.recency,
            "frequency": row.frequency,
            "monetary": row.monetary,
            "rfm": row.rfm,
        }

    if fmt is ListFormat.json:
        print_json([record(row) for row in rows])
    elif fmt.is_sheet:
        print_sheet(fmt, SEGMENT_COLUMNS, ([record(r)[c] for c in SEGMENT_COLUMNS] for r in rows))
    else:
        _segments_table(rows)


def _segments_table(rows) -> None:
    from bankcrm_cli.domain.catalogue import t, t_or

    header = [
        t("seg.customer"), "RM", t("seg.aum"), t("seg.tier"), t("seg.aum_tier"),
        t("seg.downgrade"), "RFM",
    ]  # fmt: skip
    print_table(
        t("seg.list.title", count=f"{len(rows):,}"),
        header,
        (
            (
                f"{r.name} {r.customer_id}",
                r.rm_code,
                _money(r.aum_cents),
                t_or("tier", r.tier),
                t_or("tier", r.aum_tier),
                r.downgrade_on.isoformat() if r.downgrade_on else "",
                r.rfm,
            )
            for r in rows
        ),
        right=frozenset({header[2]}),
        no_wrap=frozenset({"RM", header[2], header[5], "RFM"}),
    )


def churn_command(
    ctx: typer.Context,
    day: DateOption = None,
    top: Annotated[
        int,
        typer.Option(
            "--top",
            min=1,
            max=LARGEST_NUMBER,
            help="How many customers to list, highest score first.",
        ),
    ] = 20,
    rm: RmOption = None,
    branch: BranchOption = None,
    fmt: FormatOption = ListFormat.table,
) -> None:
    """Customers at risk of leaving, with the reasons and a score (0-100).

    Signals: AUM down churn.drop_pct % or more in churn.drop_days days (holdings history);
    maturities paid out rather than rolled over; no reached contact beyond the tier's cadence;
    no activity for churn.inactive_days days.

    Example: crm churn --top 50 --rm RM001 --format json
    """
    from bankcrm_cli.services.analytics.churn import churn_risks
    from bankcrm_cli.settings import churn_rules, tier_rules

    app_state, settings, run_day = _day(ctx, day)
    result = churn_risks(
        app_state.engine(),
        run_day,
        churn_rules(settings),
        tier_rules(settings),
        zone_of(settings),
        top=top,
        rm_code=rm,
        branch=branch,
    )
    _emit_churn(result, fmt)


def _emit_churn(result, fmt: ListFormat) -> None:
    records = [
        {
            "customer_id": r.customer_id,
            "name": r.name,
            "rm_code": r.rm_code,
            "branch": r.branch,
            "tier": r.tier,
            "aum": _yuan(r.aum_cents),
            "score": r.score,
            "reasons": [
                {"code": x.code, "points": x.points, "detail": x.detail} for x in r.reasons
            ],
        }
        for r in result.customers
    ]
    if fmt is ListFormat.json:
        print_json(
            {
                "date": result.date,
                "at_risk": result.at_risk,
                "by_reason": result.by_reason,
                "customers": records,
            }
        )
    elif fmt.is_sheet:
        header = ["customer_id", "name", "rm_code", "branch", "tier", "aum", "score"]
        print_sheet(
            fmt,
            [*header, "reasons", "details"],
            (
                [
                    *(r[h] for h in header),
                    ";".join(x["code"] for x in r["reasons"]),
                    "; ".join(x["detail"] for x in r["reasons"]),
                ]
                for r in records
            ),
        )
    else:
        _churn_table(result)


def _churn_table(result) -> None:
    from bankcrm_cli.domain.catalogue import t, t_or

    reasons = ", ".join(f"{t_or('churn', code)} {n:,}" for code, n in result.by_reason.items())
    header = [t("col.customer"), "RM", t("col.tier"), "AUM", t("col.score"), t("col.reasons")]
    print_table(
        t("churn.title", day=result.date, count=result.at_risk, reasons=reasons or t("none")),
        header,
        (
            (
                f"{r.name}\n{r.customer_id}",
                r.rm_code,
                t_or("tier", r.tier),
                _money(r.aum_cents),
                r.score,
                "\n".join(x.detail for x in r.reasons),
            )
            for r in result.customers
        ),
        right=frozenset({"AUM", header[4]}),
        no_wrap=frozenset({"RM", "AUM", header[4]}),
    )
    if not result.customers:
        out().print(t("churn.none"))


class OpportunityKind(StrEnum):
    wealth_for_maturity = "wealth_for_maturity"
    insurance_for_installment = "insurance_for_installment"
    next_tier = "next_tier"


OPPORTUNITY_COLUMNS = [
    "kind",
    "customer_id",
    "name",
    "rm_code",
    "tier",
    "account_id",
    "product_type",
    "amount",
    "currency",
    "due_date",
    "next_tier",
    "gap",
    "suggestion",
    "refused_channels",
]


def opportunities_command(
    ctx: typer.Context,
    day: DateOption = None,
    rm: RmOption = None,
    branch: BranchOption = None,
    kinds: Annotated[
        list[OpportunityKind] | None, typer.Option("--kind", help="Only these kinds (repeatable).")
    ] = None,
    fmt: FormatOption = ListFormat.table,
) -> None:
    """Cross-sell and up-sell suggestions an RM can act on.

    Deposits maturing within opportunities.days days of customers with no wealth product;
    installment savings (零存整取) maturing, for an insurance offer; customers whose AUM is
    within reach of the next tier. Channels the customer refused for marketing are shown.

    Example: crm opportunities --rm RM001 --kind next_tier
    """
    from bankcrm_cli.services.analytics.opportunities import opportunities_on
    from bankcrm_cli.settings import opportunity_rules, tier_rules

    app_state, settings, run_day = _day(ctx, day)
    found = opportunities_on(
        app_state.engine(),
        run_day,
        opportunity_rules(settings),
        tier_rules(settings),
        zone_of(settings),
        rm_code=rm,
        branch=branch,
    )
    if kinds:
        wanted = {k.value for k in kinds}
        found = [o for o in found if o.kind in wanted]
    _emit_opportunities(found, run_day, fmt)


def _emit_opportunities(found, run_day, fmt: ListFormat) -> None:
    records = [
        {
            "kind": o.kind,
            "customer_id": o.customer_id,
            "name": o.name,
            "rm_code": o.rm_code,
            "tier": o.tier,
            "account_id": o.account_id,
            "product_type": o.product_type,
            "amount": _yuan(o.amount_cents),
            "currency": o.currency,
            "due_date": o.due_date,
            "next_tier": o.next_tier,
            "gap": _yuan(o.gap_cents),
            "suggestion": o.suggestion,
            "refused_channels": list(o.refused_channels),
        }
        for o in found
    ]
    if fmt is ListFormat.json:
        print_json(records)
    elif fmt.is_sheet:
        print_sheet(
            fmt,
            OPPORTUNITY_COLUMNS,
            (
                [" ".join(r[c]) if c == "refused_channels" else r[c] for c in OPPORTUNITY_COLUMNS]
                for r in records
            ),
        )
    else:
        _opportunities_table(found, run_day)


def _opportunities_table(found, run_day) -> None:
    from bankcrm_cli.domain.catalogue import t, t_or

    header = [t("col.customer"), "RM", t("col.tier"), t("opp.suggestion"), t("opp.refused")]
    print_table(
        t("opp.title", day=run_day, count=f"{len(found):,}"),
        header,
        (
            (
                f"{o.name}\n{o.customer_id}",
                o.rm_code,
                t_or("tier", o.tier),
                o.suggestion,
                " ".join(t_or("channel", c) for c in o.refused_channels),
            )
            for o in found
        ),
        no_wrap=frozenset({"RM"}),
    )
