"""After the README's first command alone, letters and faxes print: crm ships a TrueType CJK
font (WenQuanYi Micro Hei) and uses it when the platform has none (or is told not to look)."""

from __future__ import annotations

import pytest
from test_mailmerge_cli import DAY, bank  # noqa: F401 - the fixture is used
from test_maturity_window import _text


@pytest.mark.parametrize("channel", ["letter", "fax"])
def test_letters_and_faxes_print_with_the_packaged_font_alone(
    crm,
    bank,  # noqa: F811
    tmp_path,
    monkeypatch,
    channel,
):
    empty = tmp_path / "fonts.conf"
    empty.write_text('<?xml version="1.0"?><fontconfig></fontconfig>\n')
    monkeypatch.setenv("FONTCONFIG_FILE", str(empty))
    monkeypatch.setenv("CRM_MAILMERGE_SYSTEM_FONTS", "false")
    shown = crm.json("config", "show")["(font in use)"]["value"]
    assert "wqy-microhei.ttc" in shown and "WenQuanYi" in shown
    out = tmp_path / "out"
    result = crm(
        "mailmerge",
        "maturity-reminder",
        "-c",
        channel,
        "--customers",
        "C002",
        "--date",
        DAY,
        "--out",
        str(out),
    )
    assert result.exit_code == 0, result.output
    pdf = out / "C002.pdf"
    assert "王芳" in _text(out, "letter", "C002") and "产品到期提示" in _text(out, "letter", "C002")
    data = pdf.read_bytes()
    assert b"FontFile2" in data and b"WenQuanYi" in data.replace(b"#20", b"")
