"""`crm customers merge|unmerge`, and commands naming a merged-away number reaching the survivor."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import write
from tests.factories import make_id, make_id15

ID18 = make_id("19850307", 123)


@pytest.fixture
def two(crm, tmp_path: Path):
    """C1 and C2: one person under an 18-digit and an old 15-digit ID number."""
    write(
        tmp_path / "c.csv",
        "customer_id,name,id_number,phone,consent_sms\n"
        f"C1,张伟,{ID18},,是\n"
        f"C2,张玮,{make_id15('850307', 123)},13800138000,否\n"
        f"C3,李娜,{make_id('19900101', 122)},,\n",
    )
    write(tmp_path / "h.csv", "account_id,customer_id,amount\nA1,C1,100\nA2,C2,200\n")
    assert crm("import", "customers", str(tmp_path / "c.csv")).exit_code == 0
    assert crm("import", "holdings", str(tmp_path / "h.csv")).exit_code == 0
    return crm


def test_dry_run_prints_the_plan_and_changes_nothing(two):
    plan = two.json("customers", "merge", "C1", "C2", "--dry-run")
    assert plan["dry_run"] is True and plan["merge_id"] is None
    assert plan["changes"]["phone"] == {"before": None, "after": "138****8000"}
    assert plan["changes"]["consent_sms"] == {"before": "yes", "after": "NO"}
    assert plan["moved"]["holdings"] == ["A2"]
    assert two.json("customers", "show", "C2")["customer_id"] == "C2"
    text = two("customers", "merge", "C1", "C2", "--dry-run")
    assert text.exit_code == 0 and "试运行：未作任何改动" in text.stdout


def test_merge_then_show_reaches_the_survivor_through_the_alias(two):
    result = two("customers", "merge", "C1", "C2", "--reason", "same ID number")
    assert result.exit_code == 0, result.output
    assert "撤销：crm customers unmerge C2" in result.stdout
    shown = two("customers", "show", "C2")
    assert shown.exit_code == 0
    assert "C2 已并入 C1：显示 C1" in shown.stderr
    assert "别名      C2" in shown.stdout
    record = two.json("customers", "show", "C2")
    assert record["customer_id"] == "C1" and record["reached_through"] == "C2"
    assert record["aliases"] == ["C2"]
    assert {h["account_id"] for h in record["holdings"]} == {"A1", "A2"}
    assert record["consent"]["sms"] is False
    merge_entries = [e for e in record["timeline"] if e["action"] == "merge"]
    assert "same ID number" in merge_entries[0]["reason"]
    assert two.json("customers", "show", "C1")["aliases"] == ["C2"]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["C1", "C1"], "KEEP 和 OTHER 都是 C1"),
        (["C9", "C2"], "没有客户 'C9'"),
        (["C1", "C9"], "没有客户 'C9'"),
        (["C1", "C3"], "C1 和 C3 看起来是不同的人（两者证件号码不同）"),
    ],
)
def test_refused_merges_exit_1_with_one_line(two, args, message):
    result = two("customers", "merge", *args)
    assert result.exit_code == 1
    assert result.stderr.count("\n") == 1 and message in result.stderr
    assert two.json("customers", "show", "C2")["customer_id"] == "C2"


def test_merging_an_alias_again_is_refused(two):
    assert two("customers", "merge", "C1", "C2").exit_code == 0
    result = two("customers", "merge", "C3", "C2", "--force")
    assert result.exit_code == 1 and "C2 已并入 C1" in result.stderr


def test_unmerge_restores_both_customers(two):
    before = {c: two.json("customers", "show", c) for c in ("C1", "C2")}
    assert two("customers", "merge", "C1", "C2").exit_code == 0
    undone = two.json("customers", "unmerge", "C2", "--reason", "two people")
    assert undone["moved_back"]["holdings"] == ["A2"] and undone["dry_run"] is False
    for customer_id, shown in before.items():
        now = two.json("customers", "show", customer_id)
        assert now["aliases"] == [] and now["reached_through"] is None
        assert {k: v for k, v in now.items() if k != "timeline"} == {
            k: v for k, v in shown.items() if k != "timeline"
        }


def test_unmerge_refused_on_a_conflict_changes_nothing(two, tmp_path: Path):
    assert two("customers", "merge", "C1", "C2").exit_code == 0
    write(tmp_path / "p.csv", "customer_id,name,phone\nC1,张伟,13700137000\n")
    assert two("import", "customers", str(tmp_path / "p.csv")).exit_code == 0
    result = two("customers", "unmerge", "C2")
    assert result.exit_code == 1
    assert "无法将 C2 从 C1 拆出：C1 的手机在合并后已改动" in result.stderr
    assert two.json("customers", "show", "C2")["customer_id"] == "C1"


def test_commands_naming_the_merged_number_land_on_the_survivor(two, tmp_path: Path):
    assert two("customers", "merge", "C1", "C2").exit_code == 0
    assert two("log-call", "C2", "--outcome", "reached", "--note", "续存").exit_code == 0
    calls = two.json("calls", "list", "--customer", "C2")
    assert [c["customer_id"] for c in calls] == ["C1"]
    opened = two("complaints", "open", "C2", "--category", "收费", "--summary", "年费")
    assert opened.exit_code == 0, opened.output
    assert [c["customer_id"] for c in two.json("complaints", "list")] == ["C1"]
    write(tmp_path / "h2.csv", "account_id,customer_id,amount\nA7,C2,700\n")
    summary = two.json("import", "holdings", str(tmp_path / "h2.csv"))
    assert summary["merged_numbers"] == 1 and summary["rejected"] == 0
    text = two("import", "holdings", str(tmp_path / "h2.csv")).stdout
    assert "1 行写的是已合并的客户号" in text
    accounts = {h["account_id"] for h in two.json("customers", "show", "C1")["holdings"]}
    assert accounts == {"A1", "A2", "A7"}


def test_unmerge_json_lists_rows_that_stay_with_the_survivor(two):
    assert two("customers", "merge", "C1", "C2").exit_code == 0
    assert two("log-call", "C2", "--outcome", "busy").exit_code == 0
    result = two("customers", "unmerge", "C2", "--dry-run", "--format", "json")
    plan = json.loads(result.stdout)
    assert plan["dry_run"] is True and len(plan["stayed"]["contacts"]) == 1
    assert result.stderr == ""
