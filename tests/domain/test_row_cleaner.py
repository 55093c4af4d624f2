"""The per-file row cleaner applies exactly the rules of the per-row cleaners."""

from __future__ import annotations

import csv
from datetime import date
from pathlib import Path

import pytest

from bankcrm_cli.domain.errors import RowRejected
from bankcrm_cli.domain.records import clean_customer, clean_holding, row_cleaner

TODAY = date(2026, 11, 29)
ROOT = Path(__file__).resolve().parents[2]

INVALID_CUSTOMERS = [
    {"customer_id": "1", "name": "张伟", "id_number": "110105198503071234"},
    {"customer_id": "1", "name": "张伟", "id_number": "11010519850307123X", "gender": "女"},
    {"customer_id": "1", "name": "", "phone": "13800138000"},
    {"customer_id": " ", "name": "张伟"},
    {"customer_id": "1", "name": "张伟", "phone": "12345", "email": "bad@"},
    {"customer_id": "1", "name": "张伟", "birth_date": "2099-01-01"},
    {"customer_id": "1", "name": "张伟", "aum": "-5"},
    {"customer_id": "1", "name": "张伟", "consent_sms": "maybe"},
]


def outcome(fn, *args):
    try:
        return ("ok", fn(*args))
    except RowRejected as exc:
        return ("rejected", str(exc))


def both_agree(raw: dict, kind: str) -> None:
    fields = list(raw)
    per_file = row_cleaner(kind, fields, TODAY)
    single = clean_customer if kind == "customers" else clean_holding
    assert outcome(per_file, list(raw.values())) == outcome(single, raw, TODAY)


@pytest.mark.parametrize("raw", INVALID_CUSTOMERS)
def test_row_cleaner_rejects_like_clean_customer(raw):
    both_agree(raw, "customers")


def test_row_cleaner_agrees_with_clean_customer_on_the_sample_bank():
    from bankcrm_cli.io.readers import open_table

    with open_table(ROOT / "sample_data" / "customers.csv", "customers") as table:
        fields = table.columns.fields
        for row in table.rows:
            raw = {name: row.values[i] for i, name in enumerate(fields) if name is not None}
            both_agree(raw, "customers")


def test_row_cleaner_agrees_with_clean_holding_on_the_sample_bank():
    from bankcrm_cli.io.readers import open_table

    with open_table(ROOT / "sample_data" / "holdings.csv", "holdings") as table:
        fields = table.columns.fields
        for row in table.rows:
            raw = {name: row.values[i] for i, name in enumerate(fields) if name is not None}
            both_agree(raw, "holdings")


def test_missing_required_column_rejects_every_row():
    clean = row_cleaner("customers", ["customer_id", "phone"], TODAY)
    with pytest.raises(RowRejected, match="name: missing"):
        clean(["1", "13800138000"])


def test_unused_columns_are_ignored():
    clean = row_cleaner("customers", ["customer_id", None, "name"], TODAY)
    assert clean(["1", "whatever", "张伟"]) == {"customer_id": "1", "name": "张伟"}


def test_generated_rows_agree(tmp_path: Path):
    import subprocess
    import sys

    subprocess.run(
        [
            sys.executable,
            str(ROOT / "benchmarks" / "generate.py"),
            "--customers",
            "300",
            "--holdings",
            "600",
            "--out",
            str(tmp_path),
            "--sample",
            "--today",
            "2026-11-29",
        ],
        check=True,
    )
    with open(tmp_path / "customers.csv", encoding="utf-8", newline="") as fh:
        for raw in csv.DictReader(fh):
            both_agree(raw, "customers")
