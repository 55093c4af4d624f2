"""The `crm` command: global options, command groups, and turning errors into exit codes."""

from __future__ import annotations

from contextlib import contextmanager
from typing import Annotated

import typer

from bankcrm_cli import __version__
from bankcrm_cli.cli.common import AppState, state
from bankcrm_cli.cli.help import CrmTyper, HelpGroup
from bankcrm_cli.cli.usage_errors import click_exceptions, one_line, use_settings_language

EPILOG = (
    "Exit codes: 0 done; 1 refused or not found; 2 usage error or unusable input.\n\n"
    "Examples:\n\n"
    "  crm sample load && crm followups today\n\n"
    "  crm --db team.sqlite3 import customers export.csv --dry-run"
)


class CrmGroup(HelpGroup):
    """The root group: a user error becomes one line on stderr and its exit code."""

    def make_context(self, info_name, args, parent=None, **extra):
        # The root's own options (`crm --bogus`) are parsed here, before invoke. The words
        # typed are kept (the parser consumes its list) to tell a usage error from them.
        argv = list(args)
        with _usage_errors_in_one_line(self, info_name, argv):
            ctx = super().make_context(info_name, args, parent=parent, **extra)
        ctx.meta[_ARGV] = argv
        return ctx

    def parse_args(self, ctx: typer.Context, args: list[str]) -> list[str]:
        # A program's arguments cannot hold NUL (the C argv ends a string there), and
        # PostgreSQL refuses it in text: only another program calling this one in-process
        # could pass it.
        if any("\x00" in arg for arg in args):
            from bankcrm_cli.domain.catalogue import t

            _fail(t("main.nul_argument"), 2)
        return super().parse_args(ctx, args)

    def invoke(self, ctx: typer.Context):
        from bankcrm_cli.domain.errors import CrmError
        from bankcrm_cli.io.outputs import guarding

        try:
            argv = ctx.meta.get(_ARGV, [])
            with _usage_errors_in_one_line(self, ctx.info_name, argv), guarding() as guard:
                # No output of this command may replace the store's files (io/outputs.py).
                guard.store_file = lambda: state(ctx).store_file()
                guard.lock_folder = lambda: state(ctx).lock_folder()
                return super().invoke(ctx)
        except CrmError as exc:
            _fail(str(exc), exc.exit_code)
        except OSError as exc:
            if exc.filename is None:
                raise
            _fail(f"{exc.filename}: {exc.strerror}", 2)
        except Exception as exc:
            from sqlalchemy.exc import OperationalError

            from bankcrm_cli.domain.catalogue import t

            if _refused_by_store(exc):
                detail = exc.orig.diag.message_primary
                _fail(t("main.store_refused", detail=detail), 1)
            if isinstance(exc, OperationalError):
                # A server's message can run over lines (psycopg adds hints): keep it one.
                detail = " ".join(str(exc.orig).split())
                _fail(t("main.store_refused", detail=detail), 1)
            raise
        finally:
            if isinstance(ctx.obj, AppState):
                ctx.obj.close()
            from bankcrm_cli.domain.catalogue import use_language

            use_language(None)  # inside another program (tests), the next run starts afresh


# PostgreSQL's refusals of a team store's rules: privilege or row-level security (42501), a
# login that is already a user (23505), no such user (P0002).
_REFUSALS = ("42501", "23505", "P0002")


def _refused_by_store(exc: Exception) -> bool:
    from sqlalchemy.exc import DBAPIError

    return isinstance(exc, DBAPIError) and getattr(exc.orig, "sqlstate", None) in _REFUSALS


def _fail(message: str, code: int):
    from bankcrm_cli.render.terminal import printable

    # One line, whatever the user's value quoted in it holds (a newline, an escape sequence).
    typer.echo(f"crm: error: {printable(message, one_line=True)}", err=True)
    raise typer.Exit(code)


_ARGV = "bankcrm.argv"


