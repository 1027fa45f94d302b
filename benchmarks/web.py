"""Forty reporters at once against one `vanort serve` on localhost (issue 25).

    python benchmarks/web.py                        # 40 reporters x 10 requests each
    python benchmarks/web.py --reporters 8 --requests 3 --json
    python benchmarks/web.py --pg postgresql://postgres@HOST:PORT/postgres

One run measures both backends, one after the other, and prints them side by
side: a fresh SQLite registry, and a fresh database on a PostgreSQL server
(`--pg`, a superuser's URL; without it a throwaway server is started as the
tests do, tests/pg_server.py) where `vanort serve` connects as a login of the
`vanort_web` role, never as the owner. Each registry has the 2026 round open.

Every reporter is a thread with its own HTTP client; all start together (a
barrier) and each makes `--requests` requests, so the run is bounded in count;
it is bounded in time too (`--seconds`, 60 by default: a reporter still busy
then stops and the run says so). Printed: requests, requests per second,
p50/p95 latency, errors (must be 0), and the store check: the registry holds
exactly the answers the reporters sent. Exit 1 when any error or the store
check fails.

WHAT IS MEASURED TODAY: the reporters' answer pages (a personal link exchanged
for a session, then POST of the answer) are being built on branch web-reporter.
Until they are merged, `reporter_flow` reads what exists (the home page in both
languages and the style sheet), and the store check verifies that nothing was
written (no round answered). The reporter flow plugs in at `reporter_flow` and
`ANSWERS_PER_REPORTER`; nothing else needs to change.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))
TODAY = "2026-12-07"
YEAR = "2026"
PASSWORD = "web-benchmark-pw"
REQUEST_TIMEOUT = 10.0


# -- the reporter: what one simulated person does ------------------------------------

# How many round answers one reporter stores: 0 until the reporter flow exists
# (branch web-reporter); then 1, and the store check expects one answered
# organisation per reporter.
ANSWERS_PER_REPORTER = 0


@dataclass
class Reporter:
    """One simulated reporter: its number, its client, and what it measured."""

    number: int
    client: httpx.Client
    latencies: list[float] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    def request(self, method: str, path: str, **kwargs: Any) -> httpx.Response | None:
        """One timed request; an error is a transport failure or a status >= 400."""
        start = time.perf_counter()
        try:
            response = self.client.request(method, path, **kwargs)
        except httpx.HTTPError as error:
            self.errors.append(f"{method} {path}: {type(error).__name__}")
            return None
        finally:
            self.latencies.append(time.perf_counter() - start)
        if response.status_code >= 400:
            self.errors.append(f"{method} {path}: {response.status_code}")
        return response


def reporter_flow(reporter: Reporter, step: int) -> None:
    """The `step`-th request of a reporter. THE PLACE WHERE THE REPORTER FLOW PLUGS
    IN: once the answer pages exist, step 0 opens the reporter's personal link (a
    link per organisation, made with `round links`), which the server exchanges
    for a session cookie (the client keeps it); the last step POSTs the answer
    (with the form's CSRF token), and set ANSWERS_PER_REPORTER = 1. Until then it
    reads the public pages, which is what a reporter's browser loads too."""
    pages = ("/", "/?lang=en", "/static/vanort.css")
    reporter.request("GET", pages[(reporter.number + step) % len(pages)])


# -- a registry and a server ---------------------------------------------------------


def vanort(db: str, *args: str) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "vanort_cli", "--db", db, *args],
        env={**os.environ, "VANORT_TODAY": TODAY},
        capture_output=True,
        text=True,
    )
    if done.returncode != 0:
        raise RuntimeError(f"vanort {' '.join(args)}: {done.stderr.strip()}")


def open_round(db: str) -> None:
    vanort(db, "db", "init")
    vanort(db, "round", "open", YEAR, "--deadline", "2027-01-31")


@contextmanager
def sqlite_registry(directory: Path) -> Iterator[tuple[str, str]]:
    """A fresh SQLite registry: (the URL `serve` uses, the URL the check reads)."""
    path = str(directory / "web.db")
    open_round(path)
    yield path, path


@contextmanager
def postgres_registry(superuser_url: str) -> Iterator[tuple[str, str]]:
    """A fresh database with its roles set up: (the web login's URL, the owner's)."""
    import psycopg
    from sqlalchemy.engine import make_url

    tag = uuid.uuid4().hex[:8]
    owner, web, database = f"owner_{tag}", f"web_{tag}", f"web_bench_{tag}"
    base = make_url(superuser_url)

    def url(login: str) -> str:
        return base.set(username=login, password=PASSWORD, database=database).render_as_string(
            hide_password=False
        )

    with psycopg.connect(superuser_url, autocommit=True) as admin:
        for name in (owner, web):
            admin.execute(f"CREATE ROLE {name} LOGIN PASSWORD '{PASSWORD}'")
        admin.execute(f"ALTER ROLE {owner} CREATEROLE")
        admin.execute(f"CREATE DATABASE {database} OWNER {owner}")
    try:
        vanort(url(owner), "db", "init")
        vanort(url(owner), "db", "roles", "--setup")
        vanort(url(owner), "db", "roles", "--grant", web, "--as", "web")
        # The round is opened by the owner's login, which may take the owner role
        # for a transaction; the web's login could not.
        vanort(url(owner), "db", "roles", "--grant", owner, "--as", "editor")
        vanort(url(owner), "round", "open", YEAR, "--deadline", "2027-01-31")
        yield url(web), url(owner)
    finally:
        with psycopg.connect(superuser_url, autocommit=True) as admin:
            admin.execute(f"DROP DATABASE IF EXISTS {database} WITH (FORCE)")
            for name in (owner, web):
                admin.execute(f"DROP ROLE IF EXISTS {name}")


