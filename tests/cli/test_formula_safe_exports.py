"""Every `--format csv` output is safe to open in a spreadsheet, whatever the data holds.

A store is filled with values a spreadsheet would run as formulas (=, +, -, @, tab, CR at the
start of names, addresses, branches, notes, complaint texts, product names, settings); every
command that offers `--format csv` is found by walking the command tree and run, and no cell
of its output may start a formula. Signed numbers stay numbers.
"""

from __future__ import annotations

import csv
import io

import pytest
import time_machine
import typer
from conftest import write
from factories import make_id

from bankcrm_cli.cli.main import app

DAY = "2026-12-01"
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
HOSTILE = {
    "name": '=HYPERLINK("http://evil.example","点我")',
    "rm": "=RM(1)",
    "branch": "@分行",
    "address": "+北京市",
    "note": "=cmd|' /C calc'!A0",
    "category": "=收费",
    "summary": "@SUM(A1)",
    "product": "-2+3",
    "bank": "=银行",
}

# Arguments for commands that need some; a command offering csv that is missing here fails the
# test, so a new list command cannot skip the check.
ARGUMENTS = {
    "followups today": ["--date", DAY],
    "followups upcoming": ["--date", DAY, "--days", "30"],
    "customers search": ["F"],
    "customers show": ["F1"],  # refuses csv: a profile is a table or json
    "complaints show": ["1"],
    "complaints list": ["--date", DAY],
    "templates check": ["birthday-greeting"],
    "report daily": ["--date", DAY],
    "report weekly": ["--date", DAY],
    "report complaints": ["--date", DAY],
    "report portfolio": ["--date", DAY],
    "report campaign": [HOSTILE["category"], "--date", DAY],
    "campaigns report": [HOSTILE["category"], "--date", DAY],
    "campaigns members": [HOSTILE["category"]],
    "campaigns show": [HOSTILE["category"]],
}
# Commands of a team store (PostgreSQL): on SQLite they say so (exit 2).
TEAM_STORE_ONLY = {"users list", "audit"}
# Commands whose csv shows the hostile values (the others summarise: counts, tiers, dates).
SHOWS_TEXT = {
    "customers list",
    "customers search",
    "calls list",
    "complaints list",
    "complaints show",
    "followups today",
    "followups upcoming",
    "rms list",
    "config show",
    "campaigns list",
    "campaigns members",
    "campaigns show",
}


def csv_commands() -> list[tuple[str, list[str]]]:
    """Every command path with a --format option that offers csv, and its required params."""
    root = typer.main.get_command(app)
    found = []

    def walk(command, path):
        if hasattr(command, "commands"):
            for name, sub in command.commands.items():
                walk(sub, [*path, name])
            return
        for param in command.params:
            if "--format" not in (getattr(param, "opts", None) or []):
                continue
            choices = [member.value for member in param.type_descriptor.annotation]
            if "csv" in choices:
                required = [p.name for p in command.params if p.required]
                found.append((" ".join(path), required))

    walk(root, [])
    return found


@pytest.fixture
def hostile_bank(crm, tmp_path, monkeypatch):
    monkeypatch.setenv("CRM_BANK_NAME", HOSTILE["bank"])
    monkeypatch.chdir(tmp_path)
    rms = f"rm_code,name,branch\nRM1,{HOSTILE['rm']},{HOSTILE['branch']}\n"
    assert crm("rms", "import", str(write(tmp_path / "rms.csv", rms))).exit_code == 0
    name = HOSTILE["name"].replace('"', '""')
    customers = (
        "customer_id,name,id_number,address,branch,rm_code,aum\n"
        f'F1,"{name}",{make_id("19851201", 1)},{HOSTILE["address"]},{HOSTILE["branch"]},RM1,100\n'
        f"F2,{HOSTILE['summary']},{make_id('19901203', 2)},,{HOSTILE['branch']},RM1,600000\n"
    )
    result = crm("import", "customers", str(write(tmp_path / "c.csv", customers)))
    assert result.exit_code == 0 and "拒收 0" in result.stdout, result.output
    holdings = (
        "account_id,customer_id,product_type,product_name,amount,maturity_date\n"
        f"A1,F1,large_cd,{HOSTILE['product']},1000,2026-12-05\n"
    )
    assert crm("import", "holdings", str(write(tmp_path / "h.csv", holdings))).exit_code == 0
    assert crm("log-call", "F1", "--outcome", "reached", "--note", HOSTILE["note"]).exit_code == 0
    # A call-back is asked for today or later: this one on DAY, asked for that morning.
    with time_machine.travel(f"{DAY} 01:30:00+00:00", tick=False):
        assert crm("log-call", "F2", "--outcome", "busy", "--next", DAY).exit_code == 0
    opened = crm(
        *("complaints", "open", "F1", "--category", HOSTILE["category"]),
        *("--summary", HOSTILE["summary"], "--received", "2026-11-28 10:00"),
    )
    assert opened.exit_code == 0, opened.output
    campaign = ("campaigns", "create", HOSTILE["category"], "--title", HOSTILE["note"])
    assert crm(*campaign, "--product-type", HOSTILE["product"]).exit_code == 0
    target = ("campaigns", "target", HOSTILE["category"], "--customers", "F1,F2")
    assert crm(*target).exit_code == 0
    return crm


def _is_number(cell: str) -> bool:
    try:
        float(cell.replace(",", ""))
    except ValueError:
        return False
    return True


def test_every_csv_output_neutralises_formulas(hostile_bank):
    commands = csv_commands()
    assert len(commands) >= 15, commands
    checked = []
    for path, required in commands:
        args = ARGUMENTS.get(path, [])
        assert not required or args, f"crm {path} needs arguments: add them to ARGUMENTS"
        result = hostile_bank(*path.split(), *args, "--format", "csv")
        if path in TEAM_STORE_ONLY and "PostgreSQL 团队库的功能" in result.stderr:
            continue
        if result.exit_code == 2 and "--format 须为以下之一" in result.stderr:
            assert result.stdout == "", f"crm {path} refuses csv and prints nothing"
            continue
        assert result.exit_code == 0, f"crm {path}: {result.output}"
        rows = list(csv.reader(io.StringIO(result.stdout, newline="")))
        assert rows, f"crm {path} printed nothing"
        for row in rows:
            for cell in row:
                if cell.startswith(FORMULA_STARTS) and not _is_number(cell):
                    pytest.fail(f"crm {path} --format csv printed a formula: {cell!r}")
        if path in SHOWS_TEXT:
            assert "'=" in result.stdout or "'@" in result.stdout or "'+" in result.stdout, (
                f"crm {path}: the hostile values should be there, neutralised"
            )
        checked.append(path)
    assert set(checked) >= SHOWS_TEXT
