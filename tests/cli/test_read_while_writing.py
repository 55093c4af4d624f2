"""A read does not wait for a writer: while another connection holds the store's write
transaction open (an import or a merge in progress), `crm followups today` and `crm customers
show` answer at once with the store as it was last committed, and show the change once it is
committed. On SQLite these commands read through the standard library's sqlite3
(store/lite.py), on PostgreSQL through SQLAlchemy."""

from __future__ import annotations

import json
import subprocess
import sys
import time
from datetime import date

from conftest import store_engine
from factories import customer_table_row

from bankcrm_cli.store.engine import write_transaction
from bankcrm_cli.store.tables import customers_table


def _crm(db: str, *args: str) -> tuple[float, str]:
    start = time.perf_counter()
    run = subprocess.run(
        [sys.executable, "-m", "bankcrm_cli", "--db", db, *args],
        capture_output=True,
        text=True,
        timeout=30,
    )
    assert run.returncode == 0, run.stderr
    return time.perf_counter() - start, run.stdout


def test_reads_answer_while_a_write_is_open_and_see_it_once_committed(crm):
    assert crm("sample", "load").exit_code == 0
    db = str(crm.db)
    today = ("followups", "today", "--date", "2026-12-04", "--kind", "birthday", "-f", "json")
    show = ("customers", "show", "9000000001", "-f", "json")
    row = customer_table_row("9000000001")
    row.update(birth_date=date(1990, 12, 4), birth_mmdd=1204, lunar_birthday=False, name="林新")
    engine = store_engine(crm)
    try:
        with write_transaction(engine) as conn:
            conn.execute(customers_table.insert(), row)
            seconds, before = _crm(db, *today)
            assert "9000000001" not in before
            assert seconds < 20  # the store's busy timeout is 60 s: a wait would show
            missing = subprocess.run(
                [sys.executable, "-m", "bankcrm_cli", "--db", db, *show],
                capture_output=True,
                text=True,
                timeout=30,
            )
            assert missing.returncode == 1 and "9000000001" in missing.stderr
        _, after = _crm(db, *today)
        assert "9000000001" in {item["customer_id"] for item in json.loads(after)}
        _, shown = _crm(db, *show)
        assert json.loads(shown)["name"] == "林新"
    finally:
        engine.dispose()
