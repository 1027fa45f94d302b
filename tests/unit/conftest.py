"""The unit lane keeps its tests away from any registry, so that it runs in seconds
(`python -m pytest tests/unit`) and stays that way.

Here `_isolated` builds no registry: VANORT_DB and the default location name a
place that must stay absent, and a test that connects to a database (SQLite or
PostgreSQL, through SQLAlchemy or sqlite3) or starts a PostgreSQL server fails,
even where the code under test catches the error. The fixtures of registry tests
(`run`, `db_path`, ...) fail here too: such a test belongs in tests/.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterator
from typing import NoReturn

import pytest
from sqlalchemy import Engine, event

import pg_server

ELSEWHERE = "a test that needs a registry or a server belongs in tests/, not tests/unit/"


class UnitLaneError(RuntimeError):
    """Raised where a unit test reaches for a database."""


@pytest.fixture(autouse=True)
def _isolated(
    _plain_environment: None,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path_factory: pytest.TempPathFactory,
) -> Iterator[None]:
    nowhere = tmp_path_factory.getbasetemp() / "unit-lane-has-no-registry"
    monkeypatch.setenv("VANORT_DB", str(nowhere / "registry.db"))
    monkeypatch.setenv("XDG_DATA_HOME", str(nowhere / "xdg-data"))
    reached: list[str] = []

    def refuse(what: str) -> Callable[..., NoReturn]:
        def refused(*args: object, **kwargs: object) -> NoReturn:
            reached.append(what)
            raise UnitLaneError(f"the unit lane opens no {what}")

        return refused

    monkeypatch.setattr(sqlite3, "connect", refuse("SQLite file"))
    monkeypatch.setattr(sqlite3.dbapi2, "connect", refuse("SQLite file"))  # SQLAlchemy's
    monkeypatch.setattr(pg_server, "start", refuse("PostgreSQL server"))
    # Every SQLAlchemy engine, whatever its database, connects through this event.
    connecting = refuse("database connection")
    event.listen(Engine, "do_connect", connecting)
    try:
        yield
    finally:
        event.remove(Engine, "do_connect", connecting)
    if reached:
        pytest.fail(f"this test reached for a {reached[0]}: {ELSEWHERE}", pytrace=False)
    if nowhere.exists():
        pytest.fail(f"this test created {nowhere}: {ELSEWHERE}", pytrace=False)


def _refused_fixture(name: str) -> Callable[[], NoReturn]:
    def fixture() -> NoReturn:
        pytest.fail(f"the fixture {name!r} is not in the unit lane: {ELSEWHERE}", pytrace=False)

    return pytest.fixture(name=name)(fixture)


# The registry tests' fixtures from tests/conftest.py fail a test here.
for _name in ("run", "db_path", "registry_url", "built_registry", "postgres_server", "pg_database"):
    globals()[f"_no_{_name}"] = _refused_fixture(_name)
