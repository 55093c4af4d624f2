"""Usage errors in one language. Every kind the parser reports (an unknown option or command, a
missing command, an option without its value or with one it does not take, extra arguments, a
missing argument or option, a value that is not one of the choices, not a number, out of range,
not yes or no, or not a usable path) reads in the language of the settings, on one line, exit
2, with where to read the command's help. Then every command and group of the app is walked
with an unknown option, and every option of choices or numbers with a value it does not take,
in zh and in en: a Chinese line holds no English word but the names and values typed, the
choices and the argument names; an English line no Chinese."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import pytest
import typer
from typer.testing import CliRunner

from bankcrm_cli.cli.main import CrmGroup, app
from tests.cli.language_checks import CJK_RUN, english_words

SEE = {"zh": "（用法见 `{where} -h`）", "en": " (see `{where} -h`)"}

# (what the user typed after `crm --db STORE`, the line in zh, the line in en, whose help)
KINDS = [
    pytest.param(
        ["customers", "list", "--bogus"],
        "没有选项 --bogus",
        "no such option: --bogus",
        "crm customers list",
        id="unknown option",
    ),
    pytest.param(
        ["followups", "today", "--days", "x"],
        "没有选项 --days；是否要用 --date？",
        "no such option: --days; did you mean --date?",
        "crm followups today",
        id="unknown option, one close",
    ),
    pytest.param(
        ["customers", "list", "--lim", "3"],
        "没有选项 --lim；是否要用 --limit 或 --rm？",
        "no such option: --lim; did you mean --limit or --rm?",
        "crm customers list",
        id="unknown option, two close",
    ),
    pytest.param(
        ["nosuch"], "没有命令 nosuch", "no such command: nosuch", "crm", id="unknown command"
    ),
    pytest.param(
        ["customers", "lis"],
        "没有命令 lis；是否要用 list？",
        "no such command: lis; did you mean list?",
        "crm customers",
        id="unknown command, one close",
    ),
    pytest.param([], "缺少命令", "missing command", "crm", id="no command"),
    pytest.param(
        ["followups", "today", "--date"],
        "选项 --date 须带一个值",
        "option --date needs a value",
        "crm followups today",
        id="option without its value",
    ),
    pytest.param(
        ["--db"], "选项 --db 须带一个值", "option --db needs a value", "crm", id="crm's own option"
    ),
    pytest.param(
        ["customers", "list", "--reveal=1"],
        "选项 --reveal 不带值",
        "option --reveal does not take a value",
        "crm customers list",
        id="flag given a value",
    ),
    pytest.param(
        ["customers", "show", "0000000001", "2"],
        "多余的参数：'2'",
        "unexpected extra argument: '2'",
        "crm customers show",
        id="extra argument",
    ),
    pytest.param(
        ["followups", "today", "x", "y"],
        "多余的参数：'x' 'y'",
        "unexpected extra arguments: 'x' 'y'",
        "crm followups today",
        id="extra arguments",
    ),
    pytest.param(
        ["customers", "show"],
        "缺少参数 CUSTOMER_ID",
        "missing argument CUSTOMER_ID",
        "crm customers show",
        id="missing argument",
    ),
    pytest.param(
        ["log-call"],
        "缺少参数 CUSTOMER_ID",
        "missing argument CUSTOMER_ID",
        "crm log-call",
        id="missing argument, named alike",
    ),
    pytest.param(
        ["complaints", "show"],
        "缺少参数 ID",
        "missing argument ID",
        "crm complaints show",
        id="missing argument with a metavar",
    ),
    pytest.param(
        ["followups", "snooze", "callback:1"],
        "缺少选项 --until",
        "missing option --until",
        "crm followups snooze",
        id="missing option",
    ),
    pytest.param(
        ["complaints", "extend", "1", "--reason", "x"],
        "缺少选项 --level，须为以下之一：complex, especially-complex",
        "missing option --level: one of complex, especially-complex",
        "crm complaints extend",
        id="missing option of choices",
    ),
    pytest.param(
        ["followups", "today", "--format", "xml"],
        "--format 须为以下之一：table, json, csv, xlsx, ics，而不是 'xml'",
        "--format must be one of table, json, csv, xlsx, ics, not 'xml'",
        "crm followups today",
        id="not a choice",
    ),
    pytest.param(
        ["customers", "list", "-fxml"],
        "--format 须为以下之一：table, json, csv, xlsx，而不是 'xml'",
        "--format must be one of table, json, csv, xlsx, not 'xml'",
        "crm customers list",
        id="not a choice, short option",
    ),
    pytest.param(
        ["followups", "today", "--kind", "maturity", "--kind", "x"],
        "--kind 须为以下之一：birthday, maturity, callback, complaint, campaign，而不是 'x'",
        "--kind must be one of birthday, maturity, callback, complaint, campaign, not 'x'",
        "crm followups today",
        id="not a choice, repeated option",
    ),
    pytest.param(
        ["followups", "upcoming", "--days", "x"],
        "--days 须为整数，而不是 'x'",
        "--days must be a whole number, not 'x'",
        "crm followups upcoming",
        id="not a whole number",
    ),
    pytest.param(
        ["complaints", "show", "x"],
        "ID 须为整数，而不是 'x'",
        "ID must be a whole number, not 'x'",
        "crm complaints show",
        id="argument not a whole number",
    ),
    pytest.param(
        ["followups", "upcoming", "--days", "999999"],
        "--days 须在 1 到 366 之间，而不是 '999999'",
        "--days must be between 1 and 366, not '999999'",
        "crm followups upcoming",
        id="out of range",
    ),
    pytest.param(
        ["customers", "list", "--limit", "-5"],
        "--limit 须不小于 0，而不是 '-5'",
        "--limit must be at least 0, not '-5'",
        "crm customers list",
        id="below the least",
    ),
    pytest.param(
        ["customers", "list", "--limit", "9" * 30],
        f"--limit 须不大于 {sys.maxsize}，而不是 '{'9' * 30}'",
        f"--limit must be at most {sys.maxsize}, not '{'9' * 30}'",
        "crm customers list",
        id="above the most",
    ),
    pytest.param(
        ["customers", "duplicates", "--min-score", "abc"],
        "--min-score 须为数字，而不是 'abc'",
        "--min-score must be a number, not 'abc'",
        "crm customers duplicates",
        id="not a number",
    ),
    pytest.param(
        ["customers", "duplicates", "--min-score", "1.5"],
        "--min-score 须在 0 到 1 之间，而不是 '1.5'",
        "--min-score must be between 0 and 1, not '1.5'",
        "crm customers duplicates",
        id="fraction out of range",
    ),
]


def _names() -> str:
    """What a usage error may quote besides the user's words: commands, options, argument
    names and choices, as the app defines them."""
    names: list[str] = []

    def walk(command, name: str) -> None:
        names.append(name)
        for param in command.params:
            names.extend([*param.opts, str(param.metavar or ""), param.name.upper()])
            names.extend(str(getattr(c, "value", c)) for c in param.type_descriptor.choices or ())
        for sub_name, sub in getattr(command, "commands", {}).items():
            walk(sub, sub_name)

    walk(typer.main.get_command(app), "crm")
    return " ".join(names)


NAMES = _names()


@pytest.fixture(scope="module")
def quick_app():
    """Typer builds the command tree again on every invoke: it is built once for the module
    (as tests/cli/test_hostile_option_values.py does)."""
    import typer.testing

    command, build = typer.main.get_command(app), typer.testing._get_command
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(typer.testing, "_get_command", lambda a: command if a is app else build(a))
        yield


def _line(result, where: str, language: str, typed: list[str], names: str = NAMES) -> str:
    """The one line of a usage error, checked: exit 2, nothing on stdout, the help pointer, one
    language (a Chinese line may quote what was typed and `names`). Returns what it says
    between `crm: error: ` and the pointer."""
    shown = f"crm {' '.join(typed)!r} [{language}]: exit {result.exit_code}\n{result.output}"
    assert result.exit_code == 2, shown
    assert result.stdout == "" and "Traceback" not in result.output, shown
    assert result.stderr.count("\n") == 1, shown
    line = result.stderr.rstrip("\n")
    assert line.startswith("crm: error: "), shown
    see = SEE[language].format(where=where)
    assert line.endswith(see), shown
    said = line.removeprefix("crm: error: ").removesuffix(see)
    if language == "zh":
        # A value typed is shown in quotes ('xml'), which are no part of a word; one typed
        # after a short option (-fxml) is its own word.
        given = " ".join([*typed, *(w[2:] for w in typed if w[:1] == "-" and w[1:2] != "-")])
        assert english_words(said.replace("'", " "), f"{given} {names}") == [], shown
        assert CJK_RUN.search(said), shown
    else:
        assert CJK_RUN.findall(said) == [], shown
    return said


@pytest.mark.parametrize("language", ["zh", "en"])
@pytest.mark.parametrize(("typed", "zh", "en", "where"), KINDS)
def test_each_kind_of_usage_error_reads_in_the_language_of_the_settings(
    crm, monkeypatch, quick_app, language, typed, zh, en, where
) -> None:
    monkeypatch.setenv("CRM_UI_LANGUAGE", language)
    said = _line(crm(*typed), where, language, typed)
    assert said == {"zh": zh, "en": en}[language]


@pytest.mark.parametrize("language", ["zh", "en"])
def test_the_settings_file_sets_the_language_of_a_usage_error_too(
    crm, isolated_env: Path, quick_app, language
) -> None:
    (isolated_env / "crm.toml").write_text(f'[ui]\nlanguage = "{language}"\n', encoding="utf-8")
    # An unknown command is found before crm's own callback reads the settings.
    said = _line(crm("nosuch"), "crm", language, ["nosuch"])
    assert said == {"zh": "没有命令 nosuch", "en": "no such command: nosuch"}[language]
    said = _line(crm("customers", "lis"), "crm customers", language, ["lis"])
    assert said.endswith({"zh": "list？", "en": "list?"}[language])


def _commands() -> list[tuple[str, object]]:
    """(path, command) of every group and command of the app, crm itself first."""
    found = []

    def walk(command, path: list[str]) -> None:
        found.append((" ".join(path), command))
        for name, sub in getattr(command, "commands", {}).items():
            walk(sub, [*path, name])

    walk(typer.main.get_command(app), ["crm"])
    return found


COMMANDS = _commands()


def _wrong_values(command) -> list[tuple[list[str], object, str]]:
    """(the words, the parameter, the value) of a value each option of choices or numbers does
    not take, and each first argument that is a number."""
    wrong = []
    for param in command.params:
        if param.param_type_name == "argument" and param is not command.params[0]:
            continue
        descriptor = param.type_descriptor
        values = []
        if descriptor.choices:
            values = ["xyz"]
        elif descriptor.annotation in (int, float):
            values = ["abc"]
            if param.max is not None and param.max < sys.maxsize:
                values.append(str(param.max + 1))
            elif param.min is not None:
                values.append(str(param.min - 1))
        for value in values:
            words = [value] if param.param_type_name == "argument" else [param.opts[0], value]
            wrong.append((words, param, value))
    return wrong


@pytest.mark.parametrize("language", ["zh", "en"])
def test_every_command_refuses_an_unknown_option_in_one_language(
    crm, monkeypatch, quick_app, language
) -> None:
    monkeypatch.setenv("CRM_UI_LANGUAGE", language)
    assert len(COMMANDS) >= 70, len(COMMANDS)
    for path, _ in COMMANDS:
        typed = [*path.split()[1:], "--no-such-option"]
        said = _line(crm(*typed), path, language, typed)
        expected = {"zh": "没有选项 --no-such-option", "en": "no such option: --no-such-option"}
        assert said == expected[language], path


@pytest.mark.parametrize("language", ["zh", "en"])
def test_every_option_of_choices_or_numbers_refuses_a_wrong_value_in_one_language(
    crm, monkeypatch, quick_app, language
) -> None:
    monkeypatch.setenv("CRM_UI_LANGUAGE", language)
    checked = 0
    for path, command in COMMANDS:
        for words, param, value in _wrong_values(command):
            typed = [*path.split()[1:], *words]
            said = _line(crm(*typed), path, language, typed)
            name = param.opts[0] if param.param_type_name == "option" else param.metavar
            assert said.startswith(name) and said.endswith(f"'{value}'"), (typed, said)
            for choice in param.type_descriptor.choices or ():
                assert str(getattr(choice, "value", choice)) in said, (typed, said)
            checked += 1
    assert checked >= 90, checked


# Kinds no crm command has today (a path that must exist or be a file, a yes-or-no value) and
# an error of no known kind, on a small app with crm's own root group.
probe = typer.Typer(cls=CrmGroup, name="crm", add_completion=False)


@probe.callback()
def _probe_root() -> None:
    """A probe of crm's usage errors."""


