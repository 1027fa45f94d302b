"""vanort on PostgreSQL beside vanort on SQLite, and beside `psql \\copy`, in one run.

    python benchmarks/postgres.py [--rows 100000] [--repeat 3] [--url postgresql://…]

Without --url it starts a throwaway local server the way the tests do
(tests/pg_server.py: initdb, fsync off, removed at the end); with --url it uses
that server, whose login must be allowed to CREATE DATABASE (each run gets a
fresh database, dropped at the end). The CSV file is the one benchmarks/import.py
writes (its generator, the same seed). Each comparison alternates its commands,
`--repeat` times, and prints medians of:

  - cpu: the vanort (or psql) process's own user+system seconds, the figure to
    compare on a shared machine;
  - server: the PostgreSQL server's CPU seconds spent for it (only when this
    script started the server: read from the postmaster's reaped children);
  - wall: elapsed seconds; peak: the process's max RSS in MB.
A server started here runs with autovacuum off, and the registry is vacuumed
and analysed by hand before the everyday commands, so that the server's
background work is charged to no command.

Lines, first the import of --rows rows into a registry with the shipped data:
  - `vanort import, SQLite`      vanort collaborations import FILE, a fresh SQLite file
  - `vanort import, PostgreSQL`  the same into a fresh database on the server
  - `psql \\copy`                 the same CSV into a plain table of nine text columns
                                 (no checks, no links, no history): the server's floor
then, on the registries those imports left (both with the --rows rows):
  - `next-meeting`, `log-collaboration` (one collaboration, with its history; a
    new title each run, so that each run writes rather than being refused as a
    duplicate) and `report --year 2026 -f json`, each on SQLite and on PostgreSQL.

The targets of issue 26 are printed at the end with "met" or "NOT met":
PostgreSQL's import at most 1.2x SQLite's, and each everyday command on
PostgreSQL at most 1.3x SQLite's. The ratio is taken of cpu + server (all the
CPU the work costs, wherever it runs) when the server's CPU is known, else of
wall time; both ratios are printed.
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent / "tests"))

from measure import Usage, measure, vanort  # noqa: E402


def _import_benchmark():  # type: ignore[no-untyped-def]
    """benchmarks/import.py, whose name is a keyword: its file generator."""
    spec = importlib.util.spec_from_file_location("import_benchmark", HERE / "import.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


# One collaboration, as staff log it: its history written with it. Each run is
# given a title of its own: the same title, towns and start again is refused as
# a duplicate (exit 1, nothing written), which would measure a refusal instead.
LOG_ONE = ["log-collaboration", "-t", "Bergen", "-o", "SLK", "-a", "culture", "--title"]


def log_one() -> list[str]:
    return [*LOG_ONE, f"Benchmark {uuid.uuid4().hex[:8]}"]


@dataclass(frozen=True)
class Cost:
    """One command's cost: its own usage and the server's CPU seconds for it (or None)."""

    usage: Usage
    server: float | None

    @property
    def total(self) -> float:
        return self.usage.cpu + (self.server or 0.0)


class Server:
    """A PostgreSQL server: fresh databases, and (when started here) its CPU so far."""

    def __init__(self, url: str, postmaster: int | None) -> None:
        self.url = url
        self.postmaster = postmaster

    def database_url(self, name: str) -> str:
        from sqlalchemy.engine import make_url

        return make_url(self.url).set(database=name).render_as_string(hide_password=False)

    def execute(self, sql: str) -> None:
        import psycopg

        with psycopg.connect(self.url, autocommit=True) as connection:
            connection.execute(sql)  # type: ignore[arg-type]

    def execute_in(self, url: str, sql: str) -> None:
        import psycopg

        with psycopg.connect(url, autocommit=True) as connection:
            connection.execute(sql)  # type: ignore[arg-type]

    def create(self, template: str | None = None) -> str:
        name = f"bench_{uuid.uuid4().hex[:10]}"
        self.execute(f'CREATE DATABASE "{name}"' + (f' TEMPLATE "{template}"' if template else ""))
        return name

    def drop(self, name: str) -> None:
        self.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    def cpu(self) -> float | None:
        """The server's CPU seconds so far, its exited backends included (the
        postmaster reaps them, so their time is in its children's)."""
        if self.postmaster is None:
            return None
        fields = Path(f"/proc/{self.postmaster}/stat").read_text().rsplit(")", 1)[1].split()
        ticks = sum(int(fields[i]) for i in (11, 12, 13, 14))  # utime stime cutime cstime
        return ticks / os.sysconf("SC_CLK_TCK")


