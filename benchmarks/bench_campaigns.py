"""Campaigns on the 1,000,000-customer store: targeting 100,000 members with a holdout, and
`crm campaigns report` against `crm followups today` in the same run.

    python benchmarks/bench_campaigns.py --store benchmarks/data/campaigns.sqlite3 --pairs 5

The store is a copy of the benchmark bank (benchmarks/README.md, "Generate data"; it is
upgraded to the current schema first). Each targeting run makes a new campaign and adds the
100,000 customers with the highest AUM (`--aum-min` set to the 100,000th AUM), 10 % holdout.
Half of the last campaign's other members are then marked contacted on a day in the window,
so the report attributes conversions for real. The report (json) and the whole bank's
follow-ups for a day (json) then run in turn, A B A B, for --pairs pairs after one warm-up
each; each pair gives a ratio report/followups, and the median ratio is reported with its
spread (min–max). Results go to benchmarks/results/campaigns.json.
"""

from __future__ import annotations

import argparse
import json
import os
import sqlite3
import statistics
import subprocess
import sys
import time
from pathlib import Path

TARGETS = 100_000
DAY = "2026-12-04"


def crm(store: str, *args: str) -> float:
    start = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "bankcrm_cli", "--db", store, *args],
        check=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env={**os.environ, "CRM_USER": "bench"},
    )
    return time.perf_counter() - start


def aum_floor(store: str) -> int:
    """The AUM (yuan) of the 100,000th richest customer."""
    with sqlite3.connect(store) as db:
        cents = db.execute(
            "SELECT aum_cents FROM customers ORDER BY aum_cents DESC LIMIT 1 OFFSET ?",
            (TARGETS - 1,),
        ).fetchone()[0]
    return cents // 100 + (1 if cents % 100 else 0)


def mark_contacted(store: str, name: str) -> None:
    """Half of the campaign's non-holdout members contacted by phone on 2026-11-20 (benchmark
    data: a real campaign gets there by calls and mail)."""
    with sqlite3.connect(store) as db:
        db.execute(
            "UPDATE campaign_members SET status = 'contacted', first_channel = 'phone', "
            "first_contact_at = '2026-11-20 02:00:00.000000', contacted_by = 'bench' "
            "WHERE campaign_id = (SELECT id FROM campaigns WHERE name = ?) "
            "AND holdout = 0 AND id % 2 = 0",
            (name,),
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--store", default="benchmarks/data/campaigns.sqlite3")
    parser.add_argument("--pairs", type=int, default=5)
    parser.add_argument("--targeting-runs", type=int, default=3)
    args = parser.parse_args()
    store = args.store
    crm(store, "db", "upgrade")
    floor = aum_floor(store)
    stamp = str(int(time.time()))
    targeting = []
    for run in range(args.targeting_runs):
        name = f"bench-{stamp}-{run}"
        crm(store, "campaigns", "create", name, "--title", "基准", "--product-type", "fund",
            "--holdout", "10", "--start", "2026-11-20")  # fmt: skip
        targeting.append(crm(store, "campaigns", "target", name, "--aum-min", str(floor)))
        if run < args.targeting_runs - 1:
            crm(store, "campaigns", "close", name)
    mark_contacted(store, name)
    report = ["campaigns", "report", name, "--format", "json", "--date", DAY]
    followups = ["followups", "today", "--date", DAY, "--format", "json"]
    crm(store, *report)
    crm(store, *followups)
    pairs = []
    for _ in range(args.pairs):
        a = crm(store, *followups)
        b = crm(store, *report)
        pairs.append((a, b))
    ratios = [b / a for a, b in pairs]
    result = {
        "targets": TARGETS,
        "targeting_seconds": targeting,
        "targeting_median": statistics.median(targeting),
        "followups_today_seconds": [a for a, _ in pairs],
        "campaign_report_seconds": [b for _, b in pairs],
        "ratio_median": statistics.median(ratios),
        "ratio_min": min(ratios),
        "ratio_max": max(ratios),
    }
    out = Path("benchmarks/results/campaigns.json")
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(result, indent=2) + "\n")
    print(json.dumps(result, indent=2))
    if result["targeting_median"] > 10 or result["ratio_median"] > 2:
        sys.exit(1)


if __name__ == "__main__":
    main()
