"""The sample bank mails and rings nobody: every sample e-mail address is at a name reserved
for examples, every sample phone and fax number is one no subscriber can have, and so are the
bank's own default settings; checked in the files and in the store they load into."""

from __future__ import annotations

import csv
import re
from pathlib import Path

import pytest

SAMPLE = Path(__file__).resolve().parent.parent / "sample_data"
# RFC 2606 / RFC 6761: example.com, example.net, example.org, and the .example, .test and
# .invalid top-level names.
RESERVED_DOMAIN = re.compile(
    r"(?:[a-z0-9-]+\.)*(?:example\.(?:com|net|org)|[a-z0-9-]+\.(?:example|test|invalid)"
    r"|example|test|invalid)"
)
# MIIT has allocated segment 154 to no operator; the importer still takes it (1[3-9]…).
FICTIONAL_MOBILE = re.compile(r"154\d{8}")
# A local number never starts with 0 (the trunk prefix): area code, then 0…
FICTIONAL_LANDLINE = re.compile(r"0\d{2,3}-0\d{7}")


def reserved_address(address: str) -> bool:
    local, at, domain = address.rpartition("@")
    return bool(local and at) and RESERVED_DOMAIN.fullmatch(domain.lower()) is not None


def fictional_mobile(raw: str) -> bool:
    digits = re.sub(r"[\s-]", "", raw)
    digits = digits.removeprefix("+86")
    return FICTIONAL_MOBILE.fullmatch(digits) is not None


def _rows(name: str) -> list[dict[str, str]]:
    with open(SAMPLE / name, encoding="utf-8-sig", newline="") as f:
        return list(csv.DictReader(f))


def test_the_checks_themselves_tell_reserved_from_real():
    assert reserved_address("a@example.com") and reserved_address("b@qq.example")
    assert reserved_address("c@mail.test") and reserved_address("d@x.invalid")
    assert not reserved_address("e@qq.com") and not reserved_address("f@example-bank.cn")
    assert not reserved_address("g@example.com.cn")
    assert fictional_mobile("+86 154 0013 8000") and not fictional_mobile("13800138000")
    assert FICTIONAL_LANDLINE.fullmatch("010-00001234")
    assert not FICTIONAL_LANDLINE.fullmatch("010-66668888")


def test_every_sample_address_and_number_reaches_nobody():
    customers, rms = _rows("customers.csv"), _rows("rms.csv")
    emails = [r["电子邮箱"] for r in customers + rms if r["电子邮箱"]]
    phones = [r["手机号码"] for r in customers + rms if r["手机号码"]]
    faxes = [r["传真"] for r in customers if r["传真"]]
    assert len(emails) > 250 and len(phones) > 390 and faxes  # the checks see real numbers
    assert [e for e in emails if not reserved_address(e)] == []
    assert [p for p in phones if not fictional_mobile(p)] == []
    assert [f for f in faxes if not FICTIONAL_LANDLINE.fullmatch(f)] == []


def test_the_banks_default_settings_reach_nobody():
    from bankcrm_cli.settings import DEFAULTS

    phone = DEFAULTS["bank.phone"]
    assert FICTIONAL_LANDLINE.fullmatch(phone.replace(" ", "")) or fictional_mobile(phone)
    assert not DEFAULTS["bank.fax"] or FICTIONAL_LANDLINE.fullmatch(DEFAULTS["bank.fax"])
    for key, value in DEFAULTS.items():
        if isinstance(value, str) and "@" in value:
            assert reserved_address(value.split("<")[-1].rstrip(">")), key


@pytest.fixture
def loaded(crm):
    result = crm("sample", "load")
    assert result.exit_code == 0, result.output
    return crm


def test_what_the_sample_loads_into_the_store_reaches_nobody(loaded):
    customers = loaded.json("customers", "list", "--reveal", "--limit", "0")
    rms = loaded.json("rms", "list")
    assert len(customers) == 400
    emails = [c["email"] for c in customers + rms if c.get("email")]
    phones = [c["phone"] for c in customers + rms if c.get("phone")]
    assert emails and phones
    assert [e for e in emails if not reserved_address(e)] == []
    assert [p for p in phones if FICTIONAL_MOBILE.fullmatch(p) is None] == []
