"""`crm … -h` follows ui.language like everything crm prints (issue 17, item 22): walked over
every group and command of the app, a Chinese help holds no English word that is not an option
or command name, a code, a value or an example to type, and an English help no Chinese that is
not in the command's own English texts (values in its examples); both show every option."""

from __future__ import annotations

import re

import pytest
from typer.main import get_command

from bankcrm_cli.cli.help import param_key
from bankcrm_cli.cli.help_format import display_width
from bankcrm_cli.cli.main import app
from bankcrm_cli.domain.catalogue_help import HELP_ZH
from tests.cli.language_checks import CJK_RUN, english_words

ROOT = get_command(app)


def _walk(command, path: tuple[str, ...] = ()):
    yield path, command
    for name, sub in getattr(command, "commands", {}).items():
        yield from _walk(sub, (*path, name))


COMMANDS = dict(_walk(ROOT))


def _key(path: tuple[str, ...]) -> str:
    return "help." + (" ".join(path) or "crm")


# What a Chinese help may hold in Latin letters besides what the output walk allows: the names
# of formats, programs and standards, and the values a user types (format names, roles, a
# campaign's purpose and its members' statuses, template channels).
HELP_ALLOWED = {
    *["SQLite", "PostgreSQL", "SQLAlchemy", "Markdown", "TIFF", "G3", "A4", "cron", "crontab"],
    *["docs", "params", "x", "table", "json", "jsonl", "csv", "xlsx", "ics", "md", "html", "text"],
    *["rm", "compliance", "admin", "marketing", "service", "letter", "email", "fax"],
    *["targeted", "contacted", "converted", "holdout", "reached"],
}
# What a help shows that is typed, not read: commands in backquotes, the usage line and the
# `crm …` examples (to the end of their paragraph), setting keys and other identifiers,
# `NAME=value`, metavars and environment variables (upper case), choice lists, defaults, file
# names, a quoted field name, short options.
_TYPED = [
    r"`[^`]*`",
    r"\bcrm [a-z-][^\n]*(\n[^\n]+)*",
    r"\b[a-z_]+\.[a-z_.]+\b",
    r"\b[a-z]+_[a-z_]+\b",
    r"\b\w+=\S+",
    r"\$?\b[A-Z][A-Z0-9_]*\b",
    r"<[^>]*>",
    r"\[默认：[^\]]*\]",
    r"\b[\w-]+\.\w+\b",
    r'"[a-z_]+"',
    r"(?<![\w-])-\w\b",
]


def _help(crm, monkeypatch, path: tuple[str, ...], language: str) -> str:
    monkeypatch.setenv("CRM_UI_LANGUAGE", language)
    result = crm(*path, "-h")
    assert result.exit_code == 0, result.output
    return result.stdout


def _english_in_chinese(text: str, command) -> list[str]:
    # the group's list of its commands, the arguments as the help names them
    names = [*getattr(command, "commands", {}), *(p.name for p in _arguments(command))]
    for name in names:
        text = re.sub(rf"(?m)^  {re.escape(name)} ", " ", text)
    for pattern in _TYPED:
        text = re.sub(pattern, " ", text)
    return [w for w in english_words(text) if w not in HELP_ALLOWED]


def _own_texts(command) -> str:
    texts = [command.help or "", command.epilog or ""]
    texts += [getattr(p, "help", None) or "" for p in command.params]
    return "\n".join(texts)


def _arguments(command) -> list:
    return [p for p in command.params if p.param_type_name == "argument"]


def _options_shown(command, text: str) -> list[str]:
    """The options and arguments of `command` that its help does not show."""
    names = [n for p in command.params if p.param_type_name == "option" for n in p.opts]
    names += [n for p in command.params for n in p.secondary_opts]
    names += [p.metavar or p.name for p in _arguments(command)]
    return [n for n in names if not re.search(rf"(?<![\w-]){re.escape(n)}(?![\w-])", text)]


@pytest.mark.parametrize("path", COMMANDS, ids=lambda p: " ".join(p) or "crm")
def test_a_chinese_help_has_no_english_words(crm, monkeypatch, path) -> None:
    text = _help(crm, monkeypatch, path, "zh")
    assert text.startswith("用法：crm") and "Usage" not in text and "Options" not in text
    assert "显示本帮助并退出。" in text
    assert _english_in_chinese(text, COMMANDS[path]) == [], text
    assert _options_shown(COMMANDS[path], text) == []
    # wrapped to the terminal's 80 columns, but for examples kept as written (`\b` blocks)
    lines = [line for line in text.splitlines() if not line.lstrip().startswith("crm ")]
    too_wide = [line for line in lines if display_width(line) > 80]
    assert too_wide == []
    # a command's line in its group's list is a whole sentence or cut with …, never inside
    # a bracket (a line of its own: the list's texts are cut, not wrapped)
    listed = text.partition("命令：")[2].partition("\n\n")[0].splitlines()
    assert [line for line in listed if line.count("（") != line.count("）")] == []


@pytest.mark.parametrize("path", COMMANDS, ids=lambda p: " ".join(p) or "crm")
def test_an_english_help_has_no_chinese_but_its_examples(crm, monkeypatch, path) -> None:
    command = COMMANDS[path]
    text = _help(crm, monkeypatch, path, "en")
    assert text.startswith("Usage: crm") and "Show this message and exit." in text
    own = _own_texts(command)
    assert [w for w in CJK_RUN.findall(text) if w not in own] == []
    assert _options_shown(command, text) == []


def test_every_command_and_parameter_has_its_chinese_and_no_other() -> None:
    """Each command's description and each parameter's help that the code has in English has
    its Chinese entry; every entry names a command, epilog or parameter that exists."""
    wanted = set()
    for path, command in COMMANDS.items():
        wanted.add(_key(path))
        if command.epilog:
            wanted.add(f"{_key(path)}.epilog")
        wanted |= {f"{_key(path)}.{param_key(p)}" for p in command.params if p.help}
    assert sorted(wanted - HELP_ZH.keys()) == [], "no Chinese help"
    assert sorted(HELP_ZH.keys() - wanted) == [], "Chinese help of nothing"


def test_crm_itself_reads_the_language_from_the_settings_file(crm, isolated_env) -> None:
    """`crm -h` is written before the command's settings are read: it reads them itself."""
    assert crm("-h").stdout.startswith("用法：")
    (isolated_env / "crm.toml").write_text('[ui]\nlanguage = "en"\n', encoding="utf-8")
    assert crm("-h").stdout.startswith("Usage:")
    assert crm("followups", "-h").stdout.startswith("Usage:")
    assert "Exit codes" in crm("-h").stdout


def test_a_group_without_a_command_shows_its_help_in_the_language(crm, monkeypatch) -> None:
    assert "命令：" in crm("customers").output
    monkeypatch.setenv("CRM_UI_LANGUAGE", "en")
    assert "Commands:" in crm("customers").output


def test_chinese_lines_wrap_by_terminal_columns() -> None:
    from bankcrm_cli.cli.help_format import wrap

    text = "列出今天到期的待办（工作日当天，含其后的非工作日），显示 --rm 客户经理的客户。"
    lines = wrap(text, 20, "  ", "  ").splitlines()
    assert all(display_width(line) <= 20 for line in lines)
    assert "".join(line.strip() for line in lines).replace(" ", "") == text.replace(" ", "")
    assert not any(line.strip()[0] in "，。）" for line in lines)
    assert wrap("\b\n  crm a\n  crm b", 10) == "  crm a\n  crm b"
