"""Row-level security's cost for an RM's morning: `crm followups today` as the RM's own login
against the same command as the tables' owner, on the same PostgreSQL store in the same run.

Target (issue 20): on 1,000,000 customers with 200 RMs, the RM's login within 1.3x of the
owner running `crm followups today --rm CODE`. Both connect the same way (TCP to 127.0.0.1
with a password from a pgpass file written here, mode 0600; never on a command line), and
must print the same follow-ups. Runs are paired owner-then-RM (A B A B …); the ratio is the
median of the per-pair ratios, printed with its spread; exit 1 above the limit.

The store is a schema of the database --url names (a superuser's URL: it creates the owner
role, which needs CREATEROLE for the store's group roles); --keep leaves it for another run,
which then skips the import.

    python benchmarks/bench_rls.py --url 'postgresql+psycopg:///crm_bench?host=/var/run/postgresql'
    python benchmarks/bench_rls.py --url ... --customers 200000 --holdings 200000
"""

from __future__ import annotations

import argparse
import json
import os
import secrets
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT))

LIMIT = 1.3
DAY = "2026-12-04"
SCHEMA = os.environ.get("BENCH_RLS_SCHEMA", "bench_rls")
OWNER = "bench_rls_owner"
RM_LOGIN = "bench_rls_rm"


def _admin(url: str):
    import psycopg
    from sqlalchemy.engine import make_url

    parsed = make_url(url)
    return psycopg.connect(
        host=parsed.query.get("host") or parsed.host,
        port=int(parsed.query.get("port") or parsed.port or 5432),
        dbname=parsed.database,
        user=parsed.username,
        autocommit=True,
    )


def _set_password(conn, role: str, password: str) -> None:
    """Set a role's password as a SCRAM verifier computed here (the server never logs it)."""
    verifier = conn.pgconn.encrypt_password(password.encode(), role.encode(), b"scram-sha-256")
    conn.execute(f"ALTER ROLE \"{role}\" PASSWORD '{verifier.decode()}'")


def login_url(url: str, login: str) -> str:
    from sqlalchemy.engine import make_url

    parsed = make_url(url)
    port = int(parsed.query.get("port") or parsed.port or 5432)
    return parsed.set(
        username=login,
        host="127.0.0.1",
        port=port,
        query={"options": f"-csearch_path={SCHEMA}"},
    ).render_as_string(hide_password=False)


def crm(args: list[str], env: dict[str, str]) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "bankcrm_cli", *args], env=env, capture_output=True, check=True
    )


def prepare(
    url: str, data: Path, env: dict[str, str], rm_code: str, passwords: dict[str, str]
) -> None:
    """Owner role and schema, the bank imported as the owner, the RM's login added."""
    with _admin(url) as conn:
        if not conn.execute("SELECT 1 FROM pg_roles WHERE rolname = %s", (OWNER,)).fetchone():
            conn.execute(f'CREATE ROLE "{OWNER}" LOGIN CREATEROLE')
        _set_password(conn, OWNER, passwords[OWNER])
        exists = conn.execute("SELECT 1 FROM pg_namespace WHERE nspname = %s", (SCHEMA,)).fetchone()
        if exists:
            _set_password(conn, RM_LOGIN, passwords[RM_LOGIN])
            return
        conn.execute(f'GRANT CREATE ON DATABASE "{conn.info.dbname}" TO "{OWNER}"')
        conn.execute(f'CREATE SCHEMA "{SCHEMA}" AUTHORIZATION "{OWNER}"')
    owner = ["--db", login_url(url, OWNER)]
    started = time.perf_counter()
    crm([*owner, "db", "upgrade"], env)
    crm([*owner, "rms", "import", str(data / "rms.csv")], env)
    crm([*owner, "import", "customers", str(data / "customers.csv")], env)
    crm([*owner, "import", "holdings", str(data / "holdings.csv")], env)
    print(f"imported as the owner in {time.perf_counter() - started:.0f} s", file=sys.stderr)
    crm([*owner, "users", "add", RM_LOGIN, "--rm", rm_code, "--role", "rm"], env)
    with _admin(url) as conn:
        _set_password(conn, RM_LOGIN, passwords[RM_LOGIN])
        conn.execute(f'VACUUM ANALYZE "{SCHEMA}".customers')
        conn.execute(f'VACUUM ANALYZE "{SCHEMA}".holdings')


def busiest_rm(data: Path) -> str:
    """The RM with the most customers in the generated file (the heaviest morning)."""
    import csv
    from collections import Counter

    with open(data / "customers.csv", encoding="utf-8-sig", newline="") as handle:
        reader = csv.DictReader(handle)
        return Counter(row["rm_code"] for row in reader).most_common(1)[0][0]


