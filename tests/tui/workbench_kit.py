"""What the workbench's tests share: a real app (Textual's headless pilot) on the test's
store (SQLite, or a PostgreSQL schema on the second pass), waited on until it settles."""

from __future__ import annotations

import asyncio
from datetime import date
from zoneinfo import ZoneInfo

# The sample bank's day (a Friday: it covers the weekend), as tests/test_recordings.py uses.
DAY = date(2026, 12, 4)


def work_scope(crm, *, actor: str = "tester", rm_code: str | None = None, day: date = DAY):
    """What `crm work --date DAY` builds, on the test's store: a SQLite file is read through
    sqlite3 and its engine made at the first write; a PostgreSQL store is its engine."""
    from bankcrm_cli.services.admin.store import open_for_reading
    from bankcrm_cli.settings import load_settings, with_overrides
    from bankcrm_cli.tui.session import WorkScope
    from tests.conftest import store_engine

    settings = with_overrides(load_settings(), db=str(crm.db))
    reader = open_for_reading(settings)
    return WorkScope(
        engine=None if reader is not None else store_engine(crm),
        reader=reader,
        open_engine=lambda: store_engine(crm),
        settings=settings,
        day=day,
        today=day,
        zone=ZoneInfo("Asia/Shanghai"),
        actor=actor,
        rm_code=rm_code,
    )


async def settle(pilot, rounds: int = 3) -> None:
    """Wait until the app has no store call under way and its messages are handled."""
    quiet = 0
    for _ in range(2000):
        await pilot.pause()
        quiet = quiet + 1 if pilot.app.busy == 0 else 0
        if quiet >= rounds:
            return
        await asyncio.sleep(0.005)
    raise AssertionError("the workbench never settled")


def screen_text(app) -> str:
    """What the terminal shows, as text: the screen rendered as Textual renders it for a
    screenshot, exported without styles."""
    import io

    from rich.console import Console

    width, height = app.size
    console = Console(
        width=width, height=height, file=io.StringIO(), force_terminal=True, record=True
    )
    console.print(
        app.screen._compositor.render_update(full=True, screen_stack=app._background_screens)
    )
    return console.export_text()


def load_sample(crm):
    """The sample bank in the test's store."""
    assert crm("sample", "load").exit_code == 0, "crm sample load failed"
    return crm
