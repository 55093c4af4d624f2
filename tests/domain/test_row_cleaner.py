"""The per-file row cleaner: the column plan worked out once, the same rules on every row."""

from __future__ import annotations

import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from bankcrm_cli.domain.errors import RowRejected
from bankcrm_cli.domain.records import row_cleaner

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
