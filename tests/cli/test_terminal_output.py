"""What reaches a terminal: tables fit 80 columns with every figure whole, no raw control
characters from the user's text, and `--rm` naming an RM that does not exist is a mistake."""

from __future__ import annotations

import csv
import io
import json
import re
from decimal import Decimal, InvalidOperation
from pathlib import Path

import pytest
from conftest import Crm, write

# Friday 2026-12-04, 09:30 in Shanghai, as in the recordings.
MOMENT = "2026-12-04 01:30:00+00:00"
# A colour, a window title ended by BEL, a right-to-left override, a carriage return.
HOSTILE = "红\x1b[31m字\x1b]0;pwned\x07尾\u202eabc\rX"
# Tables that show the hostile notes (escaped).
NOTED = ("customers show 0000000109", "calls list", "complaints show 1")
RAW_CONTROL = re.compile(r"[\x00-\x09\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")

# Every table command of the CLI, and the JSON keys whose values (ids, numbers, dates) its
# table must show whole.
TABLE_COMMANDS: list[tuple[str, tuple[str, ...]]] = [
    ("followups today", ("id", "customer_id", "phone")),
    ("followups upcoming --days 14", ("id", "customer_id", "phone")),
    ("customers list --rm RM001", ("customer_id", "phone", "aum")),
    ("customers list --limit 0", ("customer_id", "phone", "aum")),
    ("customers search 张", ("customer_id", "phone", "aum")),
    ("customers search 0000000", ("customer_id", "phone", "aum")),
    ("customers show 0000000109", ("customer_id", "account_id", "amount", "open_date")),
    ("customers show 0000000135", ("customer_id", "account_id", "amount", "maturity_date")),
    ("customers duplicates --min-score 0.5", ("customer_id_a", "customer_id_b")),
    ("rms list", ("rm_code", "phone")),
    ("segments", ("floor", "customers", "aum", "held_above_aum")),
    ("segments --customers", ("customer_id", "rm_code", "aum", "rfm")),
    ("churn --top 40", ("customer_id", "rm_code", "aum", "score")),
    ("opportunities", ("customer_id", "rm_code")),
    ("calls list", ("customer_id", "next_date")),
    ("complaints list", ("customer_id", "received_on", "due_date")),
    ("templates list", ("name",)),
]


