"""Fax documents: a cover sheet plus the letter as PDF, and TIFF G3 at fax resolution."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bankcrm_cli.render.fonts import FontChoice, register
from bankcrm_cli.render.pdf import (
    LEFT,
    MM,
    PAGE_HEIGHT,
    PAGE_WIDTH,
    RIGHT,
    TOP,
    LazyClass,
    Letter,
    atomic_output,
    letter_flowables,
    write_document,
)

# ITU-T T.4 "fine": 204 x 196 dpi; a scan line is 1728 pixels (215 mm), A4 is centred on it.
FAX_DPI = (204, 196)
FAX_WIDTH = 1728
# Grey levels darker than this print black: thin CJK strokes survive the 1-bit conversion.
THRESHOLD = 176

CONFIDENTIAL = "本传真含客户信息，仅供收件人使用。如误收，请立即通知发件人并销毁。"


@dataclass(frozen=True)
class FaxCover:
    """What a fax cover sheet says; `pages` (excluding the cover) is counted when None or 0."""

    sender_name: str
    sender_fax: str
    recipient_name: str
    recipient_fax: str
    date_line: str
    regarding: str
    pages: int | None = None
    note: str | None = None


def write_fax_pdf(cover: FaxCover, letter: Letter, path: Path, font: FontChoice) -> int:
    """Write the cover sheet and the letter to `path`; the pages written, cover included."""
    parts = [[_CoverSheet(cover, register(font))], letter_flowables(letter, font)]
    return write_document(parts, path, font, title=cover.regarding)


def write_fax_tiff(pdf_path: Path, tiff_path: Path) -> int:
    """Rasterise a PDF to a multi-page 1-bit TIFF G3 at fine fax resolution; the pages."""
    import pypdfium2 as pdfium
    from PIL import Image

    pages: list[Any] = []
    document = pdfium.PdfDocument(str(pdf_path))
    try:
        for page in document:
            width_pt, height_pt = page.get_size()
            bitmap = page.render(scale=FAX_DPI[0] / 72, grayscale=True)
            grey = bitmap.to_pil().convert("L")
            page.close()
            height = round(height_pt / 72 * FAX_DPI[1])
            width = min(FAX_WIDTH, round(width_pt / 72 * FAX_DPI[0]))
            grey = grey.resize((width, height), Image.Resampling.BOX)
            line = Image.new("L", (FAX_WIDTH, height), 255)
            line.paste(grey, ((FAX_WIDTH - width) // 2, 0))
            pages.append(line.point(lambda v: 255 if v >= THRESHOLD else 0, mode="1"))
    finally:
        document.close()
    if not pages:
        raise ValueError(f"{pdf_path} has no pages")
    with atomic_output(Path(tiff_path)) as out:
        pages[0].save(
            out,
            format="TIFF",
            save_all=True,
            append_images=pages[1:],
            compression="group3",
            dpi=FAX_DPI,
        )
    return len(pages)


def _make_cover_class() -> type:
    from xml.sax.saxutils import escape

    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import Flowable, Paragraph

    class CoverSheet(Flowable):
        """The whole first page: large, black-on-white type that survives a fax machine."""

        def __init__(self, cover: FaxCover, font_name: str) -> None:
            super().__init__()
            self.cover = cover
            self.font_name = font_name

        def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
            return avail_width, avail_height

        def draw(self) -> None:
            canv = self.canv
            cover = self.cover
            font = self.font_name
            canv.saveState()
            x0, y0 = canv.absolutePosition(0, 0)
            canv.translate(-x0, -y0)
            width = PAGE_WIDTH - LEFT - RIGHT
            top = PAGE_HEIGHT - TOP
            canv.setFont(font, 28)
            canv._code.append("2 Tr")  # bold by stroking the outlines
            canv.setLineWidth(0.9)
            canv.drawString(LEFT, top - 24, "传真")
            canv._code.append("0 Tr")
            canv.setFont(font, 14)
            canv.drawRightString(LEFT + width, top - 22, "FAX")
            canv.setLineWidth(2)
            canv.line(LEFT, top - 34, LEFT + width, top - 34)

            rows = [
                ("收件人", cover.recipient_name),
                ("收件传真", cover.recipient_fax),
                ("发件人", cover.sender_name),
                ("发件传真", cover.sender_fax),
                ("日期", cover.date_line),
                ("事由", cover.regarding),
                ("页数", None),
            ]
            label_width = 30 * MM
            value_style = ParagraphStyle(
                "value", fontName=font, fontSize=13, leading=18, wordWrap="CJK"
            )
            y = top - 34 - 14 * MM
            canv.setLineWidth(0.8)
            for label, value in rows:
                canv.setFont(font, 13)
                canv.drawString(LEFT, y, label)
                if value is None:
                    self._page_count(canv, LEFT + label_width, y)
                    height = 18.0
                else:
                    paragraph = Paragraph(escape(value), value_style)
                    _, height = paragraph.wrap(width - label_width, 200)
                    # Baseline of the first line level with the label.
                    paragraph.drawOn(canv, LEFT + label_width, y + 18 - height - 4.5)
                rule = y - (max(height, 18) - 18) - 5 - 2 * MM
                canv.line(LEFT, rule, LEFT + width, rule)
                y = rule - 4 * MM - 10

            if cover.note:
                note_style = ParagraphStyle(
                    "note", fontName=font, fontSize=12, leading=18, wordWrap="CJK"
                )
                lines = cover.note.replace("\r\n", "\n").strip().split("\n")
                note = Paragraph("<br/>".join(escape(line) for line in lines), note_style)
                _, height = note.wrap(width, y - 40 * MM)
                note.drawOn(canv, LEFT, y - 6 * MM - height)
            canv.setFont(font, 9)
            canv.drawString(LEFT, 25 * MM, CONFIDENTIAL)
            canv.restoreState()

        def _page_count(self, canv: Any, x: float, y: float) -> None:
            font = self.font_name

            def draw(canv: Any, pages: int) -> None:
                canv.setFont(font, 13)
                canv.drawString(x, y, f"{pages} 页（不含封面）")

            if self.cover.pages:
                draw(canv, self.cover.pages)
            else:
                canv.late.append(draw)  # drawn once the letter's pages are counted

    return CoverSheet


_CoverSheet = LazyClass(_make_cover_class)
