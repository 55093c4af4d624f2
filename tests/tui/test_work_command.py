"""`crm work` as a command: without a terminal it refuses in one line, and the other commands
never load Textual."""

from __future__ import annotations

import subprocess
import sys

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
