"""What every command shares: global state, consoles, output formats, option aliases."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING, Annotated, Any

import typer

from bankcrm_cli.domain.catalogue import t
from bankcrm_cli.domain.followups import FollowupKind

if TYPE_CHECKING:
    from rich.console import Console
    from sqlalchemy import Engine

    from bankcrm_cli.settings import Settings


class ListFormat(StrEnum):
    table = "table"
    json = "json"
    csv = "csv"
    xlsx = "xlsx"

    @property
    def is_sheet(self) -> bool:
        """Rows and columns for a spreadsheet or a script: csv or xlsx."""
        return self in (ListFormat.csv, ListFormat.xlsx)


FormatOption = Annotated[
    ListFormat,
    typer.Option(
        "--format",
        "-f",
        help="Output: table for people, json/csv for scripts, xlsx for a spreadsheet "
        "(redirect it to a file).",
    ),
]
RevealOption = Annotated[
    bool,
    typer.Option(
        "--reveal", help="Show ID numbers and phones in full (deliberate; use with care)."
    ),
]
AsOption = Annotated[
    str | None,
    typer.Option(
        "--as", metavar="RM_CODE", help="Who is acting (default: $CRM_USER, else the OS user)."
    ),
]
DateOption = Annotated[
    str | None,
    typer.Option(
        "--date", metavar="YYYY-MM-DD", help="The day (default: today in the configured time zone)."
    ),
]


def rm_code_option(ctx: typer.Context, value: str | None) -> str | None:
    """`--rm` in the one form RM codes are stored in (`rm001`, `ＲＭ００１` are RM001); an
    unknown code is a mistake to point out, not a filter that matches nobody."""
    if value is None:
        return None
    from bankcrm_cli.domain.rm_codes import normalise_rm_code

    code = normalise_rm_code(value)
    if not ctx.resilient_parsing:
        from bankcrm_cli.services.customers.known_rm import require_known_rm

        require_known_rm(state(ctx).reader(), code)
    return code


RmOption = Annotated[
    str | None,
    typer.Option("--rm", metavar="CODE", help="Only this RM's customers.", callback=rm_code_option),
]
BranchOption = Annotated[
    str | None, typer.Option("--branch", metavar="NAME", help="Only this branch.")
]
FollowupKindsOption = Annotated[
    list[FollowupKind] | None, typer.Option("--kind", help="Only these kinds (repeatable).")
]


def filters_text(**filters: str | None) -> str:
    """The filters given, as typed: `--rm RM001 --branch 海淀支行`."""
    return " ".join(f"--{name} {value}" for name, value in filters.items() if value)


@dataclass
class AppState:
    """Options given before the command (`crm --db ... COMMAND`)."""

    db: str | None = None
    # A start-up step of the `crm` program for once the store is open (cli.main.run): none
    # when the app runs inside another program (tests).
    on_store_open: Callable[[], None] | None = None
    _settings: Settings | None = None
    _engine: Engine | None = None
    _lite: Any = None  # a SQLite store opened for reading only (AppState.reader)

    def settings(self) -> Settings:
        if self._settings is None:
            from bankcrm_cli.settings import load_settings, with_overrides

            self._settings = with_overrides(load_settings(), db=self.db)
            from bankcrm_cli.domain.catalogue import use_language

            use_language(self._settings.get("ui.language"))
        return self._settings

    def engine(self, *, check_schema: bool = True, create: bool = False) -> Engine:
        """The store's engine; an out-of-date one is refused. Only commands that write pass
        `create`: for every other a missing store is a usage error and nothing is made."""
        if self._engine is None:
            from bankcrm_cli.services.admin.store import open_store

            self._engine = open_store(self.settings(), create=create)
            if self.on_store_open is not None:
                self.on_store_open()
        if check_schema:
            from bankcrm_cli.services.admin.store import require_current_schema

            require_current_schema(self._engine, create=create)
        return self._engine

    def reader(self) -> Any:
        """The store for a command that only reads: a SQLite file at this crm's schema is
        read through the standard library's sqlite3, without loading SQLAlchemy
        (store/lite.py); any other store is `engine()`, which refuses what is wrong."""
        if self._engine is None and self._lite is None:
            from bankcrm_cli.services.admin.store import open_for_reading

            self._lite = open_for_reading(self.settings())
            if self._lite is not None and self.on_store_open is not None:
                self.on_store_open()
        if self._engine is None and self._lite is not None:
            return self._lite
        return self.engine()

    def reads_without_engine(self) -> bool:
        """Whether `reader()` gave the SQLite file read through sqlite3, not the engine."""
        return self._engine is None and self._lite is not None

    def store_file(self):
        """The store's file (None for a database server), for the output guard."""
        from bankcrm_cli.services.admin.store import named_file, store_file, store_url

        if (path := named_file(self.settings())) is not None:
            return path

        return store_file(store_url(self.settings()))

    def lock_folder(self):
        """Where a database server's store keeps its lock files (None for a store file)."""
        from bankcrm_cli.services.admin.run_lock import lock_folder
        from bankcrm_cli.services.admin.store import named_file, store_url

        if named_file(self.settings()) is not None:  # a store file keeps them beside it
            return None

        return lock_folder(store_url(self.settings()))

    def close(self) -> None:
        if self._engine is not None:
            self._engine.dispose()
            self._engine = None


def state(ctx: typer.Context) -> AppState:
    """The global options, from the root of this command's context."""
    root = ctx.find_root()
    if root.obj is None:
        root.obj = AppState()
    return root.obj


