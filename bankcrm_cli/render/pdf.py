"""PDF letters for window envelopes: one file per recipient, or one print batch.

A4, DIN 5008 form B: the window (C5/DL envelopes) sits 20 mm from the left and 45 mm from the
top, 90 x 45 mm; the return address goes in small type at its top, the recipient below it.
Text is real, extractable text in an embedded TrueType CJK font (see fonts.py), drawn straight
on a ReportLab canvas: a letter is laid out into pages first (so "第 n 页 / 共 m 页" is known
when a page is drawn), then drawn. Files are written atomically with mode 0600.
"""

from __future__ import annotations

import contextlib
import os
import re
import tempfile
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from bankcrm_cli.render.fonts import FontChoice, register

MM = 72 / 25.4
PAGE_WIDTH = 210 * MM
PAGE_HEIGHT = 297 * MM
LEFT = 25 * MM
RIGHT = 20 * MM
TOP = 20 * MM
BOTTOM = 25 * MM
TEXT_WIDTH = PAGE_WIDTH - LEFT - RIGHT
# DIN 5008 form B: window 20 mm from the left, 45 mm from the top, 90 x 45 mm.
WINDOW_LEFT = 20 * MM
WINDOW_TOP = 45 * MM
WINDOW_WIDTH = 90 * MM
WINDOW_HEIGHT = 45 * MM
WINDOW_INSET = 5 * MM
DATE_BASELINE = 96 * MM
# The body starts below the window and the date line on the first page.
BODY_TOP = 100 * MM
BODY_SIZE = 10.5
BODY_LEADING = 17.0
BULLET_INDENT = 6 * MM
FOOTER_BASELINE = PAGE_HEIGHT - 12 * MM


@dataclass(frozen=True)
class Letter:
    """One letter as plain text; nothing in it is markup."""

    recipient_lines: tuple[str, ...]
    sender_lines: tuple[str, ...]
    date_line: str
    subject: str | None
    body: str
    signature_lines: tuple[str, ...]
    reference: str | None = None


def write_letter_pdf(letter: Letter, path: Path, font: FontChoice) -> int:
    """Write one letter to `path`; the number of pages written."""
    with pdf_canvas(path, font, title=letter.subject) as canv:
        return draw_letter(canv, letter, register(font))


def write_letter_batch(
    letters: Iterable[Letter], path: Path, font: FontChoice, *, duplex: bool = False
) -> int:
    """Write letters into one print file, each from a new page (an odd one if `duplex`)."""
    font_name = register(font)
    pages = 0
    with pdf_canvas(path, font, title="信函打印批次") as canv:
        for letter in letters:
            if duplex and pages % 2:
                canv.showPage()  # the back of the previous letter's last sheet stays blank
                pages += 1
            pages += draw_letter(canv, letter, font_name)
        if not pages:
            raise ValueError("nothing to print: no letters")
    return pages


@contextlib.contextmanager
def pdf_canvas(path: Path, font: FontChoice, title: str | None = None) -> Iterator[Any]:
    """An A4 ReportLab canvas whose file replaces `path` only once it is complete."""
    from reportlab.pdfgen.canvas import Canvas

    font_name = register(font)
    with atomic_output(path) as out:
        canv = Canvas(
            out, pagesize=(PAGE_WIDTH, PAGE_HEIGHT), initialFontName=font_name, pageCompression=1
        )
        canv.setCreator("bankcrm")
        if title:
            canv.setTitle(title)
        yield canv
        canv.save()


@contextlib.contextmanager
def atomic_output(path: Path) -> Iterator[IO[bytes]]:
    """A binary file that replaces `path` only when complete; created with mode 0600."""
    path = Path(path)
    fd, temp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w+b") as out:
            yield out
        os.replace(temp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temp)
        raise


# --- layout --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Line:
    """One line of text placed on a page: `down` is its baseline, from the page's top edge."""

    x: float
    down: float
    text: str
    size: float
    bold: bool = False
    char_space: float = 0.0
    bullet: bool = False  # a drawn dot, so no font needs a bullet glyph


