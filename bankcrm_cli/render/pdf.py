"""PDF letters for window envelopes: one file per recipient, or one print batch.

A4, DIN 5008 form B: the window (C5/DL envelopes) sits 20 mm from the left and 45 mm from the
top, 90 x 45 mm; the return address goes in small type at its top, the recipient below it.
Text is real, extractable text in an embedded TrueType CJK font (see fonts.py); ReportLab is
used because, with the font registered once, a letter costs milliseconds (WeasyPrint: 40-110 ms;
fpdf2 re-subsets the font for every file). Files are written atomically with mode 0600.
"""

from __future__ import annotations

import contextlib
import os
import re
import tempfile
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any
from xml.sax.saxutils import escape

from bankcrm_cli.render.fonts import FontChoice, register

if TYPE_CHECKING:
    from reportlab.platypus import Flowable

MM = 72 / 25.4
PAGE_WIDTH = 210 * MM
PAGE_HEIGHT = 297 * MM
LEFT = 25 * MM
RIGHT = 20 * MM
TOP = 20 * MM
BOTTOM = 25 * MM
FRAME_WIDTH = PAGE_WIDTH - LEFT - RIGHT
# DIN 5008 form B: window 20 mm from the left, 45 mm from the top, 90 x 45 mm.
WINDOW_LEFT = 20 * MM
WINDOW_TOP = 45 * MM
WINDOW_WIDTH = 90 * MM
WINDOW_HEIGHT = 45 * MM
WINDOW_INSET = 5 * MM
# The body starts below the window and the date line.
BODY_TOP = 100 * MM
BODY_SIZE = 10.5
BODY_LEADING = 17


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
    return write_document([letter_flowables(letter, font)], path, font, title=letter.subject)


def write_letter_batch(
    letters: Iterable[Letter], path: Path, font: FontChoice, *, duplex: bool = False
) -> int:
    """Write letters into one print file, each from a new page (an odd one if `duplex`)."""
    parts = (letter_flowables(letter, font) for letter in letters)
    return write_document(parts, path, font, duplex=duplex, title="信函打印批次")


def write_document(
    parts: Iterable[list[Flowable]],
    path: Path,
    font: FontChoice,
    *,
    duplex: bool = False,
    title: str | None = None,
) -> int:
    """Lay out parts (each from a new page) into an A4 PDF at `path`; the page count."""
    from reportlab.platypus import BaseDocTemplate, Frame, PageBreak, PageTemplate

    font_name = register(font)
    story: list[Flowable] = []
    for part in parts:
        if story:
            story.append(PageBreak())
            if duplex:
                story.append(_ToOddPage())
        story.extend(part)
    if not story:
        raise ValueError("nothing to print: no letters")
    with atomic_output(path) as out:
        doc = BaseDocTemplate(
            out,
            pagesize=(PAGE_WIDTH, PAGE_HEIGHT),
            title=title or "",
            creator="bankcrm",
            initialFontName=font_name,
            leftMargin=LEFT,
            rightMargin=RIGHT,
            topMargin=TOP,
            bottomMargin=BOTTOM,
        )
        frame = Frame(
            LEFT,
            BOTTOM,
            FRAME_WIDTH,
            PAGE_HEIGHT - TOP - BOTTOM,
            leftPadding=0,
            rightPadding=0,
            topPadding=0,
            bottomPadding=0,
            id="body",
        )
        doc.addPageTemplates([PageTemplate(id="page", frames=[frame])])
        doc.build(story, canvasmaker=partial(_LetterCanvas, font_name=font_name))
        return doc.page


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


# --- content -------------------------------------------------------------------------------


def letter_flowables(letter: Letter, font: FontChoice) -> list[Flowable]:
    """The flowables of one letter, starting at the top of a fresh page."""
    from reportlab.platypus import KeepTogether, Spacer

    styles = letter_styles(register(font))
    flow: list[Flowable] = [_LetterHead(letter, styles["name"])]
    if letter.subject:
        flow.append(_BoldParagraph(escape(letter.subject), styles["subject"]))
    flow.extend(body_flowables(letter.body, styles))
    if letter.signature_lines:
        signature = [_paragraph(line, styles["signature"]) for line in letter.signature_lines]
        flow.append(KeepTogether([Spacer(1, 8 * MM), *signature]))
    flow.append(_LetterEnd())
    return flow


