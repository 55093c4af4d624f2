"""`crm followups ...` as a user runs it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import write


@pytest.fixture
def loaded(crm, tmp_path: Path):
    write(tmp_path / "c.csv", "customer_id,name,birth_date,phone\nC1,张伟,1985-12-05,13800138000\n")
    write(
        tmp_path / "h.csv",
        "account_id,customer_id,product_type,amount,open_date,maturity_date\n"
        "A1,C1,大额存单,500000,2023-12-11,2026-12-11\n",
    )
    crm("import", "customers", str(tmp_path / "c.csv"))
    crm("import", "holdings", str(tmp_path / "h.csv"))
    return crm


def test_json_is_one_array_with_the_documented_keys(loaded):
    result = loaded("followups", "today", "--date", "2026-12-04", "--format", "json")
    assert result.exit_code == 0, result.output
    assert result.stderr == ""
    items = json.loads(result.stdout)
    by_kind = {item["kind"]: item for item in items}
    for item in items:
        for key in (
            "id",
            "kind",
            "customer_id",
            "name",
            "rm_code",
            "due_date",
            "account_id",
            "detail",
        ):
            assert key in item
    assert by_kind["birthday"]["due_date"] == "2026-12-05"
    assert by_kind["birthday"]["account_id"] is None
    assert by_kind["maturity"]["account_id"] == "A1"
    assert by_kind["birthday"]["phone"] == "138****8000"


def test_kind_filter(loaded):
    items = loaded.json("followups", "today", "--date", "2026-12-04", "--kind", "maturity")
    assert {i["kind"] for i in items} == {"maturity"}


def test_ics_is_a_calendar_with_one_event_per_item_and_stable_uids(loaded):
    from icalendar import Calendar

    first = loaded("followups", "today", "--date", "2026-12-04", "--format", "ics")
    second = loaded("followups", "today", "--date", "2026-12-04", "--format", "ics")
    assert first.exit_code == 0
    events = Calendar.from_ical(first.stdout_bytes).walk("VEVENT")
    uids = sorted(str(e["UID"]) for e in events)
    assert uids == sorted(
        str(e["UID"]) for e in Calendar.from_ical(second.stdout_bytes).walk("VEVENT")
    )
    assert "birthday:C1:2026-12-05@bankcrm" in uids
    assert len(events) == 2


def test_done_then_today_no_longer_lists_it(loaded):
    done = loaded("followups", "done", "maturity:A1:2026-12-11", "--note", "续存")
    assert done.exit_code == 0
    items = loaded.json("followups", "today", "--date", "2026-12-07")
    assert "maturity:A1:2026-12-11" not in {i["id"] for i in items}


def test_snooze_needs_a_valid_date(loaded):
    result = loaded("followups", "snooze", "maturity:A1:2026-12-11", "--until", "soon")
    assert result.exit_code == 2
    assert "YYYY-MM-DD" in result.stderr


def test_unknown_item_exits_1(loaded):
    result = loaded("followups", "done", "birthday:NOBODY:2026-12-05")
    assert result.exit_code == 1


def test_table_view_groups_by_kind_and_masks_phones(loaded):
    result = loaded("followups", "today", "--date", "2026-12-04")
    assert result.exit_code == 0
    assert "生日" in result.stdout and "到期" in result.stdout
    assert "13800138000" not in result.stdout


def test_phones_are_masked_in_every_view_unless_revealed(loaded):
    # Masked on both items of the customer, in today's and the upcoming lists, table and JSON.
    for command in (
        ("today", "--date", "2026-12-04"),
        ("upcoming", "--date", "2026-12-01", "--days", "14"),
    ):
        items = loaded.json("followups", *command, "--format", "json")
        assert {i["kind"]: i["phone"] for i in items} == {
            "birthday": "138****8000",
            "maturity": "138****8000",
        }
        table = loaded("followups", *command)
        assert "138****8000" in table.stdout and "13800138000" not in table.stdout
        shown = loaded.json("followups", *command, "--format", "json", "--reveal")
        assert {i["phone"] for i in shown} == {"13800138000"}


def test_upcoming_json(loaded):
    items = loaded.json("followups", "upcoming", "--date", "2026-12-01", "--days", "14")
    assert {i["id"] for i in items} >= {"birthday:C1:2026-12-05", "maturity:A1:2026-12-11"}


def test_the_cycle_collector_is_as_it_was_after_a_run(loaded):
    import gc

    from bankcrm_cli.memory import cycle_collector_paused

    assert gc.isenabled()
    assert loaded("followups", "today", "--date", "2026-12-04", "--format", "json").exit_code == 0
    assert gc.isenabled()
    with pytest.raises(RuntimeError), cycle_collector_paused():
        assert not gc.isenabled()
        raise RuntimeError("a failed run")
    assert gc.isenabled()
    gc.disable()
    try:
        with cycle_collector_paused():
            pass
        assert not gc.isenabled()  # left off, as the caller had it
    finally:
        gc.enable()