def paired_runs(
    owner: list[str], rm: list[str], env: dict[str, str], pairs: int
) -> tuple[list[float], list[float]]:
    """Wall seconds of A (owner) then B (the RM) in each pair, after one warm-up each."""
    first_owner = crm(owner, env).stdout
    first_rm = crm(rm, env).stdout
    if json.loads(first_owner) != json.loads(first_rm):
        raise SystemExit("the RM's login and the owner print different follow-ups")
    a, b = [], []
    for _ in range(pairs):
        for command, times in ((owner, a), (rm, b)):
            start = time.perf_counter()
            crm(command, env)
            times.append(time.perf_counter() - start)
    return a, b


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", required=True, help="a superuser's URL of the database")
    parser.add_argument("--customers", type=int, default=1_000_000)
    parser.add_argument("--holdings", type=int, default=1_000_000)
    parser.add_argument("--rms", type=int, default=200)
    parser.add_argument("--pairs", type=int, default=7)
    parser.add_argument("--data", type=Path, help="generated data to reuse (generate.py)")
    parser.add_argument("--keep", action="store_true", help="keep the store for another run")
    parser.add_argument("--out", type=Path, default=HERE / "results" / "rls.json")
    args = parser.parse_args()

    work = Path(tempfile.mkdtemp(prefix="bench_rls_"))
    data = args.data or work / "data"
    if not (data / "customers.csv").exists():
        subprocess.run(
            [
                sys.executable,
                str(HERE / "generate.py"),
                "--customers",
                str(args.customers),
                "--holdings",
                str(args.holdings),
                "--rms",
                str(args.rms),
                "--out",
                str(data),
                "--today",
                DAY,
            ],
            check=True,
        )
    pgpass = work / "pgpass"
    passwords = {OWNER: secrets.token_urlsafe(18), RM_LOGIN: secrets.token_urlsafe(18)}
    env = {
        **os.environ,
        "PGPASSFILE": str(pgpass),
        "HOME": str(work),
        "CRM_CONFIG": str(work / "crm.toml"),
        "CRM_TIMEZONE": "Asia/Shanghai",
    }
    env.pop("CRM_DB", None)
    rm_code = busiest_rm(data)
    with _admin(args.url) as conn:
        dbname = conn.info.dbname
        port = conn.info.port
    pgpass.write_text("".join(f"127.0.0.1:{port}:{dbname}:{r}:{p}\n" for r, p in passwords.items()))
    pgpass.chmod(0o600)
    prepare(args.url, data, env, rm_code, passwords)
    with _admin(args.url) as conn:
        customers = conn.execute(f'SELECT count(*) FROM "{SCHEMA}".customers').fetchone()[0]
        mine = conn.execute(
            f'SELECT count(*) FROM "{SCHEMA}".customers WHERE rm_code = %s', (rm_code,)
        ).fetchone()[0]

    today = ["followups", "today", "--date", DAY, "--format", "json"]
    owner_cmd = ["--db", login_url(args.url, OWNER), *today, "--rm", rm_code]
    rm_cmd = ["--db", login_url(args.url, RM_LOGIN), *today]
    items = len(json.loads(crm(rm_cmd, env).stdout))
    a, b = paired_runs(owner_cmd, rm_cmd, env, args.pairs)
    ratios = sorted(rb / ra for ra, rb in zip(a, b, strict=True))
    median = statistics.median(ratios)
    result = {
        "customers": customers,
        "rm": rm_code,
        "rm_customers": mine,
        "followups": items,
        "owner_s": a,
        "rm_login_s": b,
        "ratios": ratios,
        "median_ratio": median,
        "limit": LIMIT,
        "load_average": os.getloadavg(),
    }
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(result, indent=2) + "\n")
    print(
        f"{customers:,} customers; {rm_code} has {mine:,}, {items} follow-ups on {DAY}\n"
        f"owner --rm {rm_code}: median {statistics.median(a):.3f} s "
        f"({min(a):.3f}–{max(a):.3f})\n"
        f"RM login:          median {statistics.median(b):.3f} s ({min(b):.3f}–{max(b):.3f})\n"
        f"RM/owner, per pair: median {median:.2f} (spread {ratios[0]:.2f}–{ratios[-1]:.2f}, "
        f"{len(ratios)} pairs), limit {LIMIT}"
    )
    if not args.keep:
        with _admin(args.url) as conn:
            conn.execute(f'DROP SCHEMA "{SCHEMA}" CASCADE')
            conn.execute(f'DROP SCHEMA IF EXISTS "{SCHEMA}_masked" CASCADE')
            for role in conn.execute(
                "SELECT rolname FROM pg_roles WHERE starts_with(rolname, %s) OR rolname = %s",
                (f"{SCHEMA}_crm_", RM_LOGIN),
            ).fetchall():
                conn.execute(f'DROP ROLE "{role[0]}"')
    sys.exit(1 if median > LIMIT else 0)


if __name__ == "__main__":
    main()
