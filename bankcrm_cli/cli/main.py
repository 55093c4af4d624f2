"""The `crm` command: global options, command groups, and turning errors into exit codes."""

from __future__ import annotations

from typing import Annotated

import typer
from typer.core import TyperGroup

from bankcrm_cli import __version__
from bankcrm_cli.cli import analytics as analytics_cli
from bankcrm_cli.cli import backup as backup_cli
from bankcrm_cli.cli import campaigns as campaigns_cli
from bankcrm_cli.cli import complaints as complaints_cli
from bankcrm_cli.cli import config as config_cli
from bankcrm_cli.cli import contacts as contacts_cli
from bankcrm_cli.cli import cron as cron_cli
from bankcrm_cli.cli import customers as customers_cli
from bankcrm_cli.cli import db as db_cli
from bankcrm_cli.cli import followups as followups_cli
from bankcrm_cli.cli import imports as imports_cli
from bankcrm_cli.cli import mailmerge as mailmerge_cli
from bankcrm_cli.cli import reports as reports_cli
from bankcrm_cli.cli import rms as rms_cli
from bankcrm_cli.cli import sample as sample_cli
from bankcrm_cli.cli import templates as templates_cli
from bankcrm_cli.cli.common import AppState, state

EPILOG = (
    "Exit codes: 0 done; 1 refused or not found; 2 usage error or unusable input.\n\n"
    "Examples:\n\n"
    "  crm sample load && crm followups today\n\n"
    "  crm --db team.sqlite3 import customers export.csv --dry-run"
)


class CrmGroup(TyperGroup):
    """The root group: a user error becomes one line on stderr and its exit code."""

    def invoke(self, ctx: typer.Context):
        from bankcrm_cli.domain.errors import CrmError

        try:
            return super().invoke(ctx)
        except CrmError as exc:
            _fail(str(exc), exc.exit_code)
        except OSError as exc:
            if exc.filename is None:
                raise
            _fail(f"{exc.filename}: {exc.strerror}", 2)
        except Exception as exc:
            from sqlalchemy.exc import OperationalError

            if isinstance(exc, OperationalError):
                # A server's message can run over lines (psycopg adds hints): keep it one.
                detail = " ".join(str(exc.orig).split())
                _fail(f"the store refused the operation: {detail}", 1)
            raise
        finally:
            if isinstance(ctx.obj, AppState):
                ctx.obj.close()


def _fail(message: str, code: int):
    typer.echo(f"crm: error: {message}", err=True)
    raise typer.Exit(code)


app = typer.Typer(
    cls=CrmGroup,
    name="crm",
    help="A CRM for bank relationship managers: customers, holdings and the work of the day.",
    epilog=EPILOG,
    no_args_is_help=True,
    add_completion=False,
    # A bug report must not print customer data held in local variables.
    pretty_exceptions_show_locals=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)
app.add_typer(followups_cli.app, name="followups")
app.add_typer(imports_cli.app, name="import")
app.command("log-call")(contacts_cli.log_call_command)
app.add_typer(contacts_cli.app, name="calls")
app.add_typer(complaints_cli.app, name="complaints")
app.command("mailmerge")(mailmerge_cli.mailmerge_command)
app.add_typer(templates_cli.app, name="templates")
app.add_typer(reports_cli.app, name="report")
app.command("segments")(analytics_cli.segments_command)
app.command("churn")(analytics_cli.churn_command)
app.command("opportunities")(analytics_cli.opportunities_command)
app.add_typer(customers_cli.app, name="customers")
app.add_typer(campaigns_cli.app, name="campaigns")
app.add_typer(rms_cli.app, name="rms")
app.add_typer(db_cli.app, name="db")
app.command("backup")(backup_cli.backup_command)
app.command("restore")(backup_cli.restore_command)
app.add_typer(cron_cli.app, name="cron")
app.add_typer(config_cli.app, name="config")
app.add_typer(sample_cli.app, name="sample")


def _version(value: bool) -> None:
    if value:
        typer.echo(f"crm {__version__}")
        raise typer.Exit()


@app.callback()
def main(
    ctx: typer.Context,
    db: Annotated[
        str | None,
        typer.Option(
            "--db",
            metavar="PATH_OR_URL",
            help="Store to use: a SQLite file or a SQLAlchemy URL (default: $CRM_DB, the settings "
            "file, else crm.sqlite3 in the user data folder).",
        ),
    ] = None,
    version: Annotated[
        bool,
        typer.Option("--version", callback=_version, is_eager=True, help="Print the version."),
    ] = False,
) -> None:
    """A CRM for bank relationship managers: customers, holdings and the work of the day."""
    state(ctx).db = db


def pin_loaded_objects() -> None:
    """Start-up step, once the store is open: what is loaded by then lives until exit.

    SQLAlchemy, the tables and the command's modules are hundreds of thousands of objects:
    frozen, the garbage collector's full passes no longer go over them again whenever a
    command makes many (benchmarks/README.md, `customers show`). Only for the `crm` program:
    inside another program (tests) the objects are not ours to pin.
    """
    import gc

    gc.freeze()


def run() -> None:
    """The `crm` program (console script and `python -m bankcrm_cli`)."""
    app(obj=AppState(on_store_open=pin_loaded_objects))
