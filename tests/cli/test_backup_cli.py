"""`crm backup` and `crm restore`: consistent copies while others write, private, atomic."""

from __future__ import annotations

import json
import sqlite3
import stat
import subprocess
import sys
import time
from contextlib import closing
from pathlib import Path

import pytest
from conftest import Crm, write

from bankcrm_cli.store.migrate import SCHEMA_HEAD

pytestmark = pytest.mark.sqlite_only("crm backup and restore copy SQLite stores")

CUSTOMERS = "customer_id,name,phone\nC1,张伟,13800138000\nC2,李娜,13900139000\n"

# A writer in its own process: logs calls as fast as it can until told to stop. Each call is
# one transaction writing a contact and its history row, so a consistent copy has as many of
# one as of the other.
WRITER = r"""
import sys
from pathlib import Path
from bankcrm_cli.services.contacts import log_call
from bankcrm_cli.store.engine import make_engine, resolve_url
engine = make_engine(resolve_url(sys.argv[1]))
stop = Path(sys.argv[2])
n = 0
while not stop.exists():
    log_call(engine, "C1" if n % 2 else "C2", outcome="no-answer", actor="writer", note=str(n))
    n += 1
print(n)
"""


@pytest.fixture
def store(crm, tmp_path: Path):
    result = crm("import", "customers", str(write(tmp_path / "c.csv", CUSTOMERS)))
    assert result.exit_code == 0, result.output
    return crm


def _rows(path: Path, sql: str) -> list[tuple]:
    with sqlite3.connect(path) as conn:
        return conn.execute(sql).fetchall()


def test_backup_is_a_private_self_contained_copy_that_crm_can_open(store, tmp_path: Path):
    target = tmp_path / "backups" / "crm-backup.sqlite3"
    result = store("backup", str(target), "--format", "json")
    assert result.exit_code == 0, result.output
    summary = json.loads(result.stdout)
    assert (summary["customers"], summary["holdings"]) == (2, 0)
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert not Path(f"{target}-wal").exists()
    assert _rows(target, "PRAGMA integrity_check") == [("ok",)]
    assert _rows(target, "PRAGMA journal_mode") == [("delete",)]
    assert [p.name for p in target.parent.iterdir()] == [target.name], "no temporary files left"
    copy = Crm(target)
    assert sorted(c["customer_id"] for c in copy.json("customers", "list")) == ["C1", "C2"]


def test_backup_refuses_to_overwrite_without_force(store, tmp_path: Path):
    target = write(tmp_path / "old-backup.sqlite3", "keep me")
    refused = store("backup", str(target))
    assert refused.exit_code == 1
    assert "--force" in refused.stderr and refused.stderr.count("\n") == 1
    assert target.read_text() == "keep me"
    assert store("backup", str(target), "--force").exit_code == 0
    assert _rows(target, "SELECT count(*) FROM customers") == [(2,)]


