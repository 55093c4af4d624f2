"""HTML reports print on A4 without wasted pages: no page holding only the footer, no heading
left at a page's foot, table headers repeated on every page a table runs onto.

The print itself is checked with Chromium when it is installed (`apt-get install chromium`);
without it those tests skip and the page rules are checked in the HTML alone.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from conftest import Crm

MOMENT = "2026-12-04 01:30:00+00:00"
CHROMIUM = next(
    (shutil.which(n) for n in ("chromium", "chromium-browser", "google-chrome") if shutil.which(n)),
    None,
)
REPORTS = ["daily", "weekly"]
CATEGORY = "长表测试"


@pytest.fixture(scope="module")
def reports(module_store_url: str, tmp_path_factory) -> dict[str, Path]:
    """The daily and weekly HTML reports of the sample bank with a long complaints table."""
    import time_machine

    tmp_path = tmp_path_factory.mktemp("reports")
    crm = Crm(module_store_url)
    with pytest.MonkeyPatch.context() as env, time_machine.travel(MOMENT, tick=False):
        for name in ("HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME", "XDG_CONFIG_HOME"):
            env.setenv(name, str(tmp_path / name.lower()))
        env.setenv("CRM_CONFIG", str(tmp_path / "crm.toml"))
        env.setenv("CRM_TIMEZONE", "Asia/Shanghai")
        assert crm("sample", "load").exit_code == 0
        # Enough overdue complaints for their table to run onto a second page.
        for number in range(100, 160):
            opened = crm(
                "complaints", "open", f"0000000{number}", "--category", CATEGORY,
                "--summary", "年费", "--received", "2026-11-02 10:00",
            )  # fmt: skip
            assert opened.exit_code == 0, opened.output
        written = {}
        for kind in REPORTS:
            path = tmp_path / f"{kind}.html"
            result = crm("report", kind, "--format", "html", "--out", str(path))
            assert result.exit_code == 0, result.output
            written[kind] = path
    return written


@pytest.mark.parametrize("kind", REPORTS)
def test_the_html_asks_for_a4_and_keeps_headers_and_short_parts_whole(
    reports: dict[str, Path], kind: str
) -> None:
    html = reports[kind].read_text(encoding="utf-8")
    assert re.search(r"@page\s*{\s*size:\s*A4;\s*margin:", html)
    assert "thead { display: table-header-group; }" in html
    assert re.search(r"h2, h3 { break-after: avoid;", html)
    assert re.search(r"tr { break-inside: avoid;", html) or ", tr { break-inside: avoid;" in html
    assert "footer { break-before: avoid;" in html
    tables = html.count("<table>")
    assert tables and html.count("<table><thead>") + html.count("<table>\n<thead>") == tables


def _pdf_pages(html: Path, tmp_path: Path) -> list[str]:
    from pypdf import PdfReader

    pdf = tmp_path / (html.stem + ".pdf")
    subprocess.run(
        [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--no-pdf-header-footer",
         f"--print-to-pdf={pdf}", html.as_uri()],
        check=True, capture_output=True, timeout=120,
    )  # fmt: skip
    return [page.extract_text() or "" for page in PdfReader(pdf).pages]


@pytest.mark.skipif(CHROMIUM is None, reason="Chromium is not installed (apt-get install chromium)")
@pytest.mark.parametrize("kind", REPORTS)
def test_printed_to_a4_no_page_is_wasted(
    reports: dict[str, Path], kind: str, tmp_path: Path
) -> None:
    html = reports[kind].read_text(encoding="utf-8")
    pages = _pdf_pages(reports[kind], tmp_path)
    footer = re.search(r"<footer>(.*?)</footer>", html, re.S).group(1).strip()
    headings = {
        re.sub(r"<[^>]+>", "", h).strip() for h in re.findall(r"<h[23]>(.*?)</h[23]>", html, re.S)
    }
    for number, text in enumerate(pages, 1):
        lines = [line.strip() for line in text.splitlines() if line.strip()]
        body = [line for line in lines if line not in footer]
        assert body, f"page {number} of {len(pages)} holds only the footer"
        assert lines[-1] not in headings, f"page {number} ends with the heading {lines[-1]!r}"
    assert footer.split(".")[0] in pages[-1]
    if kind == "daily":
        holding = [text for text in pages if CATEGORY in text]
        assert len(holding) > 1, "the overdue complaints were to run over a page"
        for text in holding:
            assert "时限" in text, "a page continuing a table repeats its header"
