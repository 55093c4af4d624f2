"""Follow-up speed: `crm followups today` and `crm --version` against floors in the same run.

Targets (the follow-ups issue): on 1,000,000 customers and 2,000,000 holdings, the whole
`crm followups today` at most 1.5x the wall time of `crm customers show <one id>` on the same
store (the query must use indexes, not scan); `crm --version` at most 1.5x a minimal Typer app.
Each ratio is taken round by round, a command against its floor's run of the same round, and
the script exits 1 when the median of those is above 1.5. The ratio of the two medians is
printed beside it.

    python benchmarks/bench_followups.py
"""

from __future__ import annotations

import argparse
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


def timed_rounds(
    commands: dict[str, list[str]], env: dict[str, str], runs: int = 7
) -> dict[str, list[float]]:
    """Wall seconds of each command in each of `runs` rounds (after one warm-up each).

    The commands take turns within a round, each round starting one further along, so a
    command and its floor meet the same load on a shared machine.
    """
    for cmd in commands.values():
        subprocess.run(cmd, env=env, check=True, capture_output=True)
    names = list(commands)
    times: dict[str, list[float]] = {name: [] for name in names}
    for round_ in range(runs):
        shift = round_ % len(names)
        for name in names[shift:] + names[:shift]:
            start = time.perf_counter()
            subprocess.run(commands[name], env=env, check=True, capture_output=True)
            times[name].append(time.perf_counter() - start)
    return times


def paired_ratio(times: dict[str, list[float]], command: str, floor: str) -> float:
    """The median over rounds of the command's time over its floor's in the same round."""
    return statistics.median(a / b for a, b in zip(times[command], times[floor], strict=True))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--customers", type=int, default=1_000_000)
    parser.add_argument("--holdings", type=int, default=2_000_000)
    parser.add_argument("--data", type=Path, default=HERE / "data")
    parser.add_argument("--date", default="2026-12-04", help="the run day (a Friday)")
    parser.add_argument("--out", type=Path, default=HERE / "results" / "followups.json")
    parser.add_argument("--runs", type=int, default=7, help="rounds of the interleaved runs")
    parser.add_argument(
        "--store",
        type=Path,
        help="a store of the same data, kept: imported into when the file is new, else reused",
    )
    args = parser.parse_args()
    customers_csv, holdings_csv = generate(args.data, args.customers, args.holdings)
    env = {k: v for k, v in os.environ.items() if not k.startswith("CRM_")}
    crm = [sys.executable, "-m", "bankcrm_cli"]
    with tempfile.TemporaryDirectory() as tmp:
        env["CRM_CONFIG"] = str(Path(tmp) / "none.toml")
        db = str(args.store or Path(tmp) / "crm.sqlite3")
        reuse = args.store is not None and args.store.exists()
        imports = () if reuse else (("customers", customers_csv), ("holdings", holdings_csv))
        for kind, path in imports:
            subprocess.run(
                [*crm, "--db", db, "import", kind, str(path)],
                env=env,
                check=True,
                capture_output=True,
            )
        today = [*crm, "--db", db, "followups", "today", "--date", args.date, "--format", "json"]
        items = json.loads(subprocess.run(today, env=env, check=True, capture_output=True).stdout)
        show = [*crm, "--db", db, "customers", "show", "0000000042", "--format", "json"]
        one_rm = [*today, "--rm", "RM001"]
        rm_items = json.loads(
            subprocess.run(one_rm, env=env, check=True, capture_output=True).stdout
        )
        times = timed_rounds(
            {
                "today": today,
                "one_rm": one_rm,
                "show": show,
                "version": [*crm, "--version"],
                "minimal": [sys.executable, "-c", "import typer; typer.run(lambda: None)"],
            },
            env,
            runs=args.runs,
        )
        seconds = {name: statistics.median(values) for name, values in times.items()}
        followups_s, followups_rm_s, show_s = seconds["today"], seconds["one_rm"], seconds["show"]
        version_s, minimal_s = seconds["version"], seconds["minimal"]
    results = {
        "customers": args.customers,
        "holdings": args.holdings,
        "date": args.date,
        "items": len(items),
        "followups_today_seconds": round(followups_s, 3),
        "customers_show_seconds": round(show_s, 3),
        "followups_ratio": round(followups_s / show_s, 2),
        "items_one_rm": len(rm_items),
        "followups_one_rm_seconds": round(followups_rm_s, 3),
        "followups_one_rm_ratio": round(followups_rm_s / show_s, 2),
        "version_seconds": round(version_s, 3),
        "minimal_typer_seconds": round(minimal_s, 3),
        "version_ratio": round(version_s / minimal_s, 2),
        # The same ratios taken round by round (each run against its floor's run of the same
        # round), then their median: what a drift in the machine's speed during the run moves
        # least.
        "followups_ratio_paired": round(paired_ratio(times, "today", "show"), 2),
        "followups_one_rm_ratio_paired": round(paired_ratio(times, "one_rm", "show"), 2),
        "version_ratio_paired": round(paired_ratio(times, "version", "minimal"), 2),
        "rounds_seconds": {name: [round(t, 3) for t in values] for name, values in times.items()},
    }
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    for key, value in results.items():
        if key != "rounds_seconds":
            print(f"{key:30} {value}")
    # The targets are judged round by round: a median of one command's rounds against a
    # median of its floor's may pair a fast stretch of the machine with a slow one.
    if results["followups_ratio_paired"] > 1.5 or results["version_ratio_paired"] > 1.5:
        raise SystemExit(1)


if __name__ == "__main__":
    main()
