"""PostgreSQL stores: COPY for bulk imports, writers that wait for each other, plain errors.

Tests marked `postgres` need a server (CRM_TEST_DATABASE_URL); the others run on both passes.
"""

from __future__ import annotations

import threading
import time
from datetime import date
from pathlib import Path

import pytest
from conftest import Crm, store_engine, write
from factories import make_id
from sqlalchemy import event, select

from bankcrm_cli.store.engine import resolve_url, write_transaction
from bankcrm_cli.store.tables import aum_history_table, customers_table


def test_a_bare_postgresql_url_uses_psycopg_3():
    from sqlalchemy.engine import make_url

    for given in ("postgresql://rm@db.example/crm", "postgres://rm@/crm?host=/run/pg"):
        url = make_url(resolve_url(given))
        assert url.drivername == "postgresql+psycopg"
        assert (url.username, url.database) == ("rm", "crm")
    assert make_url(resolve_url("postgres://rm@/crm?host=/run/pg")).query == {"host": "/run/pg"}
    assert resolve_url("postgresql+psycopg://rm@h/crm") == "postgresql+psycopg://rm@h/crm"


def test_an_unreachable_server_is_one_line_and_exit_1():
    # Port 1 on loopback: nothing listens there.
    result = Crm("postgresql://nobody@127.0.0.1:1/crm")("customers", "list")
    assert result.exit_code == 1
    assert result.stderr.startswith("crm: error:") and result.stderr.count("\n") == 1
    assert "Traceback" not in result.output


def _customers(n: int, *, aum: int = 1000, consent: str = "") -> str:
    lines = ["customer_id,name,id_number,phone,email,aum,consent_email,lunar_birthday"]
    for i in range(n):
        lines.append(
            f"P{i:05d},客户{i},{make_id('19850307', i % 1000)},138{i:08d},p{i}@example.com,"
            f"{aum + i},{consent},{'是' if i % 3 == 0 else '否'}"
        )
    return "\n".join(lines) + "\n"


def test_a_large_update_stores_the_same_as_a_small_one(crm, tmp_path: Path):
    """Many changed rows (PostgreSQL: staged through COPY) and few (one UPDATE each) end the
    same: new values, consent stamped, value history kept, blanks left alone."""
    first = crm.json("import", "customers", str(write(tmp_path / "a.csv", _customers(600))))
    assert first["inserted"] == 600
    # 300 rows change AUM and consent (a large group), 5 change only a name (a small one).
    lines = _customers(600).splitlines()
    changed = [lines[0]]
    for i, line in enumerate(lines[1:]):
        cells = line.split(",")
        if i < 300:
            cells[5], cells[6] = str(5000 + i), "否"
        elif i < 305:
            cells[1] = f"新名{i}"
        cells[3] = ""  # a blank phone never erases the stored one
        changed.append(",".join(cells))
    second = crm.json("import", "customers", str(write(tmp_path / "b.csv", "\n".join(changed))))
    assert (second["updated"], second["unchanged"], second["inserted"]) == (305, 295, 0)
    engine = store_engine(crm)
    c = customers_table.c
    with engine.connect() as conn:
        rows = {r.customer_id: r for r in conn.execute(select(customers_table))}
        history = conn.execute(select(aum_history_table)).all()
    engine.dispose()
    assert rows["P00000"].aum_cents == 500000 and rows["P00000"].consent_email is False
    assert rows["P00000"].consent_source == "import b.csv"
    assert rows["P00299"].aum_cents == (5000 + 299) * 100
    assert rows["P00300"].name == "新名300" and rows["P00300"].consent_email is None
    assert rows["P00300"].consent_source is None
    assert rows["P00599"].aum_cents == (1000 + 599) * 100 and rows["P00599"].name == "客户599"
    assert all(row.phone == f"138{int(key[1:]):08d}" for key, row in rows.items())
    assert len(history) == 300 and {h.previous_cents for h in history} == {
        (1000 + i) * 100 for i in range(300)
    }
    assert c.lunar_mmdd is not None


@pytest.mark.postgres
def test_import_copies_new_rows_instead_of_inserting_them(pg_url: str, tmp_path: Path):
    from bankcrm_cli.services.importing import ImportRequest, run_import
    from bankcrm_cli.store import migrate

    engine = store_engine(pg_url)
    migrate.ensure_current(engine)
    statements: list[str] = []
    event.listen(engine, "before_cursor_execute", lambda *a: statements.append(a[2]))
    path = write(tmp_path / "c.csv", _customers(50))
    result = run_import(
        engine, ImportRequest(kind="customers", path=path, today=date(2026, 11, 29), actor="t")
    )
    assert result.inserted == 50
    assert not [s for s in statements if s.lstrip().upper().startswith("INSERT INTO CUSTOMERS")]
    with engine.connect() as conn:
        assert conn.execute(select(customers_table.c.customer_id)).scalars().all() == [
            f"P{i:05d}" for i in range(50)
        ]
    engine.dispose()


