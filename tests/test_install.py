"""`pip install .` (not editable) into a fresh venv gives a working `crm` with its sample data."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]

pytestmark = pytest.mark.install


def run(cmd: list[str], **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run(cmd, capture_output=True, text=True, timeout=900, **kwargs)


def test_pip_install_gives_a_working_crm_with_sample_data(tmp_path: Path):
    venv = tmp_path / "venv"
    base_python = getattr(sys, "_base_executable", sys.executable)
    assert run([base_python, "-m", "venv", str(venv)]).returncode == 0
    pip = run([str(venv / "bin" / "pip"), "install", "--quiet", str(ROOT)])
    assert pip.returncode == 0, pip.stderr[-2000:]
    crm = str(venv / "bin" / "crm")
    env = {
        "PATH": "/usr/bin:/bin",
        "HOME": str(tmp_path),
        "CRM_CONFIG": str(tmp_path / "none.toml"),
    }
    run_dir = tmp_path / "elsewhere"
    run_dir.mkdir()
    version = run([crm, "--version"], env=env, cwd=run_dir)
    assert version.returncode == 0 and version.stdout.startswith("crm ")
    db = str(tmp_path / "crm.sqlite3")
    load = run([crm, "--db", db, "sample", "load"], env=env, cwd=run_dir)
    assert load.returncode == 0, load.stderr
    listed = run([crm, "--db", db, "customers", "list", "--format", "json"], env=env, cwd=run_dir)
    assert listed.returncode == 0, listed.stderr
    assert len(json.loads(listed.stdout)) >= 100
    installed = run(
        [
            str(venv / "bin" / "python"),
            "-c",
            "import bankcrm_cli.resources as r; print(r.sample_data_dir())",
        ],
        env=env,
        cwd=run_dir,
    )
    assert str(venv) in installed.stdout, "sample data must come from the installed package"
    assert os.access(crm, os.X_OK)
