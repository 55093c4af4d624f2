"""`crm report ...` and `crm cron example` as a user and as cron run them."""

from __future__ import annotations

import json
import stat
import subprocess
import sys
from collections import Counter
from html.parser import HTMLParser
from pathlib import Path

import pytest

from bankcrm_cli.services.admin.run_lock import run_lock
from bankcrm_cli.store.engine import resolve_url
from tests.bank_for_reports import D, build, days

CRM_BIN = Path(sys.executable).with_name("crm")


@pytest.fixture
def bank(crm, tmp_path: Path):
    """The hand-built bank in this test's store; returns the crm runner."""
    build(tmp_path / "files", url=resolve_url(str(crm.db)))
    return crm


def report(crm, *args: str):
    return crm("report", *args, "--date", D.isoformat())


@pytest.mark.parametrize("day", [D, days(2), days(3)], ids=["wednesday", "friday", "saturday"])
def test_daily_followup_counts_equal_followups_today(bank, day):
    items = bank.json("followups", "today", "--date", day.isoformat())
    daily = bank.json("report", "daily", "--date", day.isoformat())
    assert daily["followups"] == Counter(item["kind"] for item in items)
    assert sum(daily["followups"].values()) == len(items)


def test_daily_json_has_the_settled_figures(bank):
    daily = bank.json("report", "daily", "--date", D.isoformat())
    assert daily["date"] == D.isoformat()
    assert {k: daily["complaints"][k] for k in ("open", "due_soon", "overdue", "breached")} == {
        "open": 3,
        "due_soon": 1,
        "overdue": 1,
        "breached": 1,
    }
    assert daily["maturities_30d"]["count"] == 4
    assert daily["maturities_30d"]["amount"] == {"CNY": 620000.0, "USD": 10000.0}


def test_daily_complaints_equal_complaints_list(bank):
    daily = bank.json("report", "daily", "--date", D.isoformat())
    overdue = bank.json("complaints", "list", "--overdue", "--date", D.isoformat())
    assert daily["complaints"]["overdue"] == len(overdue)


def test_complaints_report_equals_complaints_stats(bank):
    stats = bank.json("complaints", "stats", "--since", "2026-10-01")
    figures = bank.json("report", "complaints", "--date", D.isoformat(), "--since", "2026-10-01")
    for key in ("received", "resolved", "breached", "within_deadline_rate", "breach_rate"):
        assert figures[key] == stats[key], key
    assert figures["median_handling_days"] == stats["median_handling_days"]
    assert figures["by_channel"] == stats["by_channel"]


def test_markdown_is_the_default_and_goes_to_stdout(bank):
    result = report(bank, "daily")
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("# ")
    assert "## 投诉\n" in result.stdout
    assert "\x1b" not in result.stdout


def test_csv_is_section_key_value(bank):
    result = report(bank, "daily", "--format", "csv")
    assert result.exit_code == 0, result.output
    lines = result.stdout.lstrip("\ufeff").splitlines()
    assert lines[0] == "section,key,value"
    assert "complaints,open,3" in lines


def test_out_writes_a_private_file_and_prints_nothing(bank, tmp_path: Path):
    target = tmp_path / "reports" / "daily.json"
    result = report(bank, "daily", "--format", "json", "--out", str(target))
    assert result.exit_code == 0, result.output
    assert result.stdout == "" and result.stderr == ""
    assert json.loads(target.read_text(encoding="utf-8"))["report"] == "daily"
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert [p.name for p in target.parent.iterdir()] == ["daily.json"], "no temporary file left"


def test_a_failed_run_leaves_the_previous_report_in_place(bank, tmp_path: Path, monkeypatch):
    target = tmp_path / "daily.md"
    target.write_text("yesterday's report", encoding="utf-8")

    def broken(*args, **kwargs):
        raise OSError(28, "No space left on device", str(target))

    monkeypatch.setattr("os.replace", broken)
    result = report(bank, "daily", "--out", str(target))
    assert result.exit_code == 2
    assert "No space left on device" in result.stderr
    assert target.read_text(encoding="utf-8") == "yesterday's report"
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".daily")] == []