@pytest.mark.postgres
def test_the_same_file_reads_back_the_same_from_sqlite_and_postgresql(pg_url, tmp_path):
    text = _customers(40) + "X1,欧阳娜娜,110105850307122,+86 139-0000-0001,x@example.com,,是,\n"
    path = write(tmp_path / "c.csv", text)
    holdings = write(
        tmp_path / "h.csv",
        "account_id,customer_id,product_type,amount,currency,open_date,maturity_date,"
        'auto_rollover\nA1,X1,定期存款,"¥1,234.56",美元,2025/3/7,2027年3月7日,是\n'
        "A2,P00001,大额存单,100,,20250101,,否\n",
    )
    stores = {"sqlite": Crm(tmp_path / "s.sqlite3"), "postgresql": Crm(pg_url)}
    seen = {}
    for name, crm in stores.items():
        assert crm("import", "customers", str(path)).exit_code == 0
        assert crm("import", "holdings", str(holdings)).exit_code == 0
        seen[name] = [
            crm.json("customers", "show", "X1", "--reveal"),
            crm.json("customers", "show", "P00001", "--reveal"),
            crm.json("customers", "list", "--reveal"),
        ]
    for shown in seen.values():
        for profile in shown[:2]:
            profile.pop("timeline", None)
    assert seen["sqlite"] == seen["postgresql"]


@pytest.mark.postgres
def test_writers_on_postgresql_wait_for_each_other(pg_url: str):
    """A second write transaction starts only once the first has committed (as on SQLite)."""
    engine = store_engine(pg_url)
    first_in = threading.Event()
    times: dict[str, float] = {}

    def first() -> None:
        with write_transaction(engine):
            first_in.set()
            time.sleep(0.8)
            times["first committed"] = time.monotonic()

    def second() -> None:
        first_in.wait()
        with write_transaction(engine):
            times["second began"] = time.monotonic()

    threads = [threading.Thread(target=first), threading.Thread(target=second)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    engine.dispose()
    assert times["second began"] >= times["first committed"]


@pytest.mark.postgres
def test_copy_insert_stores_blanks_as_null_or_the_default_and_fills_the_stamps(
    pg_url: str, monkeypatch
):
    """The COPY path gives what the Core path gives (store/bulk/core.py CoreLoader)."""
    from datetime import UTC, datetime

    from bankcrm_cli.store.bulk import Stamp, bulk_loader, factory
    from bankcrm_cli.store.tables import holdings_table

    at = datetime(2026, 11, 29, 1, 2, 3, tzinfo=UTC)
    engine = store_engine(pg_url)
    columns = ["customer_id", "name", "phone", "consent_sms"]
    stamps = {
        "created_at": Stamp(at),
        "updated_at": Stamp(at),
        "consent_source": Stamp("import it's.csv", when_given=("consent_sms",)),
    }
    rows = [("1", "张伟", "", False), ("2", "李娜", "13800138000", "")]
    holding_rows = [("A1", "1", ""), ("A2", "1", "USD")]
    results = {}
    for copy in (True, False):
        # The Core path, for comparison: as if the driver could not COPY.
        monkeypatch.setattr(factory, "uses_copy", lambda conn, copy=copy: copy)
        with engine.connect() as conn, conn.begin() as transaction:
            inserter = bulk_loader(conn, customers_table, columns, blank="", stamps=stamps)
            inserter.insert(rows)
            holdings = bulk_loader(
                conn,
                holdings_table,
                ["account_id", "customer_id", "currency"],
                blank="",
                defaults={"currency": "CNY"},
                stamps={"created_at": Stamp(at), "updated_at": Stamp(at)},
            )
            holdings.insert(holding_rows)
            c = customers_table.c
            results[copy] = (
                conn.execute(
                    select(
                        c.customer_id, c.phone, c.consent_sms, c.consent_source, c.created_at
                    ).order_by(c.customer_id)
                ).all(),
                conn.execute(select(holdings_table.c.account_id, holdings_table.c.currency)).all(),
            )
            transaction.rollback()
    engine.dispose()
    assert results[True] == results[False]
    assert results[True][0] == [
        ("1", None, False, "import it's.csv", at),
        ("2", "13800138000", None, None, at),
    ]
    assert sorted(results[True][1]) == [("A1", "CNY"), ("A2", "USD")]
