"""Concurrent writers: N processes each log M collaborations into one registry.

    python benchmarks/concurrency.py                      # the full figure: 8 x 200
    python benchmarks/concurrency.py --processes 4 --each 50 --json
    python benchmarks/concurrency.py --db postgresql://USER@HOST:PORT/DB

Each process runs the real CLI in-process (`log-collaboration`) M times, so the
figure measures the registry's locking, not Python's start-up. Prints rows
stored, rows lost, commands that failed, and the elapsed time, with a single
writer's rate from the same run as the baseline.

With `--db URL` (a PostgreSQL database, empty or a vanort registry) the same
run is made on it and on a SQLite file, one after the other, and both figures
are printed side by side. The titles carry a tag of the run, so a database used
before is counted only for this run's rows.
"""

from __future__ import annotations

import argparse
import json
import os
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def worker(tag: str, each: int) -> None:
    """Log `each` collaborations; print how many commands failed."""
    from typer.testing import CliRunner

    from vanort_cli.cli.app import app

    runner = CliRunner()
    failed = 0
    for n in range(each):
        result = runner.invoke(
            app,
            [
                "log-collaboration",
                "-t",
                "Åbo",
                "-t",
                "Bergen",
                "-o",
                "SLK",
                "-a",
                "culture",
                "--title",
                f"{tag}-{n}",
                "--start",
                "2026-01-01",
            ],
        )
        if result.exit_code != 0:
            failed += 1
            sys.stderr.write(result.stderr)
    print(failed)


def stored_titles(db: str) -> tuple[set[str], str]:
    """The titles in the registry, and its integrity ("ok", or what a server is)."""
    if db.startswith(("postgresql://", "postgres://", "postgresql+psycopg://")):
        import psycopg

        url = db.replace("postgresql+psycopg://", "postgresql://", 1)
        with psycopg.connect(url) as connection:
            titles = {t for (t,) in connection.execute("select title from collaboration")}
        return titles, "n/a (server)"
    with sqlite3.connect(db) as connection:
        titles = {t for (t,) in connection.execute("select title from collaboration")}
        integrity = connection.execute("PRAGMA integrity_check").fetchone()[0]
    return titles, integrity


def run(processes: int, each: int, db: Path | str, tag: str = "") -> dict[str, float | str]:
    env = {**os.environ, "VANORT_DB": str(db)}
    subprocess.run(
        [sys.executable, "-m", "vanort_cli", "db", "init"], env=env, check=True, capture_output=True
    )
    start = time.perf_counter()
    workers = [
        subprocess.Popen(
            [sys.executable, __file__, "--worker", f"{tag}p{i}", "--each", str(each)],
            env=env,
            stdout=subprocess.PIPE,
            text=True,
        )
        for i in range(processes)
    ]
    errors = sum(int((w.communicate()[0] or "0").strip() or 0) for w in workers)
    elapsed = time.perf_counter() - start
    titles, integrity = stored_titles(str(db))
    expected = {f"{tag}p{i}-{n}" for i in range(processes) for n in range(each)}
    stored = titles & expected
    return {
        "processes": processes,
        "each": each,
        "rows_expected": len(expected),
        "rows_stored": len(stored),
        "rows_lost": len(expected - titles),
        "errors": errors,
        "elapsed_seconds": round(elapsed, 2),
        "rows_per_second": round(len(stored) / elapsed, 1),
        "integrity": integrity,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--processes", type=int, default=8)
    parser.add_argument("--each", type=int, default=200)
    parser.add_argument("--json", action="store_true", help="Print one JSON object.")
    parser.add_argument(
        "--db",
        metavar="URL",
        help="A PostgreSQL database to measure too, beside SQLite in the same run.",
    )
    parser.add_argument("--worker", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        worker(args.worker, args.each)
        return
    if args.db:
        compare(args.processes, args.each, args.db, as_json=args.json)
        return
    with tempfile.TemporaryDirectory() as tmp:
        figure = run(args.processes, args.each, Path(tmp) / "concurrent.db")
        if args.json:
            print(json.dumps(figure))
            return
        baseline = run(1, args.each, Path(tmp) / "single.db")
    for key, value in figure.items():
        print(f"{key:18} {value}")
    ratio = float(figure["rows_per_second"]) / float(baseline["rows_per_second"])
    print(f"{'single writer':18} {baseline['rows_per_second']} rows/s (baseline, same run)")
    print(f"{'throughput ratio':18} {ratio:.2f}x the single writer")


def compare(processes: int, each: int, url: str, *, as_json: bool) -> None:
    """The same writers on SQLite and on the PostgreSQL database `url`, side by side."""
    tag = f"r{int(time.time())}-"
    with tempfile.TemporaryDirectory() as tmp:
        figures = {
            "sqlite": run(processes, each, Path(tmp) / "concurrent.db"),
            "postgresql": run(processes, each, url, tag),
        }
    if as_json:
        print(json.dumps(figures))
    else:
        print(f"{'':18} {'sqlite':>14} {'postgresql':>14}")
        for key in figures["sqlite"]:
            print(f"{key:18} {figures['sqlite'][key]!s:>14} {figures['postgresql'][key]!s:>14}")
    failed = any(f["rows_lost"] or f["errors"] for f in figures.values())
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
