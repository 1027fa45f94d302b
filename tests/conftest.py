"""Every test gets its own registry file in a temp dir: no test touches a real one."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

from vanort_cli.cli.app import app


@pytest.fixture(autouse=True)
def _isolated(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("VANORT_DB", str(tmp_path / "registry.db"))
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.setenv("COLUMNS", "200")
    monkeypatch.delenv("VANORT_TODAY", raising=False)
    monkeypatch.delenv("VANORT_DEBUG", raising=False)


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
