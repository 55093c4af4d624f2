"""The synthetic-bank generator (benchmarks/generate.py) and the sample bank it wrote."""

from __future__ import annotations

import csv
import importlib.util
import re
import subprocess
import sys
from collections import Counter
from datetime import date, timedelta
from pathlib import Path
from types import ModuleType

import pytest

from bankcrm_cli.domain import fields
from bankcrm_cli.domain.identity import check_digit

ROOT = Path(__file__).resolve().parents[1]
SCRIPT = ROOT / "benchmarks" / "generate.py"
SAMPLE = ROOT / "sample_data"
TODAY = date(2026, 11, 29)
TERM_TYPES = {"time_deposit", "installment_savings", "large_cd", "wealth"}
# The command sample_data/README.md documents.
SMALL_BANK = "--customers 300 --holdings 700 --rms 5 --today 2026-11-29"
SAMPLE_COMMAND = (
    "--customers 400 --holdings 900 --rms 6 --seed 2026 --chinese-headers --sample "
    "--today 2026-11-29"
)


@pytest.fixture(scope="module")
def gen() -> ModuleType:
    spec = importlib.util.spec_from_file_location("bankcrm_generate", SCRIPT)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up
    spec.loader.exec_module(module)
    return module


def run_generator(out: Path, command: str) -> subprocess.CompletedProcess[str]:
    """Run the generator's CLI with `command` (options separated by spaces) into `out`."""
    return subprocess.run(
        [sys.executable, str(SCRIPT), "--out", str(out), *command.split()],
        capture_output=True,
        text=True,
        check=True,
        cwd=ROOT,
    )


def read(path: Path) -> tuple[list[str], list[dict[str, str]]]:
    with open(path, encoding="utf-8-sig", newline="") as f:
        reader = csv.reader(f)
        header = next(reader)
        return header, [dict(zip(header, row, strict=True)) for row in reader]


def read_canonical(path: Path, kind: str) -> list[dict[str, str]]:
    """Rows keyed by canonical field names, whichever headers the file has."""
    header, rows = read(path)
    aliases = fields.ALIASES_BY_KIND[kind]
    names = {alias: name for name, found in aliases.items() for alias in found}
    names.update({name: name for name in fields.FIELDS_BY_KIND[kind]})
    return [{names[h]: row[h] for h in header} for row in rows]


def parse_date(text: str) -> date:
    m = (
        re.fullmatch(r"(\d{4})[-/](\d{1,2})[-/](\d{1,2})", text)
        or re.fullmatch(r"(\d{4})(\d{2})(\d{2})", text)
        or re.fullmatch(r"(\d{4})年(\d{1,2})月(\d{1,2})日", text)
    )
    assert m, f"not a date: {text!r}"
    return date(*map(int, m.groups()))


def id_birth_and_gender(id_number: str) -> tuple[date, str]:
    """Birth date and gender an ID number carries, asserting the ID is valid."""
    if len(id_number) == 15:
        assert id_number.isdigit(), id_number
        birth = date(1900 + int(id_number[6:8]), int(id_number[8:10]), int(id_number[10:12]))
        return birth, "M" if int(id_number[-1]) % 2 else "F"
    assert len(id_number) == 18 and id_number[:17].isdigit(), id_number
    assert id_number[17].upper() == check_digit(id_number[:17]), id_number
    birth = date(int(id_number[6:10]), int(id_number[10:12]), int(id_number[12:14]))
    return birth, "M" if int(id_number[16]) % 2 else "F"


GENDERS = {"M": "M", "F": "F", "男": "M", "女": "F"}


