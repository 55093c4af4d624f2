"""`crm work` as a command: without a terminal it refuses in one line, and the other commands
never load Textual."""

from __future__ import annotations

import subprocess
import sys

import pytest
from workbench_kit import load_sample


def test_without_a_terminal_crm_work_is_one_line_and_exit_2(crm, tmp_path):
    load_sample(crm)
    before = crm.json("calls", "list")
    result = subprocess.run(
        [sys.executable, "-P", "-m", "bankcrm_cli", "--db", str(crm.db), "work"],
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        cwd=tmp_path,
    )
    assert result.returncode == 2
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    assert "终端" in lines[0] and "crm followups today" in lines[0]
    assert crm.json("calls", "list") == before


def test_other_commands_do_not_load_textual(crm):
    """Only `crm work` pays for Textual's import; the day's list and its help do not."""
    load_sample(crm)
    probe = (
        "import sys\n"
        "from bankcrm_cli.cli.main import run\n"
        "sys.argv = ['crm', *sys.argv[1:]]\n"
        "try:\n"
        "    run()\n"
        "except SystemExit:\n"
        "    pass\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] == 'textual')[:3])\n"
    )
    for args in (
        ["--help"],
        ["--db", str(crm.db), "followups", "today", "--date", "2026-12-04"],
        ["--db", str(crm.db), "customers", "show", "0000000174"],
    ):
        result = subprocess.run(
            [sys.executable, "-P", "-c", probe, *args], capture_output=True, text=True, check=True
        )
        assert result.stdout.strip().splitlines()[-1] == "[]", (args, result.stdout)


# `crm work` run as the program runs it, its app driven by Textual's pilot instead of a
# terminal: what is loaded once the first screen shows, and after a call is logged.
FIRST_SCREEN_PROBE = """
import asyncio, json, sys
report, tests, sys.argv = sys.argv[1], sys.argv[2], ["crm", *sys.argv[3:]]
sys.path.insert(0, tests)
from workbench_kit import screen_text, settle
from bankcrm_cli.tui.app import WorkApp

sys.stdin.isatty = sys.stdout.isatty = lambda: True
seen = {}

async def drive(app):
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        seen["first"] = screen_text(app)
        seen["first_loaded"] = sorted(m for m in sys.modules if m.split(".")[0] == "sqlalchemy")
        await pilot.press("c")
        await settle(pilot)
        await pilot.press(*"asked about the 3-year rate", "ctrl+s")
        await settle(pilot)
        seen["after_call"] = screen_text(app)
        seen["after_loaded"] = "sqlalchemy" in sys.modules

WorkApp.run = lambda app: asyncio.run(drive(app))
from bankcrm_cli.cli.main import run
try:
    run()
except SystemExit as exc:
    seen["exit"] = exc.code
with open(report, "w") as f:
    json.dump(seen, f)
"""


@pytest.mark.sqlite_only
def test_the_first_screen_on_a_sqlite_store_loads_no_sqlalchemy(crm, tmp_path):
    """The day's list and the first customer's pane are read through sqlite3 (store/lite.py);
    SQLAlchemy is loaded at the first write, which then shows in the pane."""
    import json
    from pathlib import Path

    load_sample(crm)
    report = tmp_path / "seen.json"
    args = ["--db", str(crm.db), "work", "--date", "2026-12-04", "--rm", "RM001"]
    tests = str(Path(__file__).parent)
    done = subprocess.run(
        [sys.executable, "-P", "-c", FIRST_SCREEN_PROBE, str(report), tests, *args],
        capture_output=True,
        text=True,
        cwd=tmp_path,
    )
    assert done.returncode == 0, done.stderr
    seen = json.loads(report.read_text())
    assert seen.get("exit") in (None, 0)
    assert seen["first_loaded"] == []
    # the list and the first customer's pane are on the screen
    assert "RM001" in seen["first"] and "到期 (1)" in seen["first"], seen["first"]
    assert "客户号   0000000196" in seen["first"], seen["first"]
    assert seen["after_loaded"] is True
    # the call is in the pane's timeline, read back through sqlite3 after the engine wrote it
    assert "asked about the" in seen["after_call"], seen["after_call"]
    calls = crm.json("calls", "list")
    assert [c["note"] for c in calls if c["note"]] == ["asked about the 3-year rate"]
