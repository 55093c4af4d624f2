"""The portfolio report: per RM, customers by tier, AUM, holdings mix, maturities ahead and
churn risk."""

from __future__ import annotations

from collections import Counter
from datetime import timedelta
from typing import Any

from sqlalchemy import Engine

from bankcrm_cli.domain.catalogue import t
from bankcrm_cli.domain.products import PRODUCT_LABELS
from bankcrm_cli.domain.segments import tier_rank
from bankcrm_cli.services.analytics.report_figures import (
    MATURITY_DAYS,
    NO_RM,
    ReportContext,
    churn_figures,
    header,
    rm_label,
    tier_figures,
    yuan,
)
from bankcrm_cli.services.analytics.segments import window
from bankcrm_cli.store.queries import reports as queries

# Days ahead the longer maturity column covers.
HORIZON_DAYS = 90
TOP_RISKS_PER_RM = 5


class _Portfolios:
    """The per-RM rows of the report, made on first mention of an RM."""

    def __init__(self, names: dict[str, str]) -> None:
        self.names = names
        self.rms: dict[str, dict[str, Any]] = {}

    def entry(self, code: str | None) -> dict[str, Any]:
        key = rm_label(code)
        return self.rms.setdefault(
            key,
            {
                "rm": key,
                "name": self.names.get(code),
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

    def add_tiers(self, rows) -> None:
        aum_cents: Counter[str] = Counter()
        for code, tier_name, count, cents in rows:
            row = self.entry(code)
            row["customers"] += count
            row["tiers"][tier_name or "未知"] = row["tiers"].get(tier_name or "未知", 0) + count
            aum_cents[row["rm"]] += int(cents or 0)
        for key, cents in aum_cents.items():
            self.rms[key]["aum"] = yuan(cents)

    def add_mix(self, rows) -> None:
        for code, product, currency, count, cents in rows:
            self.entry(code)["holdings_mix"].append(
                {
                    "product_type": product,
                    "label": PRODUCT_LABELS.get(product, product or "未分类"),
                    "currency": currency,
                    "count": count,
                    "amount": yuan(cents),
                }
            )

    def add_maturities(self, rows) -> None:
        for code, currency, n30, cents30, n90, cents90 in rows:
            row = self.entry(code)
            row["maturities_30d"]["count"] += int(n30 or 0)
            row["maturities_90d"]["count"] += n90
            if n30:
                row["maturities_30d"]["amount"][currency] = yuan(cents30)
            row["maturities_90d"]["amount"][currency] = yuan(cents90)

    def add_churn(self, churn: dict[str, Any]) -> None:
        for rm, count in churn["by_rm"].items():
            self.entry(None if rm == NO_RM else rm)["at_risk"] = count
        for risk in churn["top"]:
            self.entry(None if risk["rm"] == NO_RM else risk["rm"])["top_risks"].append(risk)

    def in_order(self) -> list[dict[str, Any]]:
        for row in self.rms.values():
            row["holdings_mix"].sort(key=lambda m: (-m["amount"], m["label"]))
            row["tiers"] = dict(sorted(row["tiers"].items(), key=lambda item: -tier_rank(item[0])))
        return [self.rms[key] for key in sorted(self.rms)]


def portfolio_report(engine: Engine, context: ReportContext) -> dict[str, Any]:
    """Per RM: customers by tier, AUM, holdings mix, maturities ahead, churn risk."""
    day = context.day
    where = (context.rm_code, context.branch)
    start, end = window(day, context.tiers, context.zone)
    near = day + timedelta(days=MATURITY_DAYS)
    horizon = day + timedelta(days=HORIZON_DAYS)
    with engine.connect() as conn:
        tier_rows = queries.held_tiers_per_rm(conn, start, end, context.tiers.tiers, *where)
        mix_rows = queries.holdings_mix_per_rm(conn, *where)
        ahead_rows = queries.maturities_ahead_per_rm(conn, day, near, horizon, *where)
        names = queries.rm_names(conn)
    churn = churn_figures(engine, context, day, None, top_per_rm=TOP_RISKS_PER_RM)
    portfolios = _Portfolios(names)
    portfolios.add_tiers(tier_rows)
    portfolios.add_mix(mix_rows)
    portfolios.add_maturities(ahead_rows)
    portfolios.add_churn(churn)
    return {
        **header("portfolio", context, t("rep.title.portfolio")),
        "rms": portfolios.in_order(),
        "segments": tier_figures(engine, context, day),
        "at_risk": churn["at_risk"],
    }
