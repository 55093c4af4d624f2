"""Starting the workbench: the first screen's reads begin before Textual is even imported.

The day's list and its first customer are read in a thread of their own while the screen's
modules load and the app mounts; the first screen then shows what that read found
(benchmarks/README.md, the workbench).
"""

from __future__ import annotations

from concurrent.futures import Future, ThreadPoolExecutor
from typing import TYPE_CHECKING

from bankcrm_cli.tui.session import WorkScope, WorkSession

if TYPE_CHECKING:
    from bankcrm_cli.tui.app import WorkApp


def first_screen_read(session: WorkSession) -> Future:
    """The day's list and the pane of its first item's customer, read in a thread."""

    def read():
        day = session.day_list()
        first = next((item for item in day.items), None)
        pane = session.customer(first.customer_id) if first is not None else None
        return day, pane

    pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="crm-work-first-screen")
    future = pool.submit(read)
    pool.shutdown(wait=False)
    return future


def workbench(scope: WorkScope) -> WorkApp:
    """The app for `crm work`, its first screen already being read."""
    session = WorkSession(scope)
    prefetch = first_screen_read(session)
    from bankcrm_cli.tui.app import WorkApp

    return WorkApp(scope, first_screen=prefetch)
