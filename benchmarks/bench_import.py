"""Import speed, paired: `crm import customers` against its floor and against sqlite-utils.

1. 1,000,000 customers into an empty store against the floor: Python's `csv` reading the file
   plus one raw `sqlite3` `executemany` into a table with the file's columns as TEXT, an integer
   primary key and UNIQUE(customer_id), in one transaction, WAL, synchronous=NORMAL.
   Targets (issue 21): at most 2.0x the floor's wall time and 3x its CPU time.
2. The same file cut to 200,000 rows against `sqlite-utils insert STORE customers FILE --csv`
   (pip install -r benchmarks/requirements.txt). Target: at most 0.1x.

Each comparison runs the two sides in turn, A B then B A (benchmarks/paired.py), at least 5
pairs after one warm-up each, and reports the median of the pair ratios with their spread.
The script exits 1 when a target is missed.

    python benchmarks/generate.py --customers 1000000 --holdings 0 --out benchmarks/data/big
    python benchmarks/bench_import.py               # benchmarks/data/big/customers.csv
    python benchmarks/bench_import.py --file F --only floor --pairs 7
    python benchmarks/bench_import.py --file F --crm 'PYTHONPATH=/old python -P -m bankcrm_cli'
"""

from __future__ import annotations

import argparse
import hashlib
import itertools
import json
import os
import shlex
import shutil
import sqlite3
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from paired import Side, compare, missed, report  # noqa: E402

FLOOR_SCRIPT = r"""
import csv, sqlite3, sys
path, db = sys.argv[1], sys.argv[2]
conn = sqlite3.connect(db, isolation_level=None)
conn.execute("PRAGMA journal_mode=WAL")
conn.execute("PRAGMA synchronous=NORMAL")
with open(path, newline="", encoding="utf-8") as fh:
    reader = csv.reader(fh)
    header = next(reader)
    columns = ", ".join(f'"{name}" TEXT' for name in header)
    conn.execute(f"CREATE TABLE customers (id INTEGER PRIMARY KEY, {columns}, UNIQUE(customer_id))")
    names = ", ".join(f'"{name}"' for name in header)
    marks = ", ".join("?" * len(header))
    conn.execute("BEGIN")
    conn.executemany(f"INSERT INTO customers ({names}) VALUES ({marks})", reader)
    conn.execute("COMMIT")
"""

# The customers table's columns an import writes from the file (its timestamps and the
# consent source differ run to run by design).
_COMPARED = (
    "customer_id, name, id_number, id_number_raw, gender, birth_date, birth_mmdd, "
    "lunar_birthday, lunar_mmdd, phone, email, fax, address, postal_code, branch, rm_code, "
    "aum_cents, consent_email, consent_sms, consent_phone, consent_mail, consent_fax"
)


def cut(path: Path, rows: int, out: Path) -> Path:
    """The file's header and first `rows` rows (lines: the generator writes one per row)."""
    if not out.exists():
        with path.open(encoding="utf-8") as src, out.open("w", encoding="utf-8") as dst:
            dst.writelines(itertools.islice(src, rows + 1))
    return out


def run(cmd: list[str], env: dict[str, str] | None = None) -> str:
    done = subprocess.run(cmd, capture_output=True, env=env, text=True)
    if done.returncode != 0:
        raise SystemExit(f"{shlex.join(cmd)} exited {done.returncode}: {done.stderr[-2000:]}")
    return done.stdout


def remove_store(db: Path) -> None:
    for suffix in ("", "-wal", "-shm", ".lock"):
        Path(f"{db}{suffix}").unlink(missing_ok=True)


def crm_side(crm: list[str], env: dict[str, str], file: Path, rms: Path | None, db: Path) -> Side:
    """`crm import customers FILE` into an empty store (RMs imported first, outside the time)."""

    def prepare() -> None:
        remove_store(db)
        if rms is not None:
            run([*crm, "--db", str(db), "rms", "import", str(rms)], env)

    def import_customers() -> None:
        cmd = [*crm, "--db", str(db), "import", "customers", str(file), "--format", "json"]
        summary = json.loads(run(cmd, env))
        if summary["rejected"] or not summary["written"]:
            raise SystemExit(f"the import did not take every row: {summary}")

    return Side("crm import customers", import_customers, prepare)


