"""Text bound for a terminal: control characters made visible, never sent raw.

A note, a summary or a name from an import is the user's text and may hold `ESC[31m` or
`ESC]0;title BEL`, which a terminal would obey (recolour, retitle, hide what follows). Such text
is stored as it came (JSON escapes it, CSV keeps it for the spreadsheet or script that reads it)
and shown escaped wherever it reaches a terminal: `ESC` prints as `\\x1b`, a right-to-left
override as `\\u202e`. Line breaks stay line breaks in tables; a one-line message escapes them
too.
"""

from __future__ import annotations

import re
from functools import cache
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from rich.console import Console

# C0 and C1 controls and DEL, the bidirectional overrides and isolates ("Trojan Source"), and
# the line and paragraph separators: each changes what a terminal shows without being seen.
_UNSAFE = re.compile(r"[\x00-\x09\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
_UNSAFE_OR_NEWLINE = re.compile(_UNSAFE.pattern[:-1] + r"\n]")


def _escaped(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def printable(text: str, *, one_line: bool = False) -> str:
    """`text` with every control character shown as an escape (`\\x1b`); newlines kept unless
    `one_line`."""
    pattern = _UNSAFE_OR_NEWLINE if one_line else _UNSAFE
    if pattern.search(text) is None:
        return text
    return pattern.sub(_escaped, text)


def console(**options: Any) -> Console:
    """A Rich console that shows every string it prints through `printable`."""
    return _console_class()(**options)


@cache
def _console_class() -> type[Console]:
    from rich.console import Console

    class PrintableConsole(Console):
        """Every string becomes Text here (cells, titles, lines), measured after escaping."""

        def render_str(self, text: str, **options: Any):  # type: ignore[override]
            return super().render_str(printable(text), **options)

    return PrintableConsole
