"""The workbench (`crm work`) on the 1,000,000-customer store.

    python benchmarks/bench_work.py --store COPY_OF_THE_1M_STORE --rm RM001 --pairs 5

1. The first screen for one RM — from starting the program until the day's list and the first
   customer are shown, the app driven headless by Textual's pilot at 80×24 in a process of its
   own — against `crm followups today --rm CODE --format json` in the same run, paired
   (benchmarks/paired.py). Target: at most 1.5x.
2. Inside one pilot run: moving to the next customer (↓ until the pane shows them) and logging
   a call (ctrl+s in the log form until the list and the customer are read again), each timed
   from the key to the screen updated; the median of --moves moves and --calls calls. Target:
   100 ms of work each.

The store is a copy of the benchmark bank, upgraded to the current schema (`crm db upgrade`);
the calls logged here stay in it. Results go to benchmarks/results/work.json.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

from paired import Side, command, compare, report

DAY = "2026-12-04"
HERE = Path(__file__).resolve().parent


def scope(store: str, rm: str):
    from datetime import date
    from zoneinfo import ZoneInfo

    from bankcrm_cli.io.working_days import CachedWorkingDays
    from bankcrm_cli.services.admin.store import open_for_reading, open_store
    from bankcrm_cli.settings import cache_dir, load_settings, with_overrides
    from bankcrm_cli.tui.session import WorkScope

    settings = with_overrides(load_settings(), db=store)
    day = date.fromisoformat(DAY)
    # As `crm work` builds it: a SQLite file read through sqlite3, the engine made at the first
    # write.
    reader = open_for_reading(settings)
    return WorkScope(
        engine=None if reader is not None else open_store(settings),
        reader=reader,
        open_engine=lambda: open_store(settings),
        settings=settings,
        day=day,
        today=day,
        zone=ZoneInfo("Asia/Shanghai"),
        actor="bench",
        rm_code=rm,
        year_days=CachedWorkingDays(cache_dir()),
    )


async def _until(pilot, done) -> None:
    """Until `done()`: the screen's widgets hold what the work read (the terminal shows it at
    its next frame)."""
    while not done():
        await asyncio.sleep(0.0005)


async def _timed_key(pilot, key: str, done) -> float:
    """Milliseconds from pressing `key` until `done()`: the pilot's press also waits for the
    screen to repaint, which is the terminal's time, not the work's, so it runs alongside."""
    start = time.perf_counter()
    press = asyncio.ensure_future(pilot.press(key))
    await _until(pilot, done)
    elapsed = (time.perf_counter() - start) * 1000
    await press
    return elapsed


async def first_screen(store: str, rm: str) -> None:
    """Start the app as `crm work` does and return once the list and the first customer are
    on the screen."""
    from bankcrm_cli.tui.launch import workbench

    app = workbench(scope(store, rm))
    async with app.run_test(size=(80, 24)) as pilot:
        await _until(pilot, lambda: app.shown_customer is not None and app.busy == 0)


async def moves_and_calls(store: str, rm: str, moves: int, calls: int) -> dict[str, list[float]]:
    from bankcrm_cli.tui.app import WorkApp

    app = WorkApp(scope(store, rm))
    timed: dict[str, list[float]] = {
        "next_customer_ms": [],
        "log_call_ms": [],
        "log_call_with_list_ms": [],
    }
    async with app.run_test(size=(80, 24)) as pilot:
        await _until(pilot, lambda: app.shown_customer is not None and app.busy == 0)
        options = app.query_one("#items")
        for _ in range(moves):
            if options.highlighted == options.option_count - 1:  # at the end: back to the top
                await pilot.press("home")
                await _until(pilot, lambda: app.busy == 0)
            shown = app.panes_shown
            ms = await _timed_key(pilot, "down", lambda s=shown: app.panes_shown > s)
            timed["next_customer_ms"].append(ms)
            await _until(pilot, lambda: app.busy == 0)
        for n in range(calls):
            await pilot.press("c")
            await _until(pilot, lambda: len(app.screen_stack) > 1)
            await pilot.press(*f"bench {n}")
            refreshed, shown = app.refreshes, app.panes_shown
            start = time.perf_counter()
            ms = await _timed_key(pilot, "ctrl+s", lambda s=shown: app.panes_shown > s)
            timed["log_call_ms"].append(ms)  # the call read back into the customer pane
            await _until(pilot, lambda r=refreshed: app.refreshes > r and app.busy == 0)
            timed["log_call_with_list_ms"].append((time.perf_counter() - start) * 1000)
    return timed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--store", required=True)
    parser.add_argument("--rm", default="RM001")
    parser.add_argument("--pairs", type=int, default=5)
    parser.add_argument("--moves", type=int, default=40)
    parser.add_argument("--calls", type=int, default=15)
    parser.add_argument("--first-screen", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.first_screen:  # the workbench side of a pair, in its own process
        asyncio.run(first_screen(args.store, args.rm))
        return
    env = {k: v for k, v in os.environ.items() if k not in ("COLUMNS", "LINES")}
    env["CRM_USER"] = "bench"
    work = [sys.executable, str(Path(__file__)), "--store", args.store, "--rm", args.rm]
    today = [sys.executable, "-m", "bankcrm_cli", "--db", args.store, "followups", "today"]
    today += ["--date", DAY, "--rm", args.rm, "--format", "json"]
    pair = compare(
        Side("crm work, first screen", command([*work, "--first-screen"], env)),
        Side("crm followups today --rm", command(today, env)),
        pairs=args.pairs,
    )
    print(report("first screen / followups today --rm", pair, target=1.5))
    timed = asyncio.run(moves_and_calls(args.store, args.rm, args.moves, args.calls))
    summary = {name: _stats(values) for name, values in timed.items()}
    for name, stats in summary.items():
        print(f"{name}: median {stats['median']:.1f} ms ({stats['low']:.1f}-{stats['high']:.1f})")
    load = subprocess.run(["uptime"], capture_output=True, text=True).stdout.strip()
    out = {"first_screen": pair.summary(), **summary, "uptime": load, "rm": args.rm}
    (HERE / "results").mkdir(exist_ok=True)
    (HERE / "results" / "work.json").write_text(json.dumps(out, indent=2) + "\n")
    print(load)


def _stats(values: list[float]) -> dict[str, float]:
    return {
        "median": round(statistics.median(values), 2),
        "low": round(min(values), 2),
        "high": round(max(values), 2),
        "n": len(values),
    }


if __name__ == "__main__":
    main()
