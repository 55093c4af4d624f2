"""Faults and load, with real `crm` processes: many at once, and SIGKILL in the middle.

A nightly import, a report and several log-calls at once all finish, none failing with
"database is locked" and none losing a write. An import or a mail-merge `--send` killed half
way leaves the store consistent, and running it again finishes the job with nothing twice.
On the PostgreSQL pass the same tests run against a PostgreSQL store.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

import pytest
from conftest import store_engine, write
from sqlalchemy import func, inspect, select, text

from bankcrm_cli.store.tables import contacts_table, customers_table, deliveries_table

CRM = str(Path(sys.executable).with_name("crm"))
DAY = "2026-12-01"


def bank_export(path: Path, customers: int, prefix: str = "N") -> Path:
    """A bank export of `customers` valid rows (ID numbers, phones, e-mails, AUM)."""
    from datetime import date, timedelta

    from factories import make_id

    born = date(1950, 1, 1)
    lines = ["customer_id,name,id_number,phone,email,branch,rm_code,aum"]
    for n in range(customers):
        birth = (born + timedelta(days=n % 18000)).strftime("%Y%m%d")
        lines.append(
            f"{prefix}{n:07d},客户{n},{make_id(birth, n % 1000)},1{3 + n % 7}{n:09d},"
            f"c{n}@example.com,第{n % 40}支行,RM{n % 50:03d},{n % 9000000}.{n % 100:02d}"
        )
    return write(path, "\n".join(lines) + "\n")


def start(store: str, *args: str) -> subprocess.Popen:
    """`crm --db STORE ARGS` as its own process (and process group, so it can be killed whole)."""
    return subprocess.Popen(
        [CRM, "--db", store, *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )


def finish(proc: subprocess.Popen, timeout: float = 300) -> tuple[int, str, str]:
    out, err = proc.communicate(timeout=timeout)
    return proc.returncode, out, err


def kill(proc: subprocess.Popen) -> None:
    """SIGKILL the command and whatever it started (the import's reading worker)."""
    os.killpg(proc.pid, signal.SIGKILL)
    proc.communicate(timeout=60)


def cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _tree_cpu_seconds(pid: int) -> float:
    """CPU seconds of the process and of its children still running."""
    from contextlib import suppress

    total = 0.0
    for one in (pid, *_children(pid)):
        with suppress(OSError, IndexError):  # it ended between the listing and the reading
            total += cpu_seconds(one)
    return total


def holds_write_lock(store: str) -> bool:
    """Whether some process is inside a write transaction on the store."""
    engine = store_engine(store)
    try:
        if engine.dialect.name == "sqlite":
            import sqlite3

            from bankcrm_cli.store.engine import sqlite_path

            probe = sqlite3.connect(sqlite_path(engine.url.render_as_string()), timeout=0)
            try:
                probe.execute("BEGIN IMMEDIATE")
                probe.rollback()
                return False
            except sqlite3.OperationalError:
                return True
            finally:
                probe.close()
        from bankcrm_cli.store.engine import ADVISORY_LOCK_CLASS

        with engine.connect() as conn:
            held = conn.execute(
                text(
                    "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND granted"
                    " AND classid = :cls AND objid = hashtext(current_schema())::oid"
                ),
                {"cls": ADVISORY_LOCK_CLASS},
            ).scalar()
            return held > 0
    finally:
        engine.dispose()


def wait_until_writing(proc: subprocess.Popen, store: str, cpu: float = 1.0) -> None:
    """Until the command is inside its write transaction and it and its children (an import's
    reading worker, which may do most of the validating) have worked `cpu` seconds."""
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            pytest.fail(f"crm ended before it could be interrupted: {proc.communicate()[1]}")
        if holds_write_lock(store) and _tree_cpu_seconds(proc.pid) >= cpu:
            return
        time.sleep(0.05)
    pytest.fail("crm never started writing")


def check_consistent(store: str) -> None:
    """The store passes the database's own check (SQLite) and its schema is whole."""
    engine = store_engine(store)
    with engine.connect() as conn:
        if engine.dialect.name == "sqlite":
            assert conn.execute(text("PRAGMA integrity_check")).scalars().all() == ["ok"]
            assert conn.execute(text("PRAGMA foreign_key_check")).all() == []
        indexes = {index["name"] for index in inspect(conn).get_indexes("customers")}
    engine.dispose()
    from bankcrm_cli.store.tables import customers_table as table

    assert {index.name for index in table.indexes} <= indexes, "the import's indexes are back"


def count(store: str, table, *where) -> int:
    engine = store_engine(store)
    with engine.connect() as conn:
        n = conn.execute(select(func.count()).select_from(table).where(*where)).scalar()
    engine.dispose()
    return n


@pytest.fixture
def env(monkeypatch, isolated_env):
    """Settings the child processes inherit: the test's own folders, no colour."""
    monkeypatch.setenv("CRM_TIMEZONE", "Asia/Shanghai")
    return os.environ


NIGHTLY_ROWS = 20_000
BIG_ROWS = 100_000


@pytest.fixture(scope="module")
def nightly_file(tmp_path_factory) -> Path:
    return bank_export(tmp_path_factory.mktemp("nightly") / "nightly.csv", NIGHTLY_ROWS)


@pytest.fixture(scope="module")
def big_file(tmp_path_factory) -> Path:
    return bank_export(tmp_path_factory.mktemp("big") / "big.csv", BIG_ROWS)


def _loaded(crm, tmp_path: Path) -> str:
    """A store holding the sample bank; its URL or path."""
    result = crm("sample", "load")
    assert result.exit_code == 0, result.output
    return str(crm.db)


def test_import_report_and_log_calls_at_once_all_finish_without_losing_a_write(
    crm, tmp_path, env, nightly_file
):
    store = _loaded(crm, tmp_path)
    before = count(store, customers_table)
    someone = [c["customer_id"] for c in crm.json("customers", "list")][:8]
    nightly = start(store, "import", "customers", str(nightly_file), "--format", "json")
    others = [start(store, "report", "daily", "--date", DAY, "--format", "json")]
    others += [
        start(store, "log-call", customer, "--outcome", "reached", "--note", f"call {n}")
        for n, customer in enumerate(someone)
    ]
    # More calls while the import is surely inside its write transaction: they wait for it.
    wait_until_writing(nightly, store, cpu=0.5)
    others += [
        start(store, "log-call", customer, "--outcome", "busy", "--note", f"later {n}")
        for n, customer in enumerate(someone[:4])
    ]
    results = [finish(proc) for proc in [nightly, *others]]
    for code, _out, err in results:
        assert code == 0, err
        assert "locked" not in err.lower() and "Traceback" not in err
    summary = json.loads(results[0][1])
    assert summary["rows"] == NIGHTLY_ROWS and summary["rejected"] == 0
    assert count(store, customers_table) == before + summary["inserted"]
    report = json.loads(results[1][1])
    assert report, "the report was produced"
    notes = {n for (n,) in _all(store, select(contacts_table.c.note))}
    assert notes == {f"call {n}" for n in range(8)} | {f"later {n}" for n in range(4)}
    check_consistent(store)


def _all(store: str, query) -> list[tuple]:
    engine = store_engine(store)
    with engine.connect() as conn:
        rows = [tuple(row) for row in conn.execute(query)]
    engine.dispose()
    return rows


@pytest.mark.parametrize("populated", [False, True], ids=["empty-store", "populated-store"])
def test_import_killed_mid_write_leaves_the_store_as_it_was_and_a_rerun_finishes(
    crm, tmp_path, env, big_file, populated
):
    store = str(crm.db)
    if populated:
        first_rows = big_file.read_text(encoding="utf-8").splitlines(keepends=True)[:2001]
        head = write(tmp_path / "head.csv", "".join(first_rows))
        assert crm("import", "customers", str(head)).exit_code == 0
    else:
        assert crm("db", "upgrade").exit_code == 0
    before = _all(store, select(customers_table).order_by(customers_table.c.customer_id))

    proc = start(store, "import", "customers", str(big_file), "--format", "json")
    wait_until_writing(proc, store)
    kill(proc)
    assert proc.returncode == -signal.SIGKILL

    check_consistent(store)
    after = _all(store, select(customers_table).order_by(customers_table.c.customer_id))
    assert after == before, "nothing of the killed import is kept"

    code, out, err = finish(start(store, "import", "customers", str(big_file), "--format", "json"))
    assert code == 0, err
    summary = json.loads(out)
    assert summary["inserted"] == BIG_ROWS - len(before)
    assert summary["unchanged"] == len(before) and summary["rejected"] == 0
    assert count(store, customers_table) == BIG_ROWS
    check_consistent(store)


@pytest.fixture
def mail_bank(crm, tmp_path: Path):
    """24 customers with e-mail addresses, none opted out."""
    lines = ["customer_id,name,email"]
    lines += [f"M{n:03d},客户{n},m{n:03d}@example.com" for n in range(24)]
    path = write(tmp_path / "mail.csv", "\n".join(lines) + "\n")
    assert crm("import", "customers", str(path)).exit_code == 0
    return [f"M{n:03d}" for n in range(24)]


@pytest.mark.parametrize("connections", [1, 2])
def test_mailmerge_killed_mid_send_then_rerun_sends_each_customer_once(
    crm, tmp_path, env, smtp_server, mail_bank, connections
):
    store = str(crm.db)
    args = [
        "mailmerge",
        "birthday-greeting",
        "--customers",
        ",".join(mail_bank),
        "--run",
        "fault-test",
        "--out",
        str(tmp_path / "out"),
        "--send",
        "--connections",
        str(connections),
        "--format",
        "json",
    ]
    smtp_server.delay = 0.2
    proc = start(store, *args)
    deadline = time.monotonic() + 120
    while len(smtp_server.messages) < 6 and time.monotonic() < deadline:
        assert proc.poll() is None, proc.communicate()[1]
        time.sleep(0.02)
    kill(proc)
    assert proc.returncode == -signal.SIGKILL
    check_consistent(store)
    d = deliveries_table.c
    states = dict(_all(store, select(d.customer_id, d.status).where(d.campaign == "fault-test")))
    interrupted = {c for c, status in states.items() if status == "sending"}
    assert len(interrupted) <= connections, "at most one unconfirmed message per session"
    assert set(states.values()) <= {"sent", "sending"}

    smtp_server.delay = 0.0
    code, out, err = finish(start(store, *args))
    assert code == 0, err
    summary = json.loads(out)
    reasons = {s["customer_id"]: s["reason"] for s in summary["skipped"]}
    assert {c for c, r in reasons.items() if r.startswith("interrupted while sending")} == (
        interrupted
    )
    received = Counter(
        rcpt.split("@")[0].upper()
        for envelope in smtp_server.messages
        for rcpt in envelope.rcpt_tos
    )
    for customer in mail_bank:
        if customer in interrupted:
            assert received[customer] <= 1, "an interrupted message is not sent again unasked"
        else:
            assert received[customer] == 1, f"{customer} got {received[customer]} messages"
    final = dict(_all(store, select(d.customer_id, d.status).where(d.campaign == "fault-test")))
    assert (
        Counter(final.values())
        == Counter({"sent": len(mail_bank) - len(interrupted), "sending": len(interrupted)})
        - Counter()
    )
    assert count(store, deliveries_table, d.campaign == "fault-test") == len(mail_bank)


def _children(pid: int) -> list[int]:
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            found.append(int(stat.parent.name))
    return found


def _alive(pid: int) -> bool:
    """Whether `pid` still runs (a zombie holds nothing open: it counts as ended)."""
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


def _holders(paths: set[str]) -> list[str]:
    """`pid: file` for every open file descriptor on one of `paths` (deleted ones included)."""
    held = []
    for fd in Path("/proc").glob("[0-9]*/fd/*"):
        try:
            target = os.readlink(fd).removesuffix(" (deleted)")
        except OSError:
            continue
        if target in paths:
            held.append(f"{fd.parent.parent.name}: {target}")
    return held


@pytest.mark.skipif(not Path("/proc/self/fd").is_dir(), reason="needs /proc")
def test_a_killed_import_takes_its_reading_worker_with_it(crm, env, big_file):
    store = str(crm.db)
    assert crm("db", "upgrade").exit_code == 0
    proc = start(store, "import", "customers", str(big_file), "--format", "json")
    deadline = time.monotonic() + 60
    while not (workers := _children(proc.pid)) or cpu_seconds(workers[0]) < 0.2:
        assert proc.poll() is None and time.monotonic() < deadline, "no reading worker started"
        time.sleep(0.02)
    # Only the parent is killed, as by the OOM killer or `kill -9 PID`: not its process group.
    os.kill(proc.pid, signal.SIGKILL)
    proc.communicate(timeout=60)
    watched = {str(big_file.resolve())}
    if not store.startswith("postgresql"):
        watched |= {str(Path(f"{store}{end}").resolve()) for end in ("", "-wal", "-shm")}
    deadline = time.monotonic() + 5
    while any(map(_alive, workers)) or _holders(watched):
        if time.monotonic() > deadline:
            left = f"left behind: workers {workers}, open files {_holders(watched)}"
            for pid in filter(_alive, workers):
                os.kill(pid, signal.SIGKILL)
            pytest.fail(left)
        time.sleep(0.05)
