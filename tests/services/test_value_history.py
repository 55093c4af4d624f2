"""Holding and AUM history: kept by the store as values change, read back as past totals."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import select, update

from bankcrm_cli.services.importing import ImportRequest, run_import
from bankcrm_cli.store import migrate
from bankcrm_cli.store.engine import make_engine, resolve_url
from bankcrm_cli.store.queries.value_history import aum_moves
from bankcrm_cli.store.tables import (
    aum_history_table,
    holding_history_table,
    holdings_table,
)

TODAY = date(2026, 12, 1)


@pytest.fixture
def engine(tmp_path: Path, store_url: str):
    engine = make_engine(resolve_url(store_url))
    migrate.ensure_current(engine)
    yield engine
    engine.dispose()


def load(engine, tmp_path: Path, kind: str, text: str, dry_run: bool = False):
    path = tmp_path / f"{kind}.csv"
    path.write_text(text, encoding="utf-8")
    request = ImportRequest(kind=kind, path=path, today=TODAY, actor="t", dry_run=dry_run)
    return run_import(engine, request)


def history(engine):
    with engine.connect() as conn:
        rows = conn.execute(select(holding_history_table).order_by(holding_history_table.c.id))
        return [dict(row._mapping) for row in rows]


CUSTOMERS = "customer_id,name,aum\nC1,张伟,100000\nC2,李娜,20000\n"
HOLDINGS = (
    "account_id,customer_id,product_type,amount,maturity_date\n"
    "A1,C1,time_deposit,50000,2027-01-01\n"
    "A2,C1,current,30000,\n"
    "L1,C1,loan,900000,2030-01-01\n"
)


@pytest.fixture
def loaded(engine, tmp_path):
    load(engine, tmp_path, "customers", CUSTOMERS)
    load(engine, tmp_path, "holdings", HOLDINGS)
    return engine


def test_the_first_holdings_import_records_nothing(loaded):
    assert history(loaded) == []


def test_a_change_is_recorded_with_the_value_before_and_after(loaded, tmp_path):
    load(
        loaded,
        tmp_path,
        "holdings",
        "account_id,customer_id,product_type,amount,maturity_date\n"
        "A1,C1,time_deposit,50000,2028-01-01\n"  # rolled over: maturity moved
        "A2,C1,current,1000,\n"  # money taken out
        "A3,C1,wealth,20000,2027-06-30\n",  # new
    )
    rows = {(r["account_id"], r["change"]): r for r in history(loaded)}
    assert set(rows) == {("A1", "changed"), ("A2", "changed"), ("A3", "opened")}
    a1, a2, a3 = rows["A1", "changed"], rows["A2", "changed"], rows["A3", "opened"]
    assert (a1["previous_maturity"], a1["maturity_date"]) == (date(2027, 1, 1), date(2028, 1, 1))
    assert a1["previous_cents"] == a1["amount_cents"] == 5_000_000
    assert (a2["previous_cents"], a2["amount_cents"]) == (3_000_000, 100_000)
    assert (a3["previous_cents"], a3["amount_cents"], a3["product_type"]) == (
        None,
        2_000_000,
        "wealth",
    )


def test_an_unchanged_import_and_a_dry_run_record_nothing(loaded, tmp_path):
    load(loaded, tmp_path, "holdings", HOLDINGS)
    load(loaded, tmp_path, "holdings", HOLDINGS.replace("30000", "1"), dry_run=True)
    assert history(loaded) == []


def test_moving_a_holding_to_another_customer_is_not_a_value_change(loaded):
    with loaded.begin() as conn:
        conn.execute(
            update(holdings_table)
            .where(holdings_table.c.account_id == "A1")
            .values(customer_id="C2")
        )
    assert history(loaded) == []


def test_aum_changes_are_recorded_for_tiers(loaded, tmp_path):
    load(loaded, tmp_path, "customers", "customer_id,name,aum\nC1,张伟,40000\nC2,李娜,20000\n")
    with loaded.connect() as conn:
        rows = conn.execute(select(aum_history_table)).all()
    assert [(r.customer_id, r.previous_cents, r.aum_cents) for r in rows] == [
        ("C1", 10_000_000, 4_000_000)
    ]


def test_totals_before_and_after_leave_loans_out(loaded, tmp_path):
    start = datetime.now(UTC) - timedelta(days=1)
    load(
        loaded,
        tmp_path,
        "holdings",
        "account_id,customer_id,amount\nA2,C1,1000\nL1,C1,10\n",
    )
    end = datetime.now(UTC) + timedelta(seconds=1)
    with loaded.connect() as conn:
        moves = aum_moves(conn, start, end)
        assert set(moves) == {"C1"}
        assert (moves["C1"].before_cents, moves["C1"].after_cents) == (8_000_000, 5_100_000)
        # Seen from before the change only, nothing moved yet.
        assert aum_moves(conn, start - timedelta(days=2), start) == {}
