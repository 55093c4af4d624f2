"""Click's help layout for Chinese text: Click's own words in Chinese (用法, 选项), and lines
wrapped by the columns a terminal gives them, two for a Chinese character.

Click wraps at spaces and counts characters: a Chinese sentence has no spaces to break at,
and its characters are twice as wide as Latin ones, so its lines would run over the terminal.
"""

from __future__ import annotations

import re
from unicodedata import east_asian_width

try:  # the copy of Click that Typer carries since 0.29, else Click itself
    from typer._click.formatting import HelpFormatter
except ImportError:  # pragma: no cover - older Typer
    from click.formatting import HelpFormatter

# The words Click and Typer put around a command's own texts.
CLICK_WORDS = {
    "Usage:": "用法：",
    "Arguments": "参数",
    "Options": "选项",
    "Commands": "命令",
    "Show this message and exit.": "显示本帮助并退出。",
    "default": "默认",
    "required": "必填",
    "env var": "环境变量",
}

_WIDE = r"\u2e80-\u9fff\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef"
# A chunk the wrapper keeps whole: one Chinese character, or a run of other non-spaces; with the
# punctuation that may not start a line after it, and an opening bracket before it.
_CHUNK = re.compile(rf"\s+|[（《「“]*(?:[{_WIDE}]|[^\s{_WIDE}]+)[，。；：、）》」”！？…]*")
_WIDE_CHAR = re.compile(rf"[{_WIDE}]")


def display_width(text: str) -> int:
    """The columns `text` takes on a terminal."""
    return sum(2 if east_asian_width(c) in "WF" else 1 for c in text)


def fill(text: str, width: int, initial_indent: str = "", subsequent_indent: str = "") -> str:
    """One paragraph in lines of at most `width` columns (a longer word stays whole)."""
    lines: list[str] = []
    line, used, space = initial_indent, display_width(initial_indent), False
    empty = True
    for chunk in _CHUNK.findall(text):
        if chunk.isspace():
            space = not empty
            continue
        piece = f" {chunk}" if space else chunk
        if not empty and used + display_width(piece) > width:
            lines.append(line)
            line = subsequent_indent + chunk
        else:
            line += piece
        used, space, empty = display_width(line), False, False
    lines.append(line)
    return "\n".join(lines) if not empty else ""


def _joined(lines: list[str]) -> str:
    """The lines of a paragraph as one: a space between them, none between Chinese."""
    text = lines[0].strip()
    for line in lines[1:]:
        line = line.strip()
        both_wide = text and line and _WIDE_CHAR.match(text[-1]) and _WIDE_CHAR.match(line[0])
        text += line if both_wide else f" {line}"
    return text


def wrap(text: str, width: int, initial_indent: str = "", subsequent_indent: str = "") -> str:
    """Click's wrap_text with its paragraphs (a blank line between them; one that starts with
    a line holding only \\b is kept as written), by terminal columns."""
    blocks: list[list[str]] = [[]]
    for line in text.expandtabs().splitlines():
        if line:
            blocks[-1].append(line)
        elif blocks[-1]:
            blocks.append([])
    out = []
    for block in filter(None, blocks):
        extra = " " * (len(block[0]) - len(block[0].lstrip()))
        first, rest = initial_indent + extra, subsequent_indent + extra
        if block[0].strip() == "\b":
            out.append("\n".join((first if i == 0 else rest) + b for i, b in enumerate(block[1:])))
        else:
            out.append(fill(_joined(block), width, first, rest))
    return "\n\n".join(out)


class ChineseHelpFormatter(HelpFormatter):
    """Click's HelpFormatter with Chinese headings and wrapping by terminal columns."""

    in_chinese = True  # what cli/help looks for, without loading this module to ask

    def write_usage(self, prog: str, args: str = "", prefix: str | None = None) -> None:
        prefix = CLICK_WORDS["Usage:"] if prefix is None else prefix
        usage_prefix = f"{prefix:>{self.current_indent}}{prog} "
        text_width = self.width - self.current_indent
        indent = " " * display_width(usage_prefix)
        self.write(fill(args, text_width, usage_prefix, indent))
        self.write("\n")

    def write_heading(self, heading: str) -> None:
        self.write(f"{'':>{self.current_indent}}{heading}：\n")

    def write_text(self, text: str) -> None:
        indent = " " * self.current_indent
        self.write(wrap(text, self.width, indent, indent))
        self.write("\n")

    def write_dl(self, rows, col_max: int = 30, col_spacing: int = 2) -> None:
        rows = list(rows)
        first_col = min(max(display_width(first) for first, _ in rows), col_max) + col_spacing
        hanging = " " * (first_col + self.current_indent)
        for first, second in rows:
            self.write(f"{'':>{self.current_indent}}{first}")
            if not second:
                self.write("\n")
                continue
            if display_width(first) <= first_col - col_spacing:
                self.write(" " * (first_col - display_width(first)))
            else:
                self.write(f"\n{hanging}")
            lines = wrap(second, max(self.width - first_col - 2, 10)).splitlines()
            self.write(f"{lines[0]}\n" if lines else "\n")
            for line in lines[1:]:
                self.write(f"{hanging}{line}\n" if line else "\n")
