"""How fast vanort starts, against its peers in the same run.

    python benchmarks/startup.py [--runs N]

Times, each in its own process, N times in turn (so that a busy moment of the
machine falls on all of them alike), and prints each one's median wall time,
peak memory, and its ratio to:
  - `python -c pass`: a bare Python start;
  - the import floor: `python -c "import typer, rich, sqlmodel, sqlalchemy,
    dateutil, platformdirs"`, the libraries vanort's commands stand on, imported
    and nothing done (the floor of any CLI built on them);
  - `sqlite-utils --help`: a peer Python CLI answering --help (install it with
    `pip install -e '.[bench]'`).
The commands: `vanort --help` (in English and in Swedish), `vanort --version`,
shell completion of the command names, `vanort next-meeting` (in both
languages) and `vanort log-collaboration` (one new collaboration each run), on
a fresh registry in a temp dir made by `vanort db init` (unmeasured). The
targets of issues 11 and 12 are printed with a yes or no.

Python's compiled bytecode is used as an installed vanort would use it:
PYTHONDONTWRITEBYTECODE is dropped from the environment and every command runs
once, unmeasured, before the timed runs.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path

VENV_BIN = Path(sys.executable).parent
FLOOR_IMPORTS = "typer, rich, sqlmodel, sqlalchemy, dateutil, platformdirs"
VANORT = [sys.executable, "-m", "vanort_cli"]
SWEDISH = {"VANORT_LANG": "sv"}
COMPLETION = {"_VANORT_COMPLETE": "complete_bash", "COMP_WORDS": "vanort ", "COMP_CWORD": "1"}

Command = Callable[[int], list[str]]


def sqlite_utils() -> str:
    found = shutil.which("sqlite-utils", path=str(VENV_BIN)) or shutil.which("sqlite-utils")
    if found is None:
        sys.exit("sqlite-utils is not installed: pip install -e '.[bench]'")
    return found


def log_collaboration(run: int) -> list[str]:
    return [
        *VANORT,
        "log-collaboration",
        "--town", "Åbo",
        "--org", "Kulturförvaltningen",
        "--area", "culture",
        "--title", f"Nordic Literature Days {run}",
        # A start day of its own, or the duplicate check would refuse it.
        "--start", (date(2026, 1, 1) + timedelta(days=run + 1)).isoformat(),
    ]  # fmt: skip


def commands() -> dict[str, tuple[Command, dict[str, str]]]:
    """Name: (the command line of run N, extra environment)."""
    peer = sqlite_utils()
    return {
        "python -c pass": (lambda _: [sys.executable, "-c", "pass"], {}),
        "import floor": (lambda _: [sys.executable, "-c", f"import {FLOOR_IMPORTS}"], {}),
        "sqlite-utils --help": (lambda _: [peer, "--help"], {}),
        "vanort --help": (lambda _: [*VANORT, "--help"], {}),
        "vanort --help (svenska)": (lambda _: [*VANORT, "--help"], SWEDISH),
        "vanort --version": (lambda _: [*VANORT, "--version"], {}),
        "vanort <TAB> (completion)": (lambda _: VANORT, COMPLETION),
        "vanort next-meeting": (lambda _: [*VANORT, "next-meeting"], {}),
        "vanort next-meeting (svenska)": (lambda _: [*VANORT, "next-meeting"], SWEDISH),
        "vanort log-collaboration": (log_collaboration, {}),
    }


def run_once(args: list[str], env: dict[str, str]) -> tuple[float, float]:
    """Wall seconds and peak memory (MB) of one command, in its own process."""
    with tempfile.TemporaryFile() as errors:
        start = time.perf_counter()
        process = subprocess.Popen(args, env=env, stdout=subprocess.DEVNULL, stderr=errors)
        _, status, usage = os.wait4(process.pid, 0)
        elapsed = time.perf_counter() - start
        if os.waitstatus_to_exitcode(status) != 0:
            errors.seek(0)
            sys.exit(f"{' '.join(args)} failed: {errors.read().decode()[-2000:]}")
    return elapsed, usage.ru_maxrss / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        base = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
        env = {**base, "VANORT_DB": str(Path(tmp) / "registry.db"), "NO_COLOR": "1"}
        subprocess.run([*VANORT, "db", "init"], env=env, check=True, capture_output=True)
        table = commands()
        times: dict[str, list[float]] = {name: [] for name in table}
        memory: dict[str, float] = dict.fromkeys(table, 0.0)
        for run in range(-1, args.runs):  # run -1: the unmeasured warm-up
            for name, (command, extra) in table.items():
                seconds, megabytes = run_once(command(run), {**env, **extra})
                if run >= 0:
                    times[name].append(seconds)
                    memory[name] = max(memory[name], megabytes)
        median = {name: statistics.median(values) for name, values in times.items()}
        report(median, memory, args.runs)


def report(median: dict[str, float], memory: dict[str, float], runs: int) -> None:
    bare, floor = median["python -c pass"], median["import floor"]
    peer = median["sqlite-utils --help"]
    print(f"medians of {runs} runs, each command in its own process, in turn\n")
    print(f"{'command':28} {'ms':>7} {'x pass':>7} {'x floor':>8} {'x s-u help':>10} {'MB':>6}")
    for name, seconds in median.items():
        print(
            f"{name:28} {seconds * 1000:7.1f} {seconds / bare:7.1f} {seconds / floor:8.2f}"
            f" {seconds / peer:10.2f} {memory[name]:6.0f}"
        )
    nxt, log = median["vanort next-meeting"], median["vanort log-collaboration"]
    targets = [
        ("--help no slower than sqlite-utils --help", median["vanort --help"] / peer, 1.0),
        ("Swedish --help at most 1.1x English --help",
         median["vanort --help (svenska)"] / median["vanort --help"], 1.1),
        ("--version no slower than sqlite-utils --help", median["vanort --version"] / peer, 1.0),
        ("completion no slower than sqlite-utils --help",
         median["vanort <TAB> (completion)"] / peer, 1.0),
        ("next-meeting at most 1.2x the import floor", nxt / floor, 1.2),
        ("log-collaboration at most 1.1x next-meeting", log / nxt, 1.1),
    ]  # fmt: skip
    print(f"\nimport floor: python -c 'import {FLOOR_IMPORTS}'")
    for label, ratio, limit in targets:
        print(f"{label:48} {ratio:5.2f}  {'yes' if ratio <= limit else 'NO'}")


if __name__ == "__main__":
    main()
