"""`crm mailmerge`: rendered before anything leaves, opt-outs honoured, each message sent once."""

from __future__ import annotations

import json
from email import message_from_bytes, policy
from pathlib import Path

import pytest
from conftest import store_engine, write
from factories import make_id

DAY = "2026-12-01"  # a Tuesday: the follow-ups of that day cover it alone

RMS = "rm_code,name,phone,email,branch\nRM001,李娜,13900000001,lina@bank.example,海淀支行\n"


def _customers() -> str:
    rows = [
        # id, name, birth (18-digit ID), gender seq, email, consent_email, fax, consent_fax,
        # address, consent_mail, aum
        (
            "C001",
            "张伟",
            "19851201",
            123,
            "zhangwei@example.com",
            "",
            "",
            "",
            "北京市海淀区中关村大街1号",
            "",
            "600000",
        ),
        (
            "C002",
            "王芳",
            "19901201",
            124,
            "wangfang@example.com",
            "否",
            "010-66668888",
            "是",
            "北京市西城区金融街2号",
            "否",
            "80000",
        ),
        ("C003", "刘洋", "19780315", 125, "liuyang@example.com", "是", "", "", "", "", "20000"),
        ("C004", "陈静", "19821201", 126, "", "", "", "", "北京市朝阳区建国路3号", "", "1200000"),
        (
            "C005",
            "赵磊",
            "19881201",
            127,
            "zhaolei@example.com",
            "是",
            "",
            "",
            "上海市浦东新区世纪大道4号",
            "",
            "550000",
        ),
    ]
    lines = [
        "customer_id,name,id_number,phone,email,consent_email,fax,consent_fax,address,"
        "postal_code,consent_mail,rm_code,aum"
    ]
    for cid, name, birth, seq, email, c_email, fax, c_fax, address, c_mail, aum in rows:
        lines.append(
            f"{cid},{name},{make_id(birth, seq)},1380000{seq:04d},{email},{c_email},{fax},"
            f"{c_fax},{address},100080,{c_mail},RM001,{aum}"
        )
    return "\n".join(lines) + "\n"


HOLDINGS = (
    "account_id,customer_id,product_type,product_name,amount,currency,maturity_date,auto_rollover\n"
    "A1001,C001,large_cd,大额存单2023第5期,500000,CNY,2026-12-04,否\n"
    "A1002,C002,time_deposit,整存整取三年,80000,CNY,2026-12-05,是\n"
    "A1003,C003,wealth,稳盈90天,20000,CNY,2027-03-01,否\n"
)


@pytest.fixture
def bank(crm, tmp_path: Path, monkeypatch):
    """Five customers: three birthdays on DAY (one opted out of e-mail, one without e-mail)."""
    monkeypatch.chdir(tmp_path)
    for kind, text in (("rms", RMS), ("customers", _customers()), ("holdings", HOLDINGS)):
        path = write(tmp_path / f"{kind}.csv", text)
        args = ("rms", "import", str(path)) if kind == "rms" else ("import", kind, str(path))
        result = crm(*args)
        assert result.exit_code == 0, result.output
    return tmp_path


# The values product-offer's template asks for, as `--set` options.
OFFER_VALUES = (
    "--set",
    "product=稳盈180天",
    "--set",
    "highlight=业绩比较基准2.6%-3.1%",
    "--set",
    "term=180天",
    "--set",
    "threshold=1万元",
    "--set",
    "until=2026年12月20日",
)


def _merge(crm, *args: str) -> dict:
    result = crm("mailmerge", *args, "--format", "json")
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def _reasons(summary: dict) -> dict[str, str]:
    return {s["customer_id"]: s["reason"] for s in summary["skipped"]}


