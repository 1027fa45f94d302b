"""Concurrent writers: N processes each log M collaborations into one registry.

    python benchmarks/concurrency.py                      # the full figure: 8 x 200
    python benchmarks/concurrency.py --processes 4 --each 50 --json

Each process runs the real CLI in-process (`log-collaboration`) M times, so the
figure measures the registry's locking, not Python's start-up. Prints rows
stored, rows lost, commands that failed, and the elapsed time, with a single
writer's rate from the same run as the baseline.
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


def run(processes: int, each: int, db: Path) -> dict[str, float]:
    env = {**os.environ, "VANORT_DB": str(db)}
    subprocess.run(
        [sys.executable, "-m", "vanort_cli", "db", "init"], env=env, check=True, capture_output=True
    )
    start = time.perf_counter()
    workers = [
        subprocess.Popen(
            [sys.executable, __file__, "--worker", f"p{i}", "--each", str(each)],
            env=env,
            stdout=subprocess.PIPE,
            text=True,
        )
        for i in range(processes)
    ]
    errors = sum(int((w.communicate()[0] or "0").strip() or 0) for w in workers)
    elapsed = time.perf_counter() - start
    with sqlite3.connect(db) as connection:
        titles = {t for (t,) in connection.execute("select title from collaboration")}
        integrity = connection.execute("PRAGMA integrity_check").fetchone()[0]
    expected = {f"p{i}-{n}" for i in range(processes) for n in range(each)}
    return {
        "processes": processes,
        "each": each,
        "rows_expected": len(expected),
        "rows_stored": len(titles & expected),
        "rows_lost": len(expected - titles),
        "errors": errors,
        "elapsed_seconds": round(elapsed, 2),
        "rows_per_second": round(len(titles) / elapsed, 1),
        "integrity": integrity,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--processes", type=int, default=8)
    parser.add_argument("--each", type=int, default=200)
    parser.add_argument("--json", action="store_true", help="Print one JSON object.")
    parser.add_argument("--worker", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        worker(args.worker, args.each)
        return
    with tempfile.TemporaryDirectory() as tmp:
        figure = run(args.processes, args.each, Path(tmp) / "concurrent.db")
        if args.json:
            print(json.dumps(figure))
            return
        baseline = run(1, args.each, Path(tmp) / "single.db")
    for key, value in figure.items():
        print(f"{key:18} {value}")
    ratio = figure["rows_per_second"] / baseline["rows_per_second"]
    print(f"{'single writer':18} {baseline['rows_per_second']} rows/s (baseline, same run)")
    print(f"{'throughput ratio':18} {ratio:.2f}x the single writer")


if __name__ == "__main__":
    main()
