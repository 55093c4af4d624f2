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


def test_every_folder_made_for_an_output_is_private_and_existing_ones_keep_their_mode(
    crm, tmp_path: Path, monkeypatch
):
    monkeypatch.chdir(tmp_path)
    kept = tmp_path / "shared"
    kept.mkdir(mode=0o755)
    kept.chmod(0o755)
    source = write(tmp_path / "c.csv", "customer_id,name,phone\nC1,张伟,12345\nC2,李娜,\n")
    rejects = kept / "n1" / "n2" / "r.csv"
    assert crm.json("import", "customers", str(source), "--rejects", str(rejects))["rejected"] == 1
    report = kept / "r1" / "r2" / "daily.md"
    assert crm("report", "daily", "--date", "2026-12-01", "--out", str(report)).exit_code == 0
    merged = kept / "a" / "b" / "c"
    result = crm(
        "mailmerge", "birthday-greeting", "--customers", "C2", "--out", str(merged),
        "--date", "2026-12-01",
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    made = [rejects.parent, rejects.parent.parent, report.parent, report.parent.parent]
    made += [merged, merged.parent, merged.parent.parent]
    assert {str(p): mode(p) for p in made} == {str(p): 0o700 for p in made}
    assert mode(kept) == 0o755


@pytest.mark.sqlite_only("backups and store files are SQLite's")
def test_backup_and_store_folders_are_private_at_every_level(tmp_path: Path, monkeypatch):
    from conftest import Crm

    store = tmp_path / "s1" / "s2" / "crm.sqlite3"
    monkeypatch.setenv("CRM_DB", str(store))
    crm = Crm(store)
    assert crm("db", "upgrade").exit_code == 0
    backup = tmp_path / "b1" / "b2" / "copy.sqlite3"
    assert crm("backup", str(backup)).exit_code == 0
    for folder in (store.parent, store.parent.parent, backup.parent, backup.parent.parent):
        assert mode(folder) == 0o700, folder


@pytest.mark.parametrize("which", ["file", "--map"])
def test_a_fifo_as_an_import_or_map_file_is_refused_at_once(crm, tmp_path: Path, which):
    import os
    import subprocess
    import sys

    assert crm("db", "upgrade").exit_code == 0
    fifo = tmp_path / "pipe.csv"
    os.mkfifo(fifo)
    source = write(tmp_path / "c.csv", "customer_id,name\nC1,张伟\n")
    args = [str(fifo)] if which == "file" else [str(source), "--map", str(fifo)]
    command = [sys.executable, "-m", "bankcrm_cli", "--db", str(crm.db), "import", "customers"]
    # Read forever, this would hang; a refusal is at once.
    done = subprocess.run([*command, *args], capture_output=True, text=True, timeout=60)
    assert done.returncode == 2, done.stderr
    assert done.stderr.count("\n") == 1 and "FIFO" in done.stderr
    assert fifo.is_fifo()
