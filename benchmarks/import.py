"""How fast `vanort collaborations import` stores an administration's file, against
`sqlite-utils insert` of the same file and against the floor, in the same run.

    python benchmarks/import.py [--rows 100000] [--repeat 3] [--small 1000]
                                [--sizes 20000,100000,300000]

Generates a realistic file (40 organisations, every town, 1-3 towns a row in
mixed spellings, Swedish headers, dates in several forms), then runs, each in its
own process on a fresh registry, the commands of a round one after another,
`--repeat` rounds (so a busy moment of the machine falls on all of them alike):
  - `vanort collaborations import FILE` (every row checked, all stored, with
    their audit trail written by the registry's triggers);
  - `sqlite-utils insert DB collaborations FILE --csv` (the rows as they are, no
    checks, no links, no history): the peer, "CSV into SQLite" in Python;
  - the floor: this script's own `--floor` mode, Python's sqlite3 `executemany`
    of the same rows into a copy of the registry with the history triggers
    dropped, in one transaction, no checks: the collaborations, their town links
    and an audit entry for each of them, of the shape the triggers write;
  - the same import at a tenth of the rows; a small file (--small rows) against
    `vanort next-meeting`;
  - the import at each of `--sizes` rows: its peak memory and CPU per row.
Prints medians of CPU time (user + system, the figure to compare on a busy
machine), wall time and the largest peak memory (max RSS) of each command, the
ratios, and each numeric target of issue 26 it measures with "met" or "NOT met":
  - import CPU at most 1.0x sqlite-utils' (aim 0.5x);
  - peak memory at most 100 MB at every size, and flat (the largest size's peak
    within 10% of the smallest's);
  - cost linear: the CPU each added row costs, from the second-largest size to
    the largest, within 1.25x of its cost from the smallest size to the next.
`--sizes ''` leaves the sizes out (a quick run: `--rows 20000 --repeat 1 --sizes ''`).
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
from collections.abc import Callable
from itertools import pairwise
from pathlib import Path

from measure import Usage, measure

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


def floor(file: Path, db: Path) -> None:
    """The floor, run in its own process (`--floor FILE DB`): the file's rows, with
    no check, into a copy of the registry (DB) without its history triggers, by
    Python's sqlite3 `executemany` in one transaction: the collaborations, their
    town links, and the audit entries the triggers would write, as JSON of the
    same shape. Names are looked up exactly as written, or fall back to the first."""
    import sqlite3
    from datetime import UTC, datetime

    connection = sqlite3.connect(db, isolation_level=None)
    for (name,) in connection.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'"):
        connection.execute(f'DROP TRIGGER "{name}"')

    def ids(query: str) -> dict[str, int]:
        return {str(n).casefold(): int(i) for i, n in connection.execute(query)}

    orgs = ids("SELECT id, name FROM organisation")
    areas = ids("SELECT id, name_sv FROM area")
    towns = ids("SELECT id, name_sv FROM town") | ids("SELECT id, name FROM town")
    now = datetime.now(UTC).replace(tzinfo=None).isoformat(sep=" ")
    connection.execute("BEGIN IMMEDIATE")
    base = connection.execute("SELECT coalesce(max(id), 0) FROM collaboration").fetchone()[0]
    link_base = connection.execute(
        "SELECT coalesce(max(id), 0) FROM collaboration_town"
    ).fetchone()[0]
    columns = (
        "title",
        "description",
        "organisation_id",
        "area_id",
        "kind",
        "start_date",
        "end_date",
        "contact",
        "reported_by",
        "reported_on",
        "created_at",
        "updated_at",
        "deleted_at",
        "owner_role",
    )
    with file.open(encoding="utf-8", newline="") as handle:
        reader = csv.reader(handle)
        next(reader)
        rows, links, audit = [], [], []
        for number, cells in enumerate(reader, start=base + 1):
            title, org, area, spelt, _kind, start, end, description, contact = cells
            row = (
                title,
                description,
                orgs.get(org.casefold(), 1),
                areas.get(area.casefold(), 1),
                "project",
                start,
                end or None,
                contact,
                "bench",
                "2026-11-27",
                now,
                now,
                None,
                None,
            )
            rows.append(row)
            new = json.dumps({"id": number, **dict(zip(columns, row, strict=True))})
            audit.append((now, "bench", "collaboration", number, "insert", new))
            named = spelt.replace(";", ",").replace("/", ",").replace(" och ", ",").split(",")
            for town_id in dict.fromkeys(towns.get(t.strip().casefold(), 1) for t in named):
                link_base += 1
                link = (number, town_id)
                links.append(link)
                new = json.dumps({"id": link_base, "collaboration_id": link[0], "town_id": link[1]})
                audit.append((now, "bench", "collaboration_town", link_base, "insert", new))
    connection.executemany(
        f"INSERT INTO collaboration ({', '.join(columns)}) "
        f"VALUES ({', '.join('?' * len(columns))})",
        rows,
    )
    connection.executemany(
        "INSERT INTO collaboration_town (collaboration_id, town_id) VALUES (?, ?)", links
    )
    connection.executemany(
        "INSERT INTO audit_entry (at, who, table_name, record_id, action, new) "
        "VALUES (?, ?, ?, ?, ?, ?)",
        audit,
    )
    connection.execute("COMMIT")


def alternated(
    commands: dict[str, tuple[Callable[[Path], list[str]], Path | None]],
    repeat: int,
    env: dict[str, str],
) -> dict[str, Usage]:
    """Each command on a fresh copy of its registry (or none), one after another,
    `repeat` rounds: the median CPU and wall time and the largest peak of each."""
    runs: dict[str, list[Usage]] = {label: [] for label in commands}
    for _ in range(repeat):
        for label, (make_args, template) in commands.items():
            with tempfile.TemporaryDirectory() as scratch:
                db = Path(scratch) / "registry.db"
                if template is not None:
                    shutil.copy(template, db)
                runs[label].append(measure(make_args(db), env, ok=(0,)))
    result = {}
    for label, usages in runs.items():
        result[label] = Usage(
            statistics.median(u.wall for u in usages),
            statistics.median(u.cpu for u in usages),
            max(u.peak for u in usages),
        )
        used = result[label]
        print(
            f"  {label:<44} {used.cpu:7.2f} s CPU {used.wall:7.2f} s wall {used.peak:5d} MB",
            flush=True,
        )
    return result


def verdict(ok: bool) -> str:
    return "met" if ok else "NOT met"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--small", type=int, default=1000)
    parser.add_argument(
        "--sizes",
        default="20000,100000,300000",
        help="Row counts whose peak memory and CPU per row are printed.",
    )
    parser.add_argument("--floor", nargs=2, metavar=("FILE", "DB"), help=argparse.SUPPRESS)
    options = parser.parse_args()
    if options.floor:
        floor(Path(options.floor[0]), Path(options.floor[1]))
        return
    sizes = sorted({int(n) for n in options.sizes.split(",") if n.strip()})
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
        for rows in sorted({options.rows, options.rows // 10, options.small, *sizes}):
            files[rows] = work / f"rows-{rows}.csv"
            make_file(files[rows], rows, names)
        size = files[options.rows].stat().st_size / 2**20
        print(
            f"{options.rows:,} rows ({size:.1f} MB), {len(names[0])} organisations, "
            f"{len(names[2])} towns; medians of {options.repeat}; peak = max RSS"
        )

        def importing(path: Path) -> Callable[[Path], list[str]]:
            return lambda db: vanort("--db", str(db), "collaborations", "import", str(path))

        big_file = files[options.rows]
        big_label = f"vanort import, {options.rows:,} rows"
        peer_label = f"sqlite-utils insert, {options.rows:,} rows"
        floor_label = f"floor (sqlite3 executemany), {options.rows:,} rows"
        tenth_label = f"vanort import, {options.rows // 10:,} rows"
        small_label = f"vanort import, {options.small:,} rows"
        used = alternated(
            {
                big_label: (importing(big_file), template),
                peer_label: (
                    lambda db: [
                        sqlite_utils,
                        "insert",
                        str(db),
                        "collaborations",
                        str(big_file),
                        "--csv",
                    ],
                    None,
                ),
                floor_label: (
                    lambda db: [sys.executable, __file__, "--floor", str(big_file), str(db)],
                    template,
                ),
                tenth_label: (importing(files[options.rows // 10]), template),
                small_label: (importing(files[options.small]), template),
                "vanort next-meeting": (
                    lambda db: vanort("--db", str(db), "next-meeting"),
                    template,
                ),
            },
            options.repeat,
            env,
        )
        if sizes:
            print(f"the import at each size (medians of {options.repeat}):")
            by_size = alternated(
                {f"vanort import, {n:,} rows": (importing(files[n]), template) for n in sizes},
                options.repeat,
                env,
            )
    big, peer, bottom = used[big_label], used[peer_label], used[floor_label]
    tenth, small = used[tenth_label], used[small_label]
    print()
    ratio = big.cpu / peer.cpu
    print(
        f"import / sqlite-utils ({options.rows:,} rows), CPU: {ratio:.2f}x "
        f"({big.cpu:.2f} s vs {peer.cpu:.2f} s; wall {big.wall / peer.wall:.2f}x); "
        f"target at most 1.0x: {verdict(ratio <= 1.0)} (aim 0.5x: {verdict(ratio <= 0.5)})"
    )
    print(
        f"import / floor ({options.rows:,} rows), CPU: {big.cpu / bottom.cpu:.2f}x "
        f"({big.cpu:.2f} s vs {bottom.cpu:.2f} s; wall {big.wall / bottom.wall:.2f}x)"
    )
    per_row = (big.cpu / options.rows) / (tenth.cpu / (options.rows // 10))
    print(f"CPU per row, {options.rows:,} vs {options.rows // 10:,} rows: {per_row:.2f}x")
    print(
        f"{options.small:,}-row import / next-meeting, CPU: "
        f"{small.cpu / used['vanort next-meeting'].cpu:.2f}x"
    )
    print(
        f"peak memory, {options.rows:,} rows: vanort {big.peak} MB, sqlite-utils {peer.peak} MB, "
        f"floor {bottom.peak} MB; target at most 100 MB: {verdict(big.peak <= 100)}"
    )
    if sizes:
        first = by_size[f"vanort import, {sizes[0]:,} rows"]
        last = by_size[f"vanort import, {sizes[-1]:,} rows"]
        for n in sizes:
            u = by_size[f"vanort import, {n:,} rows"]
            print(f"  {n:>9,} rows: peak {u.peak} MB, {u.cpu / n * 1e6:6.1f} us CPU a row")
        peaks = [by_size[f"vanort import, {n:,} rows"].peak for n in sizes]
        print(
            f"peak memory at most 100 MB at every size: {verdict(max(peaks) <= 100)}; "
            f"flat ({sizes[-1]:,} rows within 10% of {sizes[0]:,}: {last.peak} vs "
            f"{first.peak} MB): {verdict(last.peak <= first.peak * 1.10)}"
        )
        # The cost of the rows themselves: each step's added CPU per added row (a
        # command's start-up, ~1 s, is the same at every size and left out).
        steps = [
            (by_size[f"vanort import, {b:,} rows"].cpu - by_size[f"vanort import, {a:,} rows"].cpu)
            / (b - a)
            for a, b in pairwise(sizes)
        ]
        if len(steps) >= 2:
            linear = steps[-1] / steps[0]
            print(
                f"cost linear (CPU per added row, {sizes[-2]:,} to {sizes[-1]:,} vs "
                f"{sizes[0]:,} to {sizes[1]:,} rows, at most 1.25x): "
                f"{linear:.2f}x {verdict(linear <= 1.25)}"
            )


if __name__ == "__main__":
    main()
