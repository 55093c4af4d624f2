"""The layers of docs/architecture.md hold: import-linter checks the contracts in pyproject.toml."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

TOP = Path(__file__).resolve().parent.parent


def lint_imports(top: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(top)}
    return subprocess.run(
        [sys.executable, "-c", "from importlinter.cli import lint_imports_command as c; c()"],
        cwd=top,
        env=env,
        capture_output=True,
        text=True,
    )


def test_every_layer_contract_is_kept() -> None:
    result = lint_imports(TOP)
    assert result.returncode == 0, result.stdout + result.stderr
    assert " 0 broken" in result.stdout, result.stdout


def test_an_upward_import_breaks_a_contract(tmp_path: Path) -> None:
    shutil.copytree(
        TOP / "bankcrm_cli", tmp_path / "bankcrm_cli", ignore=shutil.ignore_patterns("__pycache__")
    )
    shutil.copy(TOP / "pyproject.toml", tmp_path / "pyproject.toml")
    with (tmp_path / "bankcrm_cli" / "domain" / "masking.py").open("a", encoding="utf-8") as f:
        f.write("\nimport bankcrm_cli.store.engine  # noqa: E402,F401\n")
    result = lint_imports(tmp_path)
    assert result.returncode != 0
    assert "domain imports nothing of ours BROKEN" in result.stdout


def test_every_package_is_listed_for_installing() -> None:
    import tomllib

    listed = set(
        tomllib.loads((TOP / "pyproject.toml").read_text())["tool"]["setuptools"]["packages"]
    )
    found = {
        ".".join(p.parent.relative_to(TOP).parts)
        for p in (TOP / "bankcrm_cli").rglob("__init__.py")
        if "__pycache__" not in p.parts
    }
    assert found - listed == set(), "add these to [tool.setuptools] packages in pyproject.toml"


def test_no_module_imports_itself_in_a_circle() -> None:
    """Import cycles, type-checking imports included, make modules that cannot be read or
    moved one at a time (docs/architecture.md)."""
    import grimp

    graph = grimp.build_graph("bankcrm_cli")
    cycles = []
    for module in sorted(graph.modules):
        for imported in graph.find_modules_directly_imported_by(module):
            if module < imported and graph.chain_exists(imported=module, importer=imported):
                cycles.append((module, imported))
    assert cycles == []