def letter_styles(font_name: str) -> dict[str, Any]:
    """Paragraph styles for letters in the given registered font."""
    from reportlab.lib.styles import ParagraphStyle

    body = ParagraphStyle(
        "body",
        fontName=font_name,
        bulletFontName=font_name,
        fontSize=BODY_SIZE,
        leading=BODY_LEADING,
        wordWrap="CJK",
        spaceAfter=6,
        allowWidows=0,
        allowOrphans=0,
    )
    return {
        "name": font_name,
        "body": body,
        "bullet": ParagraphStyle(
            "bullet", parent=body, leftIndent=6 * MM, bulletIndent=1.5 * MM, spaceAfter=2
        ),
        "subject": ParagraphStyle(
            "subject", parent=body, fontSize=12.5, leading=19, spaceAfter=10, spaceBefore=0
        ),
        "signature": ParagraphStyle(
            "signature", parent=body, leftIndent=FRAME_WIDTH - 75 * MM, spaceAfter=0
        ),
    }


_BLANK_LINE = re.compile(r"\n[ \t\u3000]*\n")


def body_flowables(body: str, styles: dict[str, Any]) -> list[Flowable]:
    """Paragraphs from plain text: blank lines separate paragraphs, "- " lines are bullets.

    Lines of one paragraph keep their line breaks ("此致" / "敬礼！"); an indented line
    (ideographic spaces count one character, ASCII spaces half) starts indented.
    """
    from reportlab.platypus import Spacer

    flow: list[Flowable] = []
    text = body.replace("\r\n", "\n").replace("\r", "\n").expandtabs(4).strip("\n")
    for block in _BLANK_LINE.split(text):
        groups: list[list[str]] = []
        in_list = False
        for line in block.split("\n"):
            content = line.lstrip(" \u3000")
            if content.startswith("- "):
                flow.extend(_line_groups(groups, styles))
                groups = []
                flow.append(_paragraph(content[2:].strip(), styles["bullet"], bullet="•"))
                in_list = True
            elif content.strip():
                if in_list:
                    flow.append(Spacer(1, 4))
                    in_list = False
                if not groups or content != line:
                    groups.append([])
                groups[-1].append(line.rstrip())
        flow.extend(_line_groups(groups, styles))
        if in_list:
            flow.append(Spacer(1, 4))
    return flow


def _line_groups(groups: list[list[str]], styles: dict[str, Any]) -> list[Flowable]:
    from reportlab.platypus import Paragraph

    flow = []
    for number, lines in enumerate(groups, 1):
        first = lines[0]
        content = first.lstrip(" \u3000")
        indent = first[: len(first) - len(content)]
        ems = indent.count("\u3000") + indent.count(" ") / 2
        style = _body_style(styles, ems, last=number == len(groups))
        text = "<br/>".join(escape(line.strip(" \u3000")) for line in [content, *lines[1:]])
        flow.append(Paragraph(text, style))
    return flow


def _body_style(styles: dict[str, Any], ems: float, last: bool) -> Any:
    from reportlab.lib.styles import ParagraphStyle

    key = f"body:{ems}:{last}"
    if key not in styles:
        base = styles["body"]
        styles[key] = ParagraphStyle(
            key,
            parent=base,
            firstLineIndent=ems * base.fontSize,
            spaceAfter=base.spaceAfter if last else 0,
        )
    return styles[key]


def _paragraph(text: str, style: Any, bullet: str | None = None) -> Flowable:
    from reportlab.platypus import Paragraph

    return Paragraph(escape(text.strip()), style, bulletText=bullet)


# --- drawing -------------------------------------------------------------------------------


