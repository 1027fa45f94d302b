"""Shell completion beside `vanort --help` and `sqlite-utils --help`, on a registry
of 100,000 collaborations.

    python benchmarks/completion.py [--size 100000] [--repeat 11] [--registry PATH]

Completing a value (a town, an organisation, a meeting year) reads the registry
on every Tab, so it must stay as quick as the help. Two targets are printed, each
with "met" or "NOT met", on CPU time (user + system: on a shared machine other
processes stretch wall time, not CPU time; the wall time is printed beside it):
  - each completion at most 1.5 times `vanort --help` (issue 12);
  - each completion at most 0.8 times `sqlite-utils --help` (issue 26; install it
    with `pip install -e '.[bench]'`).
The registry is built with vanort's own bulk import (benchmarks/scale.py), in a
process of its own; `--registry PATH` keeps it at PATH and reuses it when it is
already there. The commands run in turns (the helps, then each completion, then
the helps again...) so that a machine that grows busier slows them all alike;
each figure is a median, the peak memory the largest.

Python caches compiled modules as users' installations do (PYTHONDONTWRITEBYTECODE
is dropped), and one warm-up round is not counted.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
from contextlib import closing
from pathlib import Path

from measure import VENV_BIN, Usage, measure, vanort

from vanort_cli.store import sqlite_file

LIMIT = 1.5  # x vanort --help
PEER_LIMIT = 0.8  # x sqlite-utils --help
# Label, the command line being completed (its last word is the one completed).
COMPLETIONS = [
    ("collaborations list --town <TAB>", "vanort collaborations list --town "),
    ("collaborations list --org <TAB>", "vanort collaborations list --org "),
    ("meeting show <TAB>", "vanort meeting show "),
]


def completion_env(words: str, env: dict[str, str]) -> dict[str, str]:
    count = len(words.split())
    return {
        **env,
        "_VANORT_COMPLETE": "complete_bash",
        "COMP_WORDS": words,
        "COMP_CWORD": str(count if words.endswith(" ") else count - 1),
    }


def collaborations_in(path: Path) -> int:
    # Immutable: read-only and leaving no -wal or -shm beside the file, so the
    # completions below find it as a registry nobody has open.
    with closing(sqlite_file.open_read_only(path)) as db:
        return int(db.execute("SELECT count(*) FROM collaboration").fetchone()[0])


def ensure_registry(path: Path, size: int) -> None:
    """A registry of `size` collaborations at `path`, built unless it is there."""
    if path.exists() and collaborations_in(path) >= size:
        return
    path.unlink(missing_ok=True)
    scale = Path(__file__).with_name("scale.py")
    subprocess.run([sys.executable, str(scale), "--build", str(path), str(size)], check=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=11)
    parser.add_argument("--registry", type=Path, help="Build the registry here, or reuse it.")
    options = parser.parse_args()
    peer = shutil.which("sqlite-utils", path=str(VENV_BIN)) or shutil.which("sqlite-utils")
    if peer is None:
        sys.exit("sqlite-utils is not installed: pip install -e '.[bench]'")
    with tempfile.TemporaryDirectory() as work:
        db = options.registry or Path(work) / "registry.db"
        ensure_registry(db, options.size)
        env = {**os.environ, "VANORT_DB": str(db), "VANORT_TODAY": "2026-11-27", "NO_COLOR": "1"}
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        commands = [
            ("sqlite-utils --help", [peer, "--help"], env),
            ("vanort --help", vanort("--help"), env),
        ] + [(label, vanort(), completion_env(words, env)) for label, words in COMPLETIONS]
        for _, args, command_env in commands:  # warm-up: compiled modules, file cache
            measure(args, command_env, ok=(0,))
        usages: dict[str, list[Usage]] = {label: [] for label, _, _ in commands}
        for _ in range(options.repeat):
            for label, args, command_env in commands:
                usages[label].append(measure(args, command_env, ok=(0,)))
        size = collaborations_in(db)
        megabytes = db.stat().st_size / 2**20
    cpu = {label: statistics.median(u.cpu for u in values) for label, values in usages.items()}
    wall = {label: statistics.median(u.wall for u in values) for label, values in usages.items()}
    peak = {label: max(u.peak for u in values) for label, values in usages.items()}
    help_cpu, peer_cpu = cpu["vanort --help"], cpu["sqlite-utils --help"]
    print(f"{size:,} collaborations ({megabytes:,.0f} MB); medians of {options.repeat}")
    print(
        f"  {'command':<40} {'CPU':>7} {'wall':>7} {'/ --help':>9} {'/ s-u help':>11} {'peak':>7}"
    )
    for label in usages:
        print(
            f"  {label:<40} {cpu[label] * 1000:5.0f}ms {wall[label] * 1000:5.0f}ms"
            f" {cpu[label] / help_cpu:8.2f}x {cpu[label] / peer_cpu:10.2f}x {peak[label]:5d}MB"
        )
    completions = [label for label, _ in COMPLETIONS]
    worst_help = max(cpu[label] / help_cpu for label in completions)
    worst_peer = max(cpu[label] / peer_cpu for label in completions)
    print(
        f"completion at most {LIMIT}x vanort --help (CPU): worst {worst_help:.2f}x  "
        f"{'met' if worst_help <= LIMIT else 'NOT met'}"
    )
    print(
        f"completion at most {PEER_LIMIT}x sqlite-utils --help (CPU): worst {worst_peer:.2f}x  "
        f"{'met' if worst_peer <= PEER_LIMIT else 'NOT met'}"
    )


if __name__ == "__main__":
    main()
