"""How fast `vanort collaborations import` stores an administration's file, against
`sqlite-utils insert` of the same file on the same machine, in the same run.

    python benchmarks/import.py [--rows 100000] [--repeat 3] [--small 1000]

Generates a realistic file (40 organisations, every town, 1-3 towns a row in
mixed spellings, Swedish headers, dates in several forms), then times, as
separate processes on fresh registries:
  - `vanort collaborations import FILE` (all rows stored, with their audit trail);
  - `sqlite-utils insert DB collaborations FILE --csv` (the rows as they are, no
    checks, no links, no history): the floor of "CSV into SQLite" in Python;
  - the same import at a tenth of the rows, to show the cost is linear;
  - a small file (--small rows) against `vanort next-meeting`.
Prints medians, the ratios, and each command's peak memory (max RSS).
"""

from __future__ import annotations

import argparse
import csv
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

VENV_BIN = Path(sys.executable).parent
# The spellings people write, by the Swedish name the registry shows.
SPELLINGS = {
    "Århus": ["Århus", "Aarhus", "ARHUS", "århus"],
    "Bergen": ["Bergen", "bergen", "BERGEN"],
    "Åbo": ["Åbo", "Turku", "abo", "TURKU"],
}
EXTRA_ORGS = [
    ("Park- och naturförvaltningen", "forvaltning"),
    ("Trafikkontoret", "forvaltning"),
    ("Fastighetskontoret", "forvaltning"),
    ("Intraservice", "forvaltning"),
    ("Göteborgs Stads Bostads AB", "bolag"),
    ("Renova", "bolag"),
    ("Göteborg Film Festival", "bolag"),
]
KINDS = ["projekt", "nätverk", "utbyte", "studiebesök", "annat", "project", "network"]


def run(args: list[str], env: dict[str, str]) -> tuple[float, int]:
    """Wall seconds and peak memory (MB) of one command, in its own process."""
    with tempfile.TemporaryFile() as errors:
        start = time.perf_counter()
        process = subprocess.Popen(args, env=env, stdout=subprocess.DEVNULL, stderr=errors)
        _, status, usage = os.wait4(process.pid, 0)
        elapsed = time.perf_counter() - start
        process.returncode = os.waitstatus_to_exitcode(status)
        if process.returncode != 0:
            errors.seek(0)
            sys.exit(f"{' '.join(args)} failed: {errors.read().decode()[-2000:]}")
    return elapsed, usage.ru_maxrss // 1024


def vanort(*args: str) -> list[str]:
    return [str(VENV_BIN / "vanort"), *args]


def make_registry(path: Path, env: dict[str, str]) -> None:
    subprocess.run(
        vanort("--db", str(path), "db", "init"), env=env, check=True, capture_output=True
    )
    for name, kind in EXTRA_ORGS:
        subprocess.run(
            vanort("--db", str(path), "orgs", "add", name, "--kind", kind),
            env=env,
            check=True,
            capture_output=True,
        )


def registry_names(path: Path, env: dict[str, str]) -> tuple[list[str], list[str], list[str]]:
    import json

    def listed(*args: str) -> list[dict[str, object]]:
        out = subprocess.run(
            vanort("--db", str(path), *args, "-f", "json"), env=env, check=True, capture_output=True
        ).stdout
        return list(json.loads(out))

    orgs = [str(o["name"]) for o in listed("orgs", "list")]
    areas = [str(a["name_sv"]) for a in listed("areas", "list")]
    towns = [
        str(t["name_sv"])
        for t in listed("towns", "list")
        if t["key"] != "goteborg" and t["status"] not in ("retired", "ended")
    ]
    return orgs, areas, towns


