"""No mail-merge run overwrites another run's files: the default folder names the medium, an
--out holding anything else is refused, and a re-run of the same run writes into its own."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from conftest import write
from test_mailmerge_cli import bank  # noqa: F401 - the fixture is used

MERGE = ("maturity-reminder", "--customers", "C001,C002")


def _snapshot(folder: Path) -> dict[str, str]:
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def _merge(crm, *args: str) -> dict:
    result = crm("mailmerge", *args, "--format", "json")
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_letters_then_faxes_of_one_day_go_to_folders_of_their_own(crm, bank, monkeypatch):  # noqa: F811
    monkeypatch.setenv("CRM_MAILMERGE_FAX_GATEWAY", "{fax}@fax.example.com")
    letters = _merge(crm, *MERGE, "-c", "letter", "--date", "2026-12-01")
    kept = _snapshot(bank / letters["out"])
    faxes = _merge(crm, *MERGE, "-c", "fax", "--date", "2026-12-01")
    assert letters["out"] == "mailmerge/maturity-reminder-letter-2026-12-01"
    assert faxes["out"] == "mailmerge/maturity-reminder-fax-2026-12-01"
    assert _snapshot(bank / letters["out"]) == kept
    from pypdf import PdfReader

    batch = PdfReader(bank / letters["out"] / "print-batch.pdf")
    assert len(batch.pages) == letters["pages"]  # still the letters, not the faxes
    assert "C002.pdf" in faxes["files"] and (bank / faxes["out"] / "C002.pdf").is_file()


def test_an_out_folder_of_another_run_is_refused_and_left_as_it_was(crm, bank):  # noqa: F811
    out = bank / "shared"
    _merge(crm, *MERGE, "-c", "letter", "--out", str(out))
    before = _snapshot(out)
    for other in (
        ("-c", "fax"),  # another medium
        ("-c", "letter", "--run", "另一批"),  # another delivery run
        ("birthday-greeting", "-c", "letter", "--followups", "birthday", "--date", "2026-12-01"),
    ):
        args = other if other[0] == "birthday-greeting" else (*MERGE, *other)
        result = crm("mailmerge", *args, "--out", str(out))
        assert result.exit_code == 2, result.output
        assert len(result.stderr.strip().splitlines()) == 1
        assert "already holds files of another run" in result.stderr
        assert _snapshot(out) == before


def test_an_out_folder_with_files_of_your_own_is_refused(crm, bank):  # noqa: F811
    out = bank / "mine"
    out.mkdir()
    write(out / "notes.txt", "mine\n")
    write(out / "C001.pdf", "not a letter\n")
    before = _snapshot(out)
    result = crm("mailmerge", *MERGE, "-c", "letter", "--out", str(out))
    assert result.exit_code == 2 and "already holds other files" in result.stderr
    assert _snapshot(out) == before
    a_file = write(bank / "afile", "x")
    result = crm("mailmerge", *MERGE, "-c", "letter", "--out", str(a_file))
    assert result.exit_code == 2 and a_file.read_text() == "x"


def test_the_same_run_again_writes_into_its_own_folder(crm, bank):  # noqa: F811
    out = bank / "letters"
    preview = _merge(crm, *MERGE, "-c", "letter", "--out", str(out))
    sent = _merge(crm, *MERGE, "-c", "letter", "--out", str(out), "--send")
    assert preview["out"] == sent["out"] == str(out) and sent["sent"] == preview["rendered"]
    empty = bank / "empty"
    empty.mkdir()
    assert _merge(crm, *MERGE, "-c", "letter", "--out", str(empty))["out"] == str(empty)


def test_a_taken_default_folder_moves_on_to_a_numbered_one(crm, bank):  # noqa: F811
    first = _merge(crm, *MERGE, "-c", "letter", "--date", "2026-12-01")
    kept = _snapshot(bank / first["out"])
    second = _merge(crm, *MERGE, "-c", "letter", "--date", "2026-12-01", "--run", "复核")
    assert second["out"] == first["out"] + "-2"
    again = _merge(crm, *MERGE, "-c", "letter", "--date", "2026-12-01", "--run", "复核")
    assert again["out"] == second["out"]
    assert _snapshot(bank / first["out"]) == kept
