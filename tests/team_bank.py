"""A hand-built two-branch bank on a PostgreSQL store, with one real login per role.

朝阳支行 has RM_A1 (customers A11, A12) and RM_A2 (A21); 海淀支行 has RM_B1 (B11). Each customer
has one holding and one contact; A11 and B11 have a complaint. The store's owner builds it
through `crm`; then `crm users add` makes the logins: rm_a1, rm_b1 (RMs), bm_a (朝阳's branch
manager), ho (head office), co (compliance), ad (admin). Logins connect over TCP with a
password from a pgpass file (PGPASSFILE), never on a command line; their names start with the
store's schema and `_crm_`, so tests/pgstore.py drops them with the store.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy.engine import make_url

from tests.factories import make_id

BRANCH_A = "朝阳支行"
BRANCH_B = "海淀支行"
RMS = {"RM_A1": BRANCH_A, "RM_A2": BRANCH_A, "RM_B1": BRANCH_B}
CUSTOMERS = {"A11": "RM_A1", "A12": "RM_A1", "A21": "RM_A2", "B11": "RM_B1"}
COMPLAINED = ("A11", "B11")
# login -> (role, --rm or --staff, person, branch)
LOGINS = {
    "rm_a1": ("rm", "--rm", "RM_A1", None),
    "rm_b1": ("rm", "--rm", "RM_B1", None),
    "bm_a": ("branch_manager", "--staff", "S100", BRANCH_A),
    "ho": ("head_office", "--staff", "S200", None),
    "co": ("compliance", "--staff", "S300", None),
    "ad": ("admin", "--staff", "S400", None),
}
ALL = set(CUSTOMERS)
# Which customers each login sees: exactly these.
VISIBLE = {
    "rm_a1": {"A11", "A12"},
    "rm_b1": {"B11"},
    "bm_a": {"A11", "A12", "A21"},
    "ho": ALL,
    "co": ALL,
    "ad": ALL,
}


def phone(customer_id: str) -> str:
    return "1380000" + str(1000 + sorted(CUSTOMERS).index(customer_id))


def id_number(customer_id: str) -> str:
    return make_id("19800101", 100 + sorted(CUSTOMERS).index(customer_id))


@dataclass
class TeamBank:
    owner_url: str
    schema: str
    folder: Path
    logins: dict[str, str] = field(default_factory=dict)

    def login_url(self, login: str) -> str:
        """A URL for `login`: TCP to 127.0.0.1, the store's schema, no password in it."""
        owner = make_url(self.owner_url)
        query = {k: v for k, v in owner.query.items() if k not in ("host", "port")}
        port = int(owner.query.get("port") or owner.port or 5432)
        url = owner.set(
            username=self.logins[login], password=None, host="127.0.0.1", port=port, query=query
        )
        return url.render_as_string(hide_password=False)

    def psycopg(self, login: str):
        """A plain psycopg connection as `login` (autocommit), search_path the store's."""
        import psycopg

        url = make_url(self.login_url(login))
        return psycopg.connect(
            host="127.0.0.1",
            port=url.port,
            dbname=url.database,
            user=url.username,
            options=f"-csearch_path={self.schema}",
            autocommit=True,
        )


def _csv(path: Path, header: str, rows: list[str]) -> Path:
    path.write_text("\n".join([header, *rows]) + "\n", encoding="utf-8")
    return path


def build(crm, owner_url: str, folder: Path, monkeypatch) -> TeamBank:
    """Load the bank as the owner, then make the logins with passwords in a pgpass file."""
    schema = make_url(owner_url).query["options"].split("=", 1)[1]
    bank = TeamBank(owner_url, schema, folder)
    rms = _csv(
        folder / "rms.csv",
        "rm_code,name,branch",
        [f"{code},{code}经理,{branch}" for code, branch in RMS.items()],
    )
    customers = _csv(
        folder / "customers.csv",
        "customer_id,name,id_number,phone,branch,rm_code,aum",
        [
            f"{c},客户{c},{id_number(c)},{phone(c)},{RMS[rm]},{rm},100000"
            for c, rm in CUSTOMERS.items()
        ],
    )
    holdings = _csv(
        folder / "holdings.csv",
        "account_id,customer_id,product_type,amount,open_date,maturity_date",
        [f"ACC{c},{c},定期存款,50000,2026-01-05,2027-01-05" for c in CUSTOMERS],
    )
    for args in (("rms", "import", str(rms)), ("import", "customers", str(customers))):
        assert crm(*args).exit_code == 0
    assert crm("import", "holdings", str(holdings)).exit_code == 0
    for c in CUSTOMERS:
        assert crm("log-call", c, "--outcome", "reached").exit_code == 0
    for c in COMPLAINED:
        result = crm("complaints", "open", c, "--category", "收费", "--summary", "年费")
        assert result.exit_code == 0, result.output
    pgpass = folder / "pgpass"
    lines = []
    owner = make_url(owner_url)
    port = int(owner.query.get("port") or owner.port or 5432)
    with _owner_connection(owner_url) as conn:
        for login, (role, kind, person, branch) in LOGINS.items():
            name = f"{schema}_crm_u_{login}"
            bank.logins[login] = name
            args = ["users", "add", name, "--role", role, kind, person]
            if branch:
                args += ["--branch", branch]
            result = crm(*args)
            assert result.exit_code == 0, result.output
            password = secrets.token_urlsafe(18)
            # The verifier is computed here (libpq), so no password reaches the server's log.
            verifier = conn.pgconn.encrypt_password(
                password.encode(), name.encode(), b"scram-sha-256"
            ).decode()
            conn.execute(f"ALTER ROLE \"{name}\" PASSWORD '{verifier}'")
            lines.append(f"127.0.0.1:{port}:{owner.database}:{name}:{password}")
    # The owner's own entries stay (a CI role that signs in with a password, too).
    import os

    if os.environ.get("PGPASSFILE") and Path(os.environ["PGPASSFILE"]).exists():
        lines += Path(os.environ["PGPASSFILE"]).read_text().splitlines()
    pgpass.write_text("\n".join(lines) + "\n")
    pgpass.chmod(0o600)
    monkeypatch.setenv("PGPASSFILE", str(pgpass))
    return bank


def _owner_connection(owner_url: str):
    import psycopg

    url = make_url(owner_url)
    return psycopg.connect(
        host=url.query.get("host") or url.host,
        port=int(url.query.get("port") or url.port or 5432),
        dbname=url.database,
        user=url.username,
        autocommit=True,
    )
