"""CJK font discovery: a font that really embeds, or one clear line saying how to get one."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from bankcrm_cli.domain.errors import CrmError
from bankcrm_cli.render import fonts
from bankcrm_cli.render.fonts import (
    NoCjkFont,
    find_cjk_font,
    missing_characters,
    parse_font_setting,
)
from bankcrm_cli.render.pdf import Letter, write_letter_pdf

NOTO = Path("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc")


def is_truetype_face(choice: fonts.FontChoice) -> bool:
    with open(choice.path, "rb") as f:
        head = f.read(16)
        if head[:4] == b"ttcf":
            f.seek(12 + 4 * choice.subfont_index)
            f.seek(int.from_bytes(f.read(4), "big"))
            head = f.read(4)
    return head[:4] in (b"\x00\x01\x00\x00", b"true")


def test_found_font_is_truetype_and_describes_itself():
    choice = find_cjk_font(None)
    assert is_truetype_face(choice)
    assert choice.describe() == f"{choice.family} ({choice.path} #{choice.subfont_index})"
    assert choice.family and not choice.family.startswith("b'")


def test_configured_font_is_used_when_it_embeds():
    found = find_cjk_font(None)
    configured = find_cjk_font(f"{found.path}#{found.subfont_index}")
    assert (configured.path, configured.subfont_index) == (found.path, found.subfont_index)
    assert configured.note is None


def test_unusable_configured_font_is_passed_over_and_said_so(tmp_path: Path):
    bogus = tmp_path / "not-a-font.ttf"
    bogus.write_bytes(b"this is not a font at all")
    choice = find_cjk_font(str(bogus))
    assert choice.path != str(bogus)
    assert str(bogus) in choice.describe() and "not a TrueType font" in choice.describe()


def test_no_usable_font_is_one_error_that_says_how_to_fix(tmp_path, monkeypatch, english):
    monkeypatch.setattr(fonts, "fontconfig_candidates", lambda: [])
    monkeypatch.setattr(fonts, "well_known_candidates", lambda: [])
    monkeypatch.setattr(fonts, "packaged_candidates", lambda: [])
    with pytest.raises(NoCjkFont) as caught:
        find_cjk_font(str(tmp_path / "missing.ttf"))
    assert isinstance(caught.value, CrmError)
    message = str(caught.value)
    assert "\n" not in message
    assert "set mailmerge.font to a TrueType CJK font" in message


@pytest.mark.skipif(not NOTO.exists(), reason="Noto CJK (CFF outlines) is not installed")
def test_cff_noto_listed_before_a_truetype_font_is_skipped(tmp_path: Path):
    listed = fonts.fontconfig_candidates()
    noto = [i for i, (path, _) in enumerate(listed) if "NotoSansCJK" in path]
    choice = find_cjk_font(None)
    chosen = listed.index((choice.path, choice.subfont_index))
    assert noto and noto[0] < chosen  # fontconfig offers Noto first ...
    assert "Noto" not in choice.path  # ... and a TrueType face is used instead
    configured = find_cjk_font(f"{NOTO}#2")
    assert "CFF" in (configured.note or "")
    assert "Noto" not in configured.path
    letter = Letter(("王芳 收",), ("示例银行",), "2026年3月7日", None, "您好", ("李娜",))
    write_letter_pdf(letter, tmp_path / "letter.pdf", configured)
    assert b"FontFile2" in (tmp_path / "letter.pdf").read_bytes()


def test_missing_characters_names_what_the_font_cannot_print():
    choice = find_cjk_font(None)
    rare = "\U00020000"  # CJK Extension B, beyond the WenQuanYi fonts
    if not missing_characters(choice, rare):
        pytest.skip(f"{choice.family} has Extension B characters")
    assert missing_characters(choice, f"张伟 {rare}先生 {rare}") == rare
    assert missing_characters(choice, "尊敬的张伟先生：¥1,234.50") == ""


def test_font_setting_may_name_a_face_inside_a_collection():
    assert parse_font_setting("/fonts/wqy-microhei.ttc#1") == ("/fonts/wqy-microhei.ttc", 1)
    assert parse_font_setting("/fonts/simhei.ttf") == ("/fonts/simhei.ttf", 0)


def test_importing_the_print_modules_loads_no_pdf_library():
    code = (
        "import sys, bankcrm_cli.render.fonts, bankcrm_cli.render.pdf, bankcrm_cli.render.fax;"
        "heavy = {'reportlab', 'pypdfium2', 'PIL'} & {m.split('.')[0] for m in sys.modules};"
        "print(sorted(heavy))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_fontconfig_finding_nothing_leaves_the_font_crm_ships(tmp_path, monkeypatch):
    if shutil.which("fc-list"):
        empty = tmp_path / "fonts.conf"
        empty.write_text('<?xml version="1.0"?><fontconfig></fontconfig>\n')
        monkeypatch.setenv("FONTCONFIG_FILE", str(empty))
        assert fonts.fontconfig_candidates() == []
    choice = find_cjk_font(None, system_fonts=False)
    assert choice.path.endswith("bankcrm_cli/fonts/wqy-microhei.ttc") and is_truetype_face(choice)
    letter = Letter(
        ("王芳 收",), ("示例银行",), "2026年3月7日", None, "尊敬的王女士：您好", ("李娜",)
    )
    write_letter_pdf(letter, tmp_path / "letter.pdf", choice)
    from pypdf import PdfReader

    text = "".join(page.extract_text() for page in PdfReader(tmp_path / "letter.pdf").pages)
    assert "尊敬的王女士" in text and "王芳" in text
    assert b"FontFile2" in (tmp_path / "letter.pdf").read_bytes()


def test_platform_font_folders_are_looked_in_by_path(tmp_path, monkeypatch):
    shipped = fonts.packaged_candidates()[0][0]
    windir = tmp_path / "Windows"
    (windir / "Fonts").mkdir(parents=True)
    (windir / "Fonts" / "msyh.ttc").write_bytes(Path(shipped).read_bytes())
    monkeypatch.setenv("WINDIR", str(windir))
    assert (str(windir / "Fonts" / "msyh.ttc"), 0) in fonts.well_known_candidates()
