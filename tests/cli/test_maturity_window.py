"""A maturity reminder lists only the maturities within the maturity follow-up's window
("即将到期"), whether its recipients come from --customers or --followups, on every medium."""

from __future__ import annotations

import json
from email import message_from_bytes, policy
from pathlib import Path

import pytest
from conftest import write
from test_mailmerge_cli import DAY, bank  # noqa: F401 - the fixture is used

FAR = (
    "account_id,customer_id,product_type,product_name,amount,currency,maturity_date,auto_rollover\n"
    "A2001,C001,time_deposit,整存整取两年,30000,CNY,2028-06-01,否\n"
    "A2002,C001,wealth,稳盈180天,40000,CNY,2027-01-20,否\n"
)


@pytest.fixture
def far(crm, bank):  # noqa: F811
    assert crm("import", "holdings", str(write(bank / "far.csv", FAR))).exit_code == 0
    return bank


def _text(out: Path, channel: str, customer: str) -> str:
    if channel == "email":
        message = message_from_bytes((out / f"{customer}.eml").read_bytes(), policy=policy.default)
        return message.get_body(("plain",)).get_content()
    from pypdf import PdfReader

    return "".join(page.extract_text() for page in PdfReader(out / f"{customer}.pdf").pages)


@pytest.mark.parametrize("channel", ["letter", "email"])
@pytest.mark.parametrize("source", [("--customers", "C001"), ("--followups", "maturity")])
def test_only_maturities_within_the_window_are_listed(crm, far, channel, source):
    out = far / f"out-{channel}-{source[0].strip('-')}"
    result = crm(
        "mailmerge",
        "maturity-reminder",
        "-c",
        channel,
        *source,
        "--date",
        DAY,
        "--out",
        str(out),
        "--format",
        "json",
    )
    assert result.exit_code == 0, result.output
    assert "C001" in [f.split(".")[0] for f in json.loads(result.stdout)["files"]]
    text = _text(out, channel, "C001")
    assert "大额存单2023第5期" in text  # matures 2026-12-04: 3 days after DAY, within 7
    assert "整存整取两年" not in text and "稳盈180天" not in text


def test_a_customer_with_only_far_maturities_is_told_none_is_near(crm, far):
    out = far / "out"
    result = crm(
        "mailmerge",
        "maturity-reminder",
        "-c",
        "email",
        "--customers",
        "C003",
        "--date",
        DAY,
        "--out",
        str(out),
    )
    assert result.exit_code == 0, result.output
    text = _text(out, "email", "C003")
    assert "稳盈90天" not in text and "没有近期到期的产品" in text


def test_a_product_types_own_lead_widens_the_window(crm, far, monkeypatch):
    monkeypatch.setenv("CRM_FOLLOWUPS_LEAD_DAYS_BY_PRODUCT_WEALTH", "60")
    out = far / "out"
    result = crm(
        "mailmerge",
        "maturity-reminder",
        "-c",
        "email",
        "--customers",
        "C001",
        "--date",
        DAY,
        "--out",
        str(out),
    )
    assert result.exit_code == 0, result.output
    text = _text(out, "email", "C001")
    assert "稳盈180天" in text and "整存整取两年" not in text