def test_backups_taken_while_another_process_writes_are_each_consistent(store, tmp_path: Path):
    stop = tmp_path / "stop"
    writer = subprocess.Popen(
        [sys.executable, "-c", WRITER, str(store.db), str(stop)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        time.sleep(1.0)  # let the writer get going
        copies = []
        for n in range(3):
            target = tmp_path / f"during-{n}.sqlite3"
            result = store("backup", str(target))
            assert result.exit_code == 0, result.output
            copies.append(target)
            time.sleep(0.3)
    finally:
        stop.touch()
        out, err = writer.communicate(timeout=60)
    assert writer.returncode == 0, err
    written = int(out)
    counts = []
    for copy in copies:
        assert _rows(copy, "PRAGMA integrity_check") == [("ok",)]
        contacts = _rows(copy, "SELECT count(*) FROM contacts")[0][0]
        logged = _rows(
            copy, "SELECT count(*) FROM history WHERE entity = 'contact' AND action = 'logged'"
        )[0][0]
        assert contacts == logged, "a copy holds whole transactions only"
        counts.append(contacts)
    assert counts == sorted(counts) and counts[-1] <= written
    assert counts[-1] > 0, "the writer wrote while the backups ran"
    notes = [int(n) for (n,) in _rows(copies[-1], "SELECT note FROM contacts ORDER BY id")]
    assert notes == list(range(len(notes))), "a copy is a prefix of the writes, no gaps"


def test_restore_refuses_to_replace_a_store_without_force(store, tmp_path: Path):
    backup = tmp_path / "b.sqlite3"
    assert store("backup", str(backup)).exit_code == 0
    assert store("log-call", "C1", "--outcome", "reached").exit_code == 0
    refused = store("restore", str(backup))
    assert refused.exit_code == 1
    assert "--force" in refused.stderr and refused.stderr.count("\n") == 1
    assert len(store.json("calls", "list")) == 1, "the store is left as it was"


def test_restore_with_force_brings_back_the_backup_and_drops_later_writes(store, tmp_path: Path):
    backup = tmp_path / "b.sqlite3"
    assert store("backup", str(backup)).exit_code == 0
    # Later writes, some still only in the store's WAL when it is replaced.
    for _ in range(3):
        assert store("log-call", "C1", "--outcome", "reached").exit_code == 0
    result = store("restore", str(backup), "--force")
    assert result.exit_code == 0, result.output
    assert "已用" in result.stdout and "恢复" in result.stdout
    assert store.json("calls", "list") == []
    assert sorted(c["customer_id"] for c in store.json("customers", "list")) == ["C1", "C2"]
    assert stat.S_IMODE(Path(store.db).stat().st_mode) == 0o600
    assert _rows(store.db, "PRAGMA integrity_check") == [("ok",)]
    leftovers = [p.name for p in Path(store.db).parent.iterdir() if p.name.endswith(".tmp")]
    assert leftovers == []


def test_restore_into_a_new_store_path_needs_no_force(store, tmp_path: Path):
    backup = tmp_path / "b.sqlite3"
    assert store("backup", str(backup)).exit_code == 0
    fresh = Crm(tmp_path / "elsewhere" / "restored.sqlite3")
    result = fresh("restore", str(backup))
    assert result.exit_code == 0, result.output
    assert len(fresh.json("customers", "list")) == 2


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"customer_id,name\nC1,x\n", "不是 SQLite 数据库文件"),
        (b"", "不是 SQLite 数据库文件"),
    ],
)
def test_restore_refuses_a_file_that_is_not_a_store(store, tmp_path, content, message):
    source = tmp_path / "not-a-store"
    source.write_bytes(content)
    result = store("restore", str(source), "--force")
    assert result.exit_code == 2
    assert message in result.stderr and result.stderr.count("\n") == 1
    assert len(store.json("customers", "list")) == 2


def test_restore_refuses_another_sqlite_database_and_unknown_schema_versions(store, tmp_path):
    other = tmp_path / "other.sqlite3"
    with sqlite3.connect(other) as conn:
        conn.execute("CREATE TABLE invoices (id INTEGER)")
    result = store("restore", str(other), "--force")
    assert result.exit_code == 2 and "不是 crm 数据库（缺少表" in result.stderr

    newer = tmp_path / "newer.sqlite3"
    assert store("backup", str(newer)).exit_code == 0
    with sqlite3.connect(newer) as conn:
        conn.execute("UPDATE alembic_version SET version_num = '9999'")
    result = store("restore", str(newer), "--force")
    assert result.exit_code == 2 and "结构版本为 9999" in result.stderr
    assert len(store.json("customers", "list")) == 2


def test_restoring_an_older_schema_says_to_upgrade(tmp_path: Path):
    from bankcrm_cli.store import migrate
    from bankcrm_cli.store.engine import make_engine, resolve_url

    old = tmp_path / "old.sqlite3"
    engine = make_engine(resolve_url(str(old)))
    migrate.upgrade(engine, "0001")
    engine.dispose()
    target = Crm(tmp_path / "restored.sqlite3")
    result = target("restore", str(old))
    assert result.exit_code == 0, result.output
    assert "crm db upgrade" in result.stdout
    assert target("customers", "list").exit_code == 1
    assert target("db", "upgrade").exit_code == 0


def _store_bytes(crm) -> dict[str, bytes]:
    """The store file and whatever lies beside it (WAL, shared memory), byte for byte."""
    files = [Path(crm.db), Path(f"{crm.db}-wal"), Path(f"{crm.db}-shm")]
    return {f.name: f.read_bytes() for f in files if f.exists()}


TAMPERED = {
    "extra-trigger": (
        "CREATE TRIGGER block_contacts BEFORE INSERT ON contacts "
        "BEGIN SELECT RAISE(ABORT, 'blocked'); END",
        "表 contacts 有 crm 存储没有的触发器：block_contacts",
    ),
    "extra-view": ("CREATE VIEW everyone AS SELECT * FROM customers", "视图 everyone"),
    "extra-index": (
        "CREATE INDEX ix_customers_name ON customers (name)",
        "表 customers 有 crm 存储没有的索引：ix_customers_name",
    ),
    "missing-index": ("DROP INDEX ix_contacts_at", "缺少索引 contacts.ix_contacts_at"),
    "extra-column": (
        "ALTER TABLE rms ADD COLUMN secret TEXT",
        "表 rms 有 crm 存储没有的列：secret",
    ),
    "extra-table": ("CREATE TABLE notes (id INTEGER)", "表 notes 是任何 crm 存储都没有的"),
}


