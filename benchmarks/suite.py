"""What the test suite costs, and where its slowest setup goes (issue 26).

    python benchmarks/suite.py                 # the unit lane, then the whole suite
    python benchmarks/suite.py --lane unit     # tests/unit/ alone (seconds)
    python benchmarks/suite.py --lane whole -- --backend sqlite   # pytest's own options after --
    python benchmarks/suite.py --lane whole --root ../main -- tests/test_orgs.py
                                               # another checkout's tests (before/after)

Each lane is the README's command (`python -m pytest`, with pyproject's options:
in parallel, one worker a core; `python -m pytest tests/unit -n0`) run in its
own process, with this file loaded into pytest (and its workers) as a plugin
(`-p suite`) that times, in every worker:
  - every fixture's setup, by name, less the fixtures it asks for itself (so the
    PostgreSQL server's start is counted once, under `postgres_server`, not
    again under the fixtures that reach it);
  - every `subprocess.run` and `Popen` a test starts, by what it starts: the
    vanort CLI in a process of its own (`python -m vanort_cli`, `vanort`), the
    PostgreSQL tools (initdb, pg_ctl, psql, pg_dump...), the browser (Chromium,
    through Playwright's driver), anything else; the CLI's own processes also by
    test module (a process costs ~0.5 s of start-up: the modules where the CLI
    could run in-process, tests/conftest.py's `run`, show here);
  - each test's setup, call and teardown (pytest's `--durations`, per phase);
  - the CPU of each throwaway PostgreSQL server (its postmaster and every
    backend it reaped), read before the server stops: that CPU is spent by the
    suite but is not a child of pytest (pg_ctl starts the server as a daemon).

It prints, for each lane: wall time; CPU time (user + system) of pytest, its
workers and every process they waited for, plus the PostgreSQL servers'; peak
memory of the largest single process; then the twelve costliest fixtures, the
subprocesses by kind, and the slowest tests by phase. Compare CPU time on a
busy machine: the two-core machine is shared, and another process's load
stretches wall time, not CPU time.

The targets of issue 26 are printed with the figure and "met" or "NOT met":
  - the whole suite on a 2-core machine well under 5 minutes (wall; "well under"
    read as at most 4 minutes, 240 s);
  - the unit lane under 30 seconds (wall, conftest and plugins' start included).
Wall is the figure the targets name; on a loaded machine they read high.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[1]
PROFILE_DIR = "VANORT_SUITE_PROFILE_DIR"
WHOLE_TARGET = 240.0  # "well under 5 minutes"
UNIT_TARGET = 30.0
CLI_KIND = "vanort CLI in its own process"


# --- The plugin: loaded into pytest and its workers by `-p suite` -----------------


def _kind(args: Any) -> str:
    """What a subprocess is, from its command line."""
    words = [str(a) for a in args] if isinstance(args, list | tuple) else str(args).split()
    line = " ".join(words)
    names = {Path(w).name for w in words}
    if "vanort_cli" in line or "vanort" in names:
        return CLI_KIND
    if names & {"initdb", "pg_ctl", "psql", "pg_dump", "pg_restore", "runuser", "postgres"}:
        return "PostgreSQL tools"
    if "chrom" in line.lower() or "playwright" in line.lower() or "node" in names:
        return "browser (Chromium, Playwright)"
    return "other: " + (Path(words[0]).name if words else "?")


class _Recorder:
    """Times fixtures, subprocesses and test phases in one pytest process."""

    def __init__(self) -> None:
        self.fixtures: dict[str, list[float]] = defaultdict(lambda: [0, 0.0])
        self.subprocesses: dict[str, list[float]] = defaultdict(lambda: [0, 0.0])
        self.phases: list[tuple[str, str, float]] = []
        self.postgres_cpu = 0.0
        # The vanort CLI started in a process of its own, by test module (count, wall).
        self.cli_by_module: dict[str, list[float]] = defaultdict(lambda: [0, 0.0])
        self._module = "(no test)"
        self._stack: list[float] = []  # time spent in nested fixtures, per level

    @pytest.hookimpl(hookwrapper=True)
    def pytest_fixture_setup(self, fixturedef: Any, request: Any) -> Iterator[None]:
        self._stack.append(0.0)
        start = time.perf_counter()
        yield
        spent = time.perf_counter() - start
        nested = self._stack.pop()
        entry = self.fixtures[fixturedef.argname]
        entry[0] += 1
        entry[1] += spent - nested
        if self._stack:
            self._stack[-1] += spent

    @pytest.hookimpl(hookwrapper=True)
    def pytest_runtest_protocol(self, item: pytest.Item) -> Iterator[None]:
        self._module = item.nodeid.split("::")[0]
        yield
        self._module = "(no test)"

    def pytest_runtest_logreport(self, report: pytest.TestReport) -> None:
        if getattr(report, "node", None) is not None:
            return  # a worker's report, passed on to pytest-xdist's controller
        self.phases.append((report.nodeid, report.when, report.duration))

    def install(self) -> None:
        """Wrap subprocess.run and Popen.wait/communicate, and the PostgreSQL
        server's stop, to see what they cost."""
        recorder = self
        original_init = subprocess.Popen.__init__
        original_wait = subprocess.Popen.wait
        original_communicate = subprocess.Popen.communicate

        def init(popen: Any, args: Any, *rest: Any, **kwargs: Any) -> None:
            popen._suite_kind = _kind(args)
            popen._suite_start = time.perf_counter()
            popen._suite_counted = False
            popen._suite_module = recorder._module
            original_init(popen, args, *rest, **kwargs)
            recorder.subprocesses[popen._suite_kind][0] += 1
            if popen._suite_kind == CLI_KIND:
                recorder.cli_by_module[recorder._module][0] += 1

        def finished(popen: Any) -> None:
            if not getattr(popen, "_suite_counted", True) and popen.returncode is not None:
                popen._suite_counted = True
                spent = time.perf_counter() - popen._suite_start
                recorder.subprocesses[popen._suite_kind][1] += spent
                if popen._suite_kind == CLI_KIND:
                    recorder.cli_by_module[popen._suite_module][1] += spent

        def wait(popen: Any, *args: Any, **kwargs: Any) -> Any:
            try:
                return original_wait(popen, *args, **kwargs)
            finally:
                finished(popen)

        def communicate(popen: Any, *args: Any, **kwargs: Any) -> Any:
            try:
                return original_communicate(popen, *args, **kwargs)
            finally:
                finished(popen)

        subprocess.Popen.__init__ = init  # type: ignore[method-assign]
        subprocess.Popen.wait = wait  # type: ignore[method-assign]
        subprocess.Popen.communicate = communicate  # type: ignore[method-assign]

        try:
            import pg_server
        except ImportError:
            return
        original_stop = pg_server.PostgresServer.stop

        def stop(server: Any) -> None:
            recorder.postgres_cpu += _server_cpu(server.directory / "data")
            original_stop(server)

        pg_server.PostgresServer.stop = stop  # type: ignore[method-assign]

    def pytest_sessionfinish(self, session: pytest.Session) -> None:
        directory = os.environ.get(PROFILE_DIR)
        if not directory:
            return
        worker = os.environ.get("PYTEST_XDIST_WORKER", "main")
        Path(directory, f"{worker}.json").write_text(
            json.dumps(
                {
                    "fixtures": self.fixtures,
                    "subprocesses": self.subprocesses,
                    "cli_by_module": self.cli_by_module,
                    "phases": self.phases,
                    "postgres_cpu": self.postgres_cpu,
                }
            )
        )


