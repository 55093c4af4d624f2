"""The holdout draw on 100,000 targets: within binomial bounds, the same as the rule computes,
and unchanged when the customers are targeted again (both stores)."""

from __future__ import annotations

from datetime import UTC, datetime
from math import sqrt

from conftest import store_engine
from sqlalchemy import select

from bankcrm_cli.domain.campaigns import in_holdout
from bankcrm_cli.services.campaigns.setup import CampaignSpec, create_campaign
from bankcrm_cli.services.campaigns.targeting import TargetFilters, target_campaign
from bankcrm_cli.settings import load_settings
from bankcrm_cli.store import migrate
from bankcrm_cli.store.engine import write_transaction
from bankcrm_cli.store.tables import campaign_members_table, campaigns_table, customers_table

TARGETS = 100_000
# Two-sided 99.9 %: the normal quantile 0.9995.
Z999 = 3.2905


def _customers(engine, count: int) -> None:
    now = datetime(2026, 12, 1, tzinfo=UTC)
    rows = [
        {"customer_id": f"{i:010d}", "name": "客户", "rm_code": f"RM{i % 7:03d}",
         "aum_cents": 10_000_000 + i, "created_at": now, "updated_at": now}
        for i in range(count)
    ]  # fmt: skip
    with write_transaction(engine) as conn:
        for start in range(0, count, 20_000):
            conn.execute(customers_table.insert(), rows[start : start + 20_000])


def test_holdout_of_100000_targets_is_binomial_and_the_same_on_rerun(crm):
    engine = store_engine(crm)
    migrate.ensure_current(engine)
    _customers(engine, TARGETS)
    spec = CampaignSpec(name="基金", title="t", product_types=("fund",), holdout_pct=10)
    create_campaign(engine, spec, actor="tester")
    settings = load_settings()
    everyone = TargetFilters(aum_min=0)
    today = datetime(2026, 12, 1).date()
    first = target_campaign(engine, settings, "基金", everyone, actor="t", today=today)
    assert first.added == TARGETS
    half_width = Z999 * sqrt(TARGETS * 0.1 * 0.9)
    assert abs(first.holdout - TARGETS * 0.1) <= half_width
    with engine.connect() as conn:
        key = conn.execute(select(campaigns_table.c.draw_key)).scalar_one()
        m = campaign_members_table.c
        drawn = dict(conn.execute(select(m.customer_id, m.holdout)).fetchall())
    # The store's draw is the rule's: HMAC-SHA256 of the campaign's key and the customer.
    assert all(bool(drawn[cid]) == in_holdout(key, cid, 1000) for cid in drawn)
    again = target_campaign(engine, settings, "基金", everyone, actor="t", today=today)
    assert (again.added, again.already) == (0, TARGETS)
    with engine.connect() as conn:
        assert dict(conn.execute(select(m.customer_id, m.holdout)).fetchall()) == drawn
    engine.dispose()
