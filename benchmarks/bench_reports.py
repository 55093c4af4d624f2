"""Report speed: `crm report daily --format json` against `crm followups today`, same run.

Target (the reports issue): on 1,000,000 customers and 2,000,000 holdings, the daily report
(follow-ups, complaints, contacts, maturities, customer changes, tiers and the churn top 20)
within 5x the wall time of `crm followups today` on the same store and day. The store is the
benchmark bank after its first load, plus a second night's holdings import that changes the
amounts of `--changes` holdings (half of them halved), so the churn queries have history to
read. Times are medians of interleaved runs after one warm-up of each.

    python benchmarks/bench_reports.py
    python benchmarks/bench_reports.py --customers 100000 --holdings 200000 --runs 3
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
sys.path.insert(0, str(HERE))

from bench_data import generate  # noqa: E402


def run(cmd: list[str], env: dict[str, str]) -> tuple[float, bytes]:
    start = time.perf_counter()
    done = subprocess.run(cmd, env=env, check=True, capture_output=True)
    return time.perf_counter() - start, done.stdout


def write_changes(holdings_csv: Path, target: Path, count: int) -> int:
    """A second night's export: the first `count` holdings with new amounts (every other one
    halved, the rest up by a tenth)."""
    with (
        holdings_csv.open(newline="", encoding="utf-8") as source,
        target.open("w", newline="", encoding="utf-8") as out,
    ):
        reader = csv.reader(source)
        writer = csv.writer(out)
        header = next(reader)
        writer.writerow(header)
        amount = header.index("amount")
        written = 0
        for row in reader:
            if written == count:
                break
            value = float(row[amount].replace(",", "").lstrip("¥") or 0)
            row[amount] = f"{value * (0.5 if written % 2 == 0 else 1.1):.2f}"
            writer.writerow(row)
            written += 1
    return written


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--customers", type=int, default=1_000_000)
    parser.add_argument("--holdings", type=int, default=2_000_000)
    parser.add_argument("--changes", type=int, default=20_000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--data", type=Path, default=HERE / "data")
    parser.add_argument("--date", default="2026-12-04", help="the report day (a Friday)")
    parser.add_argument("--out", type=Path, default=HERE / "results" / "reports.json")
    args = parser.parse_args()
    customers_csv, holdings_csv = generate(args.data, args.customers, args.holdings)
    env = {k: v for k, v in os.environ.items() if not k.startswith("CRM_")}
    crm = [sys.executable, "-m", "bankcrm_cli"]
    results: dict[str, object] = {
        "customers": args.customers,
        "holdings": args.holdings,
        "changed_holdings": args.changes,
        "date": args.date,
        "runs": args.runs,
    }
    with tempfile.TemporaryDirectory() as tmp:
        env["CRM_CONFIG"] = str(Path(tmp) / "none.toml")
        db = str(Path(tmp) / "crm.sqlite3")
        for kind, path in (("customers", customers_csv), ("holdings", holdings_csv)):
            seconds, _ = run([*crm, "--db", db, "import", kind, str(path)], env)
            results[f"import_{kind}_seconds"] = round(seconds, 2)
        changes = Path(tmp) / "holdings-night-2.csv"
        write_changes(holdings_csv, changes, args.changes)
        seconds, _ = run([*crm, "--db", db, "import", "holdings", str(changes)], env)
        results["import_changes_seconds"] = round(seconds, 2)
        today = [*crm, "--db", db, "followups", "today", "--date", args.date, "--format", "json"]
        daily = [*crm, "--db", db, "report", "daily", "--date", args.date, "--format", "json"]
        for label, extra in (("", []), ("_one_rm", ["--rm", "RM001"])):
            _, items = run([*today, *extra], env)
            _, report = run([*daily, *extra], env)
            document = json.loads(report)
            followup_times, report_times = [], []
            for _ in range(args.runs):
                followup_times.append(run([*today, *extra], env)[0])
                report_times.append(run([*daily, *extra], env)[0])
            followups_s = statistics.median(followup_times)
            report_s = statistics.median(report_times)
            results[f"followup_items{label}"] = len(json.loads(items))
            results[f"at_risk{label}"] = document["churn"]["at_risk"]
            results[f"followups_today_seconds{label}"] = round(followups_s, 3)
            results[f"report_daily_seconds{label}"] = round(report_s, 3)
            results[f"ratio{label}"] = round(report_s / followups_s, 2)
            results[f"report_daily_runs{label}"] = [round(t, 3) for t in report_times]
            results[f"followups_today_runs{label}"] = [round(t, 3) for t in followup_times]
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    for key, value in results.items():
        print(f"{key:34} {value}")
    if results["ratio"] > 5:
        raise SystemExit(1)


if __name__ == "__main__":
    main()