def _server_cpu(data: Path) -> float:
    """The postmaster's CPU and its reaped backends', from /proc (Linux), in seconds."""
    try:
        pid = int((data / "postmaster.pid").read_text().split()[0])
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except (OSError, ValueError, IndexError):
        return 0.0
    # utime, stime, cutime, cstime: fields 14-17 of stat, 11-14 after the name.
    ticks = sum(int(f) for f in fields[11:15])
    return ticks / os.sysconf("SC_CLK_TCK")


def pytest_configure(config: pytest.Config) -> None:
    if os.environ.get(PROFILE_DIR) and not config.pluginmanager.has_plugin("suite-recorder"):
        recorder = _Recorder()
        # pytest-xdist's controller runs no test: its own subprocesses are the workers.
        if hasattr(config, "workerinput") or config.getoption("dist", "no") == "no":
            recorder.install()
        config.pluginmanager.register(recorder, "suite-recorder")


# --- The benchmark: runs the lanes and reads the plugin's records ------------------


def _lane(
    name: str, extra: list[str], root: Path
) -> tuple[float, float, int, list[dict[str, Any]]]:
    args = [sys.executable, "-m", "pytest", "-p", "suite", "-p", "no:randomly", *extra]
    if name == "unit":
        args += ["tests/unit", "-n0"]  # the README's command: one process
    with tempfile.TemporaryDirectory() as directory:
        env = {**os.environ, PROFILE_DIR: directory}
        env["PYTHONPATH"] = os.pathsep.join(
            p for p in (str(ROOT / "benchmarks"), env.get("PYTHONPATH")) if p
        )
        start = time.perf_counter()
        process = subprocess.Popen(args, cwd=root, env=env, stdout=subprocess.PIPE)
        assert process.stdout is not None
        tail = process.stdout.read().decode(errors="replace").strip().splitlines()[-3:]
        _, status, usage = os.wait4(process.pid, 0)
        wall = time.perf_counter() - start
        records = [json.loads(p.read_text()) for p in sorted(Path(directory).glob("*.json"))]
    print(f"  pytest: {' | '.join(tail)}")
    if os.waitstatus_to_exitcode(status) != 0:
        code = os.waitstatus_to_exitcode(status)
        print(f"  (pytest exited {code}: the figures are of a failed run)")
    cpu = usage.ru_utime + usage.ru_stime
    return wall, cpu, usage.ru_maxrss // 1024, records


