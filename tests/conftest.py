"""Every test gets its own registry in a temp dir: no test touches a real one.

The command-level tests that only talk to the registry through vanort run twice,
on a SQLite file and on a PostgreSQL database (`backend`), so every command is
proven on both. In a module marked `pytestmark = pytest.mark.both_backends`,
every test that uses `run` runs on both, except those marked
`@pytest.mark.sqlite_only` (they look at the SQLite file itself: `db_path`,
sqlite3, `--db`, a subprocess, ...). The modules are chosen for what they cover
(every command group) against what they cost: a test's PostgreSQL run is about as
fast as its SQLite run, but doubles it. `pytest --backend sqlite` (or postgresql)
runs one of the two.

The pure tests live in tests/unit/, whose conftest keeps them away from any registry.
"""

from __future__ import annotations

import hashlib
import os
import shlex
import shutil
from collections.abc import Callable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any

import pytest
import typer.testing
from hypothesis import settings
from typer.testing import CliRunner, Result

import pg_server
from vanort_cli import i18n
from vanort_cli.cli.app import app

# The SMTP server on localhost (`smtp_server`), for the tests of letters.
pytest_plugins = ("smtp_server",)

# Properties are checked for what they say, not for how fast: speed is measured by
# benchmarks/, never by a test, and Hypothesis's 200 ms deadline per example made
# pure tests fail on a loaded two-core CI machine.
settings.register_profile("vanort", deadline=None)
settings.load_profile("vanort")


class _CommandTrees:
    """vanort's click command tree, built from the Typer app once per language,
    for every in-process run of the CLI (`run`, and any test's own CliRunner).

    Typer builds the tree from the app on every `CliRunner.invoke`: some 0.17 s
    of CPU, a third of an in-process command's cost, thousands of times a run.
    The real CLI builds it once per process, then sets the language and polishes
    the tree's help in it (cli/app.py, cli/usage.py); so a tree is kept for each
    language, chosen from the arguments and environment exactly as the CLI
    chooses (`i18n.choose`), and each is polished in its own language on its
    first use, as in a process of its own. A language vanort does not speak
    gets a tree of its own each time (the CLI refuses it before polishing)."""

    def __init__(self) -> None:
        self.built: dict[str, Any] = {}
        self.language: str | None = None
        self._get_command = typer.testing._get_command
        self._invoke = CliRunner.invoke

    def get_command(self, typer_app: typer.Typer) -> Any:
        if typer_app is not app or self.language is None:
            return self._get_command(typer_app)
        if self.language not in self.built:
            self.built[self.language] = self._get_command(typer_app)
        return self.built[self.language]

    def invoke(
        self,
        runner: CliRunner,
        typer_app: typer.Typer,
        args: str | Sequence[str] | None = None,
        input: bytes | str | None = None,
        env: Mapping[str, str | None] | None = None,
        **extra: Any,
    ) -> Result:
        argv = shlex.split(args) if isinstance(args, str) else list(args or ())
        environ = {**os.environ, **(env or {})}
        for name, value in (env or {}).items():
            if value is None:
                environ.pop(name, None)
        try:
            self.language = i18n.choose([str(a) for a in argv], environ)  # type: ignore[arg-type]
        except i18n.UnknownLanguage:
            self.language = None
        try:
            return self._invoke(runner, typer_app, args, input, env, **extra)
        finally:
            self.language = None

    def install(self) -> None:
        typer.testing._get_command = self.get_command
        CliRunner.invoke = lambda runner, *args, **kwargs: self.invoke(runner, *args, **kwargs)  # type: ignore[method-assign]


_CommandTrees().install()


