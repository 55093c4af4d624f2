"""The command itself: version, help everywhere, store selection, settings."""

from __future__ import annotations

import json
import stat
from pathlib import Path

import pytest
from typer.main import get_command
from typer.testing import CliRunner

from bankcrm_cli import __version__
from bankcrm_cli.cli.main import app

runner = CliRunner()


def all_commands():
    root = get_command(app)

    def walk(command, path: list[str]):
        if hasattr(command, "commands"):
            for name, sub in command.commands.items():
                yield from walk(sub, [*path, name])
        else:
            yield path

    return list(walk(root, []))


def test_version_prints_the_package_version():
    result = runner.invoke(app, ["--version"])
    assert result.exit_code == 0
    assert result.stdout.strip() == f"crm {__version__}"


def test_help_lists_the_command_groups_and_exit_codes(monkeypatch):
    result = runner.invoke(app, ["--help"])
    assert result.exit_code == 0
    for group in ("import", "customers", "rms", "db", "config", "sample"):
        assert group in result.stdout
    assert "退出码" in result.stdout
    monkeypatch.setenv("CRM_UI_LANGUAGE", "en")
    assert "Exit codes" in runner.invoke(app, ["--help"]).stdout


@pytest.mark.parametrize("path", all_commands(), ids=lambda p: " ".join(p))
def test_every_command_has_help_with_an_example(path):
    result = runner.invoke(app, [*path, "--help"])
    assert result.exit_code == 0
    assert "示例" in result.stdout, f"crm {' '.join(path)} --help has no example"


@pytest.mark.sqlite_only("the default store is a SQLite file in the user data folder")
def test_default_store_is_created_in_the_user_data_folder(isolated_env: Path):
    result = runner.invoke(app, ["db", "upgrade"])
    assert result.exit_code == 0, result.output
    store = isolated_env / "data" / "bankcrm" / "crm.sqlite3"
    assert store.exists()
    assert stat.S_IMODE(store.stat().st_mode) == 0o600
    # Every folder made for it is private, not only the last.
    assert stat.S_IMODE((isolated_env / "data").stat().st_mode) == 0o700
    assert stat.S_IMODE(store.parent.stat().st_mode) == 0o700
    listed = runner.invoke(app, ["customers", "list", "--format", "json"])
    assert listed.exit_code == 0, listed.output
    assert json.loads(listed.stdout) == []


def test_crm_db_environment_variable_chooses_the_store(tmp_path: Path, monkeypatch):
    target = tmp_path / "env-store.sqlite3"
    monkeypatch.setenv("CRM_DB", str(target))
    assert runner.invoke(app, ["db", "upgrade"]).exit_code == 0
    result = runner.invoke(app, ["db", "status"])
    assert result.exit_code == 0, result.output
    assert str(target) in result.stdout
    assert target.exists()


def test_db_option_wins_over_environment(tmp_path: Path, monkeypatch):
    monkeypatch.setenv("CRM_DB", str(tmp_path / "env.sqlite3"))
    result = runner.invoke(app, ["--db", str(tmp_path / "opt.sqlite3"), "db", "upgrade"])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "opt.sqlite3").exists()
    assert not (tmp_path / "env.sqlite3").exists()


@pytest.mark.empty_store
def test_db_status_and_upgrade_on_a_new_store(crm):
    status = crm("db", "status")
    assert status.exit_code == 2
    assert "还没有数据库" in status.stderr and "crm db upgrade" in status.stderr
    upgrade = crm("db", "upgrade")
    assert upgrade.exit_code == 0
    assert "结构已从 空 升级到" in upgrade.stdout
    assert "已是最新" in crm("db", "status").stdout
    assert "结构已是" in crm("db", "upgrade").stdout


def test_config_show_reports_settings_file_and_environment(isolated_env: Path, monkeypatch):
    (isolated_env / "crm.toml").write_text('[bank]\nname = "测试银行"\n', encoding="utf-8")
    monkeypatch.setenv("CRM_TIMEZONE", "Asia/Hong_Kong")
    result = runner.invoke(app, ["config", "show", "--format", "json"])
    assert result.exit_code == 0, result.output
    shown = json.loads(result.stdout)
    assert shown["bank.name"] == {"value": "测试银行", "source": str(isolated_env / "crm.toml")}
    assert shown["timezone"] == {"value": "Asia/Hong_Kong", "source": "$CRM_TIMEZONE"}


def test_unknown_key_in_settings_file_is_a_usage_error(isolated_env: Path):
    (isolated_env / "crm.toml").write_text('colour = "blue"\n', encoding="utf-8")
    result = runner.invoke(app, ["config", "show"])
    assert result.exit_code == 2
    assert "有未知的键：colour" in result.stderr
    assert "Traceback" not in result.output


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--bogus"], "没有选项 --bogus（用法见 `crm -h`）"),
        (["customers", "lis"], "没有命令 lis；是否要用 list？（用法见 `crm customers -h`）"),
        (["followups", "upcoming", "--days", "x"], "--days 须为整数，而不是 'x'"),
        (["complaints", "show"], "缺少参数 ID（用法见 `crm complaints show -h`）"),
        (["customers", "show", "\x00"], "参数中含有 NUL 字符"),
    ],
)
def test_a_mistyped_command_line_is_one_line_and_exit_2(args, message):
    result = runner.invoke(app, args)
    assert result.exit_code == 2
    assert result.stderr.startswith("crm: error: ") and message in result.stderr
    assert result.stderr.count("\n") == 1 and result.stdout == ""


def test_a_group_without_a_command_still_shows_its_help():
    result = runner.invoke(app, ["customers"])
    assert "命令：" in result.output and "crm: error" not in result.output


def test_bad_database_url_is_one_line_and_exit_2():
    result = runner.invoke(app, ["--db", "nosuchdb://x", "customers", "list"])
    assert result.exit_code == 2
    assert result.stderr.count("\n") == 1
    assert result.stderr.startswith("crm: error:")


@pytest.mark.empty_store
def test_store_with_an_older_schema_is_refused_with_exit_1(crm):
    from bankcrm_cli.store import migrate
    from bankcrm_cli.store.engine import make_engine, resolve_url

    engine = make_engine(resolve_url(str(crm.db)))
    migrate.upgrade(engine, "0001")
    engine.dispose()
    result = crm("customers", "list")
    assert result.exit_code == 1
    assert "crm db upgrade" in result.stderr
    assert crm("db", "upgrade").exit_code == 0
    assert crm("customers", "list").exit_code == 0


def test_help_loads_no_database_or_rendering_library():
    """`crm --help` stays fast: SQLAlchemy, SQLModel, Rich and Jinja load only when a command
    needs them (docs/architecture.md)."""
    import subprocess
    import sys

    probe = (
        "import sys\n"
        "from bankcrm_cli.cli.main import run\n"
        "sys.argv = ['crm', '--help']\n"
        "try:\n"
        "    run()\n"
        "except SystemExit:\n"
        "    pass\n"
        "heavy = ('sqlalchemy', 'sqlmodel', 'rich', 'jinja2', 'reportlab', 'holidays', 'textual',\n"
        "         'openpyxl')\n"
        "print(sorted(m for m in heavy if m in sys.modules))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip().splitlines()[-1] == "[]", result.stdout
