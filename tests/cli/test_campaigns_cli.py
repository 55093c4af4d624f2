"""crm campaigns: targeting, outreach and the holdout that is never contacted (both stores)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import write

CUSTOMERS = 40
OFFER = ("--set", "product=稳健基金", "--set", "highlight=保本", "--set", "term=1年",
         "--set", "threshold=1万元", "--set", "until=12月31日")  # fmt: skip


def _customers_csv() -> str:
    lines = ["customer_id,name,phone,email,rm_code,aum,consent_phone,consent_email"]
    for i in range(1, CUSTOMERS + 1):
        # C039 and C040 refused both phone and e-mail marketing; C038 only the phone.
        phone_no = "否" if i >= 38 else ""
        email_no = "否" if i >= 39 else ""
        rm = "RM001" if i % 2 else "RM002"
        lines.append(
            f"C{i:03d},客户{i},154{i:08d},c{i}@example.com,{rm},{i * 10_000},{phone_no},{email_no}"
        )
    return "\n".join(lines) + "\n"


@pytest.fixture
def bank(crm, tmp_path: Path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    path = write(tmp_path / "customers.csv", _customers_csv())
    assert crm("import", "customers", str(path)).exit_code == 0
    return tmp_path


def _create(crm, name: str, *args: str) -> None:
    result = crm("campaigns", "create", name, "--title", f"{name} 活动", *args)
    assert result.exit_code == 0, result.output


def _members(crm, name: str, *args: str) -> list[dict]:
    return crm.json("campaigns", "members", name, *args)


def _one_line_error(result, code: int, *words: str) -> None:
    assert result.exit_code == code, result.output
    assert result.stderr.count("\n") == 1 and result.stderr.startswith("crm: error:")
    for word in words:
        assert word in result.stderr


def test_no_holdout_member_ever_gets_a_message_or_a_call(crm, bank, smtp_server):
    _create(crm, "基金", "--product-type", "fund", "--channel", "email", "--channel", "phone",
            "--holdout", "40", "--start", "2026-01-01")  # fmt: skip
    assert crm("campaigns", "target", "基金", "--aum-min", "0").exit_code == 0
    members = _members(crm, "基金")
    assert {"customer_id", "holdout", "status", "rm_code"} <= set(members[0])
    held = {m["customer_id"] for m in members if m["holdout"]}
    assert held and len(held) < len(members)

    sent = crm("mailmerge", "product-offer", "--campaign", "基金", *OFFER, "--send",
               "--format", "json")  # fmt: skip
    assert sent.exit_code == 0, sent.output
    recipients = {to for envelope in smtp_server.messages for to in envelope.rcpt_tos}
    assert recipients and not recipients & {f"c{int(c[1:])}@example.com" for c in held}
    # C039 and C040 refused both of the campaign's channels: never members.
    assert "C039" not in {m["customer_id"] for m in members}
    assert json.loads(sent.stdout)["sent"] == len(members) - len(held)
    contacted = {m["customer_id"] for m in _members(crm, "基金", "--status", "contacted")}
    assert contacted and not contacted & held
    # Again: nobody gets a second message on that channel.
    again = crm("mailmerge", "product-offer", "--campaign", "基金", *OFFER, "--send")
    assert again.exit_code == 0 and len(smtp_server.messages) == len(recipients)

    one = sorted(held)[0]
    for command in (
        ("mailmerge", "product-offer", "--campaign", "基金", "--customers", one, *OFFER, "--send"),
        ("log-call", one, "--campaign", "基金", "--response", "interested"),
        ("campaigns", "rsvp", "基金", one, "--accepted"),
    ):
        _one_line_error(crm(*command), 1, one, "对照组")
    assert len(smtp_server.messages) == len(recipients)
    calls = crm.json("calls", "list")
    assert one not in {c["customer_id"] for c in calls}
    today = crm.json("followups", "today", "--kind", "campaign", "--date", "2026-12-01")
    assert today and not {item["customer_id"] for item in today} & held


def test_calls_per_rm_by_aum_from_the_start_until_answered(crm, bank):
    _create(crm, "电话", "--product-type", "fund", "--holdout", "0", "--start", "2026-12-01",
            "--calls-per-day", "3")  # fmt: skip
    assert crm("campaigns", "target", "电话", "--aum-min", "0").exit_code == 0

    def calls(day: str) -> list[dict]:
        return crm.json("followups", "today", "--kind", "campaign", "--date", day)

    assert calls("2026-11-30") == []
    first = calls("2026-12-01")
    by_rm = {
        rm: [i["customer_id"] for i in first if i["rm_code"] == rm] for rm in ("RM001", "RM002")
    }
    # Highest AUM first (AUM grows with the number); C038-C040 refused the phone.
    assert set(by_rm["RM001"]) == {"C037", "C035", "C033"}
    assert set(by_rm["RM002"]) == {"C036", "C034", "C032"}
    done = crm("followups", "done", first[0]["id"])
    _one_line_error(done, 1, "log-call")
    logged = crm("log-call", "C037", "--campaign", "电话", "--response", "declined")
    assert logged.exit_code == 0, logged.output
    rm001 = {i["customer_id"] for i in calls("2026-12-01") if i["rm_code"] == "RM001"}
    assert rm001 == {"C035", "C033", "C031"}
    callback = crm("log-call", "C035", "--campaign", "电话", "--response", "callback")
    assert callback.exit_code == 0
    assert "C035" in {i["customer_id"] for i in calls("2026-12-02")}


def test_rsvp_fills_the_seats_then_a_waiting_list_in_order(crm, bank):
    _create(crm, "讲座", "--product-type", "wealth", "--holdout", "0", "--capacity", "2",
            "--event-date", "2026-12-20")  # fmt: skip
    assert crm("campaigns", "target", "讲座", "--customers", "C001,C002,C003,C004").exit_code == 0
    answers = [crm("campaigns", "rsvp", "讲座", c, "--accepted").stdout for c in
               ("C001", "C002", "C003", "C004")]  # fmt: skip
    assert ["已获座位" in a for a in answers] == [True, True, False, False]
    assert "候补名单" in answers[3]
    freed = crm("campaigns", "rsvp", "讲座", "C001", "--declined")
    assert freed.exit_code == 0 and "C003 从候补名单转入空出的座位" in freed.stdout
    assert crm("campaigns", "attend", "讲座", "C002", "C003").exit_code == 0
    by_id = {m["customer_id"]: m for m in _members(crm, "讲座")}
    assert [by_id[c]["rsvp"] for c in ("C001", "C002", "C003", "C004")] == [
        "declined", "accepted", "accepted", "waiting"]  # fmt: skip
    assert by_id["C002"]["status"] == "attended"
    report = crm.json("campaigns", "report", "讲座")
    assert report["event"] == {"accepted": 2, "waiting": 1, "declined": 1, "attended": 2,
                               "no_show": 0}  # fmt: skip
    _one_line_error(
        crm("campaigns", "attend", "讲座", "C009"), 1, "C009", "不是营销活动 讲座 的成员"
    )


def test_targeting_skips_refusers_counts_once_and_dry_run_adds_nobody(crm, bank, monkeypatch):
    _create(crm, "短信", "--product-type", "fund", "--channel", "phone", "--channel", "email")
    dry = crm("campaigns", "target", "短信", "--aum-min", "300000", "--dry-run")
    assert dry.exit_code == 0 and "将加入：9" in dry.stdout
    assert "跳过（拒绝了本活动的全部渠道：电话、邮件）：2\n    C039, C040\n" in dry.stdout
    monkeypatch.setenv("CRM_UI_LANGUAGE", "en")
    dry = crm("campaigns", "target", "短信", "--aum-min", "300000", "--dry-run")
    assert "would add: 9" in dry.stdout and "first rows:" in dry.stdout
    assert "skipped (refused every channel of the campaign (phone, e-mail)): 2" in dry.stdout
    monkeypatch.delenv("CRM_UI_LANGUAGE")
    assert _members(crm, "短信") == []
    assert "已加入：9" in crm("campaigns", "target", "短信", "--aum-min", "300000").stdout
    again = crm("campaigns", "target", "短信", "--aum-min", "290000")
    assert "选中 12 位，其中 9 位已是成员" in again.stdout and "已加入：1" in again.stdout
    assert len(_members(crm, "短信")) == 10
    _one_line_error(crm("campaigns", "target", "短信", "--customers", "C999"), 1, "C999")
    _one_line_error(crm("campaigns", "target", "短信"), 2, "--segment")
    _one_line_error(crm("campaigns", "create", "短信", "--title", "x", "--product-type", "a"),
                    1, "已存在")  # fmt: skip
    _one_line_error(crm("campaigns", "create", "y", "--title", "x"), 2, "--product-type")


def test_merge_keeps_the_contacted_side_and_unmerge_splits_them_again(crm, bank):
    _create(crm, "合并", "--product-type", "fund", "--holdout", "50")
    assert crm("campaigns", "target", "合并", "--aum-min", "0").exit_code == 0
    members = _members(crm, "合并")
    held = next(m["customer_id"] for m in members if m["holdout"])
    reached = next(m["customer_id"] for m in members if not m["holdout"])
    assert crm("log-call", reached, "--campaign", "合并", "--response", "accepted").exit_code == 0
    merged = crm("customers", "merge", reached, held, "--force")
    assert merged.exit_code == 0, merged.output
    after = {m["customer_id"]: m for m in _members(crm, "合并")}
    assert held not in after and after[reached]["holdout"] is False
    assert after[reached]["status"] == "accepted"
    report = crm.json("campaigns", "report", "合并")
    assert report["merged_both_sides"] == 1 and report["targeted"] == len(members) - 1
    assert crm("customers", "unmerge", held).exit_code == 0
    restored = {m["customer_id"]: m for m in _members(crm, "合并")}
    assert restored[held]["holdout"] is True and restored[reached]["status"] == "accepted"
    assert crm.json("campaigns", "report", "合并")["merged_both_sides"] == 0
