"""Row-level security on a team store, seen through plain psycopg as each role's real login:
what the database itself lets each role see and change, whatever the client (docs/security.md)."""

from __future__ import annotations

import psycopg
import pytest
from conftest import Crm
from team_bank import ALL, CUSTOMERS, VISIBLE, build, id_number, phone

pytestmark = pytest.mark.postgres


@pytest.fixture
def bank(pg_url, tmp_path, monkeypatch):
    return build(Crm(pg_url), pg_url, tmp_path, monkeypatch)


def _ids(conn, sql: str) -> set[str]:
    return {row[0] for row in conn.execute(sql)}


@pytest.mark.parametrize("login", sorted(VISIBLE))
def test_each_role_sees_exactly_its_customers_holdings_contacts_and_complaints(bank, login):
    seen = VISIBLE[login]
    with bank.psycopg(login) as conn:
        assert _ids(conn, "SELECT customer_id FROM customers") == seen
        assert _ids(conn, "SELECT customer_id FROM holdings") == seen
        assert _ids(conn, "SELECT customer_id FROM contacts") == seen
        assert _ids(conn, "SELECT customer_id FROM complaints") == seen & {"A11", "B11"}
        assert _ids(conn, "SELECT customer_id FROM history WHERE customer_id IS NOT NULL") <= seen


@pytest.mark.parametrize("login", ["rm_a1", "bm_a"])
def test_rm_and_branch_manager_change_their_own_rows_only(bank, login):
    seen = VISIBLE[login]
    with bank.psycopg(login) as conn:
        for customer in sorted(ALL):
            changed = conn.execute(
                "UPDATE customers SET email = 'x@bank.example' WHERE customer_id = %s", (customer,)
            ).rowcount
            assert changed == (1 if customer in seen else 0), customer
        with pytest.raises(psycopg.errors.InsufficientPrivilege, match="row-level security"):
            conn.execute(
                "INSERT INTO contacts (customer_id, channel, outcome, at, actor, created_at) "
                "VALUES ('B11', 'phone', 'reached', now(), '', now())"
            )
        # Nor can a customer of theirs be handed to another RM behind the admin's back.
        with pytest.raises(psycopg.errors.InsufficientPrivilege, match="row-level security"):
            conn.execute("UPDATE customers SET rm_code = 'RM_B1' WHERE customer_id = 'A11'")


@pytest.mark.parametrize("login", ["ho", "co"])
def test_head_office_and_compliance_read_everything_and_write_nothing(bank, login):
    with bank.psycopg(login) as conn:
        assert _ids(conn, "SELECT customer_id FROM holdings") == ALL
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            conn.execute("UPDATE customers SET email = 'x@bank.example'")
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            conn.execute("DELETE FROM contacts")


def test_admin_changes_any_customer(bank):
    with bank.psycopg("ad") as conn:
        assert conn.execute("UPDATE customers SET email = 'x@bank.example'").rowcount == len(ALL)


def test_full_numbers_only_where_the_role_allows(bank):
    masked_schema = f"{bank.schema}_masked"
    with bank.psycopg("ho") as conn, pytest.raises(psycopg.errors.InsufficientPrivilege):
        conn.execute("SELECT phone FROM customers")
    with bank.psycopg("ho") as conn, pytest.raises(psycopg.errors.InsufficientPrivilege):
        conn.execute("SELECT id_number FROM customers")
    with bank.psycopg("ho") as conn:
        rows = dict(conn.execute(f'SELECT customer_id, phone FROM "{masked_schema}".customers'))
        assert rows == {c: phone(c)[:3] + "****" + phone(c)[-4:] for c in CUSTOMERS}
        ids = {r[0] for r in conn.execute(f'SELECT id_number FROM "{masked_schema}".customers')}
        assert all("********" in number for number in ids)
    with bank.psycopg("co") as conn:
        assert dict(conn.execute("SELECT customer_id, id_number FROM customers")) == {
            c: id_number(c) for c in CUSTOMERS
        }
    with bank.psycopg("rm_a1") as conn:
        assert dict(conn.execute("SELECT customer_id, phone FROM customers")) == {
            c: phone(c) for c in VISIBLE["rm_a1"]
        }


def test_the_database_writes_who_acted_and_refuses_another_name(bank):
    with bank.psycopg("rm_a1") as conn:
        conn.execute(
            "INSERT INTO contacts (customer_id, channel, outcome, at, actor, created_at) "
            "VALUES ('A11', 'phone', 'reached', now(), '', now())"
        )
        actor = conn.execute("SELECT actor FROM contacts ORDER BY id DESC LIMIT 1").fetchone()[0]
        assert actor == "RM_A1"
        with pytest.raises(psycopg.errors.InsufficientPrivilege, match="may not act as RM_A2"):
            conn.execute(
                "INSERT INTO contacts (customer_id, channel, outcome, at, actor, created_at) "
                "VALUES ('A11', 'phone', 'reached', now(), 'RM_A2', now())"
            )


def test_the_reveal_audit_refuses_update_delete_and_truncate_even_for_its_owner(bank):
    with bank.psycopg("co") as conn:
        conn.execute(
            "INSERT INTO reveal_audit (at, login, actor, what) VALUES (now(), '', '', 't')"
        )
        row = conn.execute("SELECT login, actor FROM reveal_audit").fetchone()
        assert row == (bank.logins["co"], "S300")
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            conn.execute("DELETE FROM reveal_audit")
    from team_bank import _owner_connection

    with _owner_connection(bank.owner_url) as owner:
        owner.execute(f'SET search_path TO "{bank.schema}"')
        for statement in (
            "UPDATE reveal_audit SET actor = 'nobody'",
            "DELETE FROM reveal_audit",
            "TRUNCATE reveal_audit",
        ):
            with pytest.raises(psycopg.errors.InsufficientPrivilege, match="append-only"):
                owner.execute(statement)
        assert owner.execute("SELECT count(*) FROM reveal_audit").fetchone()[0] == 1
    refused = pytest.raises(psycopg.errors.InsufficientPrivilege, match="may not reveal")
    with bank.psycopg("ho") as conn, refused:
        conn.execute(
            "INSERT INTO reveal_audit (at, login, actor, what) VALUES (now(), '', '', 't')"
        )


def test_rm_cannot_read_the_audit_or_the_users(bank):
    with bank.psycopg("rm_a1") as conn, pytest.raises(psycopg.errors.InsufficientPrivilege):
        conn.execute("SELECT * FROM reveal_audit")
    with bank.psycopg("rm_a1") as conn, pytest.raises(psycopg.errors.InsufficientPrivilege):
        conn.execute("SELECT * FROM staff_users")