@contextmanager
def server_from(url: str | None) -> Iterator[Server]:
    if url is not None:
        yield Server(url, None)
        return
    import pg_server

    started = pg_server.start()
    try:
        pid_file = started.directory / "data" / "postmaster.pid"
        postmaster = int(pid_file.read_text().split()[0]) if pid_file.exists() else None
        if postmaster is not None and not os.access(f"/proc/{postmaster}/stat", os.R_OK):
            postmaster = None
        server = Server(started.superuser_url, postmaster)
        # Its own background work would be charged to whichever command runs when
        # it wakes: off, and the one VACUUM ANALYZE it would do run by hand below.
        server.execute("ALTER SYSTEM SET autovacuum = off")
        server.execute("SELECT pg_reload_conf()")
        yield server
    finally:
        started.stop()


def cost(server: Server, args: list[str], env: dict[str, str], *, on_server: bool = True) -> Cost:
    """What `args` cost; the server's CPU too when it runs `on_server` (a SQLite
    command is not charged the server's background work)."""
    if not on_server:
        return Cost(measure(args, env), None)
    before = server.cpu()
    usage = measure(args, env)
    after = server.cpu()
    # The backend has exited (the client closed it) but may not be reaped yet.
    if before is not None and after is not None:
        for _ in range(20):
            if after > before or usage.wall < 0.05:
                break
            import time

            time.sleep(0.05)
            after = server.cpu() or after
    spent = None if before is None or after is None else max(after - before, 0.0)
    return Cost(usage, spent)


def median(costs: list[Cost]) -> Cost:
    servers = [c.server for c in costs if c.server is not None]
    return Cost(
        Usage(
            statistics.median(c.usage.wall for c in costs),
            statistics.median(c.usage.cpu for c in costs),
            max(c.usage.peak for c in costs),
        ),
        statistics.median(servers) if servers else None,
    )


def show(label: str, c: Cost) -> None:
    server = f"{c.server:7.2f}" if c.server is not None else "      -"
    print(
        f"  {label:<40} cpu {c.usage.cpu:7.2f} s  server {server} s  "
        f"wall {c.usage.wall:7.2f} s  peak {c.usage.peak:4d} MB",
        flush=True,
    )


def verdict(label: str, pg: Cost, sqlite: Cost, target: float) -> None:
    """The ratio PostgreSQL / SQLite, of all CPU when known, else of wall time."""
    wall = pg.usage.wall / sqlite.usage.wall
    if pg.server is not None:
        ratio, what = pg.total / sqlite.total, "cpu+server"
    else:
        ratio, what = wall, "wall"
    met = "met" if ratio <= target else "NOT met"
    print(
        f"  {label:<40} {ratio:5.2f}x {what} (wall {wall:5.2f}x, client cpu "
        f"{pg.usage.cpu / sqlite.usage.cpu:5.2f}x); target <= {target}x: {met}"
    )


