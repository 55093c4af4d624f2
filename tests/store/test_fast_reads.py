"""Fast reads: many keys in one parameter, rows from one JSON array, a read in a thread."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from factories import customer_table_row
from sqlalchemy import column, event, select, table

from bankcrm_cli.store import migrate
from bankcrm_cli.store.engine import make_engine, resolve_url
from bankcrm_cli.store.fast_reads import BackgroundRead, fetch_rows, values_table
from bankcrm_cli.store.tables import customers_table, followup_actions_table, holdings_table

row = customer_table_row


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
    # Timestamps are stored as text and made aware datetimes by the tables' own type.
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