@pytest.mark.parametrize("change", TAMPERED.values(), ids=TAMPERED.keys())
def test_restore_refuses_a_backup_whose_schema_is_not_its_revisions(store, tmp_path, change):
    statement, said = change
    backup = tmp_path / "tampered.sqlite3"
    assert store("backup", str(backup)).exit_code == 0
    with closing(sqlite3.connect(backup)) as conn:
        conn.execute(statement)
        conn.commit()
    before = _store_bytes(store)
    result = store("restore", str(backup), "--force")
    assert result.exit_code == 2, result.output
    assert said in result.stderr and f"架构版本 {SCHEMA_HEAD}" in result.stderr
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr
    assert _store_bytes(store) == before, "the store is untouched"
    assert _rows(store.db, "PRAGMA integrity_check") == [("ok",)]
    assert len(store.json("customers", "list")) == 2


def test_restore_refuses_other_columns_under_the_right_schema_version(store, tmp_path):
    """A file with crm's table names and version row, but its own columns."""
    impostor = tmp_path / "impostor.sqlite3"
    with closing(sqlite3.connect(impostor)) as conn:
        conn.executescript(
            "CREATE TABLE alembic_version (version_num VARCHAR(32) NOT NULL PRIMARY KEY);"
            "INSERT INTO alembic_version VALUES ('0005');"
            "CREATE TABLE customers (customer_id TEXT, nickname TEXT);"
            "CREATE TABLE holdings (account_id TEXT);"
            "CREATE TABLE rms (rm_code TEXT);"
        )
    before = _store_bytes(store)
    result = store("restore", str(impostor), "--force")
    assert result.exit_code == 2
    line = result.stderr.strip()
    assert "表 customers 有 crm 存储没有的列：nickname" in line
    assert "列 customers.customer_id 是 TEXT NULL，而 crm 建的是 VARCHAR(64) NOT NULL" in line
    assert "；另有 " in line and " 处" in line and line.count("\n") == 0
    assert _store_bytes(store) == before


@pytest.mark.parametrize("revision", ["0001", "0002", "0003", "0004", "0005", "0006"])
def test_a_genuine_store_of_every_revision_restores(tmp_path: Path, revision):
    from bankcrm_cli.store import migrate
    from bankcrm_cli.store.engine import make_engine, resolve_url

    old = tmp_path / f"at-{revision}.sqlite3"
    engine = make_engine(resolve_url(str(old)))
    migrate.upgrade(engine, revision)
    engine.dispose()
    target = Crm(tmp_path / "restored.sqlite3")
    result = target("restore", str(old))
    assert result.exit_code == 0, result.output
    assert ("crm db upgrade" in result.stdout) == (revision != migrate.SCHEMA_HEAD)


def test_a_backup_of_a_store_that_imported_and_upgraded_restores(tmp_path: Path):
    """Imports drop and rebuild indexes, upgrades rebuild tables: the shape stays crm's."""
    from bankcrm_cli.store import migrate
    from bankcrm_cli.store.engine import make_engine, resolve_url

    path = tmp_path / "old.sqlite3"
    engine = make_engine(resolve_url(str(path)))
    migrate.upgrade(engine, "0001")
    engine.dispose()
    source = Crm(path)
    assert source("db", "upgrade").exit_code == 0
    assert source("sample", "load").exit_code == 0
    assert source("backup", str(tmp_path / "b.sqlite3")).exit_code == 0
    target = Crm(tmp_path / "restored.sqlite3")
    result = target("restore", str(tmp_path / "b.sqlite3"))
    assert result.exit_code == 0, result.output


def test_postgresql_store_gets_the_pg_dump_command_without_its_password(tmp_path: Path):
    url = "postgresql+psycopg://rm:s3cret@db.bank.example:5433/crm"
    result = Crm(url)("backup", str(tmp_path / "x.dump"))
    assert result.exit_code == 1
    line = result.stderr.strip()
    assert "\n" not in line and "s3cret" not in line
    for piece in ("pg_dump", "--host=db.bank.example", "--port=5433", "--username=rm", " crm"):
        assert piece in line
    restore = Crm(url)("restore", str(tmp_path / "x.dump"))
    assert restore.exit_code == 1 and "pg_restore" in restore.stderr
    assert not (tmp_path / "x.dump").exists()
