"""How vanort's reading commands grow with the registry, beside sqlite-utils
running the equivalent SQL on the same file, in the same run.

    python benchmarks/scale.py [--sizes 1000,10000,100000] [--repeat 3]

For each size it builds a registry of that many collaborations with vanort's
own bulk import (in one process, a batch of 100,000 rows at a time; the
history gets an entry for each row and each of its towns), then times each
command as a separate process and reads its peak memory (max RSS). A size of
1,000,000 works too (it takes a few minutes to build and about 1 GB of disk).
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from datetime import date
from pathlib import Path

from measure import VENV_BIN, median_of, vanort

ORGS = [
    "SLK",
    "Kulturförvaltningen",
    "Göteborgs Hamn",
    "Idrotts- och föreningsförvaltningen",
    "Stadsmiljöförvaltningen",
    "Grundskoleförvaltningen",
    "Business Region Göteborg",
]
AREAS = ["Kultur", "Utbildning", "Klimat och miljö", "Näringsliv", "Stadsutveckling"]
TOWNS = ["Åbo", "Bergen", "Århus", "Aarhus", "Turku"]


def build(path: Path, size: int) -> None:
    """A registry of `size` collaborations, through vanort's bulk import."""
    from vanort_cli.exchange.sheet import ImportTable
    from vanort_cli.services.intake import import_sheet
    from vanort_cli.store.location import resolve_location
    from vanort_cli.store.registry import Registry

    chance = random.Random(size)
    header = ["Titel", "Förvaltning/bolag", "Område", "Vänorter", "Startdatum", "Slutdatum"]

    def rows(first: int, count: int) -> Iterator[tuple[int, list[str | date]]]:
        for n in range(first, first + count):
            year = chance.randint(2000, 2026)
            start = date(year, chance.randint(1, 12), chance.randint(1, 28))
            end = "" if chance.random() < 0.4 else f"{year + chance.randint(0, 3)}-12-31"
            towns = ", ".join(chance.sample(TOWNS[:3], chance.randint(1, 2)))
            yield n + 2, [f"Samarbete {n}", chance.choice(ORGS), chance.choice(AREAS), towns,
                          start, end]  # fmt: skip

    registry = Registry(resolve_location(str(path)), may_create=True)
    done = 0
    while done < size:
        count = min(100_000, size - done)
        sheet = ImportTable(header, rows(done, count), "row", count, "generated")
        with registry.writing() as session:
            outcome = import_sheet(
                session=session, sheet=sheet, today=date(2026, 11, 27), reporter="benchmark",
                allow_duplicates=True,
            )  # fmt: skip
            assert not outcome.problems, outcome.problems[:3]
        done += count
    registry.close()


COMMANDS: list[tuple[str, list[str], list[str] | None]] = [
    # (label, vanort's arguments, sqlite-utils' equivalent, if any)
    ("next-meeting", ["next-meeting"], ["query", "select * from meeting order by year"]),
    (
        "report --year 2026 -f json",
        ["report", "--year", "2026", "-f", "json"],
        [
            "query",
            "select organisation_id, area_id, count(*) from collaboration where "
            "start_date <= '2026-12-31' and (end_date is null or end_date >= '2026-01-01') "
            "group by 1, 2",
        ],
    ),
    ("report --year 2026 (table)", ["report", "--year", "2026"], None),
    ("collaborations list (table)", ["collaborations", "list"], None),
    (
        "collaborations list -f csv",
        ["collaborations", "list", "-f", "csv"],
        ["rows", "collaboration", "--csv"],
    ),
    (
        "collaborations list -f jsonl",
        ["collaborations", "list", "-f", "jsonl"],
        ["rows", "collaboration", "--nl"],
    ),
    ("history -f json", ["history", "-f", "json"], ["rows", "audit_entry"]),
    ("check", ["check"], ["query", "pragma quick_check"]),
]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,10000,100000")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--build", nargs=2, metavar=("PATH", "SIZE"), help=argparse.SUPPRESS)
    options = parser.parse_args()
    if options.build:
        build(Path(options.build[0]), int(options.build[1]))
        return
    sizes = [int(s) for s in options.sizes.split(",")]
    sqlite_utils = shutil.which("sqlite-utils", path=str(VENV_BIN)) or shutil.which("sqlite-utils")
    if sqlite_utils is None:
        sys.exit("sqlite-utils is not installed: pip install -e '.[bench]'")
    env = {**os.environ, "VANORT_TODAY": "2026-11-27", "NO_COLOR": "1"}
    env.pop("VANORT_DB", None)
    print(f"medians of {options.repeat}; peak = max RSS; ratio = vanort / sqlite-utils")
    for size in sizes:
        with tempfile.TemporaryDirectory() as work:
            db = Path(work) / "registry.db"
            # Built in a process of its own: a child starts with its parent's
            # peak memory on Linux, so the commands' figures would include it.
            subprocess.run([sys.executable, __file__, "--build", str(db), str(size)], check=True)
            megabytes = db.stat().st_size / 2**20
            print(f"\n{size:,} collaborations ({megabytes:,.0f} MB)")
            print(f"  {'command':<32} {'vanort':>9} {'peak':>7}  {'sqlite-utils':>12} {'ratio':>6}")
            for label, args, peer in COMMANDS:
                seconds, peak = median_of(vanort("--db", str(db), *args), env, options.repeat)
                line = f"  {label:<32} {seconds:8.2f}s {peak:5d}MB"
                if peer is not None:
                    theirs, _ = median_of([sqlite_utils, peer[0], str(db), *peer[1:]], env,
                                          options.repeat)  # fmt: skip
                    line += f"  {theirs:11.2f}s {seconds / theirs:5.1f}x"
                print(line, flush=True)
            subprocess.run(["sync"], check=False)


if __name__ == "__main__":
    main()
