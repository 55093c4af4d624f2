"""The action forms (log a contact, done, snooze, open a complaint): fields, ctrl+s saves from
any of them, escape cancels. Saving calls the service; its refusal shows in the form, which stays
open with what was typed."""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label, Select, Static

from bankcrm_cli.domain.catalogue import t


@dataclass(frozen=True)
class Field:
    """One field: an input (text) or a choice among (label, value) pairs."""

    key: str
    label: str
    value: str = ""
    choices: Sequence[tuple[str, str]] | None = None


# Saving: the values typed, by key → the line to show once saved. Raises the service's error.
Save = Callable[[dict[str, str]], str]
# What the form is dismissed with: the saved line and what `then` read after it (in the same
# thread as the write: the screen shows the stored result without another round trip).
Saved = tuple[str, Any]


class FormScreen(ModalScreen["Saved | None"]):
    """A form over the workbench; dismissed with the saved line and what was read after it,
    or None when cancelled."""

    # Not priority bindings: a key reaches the form through the focused field, in the order
    # typed, so ctrl+s right after a paste saves the whole note.
    BINDINGS = [
        Binding("ctrl+s", "save", t("work.key.save")),
        Binding("escape", "cancel", t("work.key.cancel")),
    ]
    DEFAULT_CSS = """
    FormScreen { align: center middle; }
    FormScreen > Vertical {
        width: 76; max-width: 100%; height: auto; max-height: 100%;
        border: round $accent; padding: 0 1; background: $surface;
    }
    FormScreen Label { margin-top: 0; color: $text-muted; }
    FormScreen Input { background: $boost; }
    FormScreen #form-error { color: $error; text-style: bold; }
    """

    def __init__(self, title: str, fields: Sequence[Field], save: Save, focus: str) -> None:
        super().__init__()
        self.title_text = title
        self.fields = list(fields)
        self.save = save
        self.focus_key = focus
        self.saving = False
        self.then: Callable[[], Any] = lambda: None

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(Text(self.title_text, style="bold"))
            for field in self.fields:
                yield Label(field.label)
                if field.choices is not None:
                    yield Select(
                        [(label, value) for label, value in field.choices],
                        value=field.value or Select.NULL,
                        allow_blank=not field.value,
                        prompt=field.label,
                        id=f"f-{field.key}",
                        compact=True,
                    )
                else:
                    yield Input(value=field.value, id=f"f-{field.key}", compact=True)
            yield Static("", id="form-error")
            yield Static(Text(t("work.form.keys"), style="dim"))

    def on_mount(self) -> None:
        self.query_one(f"#f-{self.focus_key}").focus()

    def values(self) -> dict[str, str]:
        found = {}
        for field in self.fields:
            widget = self.query_one(f"#f-{field.key}")
            value = widget.value
            found[field.key] = "" if value is Select.NULL or value is None else str(value)
        return found

    def show_error(self, message: str) -> None:
        self.query_one("#form-error", Static).update(
            Text(t("work.error", message=message), style="bold")
        )

    async def action_save(self) -> None:
        from bankcrm_cli.domain.errors import CrmError

        if self.saving:
            return
        self.saving = True
        app = self.app
        app.busy += 1
        try:
            values = self.values()
            line, read = await asyncio.to_thread(lambda: (self.save(values), self.then()))
        except CrmError as exc:
            self.show_error(str(exc))
        except Exception as exc:  # the store's refusal: shown, never a traceback
            self.show_error(app.store_error(exc))
        else:
            self.dismiss((line, read))
        finally:
            self.saving = False
            app.busy -= 1

    def action_cancel(self) -> None:
        self.dismiss(None)
