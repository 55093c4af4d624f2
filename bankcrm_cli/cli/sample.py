"""`crm sample load`: the sample bank that ships with crm, for a first look."""

from __future__ import annotations

import typer

from bankcrm_cli.cli.common import AsOption
from bankcrm_cli.cli.help import CrmTyper
from bankcrm_cli.cli.imports import SummaryFormat, import_file

app = CrmTyper(help="The sample bank shipped with crm.", no_args_is_help=True)


@app.command("load")
def load_command(ctx: typer.Context, acting: AsOption = None) -> None:
    """Load the sample bank (RMs, customers, holdings, two campaigns and the holdings opened
    after them) into the store; safe to run again.

    Example: crm --db demo.sqlite3 sample load
    """
    from bankcrm_cli.resources import sample_data_dir

    folder = sample_data_dir()
    for kind, name in (
        ("rms", "rms.csv"),
        ("customers", "customers.csv"),
        ("holdings", "holdings.csv"),
    ):
        import_file(
            ctx,
            kind,
            folder / name,
            encoding=None,
            map_file=None,
            rejects=None,
            dry_run=False,
            strict=True,
            summary=SummaryFormat.text,
            acting=acting,
        )
    _load_campaigns(ctx, folder, acting)


def _load_campaigns(ctx: typer.Context, folder, acting: str | None) -> None:
    """The two sample campaigns (first load only), then the holdings opened after them."""
    from bankcrm_cli.cli.common import state
    from bankcrm_cli.domain.catalogue import t
    from bankcrm_cli.services.campaigns.sample import load_sample_campaigns
    from bankcrm_cli.settings import actor

    app_state = state(ctx)
    made = load_sample_campaigns(app_state.engine(), app_state.settings(), actor=actor(acting))
    if made:
        typer.echo(t("camp.sample", names=t("camp.join").join(made)))
    import_file(
        ctx,
        "holdings",
        folder / "campaign-holdings.csv",
        encoding=None,
        map_file=None,
        rejects=None,
        dry_run=False,
        strict=True,
        summary=SummaryFormat.text,
        acting=acting,
    )