def answered(db: str) -> int:
    """How many organisations of the round have an answer in the registry."""
    sql = (
        "SELECT count(*) FROM round_organisation r JOIN reporting_round g ON g.id = r.round_id "
        f"WHERE g.year = {int(YEAR)} AND r.answer IS NOT NULL"
    )
    if db.startswith("postgresql://"):
        import psycopg

        with psycopg.connect(db) as connection:
            row = connection.execute(sql).fetchone()
    else:
        import sqlite3

        with sqlite3.connect(db) as connection:
            row = connection.execute(sql).fetchone()
    return int(row[0]) if row else 0


# -- one measurement -----------------------------------------------------------------


def load(base: str, reporters: int, requests: int, seconds: float) -> dict[str, Any]:
    """`reporters` threads, started together, each making `requests` requests."""
    barrier = threading.Barrier(reporters + 1)
    deadline = [0.0]
    everyone = [
        Reporter(n, httpx.Client(base_url=base, timeout=REQUEST_TIMEOUT)) for n in range(reporters)
    ]
    unfinished: list[int] = []

    def work(reporter: Reporter) -> None:
        barrier.wait()
        for step in range(requests):
            if time.monotonic() > deadline[0]:
                unfinished.append(reporter.number)
                return
            reporter_flow(reporter, step)

    threads = [threading.Thread(target=work, args=(r,)) for r in everyone]
    for thread in threads:
        thread.start()
    deadline[0] = time.monotonic() + seconds
    start = time.perf_counter()
    barrier.wait()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - start
    for reporter in everyone:
        reporter.client.close()
    latencies = sorted(x for r in everyone for x in r.latencies)
    errors = [e for r in everyone for e in r.errors]
    cuts = statistics.quantiles(latencies, n=100) if len(latencies) > 1 else latencies * 99
    return {
        "reporters": reporters,
        "requests": len(latencies),
        "elapsed_seconds": round(elapsed, 2),
        "requests_per_second": round(len(latencies) / elapsed, 1) if elapsed else 0.0,
        "p50_ms": round(cuts[49] * 1000, 1) if cuts else 0.0,
        "p95_ms": round(cuts[94] * 1000, 1) if cuts else 0.0,
        "errors": len(errors),
        "unfinished_reporters": len(unfinished),
        "first_error": errors[0] if errors else "",
    }


def measure(
    backend: str, reporters: int, requests: int, seconds: float, superuser_url: str | None
) -> dict[str, Any]:
    """One backend: a fresh registry, `vanort serve` over it, the load, the store check."""
    from web_server import serving

    with tempfile.TemporaryDirectory() as tmp:
        registry = (
            sqlite_registry(Path(tmp))
            if backend == "sqlite"
            else postgres_registry(superuser_url or "")
        )
        with registry as (served, checked):
            before = answered(checked)
            with serving(served, log=Path(tmp) / "serve.log") as base:
                figure = load(base, reporters, requests, seconds)
            stored = answered(checked) - before
    expected = reporters * ANSWERS_PER_REPORTER
    figure["answers_expected"] = expected
    figure["answers_stored"] = stored
    figure["store_check"] = "ok" if stored == expected else "FAILED"
    return figure


@contextmanager
def postgres_superuser(given: str | None) -> Iterator[str | None]:
    """The superuser URL given, or a throwaway server's (None: none can start here)."""
    if given:
        yield given
        return
    import pg_server

    if pg_server.find_binary("initdb") is None:
        yield None
        return
    with pg_server.running() as server:
        yield server.superuser_url


def run(reporters: int, requests: int, seconds: float, pg: str | None) -> dict[str, dict[str, Any]]:
    """Both backends in one run: {"sqlite": figure, "postgresql": figure}."""
    figures = {"sqlite": measure("sqlite", reporters, requests, seconds, None)}
    with postgres_superuser(pg) as superuser_url:
        if superuser_url is None:
            figures["postgresql"] = {"skipped": "no PostgreSQL server (initdb) here; use --pg"}
        else:
            figures["postgresql"] = measure(
                "postgresql", reporters, requests, seconds, superuser_url
            )
    return figures


def failed(figures: dict[str, dict[str, Any]]) -> bool:
    return any(
        f.get("errors") or f.get("unfinished_reporters") or f.get("store_check") == "FAILED"
        for f in figures.values()
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--reporters", type=int, default=40)
    parser.add_argument("--requests", type=int, default=10, help="Requests per reporter.")
    parser.add_argument("--seconds", type=float, default=60, help="The whole load's bound.")
    parser.add_argument("--pg", metavar="URL", help="A PostgreSQL superuser's URL.")
    parser.add_argument("--json", action="store_true", help="Print one JSON object.")
    args = parser.parse_args()
    figures = run(args.reporters, args.requests, args.seconds, args.pg)
    if args.json:
        print(json.dumps(figures))
    else:
        print("measured: the public pages (the reporters' answer flow is not there yet)")
        keys = list(figures["sqlite"])
        print(f"{'':22} {'sqlite':>16} {'postgresql':>16}")
        for key in keys:
            print(
                f"{key:22} {figures['sqlite'].get(key, '')!s:>16} "
                f"{figures['postgresql'].get(key, '')!s:>16}"
            )
        if "skipped" in figures["postgresql"]:
            print(f"postgresql: {figures['postgresql']['skipped']}")
    sys.exit(1 if failed(figures) else 0)


if __name__ == "__main__":
    main()
