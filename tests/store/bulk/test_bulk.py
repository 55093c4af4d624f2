"""The bulk loaders: SQLite's stores exactly what SQLAlchemy's own insert would."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
from factories import customer_table_row
from sqlalchemy import select, text

from bankcrm_cli.store import migrate
from bankcrm_cli.store.bulk import Stamp, bulk_loader, storage_converter
from bankcrm_cli.store.engine import make_engine, resolve_url
from bankcrm_cli.store.tables import customers_table, holdings_table

row = customer_table_row


@pytest.mark.sqlite_only("the storage form is SQLite's (PostgreSQL keeps typed values)")
def test_bulk_rows_read_back_like_core_rows(tmp_path: Path):
    engine = make_engine(resolve_url(str(tmp_path / "crm.sqlite3")))
    migrate.upgrade(engine)
    names = [column.name for column in customers_table.columns]
    typed = row("bulk")
    stored = []
    for name in names:
        convert = storage_converter(customers_table, name, "sqlite")
        value = typed[name]
        stored.append(convert(value) if convert and value is not None else value)
    with engine.begin() as conn:
        bulk_loader(conn, customers_table, names).insert([tuple(stored)])
        conn.execute(customers_table.insert(), [row("core")])
        # Read back in storage form, stored rows compare equal to what was written.
        fetched = bulk_loader(conn, customers_table, names).fetch_by_key(["bulk"])
        assert fetched["bulk"] == tuple(stored)
    with engine.connect() as conn:
        stored = "SELECT birth_date, created_at, lunar_birthday FROM customers ORDER BY customer_id"
        raw = conn.execute(text(stored)).all()
        assert raw[0] == raw[1]
        read = {r.customer_id: r._asdict() for r in conn.execute(select(customers_table))}
    bulk, core = read.pop("bulk"), read.pop("core")
    bulk.pop("customer_id")
    core.pop("customer_id")
    assert bulk == core
    assert bulk["created_at"] == datetime(2026, 11, 29, 1, 2, 3, 456789, tzinfo=UTC)
    engine.dispose()


def test_insert_stores_blanks_as_null_or_the_default_and_fills_the_stamps(tmp_path: Path):
    engine = make_engine(resolve_url(str(tmp_path / "crm.sqlite3")))
    migrate.upgrade(engine)
    columns = ["customer_id", "name", "phone", "consent_sms"]
    stamps = {
        "created_at": Stamp("2026-11-29 01:02:03.000000"),
        "updated_at": Stamp("2026-11-29 01:02:03.000000"),
        "consent_source": Stamp("import it's.csv", when_given=("consent_sms",)),
    }
    with engine.begin() as conn:
        inserter = bulk_loader(conn, customers_table, columns, blank="", stamps=stamps)
        inserter.insert([("1", "张伟", "", 0), ("2", "李娜", "13800138000", "")])
        holdings = bulk_loader(
            conn,
            holdings_table,
            ["account_id", "customer_id", "currency"],
            blank="",
            defaults={"currency": "CNY"},
            stamps={
                name: Stamp("2026-11-29 01:02:03.000000") for name in ("created_at", "updated_at")
            },
        )
        holdings.insert([("A1", "1", ""), ("A2", "1", "USD")])
        got = conn.execute(
            text("SELECT customer_id, phone, consent_sms, consent_source FROM customers ORDER BY 1")
        ).all()
        currencies = conn.execute(text("SELECT currency FROM holdings ORDER BY 1")).scalars().all()
    assert got == [("1", None, 0, "import it's.csv"), ("2", "13800138000", None, None)]
    assert currencies == ["CNY", "USD"]
    engine.dispose()
