"""`crm log-call`, `crm calls`, `crm complaints` as a user runs them."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import write


@pytest.fixture
def loaded(crm, tmp_path: Path):
    write(tmp_path / "c.csv", "customer_id,name\nC1,张伟\n")
    crm("import", "customers", str(tmp_path / "c.csv"))
    return crm


def test_log_call_records_who_and_shows_in_calls_list(loaded):
    result = loaded("log-call", "C1", "--outcome", "reached", "--note", "问候", "--as", "RM007")
    assert result.exit_code == 0, result.output
    calls = loaded.json("calls", "list")
    assert calls[0]["actor"] == "RM007" and calls[0]["outcome"] == "reached"


def test_log_call_unknown_customer_exits_1(loaded):
    result = loaded("log-call", "NOPE", "--outcome", "reached")
    assert result.exit_code == 1
    assert "没有客户" in result.stderr


def test_log_call_bad_outcome_exits_2(loaded):
    assert loaded("log-call", "C1", "--outcome", "maybe").exit_code == 2


def test_complaint_open_prints_id_and_deadline(loaded):
    result = loaded(
        "complaints",
        "open",
        "C1",
        "--category",
        "收费",
        "--summary",
        "年费",
        "--received",
        "2026-11-20 09:00",
    )
    assert result.exit_code == 0, result.output
    assert result.stdout.strip() == "已受理投诉 1；时限 2026-12-05"


def test_illegal_move_exits_1_with_one_line(loaded):
    loaded("complaints", "open", "C1", "--category", "收费", "--summary", "年费")
    result = loaded("complaints", "close", "1")
    assert result.exit_code == 1
    assert result.stderr.count("\n") == 1 and "请先办结再结案" in result.stderr


def test_unknown_complaint_exits_1(loaded):
    assert loaded("complaints", "ack", "99").exit_code == 1


def test_complaints_list_json_has_the_documented_keys(loaded):
    loaded(
        "complaints",
        "open",
        "C1",
        "--category",
        "收费",
        "--summary",
        "年费",
        "--received",
        "2026-11-20 09:00",
    )
    items = loaded.json("complaints", "list", "--date", "2026-12-06")
    for key in (
        "id",
        "customer_id",
        "status",
        "received_at",
        "due_date",
        "overdue",
        "breached",
        "category",
    ):
        assert key in items[0]
    assert items[0]["overdue"] is True


def test_complaints_show_json_has_the_history(loaded):
    loaded("complaints", "open", "C1", "--category", "收费", "--summary", "年费")
    loaded("complaints", "ack", "1", "--as", "RM009")
    shown = loaded.json("complaints", "show", "1")
    assert [h["action"] for h in shown["history"]] == ["open", "ack"]
    assert shown["history"][1]["actor"] == "RM009"


def test_customer_show_json_has_a_timeline(loaded):
    loaded("log-call", "C1", "--outcome", "busy")
    shown = loaded.json("customers", "show", "C1")
    assert shown["timeline"][0]["entity"] == "contact"


def test_resolve_before_receipt_is_refused(loaded):
    loaded(
        "complaints",
        "open",
        "C1",
        "--category",
        "收费",
        "--summary",
        "年费",
        "--received",
        "2026-11-20 09:00",
    )
    result = loaded("complaints", "resolve", "1", "--resolution", "x", "--at", "2026-11-19 09:00")
    assert result.exit_code == 1
