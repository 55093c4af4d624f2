"""Every example in README.md and docs/*.md runs on the sample bank.

How the docs mark examples (the one rule this test reads):

- In a fenced code block (any language: bash, console, text, …), a line starting with `crm `,
  optionally after `NAME=value` environment assignments, is an example and runs. Other lines
  in a block (output, other shell commands, the install commands) are left alone.
- A synopsis with placeholders (FILE, ID, DATE) is never written that way in a fenced block:
  it goes in running text or a table, as inline code. Every `crm` line in a block is concrete.
- `# exit N` at the end of a line says the example is meant to fail with exit code N; any
  other `# …` is a note for the reader. Without it, the example must exit 0.
- `> FILE` (or `>> FILE`) puts what the command printed into FILE in the working folder;
  `| COMMAND` feeds it to a shell command run there, which must exit 0. No other shell
  syntax (`&&`, `;`, `<`, `2>`, `$(…)`) is understood: such a line fails here; rewrite it.
- A fenced block whose info string has `title="NAME"` is a file the docs show being written:
  its text is saved as NAME in the working folder when the page reaches it.
- A fenced block whose info string has the word `postgresql` (```bash postgresql) holds
  examples of a team store: they run on the PostgreSQL pass only (as the store's owner).

Each page runs in document order on a fresh sample bank (`crm sample load` first) with the
clock at Friday 2026-12-04 09:30 in Shanghai (as tests/test_recordings.py), in a temp working
folder holding a copy of sample_data/, with CRM_USER=RM001 and an SMTP server on loopback.
A line that names its own store (`crm --db PATH …`, `CRM_DB=PATH crm …`) runs on that store
instead of the page's.
"""

from __future__ import annotations

import re
import shlex
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pytest
from conftest import PG_URL

ROOT = Path(__file__).resolve().parents[1]
PAGES = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
MOMENT = "2026-12-04 01:30:00+00:00"

# The README opens with these two commands, byte for byte (CI runs the second).
INSTALL_AND_RUN = (
    "python3 -m venv .venv && . .venv/bin/activate && pip install . "
    "&& crm sample load && crm followups today"
)
INSTALL_AND_TEST = (
    "python3 -m venv .venv && . .venv/bin/activate && pip install '.[test]' && python -m pytest"
)

FENCE = re.compile(r"^(`{3,})(.*)$")
TITLE = re.compile(r'title="([^"]+)"')
ENV_ASSIGNMENT = re.compile(r"^[A-Z_][A-Z0-9_]*=")
EXPECTED_EXIT = re.compile(r"\s#\s*exit\s+(\d+)\s*$")


@dataclass
class Example:
    line_no: int
    text: str
    postgres_only: bool = False


@dataclass
class File:
    line_no: int
    name: str
    text: str


def blocks(page: Path) -> list[tuple[int, str, list[str]]]:
    """Each fenced block of a page: (line of its fence, its info string, its lines)."""
    found = []
    fence = None
    for number, line in enumerate(page.read_text(encoding="utf-8").splitlines(), 1):
        match = FENCE.match(line)
        if fence is None:
            if match:
                fence, info, start, body = match.group(1), match.group(2).strip(), number, []
        elif match and match.group(1).startswith(fence) and not match.group(2).strip():
            found.append((start, info, body))
            fence = None
        else:
            body.append(line)
    assert fence is None, f"{page.name}: the code block at line {start} is never closed"
    return found


def steps(page: Path) -> list[Example | File]:
    """The examples and written files of a page, in document order."""
    found: list[Example | File] = []
    for start, info, body in blocks(page):
        title = TITLE.search(info)
        if title:
            found.append(File(start, title.group(1), "\n".join(body) + "\n"))
            continue
        for offset, line in enumerate(body, 1):
            words = line.split()
            while words and ENV_ASSIGNMENT.match(words[0]):
                words.pop(0)
            if words[:1] == ["crm"]:
                found.append(Example(start + offset, line.strip(), "postgresql" in info.split()))
    return found


@dataclass
class Command:
    env: dict[str, str]
    args: list[str]
    redirect: tuple[str, str] | None  # (">" or ">>", file name)
    pipe: str | None  # the shell command the output is fed to
    exit_code: int


def parse(text: str) -> Command:
    expected = EXPECTED_EXIT.search(text)
    lexer = shlex.shlex(text, posix=True, punctuation_chars=True)
    lexer.whitespace_split = True
    tokens = list(lexer)
    env = {}
    while tokens and ENV_ASSIGNMENT.match(tokens[0]):
        name, _, value = tokens.pop(0).partition("=")
        env[name] = value
    assert tokens[0] == "crm"
    args, redirect, pipe = [], None, None
    for index, token in enumerate(tokens[1:], 1):
        if token in (">", ">>"):
            assert len(tokens) == index + 2, f"a redirect must end the line: {text}"
            redirect = (token, tokens[index + 1])
            break
        if token == "|":
            # The rest of the line, as written, is for the shell.
            pipe = text.split("|", 1)[1]
            pipe = EXPECTED_EXIT.sub("", pipe).split(" #", 1)[0].strip()
            break
        assert not set(token) & set("();<>|&"), f"shell syntax the test does not run: {text}"
        assert "$(" not in token and "`" not in token, f"shell substitution: {text}"
        args.append(token)
    return Command(env, args, redirect, pipe, int(expected.group(1)) if expected else 0)