@contextmanager
def _usage_errors_in_one_line(root: HelpGroup, name: str | None, argv: list[str]):
    """The parser's usage errors (a bad option value, an unknown option or command) as one line
    in the language of the settings and exit 2, like ours, with where to read the command's
    help (cli/usage_errors.py); help asked for by giving no arguments is shown as Click shows
    it."""
    errors = click_exceptions()
    # Click before 8.2 shows that help itself, without an error (and has no such class).
    no_args_is_help = getattr(errors, "NoArgsIsHelpError", ())
    try:
        yield
    except no_args_is_help:
        raise
    except errors.UsageError as exc:
        from bankcrm_cli.domain.catalogue import use_language

        use_settings_language()
        try:
            message = one_line(exc, root, name or "crm", argv)
        finally:
            use_language(None)
        _fail(message, 2)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"crm {__version__}")
        raise typer.Exit()


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
    from contextlib import suppress

    from bankcrm_cli.domain.catalogue import use_language
    from bankcrm_cli.domain.errors import CrmError

    state(ctx).db = db
    use_language(None)
    # The settings set the language of what the command prints; unusable settings are
    # reported by the command that needs them.
    with suppress(CrmError):
        state(ctx).settings()


def pin_loaded_objects() -> None:
    """Start-up step, once the store is open: what is loaded by then lives until exit.

    SQLAlchemy, the tables and the command's modules are hundreds of thousands of objects:
    frozen, the garbage collector's full passes no longer go over them again whenever a
    command makes many (benchmarks/README.md, `customers show`). Only for the `crm` program:
    inside another program (tests) the objects are not ours to pin.
    """
    import gc

    gc.freeze()


# The commands and groups of `crm`, in the order its help lists them: the name typed, the module
# of bankcrm_cli.cli that holds it, and there its Typer app (a group) or function (a command).
COMMANDS = (
    ("followups", "followups", "app"),
    ("work", "work", "work_command"),
    ("import", "imports", "app"),
    ("log-call", "contacts", "log_call_command"),
    ("calls", "contacts", "app"),
    ("complaints", "complaints", "app"),
    ("mailmerge", "mailmerge", "mailmerge_command"),
    ("templates", "templates", "app"),
    ("report", "reports", "app"),
    ("segments", "analytics", "segments_command"),
    ("churn", "analytics", "churn_command"),
    ("opportunities", "analytics", "opportunities_command"),
    ("customers", "customers", "app"),
    ("users", "users", "app"),
    ("audit", "users", "audit_command"),
    ("campaigns", "campaigns", "app"),
    ("rms", "rms", "app"),
    ("db", "db", "app"),
    ("backup", "backup", "backup_command"),
    ("restore", "backup", "restore_command"),
    ("cron", "cron", "app"),
    ("config", "config", "app"),
    ("sample", "sample", "app"),
)


def make_app(only: str | None = None) -> CrmTyper:
    """The `crm` program with every command, or with only the one named `only` (and its
    subcommands): Typer builds each command from its function's signature before running
    any, and for one command that is a fraction of the whole (benchmarks/README.md)."""
    from importlib import import_module

    root = CrmTyper(
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
    root.callback()(main)
    for name, module, attribute in COMMANDS:
        if only is not None and name != only:
            continue
        found = getattr(import_module(f"bankcrm_cli.cli.{module}"), attribute)
        if attribute == "app":
            root.add_typer(found, name=name)
        else:
            root.command(name)(found)
    return root


def command_named(args: list[str]) -> str | None:
    """The command the arguments name after the root's `--db`, when it is one of crm's;
    None for anything else (help, --version, another option, a typo), which the whole
    program then reads, to answer or to say what is wrong."""
    names = {name for name, _module, _attribute in COMMANDS}
    at = 0
    while at < len(args):
        word = args[at]
        if word == "--db":
            at += 2
        elif word.startswith("--db="):
            at += 1
        else:
            return word if word in names else None
    return None


def __getattr__(name: str):
    # `app`, the whole program, is made when first asked for (tests, docs): `crm` itself
    # makes only the command it runs.
    if name == "app":
        globals()["app"] = made = make_app()
        return made
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def run() -> None:
    """The `crm` program (console script and `python -m bankcrm_cli`)."""
    import sys

    program = make_app(only=command_named(sys.argv[1:]))
    program(obj=AppState(on_store_open=pin_loaded_objects))
