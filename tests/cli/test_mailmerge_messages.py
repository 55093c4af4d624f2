"""What a mail-merge run hands over: a text summary naming who was skipped and why, marketing
e-mails carrying List-Unsubscribe, every HTML part titled."""

from __future__ import annotations

import json
from email import message_from_bytes, policy
from pathlib import Path

from test_mailmerge_cli import DAY, bank, write_template  # noqa: F401 - the fixture is used


def _messages(out: Path) -> dict[str, object]:
    return {
        path.stem: message_from_bytes(path.read_bytes(), policy=policy.default)
        for path in sorted(out.glob("*.eml"))
    }


# The skip reasons --format json gives, as the Chinese summary says them.
SKIP_REASONS = {"opted out of e-mail marketing": "已拒绝邮件营销", "no e-mail": "无邮箱"}


def test_the_text_summary_lists_who_was_skipped_and_why(crm, bank):  # noqa: F811
    args = ("birthday-greeting", "--followups", "birthday", "--date", DAY, "--out")
    text = crm("mailmerge", *args, str(bank / "a"))
    as_json = json.loads(crm("mailmerge", *args, str(bank / "b"), "--format", "json").stdout)
    assert text.exit_code == 0, text.output
    for skip in as_json["skipped"]:
        reason_line = f"  跳过（{SKIP_REASONS[skip['reason']]}）：1"
        assert reason_line in text.stdout
        following = text.stdout.split(reason_line, 1)[1].splitlines()[1]
        assert following.strip() == skip["customer_id"]
    assert as_json["skipped"]  # C002 opted out, C004 has no e-mail


def test_marketing_emails_carry_list_unsubscribe_and_service_ones_do_not(crm, bank, monkeypatch):  # noqa: F811
    monkeypatch.setenv("CRM_MAIL_FROM", "示例银行 <service@bank.example>")
    marketing = bank / "m"
    result = crm("mailmerge", "birthday-greeting", "--customers", "C001", "--out", str(marketing))
    assert result.exit_code == 0, result.output
    header = _messages(marketing)["C001"]["List-Unsubscribe"]
    assert header == "<mailto:service@bank.example?subject=%E9%80%80%E8%AE%A2>"

    monkeypatch.setenv("CRM_MAIL_UNSUBSCRIBE", "optout@bank.example")
    monkeypatch.setenv("CRM_MAIL_UNSUBSCRIBE_URL", "https://bank.example/unsubscribe")
    configured = bank / "c"
    result = crm("mailmerge", "birthday-greeting", "--customers", "C001", "--out", str(configured))
    assert result.exit_code == 0, result.output
    assert _messages(configured)["C001"]["List-Unsubscribe"] == (
        "<mailto:optout@bank.example?subject=%E9%80%80%E8%AE%A2>, "
        "<https://bank.example/unsubscribe>"
    )

    service = bank / "s"
    result = crm("mailmerge", "maturity-reminder", "--customers", "C001", "--out", str(service))
    assert result.exit_code == 0, result.output
    assert _messages(service)["C001"]["List-Unsubscribe"] is None


def test_an_unusable_unsubscribe_url_stops_the_run_with_one_line(crm, bank, monkeypatch):  # noqa: F811
    monkeypatch.setenv("CRM_MAIL_UNSUBSCRIBE_URL", "javascript:alert(1)")
    out = bank / "x"
    result = crm("mailmerge", "birthday-greeting", "--customers", "C001", "--out", str(out))
    assert result.exit_code == 2
    assert len(result.stderr.strip().splitlines()) == 1 and "mail.unsubscribe_url" in result.stderr
    assert not out.exists()


def test_every_html_part_has_a_title(crm, bank, tmp_path):  # noqa: F811
    mine = tmp_path / "mine"
    write_template(mine, "emails", "bare", "{{ customer.name }}，您好\n")
    (mine / "emails" / "bare.html.j2").write_text("<p>{{ customer.name }}</p>\n", encoding="utf-8")
    write_template(mine, "emails", "plain", "{{ customer.name }}，您好\n")
    for name in ("bare", "plain", "maturity-reminder", "birthday-greeting"):
        out = tmp_path / name
        result = crm(
            "mailmerge", name, "--customers", "C001", "--templates", str(mine), "--out", str(out)
        )
        assert result.exit_code == 0, result.output
        message = _messages(out)["C001"]
        page = message.get_body(("html",)).get_content()
        title = page.split("<title>", 1)[1].split("</title>", 1)[0]
        assert title.strip(), (name, page[:200])
        if name in ("bare", "plain"):
            assert title == message["Subject"] == "测试"
