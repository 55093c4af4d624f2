"""`crm … -h` in the language of the output (`ui.language`), like everything crm prints.

The English texts are the commands' own (their docstrings, `help=` and `epilog=`), kept in the
code; the Chinese ones are in domain/catalogue_help.py, keyed by the command as typed
(`help.followups today`, the root `help.crm`), its epilog (`help.crm.epilog`) and its
parameters (`help.followups today.--date`, an argument by its name: `help.followups done.item_id`).
Every command and group of `crm` is made by `CrmTyper`, whose classes write Chinese help when
the language is zh: the texts, Click's own words (用法, 选项, [默认：…]) and lines wrapped by
terminal columns (cli/help_format.py).
"""

from __future__ import annotations

import copy
import re

import typer
from typer.core import TyperCommand, TyperGroup

# cli/help_format (Click's words in Chinese and its wrapping) is loaded only when help is
# written: its patterns cost a command's start-up some milliseconds for nothing.


def _in_chinese(formatter) -> bool:
    return getattr(formatter, "in_chinese", False)


def help_language(ctx: typer.Context) -> str:
    """The language of the help: the settings' ui.language, read as a command reads them
    (a help asked of `crm` itself is written before its settings are read)."""
    from contextlib import suppress

    from bankcrm_cli.cli.common import state
    from bankcrm_cli.domain.catalogue import language, use_language
    from bankcrm_cli.domain.errors import CrmError

    before = language()
    with suppress(CrmError):
        state(ctx).settings()
    chosen = language()
    use_language(before)
    return chosen


def command_key(ctx: typer.Context) -> str:
    """The catalogue key of the context's command: `help.` and the command as typed after
    `crm` (`help.followups today`), `help.crm` for `crm` itself."""
    names = []
    while ctx.parent is not None:
        names.append(ctx.info_name)
        ctx = ctx.parent
    return "help." + (" ".join(reversed(names)) or "crm")


def param_key(param) -> str:
    """How a parameter is named in the catalogue: its long option, or an argument's name as
    the help shows it (item_id)."""
    if param.param_type_name == "argument":
        return param.name
    return next((o for o in param.opts if o.startswith("--")), param.opts[0])


def chinese(key: str) -> str | None:
    from bankcrm_cli.domain.catalogue_help import HELP_ZH

    return HELP_ZH.get(key)


def _extras(text: str) -> str:
    """Click's `[default: table; required]` in Chinese."""
    from bankcrm_cli.cli.help_format import CLICK_WORDS

    if not text:
        return ""
    items = []
    for item in text.removeprefix("[").removesuffix("]").split("; "):
        word, colon, rest = item.partition(": ")
        if word in CLICK_WORDS:
            item = f"{CLICK_WORDS[word]}：{rest}" if colon else CLICK_WORDS[word]
        items.append(item)
    return f"[{'; '.join(items)}]"


def _short(text: str, limit: int) -> str:
    """A command's line in its group's list: its first sentence, cut to `limit` columns (with
    …), and never inside a bracket: a bracket it would cut is left out whole."""
    from bankcrm_cli.cli.help_format import display_width

    first = re.split("[。；]", text.split("\n\n")[0])[0].replace("\n", "")
    cut = ""
    if display_width(first) > limit:
        while display_width(first) > limit - 1:
            first = first[:-1]
        cut = "…"
    if first.count("（") > first.count("）"):
        return first[: first.rindex("（")]
    return first + cut


def _write_chinese(formatter, key: str) -> bool:
    """The catalogue's Chinese text for `key` as an indented paragraph, when the help is
    written in Chinese and the text is there; whether it was."""
    text = chinese(key) if _in_chinese(formatter) else None
    if text is None:
        return False
    formatter.write_paragraph()
    with formatter.indentation():
        formatter.write_text(text)
    return True