def test_a_second_run_of_the_same_report_is_refused_while_the_first_runs(bank):
    url = resolve_url(str(bank.db))
    with run_lock("report-daily", url):
        result = report(bank, "daily")
        other = report(bank, "weekly")
    assert result.exit_code == 1
    assert "已在此数据库上运行" in result.stderr
    assert result.stderr.count("\n") == 1
    assert other.exit_code == 0, other.output
    assert report(bank, "daily").exit_code == 0, "the lock goes with the run that held it"


class Page(HTMLParser):
    """What a self-contained report page must and must not have."""

    def __init__(self) -> None:
        super().__init__()
        self.section_ids: list[str] = []
        self.tags: Counter[str] = Counter()
        self.links: list[str] = []
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags[tag] += 1
        values = dict(attrs)
        if tag == "section" and "id" in values:
            self.section_ids.append(values["id"])
        for name in ("src", "href", "xlink:href", "action"):
            if values.get(name):
                self.links.append(values[name])

    def handle_data(self, data):
        self.text.append(data)


@pytest.mark.parametrize(
    ("kind", "sections"),
    [
        (
            "daily",
            [
                "summary",
                "followups",
                "complaints",
                "contacts",
                "maturities",
                "customers",
                "churn",
                "campaigns",
            ],
        ),
        (
            "weekly",
            [
                "summary",
                "week",
                "league",
                "followups",
                "maturities",
                "segments",
                "churn",
                "campaigns",
            ],
        ),
        ("complaints", ["summary", "categories", "channels", "breached", "overdue"]),
        ("portfolio", ["summary", "segments", "rms", "mix"]),
    ],
)
def test_html_report_is_self_contained_with_its_sections(bank, kind, sections):
    result = report(bank, kind, "--format", "html")
    assert result.exit_code == 0, result.output
    page = Page()
    page.feed(result.stdout)
    assert page.section_ids == sections
    assert page.tags["style"] == 1
    assert page.tags["script"] == page.tags["link"] == page.tags["img"] == 0
    assert page.links == []
    assert "http://" not in result.stdout and "https://" not in result.stdout
    assert "@page" in result.stdout and "A4" in result.stdout
    if kind in ("daily", "weekly", "portfolio"):
        assert page.tags["svg"] >= 1


def test_html_reports_chart_maturities_by_week_and_tiers(bank):
    daily = report(bank, "daily", "--format", "html").stdout
    assert daily.count("<svg") == 1 and "按周到期金额" in daily
    assert "王芳" in daily and "C3" in daily, "the churn list"
    weekly = report(bank, "weekly", "--format", "html").stdout
    assert weekly.count("<svg") == 2
    assert "客户等级分布" in weekly and "按周到期金额" in weekly


def test_bad_date_is_one_line_on_stderr_and_exit_2(bank):
    result = bank("report", "daily", "--date", "2026-13-01")
    assert result.exit_code == 2
    assert result.stderr.startswith("crm: error:") and result.stderr.count("\n") == 1


def _cron_env(tmp_path: Path, db: str) -> dict[str, str]:
    home = tmp_path / "cron-home"
    home.mkdir(exist_ok=True)
    return {
        "PATH": "/usr/bin:/bin",
        "HOME": str(home),
        "CRM_DB": db,
        "CRM_CONFIG": str(home / "crm.toml"),
    }