def trace_reveal(ctx: typer.Context, what: str, customer_ids: list[str]) -> None:
    """`--reveal` is deliberate and leaves a trace in the history (DOMAIN.md, privacy)."""
    from bankcrm_cli.services.customers.history import record_reveal

    if customer_ids:
        record_reveal(
            state(ctx).engine(), actor=acting_as(ctx, None), what=what, customer_ids=customer_ids
        )


def acting_as(ctx: typer.Context, explicit: str | None) -> str:
    """Who a write is recorded as: `--as`, else CRM_USER, else the OS user; on a team store
    (PostgreSQL) the database login's person, and `--as` only where the role allows it."""
    from bankcrm_cli.services.admin.identity import acting_person
    from bankcrm_cli.services.admin.store import named_file, store_url
    from bankcrm_cli.settings import actor

    settings = state(ctx).settings()
    # A store named by its path is a SQLite file, known without loading SQLAlchemy.
    if named_file(settings) is not None or store_url(settings).startswith("sqlite"):
        return actor(explicit)
    # The store may still be empty here (an import making it): who acts needs no schema.
    return acting_person(state(ctx).engine(check_schema=False), explicit, actor(None))


def out() -> Console:
    """The console for data (stdout); control characters in what it prints show escaped."""
    from bankcrm_cli.render.terminal import console

    return console(markup=False, highlight=False, soft_wrap=False, emoji=False)


def err() -> Console:
    """The console for progress, warnings and errors (stderr), escaping like `out`."""
    from bankcrm_cli.render.terminal import console

    return console(stderr=True, markup=False, highlight=False, emoji=False)


def say(text: str, *, to_stderr: bool = False) -> None:
    """A plain line (or lines) quoting user values, control characters shown escaped."""
    from bankcrm_cli.render.terminal import printable

    typer.echo(printable(text), err=to_stderr)


def zone_of(settings: Settings):
    """The bank's time zone, which decides what 'today' is."""
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    from bankcrm_cli.domain.errors import UsageError

    try:
        return ZoneInfo(settings.timezone)
    except (ZoneInfoNotFoundError, ValueError):
        raise UsageError(t("err.time_zone", zone=repr(settings.timezone))) from None


def today_in_zone(settings: Settings):
    from datetime import datetime

    return datetime.now(zone_of(settings)).date()


def parse_day(text: str | None, option: str):
    """A YYYY-MM-DD option value in the supported range, or None when not given."""
    from datetime import date

    from bankcrm_cli.domain.dates import check_day
    from bankcrm_cli.domain.errors import UsageError

    if text is None:
        return None
    try:
        day = date.fromisoformat(text)
    except ValueError:
        raise UsageError(t("err.not_a_date", option=option, text=repr(text))) from None
    return check_day(day, option)


def parse_moment(text: str | None, option: str, settings: Settings):
    """A 'YYYY-MM-DD[ HH:MM]' option value in the bank's time zone, not in the future and on a
    supported day (None: now)."""
    from datetime import datetime

    from bankcrm_cli.domain.dates import check_day
    from bankcrm_cli.domain.errors import UsageError

    zone = zone_of(settings)
    if text is None:
        return datetime.now(zone)
    try:
        moment = datetime.fromisoformat(text.strip())
    except ValueError:
        raise UsageError(t("err.not_a_moment", option=option, text=repr(text))) from None
    # The day as written, before any shift between zones: a shift near year 1 or 9999 leaves
    # the years datetime can hold.
    check_day(moment.date(), option)
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=zone)
    if moment > datetime.now(zone):
        raise UsageError(t("err.future", option=option, text=repr(text)))
    return moment


def print_json(obj: Any) -> None:
    """One JSON document on stdout: indented for a person at a terminal, compact for a pipe."""
    import sys

    from bankcrm_cli.io.writers import dumps_json_bytes

    document = dumps_json_bytes(obj, indent=2 if sys.stdout.isatty() else None)
    # As bytes, straight to the stream: echo would decode it, search it for colour codes to
    # strip and encode it again, which shows on a whole bank's follow-ups (benchmarks/README.md).
    sys.stdout.flush()
    sys.stdout.buffer.write(document)
    sys.stdout.buffer.write(b"\n")
    sys.stdout.flush()


def print_sheet(fmt, header: list[str], rows) -> None:
    """Rows on stdout as CSV (UTF-8 with a BOM, formula-safe) or as an .xlsx workbook whose
    ids and other text stay text (docs/settings-and-files.md, spreadsheets)."""
    import sys

    if fmt == "xlsx":
        from bankcrm_cli.domain.errors import UsageError
        from bankcrm_cli.io.writers import xlsx_bytes

        if sys.stdout.isatty():
            raise UsageError(t("err.xlsx_terminal"))
        sys.stdout.flush()
        sys.stdout.buffer.write(xlsx_bytes(header, rows))
        sys.stdout.flush()
        return
    from bankcrm_cli.io.writers import write_csv

    # The BOM tells Excel the text is UTF-8 (as in a rejects file); csv readers of
    # Python take it away with encoding="utf-8-sig".
    sys.stdout.write("\ufeff")
    write_csv(sys.stdout, header, rows)


def print_table(
    title: str | None,
    header: list[str],
    rows,
    *,
    caption: str | None = None,
    no_wrap: frozenset[str] = frozenset(),
    right: frozenset[str] = frozenset(),
    min_widths: dict[str, int] | None = None,
) -> None:
    """A table on stdout as wide as the terminal. Columns named in `no_wrap` hold numbers,
    dates or ids: they are never wrapped or cut; the other columns give way (render/tables.py).
    """
    from bankcrm_cli.render.tables import Col, print_fitted

    columns = [
        Col(
            name, fixed=name in no_wrap, right=name in right, min_width=(min_widths or {}).get(name)
        )
        for name in header
    ]
    print_fitted(out(), title, columns, rows, caption=caption)
