"""The store: created private, WAL, foreign keys, schema versions, upgrades that keep every row."""

from __future__ import annotations

import json
import stat
from datetime import date, datetime
from pathlib import Path

import pytest
from sqlalchemy import Date, DateTime, MetaData, inspect, select, text

from bankcrm_cli.domain.errors import SchemaOutOfDate
from bankcrm_cli.store import migrate
from bankcrm_cli.store.engine import make_engine, resolve_url

FIRST_SCHEMA_FIXTURE = Path(__file__).parent.parent / "fixtures" / "store_0001.json"
FIRST_SCHEMA_TABLES = ("rms", "customers", "holdings", "import_runs")


@pytest.fixture
def engine(store_url: str):
    engine = make_engine(resolve_url(store_url))
    yield engine
    engine.dispose()


@pytest.mark.sqlite_only("file modes belong to a SQLite file")
def test_store_file_is_created_with_parent_folders_and_mode_0600(tmp_path: Path):
    path = tmp_path / "a" / "b" / "crm.sqlite3"
    engine = make_engine(resolve_url(str(path)))
    migrate.ensure_current(engine)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
    engine.dispose()


@pytest.mark.sqlite_only("WAL and busy timeouts are SQLite's")
def test_connections_use_wal_foreign_keys_and_a_busy_timeout(tmp_path: Path):
    engine = make_engine(resolve_url(str(tmp_path / "crm.sqlite3")))
    with engine.connect() as conn:
        assert conn.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert conn.execute(text("PRAGMA foreign_keys")).scalar() == 1
        assert conn.execute(text("PRAGMA busy_timeout")).scalar() >= 10_000
    engine.dispose()


def test_schema_head_constant_matches_the_newest_migration():
    from alembic.script import ScriptDirectory

    newest = ScriptDirectory(str(migrate.MIGRATIONS_DIR)).get_current_head()
    assert newest == migrate.SCHEMA_HEAD
    assert migrate.SCHEMA_REVISIONS[-1] == migrate.SCHEMA_HEAD


@pytest.mark.empty_store
def test_new_store_is_created_at_the_current_schema(engine):
    migrate.ensure_current(engine)
    assert migrate.schema_status(engine).up_to_date
    with engine.connect() as conn:
        tables = set(inspect(conn).get_table_names())
    assert {"customers", "holdings", "rms", "import_runs"} <= tables


@pytest.mark.empty_store
def test_migrated_schema_matches_the_table_definitions(engine):
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    from bankcrm_cli.store.tables import metadata

    migrate.upgrade(engine)
    with engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), metadata)
    assert diff == []


@pytest.mark.empty_store
def test_store_with_an_unknown_newer_schema_is_refused(engine):
    migrate.upgrade(engine)
    with engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = '9999'"))
    with pytest.raises(SchemaOutOfDate, match="更新；请升级 bankcrm"):
        migrate.ensure_current(engine)


@pytest.mark.empty_store
def test_database_with_foreign_tables_is_not_taken_over(engine, english):
    with engine.begin() as conn:
        conn.execute(text("CREATE TABLE invoices (id INTEGER)"))
    with pytest.raises(SchemaOutOfDate, match="no bankcrm schema"):
        migrate.ensure_current(engine)


@pytest.mark.empty_store
def test_store_with_an_older_schema_asks_for_db_upgrade(engine):
    migrate.upgrade(engine, "0001")
    with pytest.raises(SchemaOutOfDate, match="crm db upgrade"):
        migrate.ensure_current(engine)
    assert migrate.schema_status(engine).pending == list(migrate.SCHEMA_REVISIONS[1:])


def _first_schema_rows() -> dict[str, list[dict]]:
    data = json.loads(FIRST_SCHEMA_FIXTURE.read_text(encoding="utf-8"))
    assert data["schema"] == "0001"
    return {name: data[name] for name in FIRST_SCHEMA_TABLES}


def _typed(table, row: dict) -> dict:
    """A fixture row with its dates and timestamps as Python values, as the columns take them."""
    typed = {}
    for name, value in row.items():
        kind = table.c[name].type
        if value is not None and isinstance(kind, DateTime):
            value = datetime.fromisoformat(value)
        elif value is not None and isinstance(kind, Date):
            value = date.fromisoformat(value)
        typed[name] = value
    return typed


