"""`crm work`: the RM's workbench, a full-screen terminal program over the day's list."""

from __future__ import annotations

import typer

from bankcrm_cli.cli.common import (
    BranchOption,
    DateOption,
    RmOption,
    acting_as,
    parse_day,
    state,
    today_in_zone,
    zone_of,
)


def _require_terminal() -> None:
    import sys

    from bankcrm_cli.domain.catalogue import t
    from bankcrm_cli.domain.errors import UsageError

    if not (sys.stdin.isatty() and sys.stdout.isatty()):
        raise UsageError(t("work.err.no_terminal"))


def work_command(
    ctx: typer.Context,
    day: DateOption = None,
    rm: RmOption = None,
    branch: BranchOption = None,
) -> None:
    """Work through the day's list in one screen: the list, the customer, one key per action.

    Example: crm work --rm RM001
    """
    from bankcrm_cli.io.working_days import CachedWorkingDays
    from bankcrm_cli.settings import cache_dir
    from bankcrm_cli.tui.session import WorkScope

    app_state = state(ctx)
    settings = app_state.settings()
    run_day = parse_day(day, "--date")
    # A missing store is said first, as by every read. A SQLite file is read through sqlite3
    # (store/lite.py): SQLAlchemy is loaded at the first write, not before the first screen.
    store = app_state.reader()
    lite = app_state.reads_without_engine()
    _require_terminal()
    today = today_in_zone(settings)
    scope = WorkScope(
        settings=settings,
        day=run_day or today,
        today=today,
        zone=zone_of(settings),
        actor=acting_as(ctx, None),
        rm_code=rm,
        branch=branch,
        year_days=CachedWorkingDays(cache_dir()),
        engine=None if lite else store,
        reader=store if lite else None,
        open_engine=app_state.engine,
    )
    from bankcrm_cli.tui.launch import workbench

    workbench(scope).run()
