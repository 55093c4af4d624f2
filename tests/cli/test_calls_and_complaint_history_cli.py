"""`calls list --rm/--by` and a complaint's history as a user sees them."""

from __future__ import annotations

from pathlib import Path

import pytest
import time_machine

from tests.conftest import write

# Friday 2026-12-04 09:30 in Shanghai.
MOMENT = "2026-12-04 01:30:00+00:00"


@pytest.fixture
def loaded(crm, tmp_path: Path):
    write(tmp_path / "c.csv", "customer_id,name,rm_code\nC1,张伟,RM001\nC2,李娜,RM002\n")
    crm("import", "customers", str(tmp_path / "c.csv"))
    with time_machine.travel(MOMENT, tick=False):
        yield crm


def test_calls_list_rm_is_the_customers_rm_and_by_is_who_logged(loaded):
    # Both calls logged by the OS user / CRM_USER, not by an RM code.
    assert loaded("log-call", "C1", "--outcome", "reached").exit_code == 0
    assert loaded("log-call", "C2", "--outcome", "busy", "--as", "RM001").exit_code == 0
    assert [c["customer_id"] for c in loaded.json("calls", "list", "--rm", "RM001")] == ["C1"]
    assert [c["customer_id"] for c in loaded.json("calls", "list", "--by", "RM001")] == ["C2"]
    assert loaded.json("calls", "list", "--rm", "RM001", "--by", "RM001") == []
    table = loaded("calls", "list", "--rm", "RM002").stdout
    assert "李娜" in table and "张伟" not in table


@pytest.mark.parametrize("zone", ["Asia/Shanghai", "UTC"])
def test_a_complaints_history_shows_one_zone_and_no_none(loaded, monkeypatch, zone):
    monkeypatch.setenv("CRM_TIMEZONE", zone)
    opened = loaded(
        "complaints", "open", "C1", "--category", "收费", "--summary", "年费",
        "--received", "2026-12-03 15:00",
    )  # fmt: skip
    assert opened.exit_code == 0, opened.output
    for command in (
        ["ack", "1"],
        ["resolve", "1", "--resolution", "退还年费"],
        ["close", "1"],
        ["reopen", "1", "--reason", "不认可"],
    ):
        assert loaded("complaints", *command).exit_code == 0
    other = "+00:00" if zone == "Asia/Shanghai" else "+08:00"
    for fmt in ("table", "csv"):
        shown = loaded("complaints", "show", "1", "--format", fmt)
        assert shown.exit_code == 0, shown.output
        assert "None" not in shown.stdout
        assert other not in shown.stdout
    table = loaded("complaints", "show", "1").stdout
    assert "状态: 待处理," in table  # the opening: the first value alone
    local = "09:30" if zone == "Asia/Shanghai" else "01:30"
    # The moments inside the changes read as the 时间 column does; a cleared one as —.
    assert f"2026-12-04 {local}" in table and "→ —" in table
    assert "T01:30" not in table and "T09:30" not in table
