"""Mail-merge templates: found by name (the user's folder first), front matter, a sandbox.

A template is `<medium folder>/<name>.txt.j2`, starting with YAML front matter between `---`
lines; an e-mail may add `<name>.html.j2` for its HTML part (autoescaped). Templates run in
Jinja's immutable sandbox with StrictUndefined, and each rendering is capped in size and time.
"""

from __future__ import annotations

import re
import signal
import threading
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

from bankcrm_cli.domain.catalogue import t
from bankcrm_cli.domain.errors import NotFound, UnusableInput
from bankcrm_cli.domain.followups import FollowupKind
from bankcrm_cli.domain.money import format_money

CHANNELS = ("letter", "email", "fax")
CHANNEL_FOLDERS = {"letter": "letters", "email": "emails", "fax": "faxes"}
PURPOSES = ("marketing", "service")
MAIN_SUFFIX = ".txt.j2"
HTML_SUFFIX = ".html.j2"
# What a template may ask the run to supply before it renders (front matter `requires`).
REQUIREMENTS = ("complaint", "resolved_complaint")
FOLLOWUP_KINDS = tuple(kind.value for kind in FollowupKind)

# Front matter is a few key: value lines; more than this is not one (and is not parsed).
MAX_FRONT_MATTER = 20_000

_FRONT_MATTER = re.compile(r"\A---[ \t]*\r?\n(.*?)\r?\n---[ \t]*(?:\r?\n|\Z)", re.S)
_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]*$")


class TemplateFailed(UnusableInput):
    """A template that cannot be used: bad front matter, syntax, undefined name, sandbox, limits."""


@dataclass(frozen=True)
class TemplateInfo:
    """One template for one medium, as found on disk."""

    name: str
    channel: str
    path: Path
    html_path: Path | None
    subject: str | None
    purpose: str
    description: str
    requires: tuple[str, ...] = ()
    params: Mapping[str, Any] = field(default_factory=dict)
    builtin: bool = True
    # The follow-up kind the template is written for, if any (`--followups KIND`).
    followups: str | None = None

    @property
    def marketing(self) -> bool:
        return self.purpose == "marketing"

    @property
    def required_params(self) -> tuple[str, ...]:
        """Parameters the front matter leaves empty: the run must give them with --set."""
        return tuple(key for key, value in self.params.items() if value is None)


def split_front_matter(text: str) -> tuple[str | None, str]:
    """(front matter, body); the body keeps the front matter's lines as a Jinja comment, so
    error line numbers stay true and nothing of it is rendered."""
    match = _FRONT_MATTER.match(text)
    if match is None:
        return None, text
    lines = match.group(0).count("\n")
    padding = "{#" + "\n" * (lines - 1) + "#}\n" if lines else ""
    return match.group(1), padding + text[match.end() :]


def _read_front_matter(path: Path, channel: str, name: str, builtin: bool) -> TemplateInfo:

    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise TemplateFailed(t("tpl.err.read", path=path, why=exc)) from None
    raw, _ = split_front_matter(text)
    where = t("tpl.err.where", path=path)
    if raw is None:
        raise TemplateFailed(t("tpl.err.no_front_matter", where=where))
    meta = _parse_front_matter(raw, where)
    if not isinstance(meta, dict):
        raise TemplateFailed(t("tpl.err.front_lines", where=where))
    purpose = meta.get("purpose")
    if purpose not in PURPOSES:
        raise TemplateFailed(t("tpl.err.purpose", where=where))
    subject = meta.get("subject")
    if channel == "email" and not subject:
        raise TemplateFailed(t("tpl.err.subject", where=where))
    requires = meta.get("requires") or []
    requires = [requires] if isinstance(requires, str) else list(requires)
    unknown = [r for r in requires if r not in REQUIREMENTS]
    if unknown:
        raise TemplateFailed(
            t("tpl.err.requires", where=where, unknown=unknown, known=REQUIREMENTS)
        )
    params = meta.get("params") or {}
    if not isinstance(params, dict):
        raise TemplateFailed(t("tpl.err.params", where=where))
    followups = meta.get("followups")
    if followups is not None and followups not in FOLLOWUP_KINDS:
        raise TemplateFailed(t("tpl.err.followups", where=where, kinds=", ".join(FOLLOWUP_KINDS)))
    html = path.with_name(name + HTML_SUFFIX)
    return TemplateInfo(
        name=name,
        channel=channel,
        path=path,
        html_path=html if channel == "email" and html.is_file() else None,
        subject=None if subject is None else str(subject),
        purpose=purpose,
        description=str(meta.get("description") or ""),
        requires=tuple(requires),
        params=params,
        builtin=builtin,
        followups=followups,
    )


