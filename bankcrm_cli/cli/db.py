"""`crm db upgrade|status`: the store's schema."""

from __future__ import annotations

import typer

from bankcrm_cli.cli.common import state

app = typer.Typer(help="The store: schema version and upgrades.", no_args_is_help=True)


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
    typer.echo(f"store: {shown_url(store_url(app_state.settings()))}")
    typer.echo(f"schema: {status.current or 'none'} (this crm: {status.head})")
    if status.up_to_date:
        typer.echo("up to date")
    else:
        typer.echo(f"pending migrations: {', '.join(status.pending)}; run `crm db upgrade`")
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
        typer.echo(f"schema already at {before.head}")
    else:
        after = upgrade_schema(engine)
        typer.echo(f"schema upgraded from {before.current or 'empty'} to {after.current}")
    customers, rms = normalise_stored_rm_codes(engine)
    if customers or rms:
        typer.echo(
            f"RM codes put in their one form (rm001 → RM001): {customers} customers, {rms} RMs"
        )
