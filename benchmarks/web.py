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

What a reporter does: it opens its organisation's personal link (made with
`vanort round links`), which the server exchanges for a session cookie; reads
its answer page (and takes the form's CSRF token); reads it again while it has
requests to spare; and answers: an even-numbered reporter "no collaborations
this year", an odd one adds a collaboration and sends its answer (with four
requests or more). The store check: every organisation a reporter answered for
has its answer in the registry.
"""

from __future__ import annotations

import argparse
import json
import os
import re
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

# How many round answers one reporter stores: the store check expects one answered
# organisation per reporter.
ANSWERS_PER_REPORTER = 1


@dataclass
class Reporter:
    """One simulated reporter: its number, its client, and what it measured."""

    number: int
    client: httpx.Client
    link: str = ""  # its organisation's personal link, the path only
    csrf: str = ""
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


def reporter_flow(reporter: Reporter, step: int, last: int) -> None:
    """The `step`-th of a reporter's requests (`last` is its last step's number)."""
    if step == 0:
        reporter.request("GET", reporter.link)  # 303 to /answer, with the cookie
    elif step == last:
        action = "send" if reporter.number % 2 and last >= 3 else "nothing"
        reporter.request("POST", f"/answer/{action}", data={"csrf": reporter.csrf, "name": "Bench"})
    elif step == last - 1 and reporter.number % 2 and last >= 3:
        reporter.request(
            "POST",
            "/answer/add",
            data={
                "csrf": reporter.csrf,
                "name": "Bench",
                "title": f"Benchmark {reporter.number}",
                "towns": "bergen",
                "area": "culture",
                "kind": "project",
                "start_date": "2026-03-01",
            },
        )
    else:
        page = reporter.request("GET", "/answer")
        if page is not None and not reporter.csrf:
            found = re.search(r'name="csrf" value="([^"]+)"', page.text)
            reporter.csrf = found.group(1) if found else ""


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


def enough_organisations(db: str, reporters: int) -> None:
    """One organisation of the round per reporter: the shipped ones, and more."""
    shipped = 33  # the administrations and companies a new registry asks
    for n in range(shipped, reporters):
        name = f"Benchmarkförvaltning {n}"
        vanort(db, "orgs", "add", name, "--kind", "forvaltning")
        vanort(db, "round", "open", YEAR, "--org", name)


def links(db: str, base: str) -> list[str]:
    """Each organisation's personal link, made by `round links` for this server."""
    done = subprocess.run(
        [sys.executable, "-m", "vanort_cli", "--db", db, "round", "links", YEAR,
         "--base-url", base, "-f", "json"],
        env={**os.environ, "VANORT_TODAY": TODAY},
        capture_output=True,
        text=True,
    )  # fmt: skip
    if done.returncode != 0:
        raise RuntimeError(f"vanort round links: {done.stderr.strip()}")
    return [row["url"] for row in json.loads(done.stdout)]


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


def load(
    base: str, reporters: int, requests: int, seconds: float, links: list[str]
) -> dict[str, Any]:
    """`reporters` threads, started together, each making `requests` requests,
    reporter n with links[n] (one organisation each)."""
    barrier = threading.Barrier(reporters + 1)
    deadline = [0.0]
    everyone = [
        Reporter(
            n, httpx.Client(base_url=base, timeout=REQUEST_TIMEOUT), links[n].removeprefix(base)
        )
        for n in range(reporters)
    ]
    unfinished: list[int] = []

    def work(reporter: Reporter) -> None:
        barrier.wait()
        for step in range(requests):
            if time.monotonic() > deadline[0]:
                unfinished.append(reporter.number)
                return
            reporter_flow(reporter, step, requests - 1)

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
            enough_organisations(checked, reporters)
            before = answered(checked)
            with serving(served, log=Path(tmp) / "serve.log", env={"VANORT_TODAY": TODAY}) as base:
                figure = load(base, reporters, requests, seconds, links(checked, base))
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
        print("measured: reporters opening their links, reading and answering")
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