def _report(name: str, extra: list[str], target: float, top: int, root: Path) -> bool:
    print(
        f"\n== {name} lane: python -m pytest {'tests/unit -n0 ' if name == 'unit' else ''}"
        f"{' '.join(extra)}".rstrip()
    )
    wall, cpu, peak, records = _lane(name, extra, root)
    postgres = sum(r["postgres_cpu"] for r in records)
    fixtures: dict[str, list[float]] = defaultdict(lambda: [0, 0.0])
    spawned: dict[str, list[float]] = defaultdict(lambda: [0, 0.0])
    by_module: dict[str, list[float]] = defaultdict(lambda: [0, 0.0])
    phases: list[tuple[str, str, float]] = []
    for record in records:
        for key, (count, spent) in record.get("cli_by_module", {}).items():
            by_module[key][0] += count
            by_module[key][1] += spent
        for key, (count, spent) in record["fixtures"].items():
            fixtures[key][0] += count
            fixtures[key][1] += spent
        for key, (count, spent) in record["subprocesses"].items():
            spawned[key][0] += count
            spawned[key][1] += spent
        phases.extend(tuple(p) for p in record["phases"])
    tests = sum(1 for _, when, _ in phases if when == "call")
    workers = sum(1 for record in records if record["phases"])
    print(f"  {tests} tests in {workers} process(es)")
    print(
        f"  wall {wall:.1f} s   CPU {cpu + postgres:.1f} s (pytest and its children "
        f"{cpu:.1f} s, PostgreSQL servers {postgres:.1f} s)   peak {peak} MB"
    )
    in_tests = sum(d for _, _, d in phases)
    print(
        f"  summed test time over the workers: {in_tests:.1f} s "
        f"(setup {sum(d for _, w, d in phases if w == 'setup'):.1f}, "
        f"call {sum(d for _, w, d in phases if w == 'call'):.1f}, "
        f"teardown {sum(d for _, w, d in phases if w == 'teardown'):.1f})"
    )
    print("  costliest fixtures (own setup time, summed over workers; count):")
    for key, (count, spent) in sorted(fixtures.items(), key=lambda kv: -kv[1][1])[:12]:
        print(f"    {spent:7.1f} s  {int(count):5d}x  {key}")
    print("  subprocesses started by tests and fixtures (wall until reaped; count):")
    for key, (count, spent) in sorted(spawned.items(), key=lambda kv: -kv[1][1]):
        print(f"    {spent:7.1f} s  {int(count):5d}x  {key}")
    if by_module:
        print("  the vanort CLI in its own process, by test module (wall until reaped; count):")
        for key, (count, spent) in sorted(by_module.items(), key=lambda kv: -kv[1][1]):
            print(f"    {spent:7.1f} s  {int(count):5d}x  {key}")
    print(f"  slowest {top} test phases:")
    for nodeid, when, spent in sorted(phases, key=lambda p: -p[2])[:top]:
        print(f"    {spent:7.2f} s  {when:8s}  {nodeid}")
    met = wall <= target
    what = "the whole suite" if name == "whole" else "the unit lane"
    if any(not arg.startswith("-") for arg in extra):
        print(f"  TARGET {what}: not judged, only the tests named ran")
        return met
    print(
        f"  TARGET {what} at most {target:.0f} s wall: {wall:.1f} s  {'met' if met else 'NOT met'}"
    )
    return met


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--lane", choices=("unit", "whole", "both"), default="both")
    parser.add_argument("--top", type=int, default=15, help="how many slow test phases")
    parser.add_argument(
        "--root",
        type=Path,
        default=ROOT,
        help="the checkout whose tests run (default this one); the installed vanort is used",
    )
    parser.add_argument("pytest_args", nargs="*", help="passed to pytest (after --)")
    options = parser.parse_args()
    lanes = ("unit", "whole") if options.lane == "both" else (options.lane,)
    targets = {"unit": UNIT_TARGET, "whole": WHOLE_TARGET}
    for lane in lanes:
        _report(lane, options.pytest_args, targets[lane], options.top, options.root.resolve())


if __name__ == "__main__":
    main()
