"""What the reports and the lists cost on a large registry, beside sqlite-utils
writing the same listing from the same file, from one run.

    python benchmarks/lists.py [--sizes 100000] [--repeat 3]

For each size (e.g. `--sizes 100000,300000`) it builds a registry of that many
collaborations with vanort's own bulk import (benchmarks/scale.py), then runs
each command below in its own process, `--repeat` times, the commands taking
turns (one round runs each once), and prints for each its median CPU time (user
+ system: the figure to compare on a busy machine), median wall time and peak
memory (max RSS, the largest of the runs):

  - `report --year 2026 -f json`, `-o r.md` and `-o r.html`: the annual report
    in each format, its listing of every collaboration included;
  - `collaborations list -f csv` and `-f jsonl`: every collaboration;
  - `sqlite-utils query REGISTRY "SELECT ..." --csv`: the same columns as
    `collaborations list -f csv` (names of the organisation and area, the towns
    joined by group_concat), the peer of the CSV listing;
  - `next-meeting`: a command that reads almost nothing, for the start-up's share.

Each command runs once first, not counted (a warm-up: Python's compiled
bytecode written, the file in the page cache); PYTHONDONTWRITEBYTECODE is
dropped from the environment, so that both sides start as installed programs do.

Then the targets of issue 26 ("Reports and lists"), each with its figure and
"met" or "NOT met": peak memory at most 100 MB for every format, and
`collaborations list -f csv` at most 1.5x sqlite-utils' CPU time.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

from measure import VENV_BIN, Usage, measure, vanort

# The columns `collaborations list -f csv` writes, in SQL: the towns by their
# Swedish names (vanort orders them alphabetically in Swedish; group_concat in
# the order it meets them, which costs the peer nothing).
PEER_SQL = (
    "SELECT c.id, c.title, (SELECT group_concat(t.name_sv, ', ') FROM collaboration_town ct "
    "JOIN town t ON t.id = ct.town_id WHERE ct.collaboration_id = c.id) AS towns, "
    "o.name AS organisation, o.kind AS organisation_kind, a.name_en AS area, c.kind, "
    "c.start_date, c.end_date, c.reported_by, c.reported_on FROM collaboration c "
    "JOIN organisation o ON o.id = c.organisation_id JOIN area a ON a.id = c.area_id "
    "WHERE c.deleted_at IS NULL ORDER BY c.start_date, c.id"
)
PEAK_LIMIT_MB = 100
CSV_RATIO_LIMIT = 1.5


def commands(db: Path, out: Path, sqlite_utils: str) -> dict[str, list[str]]:
    registry = ["--db", str(db)]
    report = [*registry, "report", "--year", "2026"]
    return {
        "report -f json": vanort(*report, "-f", "json"),
        "report -o r.md": vanort(*report, "-o", str(out / "r.md"), "--force"),
        "report -o r.html": vanort(*report, "-o", str(out / "r.html"), "--force"),
        "collaborations list -f csv": vanort(*registry, "collaborations", "list", "-f", "csv"),
        "sqlite-utils query --csv": [sqlite_utils, "query", str(db), PEER_SQL, "--csv"],
        "collaborations list -f jsonl": vanort(*registry, "collaborations", "list", "-f", "jsonl"),
        "next-meeting": vanort(*registry, "next-meeting"),
    }


def verdict(met: bool) -> str:
    return "met" if met else "NOT met"


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--sizes", default="100000")
    parser.add_argument("--repeat", type=int, default=3)
    options = parser.parse_args()
    sqlite_utils = shutil.which("sqlite-utils", path=str(VENV_BIN)) or shutil.which("sqlite-utils")
    if sqlite_utils is None:
        sys.exit("sqlite-utils is not installed: pip install -e '.[bench]'")
    env = {**os.environ, "VANORT_TODAY": "2026-11-27", "NO_COLOR": "1"}
    env.pop("VANORT_DB", None)
    # Compiled bytecode used as an installed vanort (and sqlite-utils) uses it:
    # without it vanort compiled ~70 of its modules on every run (about 0.1 s).
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    scale = Path(__file__).with_name("scale.py")
    print(f"medians of {options.repeat} runs, the commands taking turns; peak = max RSS")
    for size in [int(s) for s in options.sizes.split(",")]:
        with tempfile.TemporaryDirectory() as work:
            db = Path(work) / "registry.db"
            # Built in a process of its own: a child starts with its parent's peak
            # memory on Linux, so the commands' figures would include it.
            subprocess.run([sys.executable, str(scale), "--build", str(db), str(size)], check=True)
            runs: dict[str, list[Usage]] = {}
            listed = commands(db, Path(work), sqlite_utils)
            for turn in range(-1, options.repeat):  # turn -1: the warm-up, not counted
                for label, args in listed.items():
                    usage = measure(args, env)
                    if turn >= 0:
                        runs.setdefault(label, []).append(usage)
            print(f"\n{size:,} collaborations ({db.stat().st_size / 2**20:,.0f} MB)")
            print(f"  {'command':<30} {'CPU':>7} {'wall':>7} {'peak':>7}")
            cpu = {label: statistics.median(u.cpu for u in runs[label]) for label in runs}
            peak = {label: max(u.peak for u in runs[label]) for label in runs}
            for label, usages in runs.items():
                wall = statistics.median(u.wall for u in usages)
                print(f"  {label:<30} {cpu[label]:6.2f}s {wall:6.2f}s {peak[label]:5d}MB")
            print(f"\n  targets (issue 26, reports and lists), {size:,} collaborations:")
            for label in listed:
                if label.startswith(("report", "collaborations")):
                    met = verdict(peak[label] <= PEAK_LIMIT_MB)
                    print(f"  peak, {label:<30} {peak[label]:5d} MB (<= {PEAK_LIMIT_MB}): {met}")
            ratio = cpu["collaborations list -f csv"] / cpu["sqlite-utils query --csv"]
            print(f"  list -f csv / sqlite-utils query, CPU   {ratio:5.2f}x "
                  f"(at most {CSV_RATIO_LIMIT}x): {verdict(ratio <= CSV_RATIO_LIMIT)}")  # fmt: skip
            ratio = cpu["report -f json"] / cpu["collaborations list -f jsonl"]
            print(
                f"  report -f json / list -f jsonl, CPU     {ratio:5.2f}x "
                "(the report's listing at the speed of the list: about 1x)"
            )


if __name__ == "__main__":
    main()
