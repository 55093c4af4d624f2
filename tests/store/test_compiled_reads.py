"""The everyday reads compiled for SQLite (store/compiled_reads.py) are the Core statements of
store/read_statements.py: the file is what compiling them gives now, and on the sample bank
every read in every shape returns, through the standard library's sqlite3, the very rows
and values SQLAlchemy returns for its Core statement."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from conftest import PG_URL, store_engine

from bankcrm_cli.store import compiled_reads, read_statements, reads
from bankcrm_cli.store.lite import LiteStore, open_lite

pytestmark = pytest.mark.skipif(PG_URL is not None, reason="the compiled text is SQLite's")


def test_the_compiled_file_is_what_the_statements_compile_to():
    written = Path(compiled_reads.__file__).read_text(encoding="utf-8")
    assert written == read_statements.compiled_module(), (
        "a statement changed: python -m bankcrm_cli.store.read_statements"
    )


def test_every_read_has_every_shape_compiled():
    for name, (_builder, choices) in read_statements.READS.items():
        assert len(compiled_reads.READS[name]) == 2 ** len(choices), name


@pytest.fixture(scope="module")
def bank(tmp_path_factory) -> Path:
    """The sample bank, with a follow-up done, another snoozed, a call-back asked for, a
    complaint open, two records merged (an alias, history) and an e-mail sent."""
    from typer.testing import CliRunner

    from bankcrm_cli.cli.main import app

    db = tmp_path_factory.mktemp("compiled") / "crm.sqlite3"
    runner = CliRunner()

    def crm(*args: str):
        result = runner.invoke(app, ["--db", str(db), *args])
        assert result.exit_code == 0, result.output
        return result.output

    crm("sample", "load")
    items = json.loads(crm("followups", "today", "--date", "2026-12-04", "-f", "json"))
    crm("followups", "done", items[0]["id"])
    crm("followups", "snooze", items[1]["id"], "--until", "2099-12-20")
    crm("log-call", "0000000001", "--outcome", "no-answer", "--next", "2099-01-10")
    crm("complaints", "open", "0000000001", "--category", "收费", "--summary", "年费")
    crm("customers", "merge", "0000000004", "0000000005", "--force", "--reason", "同一人")
    import sqlite3

    with sqlite3.connect(db) as conn:  # a delivery sent, as a mail merge logs it
        conn.execute(
            "INSERT INTO deliveries (campaign, customer_id, channel, template, purpose, status,"
            " message_id, address, actor, created_at, sent_at) VALUES ('年末', '0000000004',"
            " 'email', 'offer', 'marketing', 'sent', '<1@bank>', 'a@example.com', 'tester',"
            " '2026-12-04 09:30:00.000000', '2026-12-04 09:31:02.250000')"
        )
    return db


def _values(bank: Path) -> dict:
    import sqlite3

    with sqlite3.connect(bank) as conn:
        rm, branch, customer = conn.execute(
            "SELECT rm_code, branch, customer_id FROM customers WHERE rm_code IS NOT NULL "
            "AND branch IS NOT NULL ORDER BY customer_id LIMIT 1"
        ).fetchone()
        (account,) = conn.execute(
            "SELECT account_id FROM holdings WHERE maturity_date IS NOT NULL LIMIT 1"
        ).fetchone()
        items = [i for (i,) in conn.execute("SELECT item_id FROM followup_actions")]
    return {
        "rm_code": rm,
        "branch": branch,
        "customer_id": customer,
        "account_id": account,
        "gregorian": list(range(101, 1232)),
        "lunar": list(range(101, 1231)),
        "first": date(2020, 1, 1),
        "last": date(2099, 12, 31),
        "due_by": date(2035, 12, 31),
        "statuses": ["open", "acknowledged", "in_progress"],
        "item_ids": [*items, "birthday:0000000001:2026-01-01"],
        "day": date(2026, 5, 20),  # in both sample campaigns
        "number": "0000000005",
        "customer_ids": ["0000000004", "0000000005", "0000000001"],
    }


def _params(name: str, shape: tuple[bool, ...], values: dict) -> dict:
    """The values the read binds in this shape."""
    import re

    sql = compiled_reads.READS[name][shape][0]
    found = {key: values[key] for key in values if re.search(rf":{key}\b", sql)}
    if name in ("aliases_of", "holding_rows"):
        found["customer_id"] = "0000000004"
    return found


def _typed(row) -> list:
    return [(type(value).__name__, value) for value in row]


CASES = [
    (name, shape)
    for name, (_builder, choices) in read_statements.READS.items()
    for shape in read_statements._shapes(len(choices))
]


@pytest.mark.parametrize(("name", "shape"), CASES, ids=[f"{n}{s}" for n, s in CASES])
def test_a_read_returns_through_sqlite3_what_sqlalchemy_returns(bank: Path, name, shape):
    values = _values(bank)
    params = _params(name, shape, values)
    statement = read_statements.statement("sqlite", name, shape)
    as_core = {k: json.dumps(v) if isinstance(v, list) else v for k, v in params.items()}
    engine = store_engine(str(bank))
    with engine.connect() as conn:
        expected = [_typed(row) for row in conn.execute(statement, as_core)]
        through_engine = [_typed(row) for row in reads.rows(conn, name, shape, params)]
    engine.dispose()
    with LiteStore(bank).connect() as conn:
        found = [_typed(row) for row in reads.rows(conn, name, shape, params)]
    assert sorted(found, key=repr) == sorted(expected, key=repr)
    assert sorted(through_engine, key=repr) == sorted(expected, key=repr)
    if not any(shape) and name != "snoozed_until_between":
        assert expected, f"{name}: the sample bank gives no row to compare"


def test_rows_are_named_as_the_statements_columns(bank: Path):
    values = _values(bank)
    with LiteStore(bank).connect() as conn:
        shape = (False, False)
        params = _params("open_callback_rows", shape, values)
        row = reads.rows(conn, "open_callback_rows", shape, params)[0]
    assert isinstance(row.next_date, date) and row.contact_id == row[7]


def test_a_store_at_another_schema_or_no_store_is_not_read_this_way(bank: Path, tmp_path: Path):
    assert open_lite(str(bank)) is not None
    assert open_lite(f"sqlite:///{bank}") is not None
    older = tmp_path / "older.sqlite3"
    older.write_bytes(bank.read_bytes())
    import sqlite3

    with sqlite3.connect(older) as conn:
        conn.execute("UPDATE alembic_version SET version_num = '0006'")
    assert open_lite(str(older)) is None
    assert open_lite(str(tmp_path / "none.sqlite3")) is None
    (tmp_path / "notes.txt").write_text("not a store")
    assert open_lite(str(tmp_path / "notes.txt")) is None
    assert open_lite("sqlite://") is None
    assert open_lite(f"sqlite:///{bank}?mode=ro") is None
