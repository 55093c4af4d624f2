"""`crm db upgrade|status`: the store's schema."""

from __future__ import annotations

import typer

from bankcrm_cli.cli.common import state
from bankcrm_cli.cli.help import CrmTyper
from bankcrm_cli.domain.catalogue import t

app = CrmTyper(help="The store: schema version and upgrades.", no_args_is_help=True)


@app.command("status")
def status_command(ctx: typer.Context) -> None:
    """Show which store is in use and whether its schema is current.

    Example: crm --db team.sqlite3 db status
    """
    from bankcrm_cli.services.admin.store import (
        require_store,
        schema_status,
        shown_url,
        store_url,
    )

    app_state = state(ctx)
    engine = app_state.engine(check_schema=False)
    require_store(engine)
    status = schema_status(engine)
    typer.echo(t("adm.store", url=shown_url(store_url(app_state.settings()))))
    typer.echo(t("adm.schema", current=status.current or t("adm.none"), head=status.head))
    if status.up_to_date:
        typer.echo(t("adm.up_to_date"))
    else:
        typer.echo(t("adm.pending", names=", ".join(status.pending)))
        raise typer.Exit(1)


@app.command("upgrade")
def upgrade_command(ctx: typer.Context) -> None:
    """Bring the store's schema up to this version of crm (safe to run again).

    Example: crm db upgrade
    """
    from bankcrm_cli.services.admin.store import (
        normalise_stored_rm_codes,
        schema_status,
        upgrade_schema,
    )

    engine = state(ctx).engine(check_schema=False, create=True)
    before = schema_status(engine)
    if before.up_to_date:
        typer.echo(t("adm.already", head=before.head))
    else:
        after = upgrade_schema(engine)
        typer.echo(t("adm.upgraded", before=before.current or t("adm.empty"), after=after.current))
    customers, rms = normalise_stored_rm_codes(engine)
    if customers or rms:
        typer.echo(t("adm.rm_codes", customers=customers, rms=rms))
