"""Done and snooze as a user runs them: only on follow-ups that fall on their day, never on a
past date, each kept in the customer's timeline with its note; ids and years in the tables."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import time_machine
from sqlalchemy import func, select

from tests.conftest import store_engine, write

# Friday 2026-12-04 09:30 in Shanghai.
MOMENT = "2026-12-04 01:30:00+00:00"


@pytest.fixture
def loaded(crm, tmp_path: Path):
    write(
        tmp_path / "c.csv",
        "customer_id,name,birth_date,phone\nC1,张伟,1985-12-05,13800138000\nC2,李娜,1990-03-07,\n",
    )
    write(
        tmp_path / "h.csv",
        "account_id,customer_id,product_type,amount,open_date,maturity_date\n"
        "6222000000000000001,C1,大额存单,500000,2023-12-11,2026-12-11\n",
    )
    crm("import", "customers", str(tmp_path / "c.csv"))
    crm("import", "holdings", str(tmp_path / "h.csv"))
    with time_machine.travel(MOMENT, tick=False):
        yield crm


def store_state(crm) -> dict[str, int]:
    """Row counts of what an action or a call writes."""
    from bankcrm_cli.store.tables import contacts_table, followup_actions_table, history_table

    engine = store_engine(crm)
    with engine.connect() as conn:
        counts = {
            table.name: conn.execute(select(func.count()).select_from(table)).scalar_one()
            for table in (followup_actions_table, history_table, contacts_table)
        }
    engine.dispose()
    return counts


def one_line_error(result, code: int) -> str:
    assert result.exit_code == code, result.output
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("crm: error:"), result.stderr
    assert "Traceback" not in result.stderr
    return lines[0]


@pytest.mark.parametrize(
    "item",
    [
        "birthday:C1:2026-12-08",  # C1 exists; the birthday is 12-05
        "birthday:C2:2026-12-05",  # someone else's birthday day
        "birthday:C1:1980-12-05",  # before C1 was born
        "birthday:NOBODY:2026-12-05",
        "maturity:6222000000000000001:2026-12-10",  # the account matures on 12-11
        "maturity:NO-SUCH-ACCOUNT:2026-12-11",
        "callback:1",
        "complaint:7",
    ],
)
def test_done_or_snooze_of_a_follow_up_that_does_not_fall_on_its_day_exits_1(loaded, item):
    before = store_state(loaded)
    for command in (["done", item], ["snooze", item, "--until", "2026-12-09"]):
        line = one_line_error(loaded("followups", *command), 1)
        assert "没有跟进" in line and item in line
    assert store_state(loaded) == before


@pytest.mark.parametrize(
    "item",
    [
        "birthday:C1:0000-00-00",
        "birthday:C1:2027-02-30",
        "birthday:C1:20261205",
        "birthday:C1:0001-12-05",
        "maturity:6222000000000000001:9999-12-11",
        "callback:99999999999999999999999",
        "callback:²",
        "holiday:C1:2026-12-05",
    ],
)
def test_a_malformed_id_exits_2_and_records_nothing(loaded, item):
    before = store_state(loaded)
    for command in (["done", item], ["snooze", item, "--until", "2026-12-09"]):
        one_line_error(loaded("followups", *command), 2)
    assert store_state(loaded) == before


def test_past_dates_are_refused_for_snooze_until_and_a_call_back(loaded):
    before = store_state(loaded)
    snooze = loaded("followups", "snooze", "birthday:C1:2026-12-05", "--until", "2026-12-03")
    assert "已经过去" in one_line_error(snooze, 2)
    call = loaded("log-call", "C1", "--outcome", "busy", "--next", "2026-12-03")
    assert "--next 2026-12-03 已经过去" in one_line_error(call, 2)
    assert store_state(loaded) == before
    # Today itself is not past.
    assert loaded("log-call", "C1", "--outcome", "busy", "--next", "2026-12-04").exit_code == 0
    today = loaded("followups", "snooze", "birthday:C1:2026-12-05", "--until", "2026-12-04")
    assert today.exit_code == 0, today.output


def test_a_follow_up_that_falls_on_its_day_is_taken_overdue_or_ahead(loaded):
    assert loaded("followups", "done", "birthday:C1:2026-12-05").exit_code == 0
    assert loaded("followups", "done", "birthday:C1:2025-12-05").exit_code == 0  # last year's
    assert loaded("followups", "done", "birthday:C2:2027-03-07").exit_code == 0
    item = "maturity:6222000000000000001:2026-12-11"
    result = loaded("followups", "snooze", item, "--until", "2026-12-09")
    assert result.stdout == f"已推迟至 2026-12-09：{item}\n"


def test_the_note_of_done_and_snooze_shows_in_the_customers_timeline(loaded):
    item = "maturity:6222000000000000001:2026-12-11"
    assert (
        loaded("followups", "snooze", item, "--until", "2026-12-09", "--note", "客户出差").exit_code
        == 0
    )
    assert loaded("followups", "done", item, "--note", "续存三年").exit_code == 0
    shown = loaded.json("customers", "show", "C1")
    entries = [e for e in shown["timeline"] if e["entity"] == "followup"]
    assert [(e["entity_id"], e["action"], e["reason"]) for e in entries] == [
        (item, "done", "续存三年"),
        (item, "snooze", "客户出差"),
    ]
    assert entries[1]["changes"] == {"until": [None, "2026-12-09"]}
    table = loaded("customers", "show", "C1").stdout
    assert "续存三年" in table and "客户出差" in table and "跟进" in table
    assert "6222000000000000001" in table  # the account, whole, in the 编号 column


def test_a_call_back_done_by_its_id_keeps_its_note(loaded):
    assert loaded("log-call", "C1", "--outcome", "busy", "--next", "2026-12-08").exit_code == 0
    assert loaded("followups", "done", "callback:1", "--note", "已回电").exit_code == 0
    timeline = loaded.json("customers", "show", "C1")["timeline"]
    assert ("followup", "callback:1", "已回电") in {
        (e["entity"], e["entity_id"], e["reason"]) for e in timeline
    }


@pytest.mark.parametrize("columns", ["80", "160"])
def test_each_id_shows_whole_in_the_table_and_works_for_done(loaded, monkeypatch, columns):
    monkeypatch.setenv("COLUMNS", columns)
    assert loaded("log-call", "C2", "--outcome", "busy", "--next", "2026-12-04").exit_code == 0
    ids = {i["id"] for i in json.loads(loaded("followups", "today", "--format", "json").stdout)}
    assert ids == {
        "birthday:C1:2026-12-05",
        "maturity:6222000000000000001:2026-12-11",
        "callback:1",
    }
    table = loaded("followups", "today").stdout
    assert max(len(line) for line in table.splitlines()) <= int(columns)
    for item in ids:
        assert item in table  # on one line, never broken
    for item in ids:
        assert loaded("followups", "done", item).exit_code == 0
    assert "无待办" in loaded("followups", "today").stdout


def test_an_item_due_in_another_year_shows_its_year(loaded):
    assert loaded("log-call", "C2", "--outcome", "busy", "--next", "2026-12-31").exit_code == 0
    with time_machine.travel("2027-01-04 01:30:00+00:00", tick=False):
        table = loaded("followups", "today", "--kind", "callback").stdout
    assert any(line.startswith("│ 2026-12-31 │") for line in table.splitlines())
    assert "逾期" in table
    this_year = loaded("followups", "today", "--date", "2026-12-31", "--kind", "callback").stdout
    assert any(line.startswith("│ 12-31 │") for line in this_year.splitlines())
    assert "2026-12-31 │" not in this_year  # the 日期 column: month-day in its own year
