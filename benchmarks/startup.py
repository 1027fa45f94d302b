"""How fast vanort starts, against the import floor and a peer CLI, in one run.

    python benchmarks/startup.py [--runs 15]

Every command runs in its own process, all of them in turn, `--runs` times (so
that a busy moment of the machine falls on all of them alike), after one round
that is not counted (Python's compiled modules written, the files in the cache).
For each it prints the median CPU time (user + system, the figure compared: on a
shared machine other processes stretch wall time, not CPU time), the median wall
time, and the peak memory (largest max RSS).

The commands:
  - `python -c pass`: a bare Python start, for scale;
  - the import floor: `python -c "import typer, rich.table, sqlmodel,
    dateutil.parser"`, the libraries a command of vanort stands on, imported and
    nothing done (issue 26's floor, run as a user would: pydantic's plugins not
    disabled);
  - the same floor with the garbage collector off (`gc.disable()` first), for
    scale only: vanort's entry point turns the collector off until the command
    makes its registry (src/vanort_cli/entry.py), which saves ~70 ms of
    start-up's CPU; beside this line, `next-meeting`'s figure shows what is left
    once both sides start alike;
  - `sqlite-utils --help`: a peer Python CLI answering --help (`pip install -e
    '.[bench]'`);
  - `vanort --help` in English and in Swedish, `vanort --version`, shell
    completion of the command names (bash, `vanort <TAB>`), `vanort next-meeting`
    in both languages and `vanort log-collaboration` (one new collaboration a
    run), on a fresh registry in a temp dir made by `vanort db init` (not counted).

Then each target, with its figure and "met" or "NOT met":
  - issue 26: `next-meeting` at most 1.1x the import floor; `--help` (both
    languages) and completion at most 0.8x `sqlite-utils --help`; all CPU ratios.
  - issue 26: a command that touches no table (`--help`, `--version`, completion,
    `db path`) does not import the tables (vanort_cli.store.models), and `--help`
    imports no Markdown machinery (rich.markdown, markdown_it): read from one
    `python -X importtime` run of each.
  - for scale, not a target: `next-meeting` against the floor with the collector off.
  - issues 11 and 12, kept: Swedish --help at most 1.1x English; log-collaboration
    at most 1.1x next-meeting.

Python's compiled bytecode is used as an installed vanort would use it:
PYTHONDONTWRITEBYTECODE is dropped from the environment.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path

from measure import VENV_BIN, Usage, measure

FLOOR = "import typer, rich.table, sqlmodel, dateutil.parser"
FLOOR_NO_GC = f"import gc; gc.disable(); {FLOOR}"
VANORT = [sys.executable, "-m", "vanort_cli"]
SWEDISH = {"VANORT_LANG": "sv"}
COMPLETION = {"_VANORT_COMPLETE": "complete_bash", "COMP_WORDS": "vanort ", "COMP_CWORD": "1"}
# What a command that touches no table must not import, and what --help must not.
TABLES = ("vanort_cli.store.models",)
MARKDOWN = ("rich.markdown", "markdown_it")

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
        "--start", (date(2026, 1, 1) + timedelta(days=run + 2)).isoformat(),
    ]  # fmt: skip


def commands() -> dict[str, tuple[Command, dict[str, str]]]:
    """Name: (the command line of run N, extra environment)."""
    peer = sqlite_utils()
    return {
        "python -c pass": (lambda _: [sys.executable, "-c", "pass"], {}),
        "import floor": (lambda _: [sys.executable, "-c", FLOOR], {}),
        "import floor, collector off": (lambda _: [sys.executable, "-c", FLOOR_NO_GC], {}),
        "sqlite-utils --help": (lambda _: [peer, "--help"], {}),
        "vanort --help": (lambda _: [*VANORT, "--help"], {}),
        "vanort --help (svenska)": (lambda _: [*VANORT, "--help"], SWEDISH),
        "vanort --version": (lambda _: [*VANORT, "--version"], {}),
        "vanort <TAB> (completion)": (lambda _: VANORT, COMPLETION),
        "vanort next-meeting": (lambda _: [*VANORT, "next-meeting"], {}),
        "vanort next-meeting (svenska)": (lambda _: [*VANORT, "next-meeting"], SWEDISH),
        "vanort log-collaboration": (log_collaboration, {}),
    }


def imported(args: list[str], env: dict[str, str]) -> set[str]:
    """The modules one run of `args` imports, by `python -X importtime`."""
    result = subprocess.run(
        [sys.executable, "-X", "importtime", *args[1:]], env=env, capture_output=True, text=True
    )
    return set(re.findall(r"^import time:.*\|\s*(\S+)\s*$", result.stderr, re.MULTILINE))


def import_targets(env: dict[str, str]) -> list[tuple[str, list[str]]]:
    """Each import target of issue 26 and the forbidden modules it found imported."""
    light = {
        "vanort --help": ([*VANORT, "--help"], env),
        "vanort --help (svenska)": ([*VANORT, "--help"], {**env, **SWEDISH}),
        "vanort --version": ([*VANORT, "--version"], env),
        "vanort <TAB> (completion)": (VANORT, {**env, **COMPLETION}),
        "vanort db path": ([*VANORT, "db", "path"], env),
    }
    found = {name: imported(args, command_env) for name, (args, command_env) in light.items()}
    targets = [
        (f"{name} does not import the tables", sorted(set(TABLES) & modules))
        for name, modules in found.items()
    ]
    targets += [
        (f"{name} imports no Markdown", sorted(set(MARKDOWN) & modules))
        for name, modules in found.items()
        if "--help" in name
    ]
    return targets


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        base = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
        env = {**base, "VANORT_DB": str(Path(tmp) / "registry.db"), "NO_COLOR": "1"}
        subprocess.run([*VANORT, "db", "init"], env=env, check=True, capture_output=True)
        table = commands()
        usages: dict[str, list[Usage]] = {name: [] for name in table}
        for run in range(-1, args.runs):  # run -1: the warm-up, not counted
            for name, (command, extra) in table.items():
                usage = measure(command(run), {**env, **extra}, ok=(0,))
                if run >= 0:
                    usages[name].append(usage)
        report(usages, args.runs)
        print()
        for label, forbidden in import_targets(env):
            shown = ", ".join(forbidden) or "nothing forbidden"
            print(f"{label:52} {shown:>28}  {'NOT met' if forbidden else 'met'}")


def report(usages: dict[str, list[Usage]], runs: int) -> None:
    cpu = {name: statistics.median(u.cpu for u in values) for name, values in usages.items()}
    wall = {name: statistics.median(u.wall for u in values) for name, values in usages.items()}
    peak = {name: max(u.peak for u in values) for name, values in usages.items()}
    floor, peer = cpu["import floor"], cpu["sqlite-utils --help"]
    print(f"medians of {runs} runs, each command in its own process, all in turn")
    print(f"import floor: python -c '{FLOOR}'\n")
    header = f"{'command':30} {'CPU ms':>7} {'wall ms':>8} {'x floor':>8} {'x s-u help':>10}"
    print(f"{header} {'peak MB':>8}")
    for name in usages:
        print(
            f"{name:30} {cpu[name] * 1000:7.0f} {wall[name] * 1000:8.0f}"
            f" {cpu[name] / floor:8.2f} {cpu[name] / peer:10.2f} {peak[name]:8d}"
        )
    nxt = cpu["vanort next-meeting"]
    targets = [
        ("next-meeting at most 1.1x the import floor", nxt / floor, 1.1),
        ("next-meeting (svenska) at most 1.1x the import floor",
         cpu["vanort next-meeting (svenska)"] / floor, 1.1),
        ("--help at most 0.8x sqlite-utils --help", cpu["vanort --help"] / peer, 0.8),
        ("--help (svenska) at most 0.8x sqlite-utils --help",
         cpu["vanort --help (svenska)"] / peer, 0.8),
        ("completion at most 0.8x sqlite-utils --help",
         cpu["vanort <TAB> (completion)"] / peer, 0.8),
        ("(issue 12) Swedish --help at most 1.1x English",
         cpu["vanort --help (svenska)"] / cpu["vanort --help"], 1.1),
        ("(issue 11) log-collaboration at most 1.1x next-meeting",
         cpu["vanort log-collaboration"] / nxt, 1.1),
    ]  # fmt: skip
    print("\ntargets, as ratios of CPU time")
    for label, ratio, limit in targets:
        print(f"{label:56} {ratio:5.2f}x  {'met' if ratio <= limit else 'NOT met'}")
    alike = nxt / cpu["import floor, collector off"]
    print(f"{'(for scale) next-meeting / floor, collector off':56} {alike:5.2f}x")


if __name__ == "__main__":
    main()
