"""A user template cannot outrun its limits: not by arithmetic folded while compiling, not by
a YAML alias bomb in its front matter, in `crm mailmerge` and `crm templates` alike."""

from __future__ import annotations

import time
from email import message_from_bytes, policy
from pathlib import Path

import pytest
from conftest import write
from test_mailmerge_cli import bank, write_template  # noqa: F401 - the fixture is used

BOMBS = [
    "{{ (7 ** 20000000) % 10 }}",
    "{{ 'x' * 2000000000 }}",
    "{{ ['x'] * 2000000000 }}",
    "{{ ('%0999999999d' % 1)|length }}",
    "{% set n = 10 ** 60000 %}{{ (n * n * n) % 7 }}",
]

ALIAS_BOMB = (
    "---\n"
    "purpose: marketing\n"
    "subject: 测试\n"
    'a: &a ["x","x","x","x","x","x","x","x","x"]\n'
    "b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\n"
    "c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\n"
    "d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]\n"
    "e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]\n"
    "f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]\n"
    "g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]\n"
    "h: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]\n"
    "i: [*h,*h,*h,*h,*h,*h,*h,*h,*h]\n"
    "---\n"
    "{{ customer.name }}\n"
)


def _one_line_refusal(result, started: float, *words: str) -> None:
    assert result.exit_code == 2, result.output
    assert len(result.stderr.strip().splitlines()) == 1, result.stderr
    assert "Traceback" not in result.output
    for word in words:
        assert word in result.stderr
    assert time.monotonic() - started < 5, "the limit did not hold"


@pytest.mark.parametrize("body", BOMBS)
def test_arithmetic_bombs_are_refused_at_once_by_mailmerge(crm, bank, tmp_path, body):  # noqa: F811
    mine = tmp_path / "mine"
    write_template(mine, "emails", "bomb", body + "\n")
    out = tmp_path / "out"
    started = time.monotonic()
    result = crm(
        "mailmerge", "bomb", "--customers", "C001", "--templates", str(mine), "--out", str(out)
    )
    _one_line_refusal(result, started, "过大")
    assert not out.exists() or not any(out.iterdir())


@pytest.mark.parametrize("body", BOMBS[:2])
def test_arithmetic_bombs_are_refused_at_once_by_templates_check(crm, tmp_path, body):
    mine = tmp_path / "mine"
    write_template(mine, "letters", "bomb", body + "\n")
    started = time.monotonic()
    result = crm("templates", "check", "bomb", "--templates", str(mine))
    _one_line_refusal(result, started, "过大")


def test_a_bomb_in_the_subject_is_refused_too(crm, bank, tmp_path):  # noqa: F811
    mine = tmp_path / "mine" / "emails"
    mine.mkdir(parents=True)
    write(
        mine / "subj.txt.j2",
        '---\npurpose: marketing\nsubject: "{{ 9 ** 99999999 }}"\n---\nhi\n',
    )
    started = time.monotonic()
    result = crm("mailmerge", "subj", "--customers", "C001", "--templates", str(mine.parent))
    _one_line_refusal(result, started, "过大")


def test_ordinary_arithmetic_still_renders(crm, bank, tmp_path):  # noqa: F811
    mine = tmp_path / "mine"
    write_template(
        mine, "emails", "sums", "{{ 2 ** 10 }} {{ '=' * 3 }} {{ '%05d' % 42 }} {{ 1.5 ** 2 }}\n"
    )
    out = tmp_path / "out"
    result = crm(
        "mailmerge", "sums", "--customers", "C001", "--templates", str(mine), "--out", str(out)
    )
    assert result.exit_code == 0, result.output
    message = message_from_bytes((out / "C001.eml").read_bytes(), policy=policy.default)
    assert "1024 === 00042 2.25" in message.get_body(("plain",)).get_content()


def _write_raw(root: Path, folder: str, name: str, text: str) -> None:
    (root / folder).mkdir(parents=True, exist_ok=True)
    write(root / folder / f"{name}.txt.j2", text)


@pytest.mark.parametrize(
    "command",
    [
        ("templates", "list"),
        ("templates", "show", "bomb", "--channel", "email"),
        ("templates", "check", "bomb"),
        ("mailmerge", "bomb", "--customers", "C001"),
    ],
)
def test_a_yaml_alias_bomb_in_front_matter_is_refused(crm, bank, tmp_path, command):  # noqa: F811
    mine = tmp_path / "mine"
    _write_raw(mine, "emails", "bomb", ALIAS_BOMB)
    started = time.monotonic()
    result = crm(*command, "--templates", str(mine))
    _one_line_refusal(result, started, "别名", "bomb.txt.j2")


def test_a_single_anchor_is_refused_as_well(crm, tmp_path):
    mine = tmp_path / "mine"
    _write_raw(mine, "letters", "anchor", "---\npurpose: &p service\nx: *p\n---\nhi\n")
    result = crm("templates", "list", "--templates", str(mine))
    _one_line_refusal(result, time.monotonic(), "别名")


def test_front_matter_of_runaway_size_is_refused_unread(crm, tmp_path):
    mine = tmp_path / "mine"
    filler = "".join(f"k{i}: {'v' * 60}\n" for i in range(2000))
    _write_raw(mine, "letters", "long", f"---\npurpose: service\n{filler}---\nhi\n")
    result = crm("templates", "list", "--templates", str(mine))
    _one_line_refusal(result, time.monotonic(), "front matter 超过")