@dataclass
class Block:
    """Lines that flow together: a paragraph, a bullet item, the subject, the signature."""

    lines: list[tuple[float, str, bool]]  # (x offset, text, justify)
    size: float = BODY_SIZE
    leading: float = BODY_LEADING
    space_after: float = 6.0
    bold: bool = False
    bullet: bool = False
    keep_together: bool = False
    space_before: float = 0.0


def draw_letter(
    canv: Any,
    letter: Letter,
    font_name: str,
    pages: list[list[Line]] | None = None,
    head: Callable[[Any, Letter, str], None] | None = None,
) -> int:
    """Draw a letter (laid out already as `pages`, or now) from a fresh page; its page count.
    `head` draws page one's top (default: the window-envelope head with fold marks)."""
    pages = pages if pages is not None else layout_letter(letter, font_name)
    (head or _draw_head)(canv, letter, font_name)
    for number, lines in enumerate(pages, 1):
        if number > 1:
            canv.showPage()
        for line in lines:
            _draw_line(canv, line, font_name)
        _draw_footer(canv, letter, font_name, number, len(pages))
    canv.showPage()
    return len(pages)


def layout_letter(letter: Letter, font_name: str) -> list[list[Line]]:
    """The body of a letter (subject, text, signature) broken into pages of placed lines."""
    blocks: list[Block] = []
    if letter.subject:
        blocks.append(
            _text_block(letter.subject.strip(), font_name, size=12.5, leading=19, bold=True)
        )
        blocks[-1].space_after = 10
    blocks.extend(body_blocks(letter.body, font_name))
    signature = [line.strip() for line in letter.signature_lines if line.strip()]
    if signature:
        indent = TEXT_WIDTH - 75 * MM
        wrapped = [
            (indent, part, False)
            for line in signature
            for part in wrap_line(line, font_name, BODY_SIZE, 75 * MM)
        ]
        blocks.append(Block(wrapped, keep_together=True, space_before=8 * MM, space_after=0))
    return _paginate(blocks, font_name)


_BLANK_LINE = re.compile(r"\n[ \t\u3000]*\n")


def body_blocks(body: str, font_name: str) -> list[Block]:
    """Blocks from plain text: blank lines separate paragraphs, "- " lines are bullet items.

    A paragraph keeps its line breaks ("此致" / "敬礼！"); an indented line (an ideographic
    space counts one character, an ASCII space half) starts indented.
    """
    blocks: list[Block] = []
    text = body.replace("\r\n", "\n").replace("\r", "\n").expandtabs(4).strip("\n")
    for chunk in _BLANK_LINE.split(text):
        lines: list[str] = []
        for line in chunk.split("\n"):
            content = line.lstrip(" \u3000")
            if content.startswith("- "):
                if lines:
                    blocks.append(_paragraph_block(lines, font_name))
                    lines = []
                item = _text_block(content[2:].strip(), font_name, indent=BULLET_INDENT)
                item.bullet, item.space_after = True, 2
                blocks.append(item)
            elif content.strip():
                if lines == [] and blocks and blocks[-1].bullet:
                    blocks[-1].space_after = 6
                lines.append(line.rstrip())
        if lines:
            blocks.append(_paragraph_block(lines, font_name))
        if blocks and blocks[-1].bullet:
            blocks[-1].space_after = 6
    return blocks


def _paragraph_block(lines: list[str], font_name: str) -> Block:
    placed: list[tuple[float, str, bool]] = []
    for line in lines:
        content = line.lstrip(" \u3000")
        lead = line[: len(line) - len(content)]
        indent = (lead.count("\u3000") + lead.count(" ") / 2) * BODY_SIZE
        parts = wrap_line(content.strip(), font_name, BODY_SIZE, TEXT_WIDTH, TEXT_WIDTH - indent)
        for i, part in enumerate(parts):
            placed.append((indent if i == 0 else 0.0, part, i < len(parts) - 1))
    return Block(placed)


