"""Quotes left open in delimited text, which would otherwise swallow the rows after them.

Python's csv reader takes everything after an unclosed quote into one field, up to the next
quote or the end of the file, without a word. Two shapes of that are refused, naming the line
where the quote opened:

- a quoted field that runs to the end of the file (the quote never closes);
- a quoted field holding a line break followed by a line that, split on the file's delimiter,
  has exactly as many cells as the header: a whole row taken in as text.

A legitimate multi-line cell (an address typed with Alt+Enter in Excel, quoted) has neither
shape, so it still imports. To see the first shape, the reader is given END_OF_FILE after the
file's own lines: closed quotes leave it a row of its own; an open quote takes it in.
"""

from __future__ import annotations

import re
from pathlib import Path

from bankcrm_cli.domain.catalogue import t
from bankcrm_cli.domain.errors import UnusableInput

# A NUL cannot be in a file that reaches the csv reader (readers.py refuses it), so this line
# is never the file's own.
END_OF_FILE = "\x00"
_LINE_BREAK = re.compile(r"\r\n|\r|\n")


def is_end_row(values: list[str]) -> bool:
    """Whether this row is END_OF_FILE as the reader returns it when every quote was closed."""
    return len(values) == 1 and values[0] == END_OF_FILE


def check_header(header: list[str], last_line: int, path: Path) -> None:
    """Refuse a header whose quote never closes (it took the whole file in)."""
    if header and END_OF_FILE in header[-1]:
        _refuse_unclosed(header[-1], last_line, path)


def check_multiline_row(
    values: list[str], first_line: int, last_line: int, width: int, delimiter: str, path: Path
) -> None:
    """Refuse a row spanning lines `first_line`..`last_line` whose quote swallows rows."""
    if values and END_OF_FILE in values[-1]:
        _refuse_unclosed(values[-1], last_line, path)
    if width < 2:
        return
    line = first_line
    for value in values:
        pieces = _LINE_BREAK.split(value)
        for k, piece in enumerate(pieces[1:], start=1):
            if piece.count(delimiter) == width - 1:
                raise UnusableInput(
                    t("in.quote_takes_row", name=path.name, line=line, taken=line + k, width=width)
                )
        line += len(pieces) - 1


def _refuse_unclosed(field: str, end_line: int, path: Path) -> None:
    """`field` ran from its quote to END_OF_FILE, read as line `end_line`."""
    text = field[: field.index(END_OF_FILE)]
    lines = len(_LINE_BREAK.findall(text)) + (0 if text.endswith(("\n", "\r")) else 1)
    opened = max(1, end_line - lines)
    raise UnusableInput(t("in.quote_never_closed", name=path.name, line=opened))
