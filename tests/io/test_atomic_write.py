"""Output files appear whole or not at all, readable by their owner only."""

from __future__ import annotations

import stat
from pathlib import Path

import pytest

from bankcrm_cli.domain.errors import UsageError
from bankcrm_cli.io.atomic import write_atomically


def test_writes_a_private_file_in_a_new_folder(tmp_path: Path):
    target = write_atomically(tmp_path / "a" / "b" / "r.html", b"<p>ok</p>")
    assert target.read_bytes() == b"<p>ok</p>"
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert list(target.parent.iterdir()) == [target]


def test_replaces_the_old_file_whole(tmp_path: Path):
    target = tmp_path / "r.md"
    target.write_text("old", encoding="utf-8")
    write_atomically(target, "新".encode())
    assert target.read_text(encoding="utf-8") == "新"


def test_a_failure_keeps_the_old_file_and_leaves_no_temporary(tmp_path: Path, monkeypatch):
    (tmp_path / "out").mkdir()
    target = tmp_path / "out" / "r.md"
    target.write_text("old", encoding="utf-8")

    def fail(*args):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("os.replace", fail)
    with pytest.raises(OSError):
        write_atomically(target, b"new")
    assert target.read_text(encoding="utf-8") == "old"
    assert [p.name for p in target.parent.iterdir()] == ["r.md"]


def test_a_folder_is_not_a_file_name(tmp_path: Path, english):
    with pytest.raises(UsageError, match="is a folder"):
        write_atomically(tmp_path, b"x")
