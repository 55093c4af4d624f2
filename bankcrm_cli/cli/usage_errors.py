"""The command line's usage errors in the language in use: an unknown option or command, an
option without its value or with one it does not take, a missing argument or option, extra
arguments, and a value that is not one of the choices, not a number, out of range, not yes or
no, or not a usable path.

Each message is built from the kind of the parser's error and its attributes
(`NoSuchOption.option_name` and `possibilities`, `MissingParameter.param`, `BadParameter.param`,
`BadOptionUsage.option_name`), from the parameter's own definition (its choices, its bounds,
what a path must be) and from the words the user typed, read again with the command's own
parser. The parser's English text is never matched: it is shown only for an error of no kind
known here (one a later Typer may add), so that the user still reads what was wrong.

Typer 0.29 carries its own copy of Click (`typer._click`) and describes a parameter by its
`type_descriptor`; earlier versions use Click and its `param.type`. Both are read, each behind
`getattr`, so that the absence of either is no error.
"""

from __future__ import annotations

import math
import os
import re
import stat
import sys
from dataclasses import dataclass
from enum import Enum
from typing import Any, get_args, get_origin

from bankcrm_cli.domain.catalogue import t


def click_exceptions():
    """The module of Click's exceptions: Typer's own copy of Click since 0.29, else Click's."""
    try:
        from typer._click import exceptions
    except ImportError:
        from click import exceptions
    return exceptions


def use_settings_language() -> None:
    """Speak the settings' language now: a usage error can come before the command reads its
    settings (an unknown command is found before the root's callback runs). Unusable settings
    leave the language they could tell, else Chinese; the command reports them when run right."""
    from contextlib import suppress

    from bankcrm_cli.domain.errors import CrmError
    from bankcrm_cli.settings import load_settings

    with suppress(CrmError, OSError):
        load_settings()


@dataclass(frozen=True)
class Typed:
    """What the user typed after `crm`, as far as it names a command: the command's path, the
    command, and the words left to it (for a group, from the first that is not its option)."""

    path: list[str]
    command: Any
    words: list[str]


def typed(root, name: str, argv: list[str]) -> Typed:
    """Follow the words typed (`argv`, after `name`) down from the root group to the command
    they name; it stops at a group given no command or an unknown one."""
    path, command, words = [name], root, list(argv)
    while hasattr(command, "commands"):
        words = _after_options(command, words)
        sub = command.commands.get(words[0]) if words else None
        if sub is None:
            break
        path.append(words[0])
        command, words = sub, words[1:]
    return Typed(path, command, words)


def _after_options(group, words: list[str]) -> list[str]:
    """The words after a group's own options (`--db PATH` before the command's name)."""
    with_value = {opt for p in group.params if _takes_value(p) for opt in p.opts}
    i = 0
    while i < len(words) and words[i].startswith("-"):
        if words[i] == "--":
            return words[i + 1 :]
        i += 2 if words[i] in with_value else 1
    return words[i:]


def one_line(exc, root, name: str, argv: list[str]) -> str:
    """The line after `crm: error: `: what was wrong, then where to read the command's help."""
    where = typed(root, name, argv)
    path = exc.ctx.command_path if exc.ctx is not None else " ".join(where.path)
    return message(exc, where) + t("usage.see", where=path)


def message(exc, where: Typed) -> str:
    """What was wrong, from the kind of `exc` (a Click UsageError) and its attributes."""
    errors = click_exceptions()
    if isinstance(exc, errors.MissingParameter):
        return _missing(exc)
    if isinstance(exc, errors.BadParameter):
        return _bad_value(exc, where)
    if isinstance(exc, errors.NoSuchOption):
        options = sorted(exc.possibilities or [])
        if options:
            return t("usage.no_such_option.maybe", option=exc.option_name, options=_or(options))
        return t("usage.no_such_option", option=exc.option_name)
    if isinstance(exc, errors.BadOptionUsage):
        return _option_usage(exc, where)
    if type(exc) is errors.UsageError and (exc.ctx is None or exc.ctx.command is where.command):
        return _unparsed(exc, where)
    return _parser_text(exc)


def _option_usage(exc, where: Typed) -> str:
    """An option given without its value, or a flag given one (`--reveal=1`)."""
    option = _option_named(where.command, exc.option_name)
    if option is None:
        return _parser_text(exc)
    if not _takes_value(option):
        return t("usage.takes_no_value", option=exc.option_name)
    count = option.nargs if isinstance(option.nargs, int) and option.nargs > 1 else 1
    key = "usage.needs_values" if count > 1 else "usage.needs_value"
    return t(key, option=exc.option_name, count=count)


