"""The day's list: the follow-ups grouped by kind with counts, overdue marked, done struck
through, and a filter typed over it (name, customer number, phone digits)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import Input, OptionList
from textual.widgets.option_list import Option

from bankcrm_cli.domain.catalogue import t, t_or

if TYPE_CHECKING:
    from textual import events

    from bankcrm_cli.services.followups import FollowupDay, FollowupItem

# The keys that act on the list; any other printable key starts the filter.
ACTION_KEYS = frozenset("cdsomruq/?")
# The keys that leave the filter for the list (Escape clears it first).
LEAVE_KEYS = frozenset({"enter", "escape", "down"})


def matches(item: FollowupItem, needle: str) -> bool:
    """Whether the filter text finds the item: in the name, the customer number, or the digits
    the (masked) phone shows."""
    needle = needle.strip().lower()
    if not needle:
        return True
    if needle in item.name.lower() or needle in item.customer_id.lower():
        return True
    return (
        bool(item.phone)
        and needle.isdigit()
        and any(needle in part for part in item.phone.split("*"))
    )


def item_label(item: FollowupItem, done: bool) -> Text:
    """Due day, name and number (overdue or done marked); then what it is about, wrapped
    rather than cut: amounts, dates and ids are never shortened (docs/workbench.md)."""
    label = Text(overflow="fold")
    label.append(item.due_date.strftime("%m-%d"), style="bold")
    label.append(f" {item.name} {item.customer_id}")
    if item.overdue and not done:
        label.append(f" {t('fu.overdue')}", style="bold red reverse")
    if done:
        label.append(f" {t('work.done')}", style="italic")
    label.append("\n  " + item.detail.replace("\n", "\n  "), style="dim")
    if done:
        label.stylize("strike")
    return label


class _FilterInput(Input):
    """The filter. Enter, Escape and Down hand the keyboard back to the list at once, and a
    key already on its way to the filter when the focus left it (`196⏎c` typed without a
    pause) is not typed into it: it goes on up, as if typed over the list.

    Textual hands each key to the widget focused when the key is read, not when it is handled,
    and a key the filter does not take is handled by its parents only after the filter's next
    key: so the filter itself must leave at once, and must check where the focus is now
    (`screen.focused`; `has_focus` changes only when the Blur is handled)."""

    async def _on_key(self, event: events.Key) -> None:
        if self.screen.focused is not self:
            # Skip Input's own handler (Textual calls each class's in turn unless the default
            # is prevented); the key bubbles up to the list and the bindings.
            event.prevent_default()
        elif event.key in LEAVE_KEYS and isinstance(self.parent, DayList):
            self.parent.leave_filter(clear=event.key == "escape")
            event.stop()
            event.prevent_default()


class DayList(Vertical):
    """The filter above the grouped list; posts `Picked` when the highlighted item changes."""

    class Picked(Message):
        def __init__(self, item: FollowupItem | None) -> None:
            self.item = item
            super().__init__()

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self._items: list[FollowupItem] = []
        self._done: frozenset[str] = frozenset()
        self._shown: dict[str, FollowupItem] = {}
        self._typing = False  # a filter started over the list, not yet left

    def compose(self) -> ComposeResult:
        yield _FilterInput(
            placeholder=t("work.filter"), id="filter", compact=True, select_on_focus=False
        )
        yield OptionList(id="items")

    @property
    def options(self) -> OptionList:
        return self.query_one("#items", OptionList)

    @property
    def filter_text(self) -> str:
        return self.query_one("#filter", Input).value

    @property
    def selected(self) -> FollowupItem | None:
        option = self.options.highlighted_option
        return self._shown.get(option.id) if option is not None and option.id else None

    def is_done(self, item: FollowupItem) -> bool:
        return item.id in self._done

    def show(self, day: FollowupDay) -> None:
        """The list read afresh; the highlighted item stays highlighted if it is still there."""
        self._items, self._done = day.items, day.done
        self._fill(keep=self.selected)

    def _fill(self, keep: FollowupItem | None = None) -> None:
        needle = self.filter_text
        shown = [item for item in self._items if matches(item, needle)]
        self._shown = {item.id: item for item in shown}
        options = self.options
        options.clear_options()
        options.add_options(self._grouped(shown))
        if keep is not None and keep.id in self._shown:
            options.highlighted = options.get_option_index(keep.id)
        elif shown:
            options.highlighted = options.get_option_index(shown[0].id)
        self.post_message(self.Picked(self.selected))

    def _grouped(self, shown: list[FollowupItem]) -> Iterable[Option | None]:
        """A heading per kind with its count, in the service's order (kind, due, customer)."""
        if not shown:
            yield Option(Text(t("fu.nothing"), style="italic"), disabled=True)
            return
        kinds = list(dict.fromkeys(item.kind for item in shown))
        for kind in kinds:
            group = [item for item in shown if item.kind == kind]
            heading = Text(f"{t_or('fu.kind', kind)} ({len(group)})", style="bold underline")
            yield Option(heading, disabled=True)
            for item in group:
                yield Option(item_label(item, self.is_done(item)), id=item.id)

    @on(Input.Changed, "#filter")
    def _filter_changed(self) -> None:
        self._fill(keep=self.selected)

    def leave_filter(self, *, clear: bool = False) -> None:
        """The keyboard back to the list, at once (screen.set_focus, where focus() would wait):
        keys typed fast arrive together, and each must find the focus where the one before
        left it."""
        if clear:
            self.query_one("#filter", Input).value = ""
        self._typing = False
        self.screen.set_focus(self.options)

    @on(OptionList.OptionHighlighted, "#items")
    def _highlighted(self, event: OptionList.OptionHighlighted) -> None:
        event.stop()
        self.post_message(self.Picked(self.selected))

    def on_key(self, event: events.Key) -> None:
        filter_input = self.query_one("#filter", Input)
        # Keys typed fast can reach the list before the filter has taken the focus: while a
        # filter is being typed, they are the filter's.
        if self.screen.focused is filter_input or self._typing:
            if event.key in LEAVE_KEYS:
                self.leave_filter(clear=event.key == "escape")
                event.stop()
            elif self._typing and event.is_printable:
                # Sent to the list before the filter took the focus (the filter takes every
                # printable key while it has the focus, and passes keys up only after it has
                # left it, when no filter is being typed).
                filter_input.insert_text_at_cursor(event.character or "")
                event.stop()
            return
        if event.is_printable and event.character and event.character not in ACTION_KEYS:
            # A new filter starts with the key typed over the list.
            filter_input.value = event.character
            filter_input.cursor_position = 1
            self._typing = True
            self.screen.set_focus(filter_input)  # at once, as in leave_filter
            event.stop()
