"""Duplicate detection speed: `crm customers duplicates` on 1,000,000 customers.

Target (the single-customer-view issue): under a minute on these 2-core machines. The data
plants repeats of people under new customer numbers (`--same-person-rate`), which must all
be found as certain pairs.

    python benchmarks/bench_duplicates.py
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--customers", type=int, default=1_000_000)
    parser.add_argument("--rate", type=float, default=0.001, help="share of planted repeats")
    parser.add_argument("--out", type=Path, default=HERE / "results" / "duplicates.json")
    args = parser.parse_args()
    env = {k: v for k, v in os.environ.items() if not k.startswith("CRM_")}
    crm = [sys.executable, "-m", "bankcrm_cli"]
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        env["CRM_CONFIG"] = str(folder / "none.toml")
        subprocess.run(
            [
                sys.executable,
                str(HERE / "generate.py"),
                "--customers",
                str(args.customers),
                "--holdings",
                "1",
                "--out",
                str(folder),
                "--same-person-rate",
                str(args.rate),
            ],
            check=True,
            capture_output=True,
        )
        db = str(folder / "crm.sqlite3")
        subprocess.run(
            [*crm, "--db", db, "import", "customers", str(folder / "customers.csv")],
            check=True,
            capture_output=True,
            env=env,
        )
        start = time.perf_counter()
        out = subprocess.run(
            [*crm, "--db", db, "customers", "duplicates", "--format", "json"],
            check=True,
            capture_output=True,
            env=env,
        ).stdout
        seconds = time.perf_counter() - start
    pairs = json.loads(out)
    results = {
        "customers": args.customers,
        "planted_rate": args.rate,
        "pairs": len(pairs),
        "certain": sum(1 for p in pairs if p["level"] == "certain"),
        "seconds": round(seconds, 2),
    }
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    for key, value in results.items():
        print(f"{key:14} {value}")
    if seconds > 60:
        raise SystemExit(1)


if __name__ == "__main__":
    main()