def _parse_front_matter(raw: str, where: str) -> Any:
    """YAML without anchors or aliases, and of bounded size: an alias bomb is refused unread."""
    import yaml

    if len(raw) > MAX_FRONT_MATTER:
        raise TemplateFailed(t("tpl.err.front_size", where=where, limit=f"{MAX_FRONT_MATTER:,}"))

    class NoAliasLoader(yaml.SafeLoader):
        def compose_node(self, parent, index):
            event = self.peek_event()
            if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
                raise yaml.YAMLError(t("tpl.err.alias", line=event.start_mark.line + 1))
            return super().compose_node(parent, index)

    try:
        return yaml.load(raw, Loader=NoAliasLoader) or {}  # noqa: S506 - a SafeLoader
    except yaml.YAMLError as exc:
        detail = " ".join(str(exc).split())
        raise TemplateFailed(t("tpl.err.yaml", where=where, detail=detail)) from None


class TemplateLibrary:
    """The built-in templates with a user's folder laid over them (same name: the user's wins)."""

    def __init__(self, builtin_dir: Path, user_dir: Path | None = None) -> None:
        if user_dir is not None and not user_dir.is_dir():
            raise UnusableInput(t("err.tpl.folder", path=user_dir))
        self.builtin_dir = builtin_dir
        self.user_dir = user_dir

    @property
    def roots(self) -> list[Path]:
        return [root for root in (self.user_dir, self.builtin_dir) if root is not None]

    def find(self, name: str, channel: str) -> TemplateInfo:
        if not _NAME.match(name):
            raise UnusableInput(t("err.tpl.bad_name", name=repr(name)))
        folder = CHANNEL_FOLDERS[channel]
        for root in self.roots:
            path = root / folder / (name + MAIN_SUFFIX)
            if path.is_file():
                return _read_front_matter(path, channel, name, builtin=root == self.builtin_dir)
        known = sorted({info.name for info in self.all() if info.channel == channel})
        elsewhere = sorted(info.channel for info in self.all() if info.name == name)
        hint = t("err.tpl.elsewhere", channels=", ".join(elsewhere)) if elsewhere else ""
        known_shown = ", ".join(known) or t("adm.none")
        raise NotFound(
            t("err.tpl.no_channel", channel=channel, name=repr(name), hint=hint, known=known_shown)
        )

    def all(self) -> list[TemplateInfo]:
        """Every template, one per (name, medium), the user's first."""
        found: dict[tuple[str, str], TemplateInfo] = {}
        for root in self.roots:
            for channel, folder in CHANNEL_FOLDERS.items():
                directory = root / folder
                if not directory.is_dir():
                    continue
                for path in sorted(directory.glob("*" + MAIN_SUFFIX)):
                    name = path.name[: -len(MAIN_SUFFIX)]
                    if (name, channel) not in found and _NAME.match(name):
                        found[(name, channel)] = _read_front_matter(
                            path, channel, name, builtin=root == self.builtin_dir
                        )
        return sorted(found.values(), key=lambda info: (info.name, CHANNELS.index(info.channel)))

    def environment(self):
        return make_environment(self.roots)


# ---------------------------------------------------------------------------------------------
# Filters: what letters need to say dates, money and masked numbers the Chinese way.


def cn_date(value: Any) -> str:
    """2026-03-07 → 2026年3月7日."""
    if isinstance(value, str):
        value = date.fromisoformat(value[:10])
    if isinstance(value, datetime):
        value = value.date()
    if not isinstance(value, date):
        raise TypeError(f"cn_date needs a date, not {type(value).__name__}")
    return f"{value.year}年{value.month}月{value.day}日"


def money(value: Any, currency: str = "CNY") -> str:
    """1234567.891 → ¥1,234,567.89 (other currencies by their sign or code); None → —."""
    return "—" if value is None else format_money(value, currency)


def mask(value: Any, start: int = 0, end: int = 4) -> str:
    """Keep `start` leading and `end` trailing characters, star the rest."""
    from bankcrm_cli.domain.masking import mask_text

    return "" if value is None else mask_text(str(value), start, end)


def _mask_filter(name: str):
    def apply(value: Any) -> str:
        from bankcrm_cli.domain import masking

        return "" if value is None else getattr(masking, name)(str(value))

    apply.__name__ = name
    return apply


