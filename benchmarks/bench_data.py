"""What several benchmarks share: a generated bank kept between runs, and one timed command.

from bench_data import generate, timed
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent


def generate(data: Path, customers: int, holdings: int) -> tuple[Path, Path]:
    """customers.csv and holdings.csv of a generated bank (seed 1, 50 RMs), made once in
    `data/c{customers}-h{holdings}/` and reused afterwards."""
    folder = data / f"c{customers}-h{holdings}"
    c, h = folder / "customers.csv", folder / "holdings.csv"
    if not (c.exists() and h.exists()):
        folder.mkdir(parents=True, exist_ok=True)
        subprocess.run(
            [sys.executable, str(HERE / "generate.py"), "--customers", str(customers),
             "--holdings", str(holdings), "--rms", "50", "--out", str(folder), "--seed", "1"],
            check=True,
        )  # fmt: skip
    return c, h


def timed(cmd: list[str], env: dict[str, str]) -> tuple[float, int, str]:
    """Wall seconds, peak RSS in MiB, and stdout of one command."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)
    _pid, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    stdout = proc.stdout.read().decode()
    stderr = proc.stderr.read().decode()
    proc.stdout.close()
    proc.stderr.close()
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"{' '.join(cmd)} failed:\n{stderr}")
    return wall, usage.ru_maxrss // 1024, stdout