# The slowest tests, each half a minute or more of one worker (benchmarks/suite.py,
# 2026-12-07), are handed out first. pytest-xdist (3.8) gives each worker a first
# chunk of consecutive tests (a quarter of its share), so these all land in the
# first worker's chunk while the other works through short ones; every test after
# the chunks goes to whichever worker is free, and those many short tests even
# out the ends. Run last, as collected, one slow test kept a worker busy long
# after the other had finished. Only the order changes: every test still runs.
SLOWEST_FIRST = (
    "tests/test_attack_smoke.py::test_attack_record_category_holds_on_sqlite_and_postgresql",
    "tests/test_db_copy.py::test_a_year_goes_to_postgresql_and_back",
    "tests/test_reliability.py::test_concurrent_writers_lose_nothing",
    "tests/test_round_end_to_end.py::test_a_round_of_forty_organisations_from_opening_to_the_report",
    "tests/test_db_export_import.py::test_round_trip_of_any_collaborations",
    "tests/test_web_benchmark_smoke.py::test_the_web_benchmark_measures_both_backends",
    "tests/test_hostile_files.py::test_the_attack_suite_tries_hostile_files",
    "tests/test_registry_in_place.py::test_deleting_the_registry_during_a_long_import_is_reported",
    "tests/test_attack_smoke.py::test_attack_slice_runs_and_counts",
    "tests/test_db_copy.py::test_the_copy_goes_on_where_the_registry_stopped",
    "tests/test_readme.py::test_every_readme_command_runs_in_order_on_a_fresh_registry",
)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    rank = {name: place for place, name in enumerate(SLOWEST_FIRST)}
    # A stable sort: the other tests keep the order they were collected in.
    items.sort(key=lambda item: rank.get(item.nodeid.split("[")[0], len(rank)))


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[pg_server.PostgresServer]:
    """A throwaway PostgreSQL server for the whole session, stopped at the end.

    When it cannot start, the tests that need it are skipped with the reason,
    except in CI (`CI=true`), where that fails the run: never silently skipped.
    """
    try:
        server = pg_server.start()
    except pg_server.ServerUnavailable as error:
        reason = f"PostgreSQL test server unavailable: {error}"
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(reason, pytrace=False)
        pytest.skip(reason)
    try:
        yield server
    finally:
        server.stop()


BACKENDS = ("sqlite", "postgresql")


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--backend",
        choices=("both", *BACKENDS),
        default="both",
        help="run the two-backend tests on SQLite, PostgreSQL or both (default)",
    )


def _on_both_backends(metafunc: pytest.Metafunc) -> bool:
    """The markers (registered in pyproject.toml) decide; `run` is how a test
    reaches its registry, so a test without it has no backend to vary."""
    test = metafunc.definition
    if test.get_closest_marker("both_backends") is None or "run" not in metafunc.fixturenames:
        return False
    if test.get_closest_marker("sqlite_only") is not None:
        return False
    if "db_path" in metafunc.fixturenames:
        # On PostgreSQL that file is never written: its checks would pass whatever
        # the command did.
        raise pytest.UsageError(
            f"{test.nodeid} reads db_path, the SQLite file: mark it @pytest.mark.sqlite_only"
        )
    return True


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    if _on_both_backends(metafunc):
        chosen = metafunc.config.getoption("--backend")
        backends = BACKENDS if chosen == "both" else (chosen,)
        metafunc.parametrize("backend", backends, indirect=True)


@pytest.fixture
def backend(request: pytest.FixtureRequest) -> str:
    """Which database the test's registry is: "sqlite" unless parametrised."""
    return str(getattr(request, "param", "sqlite"))


@pytest.fixture(scope="session")
def _pg_template(postgres_server: pg_server.PostgresServer) -> str:
    """One seeded registry database on the server, copied for each test by
    CREATE DATABASE ... TEMPLATE (a file copy: much faster than seeding)."""
    from vanort_cli.store.location import resolve_location
    from vanort_cli.store.registry import Registry

    name = "vanort_template"
    url = postgres_server.create_database(name)
    registry = Registry(resolve_location(url), may_create=True)
    with registry.reading():
        pass
    registry.close()
    return name


@pytest.fixture(scope="session")
def _pg_copies(
    postgres_server: pg_server.PostgresServer, _pg_template: str
) -> Iterator[pg_server.TemplateCopies]:
    copies = pg_server.TemplateCopies(postgres_server, _pg_template)
    yield copies
    copies.close()


