"""Fax documents: the cover sheet's page count, and TIFF G3 a fax gateway accepts."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest
from PIL import Image
from pypdf import PdfReader

from bankcrm_cli.render.fax import FaxCover, write_fax_pdf, write_fax_tiff
from bankcrm_cli.render.fonts import FontChoice, find_cjk_font
from bankcrm_cli.render.pdf import Letter


@pytest.fixture(scope="module")
def font() -> FontChoice:
    return find_cjk_font(None)


def fax_letter(paragraphs: int = 1) -> Letter:
    text = "　　感谢您一直以来对我行的信任与支持，现将您的理财产品到期安排函告如下，请查收。" * 3
    return Letter(
        recipient_lines=("北京远洋贸易有限公司", "财务部 王芳 女士 收"),
        sender_lines=("示例银行 北京分行",),
        date_line="2026年3月7日",
        subject="理财产品到期安排",
        body="\n\n".join([text] * paragraphs),
        signature_lines=("客户经理 李娜", "示例银行 北京分行"),
    )


def make_cover(pages: int | None = None) -> FaxCover:
    return FaxCover(
        sender_name="李娜（示例银行）",
        sender_fax="010-6609 8800",
        recipient_name="王芳 <财务部> & 会计",
        recipient_fax="010-8888 1234",
        date_line="2026年3月7日",
        regarding="理财产品到期安排",
        pages=pages,
        note="原件随后邮寄。",
    )


def page_texts(path: Path) -> list[str]:
    return [page.extract_text() or "" for page in PdfReader(path).pages]


def test_cover_counts_the_document_pages_without_itself(tmp_path: Path, font: FontChoice):
    path = tmp_path / "fax.pdf"
    pages = write_fax_pdf(make_cover(), fax_letter(paragraphs=40), path, font)
    texts = page_texts(path)
    assert pages == len(texts) >= 3
    cover = texts[0]
    assert f"{pages - 1} 页（不含封面）" in cover
    for expected in ("王芳 <财务部> & 会计", "010-8888 1234", "李娜（示例银行）", "010-6609 8800"):
        assert expected in cover
    assert "理财产品到期安排" in cover and "原件随后邮寄。" in cover
    assert "财务部 王芳 女士 收" in texts[1]
    assert f"第 1 页 / 共 {pages - 1} 页" in texts[1]


def test_one_page_fax_says_one_page(tmp_path: Path, font: FontChoice):
    path = tmp_path / "fax.pdf"
    assert write_fax_pdf(make_cover(pages=0), fax_letter(), path, font) == 2
    assert "1 页（不含封面）" in page_texts(path)[0]


def test_a_given_page_count_is_printed_as_given(tmp_path: Path, font: FontChoice):
    path = tmp_path / "fax.pdf"
    write_fax_pdf(make_cover(pages=5), fax_letter(), path, font)
    assert "5 页（不含封面）" in page_texts(path)[0]


def test_tiff_is_group3_fine_resolution_one_frame_a_page(tmp_path: Path, font: FontChoice):
    pdf = tmp_path / "fax.pdf"
    pdf_pages = write_fax_pdf(make_cover(), fax_letter(paragraphs=25), pdf, font)
    tiff = tmp_path / "fax.tiff"
    assert write_fax_tiff(pdf, tiff) == pdf_pages
    assert stat.S_IMODE(os.stat(tiff).st_mode) == 0o600
    with Image.open(tiff) as image:
        assert image.n_frames == pdf_pages
        for frame in range(image.n_frames):
            image.seek(frame)
            assert image.mode == "1"
            assert image.info["compression"] == "group3"
            assert image.size == (1728, 2292)  # A4 at 204 x 196 dpi on a 1728-pixel line
            assert tuple(round(v) for v in image.info["dpi"]) == (204, 196)
            black = image.histogram()[0] / (image.width * image.height)
            assert 0.002 < black < 0.15  # black text on white paper, not blank or inverted


def test_tiff_is_class_f_min_is_white_each_page_numbered(tmp_path: Path, font: FontChoice):
    pdf = tmp_path / "fax.pdf"
    pdf_pages = write_fax_pdf(make_cover(), fax_letter(paragraphs=25), pdf, font)
    tiff = tmp_path / "fax.tiff"
    write_fax_tiff(pdf, tiff)
    with Image.open(tiff) as image:
        for frame in range(image.n_frames):
            image.seek(frame)
            tags = image.tag_v2
            assert tags[262] == 0  # PhotometricInterpretation: min-is-white
            assert tags[266] == 1  # FillOrder: most significant bit first
            assert tags[292] == 0  # T4Options: 1-D coding, no fill bits
            assert tags[297] == (frame, pdf_pages)  # PageNumber: n of total
            assert tags[296] == 2 and tags[259] == 3  # ResolutionUnit inch, CCITT G3
            # Paper reads white: the margins are white, and ink is the minority.
            assert image.getpixel((20, 20)) == 255
            assert image.histogram()[0] < image.histogram()[255]


def _ink_near(path: Path, page: int, box_mm: tuple[float, float, float, float]) -> int:
    """Dark pixels of a page rendered at 72 dpi inside a box (left, top, right, bottom) in mm."""
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(str(path))
    try:
        image = document[page].render(scale=4).to_pil().convert("L")
    finally:
        document.close()
    px = 4 * 72 / 25.4
    left, top, right, bottom = (round(v * px) for v in box_mm)
    return sum(1 for v in image.crop((left, top, right, bottom)).tobytes() if v < 200)


def test_the_fax_letter_page_has_no_envelope_window_or_fold_marks(tmp_path: Path, font: FontChoice):
    from dataclasses import replace

    from bankcrm_cli.render.pdf import write_letter_pdf

    letter = replace(fax_letter(), sender_lines=("示例银行 北京分行", "北京市西城区金融街1号"))
    posted = tmp_path / "letter.pdf"
    write_letter_pdf(letter, posted, font)
    faxed = tmp_path / "fax.pdf"
    write_fax_pdf(make_cover(), letter, faxed, font)
    for from_top in (105, 148.5, 210):  # the fold and punch marks at the left edge
        marks = (2, from_top - 2, 12, from_top + 2)
        assert _ink_near(posted, 0, marks) > 0  # the letter has them ...
        assert _ink_near(faxed, 1, marks) == 0  # ... the fax's letter page does not
    posted_text = page_texts(posted)[0].replace(" ", "")
    fax_text = page_texts(faxed)[1].replace(" ", "")
    # The window's return-address line is the letter's alone; the fax says whom it is for.
    assert "示例银行北京分行·北京市西城区金融街1号" in posted_text
    assert "·" not in fax_text
    assert "致：北京远洋贸易有限公司" in fax_text and "致：" not in posted_text
