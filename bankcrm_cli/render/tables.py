"""Tables for a terminal of a given width: figures whole, text giving way.

A column of numbers, dates or ids is `fixed`: it is exactly as wide as its widest value and
never wraps or truncates. Text columns (names, notes, branches) share what is left, the widest
giving way first, down to a floor: the widest figure inside the column (an amount in a note, a
customer number under a name), at least `min_width` or a few cells. A text cell that does
not fit folds onto more lines, between figures. Only when the fixed columns alone cannot fit
does a line run past the width — a figure cut short would be wrong, not merely untidy.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from bankcrm_cli.render.terminal import printable

if TYPE_CHECKING:
    from rich.console import Console

# Two Chinese characters: the least a text column keeps.
TEXT_FLOOR = 4


@dataclass(frozen=True)
class Col:
    """A table column: `fixed` for numbers, dates and ids; `min_width` a text column's floor."""

    name: str
    fixed: bool = False
    right: bool = False
    min_width: int | None = None


# A number, date, amount, phone or id inside a text cell ("¥162,700.00", "birthday:0000000174:
# 2026-12-04", "138****8000"): a run of such characters holding a digit stays on one line.
_FIGURE = re.compile(r"[0-9A-Za-z¥$€£%*:.,+\-/_()#]*[0-9][0-9A-Za-z¥$€£%*:.,+\-/_()#]*")


def _widest(text: str) -> int:
    from rich.cells import cell_len

    return max((cell_len(line) for line in printable(text).split("\n")), default=0)


def _widest_word(text: str) -> int:
    from rich.cells import cell_len

    return max((cell_len(word) for word in printable(text).split()), default=0)


def _widest_figure(text: str) -> int:
    return max((len(m) for m in _FIGURE.findall(printable(text))), default=0)


def _text_widths(natural: list[int], floors: list[int], room: int) -> list[int]:
    """Text columns' widths in `room` cells: the widest cut first, none below its floor."""
    if sum(natural) <= room:
        return natural
    cap = max(natural)
    while cap > 1 and sum(max(f, min(n, cap)) for n, f in zip(natural, floors, strict=True)) > room:
        cap -= 1
    widths = [max(f, min(n, cap)) for n, f in zip(natural, floors, strict=True)]
    spare = room - sum(widths)
    for index, (width, wanted) in enumerate(zip(widths, natural, strict=True)):
        if spare <= 0:
            break
        if width < wanted:
            widths[index] += 1
            spare -= 1
    return widths


def column_widths(columns: Sequence[Col], rows: list[list[str]], width: int) -> list[int]:
    """Each column's content width (padding and borders not counted) for a `width`-cell line.

    Tried in order until one fits: everything at ease; the headers of figures folded between
    words; text narrowed; a figure's value folded at its spaces (a date above its time); text
    down to one character. Whatever is chosen, spare room widens the figures' headers again.
    """
    room = width - (3 * len(columns) + 1)  # a border and a space either side of each column
    fixed = [i for i, c in enumerate(columns) if c.fixed]
    text = [i for i, c in enumerate(columns) if not c.fixed]
    full = [
        max([_widest(c.name), *(_widest(row[i]) for row in rows)]) for i, c in enumerate(columns)
    ]
    header_word = [_widest_word(c.name) for c in columns]
    value_full = [max([0, *(_widest(row[i]) for row in rows)]) for i in range(len(columns))]
    value_word = [max([1, *(_widest_word(row[i]) for row in rows)]) for i in range(len(columns))]
    text_full = [full[i] for i in text]
    candidates = [
        ([full[i] for i in fixed], text_full),
        ([max(value_full[i], header_word[i], 1) for i in fixed], text_full),
        ([max(value_full[i], header_word[i], 1) for i in fixed], _floors(columns, rows, text, 4)),
        ([max(value_word[i], header_word[i]) for i in fixed], _floors(columns, rows, text, 4)),
        ([value_word[i] for i in fixed], _floors(columns, rows, text, 2)),
    ]
    chosen, floors = next(
        ((f, t) for f, t in candidates if sum(f) + sum(t) <= room), candidates[-1]
    )
    floors = [min(floor, natural) for floor, natural in zip(floors, text_full, strict=True)]
    widths = list(full)
    for i, size in zip(fixed, chosen, strict=True):
        widths[i] = size
    shares = _text_widths(text_full, floors, room - sum(chosen))
    for i, share in zip(text, shares, strict=True):
        widths[i] = share
    spare = room - sum(widths)
    for i in fixed:
        grow = min(max(spare, 0), full[i] - widths[i])
        widths[i] += grow
        spare -= grow
    return widths


def _floors(
    columns: Sequence[Col], rows: list[list[str]], text: list[int], least: int
) -> list[int]:
    """The narrowest each text column may be: its widest figure, else `min_width` or `least`."""
    return [
        max(
            max((_widest_figure(row[i]) for row in rows), default=0),
            columns[i].min_width or 0,
            least,
        )
        for i in text
    ]


def print_fitted(
    console: Console,
    title: str | None,
    columns: Sequence[Col],
    rows: Iterable[Sequence[object]],
    *,
    caption: str | None = None,
) -> None:
    """The table on `console`, fitted to its width; wider only when the figures need it."""
    from rich.table import Table

    cells = [["" if value is None else str(value) for value in row] for row in rows]
    widths = column_widths(columns, cells, console.width)
    table = Table(title=title, caption=caption, header_style="bold", title_justify="left")
    for column, size in zip(columns, widths, strict=True):
        # A figure's column is as wide as its widest value, so only a header can fold in it.
        table.add_column(
            column.name, width=size, overflow="fold", justify="right" if column.right else "left"
        )
    for row in cells:
        table.add_row(*row)
    needed = sum(widths) + 3 * len(columns) + 1
    shown = console.width
    console.width = max(shown, needed)
    try:
        console.print(table)
    finally:
        console.width = shown