def _fit_size(text: str, font_name: str, width: float, size: float, smallest: float) -> float:
    from reportlab.pdfbase.pdfmetrics import stringWidth

    natural = stringWidth(text, font_name, size)
    if natural <= width:
        return size
    return max(smallest, size * width / natural)


def _draw_clipped(canv: Any, x: float, y: float, text: str, font: str, size: float, width: float):
    """Draw one line, shrinking it to `width` down to 6.5 pt, then cutting it with an ellipsis."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    size = _fit_size(text, font, width, size, 6.5)
    if stringWidth(text, font, size) > width:
        while text and stringWidth(text + "…", font, size) > width:
            text = text[:-1]
        text += "…"
    canv.setFont(font, size)
    canv.drawString(x, y, text)


def _make_head_class() -> type:
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import Flowable, Paragraph

    class LetterHead(Flowable):
        """Letterhead, window address block, date and fold marks, drawn at fixed positions."""

        def __init__(self, letter: Letter, font_name: str) -> None:
            super().__init__()
            self.letter = letter
            self.font_name = font_name

        def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
            return avail_width, BODY_TOP - TOP

        def draw(self) -> None:
            canv = self.canv
            canv.letter = self.letter  # the page footers belong to this letter
            canv.saveState()
            # Undo the frame's translation: everything here has a fixed place on the sheet.
            x0, y0 = canv.absolutePosition(0, 0)
            canv.translate(-x0, -y0)
            self._fold_marks(canv)
            self._letterhead(canv)
            self._window(canv)
            font = self.font_name
            canv.setFont(font, BODY_SIZE)
            canv.drawRightString(PAGE_WIDTH - RIGHT, PAGE_HEIGHT - 96 * MM, self.letter.date_line)
            canv.restoreState()

        def _fold_marks(self, canv: Any) -> None:
            canv.setLineWidth(0.3)
            canv.setStrokeGray(0.45)
            for from_top, length in ((105, 5), (148.5, 8), (210, 5)):
                y = PAGE_HEIGHT - from_top * MM
                canv.line(3 * MM, y, (3 + length) * MM, y)

        def _letterhead(self, canv: Any) -> None:
            lines = self.letter.sender_lines
            if not lines:
                return
            font = self.font_name
            width = FRAME_WIDTH
            _draw_clipped(canv, LEFT, PAGE_HEIGHT - 26 * MM, lines[0], font, 15, width)
            canv.setFillGray(0.25)
            y = PAGE_HEIGHT - 32 * MM
            for line in lines[1:4]:
                _draw_clipped(canv, LEFT, y, line, font, 8.5, width)
                y -= 4 * MM
            canv.setFillGray(0)

        def _window(self, canv: Any) -> None:
            font = self.font_name
            left = WINDOW_LEFT + WINDOW_INSET
            width = WINDOW_WIDTH - 2 * WINDOW_INSET
            top = PAGE_HEIGHT - WINDOW_TOP
            if self.letter.sender_lines:
                sender = " · ".join(line.strip() for line in self.letter.sender_lines if line)
                _draw_clipped(canv, left, top - 5 * MM, sender, font, 7, width)
                canv.setLineWidth(0.4)
                canv.setStrokeGray(0)
                canv.line(left, top - 6.2 * MM, left + width, top - 6.2 * MM)
            # Recipient lines wrap (long Chinese addresses) and shrink until they fit.
            room = WINDOW_HEIGHT - 11 * MM - 2 * MM
            lines = [line for line in self.letter.recipient_lines if line.strip()]
            for size in (11, 10, 9, 8, 7):
                style = ParagraphStyle(
                    "address", fontName=font, fontSize=size, leading=size * 1.3, wordWrap="CJK"
                )
                paragraphs = [Paragraph(escape(line.strip()), style) for line in lines]
                heights = [p.wrap(width, room)[1] for p in paragraphs]
                if sum(heights) <= room:
                    break
            y = top - 11 * MM
            for paragraph, height in zip(paragraphs, heights, strict=True):
                y -= height
                paragraph.drawOn(canv, left, y)

    return LetterHead


def _make_end_class() -> type:
    from reportlab.platypus import Flowable

    class LetterEnd(Flowable):
        """Marks the page a letter ends on, so its page footers can be numbered."""

        _ZEROSIZE = 1

        def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
            return 0, 0

        def draw(self) -> None:
            self.canv.letter_ends = True

    return LetterEnd


def _make_odd_page_class() -> type:
    from reportlab.platypus.doctemplate import ActionFlowable

    class ToOddPage(ActionFlowable):
        """For duplex printing: leave the back of a letter's last sheet blank."""

        def __init__(self) -> None:
            super().__init__(("pageBreak",))

        def apply(self, doc: Any) -> None:
            if doc.page % 2 == 0:
                doc.handle_pageBreak()

    return ToOddPage


