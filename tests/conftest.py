"""Shared fixtures: every test gets its own store, settings file and data folders.

The store is a SQLite file; with CRM_TEST_DATABASE_URL set, the whole suite runs again with
each test's store a fresh PostgreSQL schema (tests/pgstore.py). Tests of what only SQLite has
are marked `sqlite_only` and skipped on that pass; tests of PostgreSQL itself are marked
`postgres` and skipped without it (failing instead when CI is set and the server is down).
"""

from __future__ import annotations

import json
from pathlib import Path

import pgstore
import pytest
from typer.testing import CliRunner

from bankcrm_cli.cli.main import app

PG_URL = pgstore.configured_url()

# No per-example time limit: the tests share a busy machine, and speed is measured in
# benchmarks/, never in a test (a deadline failed a correct test under load).
from hypothesis import settings as _hypothesis_settings  # noqa: E402

_hypothesis_settings.register_profile("crm", deadline=None)
_hypothesis_settings.load_profile("crm")


def pytest_report_header(config) -> str:
    if PG_URL is None:
        return "stores: SQLite files (set CRM_TEST_DATABASE_URL for the PostgreSQL pass)"
    return f"stores: PostgreSQL schemas in {pgstore.with_schema(PG_URL, None)}"


def pytest_collection_modifyitems(config, items) -> None:
    for item in items:
        if PG_URL is None and item.get_closest_marker("postgres"):
            item.add_marker(pytest.mark.skip(reason=pgstore.HOW_TO_RUN))
        marker = item.get_closest_marker("sqlite_only")
        if PG_URL is not None and marker is not None:
            reason = marker.args[0] if marker.args else marker.kwargs.get("reason", "")
            item.add_marker(pytest.mark.skip(reason=f"SQLite only: {reason}"))


@pytest.fixture
def english():
    """Messages in English (ui.language en) for a test that calls the library directly and
    reads a message's words; the CLI sets the language per command itself."""
    from bankcrm_cli.domain.catalogue import use_language

    use_language("en")
    yield
    use_language(None)


@pytest.fixture(scope="session")
def pg_stores():
    """The PostgreSQL pass's schema factory (None on the SQLite pass)."""
    if PG_URL is None:
        yield None
        return
    from sqlalchemy.exc import SQLAlchemyError

    stores = pgstore.PgStores(PG_URL)
    try:
        stores.check()
    except SQLAlchemyError as exc:
        message = f"PostgreSQL at {pgstore.with_schema(PG_URL, None)} is unusable: {exc.orig}"
        if pgstore.in_ci():
            pytest.fail(message, pytrace=False)
        pytest.skip(f"{message}. {pgstore.HOW_TO_RUN}")
    yield stores
    stores.close()


@pytest.fixture
def store_url(request, pg_stores, db_path: Path) -> str:
    """A fresh store: a SQLite file not yet created, or a PostgreSQL schema at the head
    (an empty schema for tests marked `empty_store`, which watch a store being created)."""
    if pg_stores is None:
        yield str(db_path)
        return
    with pg_stores.store(empty=request.node.get_closest_marker("empty_store") is not None) as url:
        yield url


@pytest.fixture(scope="module")
def module_store_url(pg_stores, tmp_path_factory) -> str:
    """A store one module's tests share (built once, read by many): a SQLite file, or a
    PostgreSQL schema at the head."""
    if pg_stores is None:
        yield str(tmp_path_factory.mktemp("store") / "crm.sqlite3")
        return
    with pg_stores.store() as url:
        yield url


@pytest.fixture
def pg_url(pg_stores) -> str:
    """A fresh PostgreSQL store (tests marked `postgres`)."""
    if pg_stores is None:
        pytest.skip(pgstore.HOW_TO_RUN)
    with pg_stores.store() as url:
        yield url


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
    monkeypatch.setenv("XDG_CACHE_HOME", str(home / "cache"))
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

    def __init__(self, db: Path | str):
        self.db = db
        self.runner = CliRunner()

    def __call__(self, *args: str, input: str | None = None):
        return self.runner.invoke(app, ["--db", str(self.db), *args], input=input)

    def json(self, *args: str):
        result = self(*args, "--format", "json")
        assert result.exit_code == 0, result.output
        return json.loads(result.stdout)


@pytest.fixture
def crm(store_url: str, db_path: Path) -> Crm:
    return Crm(db_path if PG_URL is None else store_url)


def store_engine(crm_or_url):
    """An engine on a test's store (the `crm` fixture's, or a URL or path)."""
    from bankcrm_cli.store.engine import make_engine, resolve_url

    return make_engine(resolve_url(str(getattr(crm_or_url, "db", crm_or_url))))


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
        # Seconds a message takes to be accepted (a slow server, so a run can be cut mid-way).
        self.delay = 0.0
        # Offer PIPELINING (RFC 2920) in the EHLO reply, as most mail servers do.
        self.pipelining = False

    async def handle_EHLO(self, server, session, envelope, hostname, responses):
        session.host_name = hostname
        if self.pipelining:
            responses.insert(1, "250-PIPELINING")
        return responses

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address in self.refuse:
            return "550 5.1.1 mailbox unavailable"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        if self.delay:
            import asyncio

            await asyncio.sleep(self.delay)
        self.messages.append(envelope)
        return "250 Message accepted for delivery"

    def parsed(self):
        """The received messages, parsed, in arrival order."""
        from email import message_from_bytes, policy

        return [
            message_from_bytes(e.original_content, policy=policy.default) for e in self.messages
        ]

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
