"""Shared fixtures: every test gets its own store file, settings file and data folders."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from bankcrm_cli.cli.main import app

SAMPLE_CUSTOMERS_HEADER = "customer_id,name,id_number,gender,birth_date,phone,email,rm_code,aum"


@pytest.fixture(autouse=True)
def isolated_env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Point settings, data folders and the acting user at the test's own temp folder."""
    home = tmp_path / "home"
    home.mkdir()
    for name in list(__import__("os").environ):
        if name.startswith("CRM_"):
            monkeypatch.delenv(name)
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / "data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / "config"))
    monkeypatch.setenv("CRM_CONFIG", str(home / "crm.toml"))
    monkeypatch.setenv("CRM_USER", "tester")
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.setenv("COLUMNS", "200")
    return home


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "store" / "crm.sqlite3"


class Crm:
    """Runs `crm` in-process against one store, the way a user types it."""

    def __init__(self, db: Path):
        self.db = db
        self.runner = CliRunner()

    def __call__(self, *args: str, input: str | None = None):
        return self.runner.invoke(app, ["--db", str(self.db), *args], input=input)

    def json(self, *args: str):
        result = self(*args, "--format", "json")
        assert result.exit_code == 0, result.output
        return json.loads(result.stdout)


@pytest.fixture
def crm(db_path: Path) -> Crm:
    return Crm(db_path)


def write(path: Path, text: str, encoding: str = "utf-8") -> Path:
    path.write_text(text, encoding=encoding)
    return path
