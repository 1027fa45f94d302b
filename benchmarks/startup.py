"""How fast vanort answers, against a bare Python start-up in the same run.

    python benchmarks/startup.py [--runs N]

Prints the median wall time of each command over N runs and its ratio to
`python -c pass`, so the figures compare across machines. The registry is a
fresh file in a temp dir, created by `vanort db init` (unmeasured).
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

COMMANDS: dict[str, list[str]] = {
    "python -c pass (baseline)": [sys.executable, "-c", "pass"],
    "vanort --help": [sys.executable, "-m", "vanort_cli", "--help"],
    "vanort --version": [sys.executable, "-m", "vanort_cli", "--version"],
    "vanort next-meeting": [sys.executable, "-m", "vanort_cli", "next-meeting"],
    "vanort schedule -f json": [sys.executable, "-m", "vanort_cli", "schedule", "-f", "json"],
}


def median_seconds(command: list[str], runs: int, env: dict[str, str]) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(command, env=env, check=True, capture_output=True)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        env = {**os.environ, "VANORT_DB": str(Path(tmp) / "registry.db"), "NO_COLOR": "1"}
        init = [sys.executable, "-m", "vanort_cli", "db", "init"]
        subprocess.run(init, env=env, check=True, capture_output=True)
        baseline = None
        print(f"{'command':32} {'median ms':>10} {'x baseline':>11}")
        for name, command in COMMANDS.items():
            seconds = median_seconds(command, args.runs, env)
            baseline = baseline or seconds
            print(f"{name:32} {seconds * 1000:10.1f} {seconds / baseline:11.1f}")


if __name__ == "__main__":
    main()
