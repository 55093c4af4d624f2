"""Import speed on PostgreSQL, beside SQLite's, on the same generated bank in the same run.

`crm import customers` (into an empty store, then the same file again) and `crm import
holdings` are timed against a PostgreSQL store (a fresh schema in the database --url names,
dropped afterwards) and against a SQLite file. The PostgreSQL floor is the server's own CSV
COPY of the same file into a table of text columns with the customer number as primary key
(no parsing, no validation), and again with the store's four secondary indexes (ID number,
phone, RM, birth date) as the real table has them. The server's settings that matter for a
bulk load are recorded with the results.

    python benchmarks/bench_import_pg.py --url postgresql+psycopg:///crm_bench?host=/var/run/postgresql
    python benchmarks/bench_import_pg.py --url ... --customers 100000 --holdings 200000
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(HERE))

from bench_data import generate, timed  # noqa: E402

# What decides how fast a bulk load can be, and whether it is durable.
SETTINGS = (
    "server_version",
    "shared_buffers",
    "max_wal_size",
    "checkpoint_timeout",
    "wal_level",
    "fsync",
    "synchronous_commit",
    "full_page_writes",
    "maintenance_work_mem",
    "work_mem",
)


def _schema_url(url: str, schema: str | None) -> str:
    from sqlalchemy.engine import make_url

    parsed = make_url(url)
    query = dict(parsed.query)
    if schema:
        query["options"] = f"-csearch_path={schema}"
    else:
        query.pop("options", None)
    return parsed.set(query=query).render_as_string(hide_password=False)


def _connect(url: str):
    import psycopg
    from sqlalchemy.engine import make_url

    parsed = make_url(url)
    params = {k: v for k, v in parsed.query.items() if k in ("host", "port", "options")}
    return psycopg.connect(
        dbname=parsed.database,
        user=parsed.username,
        password=parsed.password,
        host=parsed.host or params.get("host"),
        port=parsed.port or params.get("port"),
        options=params.get("options"),
        autocommit=True,
    )


def server_settings(url: str) -> dict[str, str]:
    with _connect(url) as conn:
        return {name: conn.execute(f"SHOW {name}").fetchone()[0] for name in SETTINGS}


def pg_floor(url: str, schema: str, path: Path, with_indexes: bool) -> float:
    """Seconds for the server to COPY the CSV into text columns (and indexes), committed."""
    with _connect(url) as conn:
        header = path.open(encoding="utf-8").readline().strip().split(",")
        table = f'"{schema}".floor_{"indexed" if with_indexes else "plain"}'
        columns = ", ".join(f'"{name}" text' for name in header)
        conn.execute(
            f"CREATE TABLE {table} ({columns}, created_at timestamptz DEFAULT now(),"
            " updated_at timestamptz DEFAULT now(), PRIMARY KEY (customer_id))"
        )
        if with_indexes:
            for column in ("id_number", "phone", "rm_code", "birth_date"):
                conn.execute(f'CREATE INDEX ON {table} ("{column}")')
        start = time.perf_counter()
        with conn.transaction(), conn.cursor() as cursor:
            names = ", ".join(f'"{name}"' for name in header)
            with (
                cursor.copy(f"COPY {table} ({names}) FROM STDIN (FORMAT csv, HEADER)") as copy,
                open(path, "rb") as data,
            ):
                while chunk := data.read(1 << 20):
                    copy.write(chunk)
        elapsed = time.perf_counter() - start
        conn.execute(f"DROP TABLE {table}")
    return elapsed


def run_store(label: str, db: str, files: dict[str, Path], env, n: int, m: int) -> dict:
    """Time the three imports against one store; checks their counts."""
    base = [sys.executable, "-m", "bankcrm_cli", "--db", db]

    def crm_import(kind: str, name: str) -> tuple[float, int, dict]:
        wall, rss, out = timed([*base, "import", kind, str(files[name]), "-f", "json"], env)
        return wall, rss, json.loads(out)

    timed([*base, "rms", "import", str(files["rms"])], env)
    wall, rss, summary = crm_import("customers", "customers")
    assert summary["inserted"] == n, summary
    again, _, summary = crm_import("customers", "customers")
    assert summary["unchanged"] == n, summary
    h_wall, h_rss, summary = crm_import("holdings", "holdings")
    assert summary["inserted"] == m, summary
    print(f"{label}: customers {wall:.1f} s, again {again:.1f} s, holdings {h_wall:.1f} s")
    return {
        "import_customers_seconds": round(wall, 2),
        "import_customers_peak_rss_mib": rss,
        "reimport_unchanged_seconds": round(again, 2),
        "import_holdings_seconds": round(h_wall, 2),
        "import_holdings_peak_rss_mib": h_rss,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", required=True, help="a PostgreSQL database you may create in")
    parser.add_argument("--customers", type=int, default=1_000_000)
    parser.add_argument("--holdings", type=int, default=2_000_000)
    parser.add_argument("--data", type=Path, default=HERE / "data")
    parser.add_argument("--out", type=Path, default=HERE / "results" / "import-postgresql.json")
    parser.add_argument("--no-sqlite", action="store_true", help="skip the SQLite side")
    args = parser.parse_args()

    from bankcrm_cli.store.engine import resolve_url

    url = resolve_url(args.url)
    customers_csv, holdings_csv = generate(args.data, args.customers, args.holdings)
    files = {
        "customers": customers_csv,
        "holdings": holdings_csv,
        "rms": customers_csv.with_name("rms.csv"),
    }
    env = {k: v for k, v in os.environ.items() if not k.startswith("CRM_")}
    results: dict[str, object] = {
        "customers": args.customers,
        "holdings": args.holdings,
        "file_mib": round(customers_csv.stat().st_size / 2**20, 1),
        "server": server_settings(url),
    }
    schema = f"bench_{os.getpid()}"
    with _connect(url) as conn:
        conn.execute(f'CREATE SCHEMA "{schema}"')
    try:
        with tempfile.TemporaryDirectory() as tmp:
            env["CRM_CONFIG"] = str(Path(tmp) / "none.toml")
            floor_plain = pg_floor(url, schema, customers_csv, with_indexes=False)
            floor_indexed = pg_floor(url, schema, customers_csv, with_indexes=True)
            print(f"postgresql floor: {floor_plain:.1f} s, with indexes {floor_indexed:.1f} s")
            pg = run_store(
                "postgresql",
                _schema_url(url, schema),
                files,
                env,
                args.customers,
                args.holdings,
            )
            pg.update(
                floor_copy_csv_seconds=round(floor_plain, 2),
                floor_copy_csv_same_indexes_seconds=round(floor_indexed, 2),
                ratio=round(pg["import_customers_seconds"] / floor_plain, 2),
                ratio_vs_same_indexes_floor=round(
                    pg["import_customers_seconds"] / floor_indexed, 2
                ),
            )
            results["postgresql"] = pg
            if not args.no_sqlite:
                db = str(Path(tmp) / "crm.sqlite3")
                results["sqlite"] = run_store(
                    "sqlite", db, files, env, args.customers, args.holdings
                )
    finally:
        with _connect(url) as conn:
            conn.execute(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE')
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    print(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
