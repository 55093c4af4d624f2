"""The SQLite bulk path stores exactly what SQLAlchemy's own insert would."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from sqlalchemy import column, event, select, table, text

from bankcrm_cli.store import migrate
from bankcrm_cli.store.bulk import (
    BackgroundRead,
    BulkInserter,
    Stamp,
    fetch_by_key,
    fetch_rows,
    storage_converter,
    values_table,
)
from bankcrm_cli.store.engine import make_engine, resolve_url
from bankcrm_cli.store.tables import customers_table, followup_actions_table, holdings_table


def row(customer_id: str) -> dict:
    now = datetime(2026, 11, 29, 1, 2, 3, 456789, tzinfo=UTC)
    values = {column.name: None for column in customers_table.columns}
    values.update(
        customer_id=customer_id,
        name="张伟",
        birth_date=date(1985, 3, 7),
        lunar_birthday=True,
        aum_cents=123,
        created_at=now,
        updated_at=now,
    )
    return values


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
        BulkInserter(conn, customers_table, names).insert([tuple(stored)])
        conn.execute(customers_table.insert(), [row("core")])
        # Read back in storage form, stored rows compare equal to what was written.
        fetched = fetch_by_key(conn, customers_table, "customer_id", names, ["bulk"])
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
        inserter = BulkInserter(conn, customers_table, columns, blank="", stamps=stamps)
        inserter.insert([("1", "张伟", "", 0), ("2", "李娜", "13800138000", "")])
        holdings = BulkInserter(
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


def test_values_table_looks_up_thousands_of_keys_in_one_query(store_url: str):
    # More keys than SQLite takes parameters, some repeated, some absent, some odd text.
    engine = make_engine(resolve_url(store_url))
    migrate.upgrade(engine)
    at = datetime(2026, 12, 1, 8, 0, tzinfo=UTC)
    stored = [f"birthday:{n:010d}:2026-12-04" for n in range(0, 6000, 3)] + ["x:'\"张;--"]
    actions = followup_actions_table
    with engine.begin() as conn:
        conn.execute(
            actions.insert(),
            [
                {"item_id": i, "kind": "birthday", "action": "done", "actor": "t", "at": at}
                for i in stored
            ],
        )
    wanted = [f"birthday:{n:010d}:2026-12-04" for n in range(4000)] * 2 + ["x:'\"张;--", "nope"]
    queries = []

    def watch(conn, cursor, statement, *args) -> None:
        if statement.startswith("SELECT"):
            queries.append(statement)

    with engine.connect() as conn:
        event.listen(conn, "before_cursor_execute", watch)
        for keys in (wanted, []):
            listed = values_table(conn, keys, actions.c.item_id.type)
            found = conn.execute(
                select(actions.c.item_id).join_from(
                    listed, actions, actions.c.item_id == listed.c.value
                )
            ).scalars()
            assert set(found) == set(keys) & set(stored)
    assert len(queries) == 2  # one each, however many keys
    engine.dispose()


def test_fetch_rows_gives_the_values_sqlalchemy_gives(store_url: str):
    # Every kind of value a follow-up reads, NULLs, and text JSON must escape.
    engine = make_engine(resolve_url(store_url))
    migrate.upgrade(engine)
    at = datetime(2026, 12, 1, 8, 0, 5, 123456, tzinfo=UTC)
    odd = 'quote " backslash \\ tab \t newline \n 张伟 \x01 €'
    customers = [
        {**row("c1"), "name": odd, "lunar_birthday": False, "aum_cents": 9_000_000_000_000},
        {**row("c2"), "lunar_birthday": None, "birth_date": None, "aum_cents": None},
        {**row("c3"), "consent_sms": False, "consent_fax": True, "phone": "13800138000"},
    ]
    holdings = [
        {
            "account_id": f"a{n}",
            "customer_id": f"c{n % 3 + 1}",
            "product_type": "large_cd",
            "amount_cents": 50_000_000 + n,
            "currency": "CNY",
            "maturity_date": date(2026, 12, 4 + n % 2) if n else None,
            "auto_rollover": (True, False, None)[n % 3],
            "created_at": at,
            "updated_at": at,
        }
        for n in range(7)
    ]
    with engine.begin() as conn:
        conn.execute(customers_table.insert(), customers)
        conn.execute(holdings_table.insert(), holdings)
    c, h = customers_table.c, holdings_table.c
    query = select(
        h.account_id,
        h.amount_cents,
        h.maturity_date,
        h.auto_rollover,
        c.name,
        c.birth_date,
        c.lunar_birthday,
        c.aum_cents,
        c.consent_sms,
        c.phone,
        (c.aum_cents + 1).label("more"),
    ).join(customers_table, c.customer_id == h.customer_id)
    with engine.connect() as conn:
        expected = sorted(tuple(r) for r in conn.execute(query))
        got = sorted(tuple(r) for r in fetch_rows(conn, query))
    assert got == expected
    assert len(got) == 7
    # Types too, not only equal values (1 == True, but a JSON 1 is no boolean).
    for got_row, expected_row in zip(got, expected, strict=True):
        assert [type(v) for v in got_row] == [type(v) for v in expected_row]
    assert {r[4] for r in got} >= {odd}
    engine.dispose()


def test_fetch_rows_refuses_a_column_it_cannot_type(store_url: str):
    # Timestamps are stored as text and made aware datetimes by SQLModel's own type.
    engine = make_engine(resolve_url(store_url))
    migrate.upgrade(engine)
    with engine.begin() as conn:
        conn.execute(customers_table.insert(), [row("c1")])
    query = select(customers_table.c.created_at)
    with engine.connect() as conn:
        if conn.dialect.name == "sqlite":
            with pytest.raises(TypeError, match="UTCDateTime"):
                fetch_rows(conn, query)
        else:  # read by SQLAlchemy itself
            assert [tuple(r) for r in fetch_rows(conn, query)] == [(row("c1")["created_at"],)]
    engine.dispose()


def test_a_background_read_gives_its_rows_or_its_error(store_url: str):
    engine = make_engine(resolve_url(store_url))
    migrate.upgrade(engine)
    with engine.begin() as conn:
        conn.execute(customers_table.insert(), [row(f"c{n}") for n in range(50)])
    c = customers_table.c
    with engine.connect() as conn:
        read = BackgroundRead(conn, select(c.customer_id, c.birth_date).where(c.aum_cents > 0))
        rows = read.rows()
        assert sorted(r[0] for r in rows) == sorted(f"c{n}" for n in range(50))
        assert {r[1] for r in rows} == {date(1985, 3, 7)}
        assert read.rows() is rows  # asked again: the same answer, no second read
        # A read that fails raises its error where the caller asks for the rows.
        failing = BackgroundRead(conn, select(column("nope")).select_from(table("nowhere")))
        with pytest.raises(Exception, match="nowhere"):
            failing.rows()
    engine.dispose()
