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


class SmtpSink:
    """A real SMTP server on loopback (aiosmtpd) that keeps what it receives."""

    def __init__(self) -> None:
        self.messages: list = []
        self.refuse: set[str] = set()
        self.host = "127.0.0.1"
        self.port = 0

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address in self.refuse:
            return "550 5.1.1 mailbox unavailable"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        self.messages.append(envelope)
        return "250 Message accepted for delivery"

    def parsed(self):
        """The received messages, parsed, in arrival order."""
        from email import message_from_bytes, policy

        return [message_from_bytes(e.original_content, policy=policy.default) for e in self.messages]

    def use(self, monkeypatch: pytest.MonkeyPatch) -> None:
        """Point crm's SMTP settings at this server."""
        monkeypatch.setenv("CRM_SMTP_HOST", self.host)
        monkeypatch.setenv("CRM_SMTP_PORT", str(self.port))
        monkeypatch.setenv("CRM_SMTP_TLS", "none")
        monkeypatch.setenv("CRM_MAIL_FROM", "示例银行 <service@bank.example>")


def _free_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def smtp_server(monkeypatch: pytest.MonkeyPatch):
    """A running SMTP sink, with CRM_SMTP_* pointing at it."""
    from aiosmtpd.controller import Controller

    sink = SmtpSink()
    sink.port = _free_port()
    controller = Controller(sink, hostname=sink.host, port=sink.port, decode_data=False)
    controller.start()
    sink.use(monkeypatch)
    try:
        yield sink
    finally:
        controller.stop()
