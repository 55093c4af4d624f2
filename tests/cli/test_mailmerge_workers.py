"""A run large enough to be rendered in worker processes writes the same files as one rendered
here, stops at the first recipient in order whose message fails, and sends through a server
that offers PIPELINING as through one that does not."""

from __future__ import annotations

import json
import os
import re
from datetime import date, timedelta
from pathlib import Path

import pytest
from conftest import write
from factories import make_id
from test_mailmerge_cli import OFFER_VALUES, RMS, _deliveries, write_template

N = 500  # two workers' worth (services/mailmerge/render_workers.py)
NAMES = ("张伟", "王芳", "李娜", "欧阳明", "刘洋", "陈静", "艾力·买买提")
MERGE = (
    "product-offer",
    *OFFER_VALUES,
    "--run",
    "批量",
    "--format",
    "json",
)


def _customers() -> str:
    lines = ["customer_id,name,id_number,phone,email,consent_email,address,postal_code,rm_code,aum"]
    for i in range(N):
        birth = (date(1960, 1, 1) + timedelta(days=7 * i)).strftime("%Y%m%d")
        lines.append(
            f"W{i:04d},{NAMES[i % len(NAMES)]},{make_id(birth, 101 + i % 2)},139{i:08d},"
            f"w{i}@example.com,是,北京市海淀区中关村大街{i}号,100080,RM001,{10000 + 37 * i}"
        )
    return "\n".join(lines) + "\n"


@pytest.fixture
def big_bank(crm, tmp_path: Path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    for kind, text in (("rms", RMS), ("customers", _customers())):
        path = write(tmp_path / f"{kind}.csv", text)
        args = ("rms", "import", str(path)) if kind == "rms" else ("import", kind, str(path))
        result = crm(*args)
        assert result.exit_code == 0, result.output
    return tmp_path


def _ids(path: Path, numbers: range) -> str:
    write(path, "".join(f"W{i:04d}\n" for i in numbers))
    return f"@{path}"


def _random_parts_out(data: bytes) -> bytes:
    """A message without what differs by design from one run to the next."""
    data = re.sub(rb"Message-ID: <[^>]+>", b"Message-ID: <>", data)
    data = re.sub(rb"Date: [^\r]+", b"Date: ", data)
    return re.sub(rb"=_[0-9a-f]{32}", b"=_", data)


def _message_pids(folder: Path) -> set[int]:
    """The process that made each message, as its Message-ID says (time.pid.random@domain)."""
    pids = set()
    for path in folder.glob("*.eml"):
        found = re.search(rb"Message-ID: <\d+\.(\d+)\.", path.read_bytes())
        pids.add(int(found.group(1)))
    return pids


def test_a_run_rendered_in_workers_writes_what_one_process_writes(crm, big_bank):
    whole = crm(
        "mailmerge",
        *MERGE,
        "--customers",
        _ids(big_bank / "all.txt", range(N)),
        "--out",
        str(big_bank / "whole"),
    )
    assert whole.exit_code == 0, whole.output
    files = []
    for half in (range(N // 2), range(N // 2, N)):  # below the workers' threshold each
        result = crm(
            "mailmerge",
            *MERGE,
            "--customers",
            _ids(big_bank / "half.txt", half),
            "--out",
            str(big_bank / "halves"),
        )
        assert result.exit_code == 0, result.output
        files += json.loads(result.stdout)["files"]
    assert json.loads(whole.stdout)["files"] == files == [f"W{i:04d}.eml" for i in range(N)]
    for name in files:
        made_here = (big_bank / "halves" / name).read_bytes()
        assert _random_parts_out((big_bank / "whole" / name).read_bytes()) == _random_parts_out(
            made_here
        )
        assert (big_bank / "whole" / name).stat().st_mode & 0o777 == 0o600
    assert _message_pids(big_bank / "halves") == {os.getpid()}
    if len(os.sched_getaffinity(0)) > 1:
        worker_pids = _message_pids(big_bank / "whole")
        assert len(worker_pids) == 2 and os.getpid() not in worker_pids


def test_the_first_recipient_in_order_whose_message_fails_stops_the_run(crm, big_bank, smtp_server):
    mine = big_bank / "mine"
    # The second worker's first recipient fails at once, the first worker's late in its share.
    write_template(
        mine,
        "emails",
        "product-offer",
        '{% if customer.customer_id in ("W0240", "W0250") %}{{ customer.nickname }}{% endif %}'
        "您好\n",
    )
    out = big_bank / "out"
    result = crm(
        "mailmerge",
        *MERGE,
        "--customers",
        _ids(big_bank / "all.txt", range(N)),
        "--templates",
        str(mine),
        "--out",
        str(out),
        "--send",
    )
    assert result.exit_code == 2
    assert "W0240" in result.stderr and "W0250" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert smtp_server.messages == []
    assert not out.exists()
    assert _deliveries(crm) == []


@pytest.mark.parametrize("pipelining", [True, False], ids=["pipelining", "one-at-a-time"])
def test_a_refused_recipient_mid_run_is_logged_alike_with_and_without_pipelining(
    crm, big_bank, smtp_server, pipelining
):
    smtp_server.pipelining = pipelining
    smtp_server.refuse = {"w3@example.com"}
    result = crm("mailmerge", *MERGE, "--customers", _ids(big_bank / "few.txt", range(6)), "--send")
    assert result.exit_code == 0, result.output
    summary = json.loads(result.stdout)
    assert summary["sent"] == 5
    assert summary["failed"] == [
        {"customer_id": "W0003", "error": "w3@example.com: 550 5.1.1 mailbox unavailable"}
    ]
    assert sorted(_deliveries(crm)) == sorted(
        (f"W{i:04d}", "failed" if i == 3 else "sent") for i in range(6)
    )
    received = sorted(m.rcpt_tos[0] for m in smtp_server.messages)
    assert received == sorted(f"w{i}@example.com" for i in range(6) if i != 3)