def make_environment(
    roots: list[Path], filters: Mapping[str, Any] | None = None, *, immutable: bool = True
):
    """The sandbox every template runs in (mail merge and reports), with our filters.
    `immutable` also forbids changing lists and dicts (the built-in reports build some)."""
    from jinja2 import FileSystemLoader, StrictUndefined
    from jinja2.sandbox import ImmutableSandboxedEnvironment, SandboxedEnvironment

    class FrontMatterLoader(FileSystemLoader):
        def get_source(self, environment, template):
            source, filename, uptodate = super().get_source(environment, template)
            return split_front_matter(source)[1], filename, uptodate

    from bankcrm_cli.render.sandbox_limits import bounded

    sandbox = bounded(ImmutableSandboxedEnvironment if immutable else SandboxedEnvironment)
    env = sandbox(
        loader=FrontMatterLoader([str(root) for root in roots], encoding="utf-8"),
        undefined=StrictUndefined,
        # No constant folding: what a template computes, it computes while rendering, under
        # the time and size limits, never while compiling.
        optimized=False,
        autoescape=lambda name: bool(name) and name.endswith((".html.j2", ".html")),
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        auto_reload=False,
    )
    env.filters.update(
        cn_date=cn_date,
        money=money,
        mask=mask,
        mask_id=_mask_filter("mask_id"),
        mask_phone=_mask_filter("mask_phone"),
        mask_email=_mask_filter("mask_email"),
    )
    env.filters.update(filters or {})
    return env


# ---------------------------------------------------------------------------------------------
# Compiling and rendering with limits.


@dataclass(frozen=True)
class Compiled:
    """A template ready to render: body, optional HTML part, subject."""

    info: TemplateInfo
    body: Any
    html: Any | None
    subject: Any | None


def _describe(exc: BaseException) -> str:
    from jinja2 import TemplateSyntaxError

    if isinstance(exc, TemplateSyntaxError):
        where = Path(exc.filename).name if exc.filename else t("tpl.err.template")
        return t("tpl.err.syntax", file=where, line=exc.lineno, message=exc.message)
    if isinstance(exc, RecursionError):
        return t("tpl.err.recursion")
    message = str(exc) or type(exc).__name__
    return message.splitlines()[0]


def compile_template(
    library: TemplateLibrary, info: TemplateInfo, env=None, limits: Limits | None = None
) -> Compiled:
    """Parse every part now, so a syntax error stops the run before anything is rendered;
    parsing and compiling are held to the same time limit as rendering."""
    from jinja2 import TemplateError

    env = env or library.environment()
    folder = CHANNEL_FOLDERS[info.channel]
    limits = limits or Limits()
    label = t("tpl.err.label", name=info.name, channel=info.channel)
    try:
        with _time_limit(limits.seconds):
            body = env.get_template(f"{folder}/{info.name}{MAIN_SUFFIX}")
            html = (
                env.get_template(f"{folder}/{info.name}{HTML_SUFFIX}") if info.html_path else None
            )
            subject = env.from_string(info.subject) if info.subject else None
    except _OutOfTime:
        raise TemplateFailed(
            t("tpl.err.compile_time", label=label, seconds=f"{limits.seconds:g}")
        ) from None
    except (TemplateError, RecursionError, MemoryError) as exc:
        raise TemplateFailed(t("tpl.err.failed", label=label, why=_describe(exc))) from None
    return Compiled(info=info, body=body, html=html, subject=subject)


class _OutOfTime(Exception):
    pass


def _expire(signum, frame):
    raise _OutOfTime


@contextmanager
def _time_limit(seconds: float) -> Iterator[None]:
    """Interrupt a runaway template; only the main thread can take a signal, elsewhere no limit."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = signal.getsignal(signal.SIGALRM)
    if previous is not _expire:
        signal.signal(signal.SIGALRM, _expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        if previous is not _expire:
            signal.signal(signal.SIGALRM, previous)


@contextmanager
def time_limits_for_many() -> Iterator[None]:
    """For many renders in a row: the alarm's handler installed once for all of them, instead
    of for each part (each part still has its own time limit)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = signal.signal(signal.SIGALRM, _expire)
    try:
        yield
    finally:
        signal.signal(signal.SIGALRM, previous)


@dataclass(frozen=True)
class Limits:
    max_chars: int = 1_000_000
    seconds: float = 10.0


def render_part(template: Any, context: Mapping[str, Any], limits: Limits, label: str) -> str:
    """Render one part, stopped once it writes more than `max_chars` or runs past `seconds`."""
    chunks: list[str] = []
    total = 0
    try:
        with _time_limit(limits.seconds):
            for chunk in template.generate(context):
                total += len(chunk)
                if total > limits.max_chars:
                    raise TemplateFailed(
                        t("tpl.err.output_size", label=label, limit=f"{limits.max_chars:,}")
                    )
                chunks.append(chunk)
    except _OutOfTime:
        raise TemplateFailed(
            t("tpl.err.render_time", label=label, seconds=f"{limits.seconds:g}")
        ) from None
    except TemplateFailed:
        raise
    except Exception as exc:  # a template is user code: whatever it raises is its failure
        raise TemplateFailed(t("tpl.err.failed", label=label, why=_describe(exc))) from None
    return "".join(chunks)