def alternate(repeat: int, commands: dict[str, Callable[[], Cost]]) -> dict[str, Cost]:
    runs: dict[str, list[Cost]] = {label: [] for label in commands}
    for _ in range(repeat):
        for label, command in commands.items():
            runs[label].append(command())
    return {label: median(costs) for label, costs in runs.items()}


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--url", help="a server whose login may CREATE DATABASE")
    options = parser.parse_args()
    psql = shutil.which("psql")
    if psql is None:
        sys.exit("psql is not installed (apt-get install postgresql-client)")
    bench = _import_benchmark()
    env = {**os.environ, "VANORT_TODAY": "2026-11-27", "NO_COLOR": "1", "VANORT_LANG": "en"}
    env.pop("VANORT_DB", None)
    with tempfile.TemporaryDirectory() as work_dir, server_from(options.url) as server:
        work = Path(work_dir)
        template = work / "template.db"
        bench.make_registry(template, env)
        names = bench.registry_names(template, env)
        data = work / f"rows-{options.rows}.csv"
        bench.make_file(data, options.rows, names)
        pg_template = server.create()
        bench.make_registry(server.database_url(pg_template), env)  # type: ignore[arg-type]
        made: list[str] = [pg_template]
        latest: dict[str, str] = {}
        size = data.stat().st_size / 2**20
        print(
            f"{options.rows:,} rows ({size:.1f} MB); medians of {options.repeat}, alternated; "
            f"server CPU {'read' if server.postmaster else 'not known (--url)'}"
        )

        def import_sqlite() -> Cost:
            db = work / f"registry-{uuid.uuid4().hex[:6]}.db"
            shutil.copy(template, db)
            if "sqlite" in latest:
                Path(latest["sqlite"]).unlink()
            latest["sqlite"] = str(db)
            args = vanort("--db", str(db), "collaborations", "import", str(data))
            return cost(server, args, env, on_server=False)

        def import_postgres() -> Cost:
            name = server.create(template=pg_template)
            made.append(name)
            latest["postgres"] = server.database_url(name)
            args = vanort("--db", latest["postgres"], "collaborations", "import", str(data))
            return cost(server, args, env)

        def psql_copy() -> Cost:
            name = server.create()
            made.append(name)
            url = server.database_url(name)
            columns = ", ".join(f"c{i} text" for i in range(9))
            subprocess.run([psql, url, "-qc", f"CREATE TABLE plain ({columns})"], check=True)
            copy = f"\\copy plain FROM '{data}' WITH (FORMAT csv, HEADER)"
            return cost(server, [psql, url, "-qc", copy], env)

        try:
            print(f"import of {options.rows:,} rows:")
            imports = alternate(
                options.repeat,
                {
                    "vanort import, SQLite": import_sqlite,
                    "vanort import, PostgreSQL": import_postgres,
                    "psql \\copy": psql_copy,
                },
            )
            for label, c in imports.items():
                show(label, c)
            # What the server's autovacuum does after a large import, done now, so
            # that it is charged to no command.
            server.execute_in(latest["postgres"], "VACUUM ANALYZE")
            print("everyday commands on those registries:")
            everyday: dict[str, Callable[[], list[str]]] = {
                "next-meeting": lambda: ["next-meeting"],
                "log-collaboration": log_one,
                "report --year 2026 -f json": lambda: ["report", "--year", "2026", "-f", "json"],
            }
            commands: dict[str, Callable[[], Cost]] = {}
            for label, args in everyday.items():
                for backend in ("SQLite", "PostgreSQL"):
                    db = latest["sqlite" if backend == "SQLite" else "postgres"]
                    commands[f"{label}, {backend}"] = lambda db=db, args=args, b=backend: cost(
                        server, vanort("--db", db, *args()), env, on_server=b == "PostgreSQL"
                    )
            results = alternate(options.repeat, commands)
            for label, c in results.items():
                show(label, c)
        finally:
            for name in made:
                server.drop(name)
    print()
    print("targets (issue 26):")
    copy_label = "import, PostgreSQL / psql \\copy"
    pg, sq, copy = (
        imports["vanort import, PostgreSQL"],
        imports["vanort import, SQLite"],
        imports["psql \\copy"],
    )
    verdict(f"import {options.rows:,} rows, PostgreSQL / SQLite", pg, sq, 1.2)
    print(
        f"  {copy_label:<40} {pg.usage.wall / copy.usage.wall:5.1f}x wall"
        + (f", {pg.total / copy.total:5.1f}x cpu+server" if pg.server is not None else "")
    )
    for label in everyday:
        verdict(
            f"{label}, PostgreSQL / SQLite",
            results[f"{label}, PostgreSQL"],
            results[f"{label}, SQLite"],
            1.3,
        )


if __name__ == "__main__":
    main()