def make_file(path: Path, rows: int, names: tuple[list[str], list[str], list[str]]) -> None:
    orgs, areas, towns = names
    chance = random.Random(1946)
    header = ["Titel", "Förvaltning/bolag", "Område", "Vänorter", "Form", "Startdatum",
              "Slutdatum", "Beskrivning", "Kontakt"]  # fmt: skip
    with path.open("w", encoding="utf-8", newline="") as handle:
        out = csv.writer(handle)
        out.writerow(header)
        for n in range(rows):
            picked = chance.sample(towns, chance.randint(1, 3))
            spelt = [chance.choice(SPELLINGS.get(t, [t])) for t in picked]
            year = chance.randint(2015, 2026)
            start = f"{year}-{chance.randint(1, 12):02d}-{chance.randint(1, 28):02d}"
            end = "" if chance.random() < 0.4 else f"{year + chance.randint(0, 3)}-12-31"
            out.writerow(
                [
                    f"{chance.choice(['Utbyte', 'Nätverk för', 'Projekt', 'Studiebesök'])} "
                    f"{chance.choice(['kultur', 'klimat', 'skola', 'hamn', 'idrott'])} {n}",
                    chance.choice(orgs),
                    chance.choice(areas),
                    chance.choice([", ", "; ", " och ", "/"]).join(spelt),
                    chance.choice(KINDS),
                    start,
                    end,
                    "Samarbete om " + chance.choice(["unga", "äldre", "vatten", "konst"]) * 3,
                    f"kontakt{n % 500}@goteborg.se",
                ]
            )


def median_run(
    label: str, make_args: callable, template: Path | None, repeat: int, env: dict[str, str]
) -> tuple[float, int]:
    times, peaks = [], []
    for _ in range(repeat):
        with tempfile.TemporaryDirectory() as scratch:
            db = Path(scratch) / "registry.db"
            if template is not None:
                shutil.copy(template, db)
            seconds, peak = run(make_args(db), env)
            times.append(seconds)
            peaks.append(peak)
    result = statistics.median(times), max(peaks)
    print(f"  {label:<48} {result[0]:8.2f} s  {result[1]:5d} MB", flush=True)
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--small", type=int, default=1000)
    options = parser.parse_args()
    sqlite_utils = shutil.which("sqlite-utils", path=str(VENV_BIN)) or shutil.which("sqlite-utils")
    if sqlite_utils is None:
        sys.exit("sqlite-utils is not installed: pip install -e '.[bench]'")
    env = {**os.environ, "VANORT_TODAY": "2026-11-27", "NO_COLOR": "1"}
    env.pop("VANORT_DB", None)
    with tempfile.TemporaryDirectory() as work_dir:
        work = Path(work_dir)
        template = work / "template.db"
        make_registry(template, env)
        names = registry_names(template, env)
        files = {}
        for rows in sorted({options.rows, options.rows // 10, options.small}):
            files[rows] = work / f"rows-{rows}.csv"
            make_file(files[rows], rows, names)
        size = files[options.rows].stat().st_size / 2**20
        print(f"{options.rows:,} rows ({size:.1f} MB), {len(names[0])} organisations, "
              f"{len(names[2])} towns; medians of {options.repeat}; peak = max RSS")  # fmt: skip

        def importing(path: Path) -> callable:
            return lambda db: vanort("--db", str(db), "collaborations", "import", str(path))

        big, big_peak = median_run(
            f"vanort import, {options.rows:,} rows", importing(files[options.rows]),
            template, options.repeat, env,
        )  # fmt: skip
        floor, floor_peak = median_run(
            f"sqlite-utils insert, {options.rows:,} rows",
            lambda db: [sqlite_utils, "insert", str(db), "collaborations",
                        str(files[options.rows]), "--csv"],
            None, options.repeat, env,
        )  # fmt: skip
        tenth, _ = median_run(
            f"vanort import, {options.rows // 10:,} rows", importing(files[options.rows // 10]),
            template, options.repeat, env,
        )  # fmt: skip
        small, _ = median_run(
            f"vanort import, {options.small:,} rows", importing(files[options.small]),
            template, options.repeat, env,
        )  # fmt: skip
        next_meeting, _ = median_run(
            "vanort next-meeting", lambda db: vanort("--db", str(db), "next-meeting"),
            template, options.repeat, env,
        )  # fmt: skip
    print()
    print(f"import / sqlite-utils ({options.rows:,} rows): {big / floor:.2f}x "
          f"({options.rows / big:,.0f} vs {options.rows / floor:,.0f} rows/s)")  # fmt: skip
    per_row = (big / options.rows) / (tenth / (options.rows // 10))
    print(f"cost per row, {options.rows:,} vs {options.rows // 10:,} rows: {per_row:.2f}x")
    print(f"{options.small:,}-row import / next-meeting: {small / next_meeting:.2f}x")
    print(f"peak memory: vanort {big_peak} MB, sqlite-utils {floor_peak} MB")


if __name__ == "__main__":
    main()
