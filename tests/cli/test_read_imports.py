"""What an everyday read command loads is what it needs (issue 21): `crm followups today` and
`crm customers show` load no ORM, no template engine, no PDF or spreadsheet library, and no
calendar of a country other than China. Each command runs as a user runs it, in a process
of its own, and reports the modules loaded when it ended."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

# Module prefixes a read command must not load, and why each would be there.
NOT_NEEDED = {
    "sqlalchemy.orm": "an ORM",
    "sqlmodel": "an ORM",
    "jinja2": "a template engine",
    "mako": "a template engine (Alembic's)",
    "alembic": "the migration tool",
    "reportlab": "a PDF library",
    "pypdfium2": "a PDF library",
    "pypdf": "a PDF library",
    "PIL": "an image library",
    "openpyxl": "a spreadsheet library",
    "holidays.financial": "a market's calendar",
    "bankcrm_cli.domain.catalogue_help": "the help's Chinese texts",
    "bankcrm_cli.cli.help_format": "the help's Chinese layout",
}
CHINA = "holidays.countries.china"

# Runs the `crm` program, then writes the names of the loaded modules to the file named first.
PROBE = """
import json, sys
report, sys.argv = sys.argv[1], ["crm", *sys.argv[2:]]
from bankcrm_cli.cli.main import run
try:
    run()
except SystemExit as exc:
    code = exc.code
else:
    code = 0
with open(report, "w") as f:
    json.dump({"exit": code, "modules": sorted(sys.modules)}, f)
"""


def loaded_by(tmp_path: Path, db: str, *args: str) -> set[str]:
    """The modules `crm --db DB ARGS` has loaded when it ends (it must succeed)."""
    report = tmp_path / "modules.json"
    subprocess.run(
        [sys.executable, "-P", "-c", PROBE, str(report), "--db", db, *args],
        check=True,
        capture_output=True,
    )
    found = json.loads(report.read_text())
    assert found["exit"] in (0, None)
    return set(found["modules"])


def not_needed(modules: set[str]) -> dict[str, str]:
    unwanted = {}
    for name in modules:
        for prefix, what in NOT_NEEDED.items():
            if name == prefix or name.startswith(prefix + "."):
                unwanted[name] = what
        if name.startswith("holidays.countries.") and name != CHINA:
            unwanted[name] = "another country's calendar"
    return unwanted


@pytest.fixture
def sample_db(crm) -> str:
    assert crm("sample", "load").exit_code == 0
    return str(crm.db)


COMMANDS = {
    "followups today": ("followups", "today", "--date", "2026-12-04"),
    "followups today json": ("followups", "today", "--date", "2026-12-04", "--format", "json"),
    "customers show": ("customers", "show", "0000000001"),
    "customers show json": ("customers", "show", "0000000001", "--format", "json"),
}


@pytest.mark.parametrize("command", COMMANDS)
def test_read_command_loads_no_orm_template_pdf_or_foreign_calendar(
    tmp_path: Path, sample_db: str, command: str
):
    modules = loaded_by(tmp_path, sample_db, *COMMANDS[command])
    assert "bankcrm_cli.services.followups" in modules or "customers" in command
    assert not_needed(modules) == {}


def test_china_calendar_alone_when_first_worked_out_then_none(tmp_path: Path, sample_db: str):
    """A first run works out China's working days from the `holidays` package, loading its
    China calendar and no other country's; the next run reads them from the cache folder and
    loads no `holidays` at all."""
    first = loaded_by(tmp_path, sample_db, *COMMANDS["followups today"])
    assert CHINA in first
    assert not_needed(first) == {}
    again = loaded_by(tmp_path, sample_db, *COMMANDS["followups today"])
    assert not any(name == "holidays" or name.startswith("holidays.") for name in again)


# On a SQLite store, the day's list and a customer's profile read through the standard
# library's sqlite3 (store/lite.py): neither SQLAlchemy nor pydantic (Typer's coercion) is
# loaded.
LIGHT = {
    "followups today": COMMANDS["followups today"],
    "followups today json": COMMANDS["followups today json"],
    "followups today one RM, one kind": (
        *COMMANDS["followups today"],
        "--rm",
        "rm001",
        "--kind",
        "maturity",
        "--kind",
        "birthday",
    ),
    "customers show": COMMANDS["customers show"],
    "customers show json": COMMANDS["customers show json"],
    "followups today a branch, csv": (
        *COMMANDS["followups today"],
        "--branch",
        "海淀支行",
        "-f",
        "csv",
    ),
}


@pytest.mark.parametrize("command", LIGHT)
def test_everyday_reads_on_a_sqlite_store_load_no_sqlalchemy(
    tmp_path: Path, sample_db: str, command: str
):
    if "://" in sample_db:
        pytest.skip("a database server's store is read through SQLAlchemy")
    modules = loaded_by(tmp_path, sample_db, *LIGHT[command])
    heavy = sorted(m for m in modules if m.split(".")[0] in ("sqlalchemy", "pydantic"))
    assert heavy == []
    assert "bankcrm_cli.store.lite" in modules
