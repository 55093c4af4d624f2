"""A store is made only by commands that write; a read on a missing store says there is none
and how to make one (exit 2), and creates nothing: no file, no folder, no schema.

Every command is found by walking the command tree: those that write are listed below, every
other runs against a missing store (a SQLite path in a folder that does not exist; on the
PostgreSQL pass, an empty schema).
"""

from __future__ import annotations

from pathlib import Path

import pytest
import typer
from conftest import PG_URL, Crm, store_engine, write

from bankcrm_cli.cli.main import app

DAY = "2026-12-01"

# Commands that write, with arguments that let them: each makes the store.
WRITERS = {
    "sample load": [],
    "import customers": ["{dir}/c.csv"],
    "import holdings": ["{dir}/h.csv"],
    "rms import": ["{dir}/rms.csv"],
    "db upgrade": [],
    "log-call": ["C1", "--outcome", "reached"],
    "complaints open": ["C1", "--category", "收费", "--summary", "年费"],
    "restore": ["{dir}/backup.sqlite3"],
}
# Commands that never touch the store.
STORELESS = {"config show", "cron example", "templates list", "templates show", "templates check"}
# Arguments a read needs to get as far as the store.
ARGUMENTS = {
    "customers reassign": ["--from", "RM001", "--to", "RM002"],
    "users add": ["probe_login", "--role", "rm", "--rm", "RM001"],
    "users set-role": ["probe_login", "--role", "rm"],
    "users disable": ["probe_login"],
    "followups done": ["birthday:C1:2026-12-01"],
    "followups snooze": ["birthday:C1:2026-12-01", "--until", "2099-01-01"],
    "customers show": ["C1"],
    "customers search": ["张"],
    "customers merge": ["C1", "C2"],
    "customers unmerge": ["C2"],
    "complaints ack": ["1"],
    "complaints progress": ["1", "--note", "n"],
    "complaints extend": ["1", "--level", "complex", "--reason", "r"],
    "complaints resolve": ["1", "--resolution", "r"],
    "complaints close": ["1"],
    "complaints reopen": ["1", "--reason", "r"],
    "complaints show": ["1"],
    "mailmerge": ["birthday-greeting", "--customers", "C1"],
    "backup": ["{dir}/copy.sqlite3"],
    "templates show": ["birthday-greeting"],
    "templates check": ["birthday-greeting"],
    "import customers --dry-run": ["{dir}/c.csv", "--dry-run"],
    "campaigns create": ["fund", "--title", "基金首发"],
    "campaigns show": ["fund"],
    "campaigns close": ["fund"],
    "campaigns target": ["fund", "--customers", "C1"],
    "campaigns members": ["fund"],
    "campaigns rsvp": ["fund", "C1", "--accepted"],
    "campaigns attend": ["fund", "C1"],
    "campaigns report": ["fund"],
    "report campaign": ["fund"],
}


def commands() -> list[str]:
    found = []

    def walk(command, path):
        if hasattr(command, "commands"):
            for name, sub in command.commands.items():
                walk(sub, [*path, name])
            return
        found.append(" ".join(path))

    walk(typer.main.get_command(app), [])
    return found


READS = [c for c in commands() if c not in WRITERS and c not in STORELESS]
READS.append("import customers --dry-run")


def inputs(folder: Path) -> Path:
    folder.mkdir(exist_ok=True)
    write(folder / "c.csv", "customer_id,name\nC1,张伟\n")
    write(folder / "h.csv", "account_id,customer_id,product_type,amount\nA1,C1,fund,1\n")
    write(folder / "rms.csv", "rm_code,name\nRM001,王经理\n")
    return folder


def argv(command: str, folder: Path, table: dict[str, list[str]]) -> list[str]:
    words = command.removesuffix(" --dry-run").split()
    return [*words, *(a.format(dir=folder) for a in table.get(command, []))]


def store_exists(crm: Crm) -> bool:
    """A store file, or on a server, a schema with anything in it."""
    if PG_URL is None:
        return Path(crm.db).exists()
    from sqlalchemy import inspect

    engine = store_engine(crm)
    with engine.connect() as conn:
        tables = inspect(conn).get_table_names()
    engine.dispose()
    return bool(tables)


def test_the_lists_name_real_commands():
    every = set(commands())
    assert set(WRITERS) | STORELESS <= every
    assert {c.removesuffix(" --dry-run") for c in ARGUMENTS} <= every


@pytest.mark.empty_store
@pytest.mark.parametrize("command", READS)
def test_a_read_on_a_missing_store_says_so_and_creates_nothing(crm, tmp_path: Path, command):
    folder = inputs(tmp_path / "in")
    result = crm(*argv(command, folder, ARGUMENTS))
    assert result.stderr.count("\n") == 1, result.stderr
    if command == "backup" and PG_URL is not None:
        assert result.exit_code == 1 and "pg_dump" in result.stderr  # the advice, as ever
    else:
        assert result.exit_code == 2, result.output
        assert "还没有数据库" in result.stderr and "crm db upgrade" in result.stderr
    assert not store_exists(crm)
    if PG_URL is None:
        assert not Path(crm.db).parent.exists(), "a folder was made for a store"


@pytest.mark.empty_store
@pytest.mark.parametrize("command", sorted(STORELESS))
def test_commands_without_the_store_create_none(crm, tmp_path: Path, command):
    result = crm(*argv(command, tmp_path, ARGUMENTS))
    assert "Traceback" not in result.output
    assert not store_exists(crm)


@pytest.mark.empty_store
@pytest.mark.parametrize("command", sorted(WRITERS))
def test_a_command_that_writes_makes_the_store(crm, tmp_path: Path, command):
    folder = inputs(tmp_path / "in")
    if command == "restore":
        if PG_URL is not None:
            pytest.skip("crm restore replaces SQLite stores")
        other = Crm(tmp_path / "other" / "crm.sqlite3")
        assert other("db", "upgrade").exit_code == 0
        assert other("backup", str(folder / "backup.sqlite3")).exit_code == 0
    result = crm(*argv(command, folder, WRITERS))
    # log-call and complaints open then say there is no customer C1: the store is made first.
    assert result.exit_code in (0, 1), result.output
    assert "Traceback" not in result.output
    assert store_exists(crm)
    if PG_URL is None:
        assert (Path(crm.db).stat().st_mode & 0o777) == 0o600
