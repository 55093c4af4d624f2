"""Find a CJK font that PDF letters and faxes can embed, and register it once per process.

ReportLab embeds TrueType outlines only. fontconfig often lists Noto CJK first, whose CFF
(PostScript) outlines it cannot embed, so candidates are tried in turn until one loads, covers
common Chinese characters and subsets. A non-embedded CID font (STSong-Light) is never used:
it prints as boxes wherever the reader lacks the font.

The order: the `mailmerge.font` setting; the platform's own fonts (fontconfig's list, then the
Linux, macOS and Windows font folders by path) unless `mailmerge.system_fonts` is false; last,
WenQuanYi Micro Hei (TrueType; Apache-2.0 or GPL-3+ with the font exception), which ships
inside crm (bankcrm_cli/fonts/, with its licence), so letters print on a fresh machine.
"""

from __future__ import annotations

import functools
import os
import re
import shutil
import struct
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from bankcrm_cli.domain.catalogue import t
from bankcrm_cli.domain.errors import CrmError


def _fix() -> str:
    """What to do when no font can be used, in the language in use."""
    return t("font.err.fix")


# Characters every Chinese letter needs; a font lacking any of them is not a CJK font.
PROBE = "尊敬的客户您好银行年月日第页共张伟，。：１"

# TrueType CJK faces looked for by path in the platform's font folders (macOS and Windows
# have no fontconfig; a Linux machine may lack it too).
WELL_KNOWN_NAMES: tuple[str, ...] = (
    "wqy-microhei.ttc",
    "wqy-zenhei.ttc",
    "uming.ttc",
    "msyh.ttc",
    "msyh.ttf",
    "simhei.ttf",
    "simsun.ttc",
    "Deng.ttf",
    "STHeiti Light.ttc",
    "STHeiti Medium.ttc",
    "Songti.ttc",
    "Arial Unicode.ttf",
)
_LINUX_FOLDERS = (
    "/usr/share/fonts/truetype/wqy",
    "/usr/share/fonts/wenquanyi/wqy-microhei",
    "/usr/share/fonts/wqy-microhei",
    "/usr/share/fonts/wqy-zenhei",
    "/usr/share/fonts/truetype/arphic",
    "~/.local/share/fonts",
    "~/.fonts",
)
_MAC_FOLDERS = (
    "/System/Library/Fonts",
    "/System/Library/Fonts/Supplemental",
    "/Library/Fonts",
    "~/Library/Fonts",
)
# The font that ships inside crm.
PACKAGED = Path(__file__).resolve().parent.parent / "fonts" / "wqy-microhei.ttc"

_REGULAR_STYLES = {"regular", "book", "normal", "medium", "roman"}


class NoCjkFont(CrmError):
    """No CJK font on this system can be embedded in a PDF."""


@dataclass(frozen=True)
class FontChoice:
    """A TrueType CJK font face: file, face index inside a collection, family name."""

    path: str
    subfont_index: int
    family: str
    # Why a configured font was passed over, so `crm config show` can say so.
    note: str | None = None

    def describe(self) -> str:
        text = f"{self.family} ({self.path} #{self.subfont_index})"
        return f"{text}; {self.note}" if self.note else text


def find_cjk_font(configured: str | None, *, system_fonts: bool = True) -> FontChoice:
    """The configured font if it embeds, else the platform's first embeddable CJK font (unless
    `system_fonts` is false), else the font that ships with crm."""
    return _find(configured or None, system_fonts)


@functools.cache
def _find(configured: str | None, system_fonts: bool) -> FontChoice:
    note = None
    tried: list[str] = []
    if configured:
        path, index = parse_font_setting(configured)
        try:
            return _load(path, index)
        except _Unusable as exc:
            note = t("font.err.not_used", font=configured, why=exc)
            tried.append(note)
    platform = [*fontconfig_candidates(), *well_known_candidates()] if system_fonts else []
    seen: set[tuple[str, int]] = set()
    for path, index in [*platform, *packaged_candidates()]:
        if (path, index) in seen or not Path(path).is_file():
            continue
        seen.add((path, index))
        try:
            choice = _load(path, index)
        except _Unusable:
            continue
        return FontChoice(choice.path, choice.subfont_index, choice.family, note)
    detail = f" ({tried[0]})" if tried else ""
    raise NoCjkFont(t("font.err.none", detail=detail, fix=_fix()))


def well_known_candidates() -> list[tuple[str, int]]:
    """TrueType CJK fonts in this platform's font folders, by path."""
    folders = [*_LINUX_FOLDERS]
    if sys.platform == "darwin":
        folders += _MAC_FOLDERS
    if sys.platform == "win32" or os.environ.get("WINDIR"):
        windir = os.environ.get("WINDIR", "C:/Windows")
        folders.append(os.path.join(windir, "Fonts"))
        local = os.environ.get("LOCALAPPDATA")
        if local:
            folders.append(os.path.join(local, "Microsoft", "Windows", "Fonts"))
    found = []
    for folder in folders:
        base = Path(folder).expanduser()
        found += [(str(base / name), 0) for name in WELL_KNOWN_NAMES if (base / name).is_file()]
    return found


def packaged_candidates() -> list[tuple[str, int]]:
    """The CJK font that ships inside crm (nothing if an installation lost it)."""
    return [(str(PACKAGED), 0)] if PACKAGED.is_file() else []


def missing_characters(font: FontChoice, text: str) -> str:
    """The characters of `text` the font cannot show (each once), e.g. a rare one in a name."""
    from reportlab.pdfbase.pdfmetrics import getFont

    glyphs = getFont(register(font)).face.charToGlyph
    return "".join(
        dict.fromkeys(
            c for c in text if not c.isspace() and c.isprintable() and ord(c) not in glyphs
        )
    )


