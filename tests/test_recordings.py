"""The everyday commands print exactly what they printed when they were recorded.

tests/recordings/commands.txt lists the README's everyday commands on the sample bank at a fixed
moment, in every format; tests/recordings/expected/ holds what each printed (exit code, stdout,
stderr). A change that alters any of it fails here, on both stores. After a change that means to
alter an output, record again with CRM_RECORD=1 and read the diff before committing it.
"""

from __future__ import annotations

import os
import re
import shlex
import sys
from pathlib import Path

import pytest

HERE = Path(__file__).parent / "recordings"
EXPECTED = HERE / "expected"
# Friday 2026-12-04, 09:30 in Shanghai: the sample bank has birthdays, maturities and a weekend.
MOMENT = "2026-12-04 01:30:00+00:00"
# Read before the fixtures clear every CRM_ variable from the environment.
RECORD = os.environ.get("CRM_RECORD") == "1"


def recorded_commands() -> list[tuple[str, int, list[str]]]:
    commands = []
    for line in (HERE / "commands.txt").read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        name, width, rest = line.split(maxsplit=2)
        commands.append((name, int(width), shlex.split(rest)))
    return commands


def shown(result, replacements: dict[str, str]) -> str:
    text = (
        f"exit: {result.exit_code}\n"
        f"--- stdout\n{result.stdout}"
        f"--- stderr\n{result.stderr}"
        f"--- files\n"
    )
    for old, new in replacements.items():
        text = text.replace(old, new)
    # Message-IDs and MIME boundaries are random by design.
    return re.sub(r"<[0-9a-f.]+@[^>]+>", "<message-id>", text)


@pytest.fixture
def frozen_clock():
    import time_machine

    with time_machine.travel(MOMENT, tick=False):
        yield


def test_everyday_commands_print_what_they_printed_when_recorded(
    crm, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, frozen_clock
) -> None:
    from bankcrm_cli.cli.main import app
    from bankcrm_cli.resources import sample_data_dir, templates_dir

    work = tmp_path / "work"
    work.mkdir()
    monkeypatch.chdir(work)
    monkeypatch.setenv("CRM_USER", "RM001")
    monkeypatch.setenv("CRM_TIMEZONE", "Asia/Shanghai")
    loaded = crm("sample", "load")
    assert loaded.exit_code == 0, loaded.output

    record = RECORD
    if record:
        EXPECTED.mkdir(exist_ok=True)
    replacements = {
        str(crm.db): "<STORE>",
        str(tmp_path): "<TMP>",
        str(templates_dir()): "<TEMPLATES>",
        str(sample_data_dir()): "<SAMPLE>",
        str(Path(sys.executable).parent): "<BIN>",
    }
    sample = str(sample_data_dir())
    differ = []
    names = set()
    for name, width, args in recorded_commands():
        name, _, only = name.partition("@")
        names.add(name)
        if only == "sqlite" and "://" in str(crm.db):
            continue
        args = [a.replace("{sample}", sample) for a in args]
        before = set(work.rglob("*"))
        result = crm.runner.invoke(
            app,
            ["--db", str(crm.db), *args],
            env={"COLUMNS": str(width), "LINES": "50"},
        )
        assert result.exception is None or isinstance(result.exception, SystemExit), (
            name,
            result.exception,
        )
        text = shown(result, replacements)
        new = sorted(p for p in set(work.rglob("*")) - before if p.is_file())
        text += "".join(f"{p.relative_to(work).as_posix()}\n" for p in new)
        path = EXPECTED / f"{name}.txt"
        if record:
            path.write_text(text, encoding="utf-8")
        elif not path.exists() or path.read_text(encoding="utf-8") != text:
            differ.append(name)
    if record:
        for stale in EXPECTED.glob("*.txt"):
            if stale.stem not in names:
                stale.unlink()
        pytest.skip("recorded anew: read `git diff tests/recordings` before committing")
    assert differ == [], f"outputs changed: {differ}"