@pytest.fixture(scope="module")
def hostile_folder(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("hostile")


@pytest.fixture(scope="module")
def hostile_bank(module_store_url: str, hostile_folder: Path) -> Crm:
    """The sample bank at the recordings' moment, with hostile text in every free-text option:
    notes, summaries, resolutions, reasons, and names, addresses and branches from an import.
    Built once; the tests only read it."""
    import time_machine

    folder = hostile_folder
    crm = Crm(module_store_url)
    with pytest.MonkeyPatch.context() as env, time_machine.travel(MOMENT, tick=False):
        _bank_environment(env, folder)
        assert crm("sample", "load").exit_code == 0
        imported = write(
            folder / "hostile.csv",
            "customer_id,name,address,branch,rm_code\n"
            f'0000000109,"陈{HOSTILE}","{HOSTILE}",海淀支行,RM006\n'
            f'0000000174,"{HOSTILE}",,"{HOSTILE}",RM003\n',
        )
        # A file import refuses a cell with control characters, naming the field.
        result = crm("import", "customers", str(imported), "--rejects", str(folder / "r.csv"))
        assert "拒收 2" in result.stdout, result.output
        assert not RAW_CONTROL.search(result.stdout), result.stdout
        steps = [
            ("log-call", "0000000109", "--outcome", "reached", "--note", HOSTILE,
             "--next", "2026-12-08", "--next-note", HOSTILE, "--at", "2026-12-04 09:00"),
            ("complaints", "open", "0000000109", "--category", HOSTILE, "--summary", HOSTILE,
             "--received", "2026-12-03 15:00"),
            ("complaints", "progress", "1", "--note", HOSTILE),
            ("complaints", "resolve", "1", "--resolution", HOSTILE, "--root-cause", HOSTILE),
            ("complaints", "reopen", "1", "--reason", HOSTILE),
            ("followups", "done", "maturity:6217032472222610252:2026-12-04", "--note", HOSTILE),
            ("followups", "snooze", "birthday:0000000286:2026-12-04", "--until", "2026-12-05",
             "--note", HOSTILE),
        ]  # fmt: skip
        for step in steps:
            result = crm(*step)
            assert result.exit_code == 0, (step, result.output)
    return crm


def _bank_environment(env: pytest.MonkeyPatch, folder: Path) -> None:
    for name in ("HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME", "XDG_CONFIG_HOME"):
        env.setenv(name, str(folder / name.lower()))
    env.setenv("CRM_CONFIG", str(folder / "crm.toml"))
    env.setenv("CRM_USER", "RM001")
    env.setenv("CRM_TIMEZONE", "Asia/Shanghai")


@pytest.fixture
def bank(hostile_bank: Crm, monkeypatch: pytest.MonkeyPatch):
    import time_machine

    monkeypatch.setenv("CRM_TIMEZONE", "Asia/Shanghai")
    with time_machine.travel(MOMENT, tick=False):
        yield hostile_bank


def _terminal(monkeypatch: pytest.MonkeyPatch, width: int) -> None:
    monkeypatch.setenv("COLUMNS", str(width))


def _figures(document, keys: tuple[str, ...]) -> set[str]:
    """The values under `keys` anywhere in a JSON document, as text."""
    found: set[str] = set()
    if isinstance(document, dict):
        for key, value in document.items():
            shown = isinstance(value, str | int | float) and not isinstance(value, bool)
            if key in keys and shown and value != "":
                found.add(str(value))
            else:
                found |= _figures(value, keys)
    elif isinstance(document, list):
        for item in document:
            found |= _figures(item, keys)
    return found


def _ways_shown(value: str) -> set[str]:
    """How a table may write a JSON value: as is, or an amount with thousands separators."""
    ways = {value}
    try:
        number = Decimal(value)
    except InvalidOperation:
        return ways
    if "." in value or "e" in value.lower():
        ways.add(f"{number:,.2f}")
    elif not value.startswith("0") or value == "0":
        ways |= {f"{number:,}", f"{number:,.2f}"}
    if value.count("-") == 2 and len(value) == 10:  # a date, shown month-day in its year
        ways.add(value[5:])
    return ways


@pytest.mark.parametrize(("command", "keys"), TABLE_COMMANDS, ids=[c for c, _ in TABLE_COMMANDS])
def test_tables_fit_80_columns_with_every_figure_whole(
    bank, monkeypatch: pytest.MonkeyPatch, command: str, keys: tuple[str, ...]
) -> None:
    from rich.cells import cell_len

    _terminal(monkeypatch, 80)
    table = bank(*command.split())
    assert table.exit_code == 0, table.output
    too_wide = [line for line in table.stdout.splitlines() if cell_len(line) > 80]
    assert too_wide == [], f"{command}: lines over 80 cells"
    document = bank.json(*command.split())
    figures = _figures(document, keys)
    missing = sorted(f for f in figures if not _ways_shown(f) & _words(table.stdout))
    assert missing == [], f"{command}: not shown whole at 80 columns"


def _words(text: str) -> set[str]:
    """Every run of text between spaces, borders and line ends of a table, bare of the
    currency sign and brackets around it."""
    words: set[str] = set()
    for line in text.splitlines():
        for cell in re.split(r"[│┃]", line):
            words.add(cell.strip())
            words |= {w.strip("¥(),;（），；：") for w in cell.split()}
    return words


def test_no_table_prints_a_raw_control_character_from_the_users_text(
    bank, monkeypatch: pytest.MonkeyPatch
) -> None:
    commands = [c for c, _ in TABLE_COMMANDS] + [
        "customers show 0000000174",
        "complaints show 1",
        "complaints stats",
        "report daily",
        "report weekly",
        "report complaints --since 2026-10-01",
        "report portfolio",
        f"customers search {HOSTILE}",
    ]
    for width in (80, 160):
        _terminal(monkeypatch, width)
        for command in commands:
            args = command.split() if HOSTILE not in command else command.split(" ", 2)
            result = bank(*args)
            assert result.exit_code == 0, (command, result.output)
            assert not RAW_CONTROL.search(result.stdout + result.stderr), command
            if width == 160 and command in NOTED:
                assert "\\x1b[31m" in result.stdout, command


def test_messages_quoting_a_users_value_stay_one_line_without_raw_controls(bank) -> None:
    for args in (
        ["customers", "show", HOSTILE],
        ["complaints", "show", HOSTILE],
        ["followups", "done", HOSTILE],
        ["calls", "list", "--since", HOSTILE],
        ["customers", "list", "--rm", HOSTILE],
    ):
        result = bank(*args)
        assert result.exit_code in (1, 2), (args, result.output)
        assert not RAW_CONTROL.search(result.stdout + result.stderr), args
        if "Usage:" not in result.stderr:
            assert len(result.stderr.splitlines()) == 1, (args, result.stderr)


def test_json_and_csv_keep_the_users_text_as_it_was(bank) -> None:
    calls = bank.json("calls", "list")
    assert {c["note"] for c in calls} == {HOSTILE}
    exported = bank("calls", "list", "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(exported.stdout.lstrip("\ufeff"))))
    assert [r["note"] for r in rows] == [HOSTILE]
    assert bank.json("complaints", "show", "1")["summary"] == HOSTILE


def test_an_import_refuses_control_characters_and_keeps_the_row_as_it_was(
    bank, hostile_folder: Path
) -> None:
    with (hostile_folder / "r.csv").open(encoding="utf-8-sig", newline="") as rejects:
        rows = list(csv.DictReader(rejects))
    assert [r["reject_reason"].split(":")[0] for r in rows] == ["name", "name"]
    assert rows[1]["name"] == HOSTILE
    assert bank.json("customers", "show", "0000000174")["name"] == "陈梦瑶"


# --- --rm naming an RM ---------------------------------------------------------------------

RM_COMMANDS = [
    "followups today",
    "followups upcoming",
    "customers list",
    "calls list",
    "complaints list",
    "segments",
    "churn",
    "opportunities",
    "report daily",
    "report weekly",
    "report complaints",
    "report portfolio",
    "mailmerge birthday-greeting",
]


@pytest.mark.parametrize("command", RM_COMMANDS)
def test_an_unknown_rm_is_named_in_one_line_with_exit_1(bank, command: str) -> None:
    result = bank(*command.split(), "--rm", "RM099")
    assert result.exit_code == 1, result.output
    assert result.stderr.splitlines() == [
        "crm: error: 未知的客户经理 'RM099'：代码见 `crm rms list`"
    ]
    assert result.stdout == ""


def test_a_filter_matching_no_customer_says_so_not_import_some(bank) -> None:
    result = bank("customers", "list", "--rm", "RM001", "--branch", "深圳分行南山支行")
    assert result.exit_code == 0
    assert "没有符合 --rm RM001 --branch 深圳分行南山支行 的客户" in result.stdout
    assert "导入" not in result.stdout


def test_an_rm_known_only_from_customers_is_a_filter(crm, tmp_path: Path) -> None:
    """A bank may import customers before its RM list: their codes are known."""
    write(tmp_path / "c.csv", "customer_id,name,rm_code\n0000000001,王芳,RM042\n")
    assert crm("import", "customers", str(tmp_path / "c.csv")).exit_code == 0
    result = crm("customers", "list", "--rm", "RM042", "--format", "json")
    assert result.exit_code == 0, result.output
    assert [c["customer_id"] for c in json.loads(result.stdout)] == ["0000000001"]
