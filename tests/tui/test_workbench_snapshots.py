"""The workbench's main screens at 80×24 and 160×48, compared with committed snapshots
(tests/tui/__snapshots__/; `pytest --snapshot-update` records them anew, to be read before
committing). The sample bank is loaded at a fixed moment and the app shows the given --date,
so nothing in a screen depends on the clock; on the PostgreSQL pass the same snapshots hold."""

from __future__ import annotations

import pytest
from workbench_kit import load_sample, settle, work_scope

# Friday 2026-12-04, 09:30 in Shanghai, as tests/test_recordings.py.
MOMENT = "2026-12-04 01:30:00+00:00"


@pytest.fixture
def frozen_sample(crm):
    import time_machine

    with time_machine.travel(MOMENT, tick=False):
        load_sample(crm)
    return crm


def _pressing(*keys: str):
    async def run_before(pilot) -> None:
        await settle(pilot)
        for key in keys:
            await pilot.press(key)
            await settle(pilot)

    return run_before


SCREENS = {
    "list": (),
    "log-form": ("c",),
    "help": ("question_mark",),
    "filtered-maturity": ("1", "0", "9", "enter"),
    "message": ("1", "0", "9", "enter", "m"),
}


@pytest.mark.parametrize("size", [(80, 24), (160, 48)], ids=["80x24", "160x48"])
@pytest.mark.parametrize("screen", list(SCREENS))
def test_workbench_screens_match_their_snapshots(frozen_sample, snap_compare, screen, size):
    from bankcrm_cli.tui.app import WorkApp

    app = WorkApp(work_scope(frozen_sample))
    assert snap_compare(app, terminal_size=size, run_before=_pressing(*SCREENS[screen]))