def test_the_readme_opens_with_the_install_and_test_commands() -> None:
    first_two = [body for _, _, body in blocks(ROOT / "README.md")[:2]]
    assert first_two == [[INSTALL_AND_RUN], [INSTALL_AND_TEST]]


def test_the_readme_stays_short() -> None:
    assert (ROOT / "README.md").stat().st_size < 10_000


def test_each_page_opens_with_a_paragraph_on_what_it_covers() -> None:
    for page in PAGES[1:]:
        lines = page.read_text(encoding="utf-8").splitlines()
        assert lines[0].startswith("# "), page.name
        assert lines[1] == "" and lines[2] and not lines[2].startswith(("#", "`", "|", "-")), (
            f"{page.name}: a paragraph saying what the page covers comes first"
        )


LINK = re.compile(r"\]\(([^)#\s]+)(#[^)]*)?\)")


def anchors(page: Path) -> set[str]:
    """The #fragments GitHub gives a page's headings."""
    found = set()
    for line in page.read_text(encoding="utf-8").splitlines():
        if line.startswith("#"):
            title = line.lstrip("#").strip().lower()
            found.add(re.sub(r"[^\w\- ]", "", title).replace(" ", "-"))
    return found


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.name)
def test_links_between_pages_and_to_the_tree_resolve(page: Path) -> None:
    text = page.read_text(encoding="utf-8")
    broken = []
    for target, fragment in LINK.findall(text):
        if "://" in target or target.startswith("mailto:"):
            continue
        path = page.parent / target
        if not path.exists() or (
            fragment and path.suffix == ".md" and fragment[1:] not in anchors(path)
        ):
            broken.append(target + fragment)
    assert broken == [], f"{page.name} links to files or headings that do not exist"


@pytest.fixture
def frozen_clock():
    import time_machine

    with time_machine.travel(MOMENT, tick=False):
        yield


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.name)
def test_every_example_runs_on_the_sample_bank(
    page: Path, crm, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, smtp_server, frozen_clock
) -> None:
    from bankcrm_cli.cli.main import app

    examples = steps(page)
    if not any(isinstance(step, Example) for step in examples):
        pytest.skip(f"{page.name} has no examples")
    work = tmp_path / "work"
    work.mkdir()
    shutil.copytree(ROOT / "sample_data", work / "sample_data")
    monkeypatch.chdir(work)
    monkeypatch.setenv("CRM_USER", "RM001")
    monkeypatch.setenv("CRM_TIMEZONE", "Asia/Shanghai")
    loaded = crm("sample", "load")
    assert loaded.exit_code == 0, loaded.output

    failed = []
    for step in examples:
        if isinstance(step, File):
            (work / step.name).parent.mkdir(parents=True, exist_ok=True)
            (work / step.name).write_text(step.text, encoding="utf-8")
            continue
        if step.postgres_only and PG_URL is None:
            continue
        command = parse(step.text)
        own_store = "CRM_DB" in command.env or any(
            a == "--db" or a.startswith("--db=") for a in command.args[:2]
        )
        args = command.args if own_store else ["--db", str(crm.db), *command.args]
        result = crm.runner.invoke(app, args, env=command.env)
        where = f"{page.name}:{step.line_no}: {step.text}"
        if result.exception is not None and not isinstance(result.exception, SystemExit):
            failed.append(f"{where}\n  raised {result.exception!r}")
            continue
        if result.exit_code != command.exit_code:
            failed.append(
                f"{where}\n  exit {result.exit_code}, expected {command.exit_code}\n"
                f"  stderr: {result.stderr.strip()[-500:]}"
            )
            continue
        if command.redirect:
            mode, name = command.redirect
            with open(work / name, "ab" if mode == ">>" else "wb") as out:
                out.write(result.stdout_bytes)
        if command.pipe:
            tail = subprocess.run(
                command.pipe, shell=True, input=result.stdout_bytes, cwd=work, capture_output=True
            )
            if tail.returncode != 0:
                failed.append(f"{where}\n  `{command.pipe}` exited {tail.returncode}")
    assert failed == [], "examples that no longer run:\n" + "\n".join(failed)


def test_the_tests_reliability_names_exist() -> None:
    named = set(re.findall(r"\btest_[a-z0-9_]+", (ROOT / "docs" / "RELIABILITY.md").read_text()))
    defined = set()
    for path in (ROOT / "tests").rglob("test_*.py"):
        defined |= set(re.findall(r"^def (test_[a-z0-9_]+)\(", path.read_text(), re.MULTILINE))
    named -= {path.stem for path in (ROOT / "tests").rglob("test_*.py")}
    assert sorted(named - defined) == [], "docs/RELIABILITY.md names tests that do not exist"
