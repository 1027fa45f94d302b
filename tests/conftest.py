"""Every test gets its own registry file in a temp dir: no test touches a real one."""

from __future__ import annotations

import hashlib
import os
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

import pg_server
from vanort_cli import i18n
from vanort_cli.cli.app import app


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
    from vanort_cli.db import Registry
    from vanort_cli.location import resolve_location

    path = tmp_path_factory.mktemp("template") / "registry.db"
    registry = Registry(resolve_location(str(path)), may_create=True)
    with registry.reading():
        pass
    registry.close()
    return path


@pytest.fixture(autouse=True)
def _isolated(monkeypatch: pytest.MonkeyPatch, tmp_path: Path, _fresh_registry: Path) -> None:
    shutil.copy(_fresh_registry, tmp_path / "registry.db")
    (tmp_path / "registry.db").chmod(0o600)
    monkeypatch.setenv("VANORT_DB", str(tmp_path / "registry.db"))
    # The default location (platformdirs) lies in the test's own directory too.
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg-data"))
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.setenv("COLUMNS", "200")
    monkeypatch.delenv("VANORT_TODAY", raising=False)
    monkeypatch.delenv("VANORT_DEBUG", raising=False)
    # English unless a test asks for Swedish, whatever this machine's locale; the
    # language of code called in-process (not through the CLI) starts as English too.
    monkeypatch.setenv("VANORT_LANG", "en")
    i18n.set_language("en")


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "registry.db"


Run = Callable[..., Result]


@pytest.fixture
def run() -> Run:
    """Run the real CLI in-process; stdout and stderr are kept apart."""
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
