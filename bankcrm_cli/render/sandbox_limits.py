"""Limits the template sandbox keeps that Jinja's own does not: nothing is computed while a
template compiles (outside the render timer), and arithmetic that would build a giant number,
string or list is refused before it starts (one such step cannot be interrupted)."""

from __future__ import annotations

import functools
import re
from typing import Any

# Past these an operation is refused before Python starts it: one big-number power or a
# repeated string is a single step no timer can interrupt.
MAX_NUMBER_BITS = 100_000
MAX_SEQUENCE = 1_000_000
MAX_FORMAT_WIDTH = 10_000
_FORMAT_WIDTH = re.compile(r"%(?:\([^)]*\))?[-#0 +]*(\d*)(?:\.(\d*))?")


def _bits(value: Any) -> int:
    return value.bit_length() if isinstance(value, int) else 0


def check_binop(operator: str, left: Any, right: Any) -> None:
    """Refuse an operation whose result (or cost) is out of all proportion to a letter."""
    from jinja2.exceptions import SecurityError

    too_big = False
    if operator == "**" and isinstance(left, int) and isinstance(right, int):
        too_big = right > 0 and abs(left) > 1 and (_bits(abs(left)) - 1) * right > MAX_NUMBER_BITS
    elif operator == "*":
        if isinstance(left, int) and isinstance(right, int):
            too_big = _bits(left) + _bits(right) > MAX_NUMBER_BITS
        elif isinstance(right, int) and hasattr(left, "__len__"):
            too_big = len(left) * right > MAX_SEQUENCE
        elif isinstance(left, int) and hasattr(right, "__len__"):
            too_big = len(right) * left > MAX_SEQUENCE
    elif operator == "%" and isinstance(left, str):
        widths = (int(w) for match in _FORMAT_WIDTH.finditer(left) for w in match.groups() if w)
        too_big = any(width > MAX_FORMAT_WIDTH for width in widths)
    if too_big:
        from bankcrm_cli.domain.catalogue import t

        raise SecurityError(t("tpl.err.too_large", operator=operator))


@functools.cache
def bounded(sandbox: type) -> type:
    """The sandbox with its arithmetic checked and nothing evaluated at compile time."""
    from jinja2 import nodes
    from jinja2.compiler import CodeGenerator

    class NoFolding(CodeGenerator):
        # Jinja evaluates constant output expressions while compiling, outside any timer.
        def _output_child_to_const(self, node, frame, finalize):
            if not isinstance(node, nodes.TemplateData):
                raise nodes.Impossible()
            return super()._output_child_to_const(node, frame, finalize)

    class Bounded(sandbox):
        code_generator_class = NoFolding
        intercepted_binops = frozenset({"**", "*", "%"})

        def call_binop(self, context, operator, left, right):
            check_binop(operator, left, right)
            return super().call_binop(context, operator, left, right)

    return Bounded
