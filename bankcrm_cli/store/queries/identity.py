"""Who the session is on a team store, its staff logins, and the reveal audit (PostgreSQL)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Connection, Engine, Row, select, text

from bankcrm_cli.store.tables import reveal_audit_table


def has_team_roles(conn: Connection) -> bool:
    """Whether the store has the team roles of migration 0006 (a PostgreSQL store at head)."""
    if conn.dialect.name != "postgresql":
        return False
    found = conn.execute(text("SELECT to_regprocedure('crm_me()') IS NOT NULL")).scalar()
    return bool(found)


def my_staff_row(conn: Connection) -> Row | None:
    """The session login's staff row (active or not), or None for the owner and strangers."""
    return conn.execute(text("SELECT login, person, role, branch, active FROM crm_me()")).first()


def actor_label(conn: Connection, claimed: str | None, fallback: str) -> str:
    """Who the database will record: the login's person, "X for Y", or a refusal (42501)."""
    return conn.execute(
        text("SELECT crm_actor_label(:claimed, :fallback)"),
        {"claimed": claimed, "fallback": fallback},
    ).scalar_one()


def masked_schema(conn: Connection) -> str:
    """The schema of the store's masked view (head office reads customers through it)."""
    return conn.execute(text("SELECT current_schema() || '_masked'")).scalar_one()


def find_masked_view_first(engine: Engine, masked: str) -> None:
    """Every new connection of `engine` looks in the masked schema before the store's."""
    from sqlalchemy import event

    def prepend(dbapi_connection, _record) -> None:
        with dbapi_connection.cursor() as cursor:
            cursor.execute(
                "SELECT set_config('search_path', %s || ', ' || "
                "current_setting('search_path'), false)",
                (f'"{masked}"',),
            )
        dbapi_connection.commit()

    event.listen(engine, "connect", prepend)


def add_user(conn: Connection, login: str, person: str, role: str, branch: str | None) -> str:
    """Create or adopt `login` as a staff user; returns 'created' or 'adopted'."""
    return conn.execute(
        text("SELECT crm_user_add(:login, :person, :role, :branch)"),
        {"login": login, "person": person, "role": role, "branch": branch},
    ).scalar_one()


def set_user_role(conn: Connection, login: str, role: str, branch: str | None) -> None:
    conn.execute(
        text("SELECT crm_user_set_role(:login, :role, :branch)"),
        {"login": login, "role": role, "branch": branch},
    )


def disable_user(conn: Connection, login: str) -> None:
    conn.execute(text("SELECT crm_user_disable(:login)"), {"login": login})


def user_rows(conn: Connection) -> list[Row]:
    """Every staff user, with whether the login can log in now."""
    return list(
        conn.execute(
            text(
                "SELECT s.login, s.person, s.role, s.branch, s.active, "
                "COALESCE(r.rolcanlogin, false) AS can_login FROM staff_users s "
                "LEFT JOIN pg_roles r ON r.rolname = s.login ORDER BY s.login"
            )
        )
    )


def insert_reveals(
    conn: Connection, *, actor: str, what: str, customer_ids: list[str | None]
) -> None:
    """Append one audit row per customer shown (login and time are the database's own).

    Plain INSERT without RETURNING: the roles that reveal may add to the audit, not read it."""
    at = datetime.now().astimezone()
    conn.execute(
        text(
            "INSERT INTO reveal_audit (at, login, actor, what, customer_id) "
            "VALUES (:at, '', :actor, :what, :customer_id)"
        ),
        [
            {"at": at, "actor": actor, "what": what[:500], "customer_id": customer_id}
            for customer_id in customer_ids
        ],
    )


def audit_rows(
    conn: Connection, *, since: datetime | None, who: str | None, customer_id: str | None
) -> list[Row]:
    """The reveal audit, oldest first, filtered."""
    a = reveal_audit_table.c
    query = select(reveal_audit_table).order_by(a.id)
    if since is not None:
        query = query.where(a.at >= since)
    if who:
        query = query.where((a.login == who) | (a.actor == who) | a.actor.startswith(f"{who} "))
    if customer_id:
        query = query.where(a.customer_id == customer_id)
    return list(conn.execute(query))