@pytest.fixture(scope="module")
def bank(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("bank")
    result = run_generator(out, f"{SMALL_BANK} --seed 7")
    assert result.stdout == ""
    assert result.stderr.count("\n") == 1 and "300 customers" in result.stderr
    return out


def test_writes_the_requested_rows_under_canonical_headers(bank: Path) -> None:
    for name, kind, count in (("customers", "customers", 300), ("holdings", "holdings", 700)):
        header, rows = read(bank / f"{name}.csv")
        assert header == list(fields.FIELDS_BY_KIND[kind])
        assert len(rows) == count
    header, rms = read(bank / "rms.csv")
    assert header == list(fields.RM_FIELDS)
    assert [rm["rm_code"] for rm in rms] == ["RM001", "RM002", "RM003", "RM004", "RM005"]
    assert all(rm["email"].endswith("@bank.example") for rm in rms)
    assert not (bank / "customers.csv").read_bytes().startswith(b"\xef\xbb\xbf")


def test_keys_are_unique_text_with_leading_zeros(bank: Path) -> None:
    _, customers = read(bank / "customers.csv")
    _, holdings = read(bank / "holdings.csv")
    customer_ids = [c["customer_id"] for c in customers]
    assert len(set(customer_ids)) == len(customer_ids)
    assert all(c.startswith("0") for c in customer_ids)
    account_ids = [h["account_id"] for h in holdings]
    assert len(set(account_ids)) == len(account_ids)
    assert all(re.fullmatch(r"62(22|17)\d{15}", a) for a in account_ids)
    id_numbers = [c["id_number"] for c in customers]
    assert len(set(id_numbers)) == len(id_numbers)


def test_every_id_number_is_valid_and_agrees_with_birth_date_and_gender(bank: Path) -> None:
    _, customers = read(bank / "customers.csv")
    blanks = Counter()
    for c in customers:
        birth, gender = id_birth_and_gender(c["id_number"])
        assert date(1940, 1, 1) <= birth <= date(2005, 12, 31)
        if c["birth_date"]:
            assert parse_date(c["birth_date"]) == birth
        else:
            blanks["birth_date"] += 1
        if c["gender"]:
            assert GENDERS[c["gender"]] == gender
        else:
            blanks["gender"] += 1
    assert blanks["birth_date"] and blanks["gender"]  # some left for the importer to derive


def test_customers_have_valid_contacts_and_known_rms(bank: Path) -> None:
    _, customers = read(bank / "customers.csv")
    _, rms = read(bank / "rms.csv")
    branches = {rm["rm_code"]: rm["branch"] for rm in rms}
    for c in customers:
        assert c["name"] and c["name"][0] not in "0123456789"
        assert c["phone"] == "" or re.fullmatch(r"1[3-9]\d{9}", c["phone"])
        assert c["email"] == "" or re.fullmatch(r"[a-z0-9._]+@[a-z0-9-]+(\.[a-z]+)+", c["email"])
        assert c["fax"] == "" or re.fullmatch(r"0\d{2,3}-\d{8}", c["fax"])
        assert re.fullmatch(r"\d{6}", c["postal_code"])
        assert branches[c["rm_code"]] == c["branch"]
        assert re.fullmatch(r"\d+\.\d\d", c["aum"])
        consents = [c[f"consent_{channel}"] for channel in fields.CONSENT_CHANNELS]
        assert set(consents) <= {"", "Y", "N"}


def test_holdings_belong_to_generated_customers(bank: Path) -> None:
    _, customers = read(bank / "customers.csv")
    _, holdings = read(bank / "holdings.csv")
    known = {c["customer_id"] for c in customers}
    assert {h["customer_id"] for h in holdings} <= known


def test_open_dates_are_past_and_maturities_follow_them(bank: Path) -> None:
    _, holdings = read(bank / "holdings.csv")
    types = Counter(h["product_type"] for h in holdings)
    assert set(types) <= {"time_deposit", "installment_savings", "large_cd", "wealth"} | {
        "fund",
        "insurance",
        "loan",
        "current",
    }
    for h in holdings:
        opened = date.fromisoformat(h["open_date"])
        assert opened < TODAY
        if h["product_type"] in TERM_TYPES:
            assert date.fromisoformat(h["maturity_date"]) > opened
            assert h["auto_rollover"] in {"Y", "N"}
        elif h["product_type"] in {"current", "fund"}:
            assert h["maturity_date"] == ""
        elif h["maturity_date"]:
            assert date.fromisoformat(h["maturity_date"]) > opened
        assert re.fullmatch(r"\d+\.\d\d", h["amount"])
        assert h["currency"] in {"CNY", "USD", "HKD"}


def test_same_seed_writes_identical_files_and_another_seed_does_not(
    bank: Path, tmp_path: Path
) -> None:
    run_generator(tmp_path / "same", f"{SMALL_BANK} --seed 7")
    run_generator(tmp_path / "other", f"{SMALL_BANK} --seed 8")
    for name in ("customers.csv", "holdings.csv", "rms.csv"):
        assert (tmp_path / "same" / name).read_bytes() == (bank / name).read_bytes()
        assert (tmp_path / "other" / name).read_bytes() != (bank / name).read_bytes()


def test_parallel_and_serial_generation_agree(gen: ModuleType, tmp_path: Path) -> None:
    kwargs = {"customers": 20_000, "holdings": 50_000, "rms": 20, "seed": 3, "today": TODAY}
    gen.generate_bank(tmp_path / "p", **kwargs, parallel=True)
    gen.generate_bank(tmp_path / "s", **kwargs, parallel=False)
    for name in ("customers.csv", "holdings.csv"):
        assert (tmp_path / "p" / name).read_bytes() == (tmp_path / "s" / name).read_bytes()


def test_holding_count_is_exact_with_fewer_holdings_than_customers(gen: ModuleType) -> None:
    rows = list(gen.holding_rows(150, 400, seed=5, today=TODAY))
    assert len(rows) == 150
    assert len({row[0] for row in rows}) == 150


def test_aum_covers_every_tier_as_a_pyramid(gen: ModuleType) -> None:
    aums = [float(row[13]) for row in gen.customer_rows(5000, seed=2, today=TODAY)]
    tiers = Counter(sum(aum >= t for t in (50_000, 500_000, 1_000_000, 6_000_000)) for aum in aums)
    assert set(tiers) == {0, 1, 2, 3, 4}
    assert tiers[0] > tiers[1] > tiers[2] > tiers[4]
    assert tiers[3] > tiers[4]


def test_names_include_compound_surnames_and_minority_names(gen: ModuleType) -> None:
    names = [row[1] for row in gen.customer_rows(5000, seed=2, today=TODAY)]
    assert any(name.startswith(("欧阳", "司马", "上官", "诸葛", "慕容")) for name in names)
    assert any("·" in name for name in names)
    assert Counter(name[0] for name in names).most_common(2)[0][0] in {"王", "李"}


def test_term_maturities_fall_on_every_week_of_the_next_three_years(gen: ModuleType) -> None:
    maturities = Counter()
    for row in gen.holding_rows(3000, 1300, seed=4, today=TODAY):
        if row[2] in TERM_TYPES:
            maturities[(date.fromisoformat(row[7]) - TODAY).days // 7] += 1
    assert all(maturities[week] for week in range(3 * 52))
    assert any(week < 0 for week in maturities)  # some matured recently


def test_chinese_headers_come_with_a_bom_and_chinese_values(tmp_path: Path) -> None:
    run_generator(
        tmp_path, "--customers 200 --holdings 400 --rms 3 --today 2026-11-29 --chinese-headers"
    )
    for name, kind in (("customers", "customers"), ("holdings", "holdings"), ("rms", "rms")):
        data = (tmp_path / f"{name}.csv").read_bytes()
        assert data.startswith(b"\xef\xbb\xbf")
        header, _ = read(tmp_path / f"{name}.csv")
        aliases = fields.ALIASES_BY_KIND[kind]
        assert header == [aliases[f][0] for f in fields.FIELDS_BY_KIND[kind]]
    holdings = read_canonical(tmp_path / "holdings.csv", "holdings")
    assert {h["product_type"] for h in holdings} <= {
        "定期存款",
        "零存整取",
        "大额存单",
        "理财",
        "基金",
        "保险",
        "贷款",
        "活期",
    }
    assert {h["currency"] for h in holdings} <= {"人民币", "美元", "港币"}
    customers = read_canonical(tmp_path / "customers.csv", "customers")
    assert {c["gender"] for c in customers} <= {"男", "女", ""}
    assert {c["lunar_birthday"] for c in customers} <= {"是", "否", ""}


def test_cli_refuses_holdings_without_customers(tmp_path: Path) -> None:
    with pytest.raises(subprocess.CalledProcessError) as refused:
        run_generator(tmp_path, "--customers 0 --holdings 5")
    assert "at least one customer" in refused.value.stderr


# ---------------------------------------------------------------------------------------------
# sample_data/
# ---------------------------------------------------------------------------------------------


def test_sample_files_have_chinese_headers_and_a_bom() -> None:
    for kind in ("customers", "holdings", "rms"):
        path = SAMPLE / f"{kind}.csv"
        assert path.read_bytes().startswith(b"\xef\xbb\xbf")
        header, _ = read(path)
        aliases = fields.ALIASES_BY_KIND[kind]
        assert header == [aliases[f][0] for f in fields.FIELDS_BY_KIND[kind]]


def test_every_sample_id_number_is_valid() -> None:
    customers = read_canonical(SAMPLE / "customers.csv", "customers")
    assert len(customers) == 400
    for c in customers:
        birth, gender = id_birth_and_gender(c["id_number"])
        if c["birth_date"]:
            assert parse_date(c["birth_date"]) == birth
        if c["gender"]:
            assert GENDERS[c["gender"]] == gender


def test_sample_exercises_the_import_rules() -> None:
    customers = read_canonical(SAMPLE / "customers.csv", "customers")
    births = [id_birth_and_gender(c["id_number"])[0] for c in customers]
    assert sum((b.month, b.day) == (2, 29) for b in births) >= 3
    assert sum(len(c["id_number"]) == 15 for c in customers) >= 3
    assert any(c["id_number"].endswith("X") for c in customers)
    assert sum(c["lunar_birthday"] == "是" for c in customers) >= 5
    consents = [[c[f"consent_{ch}"] for ch in fields.CONSENT_CHANNELS] for c in customers]
    assert sum("否" in given for given in consents) >= 10
    assert any(not c["gender"] for c in customers) and any(not c["birth_date"] for c in customers)
    forms = {c["birth_date"] for c in customers}
    assert any("年" in f for f in forms) and any("/" in f for f in forms)
    assert any(re.fullmatch(r"\d{8}", f) for f in forms) and any("-" in f for f in forms)
    assert any(c["aum"].startswith("¥") and "," in c["aum"] for c in customers)
    holdings = read_canonical(SAMPLE / "holdings.csv", "holdings")
    assert any(h["currency"] == "" for h in holdings)
    assert {h["customer_id"] for h in holdings} <= {c["customer_id"] for c in customers}


def test_sample_shows_birthdays_and_maturities_in_every_week() -> None:
    customers = read_canonical(SAMPLE / "customers.csv", "customers")
    holdings = read_canonical(SAMPLE / "holdings.csv", "holdings")
    start = date(2026, 12, 1)
    maturities = Counter(parse_date(h["maturity_date"]) for h in holdings if h["maturity_date"])
    for offset in range(3 * 365):
        week = [start + timedelta(days=offset + i) for i in range(7)]
        assert sum(maturities[d] for d in week) >= 1, week[0]
    assert any(d.year == 2026 for d in maturities)
    birthdays = Counter(
        (b.month, b.day) for b in (id_birth_and_gender(c["id_number"])[0] for c in customers)
    )
    year = [date(2027, 1, 1) + timedelta(days=i) for i in range(365 + 6)]
    for first in range(365):
        assert sum(birthdays[(d.month, d.day)] for d in year[first : first + 7]) >= 1


def test_sample_is_what_the_documented_command_writes(tmp_path: Path) -> None:
    run_generator(tmp_path, SAMPLE_COMMAND)
    for name in ("customers.csv", "holdings.csv", "rms.csv"):
        assert (tmp_path / name).read_bytes() == (SAMPLE / name).read_bytes(), name
    assert SAMPLE_COMMAND in (SAMPLE / "README.md").read_text(encoding="utf-8")
