"""Two versions of crm, the same commands, in turn: is the new one slower beyond the noise?

Each version is a Python interpreter with its own crm installed (a venv's python). For every
command the two versions run in turn (A B, then B A, …) on the same store, after one warm-up
each; each pair gives a ratio new/old, and the median of the ratios is reported with their
spread (min–max). A store written by either version serves both when the schema is the same.

    python benchmarks/compare_versions.py --old OLD_VENV/bin/python --new NEW_VENV/bin/python \\
        --store benchmarks/data/big.sqlite3 --customer 0000500000 --pairs 7

Exits 1 when a command's median ratio is above --limit (default 1.10).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path


def commands(store: str, customer: str, day: str, rm: str) -> dict[str, list[str]]:
    """The everyday commands that the benchmarks time, as arguments after `crm`."""
    db = ["--db", store]
    return {
        "followups today (whole bank, json)": [
            *db, "followups", "today", "--date", day, "--format", "json",
        ],
        f"followups today --rm {rm}": [*db, "followups", "today", "--date", day, "--rm", rm],
        "followups upcoming --days 10 (csv)": [
            *db, "followups", "upcoming", "--date", day, "--days", "10", "--format", "csv",
        ],
        "customers show (json)": [*db, "customers", "show", customer, "--format", "json"],
        "report daily (json)": [*db, "report", "daily", "--date", day, "--format", "json"],
        "--version": ["--version"],
    }  # fmt: skip


def run_once(python: str, args: list[str], env: dict[str, str]) -> tuple[float, float]:
    """Wall seconds and CPU seconds (user + system) of one run."""
    fresh = [a.removeprefix("FRESH:") for a in args if a.startswith("FRESH:")]
    for path in fresh:  # a store that must start empty for each run (an import)
        for suffix in ("", "-wal", "-shm"):
            Path(path + suffix).unlink(missing_ok=True)
    args = [a.removeprefix("FRESH:") for a in args]
    before = os.times()
    start = time.perf_counter()
    subprocess.run(
        [python, "-P", "-m", "bankcrm_cli", *args],  # -P: not the current folder's code
        env=env,
        check=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    wall = time.perf_counter() - start
    after = os.times()
    user = after.children_user - before.children_user
    return wall, user + after.children_system - before.children_system


def compare(
    old: str,
    new: str,
    args: list[str],
    pairs: int,
    env: dict[str, str],
    old_args: list[str] | None = None,
) -> dict[str, object]:
    old_args = args if old_args is None else old_args
    run_once(old, old_args, env)
    run_once(new, args, env)
    ratios, olds, news, cpu_ratios = [], [], [], []
    for i in range(pairs):
        if i % 2 == 0:
            (a, a_cpu) = run_once(old, old_args, env)
            (b, b_cpu) = run_once(new, args, env)
        else:
            (b, b_cpu) = run_once(new, args, env)
            (a, a_cpu) = run_once(old, old_args, env)
        olds.append(a)
        news.append(b)
        ratios.append(b / a)
        if a_cpu > 0:
            cpu_ratios.append(b_cpu / a_cpu)
    return {
        "old_s": statistics.median(olds),
        "new_s": statistics.median(news),
        "ratio": statistics.median(ratios),
        "spread": [min(ratios), max(ratios)],
        "ratios": ratios,
        # CPU seconds move less with the machine's load than wall seconds.
        "cpu_ratio": statistics.median(cpu_ratios) if cpu_ratios else None,
        "cpu_spread": [min(cpu_ratios), max(cpu_ratios)] if cpu_ratios else None,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--old", required=True, help="python of the old version's venv")
    parser.add_argument("--new", required=True, help="python of the new version's venv")
    parser.add_argument("--store", required=True, help="a store both versions can read")
    parser.add_argument(
        "--old-store",
        help="the old version's copy of the same store, when the new one has a newer schema "
        "(default: --store)",
    )
    parser.add_argument(
        "--only", action="append", help="time only the commands whose name contains this"
    )
    parser.add_argument("--customer", default="0000500000")
    parser.add_argument("--rm", default="RM001")
    parser.add_argument("--date", default="2026-12-04")
    parser.add_argument("--pairs", type=int, default=7)
    parser.add_argument("--limit", type=float, default=1.10)
    parser.add_argument("--import-file", help="also time `crm import customers FILE`, empty store")
    parser.add_argument("--only-import", action="store_true", help="time the import alone")
    parser.add_argument("--out", type=Path, help="write the results as JSON here")
    opts = parser.parse_args()
    if opts.pairs < 5:
        parser.error("--pairs must be at least 5")
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    env.update(NO_COLOR="1", CRM_TIMEZONE="Asia/Shanghai", CRM_USER="bench")
    results = {}
    todo = {} if opts.only_import else commands(opts.store, opts.customer, opts.date, opts.rm)
    if opts.import_file:
        scratch = str(Path(opts.store).with_name("compare-import.sqlite3"))
        todo["import customers (empty store)"] = [
            "--db", f"FRESH:{scratch}", "import", "customers", opts.import_file,
        ]  # fmt: skip
    if opts.only:
        todo = {name: args for name, args in todo.items() if any(o in name for o in opts.only)}
    for name, args in todo.items():
        old_args = args
        if opts.old_store:
            old_args = [opts.old_store if a == opts.store else a for a in args]
        result = compare(opts.old, opts.new, args, opts.pairs, env, old_args)
        results[name] = result
        low, high = result["spread"]
        cpu = ""
        if result["cpu_ratio"] is not None:
            cpu_low, cpu_high = result["cpu_spread"]
            cpu = f"  CPU {result['cpu_ratio']:.2f} ({cpu_low:.2f}–{cpu_high:.2f})"
        print(
            f"{name:40} old {result['old_s']:.3f} s  new {result['new_s']:.3f} s  "
            f"new/old {result['ratio']:.2f} ({low:.2f}–{high:.2f}, {opts.pairs} pairs){cpu}",
            flush=True,
        )
    if opts.out:
        opts.out.parent.mkdir(parents=True, exist_ok=True)
        opts.out.write_text(json.dumps(results, indent=2), encoding="utf-8")
    slower = [name for name, r in results.items() if r["ratio"] > opts.limit]
    if slower:
        print(f"slower than {opts.limit}x: {', '.join(slower)}", file=sys.stderr)
        sys.exit(1)


if __name__ == "__main__":
    main()