def test_preview_renders_eml_files_and_sends_nothing(crm, bank, smtp_server):
    out = bank / "out"
    summary = _merge(
        crm,
        "birthday-greeting",
        "--channel",
        "email",
        "--followups",
        "birthday",
        "--date",
        DAY,
        "--out",
        str(out),
    )
    assert summary["rendered"] == 2 and summary["sent"] == 0
    assert _reasons(summary) == {"C002": "opted out of e-mail marketing", "C004": "no e-mail"}
    assert smtp_server.messages == []
    assert sorted(p.name for p in out.iterdir()) == [".crm-mailmerge.json", "C001.eml", "C005.eml"]
    assert (out.stat().st_mode & 0o777) == 0o700
    assert (out / "C001.eml").stat().st_mode & 0o777 == 0o600
    msg = message_from_bytes((out / "C001.eml").read_bytes(), policy=policy.default)
    assert msg["Subject"] == "张先生，示例银行祝您生日快乐"
    assert "=?utf-8?" in (out / "C001.eml").read_bytes().decode("ascii").split("Subject:")[1][:20]
    assert msg["To"].addresses[0].display_name == "张伟"
    assert msg["Message-ID"] and msg["Date"]
    assert msg.get_content_type() == "multipart/alternative"
    text = msg.get_body(("plain",)).get_content()
    html = msg.get_body(("html",)).get_content()
    assert "尊敬的张先生" in text and "李娜" in text
    assert "尊敬的张先生" in html and "<html" in html


def test_send_delivers_each_message_once(crm, bank, smtp_server):
    args = ("birthday-greeting", "--channel", "email", "--followups", "birthday", "--date", DAY)
    first = _merge(crm, *args, "--send")
    assert first["sent"] == 2 and first["failed"] == []
    received = smtp_server.parsed()
    assert sorted(m["To"].addresses[0].addr_spec for m in received) == [
        "zhangwei@example.com",
        "zhaolei@example.com",
    ]
    assert {m["Subject"] for m in received} == {
        "张先生，示例银行祝您生日快乐",
        "赵先生，示例银行祝您生日快乐",
    }
    assert all(m["From"].addresses[0].addr_spec == "service@bank.example" for m in received)
    assert all(m["Reply-To"].addresses[0].addr_spec == "lina@bank.example" for m in received)

    again = _merge(crm, *args, "--send")
    assert again["sent"] == 0 and again["rendered"] == 0
    assert _reasons(again)["C001"] == "already sent"
    assert _reasons(again)["C005"] == "already sent"
    assert len(smtp_server.messages) == 2

    shown = crm.json("customers", "show", "C001")
    deliveries = [e for e in shown["timeline"] if e["entity"] == "delivery"]
    assert len(deliveries) == 1 and "birthday-greeting" in deliveries[0]["reason"]


def test_a_refused_recipient_is_recorded_and_the_others_still_go(crm, bank, smtp_server):
    smtp_server.refuse.add("zhangwei@example.com")
    args = ("birthday-greeting", "--channel", "email", "--followups", "birthday", "--date", DAY)
    summary = _merge(crm, *args, "--send")
    assert summary["sent"] == 1
    assert [f["customer_id"] for f in summary["failed"]] == ["C001"]
    assert "550" in summary["failed"][0]["error"]
    assert [m["To"].addresses[0].addr_spec for m in smtp_server.parsed()] == ["zhaolei@example.com"]
    # The mailbox comes back: a re-run sends only the one that failed.
    smtp_server.refuse.clear()
    retry = _merge(crm, *args, "--send")
    assert retry["sent"] == 1 and retry["failed"] == []
    assert len(smtp_server.messages) == 2


def test_service_templates_do_not_need_marketing_consent(crm, bank, smtp_server):
    summary = _merge(
        crm,
        "maturity-reminder",
        "--channel",
        "email",
        "--followups",
        "maturity",
        "--date",
        DAY,
        "--send",
    )
    # C002 refused e-mail marketing, but a maturity notice is service.
    assert summary["sent"] == 2
    bodies = {
        m["To"].addresses[0].addr_spec: m.get_body(("plain",)).get_content()
        for m in smtp_server.parsed()
    }
    assert "¥500,000.00" in bodies["zhangwei@example.com"]
    assert "2026年12月4日" in bodies["zhangwei@example.com"]
    assert "尾号 1002" in bodies["wangfang@example.com"]


def test_marketing_needs_an_explicit_yes_when_the_setting_asks(crm, bank, monkeypatch):
    monkeypatch.setenv("CRM_MAILMERGE_REQUIRE_CONSENT", "true")
    summary = _merge(
        crm, "birthday-greeting", "--channel", "email", "--followups", "birthday", "--date", DAY
    )
    assert summary["rendered"] == 1  # only C005 said yes
    assert _reasons(summary)["C001"] == "no e-mail marketing consent on record"