def _text_block(
    text: str,
    font_name: str,
    *,
    size: float = BODY_SIZE,
    leading: float = BODY_LEADING,
    bold: bool = False,
    indent: float = 0.0,
) -> Block:
    parts = wrap_line(text, font_name, size, TEXT_WIDTH - indent)
    placed = [(indent, part, i < len(parts) - 1) for i, part in enumerate(parts)]
    return Block(placed, size=size, leading=leading, bold=bold)


def _paginate(blocks: list[Block], font_name: str) -> list[list[Line]]:
    pages: list[list[Line]] = [[]]
    bottom = PAGE_HEIGHT - BOTTOM
    down = BODY_TOP

    def new_page() -> None:
        nonlocal down
        pages.append([])
        down = TOP

    for block in blocks:
        if down > (BODY_TOP if len(pages) == 1 else TOP):  # no space before at a page head
            down += block.space_before
        count = len(block.lines)
        room = int((bottom - down) // block.leading)
        split_at = None
        if 0 < room < count:
            if block.keep_together and count * block.leading <= bottom - TOP:
                new_page()
            elif room == 1:
                new_page()  # not a paragraph's first line alone at the foot of a page
            elif count - room == 1:
                if room >= 3:
                    split_at = room - 1  # nor its last line alone at the head of the next
                else:
                    new_page()
        for i, (x, text, justify) in enumerate(block.lines):
            if down + block.leading > bottom or i == split_at:
                new_page()
            baseline = down + (block.leading + block.size * 0.76) / 2
            spacing = _justify(text, TEXT_WIDTH - x, block.size, font_name) if justify else 0.0
            pages[-1].append(Line(LEFT + x, baseline, text, block.size, block.bold, spacing))
            if block.bullet and i == 0:
                pages[-1].append(Line(LEFT + 1.5 * MM, baseline, "", block.size, bullet=True))
            down += block.leading
        down += block.space_after
    return [page for page in pages if page] or [[]]


_WIDTHS: dict[tuple[str, str], float] = {}


def _width(char: str, font_name: str) -> float:
    """A character's advance at 1 pt (cached: line breaking asks for every character)."""
    key = (font_name, char)
    width = _WIDTHS.get(key)
    if width is None:
        from reportlab.pdfbase.pdfmetrics import stringWidth

        width = _WIDTHS[key] = stringWidth(char, font_name, 1.0)
    return width


def text_width(text: str, font_name: str, size: float) -> float:
    return sum(_width(char, font_name) for char in text) * size


def _justify(text: str, width: float, size: float, font_name: str) -> float:
    """Extra space between characters that makes a wrapped line reach the right margin."""
    if len(text) < 2:
        return 0.0
    extra = (width - text_width(text, font_name, size)) / (len(text) - 1)
    return extra if 0 < extra < size * 0.25 else 0.0


# Characters that may not begin a line (closing punctuation) or end one (opening brackets).
_NO_START = frozenset("，。、；：？！）】」』》〉’”…—%,.;:?!)]}·")
_NO_END = frozenset("（【「『《〈‘“([{")


def _latin(char: str) -> bool:
    """Part of a Latin word, a number (1,234.50) or an address, which lines do not split."""
    return (char.isascii() and (char.isalnum() or char in "-_@./,:%+#&'")) or char in "¥$€£"


def wrap_line(
    text: str, font_name: str, size: float, width: float, first_width: float | None = None
) -> list[str]:
    """Break one line of text to `width`: CJK between any two characters, Latin at spaces.

    Closing punctuation never starts a line, opening brackets never end one, and a Latin word
    or number stays whole unless it is longer than a line.
    """
    limit = first_width if first_width is not None else width
    lines: list[str] = []
    start, used = 0, 0.0
    for i, char in enumerate(text):
        w = _width(char, font_name) * size
        if used + w > limit and i > start:
            cut = i
            word = cut
            while word > start and _latin(text[word]) and _latin(text[word - 1]):
                word -= 1
            if word > start:
                cut = word
            while cut > start + 1 and (text[cut] in _NO_START or text[cut - 1] in _NO_END):
                cut -= 1
            lines.append(text[start:cut].rstrip())
            start = cut
            while start < i and text[start] == " ":
                start += 1
            used = text_width(text[start:i], font_name, size)
            limit = width
        used += w
    lines.append(text[start:].rstrip())
    return [line for line in lines if line]


# --- drawing -------------------------------------------------------------------------------


def _draw_line(canv: Any, line: Line, font_name: str) -> None:
    y = PAGE_HEIGHT - line.down
    if line.bullet:
        radius = line.size * 0.16
        canv.circle(line.x + radius, y + line.size * 0.33, radius, stroke=0, fill=1)
        return
    canv.setFont(font_name, line.size)
    if line.bold:
        # Bold by stroking the outlines: CJK TrueType fonts rarely ship a bold face.
        canv.setLineWidth(line.size * 0.035)
        canv.drawString(line.x, y, line.text, mode=2, charSpace=line.char_space)
    else:
        canv.drawString(line.x, y, line.text, charSpace=line.char_space)


def fit_line(canv: Any, x: float, y: float, text: str, font: str, size: float, width: float):
    """Draw one line, shrinking it to `width` down to 6.5 pt, then cutting it with an ellipsis."""
    natural = text_width(text, font, size)
    if natural > width:
        size = max(6.5, size * width / natural)
    if text_width(text, font, size) > width:
        while text and text_width(text + "…", font, size) > width:
            text = text[:-1]
        text += "…"
    canv.setFont(font, size)
    canv.drawString(x, y, text)


def _draw_head(canv: Any, letter: Letter, font: str) -> None:
    """Fold marks, letterhead, window address block and date, at fixed places on page one."""
    canv.saveState()
    canv.setLineWidth(0.3)
    canv.setStrokeGray(0.45)
    for from_top, length in ((105, 5), (148.5, 8), (210, 5)):
        y = PAGE_HEIGHT - from_top * MM
        canv.line(3 * MM, y, (3 + length) * MM, y)
    canv.restoreState()

    sender = [line.strip() for line in letter.sender_lines if line.strip()]
    if sender:
        fit_line(canv, LEFT, PAGE_HEIGHT - 26 * MM, sender[0], font, 15, TEXT_WIDTH)
        canv.setFillGray(0.25)
        for i, line in enumerate(sender[1:4]):
            fit_line(canv, LEFT, PAGE_HEIGHT - (32 + 4 * i) * MM, line, font, 8.5, TEXT_WIDTH)
        canv.setFillGray(0)

    left = WINDOW_LEFT + WINDOW_INSET
    width = WINDOW_WIDTH - 2 * WINDOW_INSET
    top = PAGE_HEIGHT - WINDOW_TOP
    if sender:
        fit_line(canv, left, top - 5 * MM, " · ".join(sender), font, 7, width)
        canv.setLineWidth(0.4)
        canv.line(left, top - 6.2 * MM, left + width, top - 6.2 * MM)
    # Recipient lines wrap (long Chinese addresses) and shrink until they fit the window.
    room = WINDOW_HEIGHT - 11 * MM - 2 * MM
    lines = [line.strip() for line in letter.recipient_lines if line.strip()]
    for size in (11, 10, 9, 8, 7):
        wrapped = [part for line in lines for part in wrap_line(line, font, size, width)]
        if len(wrapped) * size * 1.3 <= room:
            break
    canv.setFont(font, size)
    y = top - 11 * MM - size
    for line in wrapped:
        canv.drawString(left, y, line)
        y -= size * 1.3

    canv.setFont(font, BODY_SIZE)
    canv.drawRightString(PAGE_WIDTH - RIGHT, PAGE_HEIGHT - DATE_BASELINE, letter.date_line)


def _draw_footer(canv: Any, letter: Letter, font: str, number: int, total: int) -> None:
    y = PAGE_HEIGHT - FOOTER_BASELINE
    if letter.reference:
        canv.setFillGray(0.35)
        fit_line(canv, LEFT, y, letter.reference.strip(), font, 7, 110 * MM)
        canv.setFillGray(0)
    if total > 1:
        canv.setFont(font, 8.5)
        canv.drawRightString(PAGE_WIDTH - RIGHT, y, f"第 {number} 页 / 共 {total} 页")
