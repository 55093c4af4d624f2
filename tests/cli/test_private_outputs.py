"""Files crm writes hold customer data: they are created 0600, and folders it makes 0700.

Elsewhere: the store (tests/store/test_store.py), mail-merge output
(tests/cli/test_mailmerge_cli.py), letters and faxes (tests/render), backups
(tests/cli/test_backup_cli.py).
"""

from __future__ import annotations

import stat
from pathlib import Path

import pytest
from conftest import write


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_rejects_file_and_a_folder_made_for_it_are_private(crm, tmp_path: Path):
    source = write(tmp_path / "c.csv", "customer_id,name,phone\nC1,张伟,12345\n")
    target = tmp_path / "new" / "rejects" / "c.rejects.csv"
    summary = crm.json("import", "customers", str(source), "--rejects", str(target))
    assert summary["rejected"] == 1
    assert mode(target) == 0o600
    assert mode(target.parent) == 0o700


def test_report_written_with_out_and_its_new_folder_are_private(crm, tmp_path: Path):
    target = tmp_path / "reports" / "daily.md"
    assert crm("db", "upgrade").exit_code == 0
    result = crm("report", "daily", "--date", "2026-12-01", "--out", str(target))
    assert result.exit_code == 0, result.output
    assert mode(target) == 0o600
    assert mode(target.parent) == 0o700


@pytest.mark.sqlite_only("crm backup copies SQLite stores")
def test_backup_and_a_folder_made_for_it_are_private(crm, tmp_path: Path):
    assert crm("db", "upgrade").exit_code == 0
    target = tmp_path / "backups" / "crm.sqlite3"
    assert crm("backup", str(target)).exit_code == 0
    assert mode(target) == 0o600
    assert mode(target.parent) == 0o700
