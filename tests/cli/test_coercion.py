"""Text, choice and flag parameters read without pydantic give what Typer's own adapters give
(cli/coercion.py): the same value, or a refusal of the same value."""

from __future__ import annotations

import subprocess
import sys

import pytest
import typer.main
from typer._click.exceptions import BadParameter
from typer._coercion import build_runtime_param

from bankcrm_cli.cli.coercion import PlainParam, _plain
from bankcrm_cli.cli.main import app

# Values a user may type: plain, blank, padded, other cases, every choice of crm's enums in
# upper case, flags' words, non-ASCII, an option-like text.
TYPED = [
    "",
    " ",
    "RM001",
    "rm001",
    "海淀支行",
    "--x",
    "table",
    "TABLE",
    " json",
    "csv",
    "xlsx",
    "ics",
    "birthday",
    "Birthday",
    "maturity",
    "complaint",
    "campaign",
    "email",
    "phone",
    "sms",
    "true",
    "False",
    "yes",
    "NO",
    "on",
    "0",
    "1",
    "2",
    " t ",
    "maybe",
]


def _walk(command, ctx, path=()):
    for param in command.get_params(ctx):
        yield path, command, param
    for name, sub in getattr(command, "commands", {}).items():
        yield from _walk(sub, typer.Context(sub, parent=ctx, info_name=name), (*path, name))


def _params():
    root = typer.main.get_command(app)
    found = []
    for path, command, param in _walk(root, typer.Context(root, info_name="crm")):
        descriptor = getattr(param, "type_descriptor", None)
        if descriptor is not None and _plain(descriptor) is not None:
            found.append(pytest.param(command, param, id=" ".join((*path, param.name))))
    return found


PARAMS = _params()


def _outcome(runtime, value, param, ctx):
    try:
        return ("value", runtime.coerce(value, param=param, ctx=ctx))
    except BadParameter:
        return ("refused", None)


def test_the_commands_have_text_choice_and_flag_parameters():
    assert len(PARAMS) > 150


@pytest.mark.parametrize(("command", "param"), PARAMS)
def test_a_parameter_reads_every_typed_value_as_typers_adapter_does(command, param):
    ctx = typer.Context(command, info_name=command.name)
    ours = _plain(param.type_descriptor)
    theirs = build_runtime_param(param.type_descriptor)
    assert isinstance(ours, PlainParam)
    many = param.multiple or param.nargs == -1
    values = [[v] for v in TYPED] + [TYPED[:3], TYPED[8:14]] if many else TYPED
    for value in [*values, None]:
        assert _outcome(ours, value, param, ctx) == _outcome(theirs, value, param, ctx), value


def test_everyday_reads_parse_their_options_without_pydantic(tmp_path):
    """`crm followups today` and `crm customers show` on the sample bank parse their options
    without loading pydantic (Typer's adapters)."""
    code = (
        "import sys\n"
        "from bankcrm_cli.cli.main import app\n"
        "try:\n"
        "    app(sys.argv[1:])\n"
        "except SystemExit:\n"
        "    pass\n"
        "print('pydantic' in sys.modules, 'typer._adapters' in sys.modules)\n"
    )
    db = str(tmp_path / "crm.sqlite3")
    subprocess.run(
        [sys.executable, "-m", "bankcrm_cli", "--db", db, "sample", "load"],
        check=True,
        capture_output=True,
    )
    for args in (
        ["--db", db, "followups", "today", "--date", "2026-12-04", "--kind", "birthday"],
        ["--db", db, "followups", "today", "-f", "json", "--rm", "RM001"],
        ["--db", db, "customers", "show", "0000000001"],
    ):
        run = subprocess.run(
            [sys.executable, "-c", code, *args], capture_output=True, text=True, check=True
        )
        assert run.stdout.splitlines()[-1] == "False False", args
