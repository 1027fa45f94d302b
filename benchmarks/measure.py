"""What the benchmarks share: running a command in its own process and reading
its wall time and peak memory (max RSS, as the operating system counts it)."""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

VENV_BIN = Path(sys.executable).parent


def vanort(*args: str) -> list[str]:
    return [str(VENV_BIN / "vanort"), *args]


def as_installed(env: dict[str, str]) -> dict[str, str]:
    """`env` less PYTHONDONTWRITEBYTECODE: an installed vanort runs from compiled
    modules (pip compiles them), and a command made to compile its ~60 modules
    afresh every run would be timed ~60 ms slower than anyone runs it. The first
    run of a command writes them; the medians of alternated runs absorb it."""
    return {k: v for k, v in env.items() if k != "PYTHONDONTWRITEBYTECODE"}


def run(args: list[str], env: dict[str, str]) -> tuple[float, int]:
    """Wall seconds and peak memory (MB) of one command, its output thrown away."""
    with tempfile.TemporaryFile() as errors:
        start = time.perf_counter()
        process = subprocess.Popen(
            args, env=as_installed(env), stdout=subprocess.DEVNULL, stderr=errors
        )
        _, status, usage = os.wait4(process.pid, 0)
        elapsed = time.perf_counter() - start
        if os.waitstatus_to_exitcode(status) not in (0, 1):  # check exits 1 on a finding
            errors.seek(0)
            sys.exit(f"{' '.join(args)} failed: {errors.read().decode()[-2000:]}")
    return elapsed, usage.ru_maxrss // 1024


@dataclass(frozen=True)
class Usage:
    """What one command cost: wall seconds, CPU seconds (user + system, its own and
    its children's), and peak memory in MB (max RSS)."""

    wall: float
    cpu: float
    peak: int


def measure(
    args: list[str],
    env: dict[str, str],
    *,
    stdout: Any = subprocess.DEVNULL,
    ok: tuple[int, ...] = (0, 1),
) -> Usage:
    """Run `args` in its own process and read what it cost. CPU time is the
    figure to compare on a busy two-core machine: another process's load
    stretches the wall time of both sides of a comparison, not their CPU time."""
    with tempfile.TemporaryFile() as errors:
        start = time.perf_counter()
        process = subprocess.Popen(args, env=as_installed(env), stdout=stdout, stderr=errors)
        _, status, usage = os.wait4(process.pid, 0)
        elapsed = time.perf_counter() - start
        if os.waitstatus_to_exitcode(status) not in ok:
            errors.seek(0)
            sys.exit(f"{' '.join(args)} failed: {errors.read().decode()[-2000:]}")
    return Usage(elapsed, usage.ru_utime + usage.ru_stime, usage.ru_maxrss // 1024)


def median_of(args: list[str], env: dict[str, str], repeat: int) -> tuple[float, int]:
    """The median time and the largest peak memory of `repeat` runs."""
    runs = [run(args, env) for _ in range(repeat)]
    return statistics.median(t for t, _ in runs), max(m for _, m in runs)