def test_undefined_variable_stops_the_run_before_anything_is_sent(crm, bank, smtp_server, tmp_path):
    mine = tmp_path / "mine"
    write_template(mine, "emails", "birthday-greeting", "你好 {{ customer.nickname }}\n")
    out = tmp_path / "out"
    result = crm(
        "mailmerge",
        "birthday-greeting",
        "--followups",
        "birthday",
        "--date",
        DAY,
        "--templates",
        str(mine),
        "--out",
        str(out),
        "--send",
    )
    assert result.exit_code == 2
    assert "nickname" in result.stderr and "Traceback" not in result.output
    assert len(result.stderr.strip().splitlines()) == 1
    assert smtp_server.messages == []
    assert not list(out.glob("*.eml"))
    assert _deliveries(crm) == []


def test_sandbox_escape_fails_before_sending(crm, bank, smtp_server, tmp_path):
    mine = tmp_path / "mine"
    write_template(mine, "emails", "escape", "{{ ''.__class__.__mro__[1].__subclasses__() }}\n")
    result = crm("mailmerge", "escape", "--customers", "C001", "--templates", str(mine), "--send")
    assert result.exit_code == 2
    assert "unsafe" in result.stderr or "undefined" in result.stderr
    assert smtp_server.messages == []


def test_runaway_template_is_stopped_by_the_output_limit(crm, bank, tmp_path, monkeypatch):
    monkeypatch.setenv("CRM_MAILMERGE_MAX_OUTPUT", "10000")
    mine = tmp_path / "mine"
    write_template(
        mine,
        "emails",
        "huge",
        "{% for i in range(99999) %}{% for j in range(99999) %}x{% endfor %}{% endfor %}\n",
    )
    result = crm("mailmerge", "huge", "--customers", "C001", "--templates", str(mine))
    assert result.exit_code == 2
    assert "10,000 个字符" in result.stderr


def test_user_template_overrides_the_builtin_by_name(crm, bank, tmp_path):
    mine = tmp_path / "mine"
    write_template(mine, "emails", "birthday-greeting", "{{ customer.salutation }}，生日快乐！\n")
    listed = crm.json("templates", "list", "--templates", str(mine))
    ours = [t for t in listed if t["name"] == "birthday-greeting" and t["channel"] == "email"]
    assert ours[0]["source"] != "built-in"
    out = tmp_path / "out"
    _merge(
        crm, "birthday-greeting", "--customers", "C001", "--templates", str(mine), "--out", str(out)
    )
    msg = message_from_bytes((out / "C001.eml").read_bytes(), policy=policy.default)
    assert msg.get_body(("plain",)).get_content().strip() == "尊敬的张先生，生日快乐！"


def test_customers_from_a_file_and_unknown_numbers_stop_the_run(crm, bank, tmp_path):
    ids = write(tmp_path / "ids.txt", "C003\n\nC001\nC003\n")
    summary = _merge(
        crm, "maturity-reminder", "--customers", f"@{ids}", "--out", str(tmp_path / "o1")
    )
    assert summary["rendered"] == 2 and summary["files"] == ["C003.eml", "C001.eml"]
    result = crm(
        "mailmerge", "maturity-reminder", "--customers", "C001,NOPE", "--out", str(tmp_path / "o2")
    )
    assert result.exit_code == 1
    assert "NOPE" in result.stderr
    assert not (tmp_path / "o2").exists() or not list((tmp_path / "o2").iterdir())


def test_segment_and_limit_send_in_chunks(crm, bank, smtp_server):
    # 白金 is 500k to 1M: C001 (600k) and C005 (550k).
    args = ("maturity-reminder", "--segment", "白金", "--send")
    first = _merge(crm, *args, "--limit", "1")
    assert first["sent"] == 1
    second = _merge(crm, *args, "--limit", "1")
    assert second["sent"] == 1
    third = _merge(crm, *args, "--limit", "1")
    assert third["sent"] == 0
    assert sorted(m["To"].addresses[0].addr_spec for m in smtp_server.parsed()) == [
        "zhangwei@example.com",
        "zhaolei@example.com",
    ]


def test_required_parameters_are_asked_for(crm, bank):
    result = crm("mailmerge", "product-offer", "--segment", "白金")
    assert result.exit_code == 2
    assert "--set product=" in result.stderr
    summary = _merge(
        crm,
        "product-offer",
        "--segment",
        "白金",
        *OFFER_VALUES,
    )
    assert summary["rendered"] == 2


