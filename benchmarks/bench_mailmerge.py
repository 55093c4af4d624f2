"""Mail-merge speed: `crm mailmerge --send` against the `mailmerge` CLI, same recipients, same sink.

Target (the mail-merge issue): 10,000 e-mails rendered and delivered to a local SMTP sink faster
than the peer, the `mailmerge` CLI (PyPI) with `--no-limit`, measured in the same run — with
crm's consent checks, .eml files and delivery log on. Both send one Chinese message per
recipient to an SMTP server running in its own process on loopback, which counts what arrives.

    pip install mailmerge
    python benchmarks/bench_mailmerge.py
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import resource
import shutil
import socket
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import textwrap
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

SINK = textwrap.dedent(
    """
    import sys, time
    from aiosmtpd.controller import Controller

    class Counter:
        def __init__(self, path):
            self.out = open(path, "a", buffering=1)

        async def handle_DATA(self, server, session, envelope):
            self.out.write("%d\\n" % len(envelope.original_content))
            return "250 OK"

    controller = Controller(Counter(sys.argv[2]), hostname="127.0.0.1", port=int(sys.argv[1]))
    controller.start()
    print("ready", flush=True)
    try:
        while True:
            time.sleep(3600)
    finally:
        controller.stop()
    """
)

PEER_TEMPLATE = """TO: {{email}}
SUBJECT: {{bank}}新产品推荐：稳盈180天
FROM: 示例银行 <service@bank.example>

{{salutation}}：

感谢您长期以来对{{bank}}的支持。我行近期推出「稳盈180天」，特向您推荐：

- 产品特点：业绩比较基准2.6%-3.1%
- 期限：180天
- 起购金额：1万元
- 发售截止：2026年12月20日

如您有兴趣，欢迎与您的客户经理{{rm_name}}联系。

产品有风险，投资须谨慎。

{{bank}}

