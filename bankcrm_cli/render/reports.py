"""Reports as bytes: JSON, CSV, Markdown or self-contained HTML, all from one document.

The document is what services/analytics/reports.py builds (amounts in yuan, dates ISO), so
every format shows the same figures. Writing the bytes to a file, stdout or an e-mail is the
caller's business.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from bankcrm_cli.domain.errors import UsageError

FORMATS = ("md", "html", "csv", "json")
# The document's key for customers without an RM (NO_RM of services/analytics/report_figures).
_NO_RM = "(none)"


@dataclass(frozen=True)
class RenderedReport:
    """A report ready to deliver."""

    kind: str
    format: str
    subject: str
    content: bytes
    media_type: str

    @property
    def suffix(self) -> str:
        return "." + self.format


def subject_for(document: Mapping[str, Any]) -> str:
    """The report's one-line title, e.g. for an e-mail: bank, report, period, scope."""
    if "week" in document:
        when = f"{document['week']['from']} – {document['week']['to']}"
    elif "period" in document:
        when = f"{document['period']['from']} – {document['period']['to']}"
    else:
        when = document["date"]
    scope = [v for v in (document["scope"]["rm"], document["scope"]["branch"]) if v]
    return " · ".join([f"{document['bank']} {document['title']} {when}", *scope])


def _environment():
    """The template sandbox over the built-in report templates; HTML is autoescaped."""
    from bankcrm_cli.domain.catalogue import language, t, t_or
    from bankcrm_cli.render.templating import make_environment
    from bankcrm_cli.resources import templates_dir

    env = make_environment(
        [templates_dir() / "reports"],
        filters={"num": _num, "pct": _pct, "signed": _signed, "rm": _rm},
        immutable=False,
    )
    # Every label of a report comes from the catalogue, in the language of the run: `t(key)`
    # for a phrase, `label(prefix, code)` for a code (a status, a channel, a tier).
    env.globals.update(t=t, label=t_or, lang="zh-CN" if language() == "zh" else "en")
    return env


def _rm(code: str | None) -> str:
    """An RM code as a report shows it; the document's placeholder for none, in words."""
    from bankcrm_cli.domain.catalogue import t

    return t("rep.no_rm") if code in (None, _NO_RM) else code


def _num(value: float | int | None) -> str:
    if value is None:
        return "—"
    return f"{value:,}" if isinstance(value, int) else f"{value:,.2f}"


def _pct(value: float | None) -> str:
    return "—" if value is None else f"{value:.1%}"


def _signed(value: float | int | None) -> str:
    if value is None:
        return "—"
    if isinstance(value, float):
        return f"{value:+.1%}" if abs(value) <= 1 else f"{value:+,.2f}"
    return f"{value:+,}"


def render_report(document: Mapping[str, Any], fmt: str) -> RenderedReport:
    """The report as bytes in `fmt` (md, html, csv, json), with a subject line for e-mail."""
    kind = document["report"]
    subject = subject_for(document)
    if fmt == "json":
        from bankcrm_cli.io.writers import dumps_json

        text = dumps_json(document, indent=2) + "\n"
        return RenderedReport(kind, fmt, subject, text.encode("utf-8"), "application/json")
    if fmt == "csv":
        import io

        from bankcrm_cli.io.writers import write_csv

        buffer = io.StringIO(newline="")
        write_csv(buffer, ["section", "key", "value"], flatten(document))
        return RenderedReport(kind, fmt, subject, buffer.getvalue().encode("utf-8-sig"), "text/csv")
    if fmt not in ("md", "html"):
        from bankcrm_cli.domain.catalogue import t

        raise UsageError(t("err.unknown_format", fmt=repr(fmt), formats=", ".join(FORMATS)))
    template = _environment().get_template(f"{kind}.{fmt}.j2")
    text = template.render(r=document, subject=subject).lstrip("\n")
    if fmt == "md":
        from bankcrm_cli.render.terminal import printable

        # Markdown is read at a terminal as often as in a file: no raw control characters.
        text = printable(text)
    media = "text/html" if fmt == "html" else "text/markdown"
    return RenderedReport(kind, fmt, subject, text.encode("utf-8"), media)


_HEADER_KEYS = ("report", "title", "bank", "date")


def flatten(document: Mapping[str, Any]) -> Iterator[tuple[str, str, Any]]:
    """(section, key, value) rows: nested keys joined with dots, list items by their first
    value (a customer number, an RM code, a product) so rows read on their own."""
    for key in _HEADER_KEYS:
        yield ("report", key, document[key])
    for section, value in document.items():
        if section in _HEADER_KEYS:
            continue
        yield from _rows(section, "", value)


def _rows(section: str, prefix: str, value: Any) -> Iterator[tuple[str, str, Any]]:
    if isinstance(value, Mapping):
        for key, inner in value.items():
            yield from _rows(section, f"{prefix}.{key}" if prefix else str(key), inner)
    elif isinstance(value, list) and value and all(isinstance(v, Mapping) for v in value):
        for index, item in enumerate(value):
            first = next(iter(item.values()), index)
            label = first if isinstance(first, str | int) else index
            yield from _rows(section, f"{prefix}[{label}]" if prefix else f"[{label}]", item)
    elif isinstance(value, list):
        yield (section, prefix, "; ".join(str(v) for v in value))
    else:
        yield (section, prefix, value)
