"""The screens over the workbench: help, a message preview, customer search, the days ahead."""

from __future__ import annotations

import asyncio
from datetime import date
from typing import TYPE_CHECKING

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from bankcrm_cli.domain.catalogue import t, t_or
from bankcrm_cli.tui.day_list import item_label

if TYPE_CHECKING:
    from bankcrm_cli.services.customers.profile import CustomerView
    from bankcrm_cli.services.followups import FollowupItem
    from bankcrm_cli.services.mailmerge.preview import MessagePreview
    from bankcrm_cli.tui.session import WorkSession

_BOX_CSS = """
{name} {{ align: center middle; }}
{name} > Vertical, {name} > VerticalScroll {{
    width: 90%; height: 90%; border: round $accent; padding: 0 1; background: $surface;
}}
"""


class TextScreen(ModalScreen[None]):
    """Text to read (help, a message preview); escape or q closes it."""

    BINDINGS = [
        Binding("escape", "close", t("work.key.close")),
        Binding("q", "close", t("work.key.close"), show=False),
    ]
    DEFAULT_CSS = _BOX_CSS.format(name="TextScreen")

    def __init__(self, body: Text) -> None:
        super().__init__()
        self.body = body

    def compose(self) -> ComposeResult:
        with VerticalScroll():
            yield Static(self.body, id="text")

    def action_close(self) -> None:
        self.dismiss(None)


def help_text() -> Text:
    return Text(t("work.help"))


def preview_text(preview: MessagePreview) -> Text:
    text = Text()
    head = t(
        "work.preview",
        template=preview.template,
        channel=t_or("channel", preview.channel),
        purpose=preview.purpose,
        address=preview.address,
    )
    text.append(head + "\n", style="bold")
    if preview.refusal:
        text.append(t("work.preview.refused", why=preview.refusal) + "\n", style="bold red")
    if preview.subject:
        text.append(preview.subject + "\n", style="bold")
    text.append("\n" + preview.body + "\n")
    text.append(t("work.preview.keys"), style="dim")
    return text


class SearchScreen(ModalScreen[str | None]):
    """Find any customer (as `crm customers search`, masked); enter opens the one highlighted."""

    BINDINGS = [Binding("escape", "close", t("work.key.close"))]
    DEFAULT_CSS = _BOX_CSS.format(name="SearchScreen")

    def __init__(self, session: WorkSession) -> None:
        super().__init__()
        self.session = session

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(Text(t("work.search"), style="bold"))
            yield Input(id="needle", compact=True)
            yield OptionList(id="found")

    @on(Input.Submitted, "#needle")
    async def _search(self, event: Input.Submitted) -> None:
        found: list[CustomerView] = await asyncio.to_thread(self.session.search, event.value)
        options = self.query_one("#found", OptionList)
        options.clear_options()
        if not found:
            options.add_option(Option(t("work.search.none"), disabled=True))
            return
        for c in found:
            phone = c.masked().phone or ""
            options.add_option(Option(f"{c.customer_id} {c.name} {phone}", id=c.customer_id))
        options.highlighted = 0
        options.focus()

    @on(OptionList.OptionSelected, "#found")
    def _open(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id)

    def action_close(self) -> None:
        self.dismiss(None)


class UpcomingScreen(ModalScreen["FollowupItem | None"]):
    """The next 14 days (as `crm followups upcoming --days 14`), by date; enter opens one."""

    BINDINGS = [Binding("escape", "close", t("work.key.close"))]
    DEFAULT_CSS = _BOX_CSS.format(name="UpcomingScreen")

    def __init__(self, start: date, grouped: dict[date, list[FollowupItem]], days: int) -> None:
        super().__init__()
        self.start, self.grouped, self.days = start, grouped, days
        self.by_id = {item.id: item for group in grouped.values() for item in group}

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(Text(t("fu.heading.window", start=self.start, count=self.days), "bold"))
            yield OptionList(*self._options(), id="upcoming")

    def _options(self) -> list[Option]:
        if not self.grouped:
            return [Option(t("fu.nothing"), disabled=True)]
        options = []
        for due, group in self.grouped.items():
            options.append(Option(Text(f"{due} ({due.strftime('%a')})", "bold"), disabled=True))
            options += [Option(item_label(item, False), id=item.id) for item in group]
        return options

    @on(OptionList.OptionSelected, "#upcoming")
    def _open(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(self.by_id.get(event.option.id or ""))

    def action_close(self) -> None:
        self.dismiss(None)
