"""The store: created private, WAL, foreign keys, schema versions."""

from __future__ import annotations

import sqlite3
import stat
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import text

from bankcrm_cli.domain.errors import SchemaOutOfDate
from bankcrm_cli.store import migrate
from bankcrm_cli.store.engine import make_engine, resolve_url


def test_store_file_is_created_with_parent_folders_and_mode_0600(tmp_path: Path):
    path = tmp_path / "a" / "b" / "crm.sqlite3"
    engine = make_engine(resolve_url(str(path)))
    migrate.ensure_current(engine)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    engine.dispose()


def test_connections_use_wal_foreign_keys_and_a_busy_timeout(tmp_path: Path):
    engine = make_engine(resolve_url(str(tmp_path / "crm.sqlite3")))
    with engine.connect() as conn:
        assert conn.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert conn.execute(text("PRAGMA foreign_keys")).scalar() == 1
        assert conn.execute(text("PRAGMA busy_timeout")).scalar() >= 10_000
    engine.dispose()


def test_schema_head_constant_matches_the_newest_migration():
    assert migrate.script_head() == migrate.SCHEMA_HEAD
    assert migrate.SCHEMA_REVISIONS[-1] == migrate.SCHEMA_HEAD


def test_new_store_is_created_at_the_current_schema(tmp_path: Path):
    engine = make_engine(resolve_url(str(tmp_path / "crm.sqlite3")))
    migrate.ensure_current(engine)
    assert migrate.schema_status(engine).up_to_date
    with engine.connect() as conn:
        tables = {
            r[0] for r in conn.execute(text("SELECT name FROM sqlite_master WHERE type='table'"))
        }
    assert {"customers", "holdings", "rms", "import_runs"} <= tables
    engine.dispose()


def test_migrated_schema_matches_the_table_definitions(tmp_path: Path):
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    from bankcrm_cli.store.tables import metadata

    engine = make_engine(resolve_url(str(tmp_path / "crm.sqlite3")))
    migrate.upgrade(engine)
    with engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), metadata)
    assert diff == []
    engine.dispose()


def test_store_with_an_unknown_newer_schema_is_refused(tmp_path: Path):
    path = tmp_path / "crm.sqlite3"
    engine = make_engine(resolve_url(str(path)))
    migrate.upgrade(engine)
    with sqlite3.connect(path) as raw:
        raw.execute("UPDATE alembic_version SET version_num = '9999'")
    with pytest.raises(SchemaOutOfDate, match="newer"):
        migrate.ensure_current(engine)
    engine.dispose()


def test_database_with_foreign_tables_is_not_taken_over(tmp_path: Path):
    path = tmp_path / "other.sqlite3"
    with sqlite3.connect(path) as raw:
        raw.execute("CREATE TABLE invoices (id INTEGER)")
    engine = make_engine(resolve_url(str(path)))
    with pytest.raises(SchemaOutOfDate, match="no bankcrm schema"):
        migrate.ensure_current(engine)
    engine.dispose()


def test_store_with_an_older_schema_asks_for_db_upgrade(tmp_path: Path):
    engine = make_engine(resolve_url(str(tmp_path / "crm.sqlite3")))
    migrate.upgrade(engine, "0001")
    with pytest.raises(SchemaOutOfDate, match="crm db upgrade"):
        migrate.ensure_current(engine)
    assert migrate.schema_status(engine).pending == list(migrate.SCHEMA_REVISIONS[1:])
    engine.dispose()


def test_upgrade_from_the_first_schema_keeps_every_row(tmp_path: Path):
    path = tmp_path / "crm.sqlite3"
    engine = make_engine(resolve_url(str(path)))
    migrate.upgrade(engine, "0001")
    with sqlite3.connect(path) as raw:
        raw.execute(
            "INSERT INTO customers (customer_id, name, birth_date, birth_mmdd, lunar_birthday,"
            " created_at, updated_at) VALUES ('007', '张伟', '1985-03-07', 307, 1,"
            " '2026-01-01 00:00:00.000000', '2026-01-01 00:00:00.000000')"
        )
        raw.execute(
            "INSERT INTO holdings (account_id, customer_id, currency, maturity_date, created_at,"
            " updated_at) VALUES ('A1', '007', 'CNY', '2027-01-01',"
            " '2026-01-01 00:00:00.000000', '2026-01-01 00:00:00.000000')"
        )
    migrate.upgrade(engine)
    assert migrate.schema_status(engine).up_to_date
    with engine.connect() as conn:
        customer = conn.execute(text("SELECT customer_id, name, birth_mmdd FROM customers")).one()
        holding = conn.execute(text("SELECT account_id, maturity_date FROM holdings")).one()
    assert tuple(customer) == ("007", "张伟", 307)
    assert tuple(holding) == ("A1", "2027-01-01")
    with engine.connect() as conn:
        lunar_key = conn.execute(text("SELECT lunar_mmdd FROM customers")).scalar()
    from bankcrm_cli.domain.birthdays import lunar_mmdd

    assert lunar_key == lunar_mmdd(date(1985, 3, 7)), "existing lunar birthdays are backfilled"
    engine.dispose()


def test_new_store_uses_8k_pages(tmp_path: Path):
    engine = make_engine(resolve_url(str(tmp_path / "crm.sqlite3")))
    migrate.ensure_current(engine)
    with engine.connect() as conn:
        assert conn.execute(text("PRAGMA page_size")).scalar() == 8192
    engine.dispose()
