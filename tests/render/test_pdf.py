"""PDF letters read back the way a user checks them: text, fonts, pages, placement, files."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest
from pypdf import PdfReader

from bankcrm_cli.render.fonts import FontChoice, find_cjk_font
from bankcrm_cli.render.pdf import Letter, write_letter_batch, write_letter_pdf

MM = 72 / 25.4
PAGE_HEIGHT = 297 * MM

BODY = """尊敬的张伟先生：

　　您好！您在我行办理的三年期定期存款（金额 ¥1,234,567.89）将于2026年3月15日到期。\
为避免影响您的资金安排，请您在到期前与我联系。

- 三年期大额存单
- 稳健型理财产品

　　此致
敬礼！"""


@pytest.fixture(scope="module")
def font() -> FontChoice:
    return find_cjk_font(None)


def make_letter(name: str = "张伟", body: str = BODY, **changes: object) -> Letter:
    values: dict[str, object] = {
        "recipient_lines": (f"{name} 先生 收", "北京市西城区复兴门内大街55号", "邮编 100033"),
        "sender_lines": ("示例银行 北京分行", "北京市西城区金融大街1号"),
        "date_line": "2026年3月7日",
        "subject": "定期存款到期提示",
        "body": body,
        "signature_lines": ("客户经理 李娜", "电话 010-6609 8888", "示例银行 北京分行"),
        "reference": "maturity-reminder-letter-2026-03-07 · C000123",
    }
    values.update(changes)
    return Letter(**values)  # type: ignore[arg-type]


def long_body(paragraphs: int = 60) -> str:
    text = "　　感谢您一直以来对我行的信任与支持，我们将继续为您提供专业、细致的金融服务。" * 3
    return "\n\n".join([text] * paragraphs)


def page_texts(path: Path) -> list[str]:
    return [page.extract_text() or "" for page in PdfReader(path).pages]


def test_letter_shows_customer_name_in_chinese_as_real_text(tmp_path: Path, font: FontChoice):
    path = tmp_path / "letter.pdf"
    pages = write_letter_pdf(make_letter(), path, font)
    texts = page_texts(path)
    assert pages == len(texts) == 1
    assert "张伟 先生 收" in texts[0]
    assert "定期存款到期提示" in texts[0]
    assert "2026年3月7日" in texts[0]
    assert "客户经理 李娜" in texts[0]


def test_every_font_is_embedded_truetype(tmp_path: Path, font: FontChoice):
    path = tmp_path / "letter.pdf"
    write_letter_pdf(make_letter(), path, font)
    fonts = PdfReader(path).pages[0]["/Resources"]["/Font"]
    assert fonts
    for ref in fonts.values():
        descriptor = ref.get_object()["/FontDescriptor"].get_object()
        assert "/FontFile2" in descriptor, descriptor["/FontName"]
        assert "STSong" not in descriptor["/FontName"]


def test_markup_like_characters_print_literally(tmp_path: Path, font: FontChoice):
    path = tmp_path / "letter.pdf"
    letter = make_letter(
        name="<b>王&amp;",
        body="客户备注：A & B <i>x</i> &lt; 1\n\n[VIP] {{ name }}",
        subject="<u>提示</u> & 通知",
    )
    write_letter_pdf(letter, path, font)
    text = page_texts(path)[0]
    assert "<b>王&amp; 先生 收" in text
    assert "A & B <i>x</i> &lt; 1" in text
    assert "[VIP] {{ name }}" in text
    assert "<u>提示</u> & 通知" in text


def test_one_page_letter_has_no_page_numbers(tmp_path: Path, font: FontChoice):
    path = tmp_path / "letter.pdf"
    write_letter_pdf(make_letter(), path, font)
    assert "页 / 共" not in page_texts(path)[0]


def test_long_body_continues_on_numbered_pages(tmp_path: Path, font: FontChoice):
    path = tmp_path / "letter.pdf"
    pages = write_letter_pdf(make_letter(body=long_body()), path, font)
    texts = page_texts(path)
    assert pages == len(texts) >= 3
    for number, text in enumerate(texts, 1):
        assert f"第 {number} 页 / 共 {pages} 页" in text
    assert "客户经理 李娜" in texts[-1]
    assert "张伟 先生 收" in texts[0]
    assert "张伟 先生 收" not in texts[1]


def test_long_chinese_line_wraps_inside_the_margins(tmp_path: Path, font: FontChoice):
    path = tmp_path / "letter.pdf"
    sentence = "这是一段没有任何空格的很长的中文文字用来检查自动换行是否正确"
    write_letter_pdf(make_letter(body=sentence * 4), path, font)
    lines = [line for line in page_texts(path)[0].splitlines() if line and line in sentence * 4]
    assert len(lines) >= 3  # wrapped between characters, not run off the page
    assert "".join(lines) == sentence * 4


def text_positions(path: Path) -> dict[str, tuple[float, float]]:
    """Each text run's start, in millimetres from the page's left and top edges."""
    found: dict[str, tuple[float, float]] = {}

    def visit(text: str, cm: list[float], tm: list[float], font: object, size: float) -> None:
        x = cm[0] * tm[4] + cm[2] * tm[5] + cm[4]
        y = cm[1] * tm[4] + cm[3] * tm[5] + cm[5]
        if text.strip():
            found.setdefault(text.strip(), (x / MM, (PAGE_HEIGHT - y) / MM))

    PdfReader(path).pages[0].extract_text(visitor_text=visit)
    return found


def test_address_block_sits_in_the_envelope_window(tmp_path: Path, font: FontChoice):
    path = tmp_path / "letter.pdf"
    write_letter_pdf(make_letter(), path, font)
    positions = text_positions(path)
    # DIN 5008 form B window: 20 mm from the left, 45 mm from the top, 90 x 45 mm.
    for line in ("张伟 先生 收", "北京市西城区复兴门内大街55号", "邮编 100033"):
        left, top = positions[line]
        assert 20 < left < 110 and 45 < top < 90, (line, left, top)
    return_left, return_top = positions["示例银行 北京分行 · 北京市西城区金融大街1号"]
    assert return_left > 20 and 45 < return_top < positions["张伟 先生 收"][1]
    date_left, date_top = positions["2026年3月7日"]
    assert date_left > 150 and date_top > 90


def test_long_address_wraps_and_stays_in_the_window(tmp_path: Path, font: FontChoice):
    path = tmp_path / "letter.pdf"
    address = "广东省深圳市南山区粤海街道科技园社区科苑路15号科兴科学园B栋3单元1801室（前台代收）"
    write_letter_pdf(make_letter(recipient_lines=("刘洋 先生 收", address)), path, font)
    positions = text_positions(path)
    parts = [text for text in positions if text and text in address]
    assert len(parts) >= 2 and "".join(parts) == address
    for text in parts:
        left, top = positions[text]
        assert 20 < left < 110 and 45 < top < 90, (text, left, top)


def test_batch_holds_every_letter_each_from_a_new_page(tmp_path: Path, font: FontChoice):
    letters = [
        make_letter(name="张伟"),
        make_letter(name="李秀英", body=long_body()),
        make_letter(name="王芳"),
    ]
    separate = [write_letter_pdf(x, tmp_path / f"{i}.pdf", font) for i, x in enumerate(letters)]
    path = tmp_path / "batch.pdf"
    pages = write_letter_batch(letters, path, font)
    texts = page_texts(path)
    assert pages == len(texts) == sum(separate)
    first_pages = [0, separate[0], separate[0] + separate[1]]
    for letter_first, name in zip(first_pages, ("张伟", "李秀英", "王芳"), strict=True):
        assert f"{name} 先生 收" in texts[letter_first]
    # Page numbers count within each letter, not across the batch.
    assert f"第 1 页 / 共 {separate[1]} 页" in texts[first_pages[1]]
    assert "页 / 共" not in texts[first_pages[2]]


def test_duplex_batch_starts_every_letter_on_a_front_side(tmp_path: Path, font: FontChoice):
    letters = [make_letter(name="张伟"), make_letter(name="李秀英", body=long_body(40))]
    letters.append(make_letter(name="王芳"))
    path = tmp_path / "batch.pdf"
    pages = write_letter_batch(letters, path, font, duplex=True)
    texts = page_texts(path)
    assert pages == len(texts)
    starts = [
        next(i for i, t in enumerate(texts) if f"{name} 先生 收" in t)
        for name in ("张伟", "李秀英", "王芳")
    ]
    assert [start % 2 for start in starts] == [0, 0, 0]  # pages 1, 3, 5 ... of the stack
    assert texts[1].strip() == ""  # the back of the one-page first letter stays blank


def test_files_are_private_and_written_whole(tmp_path: Path, font: FontChoice):
    path = tmp_path / "letter.pdf"
    path.write_bytes(b"old")
    write_letter_pdf(make_letter(), path, font)
    write_letter_batch([make_letter()], tmp_path / "batch.pdf", font)
    for written in (path, tmp_path / "batch.pdf"):
        assert stat.S_IMODE(os.stat(written).st_mode) == 0o600
        assert written.read_bytes().startswith(b"%PDF-")
    left = sorted(p.name for p in tmp_path.iterdir() if p.is_file())
    assert left == ["batch.pdf", "letter.pdf"]


def test_letter_without_subject_or_reference(tmp_path: Path, font: FontChoice):
    path = tmp_path / "letter.pdf"
    write_letter_pdf(make_letter(subject=None, reference=None), path, font)
    text = page_texts(path)[0]
    assert "张伟 先生 收" in text and "maturity-reminder" not in text