@probe.command("read")
def _read(source: Annotated[Path, typer.Argument(exists=True, dir_okay=False)]) -> None:
    """A file that must exist."""


@probe.command("into")
def _into(folder: Annotated[Path, typer.Option(file_okay=False)]) -> None:
    """A folder, not a file."""


@probe.command("answer")
def _answer(answer: Annotated[bool, typer.Argument()]) -> None:
    """Yes or no."""


@probe.command("odd")
def _odd() -> None:
    """An error of no kind the usage errors know."""
    raise typer.BadParameter("something odd")


@pytest.mark.parametrize("language", ["zh", "en"])
def test_paths_and_yes_or_no_values_read_in_the_language_too(
    tmp_path: Path, monkeypatch, language
) -> None:
    monkeypatch.setenv("CRM_UI_LANGUAGE", language)
    a_file = tmp_path / "notes.txt"
    a_file.write_text("x", encoding="utf-8")
    cases = {
        ("read", str(tmp_path / "nowhere.csv")): (
            f"SOURCE：'{tmp_path / 'nowhere.csv'}' 不存在",
            f"SOURCE: '{tmp_path / 'nowhere.csv'}' does not exist",
        ),
        ("read", str(tmp_path)): (
            f"SOURCE：'{tmp_path}' 是文件夹，须为文件",
            f"SOURCE: '{tmp_path}' is a folder, not a file",
        ),
        ("into", "--folder", str(a_file)): (
            f"--folder：'{a_file}' 是文件，须为文件夹",
            f"--folder: '{a_file}' is a file, not a folder",
        ),
        ("answer", "maybe"): (
            "ANSWER 须为 1（是）或 0（否），而不是 'maybe'",
            "ANSWER must be true or false (yes or no, 1 or 0), not 'maybe'",
        ),
    }
    for typed, expected in cases.items():
        result = CliRunner().invoke(probe, list(typed))
        said = _line(result, f"crm {typed[0]}", language, list(typed), "SOURCE ANSWER")
        assert said == expected[language == "en"]


def test_an_error_of_no_known_kind_keeps_the_parsers_words(monkeypatch) -> None:
    for language, start in (("zh", "命令行有误：Invalid value: "), ("en", "Invalid value: ")):
        monkeypatch.setenv("CRM_UI_LANGUAGE", language)
        result = CliRunner().invoke(probe, ["odd"])
        assert result.exit_code == 2 and result.stderr.count("\n") == 1, result.output
        assert result.stderr.startswith(f"crm: error: {start}something odd"), result.stderr