def parse_font_setting(value: str) -> tuple[str, int]:
    """`/path/font.ttc` or `/path/font.ttc#1` (a face inside a collection) as (path, index)."""
    value = str(Path(value).expanduser())
    match = re.fullmatch(r"(.+)#(\d+)", value)
    if match and not Path(value).exists():
        return match.group(1), int(match.group(2))
    return value, 0


def fontconfig_candidates() -> list[tuple[str, int]]:
    """Chinese fonts fontconfig knows as (path, index): the system's own preference first.

    `fc-match -s` orders fonts the way the desktop would pick one for Chinese text; the rest
    of `fc-list :lang=zh` follows, upright proportional faces before mono or bold ones.
    """
    listed = _fc_lines("fc-list", ":lang=zh")
    chinese = {(path, index) for path, index, _ in listed}
    preferred = [
        (path, index)
        for path, index, _ in _fc_lines("fc-match", "-s", "sans-serif:lang=zh-cn")
        if (path, index) in chinese
    ]
    listed.sort(key=lambda row: row[2])  # stable: fontconfig's order within a rank
    rest = [(path, index) for path, index, _ in listed]
    return list(dict.fromkeys([*preferred, *rest]))


def _fc_lines(tool: str, *args: str) -> list[tuple[str, int, tuple[bool, bool]]]:
    """(path, index, rank) from a fontconfig tool; nothing when fontconfig is absent."""
    from bankcrm_cli.children import end_with_parent_before_exec

    exe = shutil.which(tool)
    if exe is None:
        return []
    fmt = "%{file}\t%{index}\t%{style[0]}\t%{spacing}\n"
    try:
        out = subprocess.run(
            [exe, "--format", fmt, *args],
            capture_output=True,
            text=True,
            timeout=20,
            check=False,
            preexec_fn=end_with_parent_before_exec(os.getpid()) if os.name == "posix" else None,
        ).stdout
    except (OSError, subprocess.SubprocessError):
        return []
    rows = []
    for line in out.splitlines():
        parts = line.split("\t")
        if len(parts) != 4 or not parts[1].isdigit():
            continue
        path, index, style, spacing = parts
        rank = (spacing.strip() not in ("", "0"), style.strip().lower() not in _REGULAR_STYLES)
        rows.append((path, int(index), rank))
    return rows


class _Unusable(Exception):
    """A candidate font that cannot be embedded (the message says why)."""


def _load(path: str, index: int) -> FontChoice:
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFError, TTFont

    if (path, index) in _LOADED:
        return _LOADED[(path, index)]
    if not Path(path).is_file():
        raise _Unusable("no such file")
    _check_outlines(path, index)
    name = _registered_name(path, index)
    try:
        font = TTFont(name, path, subfontIndex=index)
    except (TTFError, OSError, struct.error, ValueError, IndexError) as exc:
        raise _Unusable(str(exc).replace(f'"{path}"', "").strip() or type(exc).__name__) from exc
    face = font.face
    missing = [c for c in PROBE if ord(c) not in face.charToGlyph]
    if missing:
        raise _Unusable(f"has no Chinese characters ({''.join(missing[:5])} missing)")
    try:
        face.makeSubset([ord(c) for c in PROBE])
    except Exception as exc:  # a font that loads but does not subset fails here, not mid-batch
        raise _Unusable(f"cannot be subset for embedding: {exc}") from exc
    pdfmetrics.registerFont(font)
    _REGISTERED[(path, index)] = name
    family = face.familyName.decode("utf-8", "replace") if face.familyName else Path(path).stem
    _LOADED[(path, index)] = FontChoice(path, index, family)
    return _LOADED[(path, index)]


def _check_outlines(path: str, index: int) -> None:
    """Refuse CFF (PostScript-outline) faces from the header, before reading the whole file."""
    try:
        with open(path, "rb") as f:
            head = f.read(12)
            if head[:4] == b"ttcf":
                count = struct.unpack(">I", head[8:12])[0]
                if index >= count:
                    raise _Unusable(f"the collection has {count} faces, not #{index}")
                f.seek(12 + 4 * index)
                offset = struct.unpack(">I", f.read(4))[0]
                f.seek(offset)
                head = f.read(4)
    except OSError as exc:
        raise _Unusable(exc.strerror or str(exc)) from exc
    except struct.error as exc:
        raise _Unusable("not a font file") from exc
    if head[:4] == b"OTTO":
        raise _Unusable("CFF (PostScript) outlines, which cannot be embedded; use a TrueType font")
    if head[:4] not in (b"\x00\x01\x00\x00", b"true"):
        raise _Unusable("not a TrueType font")


_REGISTERED: dict[tuple[str, int], str] = {}
_LOADED: dict[tuple[str, int], FontChoice] = {}


def _registered_name(path: str, index: int) -> str:
    name = _REGISTERED.get((path, index))
    if name is None:
        stem = re.sub(r"[^A-Za-z0-9]+", "", Path(path).stem) or "font"
        name = f"CJK{len(_REGISTERED) + 1}-{stem}-{index}"
    return name


def register(font: FontChoice) -> str:
    """Register the face with ReportLab once per process; the name to draw text with."""
    key = (font.path, font.subfont_index)
    name = _REGISTERED.get(key)
    if name is None:
        try:
            _load(font.path, font.subfont_index)
        except _Unusable as exc:
            raise NoCjkFont(
                t("font.err.bad", path=font.path, index=font.subfont_index, why=exc, fix=_fix())
            ) from exc
        name = _REGISTERED[key]
    return name
