"""China's working days kept between runs: the same answers, read back, worked out again when
the `holidays` package changes, and never a failure of their own."""

from __future__ import annotations

import json
import stat
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from bankcrm_cli.domain.calendar import BusinessCalendar, china_working_days
from bankcrm_cli.io import working_days
from bankcrm_cli.io.working_days import CACHE_FILE, CachedWorkingDays


def kept(folder: Path) -> dict:
    return json.loads((folder / CACHE_FILE).read_text(encoding="utf-8"))


def test_first_use_works_the_year_out_and_keeps_it_private(tmp_path: Path):
    folder = tmp_path / "cache" / "bankcrm"
    assert CachedWorkingDays(folder)(2026) == china_working_days(2026)
    document = kept(folder)
    assert document["source"] == working_days.holidays_fingerprint()
    assert document["years"] == {"2026": china_working_days(2026)}
    assert stat.S_IMODE((folder / CACHE_FILE).stat().st_mode) == 0o600
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700


def test_a_later_run_reads_the_kept_year_instead_of_working_it_out(tmp_path: Path):
    CachedWorkingDays(tmp_path)(2026)
    document = kept(tmp_path)
    # Make 2026-10-01 (National Day) a working day in the kept copy: a later run that shows it
    # as one has read the copy, not the package.
    line = document["years"]["2026"]
    national_day = date(2026, 10, 1).timetuple().tm_yday - 1
    document["years"]["2026"] = line[:national_day] + "1" + line[national_day + 1 :]
    (tmp_path / CACHE_FILE).write_text(json.dumps(document), encoding="utf-8")
    assert BusinessCalendar(year_days=CachedWorkingDays(tmp_path)).is_working_day(date(2026, 10, 1))
    assert not BusinessCalendar().is_working_day(date(2026, 10, 1))


def test_another_holidays_release_works_the_years_out_again(tmp_path: Path, monkeypatch):
    CachedWorkingDays(tmp_path)(2026)
    document = kept(tmp_path)
    document["years"]["2026"] = "1" * 365  # what an older release might have said
    (tmp_path / CACHE_FILE).write_text(json.dumps(document), encoding="utf-8")
    monkeypatch.setattr(working_days, "holidays_fingerprint", lambda: "another release")
    assert CachedWorkingDays(tmp_path)(2026) == china_working_days(2026)
    assert kept(tmp_path) == {
        "source": "another release",
        "years": {"2026": china_working_days(2026)},
    }


@pytest.mark.parametrize(
    "content",
    [
        "not json",
        "[]",
        '{"source": null, "years": {"2026": "1"}}',
        "{}",
    ],
)
def test_a_damaged_copy_is_replaced(tmp_path: Path, content: str):
    (tmp_path / CACHE_FILE).write_text(content, encoding="utf-8")
    assert CachedWorkingDays(tmp_path)(2026) == china_working_days(2026)
    assert kept(tmp_path)["years"] == {"2026": china_working_days(2026)}


def test_a_kept_line_of_the_wrong_length_or_letters_is_not_used(tmp_path: Path):
    CachedWorkingDays(tmp_path)(2026)
    document = kept(tmp_path)
    document["years"].update({"2026": "1" * 366, "2027": "2" * 365, "2028": "1" * 366})
    (tmp_path / CACHE_FILE).write_text(json.dumps(document), encoding="utf-8")
    cached = CachedWorkingDays(tmp_path)
    assert cached(2026) == china_working_days(2026)
    assert cached(2027) == china_working_days(2027)
    assert cached(2028) == "1" * 366  # a leap year's line of the right form is taken as kept


def test_a_folder_that_cannot_be_written_costs_only_the_cache(tmp_path: Path):
    blocked = tmp_path / "cache" / "file-not-folder"
    blocked.parent.mkdir()
    blocked.write_text("")
    cached = CachedWorkingDays(blocked / "bankcrm")
    assert cached(2026) == china_working_days(2026)
    assert cached(2027) == china_working_days(2027)
    assert list(blocked.parent.iterdir()) == [blocked]  # no temporary file left behind


def test_followups_today_does_not_import_holidays_once_the_year_is_kept(
    tmp_path: Path, isolated_env: Path
):
    # The point of the cache, checked in a real process: the second run leaves `holidays` out.
    env = {
        "HOME": str(isolated_env),
        "XDG_CACHE_HOME": str(isolated_env / "cache"),
        "XDG_DATA_HOME": str(isolated_env / "data"),
        "CRM_CONFIG": str(isolated_env / "crm.toml"),
        "CRM_USER": "tester",
        "PATH": "/usr/bin:/bin",
    }
    store = ["--db", str(tmp_path / "crm.sqlite3")]
    upgrade = [sys.executable, "-m", "bankcrm_cli", *store, "db", "upgrade"]
    subprocess.run(upgrade, env=env, capture_output=True, text=True, check=True)
    command = [
        sys.executable,
        "-X",
        "importtime",
        "-m",
        "bankcrm_cli",
        *store,
        "followups",
        "today",
        "--date",
        "2026-09-30",
        "--format",
        "json",
    ]
    first = subprocess.run(command, env=env, capture_output=True, text=True, check=True)
    second = subprocess.run(command, env=env, capture_output=True, text=True, check=True)
    assert "| holidays\n" in first.stderr
    assert "holidays" not in second.stderr
    assert first.stdout == second.stdout == "[]\n"
    assert set(kept(isolated_env / "cache" / "bankcrm")["years"]) == {"2026"}