def test_a_delivery_left_unconfirmed_by_a_crash_is_not_sent_again_unasked(crm, bank, smtp_server):
    from datetime import UTC, datetime

    from bankcrm_cli.store.tables import deliveries_table

    args = ("birthday-greeting", "--customers", "C001,C005", "--send")
    # What a crash between claiming and confirming leaves behind.
    engine = store_engine(crm)
    with engine.begin() as conn:
        conn.execute(
            deliveries_table.insert().values(
                campaign=f"birthday-greeting-email-{_today(crm)}",
                customer_id="C001",
                channel="email",
                template="birthday-greeting",
                purpose="marketing",
                status="sending",
                actor="tester",
                created_at=datetime(2026, 12, 1, 8, tzinfo=UTC),
            )
        )
    engine.dispose()
    summary = _merge(crm, *args)
    assert summary["sent"] == 1
    assert _reasons(summary)["C001"].startswith("interrupted while sending")
    retried = _merge(crm, *args, "--retry-interrupted")
    assert retried["sent"] == 1
    assert len(smtp_server.messages) == 2


def test_an_unreachable_server_stops_with_one_line_and_nothing_marked_sent(crm, bank, monkeypatch):
    from conftest import _free_port

    monkeypatch.setenv("CRM_SMTP_HOST", "127.0.0.1")
    monkeypatch.setenv("CRM_SMTP_PORT", str(_free_port()))
    monkeypatch.setenv("CRM_SMTP_TLS", "none")
    monkeypatch.setenv("CRM_MAIL_FROM", "service@bank.example")
    result = crm("mailmerge", "maturity-reminder", "--customers", "C001", "--send")
    assert result.exit_code == 1
    assert "cannot reach SMTP server" in result.stderr
    assert [row[1] for row in _deliveries(crm)] == ["failed"]


def test_sending_without_smtp_settings_is_refused_before_rendering(crm, bank, tmp_path):
    out = tmp_path / "out"
    result = crm(
        "mailmerge", "maturity-reminder", "--customers", "C001", "--send", "--out", str(out)
    )
    assert result.exit_code == 1
    assert "CRM_SMTP_HOST" in result.stderr
    assert not out.exists()


def test_templates_check_reports_an_undefined_name(crm, tmp_path):
    mine = tmp_path / "mine"
    write_template(mine, "letters", "broken", "{{ customer.salutation }} {{ rm.nmae }}\n")
    result = crm("templates", "check", "broken", "--templates", str(mine))
    assert result.exit_code == 2
    assert "nmae" in result.stderr


def test_templates_check_passes_every_builtin(crm):
    listed = crm.json("templates", "list")
    names = sorted({t["name"] for t in listed})
    assert names == [
        "birthday-greeting",
        "complaint-acknowledgement",
        "complaint-final-response",
        "maturity-reminder",
        "product-offer",
        "seminar-invitation",
    ]
    for name in names:
        outcomes = crm.json("templates", "check", name)
        assert outcomes and all(o["error"] is None for o in outcomes), outcomes
        assert all(o["rendered"] > 0 for o in outcomes), (name, outcomes)


def test_templates_show_prints_the_front_matter(crm):
    result = crm("templates", "show", "birthday-greeting", "--channel", "email")
    assert result.exit_code == 0
    assert "purpose: marketing" in result.stdout and "<html" in result.stdout


# ---------------------------------------------------------------------------------------------


def write_template(root: Path, folder: str, name: str, body: str, purpose="marketing") -> Path:
    (root / folder).mkdir(parents=True, exist_ok=True)
    return write(
        root / folder / f"{name}.txt.j2",
        f"---\nsubject: 测试\npurpose: {purpose}\ndescription: test\n---\n{body}",
    )


def _deliveries(crm) -> list[tuple]:
    from sqlalchemy import select

    from bankcrm_cli.store.tables import deliveries_table

    d = deliveries_table.c
    engine = store_engine(crm)
    with engine.connect() as conn:
        rows = conn.execute(select(d.customer_id, d.status).order_by(d.id)).all()
    engine.dispose()
    return [tuple(row) for row in rows]


def _today(crm) -> str:
    from datetime import datetime
    from zoneinfo import ZoneInfo

    return datetime.now(ZoneInfo("Asia/Shanghai")).date().isoformat()


def _pdf_text(path: Path) -> str:
    from pypdf import PdfReader

    return "\n".join(page.extract_text() for page in PdfReader(path).pages)


