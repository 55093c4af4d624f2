"""Import speed: `crm import customers` against a floor measured in the same run.

The floor is Python's csv module reading the file plus one raw sqlite3 `executemany` of the
same rows, as text, into an equivalent table (the store's own columns and primary key) in one
transaction. The target is the real command at most 3x the floor, with all validation on, and
peak memory flat in file size. A second floor with the store's secondary indexes as well is
reported beside it, since the real table has them.

    python benchmarks/bench_import.py                 # 1,000,000 customers, 2,000,000 holdings
    python benchmarks/bench_import.py --customers 100000 --holdings 200000
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT))

FLOOR_SCRIPT = r"""
import csv, sqlite3, sys, time
path, db, ddl = sys.argv[1], sys.argv[2], sys.argv[3].split(";\n")
conn = sqlite3.connect(db, isolation_level=None)
conn.execute("PRAGMA journal_mode=WAL")
conn.execute("PRAGMA synchronous=NORMAL")
for statement in ddl:
    if statement.strip():
        conn.execute(statement)
start = time.perf_counter()
with open(path, newline="", encoding="utf-8") as fh:
    reader = csv.reader(fh)
    header = ["aum_cents" if h == "aum" else h for h in next(reader)]
    columns = ", ".join(header + ["created_at", "updated_at"])
    marks = ", ".join("?" * (len(header) + 2))
    sql = f"INSERT INTO customers ({columns}) VALUES ({marks})"
    conn.execute("BEGIN")
    conn.executemany(sql, (row + ["2026-01-01 00:00:00", "2026-01-01 00:00:00"] for row in reader))
    conn.execute("COMMIT")
print(time.perf_counter() - start)
"""


def customers_ddl(with_indexes: bool) -> str:
    """The store's customers table as SQLite DDL, straight from the table definitions."""
    from sqlalchemy.dialects import sqlite
    from sqlalchemy.schema import CreateIndex, CreateTable

    from bankcrm_cli.store.tables import customers_table

    dialect = sqlite.dialect()
    table = CreateTable(customers_table).compile(dialect=dialect)
    statements = [str(table).strip()]
    if with_indexes:
        statements += [
            str(CreateIndex(index).compile(dialect=dialect)) for index in customers_table.indexes
        ]
    return ";\n".join(statements)


def generate(data: Path, customers: int, holdings: int) -> tuple[Path, Path]:
    folder = data / f"c{customers}-h{holdings}"
    c, h = folder / "customers.csv", folder / "holdings.csv"
    if not (c.exists() and h.exists()):
        folder.mkdir(parents=True, exist_ok=True)
        subprocess.run(
            [
                sys.executable,
                str(HERE / "generate.py"),
                "--customers",
                str(customers),
                "--holdings",
                str(holdings),
                "--rms",
                "50",
                "--out",
                str(folder),
                "--seed",
                "1",
            ],
            check=True,
        )
    return c, h


