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