def test_letters_are_pdfs_with_a_print_batch_and_are_recorded_when_posted(crm, bank):
    from pypdf import PdfReader

    out = bank / "letters"
    args = (
        "birthday-greeting",
        "--channel",
        "letter",
        "--followups",
        "birthday",
        "--date",
        DAY,
        "--out",
        str(out),
    )
    preview = _merge(crm, *args)
    # C002 refused marketing by post; C004 has no e-mail but has an address.
    assert _reasons(preview) == {"C002": "opted out of mail marketing"}
    assert preview["files"] == ["C001.pdf", "C004.pdf", "C005.pdf"]
    assert "张伟" in _pdf_text(out / "C001.pdf")
    assert "陈静" in _pdf_text(out / "C004.pdf")
    batch = PdfReader(out / "print-batch.pdf")
    assert (
        len(batch.pages)
        == preview["pages"]
        == sum(len(PdfReader(out / name).pages) for name in preview["files"])
    )
    assert _deliveries(crm) == []

    posted = _merge(crm, *args, "--send")
    assert posted["sent"] == 3
    again = _merge(crm, *args, "--send")
    assert again["rendered"] == 0 and set(_reasons(again).values()) >= {"already sent"}


def test_faxes_have_a_cover_sheet_and_go_through_the_gateway(crm, bank, smtp_server, monkeypatch):
    from PIL import Image

    monkeypatch.setenv("CRM_MAILMERGE_FAX_GATEWAY", "{fax}@fax.example.com")
    out = bank / "faxes"
    summary = _merge(
        crm,
        "maturity-reminder",
        "--channel",
        "fax",
        "--customers",
        "C001,C002",
        "--out",
        str(out),
        "--fax-format",
        "tiff",
        "--send",
    )
    assert _reasons(summary) == {"C001": "no fax number"}
    assert summary["sent"] == 1
    text = _pdf_text(out / "C002.pdf")
    assert "王芳" in text and "010-66668888" in text
    with Image.open(out / "C002.tiff") as tiff:
        assert tiff.info["compression"] == "group3"
    [msg] = smtp_server.parsed()
    assert msg["To"].addresses[0].addr_spec == "01066668888@fax.example.com"
    [attachment] = list(msg.iter_attachments())
    assert attachment.get_filename() == "C002.tiff"
    assert attachment.get_content() == (out / "C002.tiff").read_bytes()


def test_config_show_names_the_font_letters_embed(crm):
    shown = crm.json("config", "show")
    assert ".tt" in shown["(font in use)"]["value"]


def test_the_smtp_password_is_never_printed(crm, monkeypatch):
    monkeypatch.setenv("CRM_SMTP_PASSWORD", "s3cret-pass")
    result = crm("config", "show")
    assert result.exit_code == 0
    assert "s3cret-pass" not in result.output
    assert crm.json("config", "show")["smtp.password"]["value"] == "(set, hidden)"


def test_a_password_in_a_settings_file_others_can_read_is_refused(crm, isolated_env):
    config = isolated_env / "crm.toml"
    config.write_text('[smtp]\nhost = "mail.example"\npassword = "s3cret-pass"\n')
    config.chmod(0o644)
    result = crm("config", "show")
    assert result.exit_code == 2
    assert "chmod 600" in result.stderr and "s3cret-pass" not in result.output
    config.chmod(0o600)
    assert crm("config", "show").exit_code == 0


def test_rate_paces_the_messages(crm, bank, smtp_server):
    import time

    start = time.monotonic()
    summary = _merge(
        crm, "maturity-reminder", "--customers", "C001,C002,C003", "--send", "--rate", "120"
    )
    assert summary["sent"] == 3
    assert time.monotonic() - start >= 1.0  # three messages at two a second


def test_starttls_verifies_the_server_certificate(crm, bank, tmp_path, monkeypatch):
    """A server whose certificate the machine does not trust is refused, nothing is sent."""
    import shutil
    import ssl
    import subprocess

    from aiosmtpd.controller import Controller
    from conftest import SmtpSink, _free_port

    if shutil.which("openssl") is None:
        pytest.skip("openssl is needed to make a self-signed certificate")
    cert, key = tmp_path / "cert.pem", tmp_path / "key.pem"
    subprocess.run(
        [
            "openssl",
            "req",
            "-x509",
            "-newkey",
            "rsa:2048",
            "-nodes",
            "-days",
            "1",
            "-subj",
            "/CN=127.0.0.1",
            "-keyout",
            str(key),
            "-out",
            str(cert),
        ],
        check=True,
        capture_output=True,
    )
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(cert, key)
    sink = SmtpSink()
    sink.port = _free_port()
    controller = Controller(
        sink, hostname="127.0.0.1", port=sink.port, tls_context=context, require_starttls=True
    )
    controller.start()
    try:
        sink.use(monkeypatch)
        monkeypatch.setenv("CRM_SMTP_TLS", "starttls")
        result = crm("mailmerge", "maturity-reminder", "--customers", "C001", "--send")
    finally:
        controller.stop()
    assert result.exit_code == 1
    assert "TLS" in result.stderr and "certificate" in result.stderr
    assert sink.messages == []


