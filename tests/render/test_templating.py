"""Template library, filters and limits, without a store."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from bankcrm_cli.domain.errors import NotFound
from bankcrm_cli.render.templating import (
    Limits,
    TemplateFailed,
    TemplateLibrary,
    cn_date,
    compile_template,
    money,
    render_part,
    split_front_matter,
)

# These tests read the words of messages: in English.
pytestmark = pytest.mark.usefixtures("english")


def _template(root: Path, folder: str, name: str, text: str) -> None:
    (root / folder).mkdir(parents=True, exist_ok=True)
    (root / folder / f"{name}.txt.j2").write_text(text, encoding="utf-8")


def test_cn_date_and_money_speak_the_chinese_way():
    assert cn_date(date(2026, 3, 7)) == "2026年3月7日"
    assert cn_date("2026-12-01") == "2026年12月1日"
    assert money(Decimal("1234567.891")) == "¥1,234,567.89"
    assert money(-5, "USD") == "-US$5.00"
    assert money(10, "AUD") == "AUD 10.00"


def test_front_matter_is_removed_but_line_numbers_stay_true():
    meta, body = split_front_matter("---\npurpose: service\n---\nline 4\n")
    assert meta == "purpose: service"
    assert body.splitlines()[3] == "line 4"
    assert body.startswith("{#")


def test_a_syntax_error_names_the_file_and_line(tmp_path):
    _template(tmp_path, "letters", "bad", "---\npurpose: service\n---\nok\n{% if %}\n")
    library = TemplateLibrary(tmp_path)
    with pytest.raises(TemplateFailed, match=r"bad.txt.j2 line 5"):
        compile_template(library, library.find("bad", "letter"))


def test_front_matter_must_say_its_purpose(tmp_path):
    _template(tmp_path, "letters", "vague", "---\ndescription: x\n---\nhi\n")
    with pytest.raises(TemplateFailed, match="purpose: marketing or service"):
        TemplateLibrary(tmp_path).find("vague", "letter")


def test_a_template_missing_for_a_medium_says_where_it_exists(tmp_path):
    _template(tmp_path, "letters", "only-letter", "---\npurpose: service\n---\nhi\n")
    with pytest.raises(NotFound, match="it exists for: letter"):
        TemplateLibrary(tmp_path).find("only-letter", "email")


def test_names_cannot_walk_out_of_the_template_folder(tmp_path):
    with pytest.raises(Exception, match="not a template name"):
        TemplateLibrary(tmp_path).find("../../etc/passwd", "letter")


@pytest.mark.parametrize(
    "source",
    [
        "{{ ''.__class__.__mro__ }}",
        "{{ customer.__init__.__globals__ }}",
        "{{ cycler.__init__.__globals__.os }}",
        "{% set x = [] %}{{ x.append(1) }}",
    ],
)
def test_sandbox_escapes_fail(tmp_path, source):
    _template(tmp_path, "letters", "escape", f"---\npurpose: service\n---\n{source}\n")
    library = TemplateLibrary(tmp_path)
    compiled = compile_template(library, library.find("escape", "letter"))
    with pytest.raises(TemplateFailed):
        render_part(compiled.body, {"customer": {"name": "x"}}, Limits(), "escape")


def test_a_template_that_runs_forever_is_stopped_in_time(tmp_path):
    loop = "{% for i in range(99999) %}{% for j in range(99999) %}{% endfor %}{% endfor %}"
    _template(tmp_path, "letters", "slow", f"---\npurpose: service\n---\n{loop}\n")
    library = TemplateLibrary(tmp_path)
    compiled = compile_template(library, library.find("slow", "letter"))
    with pytest.raises(TemplateFailed, match="took over 0.5 s"):
        render_part(compiled.body, {}, Limits(seconds=0.5), "slow")


def test_html_parts_are_autoescaped(tmp_path):
    _template(tmp_path, "emails", "hello", "---\npurpose: service\nsubject: hi\n---\n{{ name }}\n")
    (tmp_path / "emails" / "hello.html.j2").write_text("<p>{{ name }}</p>", encoding="utf-8")
    library = TemplateLibrary(tmp_path)
    compiled = compile_template(library, library.find("hello", "email"))
    context = {"name": "<b>王</b>"}
    assert render_part(compiled.html, context, Limits(), "x") == "<p>&lt;b&gt;王&lt;/b&gt;</p>"
    assert render_part(compiled.body, context, Limits(), "x") == "<b>王</b>\n"
