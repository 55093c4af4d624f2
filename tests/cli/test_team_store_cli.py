"""A team store through `crm`, as each role's real login: what each sees and may do, `--as`,
reveals and their audit, reassignment, an import while RMs work; on SQLite, roles are refused
(exit 2). docs/security.md describes the model."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest
from conftest import PG_URL, Crm
from team_bank import ALL, LOGINS, VISIBLE, build, phone


@pytest.fixture
def bank(pg_url, tmp_path, monkeypatch):
    return build(Crm(pg_url), pg_url, tmp_path, monkeypatch)


def as_login(bank, login: str) -> Crm:
    return Crm(bank.login_url(login))


def _seen(crm: Crm) -> set[str]:
    return {c["customer_id"] for c in crm.json("customers", "list")}


@pytest.mark.postgres
def test_each_login_sees_exactly_its_customers_through_crm(bank):
    for login, expected in VISIBLE.items():
        crm = as_login(bank, login)
        assert _seen(crm) == expected, login
        assert {c["customer_id"] for c in crm.json("calls", "list")} == expected, login
        complaints = {c["customer_id"] for c in crm.json("complaints", "list")}
        assert complaints == expected & {"A11", "B11"}, login
        for customer in sorted(expected):
            holdings = crm.json("customers", "show", customer)["holdings"]
            assert [h["account_id"] for h in holdings] == [f"ACC{customer}"], login
        for customer in sorted(ALL - expected):
            result = crm("customers", "show", customer)
            assert result.exit_code == 1, (login, customer)
            assert f"没有客户 '{customer}'" in result.stderr


@pytest.mark.postgres
def test_followups_reports_and_analytics_work_unchanged_and_see_less(bank):
    rm = as_login(bank, "rm_a1")
    items = rm.json("followups", "upcoming", "--days", "366", "--date", "2026-12-07")
    assert {i["customer_id"] for i in items} <= VISIBLE["rm_a1"]
    assert {i["customer_id"] for i in items}
    assert rm("report", "daily").exit_code == 0
    segments = rm.json("segments", "--customers")
    assert {s["customer_id"] for s in segments} == VISIBLE["rm_a1"]


@pytest.mark.postgres
def test_a_write_to_another_rms_customer_is_refused_as_not_found(bank):
    rm = as_login(bank, "rm_a1")
    result = rm("log-call", "B11", "--outcome", "reached")
    assert result.exit_code == 1
    assert "没有客户 'B11'" in result.stderr
    result = rm("complaints", "open", "A21", "--category", "收费", "--summary", "x")
    assert result.exit_code == 1
    assert result.stderr.count("\n") == 1
    result = rm("followups", "done", "birthday:B11:2027-01-01")
    assert result.exit_code == 1
    assert result.stderr.count("\n") == 1
    done = rm("followups", "done", "birthday:A11:2027-01-01")
    assert done.exit_code == 0, done.output
    # The state belongs to A11 (a trigger names the customer): RM_B1 does not see it.
    for login, expected in (("rm_a1", ["A11"]), ("rm_b1", [])):
        with bank.psycopg(login) as conn:
            seen = [r[0] for r in conn.execute("SELECT customer_id FROM followup_actions")]
        assert seen == expected, login


@pytest.mark.postgres
def test_as_is_refused_for_an_rm_and_crm_user_is_ignored(bank, monkeypatch):
    rm = as_login(bank, "rm_a1")
    result = rm("log-call", "A11", "--outcome", "reached", "--as", "RM_A2")
    assert result.exit_code == 1
    assert "may not act as RM_A2" in result.stderr
    monkeypatch.setenv("CRM_USER", "RM_B1")
    assert rm("log-call", "A11", "--outcome", "reached", "--note", "mine").exit_code == 0
    calls = rm.json("calls", "list", "--customer", "A11")
    assert [c["actor"] for c in calls if c.get("note") == "mine"] == ["RM_A1"]


@pytest.mark.postgres
def test_a_branch_manager_acts_for_an_rm_of_the_branch_recorded_as_x_for_y(bank):
    bm = as_login(bank, "bm_a")
    result = bm("log-call", "A21", "--outcome", "reached", "--note", "代办", "--as", "RM_A2")
    assert result.exit_code == 0, result.output
    calls = bm.json("calls", "list", "--customer", "A21")
    assert [c["actor"] for c in calls if c.get("note") == "代办"] == ["S100 for RM_A2"]
    result = bm("log-call", "A21", "--outcome", "reached", "--as", "RM_B1")
    assert result.exit_code == 1


@pytest.mark.postgres
def test_reveals_are_audited_for_compliance_and_refused_to_head_office(bank):
    rm = as_login(bank, "rm_a1")
    result = rm("customers", "show", "A11", "--reveal")
    assert result.exit_code == 0, result.output
    assert phone("A11") in result.stdout
    ho = as_login(bank, "ho")
    result = ho("customers", "show", "A11", "--reveal")
    assert result.exit_code == 1
    assert "may not reveal" in result.stderr
    assert phone("A11") not in result.stdout
    shown = ho("customers", "show", "A11")
    assert shown.exit_code == 0
    assert phone("A11")[:3] + "****" + phone("A11")[-4:] in shown.stdout
    co = as_login(bank, "co")
    entries = co.json("audit", "--customer", "A11")
    assert [(e["actor"], e["customer_id"]) for e in entries] == [("RM_A1", "A11")]
    assert co.json("audit", "--who", "RM_B1") == []
    denied = rm("audit")
    assert denied.exit_code == 1
    assert "permission denied" in denied.stderr


@pytest.mark.postgres
def test_users_are_managed_by_an_admin_only_and_disable_means_nologin(bank):
    ad = as_login(bank, "ad")
    users = {u["login"]: u for u in ad.json("users", "list")}
    assert {bank.logins[name] for name in LOGINS} <= set(users)
    rm_login = bank.logins["rm_b1"]
    assert as_login(bank, "rm_a1")("users", "disable", rm_login).exit_code == 1
    assert ad("users", "set-role", rm_login, "--role", "head_office").exit_code == 0
    assert _seen(as_login(bank, "rm_b1")) == ALL
    assert ad("users", "disable", rm_login).exit_code == 0
    users = {u["login"]: u for u in ad.json("users", "list")}
    assert users[rm_login]["active"] is False
    assert users[rm_login]["can_login"] is False
    result = as_login(bank, "rm_b1")("customers", "list")
    assert result.exit_code == 1


@pytest.mark.postgres
def test_reassignment_moves_visibility_at_once_and_is_recorded(bank):
    ad = as_login(bank, "ad")
    result = ad(
        "customers", "reassign", "--from", "RM_A1", "--to", "RM_B1", "--customers", "A12", "--json"
    )
    assert json.loads(result.stdout)["moved"] == ["A12"]
    shown = as_login(bank, "rm_b1")("customers", "show", "A12")
    assert "reassign" in shown.stdout
    assert "S400" in shown.stdout
    assert _seen(as_login(bank, "rm_a1")) == {"A11"}
    assert _seen(as_login(bank, "rm_b1")) == {"B11", "A12"}
    assert _seen(as_login(bank, "bm_a")) == {"A11", "A21"}
    refused = as_login(bank, "rm_b1")("customers", "reassign", "--from", "RM_B1", "--to", "RM_A1")
    assert refused.exit_code == 1


@pytest.mark.postgres
def test_an_import_by_the_admin_while_rms_work(bank, tmp_path):
    rows = [f"N{i:04d},新客户{i},RM_B1,50000" for i in range(3000)]
    rows += ["A11,客户A11改,RM_A1,200000"]
    path = tmp_path / "nightly.csv"
    path.write_text("customer_id,name,rm_code,aum\n" + "\n".join(rows) + "\n", encoding="utf-8")
    env = {**os.environ, "PGPASSFILE": os.environ["PGPASSFILE"]}
    command = [sys.executable, "-m", "bankcrm_cli"]
    importer = subprocess.Popen(
        [*command, "--db", bank.login_url("ad"), "import", "customers", str(path)],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    for _ in range(3):
        done = subprocess.run(
            [*command, "--db", bank.login_url("rm_a1"), "log-call", "A12", "--outcome", "reached"],
            env=env,
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert done.returncode == 0, done.stderr
    _, err = importer.communicate(timeout=300)
    assert importer.returncode == 0, err
    assert _seen(as_login(bank, "rm_a1")) == {"A11", "A12"}
    assert len(_seen(as_login(bank, "rm_b1"))) == 3001
    names = {c["customer_id"]: c["name"] for c in as_login(bank, "rm_a1").json("customers", "list")}
    assert names["A11"] == "客户A11改"


@pytest.mark.skipif(PG_URL is not None, reason="the SQLite store's answer")
@pytest.mark.parametrize(
    "args",
    [
        ("users", "list"),
        ("users", "add", "wang", "--rm", "RM001", "--role", "rm"),
        ("users", "set-role", "wang", "--role", "admin"),
        ("users", "disable", "wang"),
        ("audit",),
    ],
)
def test_roles_are_a_postgresql_feature_on_sqlite(crm, args):
    assert crm("db", "upgrade").exit_code == 0
    result = crm(*args)
    assert result.exit_code == 2
    assert "PostgreSQL 团队库的功能" in result.stderr
    assert result.stderr.count("\n") == 1


def test_reassignment_works_on_any_store(crm, tmp_path):
    (tmp_path / "rms.csv").write_text("rm_code,name\nRM1,甲\nRM2,乙\n", encoding="utf-8")
    (tmp_path / "c.csv").write_text(
        "customer_id,name,rm_code\n1,张三,RM1\n2,李四,RM1\n", encoding="utf-8"
    )
    assert crm("rms", "import", str(tmp_path / "rms.csv")).exit_code == 0
    assert crm("import", "customers", str(tmp_path / "c.csv")).exit_code == 0
    result = crm("customers", "reassign", "--from", "RM1", "--to", "RM2", "--json")
    assert json.loads(result.stdout)["moved"] == ["1", "2"]
    assert {c["rm_code"] for c in crm.json("customers", "list")} == {"RM2"}
    history = crm("customers", "show", "1")
    assert "reassign" in history.stdout
    missing = crm("customers", "reassign", "--from", "RM2", "--to", "RM9")
    assert missing.exit_code == 1
    assert "没有客户经理 RM9" in missing.stderr


@pytest.mark.postgres
def test_through_crm_each_role_writes_exactly_where_it_may(bank):
    writable = {"rm_a1": VISIBLE["rm_a1"], "bm_a": VISIBLE["bm_a"], "ad": ALL, "ho": set()}
    writable["co"] = set()
    for login, allowed in writable.items():
        crm = as_login(bank, login)
        for customer in sorted(ALL):
            result = crm("log-call", customer, "--outcome", "reached")
            assert result.exit_code == (0 if customer in allowed else 1), (login, customer)
            if result.exit_code:
                assert result.stderr.count("\n") == 1, result.stderr