def _missing(exc) -> str:
    param = exc.param
    if param is None:
        return _parser_text(exc)
    name = param_name(param)
    if param.param_type_name == "argument":
        return t("usage.missing_argument", name=name)
    choices = accepts(param).choices
    if choices:
        return t("usage.missing_option.choices", option=name, choices=", ".join(choices))
    return t("usage.missing_option", option=name)


def _unparsed(exc, where: Typed) -> str:
    """A group given no command or an unknown one; a command given words it has no place for."""
    if hasattr(where.command, "commands"):
        if not where.words:
            return t("usage.missing_command")
        from difflib import get_close_matches

        word = where.words[0]
        names = [n for n, c in where.command.commands.items() if not getattr(c, "hidden", False)]
        close = get_close_matches(word, names)
        if close:
            return t("usage.no_such_command.maybe", command=word, commands=_or(close))
        return t("usage.no_such_command", command=word)
    _, extra = _parsed(where)
    if extra:
        shown = " ".join(repr(word) for word in extra)
        return t("usage.extra_arguments", count=len(extra), arguments=shown)
    return _parser_text(exc)


def _bad_value(exc, where: Typed) -> str:
    """A value the parameter does not take: said from what it does take."""
    param = exc.param
    if param is None:
        return _parser_text(exc)
    rule, name = accepts(param), param_name(param)
    check = _CHECKS.get(rule.kind)
    if check is not None:
        for value in _given(exc, where):
            said = check(rule, name, value)
            if said:
                return said
    return t("usage.bad_value", param=name, detail=_inner_text(exc))


def _given(exc, where: Typed) -> list[str]:
    """The values typed for the parameter, read again with the command's parser; else (a
    value from elsewhere, such as an environment variable) the one Typer 0.29's validation
    refused."""
    values, _ = _parsed(where)
    value = values.get(exc.param.name)
    if isinstance(value, str):
        return [value]
    typed_values = [v for v in value or () if isinstance(v, str)]
    if typed_values:
        return typed_values
    try:
        refused = exc.__cause__.errors()[0]["input"]
    except Exception:  # no validation error behind it (Click's types)
        return []
    return [refused] if isinstance(refused, str) else []


def _parsed(where: Typed) -> tuple[dict[str, Any], list[str]]:
    """The command's words as its own parser reads them: the values by parameter name, and the
    words left over (extra arguments). Nothing is converted or checked, no callback runs."""
    command = where.command
    try:
        ctx = command.context_class(command, info_name=where.path[-1], resilient_parsing=True)
        values, extra, _ = command.make_parser(ctx).parse_args(args=list(where.words))
    except Exception:  # a parser unlike Click 8's: the error is then told in the parser's words
        return {}, []
    return dict(values), list(extra)


@dataclass(frozen=True)
class Accepts:
    """What a parameter's value must be, from its definition."""

    kind: str = ""  # choice, int, float, bool, path; "" for any other
    choices: tuple[str, ...] = ()
    low: float | None = None
    high: float | None = None
    exists: bool = False
    file_okay: bool = True
    dir_okay: bool = True
    readable: bool = False
    writable: bool = False


def accepts(param) -> Accepts:
    """What `param` takes: from Typer's `type_descriptor` (0.29), else from Click's `type`."""
    descriptor = getattr(param, "type_descriptor", None)
    if descriptor is None:
        return _click_accepts(getattr(param, "type", None))
    info = getattr(descriptor, "parameter_info", None)
    choices = getattr(descriptor, "choices", None)
    annotation = getattr(descriptor, "annotation", None)
    if get_origin(annotation) in (list, tuple) and len(get_args(annotation)) == 1:
        annotation = get_args(annotation)[0]
    if choices:
        return Accepts("choice", choices=_names(choices))
    if getattr(descriptor, "is_path", False) and info is not None:
        return _path_rule(info)
    if annotation in (int, float):
        low = getattr(param, "min", getattr(info, "min", None))
        high = getattr(param, "max", getattr(info, "max", None))
        return Accepts(annotation.__name__, low=low, high=high)
    return Accepts("bool") if annotation is bool else Accepts()


def _click_accepts(kind) -> Accepts:
    name = getattr(kind, "name", "")
    if name == "choice":
        return Accepts("choice", choices=_names(kind.choices))
    if name == "path":
        return _path_rule(kind)
    if name in ("integer", "integer range", "float", "float range"):
        number = "int" if name.startswith("integer") else "float"
        return Accepts(number, low=getattr(kind, "min", None), high=getattr(kind, "max", None))
    return Accepts("bool") if name == "boolean" else Accepts()