@pytest.fixture
def registry_url(
    backend: str, request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> Iterator[str]:
    """The test's registry, as VANORT_DB names it: the SQLite copy, or a fresh
    PostgreSQL database made from the seeded template (made while the test
    before ran, and dropped while the next one runs: pg_server.TemplateCopies)."""
    if backend != "postgresql":
        yield str(tmp_path / "registry.db")
        return
    copies: pg_server.TemplateCopies = request.getfixturevalue("_pg_copies")
    url = copies.take()
    monkeypatch.setenv("VANORT_DB", url)
    yield url
    copies.give_back(url)


@pytest.fixture
def pg_database(postgres_server: pg_server.PostgresServer) -> Iterator[str]:
    """The superuser URL of a fresh, empty database on the test server, dropped after."""
    url = postgres_server.create_database()
    yield url
    postgres_server.drop_database(url.rsplit("/", 1)[1])


@pytest.fixture(scope="session")
def _fresh_registry(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One freshly created and seeded registry, copied for each test: creating it
    is what `vanort db init` does, so every test starts from exactly that."""
    from vanort_cli.store.location import resolve_location
    from vanort_cli.store.registry import Registry

    path = tmp_path_factory.mktemp("template") / "registry.db"
    registry = Registry(resolve_location(str(path)), may_create=True)
    with registry.reading():
        pass
    registry.close()
    return path


@pytest.fixture(autouse=True)
def _plain_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    """No colour, a wide terminal, no fixed day, no debugging: the same on every machine."""
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.setenv("COLUMNS", "200")
    monkeypatch.delenv("VANORT_TODAY", raising=False)
    monkeypatch.delenv("VANORT_DEBUG", raising=False)
    # English unless a test asks for Swedish, whatever this machine's locale; the
    # language of code called in-process (not through the CLI) starts as English too.
    monkeypatch.setenv("VANORT_LANG", "en")
    i18n.set_language("en")


@pytest.fixture(autouse=True)
def _isolated(
    _plain_environment: None, monkeypatch: pytest.MonkeyPatch, tmp_path: Path, _fresh_registry: Path
) -> None:
    """The test's own registry, a copy of a fresh one. (tests/unit/ replaces this
    fixture with one that keeps its tests away from any registry.)"""
    shutil.copy(_fresh_registry, tmp_path / "registry.db")
    (tmp_path / "registry.db").chmod(0o600)
    monkeypatch.setenv("VANORT_DB", str(tmp_path / "registry.db"))
    # The default location (platformdirs) lies in the test's own directory too.
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg-data"))


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "registry.db"


Run = Callable[..., Result]


@pytest.fixture
def run(registry_url: str) -> Run:
    """Run the real CLI in-process, on the test's registry (`registry_url`);
    stdout and stderr are kept apart."""
    runner = CliRunner()

    def invoke(*args: str, input: str | None = None) -> Result:
        return runner.invoke(app, list(args), input=input)

    return invoke


def file_digest(path: Path) -> str:
    """The registry's bytes, to prove that a refused command changed nothing."""
    return hashlib.sha256(path.read_bytes()).hexdigest()


def checkpoint(path: Path) -> None:
    """Fold the WAL into the main file so that its bytes are the whole registry."""
    import sqlite3

    with sqlite3.connect(path) as connection:
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")


Builder = Callable[[Run, Path], None]


@pytest.fixture(scope="session")
def _built_registries() -> dict[str, Path]:
    return {}


@pytest.fixture
def built_registry(
    _built_registries: dict[str, Path],
    _fresh_registry: Path,
    tmp_path_factory: pytest.TempPathFactory,
    db_path: Path,
) -> Callable[[str, Builder, dict[str, str]], None]:
    """Give this test's SQLite registry the contents that `build` makes, with the
    environment `env` set: built once per test process under `name`, then copied
    (a registry of hundreds of commands costs seconds to build, a copy nothing)."""

    def give(name: str, build: Builder, env: dict[str, str]) -> None:
        if name not in _built_registries:
            directory = tmp_path_factory.mktemp(name)
            template = directory / "registry.db"
            shutil.copy(_fresh_registry, template)
            runner = CliRunner()
            with pytest.MonkeyPatch.context() as patch:
                patch.setenv("VANORT_DB", str(template))
                for key, value in env.items():
                    patch.setenv(key, value)
                build(
                    lambda *args, input=None: runner.invoke(app, list(args), input=input), directory
                )
            checkpoint(template)
            _built_registries[name] = template
        shutil.copy(_built_registries[name], db_path)
        db_path.chmod(0o600)

    return give
