"""Shell completion beside `vanort --help`, on a registry of 100,000 collaborations.

    python benchmarks/completion.py [--size 100000] [--repeat 11] [--registry PATH]

Completing a value (a town, an organisation, a meeting year) reads the registry
on every Tab, so it must stay as quick as the help: the aim is at most 1.5 times
the median time of `vanort --help`. The registry is built with vanort's own
bulk import (benchmarks/scale.py), in a process of its own; `--registry PATH`
keeps it at PATH and reuses it when it is already there. The commands run in
turns (help, then each completion, then help again...) so that a machine that
grows busier slows them all alike; each time is a median.

Python caches compiled modules as users' installations do (PYTHONDONTWRITEBYTECODE
is dropped), and one warm-up round is not counted.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
from contextlib import closing
from pathlib import Path

from measure import run, vanort

from vanort_cli.store import sqlite_file

LIMIT = 1.5
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
    with tempfile.TemporaryDirectory() as work:
        db = options.registry or Path(work) / "registry.db"
        ensure_registry(db, options.size)
        env = {**os.environ, "VANORT_DB": str(db), "VANORT_TODAY": "2026-11-27", "NO_COLOR": "1"}
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        commands = [("vanort --help", vanort("--help"), env)] + [
            (label, vanort(), completion_env(words, env)) for label, words in COMPLETIONS
        ]
        for _, args, command_env in commands:  # warm-up: compiled modules, file cache
            run(args, command_env)
        times: dict[str, list[float]] = {label: [] for label, _, _ in commands}
        for _ in range(options.repeat):
            for label, args, command_env in commands:
                times[label].append(run(args, command_env)[0])
        size = collaborations_in(db)
        megabytes = db.stat().st_size / 2**20
    median = {label: statistics.median(values) for label, values in times.items()}
    help_time = median["vanort --help"]
    print(f"{size:,} collaborations ({megabytes:,.0f} MB); medians of {options.repeat}")
    print(f"  {'command':<40} {'median':>8} {'/ --help':>9}")
    worst = 0.0
    for label, seconds in median.items():
        ratio = seconds / help_time
        if label != "vanort --help":
            worst = max(worst, ratio)
        print(f"  {label:<40} {seconds * 1000:6.0f}ms {ratio:8.2f}x")
    verdict = "within" if worst <= LIMIT else "OVER"
    print(f"completion {verdict} {LIMIT}x --help (worst {worst:.2f}x)")


if __name__ == "__main__":
    main()