def _path_rule(source) -> Accepts:
    return Accepts(
        "path",
        exists=bool(getattr(source, "exists", False)),
        file_okay=bool(getattr(source, "file_okay", True)),
        dir_okay=bool(getattr(source, "dir_okay", True)),
        readable=bool(getattr(source, "readable", False)),
        writable=bool(getattr(source, "writable", False)),
    )


def _names(choices) -> tuple[str, ...]:
    return tuple(str(c.value) if isinstance(c, Enum) else str(c) for c in choices)


def _check_choice(rule: Accepts, name: str, value: str) -> str | None:
    if value in rule.choices:
        return None
    return t("usage.choice", param=name, choices=", ".join(rule.choices), value=repr(value))


_WHOLE = re.compile(r"\s*[+-]?[0-9]+\s*")


def _check_number(rule: Accepts, name: str, value: str) -> str | None:
    number: float | None = None
    if rule.kind == "int" and _WHOLE.fullmatch(value):
        try:
            number = int(value)
        except ValueError:  # more digits than Python converts: beyond any bound
            number = -math.inf if "-" in value else math.inf
    elif rule.kind == "float" and value.isascii():
        try:
            number = float(value)
        except ValueError:
            number = None
    if number is None or math.isnan(number):
        key = "usage.whole_number" if rule.kind == "int" else "usage.number"
        return t(key, param=name, value=repr(value))
    low, high = rule.low, rule.high
    if not (low is not None and number < low or high is not None and number > high):
        return None
    shown = {"param": name, "low": _bound(low), "high": _bound(high), "value": repr(value)}
    # A bound as large as the machine's integers is no bound a user needs to read.
    if low is not None and high is not None and high < sys.maxsize:
        return t("usage.between", **shown)
    return t("usage.at_least" if low is not None and number < low else "usage.at_most", **shown)


def _bound(number: float | None) -> str:
    if isinstance(number, float) and number.is_integer():
        return str(int(number))
    return "" if number is None else str(number)


def _check_bool(rule: Accepts, name: str, value: str) -> str:
    return t("usage.bool", param=name, value=repr(value))


def _check_path(rule: Accepts, name: str, value: str) -> str | None:
    shown = {"param": name, "path": repr(value)}
    try:
        found = os.stat(value)
    except (OSError, ValueError):
        return t("usage.path.missing", **shown) if rule.exists else None
    if not rule.file_okay and stat.S_ISREG(found.st_mode):
        return t("usage.path.file", **shown)
    if not rule.dir_okay and stat.S_ISDIR(found.st_mode):
        return t("usage.path.folder", **shown)
    if rule.readable and not os.access(value, os.R_OK):
        return t("usage.path.unreadable", **shown)
    if rule.writable and not os.access(value, os.W_OK):
        return t("usage.path.unwritable", **shown)
    return None


_CHECKS = {
    "choice": _check_choice,
    "int": _check_number,
    "float": _check_number,
    "bool": _check_bool,
    "path": _check_path,
}


def param_name(param) -> str:
    """An option by its long name (`--format`), an argument by its name in capitals (`ID`)."""
    if param.param_type_name == "argument":
        return (param.metavar or param.name or "").strip("[]{}.").upper()
    longs = [opt for opt in param.opts if opt.startswith("--")]
    return (longs or param.opts)[0]


def _takes_value(param) -> bool:
    return (
        param.param_type_name == "option"
        and not getattr(param, "is_flag", False)
        and not getattr(param, "count", False)
    )


def _option_named(command, option: str):
    for param in getattr(command, "params", ()):
        if option in param.opts or option in getattr(param, "secondary_opts", ()):
            return param
    return None


def _or(names: list[str]) -> str:
    if len(names) == 1:
        return names[0]
    return ", ".join(names[:-1]) + t("usage.or") + names[-1]


def _inner_text(exc) -> str:
    """The parser's own words on a value: from Typer 0.29 the first validation error's cause
    (without its 'Value error, ' prefix), else the exception's message."""
    try:
        first = exc.__cause__.errors()[0]
        detail = str(first.get("ctx", {}).get("error") or first["msg"])
    except Exception:  # no validation error behind it (Click's types)
        detail = exc.message
    return " ".join(str(detail).split())


def _parser_text(exc) -> str:
    return t("usage.other", detail=" ".join(exc.format_message().split()))
