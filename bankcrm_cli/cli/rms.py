"""`crm rms import|list`: the relationship managers who own portfolios and sign letters."""

from __future__ import annotations

import dataclasses

import typer

from bankcrm_cli.cli.common import (
    FormatOption,
    ListFormat,
    print_json,
    print_sheet,
    print_table,
    state,
)
from bankcrm_cli.cli.imports import import_command

app = typer.Typer(help="Relationship managers: import them, list them.", no_args_is_help=True)
COLUMNS = ["rm_code", "name", "phone", "email", "branch"]


app.command("import")(
    import_command(
        "rms",
        "Import or update relationship managers (rm_code, name, phone, email, branch).",
        "crm rms import 客户经理.csv",
    )
)


@app.command("list")
def list_command(ctx: typer.Context, fmt: FormatOption = ListFormat.table) -> None:
    """List the relationship managers.

    Example: crm rms list --format json
    """
    from bankcrm_cli.services.customers.profile import list_rms

    rms = list_rms(state(ctx).engine())
    if fmt is ListFormat.json:
        print_json([dataclasses.asdict(r) for r in rms])
    elif fmt.is_sheet:
        print_sheet(fmt, COLUMNS, ([getattr(r, c) for c in COLUMNS] for r in rms))
    else:
        caption = None if rms else "no RMs yet: import them with `crm rms import FILE`"
        print_table(
            "客户经理 Relationship managers",
            ["工号", "姓名", "电话", "邮箱", "网点"],
            ([getattr(r, c) for c in COLUMNS] for r in rms),
            caption=caption,
            no_wrap=frozenset({"工号", "电话"}),
        )
