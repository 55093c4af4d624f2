"""Fax documents: a cover sheet plus the letter as PDF, and TIFF G3 at fax resolution."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bankcrm_cli.render.fonts import FontChoice, register
from bankcrm_cli.render.pdf import (
    BODY_SIZE,
    DATE_BASELINE,
    LEFT,
    MM,
    PAGE_HEIGHT,
    PAGE_WIDTH,
    RIGHT,
    TEXT_WIDTH,
    TOP,
    Letter,
    atomic_output,
    draw_letter,
    fit_line,
    layout_letter,
    pdf_canvas,
    wrap_line,
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
    font_name = register(font)
    pages = layout_letter(letter, font_name)
    with pdf_canvas(path, font, title=cover.regarding) as canv:
        _draw_cover(canv, cover, font_name, cover.pages or len(pages))
        canv.showPage()
        return 1 + draw_letter(canv, letter, font_name, pages, head=_draw_fax_head)


def _draw_fax_head(canv: Any, letter: Letter, font: str) -> None:
    """The letter's first page as a fax: no envelope, so no window address block and no fold
    marks; the sender's name, then who it is for, from the left margin, and the date."""
    sender = [line.strip() for line in letter.sender_lines if line.strip()]
    if sender:
        fit_line(canv, LEFT, PAGE_HEIGHT - 26 * MM, sender[0], font, 15, TEXT_WIDTH)
    lines = [line.strip() for line in letter.recipient_lines if line.strip()]
    size, leading = 11, 16
    y = PAGE_HEIGHT - 45 * MM
    lowest = PAGE_HEIGHT - DATE_BASELINE + 2 * leading
    canv.setFont(font, size)
    for i, line in enumerate(lines):
        for part in wrap_line(("致：" if i == 0 else "　　") + line, font, size, TEXT_WIDTH):
            if y < lowest:
                break
            canv.drawString(LEFT, y, part)
            y -= leading
    canv.setFont(font, BODY_SIZE)
    canv.drawRightString(PAGE_WIDTH - RIGHT, PAGE_HEIGHT - DATE_BASELINE, letter.date_line)


def write_fax_tiff(pdf_path: Path, tiff_path: Path) -> int:
    """Rasterise a PDF to a multi-page TIFF Class F file (1-bit, min-is-white, G3 at fine fax
    resolution, each page numbered); the pages."""
    import io

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
            # Bit 1 is ink: the min-is-white bits a fax machine's G3 white runs expect.
            pages.append(line.point(lambda v: 0 if v >= THRESHOLD else 255, mode="1"))
    finally:
        document.close()
    if not pages:
        raise ValueError(f"{pdf_path} has no pages")
    buffer = io.BytesIO()
    pages[0].save(
        buffer,
        format="TIFF",
        save_all=True,
        append_images=pages[1:],
        compression="group3",
        dpi=FAX_DPI,
        tiffinfo={FILL_ORDER: 1, T4_OPTIONS: 0, PAGE_NUMBER: (0, len(pages))},
    )
    with atomic_output(Path(tiff_path)) as out:
        out.write(_as_class_f(buffer.getvalue()))
    return len(pages)


# TIFF tags of Class F (TIFF 6.0 section 11 and the Class F notes).
PHOTOMETRIC = 262
FILL_ORDER = 266
T4_OPTIONS = 292
PAGE_NUMBER = 297


def _as_class_f(data: bytes) -> bytes:
    """Mark every page min-is-white and number it (n of total).

    Pillow writes bilevel images min-is-black, and inverts pixel by pixel in Python when asked
    for min-is-white; the pixels are inverted already, so only the tag values are set here,
    in place. Pillow also passes PageNumber to libtiff wrongly: its value is set here too.
    """
    import struct

    buf = bytearray(data)
    order = "<" if buf[:2] == b"II" else ">"
    offsets = []
    offset = struct.unpack_from(order + "I", buf, 4)[0]
    while offset:
        offsets.append(offset)
        count = struct.unpack_from(order + "H", buf, offset)[0]
        offset = struct.unpack_from(order + "I", buf, offset + 2 + 12 * count)[0]
    for number, ifd in enumerate(offsets):
        count = struct.unpack_from(order + "H", buf, ifd)[0]
        for entry in range(ifd + 2, ifd + 2 + 12 * count, 12):
            tag = struct.unpack_from(order + "H", buf, entry)[0]
            if tag == PHOTOMETRIC:
                struct.pack_into(order + "H", buf, entry + 8, 0)
            elif tag == PAGE_NUMBER:
                struct.pack_into(order + "HH", buf, entry + 8, number, len(offsets))
    return bytes(buf)


def _draw_cover(canv: Any, cover: FaxCover, font: str, pages: int) -> None:
    """The cover sheet: large black-on-white type that survives a fax machine."""
    width = PAGE_WIDTH - LEFT - RIGHT
    top = PAGE_HEIGHT - TOP
    canv.setFont(font, 28)
    canv.setLineWidth(0.9)
    canv.drawString(LEFT, top - 24, "传真", mode=2)  # bold by stroking the outlines
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
        ("页数", f"{pages} 页（不含封面）"),
    ]
    label_width = 30 * MM
    size, leading = 13, 18
    y = top - 34 - 14 * MM
    canv.setLineWidth(0.8)
    for label, value in rows:
        canv.setFont(font, size)
        canv.drawString(LEFT, y, label)
        lines = wrap_line(str(value or "").strip(), font, size, width - label_width) or [""]
        for i, line in enumerate(lines):
            canv.drawString(LEFT + label_width, y - i * leading, line)
        rule = y - (len(lines) - 1) * leading - 5 - 2 * MM
        canv.line(LEFT, rule, LEFT + width, rule)
        y = rule - 4 * MM - 10

    if cover.note:
        canv.setFont(font, 12)
        y -= 6 * MM
        for line in cover.note.replace("\r\n", "\n").strip().split("\n"):
            for part in wrap_line(line.strip(), font, 12, width):
                if y < 40 * MM:
                    break
                canv.drawString(LEFT, y, part)
                y -= 18
    canv.setFont(font, 9)
    canv.drawString(LEFT, 25 * MM, CONFIDENTIAL)
