"""What the drawing costs: the printable report and the rotation picture beside the
same report and schedule without pictures, in the same run.

    python benchmarks/report.py [--runs N] [--collaborations N]

On the tests' example registry (tests/council_registry.py: ten years of
collaborations, recorded meetings, a new twin town), grown to --collaborations
with more of the same, each command runs in its own process, N times in turn,
and the median wall time and peak memory are printed with ratios:
  - `report -o .html` (four charts) to `report -o .md` (the same memo, no charts)
    and to `report -f json` (the numbers);
  - `schedule -o .svg` and `.png` to `schedule -o .csv`;
  - `python -c "import matplotlib.figure"`: what importing the plotting library
    alone costs, which only these commands pay.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

from measure import run as run_measured

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))
VANORT = [sys.executable, "-m", "vanort_cli"]


def build(directory: Path, collaborations: int) -> None:
    from council_registry import build as build_council
    from council_registry import strict_runner, write_collaborations

    run = strict_runner()
    run("db", "init")
    build_council(run, directory)
    if collaborations > 140:
        more = write_collaborations(directory / "more.csv", collaborations - 140, seed=15)
        run("collaborations", "import", str(more))


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--collaborations", type=int, default=140)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        env = {
            **{k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"},
            "VANORT_DB": str(work / "registry.db"),
            "VANORT_TODAY": "2026-11-27",
            "VANORT_LANG": "sv",
            "NO_COLOR": "1",
        }
        os.environ.update(env)
        started = time.perf_counter()
        build(work, args.collaborations)
        print(f"registry of {args.collaborations} collaborations built in "
              f"{time.perf_counter() - started:.1f} s\n")  # fmt: skip
        out = work / "out"
        report = [*VANORT, "report", "--year", "2026"]
        commands = {
            "report -f json": [*report, "-f", "json", "-o", f"{out}.json"],
            "report -o .md": [*report, "-o", f"{out}.md"],
            "report -o .html": [*report, "-o", f"{out}.html"],
            "schedule -o .csv": [*VANORT, "schedule", "-o", f"{out}.csv"],
            "schedule -o .svg": [*VANORT, "schedule", "-o", f"{out}.svg"],
            "schedule -o .png": [*VANORT, "schedule", "-o", f"{out}.png"],
            "import matplotlib.figure": [sys.executable, "-c", "import matplotlib.figure"],
        }  # fmt: skip
        times: dict[str, list[float]] = {name: [] for name in commands}
        memory = dict.fromkeys(commands, 0.0)
        for run in range(-1, args.runs):  # run -1: the unmeasured warm-up
            for name, command in commands.items():
                for suffix in (".json", ".md", ".html", ".csv", ".svg", ".png"):
                    Path(f"{out}{suffix}").unlink(missing_ok=True)
                seconds, megabytes = run_measured(command, env)
                if run >= 0:
                    times[name].append(seconds)
                    memory[name] = max(memory[name], megabytes)
        median = {name: statistics.median(values) for name, values in times.items()}
    print(f"medians of {args.runs} runs, each command in its own process, in turn\n")
    print(f"{'command':26} {'ms':>8} {'MB':>6}")
    for name, seconds in median.items():
        print(f"{name:26} {seconds * 1000:8.1f} {memory[name]:6.0f}")
    print()
    ratios = [
        ("report .html / .md", median["report -o .html"] / median["report -o .md"]),
        ("report .html / json", median["report -o .html"] / median["report -f json"]),
        ("schedule .svg / .csv", median["schedule -o .svg"] / median["schedule -o .csv"]),
        ("schedule .png / .csv", median["schedule -o .png"] / median["schedule -o .csv"]),
    ]
    for label, ratio in ratios:
        print(f"{label:26} {ratio:8.2f}x")


if __name__ == "__main__":
    main()