class _HelpInLanguage:
    """What a command and a group share: the help in the language of the output."""

    def get_help(self, ctx: typer.Context) -> str:
        if help_language(ctx) != "zh":
            return super().get_help(ctx)
        from bankcrm_cli.cli.help_format import ChineseHelpFormatter

        formatter = ChineseHelpFormatter(width=ctx.terminal_width, max_width=ctx.max_content_width)
        self.format_help(ctx, formatter)
        return formatter.getvalue().rstrip("\n")

    def format_help_text(self, ctx: typer.Context, formatter) -> None:
        if not _write_chinese(formatter, command_key(ctx)):
            super().format_help_text(ctx, formatter)

    def format_epilog(self, ctx: typer.Context, formatter) -> None:
        if not _write_chinese(formatter, f"{command_key(ctx)}.epilog"):
            super().format_epilog(ctx, formatter)

    def format_options(self, ctx: typer.Context, formatter) -> None:
        if not _in_chinese(formatter):
            return super().format_options(ctx, formatter)
        sections: dict[str, list[tuple[str, str]]] = {"argument": [], "option": []}
        for param in self.get_params(ctx):
            record = self._chinese_record(ctx, param)
            if record is not None and param.param_type_name in sections:
                sections[param.param_type_name].append(record)
        from bankcrm_cli.cli.help_format import CLICK_WORDS

        for kind, heading in (("argument", "Arguments"), ("option", "Options")):
            if sections[kind]:
                with formatter.section(CLICK_WORDS[heading]):
                    formatter.write_dl(sections[kind])
        if isinstance(self, TyperGroup):
            self.format_commands(ctx, formatter)

    def _chinese_record(self, ctx: typer.Context, param) -> tuple[str, str] | None:
        """The parameter's line of help in Chinese: its names as Click writes them, the
        catalogue's text, then Click's notes ([默认：…])."""
        bare = copy.copy(param)
        bare.help = ""
        record = bare.get_help_record(ctx)
        if record is None:
            return None
        names, extras = record
        if param is self.get_help_option(ctx):
            from bankcrm_cli.cli.help_format import CLICK_WORDS

            text = CLICK_WORDS["Show this message and exit."]
        elif param.help:
            text = chinese(f"{command_key(ctx)}.{param_key(param)}") or param.help
        else:
            text = ""
        return names, "  ".join(part for part in (text, _extras(extras)) if part)

    def format_commands(self, ctx: typer.Context, formatter) -> None:
        if not _in_chinese(formatter):
            return super().format_commands(ctx, formatter)
        commands = [(name, self.get_command(ctx, name)) for name in self.list_commands(ctx)]
        commands = [(name, cmd) for name, cmd in commands if cmd is not None and not cmd.hidden]
        if not commands:
            return
        limit = formatter.width - 6 - max(len(name) for name, _ in commands)
        parent = command_key(ctx)
        rows = []
        for name, cmd in commands:
            text = chinese(f"help.{name}" if parent == "help.crm" else f"{parent} {name}")
            rows.append((name, _short(text, limit) if text else cmd.get_short_help_str(limit)))
        from bankcrm_cli.cli.help_format import CLICK_WORDS

        with formatter.section(CLICK_WORDS["Commands"]):
            formatter.write_dl(rows)


class _PlainCoercion:
    """Text and choice parameters read without pydantic (cli/coercion.py)."""

    def parse_args(self, ctx: typer.Context, args: list[str]) -> list[str]:
        from bankcrm_cli.cli.coercion import plain_coercion

        plain_coercion(self, ctx)
        return super().parse_args(ctx, args)


class HelpCommand(_PlainCoercion, _HelpInLanguage, TyperCommand):
    """A crm command: its help in the language of the output."""


class HelpGroup(_PlainCoercion, _HelpInLanguage, TyperGroup):
    """A crm command group: its help in the language of the output."""


class CrmTyper(typer.Typer):
    """typer.Typer whose groups and commands write their help in the language of the output."""

    def __init__(self, *args, cls: type[TyperGroup] | None = None, **kwargs) -> None:
        super().__init__(*args, cls=cls or HelpGroup, **kwargs)

    def command(self, *args, cls: type[TyperCommand] | None = None, **kwargs):
        return super().command(*args, cls=cls or HelpCommand, **kwargs)
