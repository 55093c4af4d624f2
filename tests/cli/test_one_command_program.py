"""`crm` builds only the command it runs (cli/main.py, `make_app(only=…)`): each command and
group built alone is the very command of the whole program, and anything that is not a
command's name (help, --version, a typo, an unknown option) is read by the whole program."""

from __future__ import annotations

import subprocess
import sys

import pytest
import typer
import typer.main

from bankcrm_cli.cli.main import COMMANDS, app, command_named, make_app

NAMES = [name for name, _module, _attribute in COMMANDS]


def _described(command) -> dict:
    """What a command is made of: its class, texts, parameters and subcommands."""
    fields = ("name", "opts", "secondary_opts", "required", "default", "multiple", "nargs",
              "is_flag", "help", "metavar", "hidden", "envvar", "is_eager")  # fmt: skip
    return {
        "class": type(command).__name__,
        "texts": (command.help, command.epilog, command.short_help, command.hidden),
        "params": [
            (
                type(p).__name__,
                repr(getattr(p, "type", None)),
                [getattr(p, f, None) for f in fields],
            )
            for p in command.params
        ],
        "commands": {
            name: _described(sub) for name, sub in getattr(command, "commands", {}).items()
        },
    }


def test_every_command_of_the_program_is_listed():
    whole = typer.main.get_command(app)
    assert sorted(whole.commands) == sorted(NAMES)


@pytest.mark.parametrize("name", NAMES)
def test_a_command_built_alone_is_the_programs_own(name: str):
    alone = typer.main.get_command(make_app(only=name))
    whole = typer.main.get_command(app)
    assert list(alone.commands) == [name]
    assert _described(alone.commands[name]) == _described(whole.commands[name])
    assert _described(alone.commands[name])["texts"][0]


@pytest.mark.parametrize(
    ("args", "named"),
    [
        (["followups", "today"], "followups"),
        (["--db", "x.sqlite3", "customers", "show", "1"], "customers"),
        (["--db=x.sqlite3", "log-call", "1"], "log-call"),
        (["--db", "followups"], None),
        ([], None),
        (["-h"], None),
        (["--version"], None),
        (["--bogus", "followups"], None),
        (["folowups", "today"], None),
    ],
)
def test_the_command_named_is_found_after_the_roots_db(args, named):
    assert command_named(args) == named


def test_a_typo_in_a_command_is_answered_by_the_whole_program(tmp_path):
    run = subprocess.run(
        [sys.executable, "-m", "bankcrm_cli", "folowups", "today"],
        capture_output=True,
        text=True,
    )
    assert run.returncode == 2
    assert "followups" in run.stderr and len(run.stderr.strip().splitlines()) == 1
