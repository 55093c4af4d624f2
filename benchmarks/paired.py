"""Paired timing: the one way every benchmark compares a command with its yardstick.

The machine is shared and noisy, so two sides are never timed at different moments: each pair
runs A then B (the next pair B then A, so neither always goes first), the ratio is taken pair
by pair, and the result is the median of those ratios with its spread (lowest, highest).

    from paired import Side, compare, report
    result = compare(Side("crm", run_crm), Side("floor", run_floor), pairs=5)
    print(report("followups today / customers show", result, target=1.2))

A side is a name and a callable that does the work once and returns its wall seconds (or
None, in which case the call is timed here). `prepare`, if given, runs before each call
outside the timing (e.g. deleting a store an import must start without).
"""

from __future__ import annotations

import os
import statistics
import subprocess
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Side:
    name: str
    run: Callable[[], float | None]
    prepare: Callable[[], None] | None = None

    def once(self) -> tuple[float, float]:
        """Wall seconds and CPU seconds (of this process's children) of one run."""
        if self.prepare is not None:
            self.prepare()
        before = os.times()
        start = time.perf_counter()
        measured = self.run()
        wall = time.perf_counter() - start if measured is None else measured
        after = os.times()
        cpu = (after.children_user - before.children_user) + (
            after.children_system - before.children_system
        )
        return wall, cpu


@dataclass
class Paired:
    a: str
    b: str
    a_wall: list[float] = field(default_factory=list)
    b_wall: list[float] = field(default_factory=list)
    a_cpu: list[float] = field(default_factory=list)
    b_cpu: list[float] = field(default_factory=list)

    @property
    def ratios(self) -> list[float]:
        return [x / y for x, y in zip(self.a_wall, self.b_wall, strict=True)]

    @property
    def cpu_ratios(self) -> list[float]:
        return [x / y for x, y in zip(self.a_cpu, self.b_cpu, strict=True) if y > 0]

    def summary(self) -> dict[str, object]:
        ratios, cpu = self.ratios, self.cpu_ratios
        return {
            "a": self.a,
            "b": self.b,
            "pairs": len(ratios),
            "a_median_s": round(statistics.median(self.a_wall), 4),
            "b_median_s": round(statistics.median(self.b_wall), 4),
            "ratio": round(statistics.median(ratios), 4),
            "spread": [round(min(ratios), 4), round(max(ratios), 4)],
            "ratios": [round(r, 4) for r in ratios],
            "cpu_ratio": round(statistics.median(cpu), 4) if cpu else None,
            "cpu_spread": [round(min(cpu), 4), round(max(cpu), 4)] if cpu else None,
        }


def compare(a: Side, b: Side, pairs: int = 5, warmup: bool = True) -> Paired:
    """Runs A and B in turn `pairs` times (after one untimed run of each when `warmup`)."""
    if pairs < 5:
        raise SystemExit("take at least 5 pairs: a median of fewer moves with the machine")
    if warmup:
        a.once()
        b.once()
    result = Paired(a.name, b.name)
    for i in range(pairs):
        order = (a, b) if i % 2 == 0 else (b, a)
        for side in order:
            wall, cpu = side.once()
            if side is a:
                result.a_wall.append(wall)
                result.a_cpu.append(cpu)
            else:
                result.b_wall.append(wall)
                result.b_cpu.append(cpu)
    return result


def command(cmd: Sequence[str], env: dict[str, str] | None = None) -> Callable[[], None]:
    """A side's `run` that executes a command, output discarded, failing loudly."""

    def run() -> None:
        done = subprocess.run(list(cmd), env=env, capture_output=True)
        if done.returncode != 0:
            tail = done.stderr.decode(errors="replace").strip().splitlines()[-1:]
            raise SystemExit(f"{' '.join(cmd)} exited {done.returncode}: {tail}")

    return run


def report(label: str, result: Paired, target: float | None = None) -> str:
    """One line: the median ratio, its spread and, when given, whether it meets the target."""
    s = result.summary()
    low, high = s["spread"]  # type: ignore[misc]
    line = (
        f"{label}: {s['ratio']:.2f}x ({low:.2f}-{high:.2f}, {s['pairs']} pairs; "
        f"{s['a_median_s']:.3f} s against {s['b_median_s']:.3f} s)"
    )
    if target is not None:
        line += f"  target <= {target}x: {'met' if s['ratio'] <= target else 'MISSED'}"
    return line


def missed(result: Paired, target: float) -> bool:
    return result.summary()["ratio"] > target  # type: ignore[operator]
