"""The per-file row cleaner: the column plan worked out once, the same rules on every row."""

from __future__ import annotations

import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from bankcrm_cli.domain.errors import RowRejected
from bankcrm_cli.domain.records import ABSENT, RECORD_FIELDS, batch_cleaner
from tests.domain.one_row import row_cleaner

# These read the English words of reject reasons and file errors.
pytestmark = pytest.mark.usefixtures("english")

TODAY = date(2026, 11, 29)
ROOT = Path(__file__).resolve().parents[2]


def rejected_rows(path: Path, kind: str) -> list[str]:
    from bankcrm_cli.io.readers import open_table

    reasons = []
    with open_table(path, kind) as table:
        clean = row_cleaner(kind, table.columns.fields, TODAY)
        for row in table.rows:
            try:
                clean(row.values)
            except RowRejected as exc:
                reasons.append(f"line {row.line}: {exc}")
    return reasons


@pytest.mark.parametrize("kind", ["customers", "holdings", "rms"])
def test_every_row_of_the_sample_bank_is_accepted(kind):
    assert rejected_rows(ROOT / "sample_data" / f"{kind}.csv", kind) == []


def test_every_generated_row_is_accepted(tmp_path: Path):
    subprocess.run(
        [
            sys.executable,
            str(ROOT / "benchmarks" / "generate.py"),
            *("--customers", "300", "--holdings", "600", "--out", str(tmp_path)),
            *("--sample", "--today", "2026-11-29"),
        ],
        check=True,
    )
    assert rejected_rows(tmp_path / "customers.csv", "customers") == []


def test_missing_required_column_rejects_every_row():
    clean = row_cleaner("customers", ["customer_id", "phone"], TODAY)
    with pytest.raises(RowRejected, match="name: missing"):
        clean(["1", "13800138000"])


def test_unused_columns_are_ignored():
    clean = row_cleaner("customers", ["customer_id", None, "name"], TODAY)
    assert clean(["1", "whatever", "张伟"]) == {"customer_id": "1", "name": "张伟"}


def test_first_invalid_field_in_file_order_is_the_reason():
    clean = row_cleaner("customers", ["customer_id", "name", "phone", "email"], TODAY)
    with pytest.raises(RowRejected, match="^phone:"):
        clean(["1", "张伟", "123", "bad@"])


def test_batch_cleaner_gives_records_of_valid_rows_and_the_reason_of_each_refused_one():
    clean = batch_cleaner("customers", ["customer_id", "name", "phone", "aum"], TODAY)
    records, refused = clean(
        [
            ["1", "张伟", "13800138000", "1,234.50"],
            ["2", "李娜", "123", ""],
            ["3", "王芳", "", "-5"],
        ]
    )
    assert refused == [
        (1, "phone: not a mainland mobile number: '123'"),
        (2, "aum: must not be negative: -5.00"),
    ]
    [record] = records
    stored = dict(zip(RECORD_FIELDS["customers"], record, strict=True))
    assert stored["customer_id"] == "1"
    assert stored["aum_cents"] == 123450
    assert stored["email"] is ABSENT


def test_missing_required_value_outranks_an_invalid_field_before_it():
    clean = batch_cleaner("customers", ["customer_id", "phone", "name"], TODAY)
    _, refused = clean([["1", "123", ""]])
    assert refused == [(0, "name: missing")]


def test_records_hold_dates_as_iso_text_and_yes_no_as_one_or_zero():
    clean = batch_cleaner(
        "holdings", ["account_id", "customer_id", "open_date", "auto_rollover"], TODAY
    )
    [record], _ = clean([["A1", "1", "2025/3/7", "是"]])
    stored = dict(zip(RECORD_FIELDS["holdings"], record, strict=True))
    assert (stored["open_date"], stored["auto_rollover"]) == ("2025-03-07", 1)
