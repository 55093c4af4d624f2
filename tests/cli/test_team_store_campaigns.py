"""Campaigns on a team store, as each role's real login: head office plans and targets, each RM
sees and works only their own customers' members, and the report an RM runs counts only theirs
(docs/security.md, docs/campaigns.md)."""

from __future__ import annotations

import pytest
from conftest import Crm
from team_bank import ALL, VISIBLE, build

pytestmark = pytest.mark.postgres


@pytest.fixture
def bank(pg_url, tmp_path, monkeypatch):
    return build(Crm(pg_url), pg_url, tmp_path, monkeypatch)


def as_login(bank, login: str) -> Crm:
    return Crm(bank.login_url(login))


def _members(crm: Crm, name: str) -> set[str]:
    return {m["customer_id"] for m in crm.json("campaigns", "members", name, "--format", "json")}


def test_head_office_plans_a_campaign_and_each_rm_sees_only_their_members(bank):
    ho = as_login(bank, "ho")
    created = ho(
        "campaigns", "create", "fund", "--title", "基金首发", "--product-type", "fund",
        "--holdout", "0", "--channel", "phone", "--start", "2026-12-01",
    )  # fmt: skip
    assert created.exit_code == 0, created.output
    targeted = ho("campaigns", "target", "fund", "--customers", ",".join(sorted(ALL)))
    assert targeted.exit_code == 0, targeted.output
    for login, expected in VISIBLE.items():
        assert _members(as_login(bank, login), "fund") == expected, login
    rm = as_login(bank, "rm_a1")
    called = rm("log-call", "A11", "--campaign", "fund", "--response", "interested")
    assert called.exit_code == 0, called.output
    refused = rm("log-call", "B11", "--campaign", "fund", "--response", "interested")
    assert refused.exit_code == 1
    assert "没有客户 'B11'" in refused.stderr
    # The database wrote who made the call, and the RM's report counts only their own members.
    members = {m["customer_id"]: m for m in ho.json("campaigns", "members", "fund")}
    assert members["A11"]["status"] == "interested"
    assert members["B11"]["status"] == "targeted"
    report = rm.json("campaigns", "report", "fund", "--format", "json")
    assert report["targeted"] == len(VISIBLE["rm_a1"])
    assert ho.json("campaigns", "report", "fund", "--format", "json")["targeted"] == len(ALL)


def test_an_rm_cannot_plan_or_target_a_campaign(bank):
    rm = as_login(bank, "rm_a1")
    created = rm("campaigns", "create", "mine", "--title", "自建", "--holdout", "0")
    assert created.exit_code != 0
    assert "Traceback" not in created.output + created.stderr
    assert len(created.stderr.strip().splitlines()) == 1
