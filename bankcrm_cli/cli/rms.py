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
from bankcrm_cli.cli.help import CrmTyper
from bankcrm_cli.cli.imports import import_command

app = CrmTyper(help="Relationship managers: import them, list them.", no_args_is_help=True)
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
        from bankcrm_cli.domain.catalogue import t

        header = [t(f"rms.{c}") for c in ("code", "name", "phone", "email", "branch")]
        print_table(
            t("rms.title"),
            header,
            ([getattr(r, c) for c in COLUMNS] for r in rms),
            caption=None if rms else t("rms.none"),
            no_wrap=frozenset({header[0], header[2]}),
        )