如不希望再收到我行的营销邮件，请直接回复“退订”，或致电 010-0000 0000。
"""

PEER_CONFIG = """[smtp_server]
host = 127.0.0.1
port = {port}
security = Never
ratelimit = 0
"""


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Sink:
    """An SMTP server in its own process that logs one line per message received."""

    def __init__(self, folder: Path) -> None:
        self.port = free_port()
        self.log = folder / "sink.log"
        script = folder / "sink.py"
        script.write_text(SINK)
        self.proc = subprocess.Popen(
            [sys.executable, str(script), str(self.port), str(self.log)],
            stdout=subprocess.PIPE,
            text=True,
        )
        assert self.proc.stdout.readline().strip() == "ready"

    def reset(self) -> None:
        self.log.write_text("")

    def count(self) -> int:
        # The sink writes each line as the message is accepted; allow it to catch up.
        time.sleep(0.2)
        return len(self.log.read_text().splitlines())

    def stop(self) -> None:
        self.proc.terminate()
        self.proc.wait()


def recipients(db: str, n: int) -> list[dict]:
    """The first n customers with an e-mail who have not refused e-mail marketing."""
    with sqlite3.connect(db) as conn:
        conn.row_factory = sqlite3.Row
        rows = conn.execute(
            "SELECT c.customer_id, c.name, c.gender, c.email, r.name AS rm_name FROM customers c"
            " LEFT JOIN rms r ON r.rm_code = c.rm_code"
            " WHERE c.email IS NOT NULL AND (c.consent_email IS NULL OR c.consent_email = 1)"
            " ORDER BY c.customer_id LIMIT ?",
            (n,),
        ).fetchall()
    if len(rows) < n:
        raise SystemExit(f"only {len(rows)} reachable customers; generate more")
    return [dict(row) for row in rows]


def timed(cmd: list[str], env: dict[str, str], cwd: Path | None = None) -> tuple[float, float]:
    """(wall seconds, CPU seconds of the command itself): CPU time shows through a busy machine."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(cmd, env=env, check=True, capture_output=True, cwd=cwd)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--messages", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--out", type=Path, default=HERE / "results" / "mailmerge.json")
    args = parser.parse_args()
    peer = shutil.which("mailmerge")
    if peer is None:
        raise SystemExit("the peer is not installed: pip install mailmerge")
    from generate import main as generate_main

    from bankcrm_cli.domain.names import salutation

    env = {k: v for k, v in os.environ.items() if not k.startswith("CRM_")}
    crm = [sys.executable, "-m", "bankcrm_cli"]
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        data = folder / "data"
        generate_main(
            [
                "--customers",
                str(args.messages * 2),
                "--holdings",
                str(args.messages),
                "--out",
                str(data),
                "--seed",
                "7",
            ]
        )
        db = str(folder / "crm.sqlite3")
        env["CRM_CONFIG"] = str(folder / "none.toml")
        for kind in ("rms", "customers", "holdings"):
            if kind == "rms":
                cmd = [*crm, "--db", db, "rms", "import", str(data / "rms.csv")]
            else:
                cmd = [*crm, "--db", db, "import", kind, str(data / f"{kind}.csv")]
            subprocess.run(cmd, env=env, check=True, capture_output=True)
        people = recipients(db, args.messages)
        ids = folder / "ids.txt"
        ids.write_text("\n".join(p["customer_id"] for p in people) + "\n")
        peer_dir = folder / "peer"
        peer_dir.mkdir()
        with (peer_dir / "db.csv").open("w", newline="", encoding="utf-8") as fh:
            writer = csv.writer(fh)
            writer.writerow(["email", "salutation", "bank", "rm_name"])
            for p in people:
                writer.writerow(
                    [p["email"], salutation(p["name"], p["gender"]), "示例银行", p["rm_name"] or ""]
                )
        (peer_dir / "template.txt").write_text(PEER_TEMPLATE, encoding="utf-8")
        sink = Sink(folder)
        try:
            (peer_dir / "server.conf").write_text(PEER_CONFIG.format(port=sink.port))
            env.update(
                CRM_SMTP_HOST="127.0.0.1",
                CRM_SMTP_PORT=str(sink.port),
                CRM_SMTP_TLS="none",
                CRM_MAIL_FROM="示例银行 <service@bank.example>",
            )
            peer_cmd = [
                peer,
                "--no-limit",
                "--no-dry-run",
                "--template",
                "template.txt",
                "--database",
                "db.csv",
                "--config",
                "server.conf",
                "--output-format",
                "raw",
            ]
            crm_times, peer_times, crm_cpu, peer_cpu = [], [], [], []
            for run in range(args.runs):
                # Interleaved, so both see the same machine; a new campaign each run.
                sink.reset()
                crm_cmd = [
                    *crm,
                    "--db",
                    db,
                    "mailmerge",
                    "product-offer",
                    "--channel",
                    "email",
                    "--customers",
                    f"@{ids}",
                    "--send",
                    "--run",
                    f"bench-{run}",
                    "--out",
                    str(folder / f"out-{run}"),
                    "--set",
                    "product=稳盈180天",
                    "--set",
                    "highlight=业绩比较基准2.6%-3.1%",
                    "--set",
                    "term=180天",
                    "--set",
                    "threshold=1万元",
                    "--set",
                    "until=2026年12月20日",
                ]
                wall, cpu = timed(crm_cmd, env)
                crm_times.append(wall)
                crm_cpu.append(cpu)
                crm_sent = sink.count()
                sink.reset()
                wall, cpu = timed(peer_cmd, env, cwd=peer_dir)
                peer_times.append(wall)
                peer_cpu.append(cpu)
                peer_sent = sink.count()
                if crm_sent != args.messages or peer_sent != args.messages:
                    raise SystemExit(f"sink counted crm {crm_sent}, peer {peer_sent}")
                print(
                    f"run {run + 1}: crm {crm_times[-1]:.2f} s ({crm_cpu[-1]:.2f} s CPU), "
                    f"peer {peer_times[-1]:.2f} s ({peer_cpu[-1]:.2f} s CPU)"
                )
            with sqlite3.connect(db) as conn:
                logged = conn.execute(
                    "SELECT count(*) FROM deliveries WHERE status = 'sent'"
                ).fetchone()[0]
        finally:
            sink.stop()
    crm_s, peer_s = statistics.median(crm_times), statistics.median(peer_times)
    results = {
        "messages": args.messages,
        "runs": args.runs,
        "crm_seconds": round(crm_s, 2),
        "peer_seconds": round(peer_s, 2),
        "ratio": round(crm_s / peer_s, 3),
        "crm_cpu_seconds": round(statistics.median(crm_cpu), 2),
        "peer_cpu_seconds": round(statistics.median(peer_cpu), 2),
        "cpu_ratio": round(statistics.median(crm_cpu) / statistics.median(peer_cpu), 3),
        "crm_messages_per_second": round(args.messages / crm_s, 1),
        "peer_messages_per_second": round(args.messages / peer_s, 1),
        "deliveries_logged": logged,
        "crm_runs": [round(t, 2) for t in crm_times],
        "peer_runs": [round(t, 2) for t in peer_times],
    }
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(results, indent=2) + "\n")
    print(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