def test_a_name_the_font_cannot_print_is_skipped_not_printed_blank(crm, bank, tmp_path):
    rows = _customers().splitlines()
    header, first = rows[0], rows[1]
    write(
        tmp_path / "rare.csv",
        header + "\n" + first.replace("C001,张伟", "C009,张\U0002a6a5", 1) + "\n",
    )
    assert crm("import", "customers", str(tmp_path / "rare.csv")).exit_code == 0
    summary = _merge(
        crm,
        "maturity-reminder",
        "--channel",
        "letter",
        "--customers",
        "C009,C001",
        "--out",
        str(tmp_path / "rare"),
    )
    assert summary["files"] == ["C001.pdf"]
    assert "cannot print \U0002a6a5" in _reasons(summary)["C009"]


def test_segment_follows_the_tier_floors_in_the_settings(crm, bank, monkeypatch):
    # Platinum from 580k instead of 500k: C005 (550k) drops to gold, C001 (600k) stays.
    monkeypatch.setenv("CRM_SEGMENTS_PLATINUM_YUAN", "580000")
    summary = _merge(crm, "maturity-reminder", "--segment", "白金")
    assert summary["files"] == ["C001.eml"]


def test_a_merged_away_number_reaches_the_survivor(crm, bank, tmp_path):
    assert crm("customers", "merge", "C001", "C003", "--force").exit_code == 0
    summary = _merge(
        crm, "maturity-reminder", "--customers", "C003", "--out", str(tmp_path / "merged")
    )
    assert summary["files"] == ["C001.eml"]


def test_an_amount_reads_the_same_in_a_followup_and_in_an_email(crm, bank, tmp_path):
    holdings = write(
        tmp_path / "foreign.csv",
        "account_id,customer_id,product_type,product_name,amount,currency,maturity_date,"
        "auto_rollover\n"
        "B2001,C001,time_deposit,美元定期,1000,USD,2026-12-03,否\n"
        "B2002,C001,time_deposit,港币定期,2345.6,HKD,2026-12-03,否\n"
        "B2003,C001,time_deposit,欧元定期,99.99,EUR,2026-12-03,否\n"
        "B2004,C001,time_deposit,人民币定期,1234567.5,CNY,2026-12-03,否\n",
    )
    imported = crm("import", "holdings", str(holdings))
    assert imported.exit_code == 0, imported.output
    expected = {
        "B2001": "US$1,000.00",
        "B2002": "HK$2,345.60",
        "B2003": "€99.99",
        "B2004": "¥1,234,567.50",
    }
    listed = crm("followups", "today", "--date", DAY, "--kind", "maturity", "--format", "json")
    assert listed.exit_code == 0, listed.output
    details = {i["account_id"]: i["detail"] for i in json.loads(listed.stdout)}
    templates = tmp_path / "amounts"
    (templates / "emails").mkdir(parents=True)
    (templates / "emails" / "amounts.txt.j2").write_text(
        "---\nsubject: 金额\npurpose: service\n---\n"
        "{% for h in holdings %}{{ h.account_id }} {{ h.amount | money(h.currency) }}\n"
        "{% endfor %}",
        encoding="utf-8",
    )
    out = tmp_path / "out"
    args = ("--channel", "email", "--customers", "C001", "--templates", str(templates))
    summary = _merge(crm, "amounts", *args, "--out", str(out))
    assert summary["rendered"] == 1
    message = message_from_bytes((out / "C001.eml").read_bytes(), policy=policy.default)
    lines = message.get_body(("plain",)).get_content().splitlines()
    in_email = dict(line.split(" ", 1) for line in lines if line.startswith("B"))
    for account, text in expected.items():
        assert in_email[account] == text
        assert f" {text} " in details[account] and "到期" in details[account]
