"""`crm work`: the day's list on the left, its customer on the right, one key per action.

Every read and write runs in a thread (the screen keeps answering while the store is busy) and
goes through the services `crm` uses (tui/session.py); after each action the list and the
customer are read again from the store.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from concurrent.futures import Future
from typing import TYPE_CHECKING, Any

from rich.text import Text
from textual import on
from textual.app import App, ComposeResult
from textual.containers import Horizontal
from textual.widgets import Footer, Static

from bankcrm_cli.domain.catalogue import t
from bankcrm_cli.tui.customer_pane import CustomerPaneView
from bankcrm_cli.tui.day_list import DayList
from bankcrm_cli.tui.session import WorkScope, WorkSession

if TYPE_CHECKING:
    from bankcrm_cli.services.followups import FollowupItem
    from bankcrm_cli.tui.forms import FormScreen, Saved
    from bankcrm_cli.tui.session import CustomerPane

REFRESH_SECONDS = 60
# key, action, catalogue key of its footer label (None: not shown)
KEYS = [
    ("c", "log_call", "work.key.call"),
    ("d", "done", "work.key.done"),
    ("s", "snooze", "work.key.snooze"),
    ("o", "complaint", "work.key.complaint"),
    ("m", "message", "work.key.mail"),
    ("r", "reveal", "work.key.reveal"),
    ("slash", "search", "work.key.search"),
    ("u", "upcoming", "work.key.upcoming"),
    ("question_mark", "help", "work.key.help"),
    ("q", "quit", "work.key.quit"),
    ("f5", "refresh", "work.key.refresh"),
]
# Actions of the main screen, idle while a form or another screen is over it.
MAIN_ACTIONS = frozenset(action for _, action, _ in KEYS)


class WorkApp(App):
    """The RM's workbench."""

    CSS = """
    #title { height: 1; text-style: bold; background: $primary-background; }
    #body { height: 1fr; }
    DayList { width: 42%; min-width: 30; border-right: vkey $foreground 30%; }
    DayList #filter { height: 1; margin-bottom: 0; }
    DayList #items {
        height: 1fr; border: none; padding: 0;
    }
    CustomerPaneView { width: 1fr; padding: 0 1; }
    #status { height: 1; }
    """
    ENABLE_COMMAND_PALETTE = False

    def __init__(
        self,
        scope: WorkScope,
        *,
        refresh_seconds: float = REFRESH_SECONDS,
        first_screen: Future | None = None,
    ) -> None:
        super().__init__()
        self.session = WorkSession(scope)
        # The first screen's reads, started before the app (tui/launch.py), if they were.
        self.first_screen = first_screen
        self.scope = scope
        self.refresh_seconds = refresh_seconds
        self.busy = 0  # store calls under way (tests and benchmarks wait for none)
        # The item selected in the list, and the customer the pane is for: the item's, or
        # one opened by search (`searched`) until the list's selection moves.
        self.current: FollowupItem | None = None
        self.customer_id: str | None = None
        self.searched: str | None = None
        self.revealed: str | None = None
        self.shown_customer: str | None = None  # the customer the pane shows, once read
        # How many times the list and the pane were read and shown (tests and benchmarks wait
        # on them).
        self.refreshes = 0
        self.panes_shown = 0
        for key, action, label in KEYS:
            self._bindings.bind(key, action, t(label))

    def compose(self) -> ComposeResult:
        yield Static(id="title")
        with Horizontal(id="body"):
            yield DayList(id="list")
            yield CustomerPaneView(id="pane")
        yield Static(id="status")
        yield Footer(compact=True)

    async def on_mount(self) -> None:
        self.query_one("#items").focus()
        self.set_interval(self.refresh_seconds, self.action_refresh)
        await self.action_refresh()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # A form over the list has the keys to itself.
        return not (action in MAIN_ACTIONS and len(self.screen_stack) > 1)

    # -- reading -------------------------------------------------------------------------

    async def _call(self, work: Callable[[], Any]) -> tuple[bool, Any]:
        """Run a store call in a thread; its refusal goes to the status line, never a traceback."""
        from bankcrm_cli.domain.errors import CrmError

        self.busy += 1
        try:
            return True, await asyncio.to_thread(work)
        except CrmError as exc:
            self.say_error(str(exc))
        except Exception as exc:
            self.say_error(self.store_error(exc))
        finally:
            self.busy -= 1
        return False, None

    def store_error(self, exc: Exception) -> str:
        """The store's refusal in one line, as `crm` prints it; anything else is a bug."""
        from sqlalchemy.exc import DBAPIError

        if not isinstance(exc, DBAPIError):
            raise exc
        return "the store refused the operation: " + " ".join(str(exc.orig).split())

    async def action_refresh(self) -> None:
        """Read the day's list (and the customer shown) afresh from the store."""
        self.busy += 1
        try:
            await self._refresh()
        finally:
            self.busy -= 1

    async def _refresh(self) -> None:
        prefetched, self.first_screen = self.first_screen, None
        read = self.session.day_list if prefetched is None else prefetched.result
        ok, found = await self._call(read)
        if not ok:
            return
        day, pane = (found, None) if prefetched is None else found
        s = self.scope
        covers = day.covers
        span = f"{covers[0]}" if len(covers) == 1 else f"{covers[0]} – {covers[-1]}"
        who = " ".join(filter(None, (s.rm_code, s.branch)))
        self.query_one("#title", Static).update(
            Text(t("work.title", day=s.day, span=span, who=who), no_wrap=True, overflow="ellipsis")
        )
        day_list = self.query_one(DayList)
        day_list.show(day)
        self._select(day_list.selected)
        await self._show_customer(pane)
        self.refreshes += 1

    @on(DayList.Picked)
    async def _picked(self, event: DayList.Picked) -> None:
        if self._select(event.item):
            await self._show_customer()

    def _select(self, item: FollowupItem | None) -> bool:
        """Follow the list's selection; whether it moved to another item."""
        same = (item.id if item else None) == (self.current.id if self.current else None)
        if not same:
            self.searched = None
        self.current = item
        self.customer_id = self.searched or (item.customer_id if item else None)
        return not same

    async def _show_customer(self, read: CustomerPane | None = None) -> None:
        """The pane of the selected customer, read now (or `read` when it is theirs)."""
        pane = self.query_one(CustomerPaneView)
        wanted = self.customer_id
        if wanted is None:
            pane.clear(t("work.pick"))
            self.shown_customer = None
            return
        revealed = self.revealed == wanted
        if (
            read is not None
            and read.detail.customer.customer_id == wanted
            and read.revealed == revealed
        ):
            ok, found = True, read
        else:
            ok, found = await self._call(lambda: self.session.customer(wanted, revealed=revealed))
        if not ok or wanted != self.customer_id:  # moved on meanwhile: the newer read shows
            return
        maturing = self.current.account_id if self.current else None
        pane.show(found, self.scope.zone, maturing)
        self.shown_customer = wanted
        self.panes_shown += 1

    def say(self, line: str) -> None:
        self.query_one("#status", Static).update(Text(line, no_wrap=True, overflow="ellipsis"))

    def say_error(self, message: str) -> None:
        line = t("work.error", message=message)
        self.query_one("#status", Static).update(
            Text(line, style="bold red", no_wrap=True, overflow="ellipsis")
        )

    def _form(self, form: FormScreen) -> None:
        """Open a form; once it saves, the customer is read again in the same thread."""
        customer, revealed = self.customer_id, self.revealed == self.customer_id
        if customer is not None:
            form.then = lambda: self.session.customer(customer, revealed=revealed)
        self.push_screen(form, self.after_action)

    async def after_action(self, saved: Saved | None) -> None:
        """Once a form saved: its line in the status and the customer as stored at once, then
        the day's list (a whole day's read, which takes longer) and the customer again."""
        if saved is None:
            return
        line, pane = saved
        self.say(line)
        self.busy += 1
        try:
            await self._show_customer(pane)
            await self._refresh()
        finally:
            self.busy -= 1

    # -- actions ---------------------------------------------------------------------------

    def _follow_list(self) -> None:
        """What the list shows selected now, even if its message has not reached the app yet
        (keys typed fast); the pane follows."""
        if self._select(self.query_one(DayList).selected):
            self.call_later(self._show_customer)

    def _need_item(self) -> FollowupItem | None:
        self._follow_list()
        if self.current is None or self.current.customer_id != self.customer_id:
            self.say_error(t("work.pick_first"))
            return None
        return self.current

    def _need_customer(self) -> str | None:
        self._follow_list()
        if self.customer_id is None:
            self.say_error(t("work.pick_first"))
        return self.customer_id

    def action_log_call(self) -> None:
        from bankcrm_cli.tui.actions import call_form

        if (customer := self._need_customer()) is not None:
            self._form(call_form(self, customer))

    def action_done(self) -> None:
        from bankcrm_cli.tui.actions import done_form

        if (item := self._need_item()) is not None:
            self._form(done_form(self, item))

    def action_snooze(self) -> None:
        from bankcrm_cli.tui.actions import snooze_form

        if (item := self._need_item()) is not None:
            self._form(snooze_form(self, item))

    def action_complaint(self) -> None:
        from bankcrm_cli.tui.actions import complaint_form

        if (customer := self._need_customer()) is not None:
            self._form(complaint_form(self, customer))

    async def action_message(self) -> None:
        from bankcrm_cli.tui.screens import TextScreen, preview_text

        if (item := self._need_item()) is None:
            return
        ok, preview = await self._call(lambda: self.session.preview(item))
        if ok:
            self.push_screen(TextScreen(preview_text(preview)))

    async def action_reveal(self) -> None:
        if (customer := self._need_customer()) is None:
            return
        ok, _ = await self._call(lambda: self.session.reveal(customer))
        if ok:
            self.revealed = customer
            self.say(t("work.revealed", id=customer))
            await self._show_customer()

    def action_search(self) -> None:
        from bankcrm_cli.tui.screens import SearchScreen

        self.push_screen(SearchScreen(self.session), self._open_customer)

    async def _open_customer(self, customer_id: str | None) -> None:
        if customer_id is None:
            return
        self.searched = self.customer_id = customer_id
        self.say(t("work.not_on_list"))
        await self._show_customer()

    async def action_upcoming(self) -> None:
        from bankcrm_cli.tui.screens import UpcomingScreen
        from bankcrm_cli.tui.session import UPCOMING_DAYS

        ok, grouped = await self._call(self.session.upcoming)
        if ok:
            screen = UpcomingScreen(self.scope.day, grouped, UPCOMING_DAYS)
            self.push_screen(screen, self._open_upcoming)

    async def _open_upcoming(self, item: FollowupItem | None) -> None:
        if item is not None:
            await self._open_customer(item.customer_id)

    def action_help(self) -> None:
        from bankcrm_cli.tui.screens import TextScreen, help_text

        self.push_screen(TextScreen(help_text()))