def timed(cmd: list[str], env: dict[str, str]) -> tuple[float, int, str]:
    """Wall seconds, peak RSS in MiB, and stdout of one command."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)
    _pid, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    stdout = proc.stdout.read().decode()
    stderr = proc.stderr.read().decode()
    proc.stdout.close()
    proc.stderr.close()
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"{' '.join(cmd)} failed:\n{stderr}")
    return wall, usage.ru_maxrss // 1024, stdout


def floor(path: Path, workdir: Path, with_indexes: bool) -> float:
    db = workdir / f"floor-{with_indexes}.sqlite3"
    start = time.perf_counter()
    subprocess.run(
        [sys.executable, "-c", FLOOR_SCRIPT, str(path), str(db), customers_ddl(with_indexes)],
        check=True,
        capture_output=True,
    )
    return time.perf_counter() - start


def count_rows(path: Path) -> int:
    with open(path, newline="", encoding="utf-8") as fh:
        return sum(1 for _ in csv.reader(fh)) - 1


def one_round(
    crm: list[str],
    env: dict[str, str],
    files: tuple[Path, Path, Path],
    counts: tuple[int, int],
    floors_first: bool,
) -> dict[str, float]:
    """The floors and the imports once, in a fresh store; seconds, peak RSS and CPU seconds."""
    customers_csv, holdings_csv, rms_csv = files
    customers, holdings = counts
    got: dict[str, float] = {}
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        env["CRM_CONFIG"] = str(work / "none.toml")

        def floors() -> None:
            got["floor_same_indexes_seconds"] = floor(customers_csv, work, with_indexes=True)
            got["floor_seconds"], got["floor_cpu_seconds"] = floor_with_cpu(customers_csv, work)

        if floors_first:
            floors()
        db = work / "crm.sqlite3"
        base = [*crm, "--db", str(db)]
        timed([*base, "rms", "import", str(rms_csv)], env)
        before = os.times()
        wall, rss, out = timed(
            [*base, "import", "customers", str(customers_csv), "--format", "json"], env
        )
        after = os.times()
        summary = json.loads(out)
        assert summary["inserted"] == customers and summary["rejected"] == 0, summary
        got["import_customers_seconds"], got["import_customers_peak_rss_mib"] = wall, rss
        got["import_customers_cpu_seconds"] = cpu_between(before, after)
        again, again_rss, out = timed(
            [*base, "import", "customers", str(customers_csv), "--format", "json"], env
        )
        assert json.loads(out)["unchanged"] == customers
        got["reimport_unchanged_seconds"], got["reimport_peak_rss_mib"] = again, again_rss
        h_wall, h_rss, out = timed(
            [*base, "import", "holdings", str(holdings_csv), "--format", "json"], env
        )
        h_summary = json.loads(out)
        assert h_summary["inserted"] == holdings and h_summary["rejected"] == 0, h_summary
        got["import_holdings_seconds"], got["import_holdings_peak_rss_mib"] = h_wall, h_rss
        if not floors_first:
            floors()
    return got


def cpu_between(before: os.times_result, after: os.times_result) -> float:
    """CPU seconds of the children (and theirs) waited for in between."""
    return (after.children_user + after.children_system) - (
        before.children_user + before.children_system
    )


def floor_with_cpu(path: Path, workdir: Path) -> tuple[float, float]:
    before = os.times()
    wall = floor(path, workdir, with_indexes=False)
    return wall, cpu_between(before, os.times())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--customers", type=int, default=1_000_000)
    parser.add_argument("--holdings", type=int, default=2_000_000)
    parser.add_argument("--data", type=Path, default=HERE / "data")
    parser.add_argument("--out", type=Path, default=HERE / "results" / "import.json")
    parser.add_argument("--runs", type=int, default=3, help="rounds; medians are reported")
    args = parser.parse_args()

    customers_csv, holdings_csv = generate(args.data, args.customers, args.holdings)
    files = (customers_csv, holdings_csv, customers_csv.with_name("rms.csv"))
    env = {k: v for k, v in os.environ.items() if not k.startswith("CRM_")}
    crm = [sys.executable, "-m", "bankcrm_cli"]
    rounds = []
    for round_ in range(args.runs):
        # Floors before the imports in one round, after them in the next: on a shared
        # machine both meet the same load.
        got = one_round(crm, env, files, (args.customers, args.holdings), round_ % 2 == 0)
        rounds.append(got)
        print(
            f"round {round_ + 1}: floor {got['floor_seconds']:.2f}s, "
            f"import {got['import_customers_seconds']:.2f}s "
            f"({got['import_customers_seconds'] / got['floor_seconds']:.2f}x)",
            file=sys.stderr,
        )
    median = {key: statistics.median(r[key] for r in rounds) for key in rounds[0]}
    results: dict[str, object] = {
        "customers": args.customers,
        "holdings": args.holdings,
        "runs": args.runs,
        "floor_seconds": round(median["floor_seconds"], 2),
        "floor_same_indexes_seconds": round(median["floor_same_indexes_seconds"], 2),
        "import_customers_seconds": round(median["import_customers_seconds"], 2),
        "import_customers_peak_rss_mib": int(median["import_customers_peak_rss_mib"]),
        "ratio": round(median["import_customers_seconds"] / median["floor_seconds"], 2),
        "ratio_per_run": [
            round(r["import_customers_seconds"] / r["floor_seconds"], 2) for r in rounds
        ],
        "ratio_vs_same_indexes_floor": round(
            median["import_customers_seconds"] / median["floor_same_indexes_seconds"], 2
        ),
        "cpu_ratio": round(median["import_customers_cpu_seconds"] / median["floor_cpu_seconds"], 2),
        "reimport_unchanged_seconds": round(median["reimport_unchanged_seconds"], 2),
        "reimport_peak_rss_mib": int(median["reimport_peak_rss_mib"]),
        "import_holdings_seconds": round(median["import_holdings_seconds"], 2),
        "import_holdings_peak_rss_mib": int(median["import_holdings_peak_rss_mib"]),
        "file_mib": round(customers_csv.stat().st_size / 2**20, 1),
    }
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    for key, value in results.items():
        print(f"{key:32} {value}")
    target = 3.0
    print(f"import customers: {results['ratio']}x the floor (target <= {target}x)")
    if results["ratio"] > target:
        raise SystemExit(1)


if __name__ == "__main__":
    main()
