"""`crm users add|list|set-role|disable` and `crm audit`: a team store's logins (PostgreSQL)."""

from __future__ import annotations

import dataclasses
from typing import Annotated

import typer

from bankcrm_cli.cli.common import (
    FormatOption,
    ListFormat,
    err,
    parse_moment,
    print_json,
    print_sheet,
    print_table,
    state,
)
from bankcrm_cli.cli.help import CrmTyper
from bankcrm_cli.domain.catalogue import t

app = CrmTyper(
    help="Staff logins of a team store on PostgreSQL and their roles (run by an admin).",
    no_args_is_help=True,
)
USER_COLUMNS = ["login", "person", "role", "branch", "active", "can_login"]
AUDIT_COLUMNS = ["id", "at", "login", "actor", "what", "customer_id"]
RoleOption = Annotated[
    str,
    typer.Option(
        "--role", help="rm, branch_manager, head_office, compliance or admin (docs/security.md)."
    ),
]
BranchOption = Annotated[
    str | None, typer.Option("--branch", metavar="NAME", help="The branch (branch managers).")
]


@app.command("add")
def add_command(
    ctx: typer.Context,
    login: Annotated[
        str, typer.Argument(metavar="LOGIN", help="The PostgreSQL login (created if missing).")
    ],
    role: RoleOption,
    rm: Annotated[
        str | None, typer.Option("--rm", metavar="CODE", help="The RM this login is.")
    ] = None,
    staff: Annotated[
        str | None, typer.Option("--staff", metavar="ID", help="Staff id of a non-RM login.")
    ] = None,
    branch: BranchOption = None,
) -> None:
    """Make LOGIN a user of the store with ROLE: creates the PostgreSQL login, or adopts one.

    Example: crm users add wang_li --rm RM001 --role rm
    """
    from bankcrm_cli.domain.errors import UsageError
    from bankcrm_cli.services.admin.identity import add_user

    if (rm is None) == (staff is None):
        raise UsageError(t("err.user.person"))
    person = rm if rm is not None else staff
    outcome = add_user(state(ctx).engine(), login, person, role, branch)
    shown = t("adm.user.branch", branch=branch) if branch else ""
    err().print(t(f"adm.user.{outcome}", login=login, role=role, person=person, branch=shown))
    if outcome == "created":
        err().print(t("adm.user.password"))


@app.command("list")
def list_command(ctx: typer.Context, fmt: FormatOption = ListFormat.table) -> None:
    """The store's staff logins, their roles, and whether they can log in.

    Example: crm users list --format json
    """
    from bankcrm_cli.services.admin.identity import list_users

    users = list_users(state(ctx).engine())
    rows = [[getattr(u, c) for c in USER_COLUMNS] for u in users]
    if fmt is ListFormat.json:
        print_json([dataclasses.asdict(u) for u in users])
    elif fmt in (ListFormat.csv, ListFormat.xlsx):
        print_sheet(fmt, USER_COLUMNS, rows)
    else:
        print_table("Users", USER_COLUMNS, rows, caption=None if rows else "no users yet")


@app.command("set-role")
def set_role_command(
    ctx: typer.Context,
    login: Annotated[str, typer.Argument(metavar="LOGIN", help="A user of the store.")],
    role: RoleOption,
    branch: BranchOption = None,
) -> None:
    """Give LOGIN another role (and branch); takes effect at its next statement.

    Example: crm users set-role wang_li --role branch_manager --branch 朝阳支行
    """
    from bankcrm_cli.services.admin.identity import set_user_role

    set_user_role(state(ctx).engine(), login, role, branch)
    err().print(t("adm.user.role", login=login, role=role))


@app.command("disable")
def disable_command(
    ctx: typer.Context,
    login: Annotated[str, typer.Argument(metavar="LOGIN", help="A user of the store.")],
) -> None:
    """Disable LOGIN: it loses its role and can no longer log in (NOLOGIN); history stays.

    Example: crm users disable wang_li
    """
    from bankcrm_cli.services.admin.identity import disable_user

    disable_user(state(ctx).engine(), login)
    err().print(t("adm.user.disabled", login=login))


def audit_command(
    ctx: typer.Context,
    since: Annotated[
        str | None, typer.Option("--since", metavar="YYYY-MM-DD[ HH:MM]", help="From then on.")
    ] = None,
    who: Annotated[
        str | None, typer.Option("--who", metavar="LOGIN_OR_PERSON", help="Only this person.")
    ] = None,
    customer: Annotated[
        str | None, typer.Option("--customer", metavar="NUMBER", help="Only this customer.")
    ] = None,
    fmt: FormatOption = ListFormat.table,
) -> None:
    """Who saw ID numbers or phones in full, when, and of whom (compliance; PostgreSQL).

    Example: crm audit --since 2026-12-01 --customer 0000000109
    """
    from bankcrm_cli.services.admin.audit import audit_entries

    settings = state(ctx).settings()
    start = parse_moment(since, "--since", settings) if since is not None else None
    entries = audit_entries(state(ctx).engine(), since=start, who=who, customer_id=customer)
    rows = [[getattr(e, c) for c in AUDIT_COLUMNS] for e in entries]
    if fmt is ListFormat.json:
        print_json([dataclasses.asdict(e) for e in entries])
    elif fmt in (ListFormat.csv, ListFormat.xlsx):
        print_sheet(fmt, AUDIT_COLUMNS, rows)
    else:
        print_table("Reveal audit", AUDIT_COLUMNS, rows, caption=None if rows else "no reveals")
