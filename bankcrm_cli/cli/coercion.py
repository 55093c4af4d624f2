"""Text and choice options turned into values without pydantic.

Typer (from 0.29) turns every option's and argument's text into its value through a pydantic
`TypeAdapter`, built when the parameter is first parsed: the first parse of a command loads
pydantic, some 70-110 ms of a read command's start-up (benchmarks/README.md, "What a read
command imports"), to hand back the very text typed or to find it among an enum's choices.
`plain_coercion` gives those parameters (a text, a choice, a flag, a list of them) a coercion of its
own that does what Typer's adapter does, with Typer's own choice matching; any other kind
(numbers with their bounds, paths, dates) keeps Typer's. tests/cli/test_coercion.py holds the
two to the same values and the same refusals.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum
from typing import Any, get_args, get_origin

try:  # Typer's own parts: without them (another Typer), every parameter keeps Typer's coercion
    from typer._click.exceptions import BadParameter
    from typer._coercion import RuntimeParam
    from typer._param_types import coerce_cli_choice
except ImportError:  # pragma: no cover - only with a Typer whose insides have moved
    RuntimeParam = None


def _text(value: Any) -> str:
    """An argument's text, as Typer's adapter makes it (bytes from a POSIX argv decoded)."""
    if isinstance(value, str):
        return value
    if value is None:
        raise ValueError("None is not a valid string")
    if isinstance(value, bytes):
        return value.decode("utf-8", "replace")
    return str(value)


# The words pydantic's bool takes (in any case), as Typer's adapter reads a flag's value.
_TRUE = frozenset({"1", "on", "t", "true", "y", "yes"})
_FALSE = frozenset({"0", "off", "f", "false", "n", "no"})


def _flag(value: Any) -> bool:
    """A flag's value as Typer's adapter reads it: a bool, 0 or 1, or one of the words."""
    if isinstance(value, bool):
        return value
    if isinstance(value, int) and value in (0, 1):
        return bool(value)
    if isinstance(value, str):
        word = value.strip().lower()
        if word == "" or word in _FALSE:
            return False
        if word in _TRUE:
            return True
    raise ValueError("Input should be a valid boolean, unable to interpret input")


if RuntimeParam is not None:

    @dataclass(frozen=True)
    class PlainParam(RuntimeParam):
        """A text or one of an enum's choices (`choices`), one value or a list (`many`)."""

        choices: tuple[Any, ...] | None = None
        case_sensitive: bool = True
        many: bool = False
        flag: bool = False

        def _one(self, value: Any, param: Any, ctx: Any) -> Any:
            try:
                if self.flag:
                    return _flag(value)
                if self.choices is None:
                    return _text(value)
                return coerce_cli_choice(
                    value, choices=self.choices, case_sensitive=self.case_sensitive, ctx=ctx
                )
            except ValueError as exc:
                raise BadParameter(str(exc), ctx=ctx, param=param) from None

        def _coerce_value(self, value: Any, param: Any, ctx: Any) -> Any:
            if not self.many:
                return self._one(value, param, ctx)
            if not isinstance(value, (list, tuple)):
                value = [value]
            return [self._one(item, param, ctx) for item in value]


def _plain(descriptor: Any) -> Any:
    """The coercion of this parameter if it is a text or a choice, one or a list; else None."""
    info = descriptor.parameter_info
    if descriptor.file_annotation is not None or info.parser is not None:
        return None
    annotation = descriptor.annotation
    many = get_origin(annotation) is list
    if many:
        (annotation,) = get_args(annotation)
    if annotation is str or annotation is bool:
        return PlainParam(
            parameter_info=info,
            annotation=descriptor.annotation,
            many=many,
            flag=annotation is bool,
        )
    if isinstance(annotation, type) and issubclass(annotation, Enum):
        return PlainParam(
            parameter_info=info,
            annotation=descriptor.annotation,
            choices=tuple(annotation),
            case_sensitive=info.case_sensitive,
            many=many,
        )
    return None


def plain_coercion(command: Any, ctx: Any) -> None:
    """Give the command's text, choice and flag parameters (its help option too) the
    coercion above, before any is parsed (Typer builds its own for a parameter that has none
    when first parsed)."""
    if RuntimeParam is None:
        return
    for param in command.get_params(ctx):
        descriptor = getattr(param, "type_descriptor", None)
        if descriptor is None or getattr(param, "_runtime_param", False) is not None:
            continue
        coercion = _plain(descriptor)
        if coercion is not None:
            param._runtime_param = coercion