def test_cron_run_with_a_bare_environment_and_no_terminal(bank, tmp_path: Path):
    env = _cron_env(tmp_path, str(bank.db))
    target = tmp_path / "out" / "daily.html"
    done = subprocess.run(
        ["env", "-i", *(f"{k}={v}" for k, v in env.items()), str(CRM_BIN), "report", "daily"]
        + ["--date", D.isoformat(), "--format", "html", "--out", str(target)],
        stdin=subprocess.DEVNULL,
        capture_output=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout == b"" and done.stderr == b""
    assert target.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    markdown = subprocess.run(
        ["env", "-i", *(f"{k}={v}" for k, v in env.items()), str(CRM_BIN), "report", "weekly"]
        + ["--date", D.isoformat()],
        stdin=subprocess.DEVNULL,
        capture_output=True,
        timeout=120,
    )
    assert markdown.returncode == 0, markdown.stderr
    assert b"\x1b" not in markdown.stdout
    assert "周报".encode() in markdown.stdout


def test_cron_run_that_fails_says_why_on_stderr(tmp_path: Path):
    env = _cron_env(tmp_path, str(tmp_path / "missing-folder" / "file.sqlite3"))
    done = subprocess.run(
        ["env", "-i", *(f"{k}={v}" for k, v in env.items()), str(CRM_BIN), "report", "daily"]
        + ["--date", "yesterday"],
        stdin=subprocess.DEVNULL,
        capture_output=True,
        timeout=120,
    )
    assert done.returncode == 2
    assert done.stdout == b""
    assert done.stderr.startswith(b"crm: error: --date 'yesterday'")
    assert b"\x1b" not in done.stderr


def test_cron_example_is_a_commented_crontab_with_the_environment(crm):
    result = crm("cron", "example")
    assert result.exit_code == 0, result.output
    text = result.stdout
    assert "CRM_DB=" in text and "CRM_TIMEZONE=Asia/Shanghai" in text and "PATH=" in text
    jobs = [line for line in text.splitlines() if line[:1].isdigit()]
    commands = "\n".join(jobs)
    for needed in ("import customers", "import holdings", "report daily", "report weekly"):
        assert needed in commands
    for line in jobs:
        assert len(line.split()) > 5, "five time fields, then the command"
        assert "%" not in line.replace("\\%", ""), "an unescaped % ends a cron command"


def test_email_sends_the_report_as_text_and_html_and_prints_nothing(bank, smtp_server):
    result = report(bank, "daily", "--email", "boss@bank.example, rm1@bank.example")
    assert result.exit_code == 0, result.output
    assert result.stdout == ""
    [msg] = smtp_server.parsed()
    assert sorted(smtp_server.messages[0].rcpt_tos) == ["boss@bank.example", "rm1@bank.example"]
    assert D.isoformat() in msg["Subject"]
    text = msg.get_body(("plain",)).get_content()
    html = msg.get_body(("html",)).get_content()
    assert text.startswith("# ") and "## 投诉\r\n" in text
    assert "<svg" in html or "<table" in html


def test_email_attaches_json_and_still_writes_out(bank, smtp_server, tmp_path: Path):
    target = tmp_path / "daily.json"
    result = report(
        bank, "daily", "--format", "json", "--out", str(target), "--email", "boss@bank.example"
    )
    assert result.exit_code == 0, result.output
    [msg] = smtp_server.parsed()
    [attachment] = list(msg.iter_attachments())
    assert attachment.get_filename() == f"daily-{D.isoformat()}.json"
    assert json.loads(attachment.get_content()) == json.loads(target.read_text(encoding="utf-8"))


@pytest.mark.parametrize(
    ("language", "line"),
    [
        ("zh", "crm: error: --email：'not-an-address' 不是电子邮件地址\n"),
        ("en", "crm: error: --email: 'not-an-address' is not an e-mail address\n"),
    ],
)
def test_email_to_a_bad_address_is_a_usage_error(bank, smtp_server, monkeypatch, language, line):
    monkeypatch.setenv("CRM_UI_LANGUAGE", language)
    result = report(bank, "daily", "--email", "not-an-address")
    assert result.exit_code == 2
    assert result.stderr == line
    assert smtp_server.messages == []


@pytest.mark.parametrize(
    ("language", "line"),
    [
        ("zh", "crm: error: mail.from (CRM_MAIL_FROM)：'示例银行' 不是电子邮件地址\n"),
        ("en", "crm: error: mail.from (CRM_MAIL_FROM): '示例银行' is not an e-mail address\n"),
    ],
)
def test_a_bad_sender_address_is_a_usage_error(bank, smtp_server, monkeypatch, language, line):
    monkeypatch.setenv("CRM_MAIL_FROM", "示例银行")
    monkeypatch.setenv("CRM_UI_LANGUAGE", language)
    result = report(bank, "daily", "--email", "boss@bank.example")
    assert result.exit_code == 2
    assert result.stderr == line
    assert smtp_server.messages == []