def load_first_schema_store(engine) -> dict[str, list[dict]]:
    """A store at schema 0001 holding the fixture's rows; returns them, typed."""
    migrate.upgrade(engine, "0001")
    old = MetaData()
    old.reflect(engine, only=FIRST_SCHEMA_TABLES)
    loaded = {}
    with engine.begin() as conn:
        for name, rows in _first_schema_rows().items():
            table = old.tables[name]
            loaded[name] = [_typed(table, row) for row in rows]
            # Numbered rows get their numbers from the store (1, 2, … as in the fixture), so
            # the store's own counter (a sequence on PostgreSQL) stays in step.
            numbered = "id" in table.c and table.c.id.autoincrement
            conn.execute(
                table.insert(),
                [{k: v for k, v in row.items() if k != "id"} for row in loaded[name]]
                if numbered
                else loaded[name],
            )
    return loaded


def _comparable(value):
    # SQLite gives timestamps back without a zone (stored as UTC); compare instants.
    if isinstance(value, datetime) and value.tzinfo is not None:
        return value.replace(tzinfo=None) - value.utcoffset()
    return value


@pytest.mark.empty_store
def test_upgrade_from_the_first_released_schema_keeps_every_row(engine):
    from bankcrm_cli.domain.birthdays import lunar_mmdd
    from bankcrm_cli.store.tables import metadata

    loaded = load_first_schema_store(engine)
    migrate.upgrade(engine)
    assert migrate.schema_status(engine).up_to_date
    with engine.connect() as conn:
        for name, rows in loaded.items():
            table = metadata.tables[name]
            key = next(iter(table.primary_key.columns))
            columns = [table.c[column] for column in rows[0]]
            stored = [r._asdict() for r in conn.execute(select(*columns).order_by(key))]
            expected = sorted(rows, key=lambda row: row[key.name])
            assert len(stored) == len(expected), name
            for got, want in zip(stored, expected, strict=True):
                assert {k: _comparable(v) for k, v in got.items()} == {
                    k: _comparable(v) for k, v in want.items()
                }, f"{name} {want[key.name]}"
        lunar = dict(
            conn.execute(
                text("SELECT customer_id, lunar_mmdd FROM customers WHERE lunar_mmdd IS NOT NULL")
            ).all()
        )
    # Customers marked 农历生日 get their lunar key, so they show without a re-import.
    assert lunar == {
        "C002": lunar_mmdd(date(1985, 3, 7)),
        "C005": lunar_mmdd(date(1990, 1, 1)),
    }


@pytest.mark.empty_store
def test_a_first_schema_store_is_refused_until_db_upgrade_then_works(crm, engine, tmp_path):
    load_first_schema_store(engine)
    engine.dispose()
    refused = crm("customers", "list")
    assert refused.exit_code == 1 and "crm db upgrade" in refused.stderr
    upgraded = crm("db", "upgrade")
    assert upgraded.exit_code == 0, upgraded.output
    assert "从 0001" in upgraded.stdout
    listed = crm.json("customers", "list")
    numbers = sorted(c["customer_id"] for c in listed)
    assert numbers == ["0000012345", "C002", "C003", "C004", "C005"]
    shown = crm.json("customers", "show", "0000012345")
    assert sorted(h["account_id"] for h in shown["holdings"]) == ["0006222020000001", "A-USD-7"]
    maturities = crm.json("followups", "today", "--date", "2026-12-14", "--kind", "maturity")
    assert [item["account_id"] for item in maturities] == ["0006222020000001"]
    # New work lands beside the old rows.
    assert crm("log-call", "C002", "--outcome", "reached").exit_code == 0
    update = tmp_path / "update.csv"
    update.write_text("customer_id,name,aum\nC003,买买提·艾力,1000\n", encoding="utf-8")
    summary = crm.json("import", "customers", str(update))
    assert (summary["updated"], summary["inserted"]) == (1, 0)


@pytest.mark.sqlite_only("page size is a SQLite setting")
def test_new_store_uses_8k_pages(tmp_path: Path):
    engine = make_engine(resolve_url(str(tmp_path / "crm.sqlite3")))
    migrate.ensure_current(engine)
    with engine.connect() as conn:
        assert conn.execute(text("PRAGMA page_size")).scalar() == 8192
    engine.dispose()