def floor_side(file: Path, db: Path) -> Side:
    def prepare() -> None:
        remove_store(db)

    def load() -> None:
        run([sys.executable, "-c", FLOOR_SCRIPT, str(file), str(db)])

    return Side("floor (csv + executemany)", load, prepare)


def sqlite_utils_side(file: Path, db: Path) -> Side:
    exe = shutil.which("sqlite-utils")
    if exe is None:
        raise SystemExit("sqlite-utils is missing: pip install -r benchmarks/requirements.txt")

    def prepare() -> None:
        remove_store(db)

    def load() -> None:
        run([exe, "insert", str(db), "customers", str(file), "--csv"])

    return Side("sqlite-utils insert --csv", load, prepare)


def rows_digest(db: Path) -> tuple[int, str]:
    """How many customers the store holds, and a SHA-256 of their imported values in order."""
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    digest = hashlib.sha256()
    count = 0
    for row in conn.execute(f"SELECT {_COMPARED} FROM customers ORDER BY customer_id"):
        digest.update(repr(row).encode())
        count += 1
    conn.close()
    return count, digest.hexdigest()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--file", type=Path, default=HERE / "data" / "big" / "customers.csv")
    parser.add_argument("--rms", type=Path, help="RMs imported first (default: rms.csv beside)")
    parser.add_argument("--pairs", type=int, default=5)
    parser.add_argument("--small-rows", type=int, default=200_000)
    parser.add_argument("--only", choices=("floor", "sqlite-utils"))
    parser.add_argument("--crm", help="the crm command (default: this Python's -P -m bankcrm_cli)")
    parser.add_argument("--digest", action="store_true", help="print the imported rows' SHA-256")
    parser.add_argument("--out", type=Path, default=HERE / "results" / "import.json")
    args = parser.parse_args()

    env = {k: v for k, v in os.environ.items() if not k.startswith("CRM_")}
    crm = [sys.executable, "-P", "-m", "bankcrm_cli"]
    if args.crm:
        words = shlex.split(args.crm)
        while words and "=" in words[0]:
            name, _, value = words.pop(0).partition("=")
            env[name] = value
        crm = words
    rms = args.rms or args.file.with_name("rms.csv")
    rms = rms if rms.exists() else None
    results: dict[str, object] = {"file": str(args.file), "pairs": args.pairs}
    failed = False
    with tempfile.TemporaryDirectory(prefix="bench-import-") as tmp:
        work = Path(tmp)
        env["CRM_CONFIG"] = str(work / "none.toml")
        store = work / "crm.sqlite3"
        if args.only in (None, "floor"):
            paired = compare(
                crm_side(crm, env, args.file, rms, store),
                floor_side(args.file, work / "floor.sqlite3"),
                pairs=args.pairs,
            )
            print(report("import customers / floor, wall", paired, target=2.0))
            summary = paired.summary()
            print(f"  CPU: {summary['cpu_ratio']}x (spread {summary['cpu_spread']}; target <= 3)")
            results["floor"] = summary
            failed |= missed(paired, 2.0) or (summary["cpu_ratio"] or 0) > 3.0
            if args.digest:
                count, digest = rows_digest(store)
                results["digest"] = {"rows": count, "sha256": digest}
                print(f"  customers table: {count} rows, sha256 {digest}")
        if args.only in (None, "sqlite-utils"):
            small = cut(args.file, args.small_rows, work / f"customers-{args.small_rows}.csv")
            paired = compare(
                crm_side(crm, env, small, rms, store),
                sqlite_utils_side(small, work / "sqlite-utils.sqlite3"),
                pairs=args.pairs,
            )
            print(report(f"import customers / sqlite-utils, {args.small_rows:,} rows", paired, 0.1))
            results["sqlite_utils"] = paired.summary()
            failed |= missed(paired, 0.1)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    if failed:
        raise SystemExit(1)


if __name__ == "__main__":
    main()
