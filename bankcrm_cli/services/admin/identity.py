"""Who is acting on a team store, and its staff logins (PostgreSQL; docs/security.md).

On PostgreSQL with team roles the acting person is the database login: CRM_USER is ignored,
and `--as` is checked by the database (only a branch manager acts for the RMs of the branch).
A SQLite store is one person's file: roles are a PostgreSQL feature there (exit 2).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from bankcrm_cli.domain.catalogue import t
from bankcrm_cli.domain.errors import NotFound, UsageError

if TYPE_CHECKING:
    from sqlalchemy import Engine

ROLES = ("rm", "branch_manager", "head_office", "compliance", "admin")


@dataclass(frozen=True)
class StaffUser:
    login: str
    person: str
    role: str
    branch: str | None
    active: bool
    can_login: bool = True


def _require_team_store(engine: Engine, what: str) -> None:
    from bankcrm_cli.store.queries.identity import has_team_roles

    if engine.dialect.name != "postgresql":
        raise UsageError(t("staff.sqlite", what=what))
    with engine.connect() as conn:
        if not has_team_roles(conn):
            raise UsageError(t("staff.no_roles", what=what))


def whoami(engine: Engine) -> StaffUser | None:
    """The staff user this session logged in as; None on SQLite, for the owner, a stranger."""
    from bankcrm_cli.store.queries.identity import has_team_roles, my_staff_row

    if engine.dialect.name != "postgresql":
        return None
    with engine.connect() as conn:
        if not has_team_roles(conn):
            return None
        row = my_staff_row(conn)
    return None if row is None else StaffUser(*row)


def acting_person(engine: Engine, explicit: str | None, fallback: str) -> str:
    """Who a write is recorded as: on a team store the login's person (or "X for Y" for a
    branch manager's `--as`), refused when `--as` names someone the login may not act for."""
    from bankcrm_cli.store.queries.identity import actor_label, has_team_roles

    if engine.dialect.name != "postgresql":
        return explicit or fallback
    with engine.connect() as conn:
        if not has_team_roles(conn):
            return explicit or fallback
        return actor_label(conn, explicit, fallback)


def _check_role(role: str, branch: str | None) -> None:
    if role not in ROLES:
        raise UsageError(t("staff.role", role=repr(role), choices=", ".join(ROLES)))
    if role == "branch_manager" and not branch:
        raise UsageError(t("staff.branch_needed"))


def add_user(engine: Engine, login: str, person: str, role: str, branch: str | None) -> str:
    """Make a PostgreSQL login (new, or one that exists) a staff user of the store."""
    from bankcrm_cli.store.engine import write_transaction
    from bankcrm_cli.store.queries.customer_view import rm_row
    from bankcrm_cli.store.queries.identity import add_user as add

    _require_team_store(engine, "crm users add")
    _check_role(role, branch)
    with write_transaction(engine) as conn:
        if role == "rm":
            rm = rm_row(conn, person)
            if rm is None:
                raise NotFound(t("err.no_rm", code=person))
            branch = branch or rm.branch
        return add(conn, login, person, role, branch)


def set_user_role(engine: Engine, login: str, role: str, branch: str | None) -> None:
    from bankcrm_cli.store.engine import write_transaction
    from bankcrm_cli.store.queries.identity import set_user_role as set_role

    _require_team_store(engine, "crm users set-role")
    _check_role(role, branch or "given")
    with write_transaction(engine) as conn:
        set_role(conn, login, role, branch)


def disable_user(engine: Engine, login: str) -> None:
    from bankcrm_cli.store.engine import write_transaction
    from bankcrm_cli.store.queries.identity import disable_user as disable

    _require_team_store(engine, "crm users disable")
    with write_transaction(engine) as conn:
        disable(conn, login)


def list_users(engine: Engine) -> list[StaffUser]:
    from bankcrm_cli.store.queries.identity import user_rows

    _require_team_store(engine, "crm users list")
    with engine.connect() as conn:
        return [StaffUser(*row) for row in user_rows(conn)]