def _make_bold_class() -> type:
    from reportlab.platypus import Paragraph

    class BoldParagraph(Paragraph):
        """Bold by stroking the glyph outlines: CJK TrueType fonts rarely ship a bold face."""

        def draw(self) -> None:
            canv = self.canv
            canv.saveState()
            canv._code.append("2 Tr")  # text render mode: fill, then stroke
            canv.setLineWidth(self.style.fontSize * 0.035)
            super().draw()
            canv.restoreState()

    return BoldParagraph


def _make_canvas_class() -> type:
    from reportlab.pdfgen.canvas import Canvas

    class LetterCanvas(Canvas):
        """Holds a letter's pages until it ends, then stamps them "第 n 页 / 共 m 页".

        Pages are kept as canvas states (the usual ReportLab "page x of y" technique), one
        letter at a time, so a print batch of any length holds at most one letter's pages.
        Callables in `late` run on their page once the letter's page count is known.
        """

        def __init__(self, *args: Any, font_name: str, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self.font_name = font_name
            self.letter: Letter | None = None
            self.letter_ends = False
            self.late: list[Callable[[Any, int], None]] = []
            self._held: list[dict[str, Any]] = []

        def showPage(self) -> None:  # noqa: N802 (ReportLab's name)
            ends = self.letter_ends
            self._held.append(dict(self.__dict__))
            self._startPage()
            self.late = []
            self.letter_ends = False
            if ends:
                self._release()

        def save(self) -> None:
            if len(self._code):
                self.showPage()
            self._release()
            super().save()

        def _release(self) -> None:
            held, self._held = self._held, []
            total = sum(1 for state in held if state["letter"] is not None)
            number = 0
            for state in held:
                self.__dict__.update(state)
                self._held = []
                letter = state["letter"]
                if letter is not None:
                    number += 1
                    self._footer(letter, number, total)
                for draw in state["late"]:
                    draw(self, total)
                Canvas.showPage(self)
            self.letter = None
            self.letter_ends = False
            self.late = []

        def _footer(self, letter: Letter, number: int, total: int) -> None:
            self.saveState()
            y = 12 * MM
            if letter.reference:
                self.setFillGray(0.35)
                _draw_clipped(self, LEFT, y, letter.reference, self.font_name, 7, 110 * MM)
            if total > 1:
                self.setFillGray(0)
                self.setFont(self.font_name, 8.5)
                self.drawRightString(PAGE_WIDTH - RIGHT, y, f"第 {number} 页 / 共 {total} 页")
            self.restoreState()

    return LetterCanvas


class LazyClass:
    """A class built on first call by `make`, so importing a module does not import ReportLab."""

    def __init__(self, make: Callable[[], type]) -> None:
        self._make = make
        self._cls: type | None = None

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        if self._cls is None:
            self._cls = self._make()
        return self._cls(*args, **kwargs)


_LetterHead = LazyClass(_make_head_class)
_LetterEnd = LazyClass(_make_end_class)
_ToOddPage = LazyClass(_make_odd_page_class)
_BoldParagraph = LazyClass(_make_bold_class)
_LetterCanvas = LazyClass(_make_canvas_class)
