"""Everyday read commands against their yardsticks (issue 21, targets 3 and 4), paired.

    python benchmarks/bench_read.py --big COPY_OF_1M_STORE [--pairs 7] [--out FILE]

A. `crm followups today --format json` for the whole bank of a 1,000,000-customer store
   against `crm customers show ID --format json` on the same store (target: at most 1.2x),
   on two days: Friday 2026-12-04 (the other benchmarks' day) and Thursday 2027-09-30 (the
   eve of the National Day week, the largest day of the generated bank).
B. `crm followups today` and `crm customers show ID`, as tables, on the sample bank (`crm
   sample load` into a fresh store) against `sqlite-utils rows STORE customers --limit 1`
   (target: at most 2x). sqlite-utils is the yardstick the issue names: the anchor CLI's
   smallest read of the same store (benchmarks/requirements.txt).

Each comparison runs A B, B A, … (benchmarks/paired.py) and prints the median of the pair
ratios with their spread; the script exits 1 when a median misses its target.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from paired import Side, command, compare, missed, report  # noqa: E402

CRM = [sys.executable, "-P", "-m", "bankcrm_cli"]


def environment(home: Path) -> dict[str, str]:
    """A user of their own (settings, cache folder), the bank's zone, no colour; Python may
    keep compiled modules (with PYTHONDONTWRITEBYTECODE an editable checkout compiles some 60
    modules from source on every run, 0.1 s that an installed crm never pays)."""
    dropped = ("PYTHONPATH", "PYTHONDONTWRITEBYTECODE")
    env = {k: v for k, v in os.environ.items() if not k.startswith("CRM_") and k not in dropped}
    env.update(
        HOME=str(home),
        XDG_CONFIG_HOME=str(home / "config"),
        XDG_DATA_HOME=str(home / "data"),
        XDG_CACHE_HOME=str(home / "cache"),
        CRM_TIMEZONE="Asia/Shanghai",
        CRM_USER="bench",
        NO_COLOR="1",
    )
    return env


def sample_store(folder: Path, env: dict[str, str]) -> Path:
    store = folder / "sample.sqlite3"
    command([*CRM, "--db", str(store), "sample", "load"], env)()
    return store


def comparisons(big: Path | None, sample: Path, customer: str, env: dict[str, str]):
    """(label, A, B, target) for each comparison asked for."""
    beside = Path(sys.executable).parent / "sqlite-utils"  # this venv's, else the PATH's
    sqlite_utils = str(beside) if beside.exists() else shutil.which("sqlite-utils")
    if sqlite_utils is None:
        raise SystemExit("needs sqlite-utils: pip install -r benchmarks/requirements.txt")
    floor = Side("sqlite-utils rows", command([sqlite_utils, "rows", str(sample), "customers",
                                              "--limit", "1"], env))  # fmt: skip
    found = []
    if big is not None:
        show = Side("customers show", command(
            [*CRM, "--db", str(big), "customers", "show", customer, "--format", "json"], env
        ))  # fmt: skip
        for day in ("2026-12-04", "2027-09-30"):
            today = Side(f"followups today {day}", command(
                [*CRM, "--db", str(big), "followups", "today", "--date", day, "--format", "json"],
                env,
            ))  # fmt: skip
            found.append((f"A. whole bank {day}: followups today / customers show",
                           today, show, 1.2))  # fmt: skip
    sample_db = ["--db", str(sample)]
    found.append(("B. sample bank: followups today / sqlite-utils rows", Side(
        "followups today", command([*CRM, *sample_db, "followups", "today", "--date",
                                    "2026-12-04"], env)), floor, 2.0))  # fmt: skip
    found.append(("B. sample bank: customers show / sqlite-utils rows", Side(
        "customers show", command([*CRM, *sample_db, "customers", "show", "0000000001"], env)),
        floor, 2.0))  # fmt: skip
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--big", type=Path, help="a COPY of a 1,000,000-customer store")
    parser.add_argument("--customer", default="0000500000", help="the customer shown in --big")
    parser.add_argument("--pairs", type=int, default=7)
    parser.add_argument("--out", type=Path, help="write the results as JSON here")
    opts = parser.parse_args()
    failed = False
    results = {}
    with tempfile.TemporaryDirectory(prefix="bench-read-") as scratch:
        home = Path(scratch) / "home"
        env = environment(home)
        sample = sample_store(Path(scratch), env)
        for label, a, b, target in comparisons(opts.big, sample, opts.customer, env):
            result = compare(a, b, pairs=opts.pairs)
            print(report(label, result, target), flush=True)
            results[label] = {**result.summary(), "target": target}
            failed |= missed(result, target)
    if opts.out:
        opts.out.parent.mkdir(parents=True, exist_ok=True)
        opts.out.write_text(json.dumps(results, indent=2), encoding="utf-8")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
