"""One interface to what differs between a SQLite file and a PostgreSQL server
(store/backend.py): the question is asked there, and nowhere else."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from vanort_cli.store.backend import backend_for
from vanort_cli.store.location import resolve_location
from vanort_cli.store.postgres import PostgreSQL
from vanort_cli.store.server import DatabaseServer
from vanort_cli.store.sqlite import SQLiteFile

SOURCE = Path(__file__).resolve().parent.parent / "src" / "vanort_cli"
# Where a registry's kind may be asked: the factory and the location it reads,
# the backends themselves, and the models' DDL hook that gives PostgreSQL the
# live-year index's condition (tests/test_startup.py says why it is a hook).
MAY_ASK = {
    "store/backend.py",
    "store/location.py",
    "store/models.py",
    "store/sqlite.py",
    "store/sqlite_file.py",
    "store/sqlite_maintenance.py",
    "store/server.py",
    "store/postgres.py",
    "store/pg_maintenance.py",
    "store/roles.py",
}
# The question in each of its forms, and the modules that answer only one way.
ASKS = re.compile(
    r"\.on_server\b|dialect\.name|location\.path\b|\.path is (not )?None"
    r"|startswith\(\s*[\"']postgres|store import (postgres|pg_maintenance|sqlite_maintenance)\b"
    r"|store\.(postgres|pg_maintenance|sqlite_maintenance) import"
)


def test_no_command_asks_which_database_it_has() -> None:
    asked = [
        f"{path.relative_to(SOURCE)}:{number}: {line.strip()}"
        for path in sorted(SOURCE.rglob("*.py"))
        if path.relative_to(SOURCE).as_posix() not in MAY_ASK
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if ASKS.search(line) and not line.lstrip().startswith("#")
    ]
    assert asked == [], "\n".join(asked)


@pytest.mark.parametrize(
    ("given", "kind"),
    [
        ("registry.db", SQLiteFile),
        ("sqlite:///registry.db", SQLiteFile),
        ("postgresql://staff@db.example/vanort", PostgreSQL),
        ("POSTGRES://staff@db.example/vanort", PostgreSQL),
        ("mysql://staff@db.example/vanort", DatabaseServer),
    ],
)
def test_each_location_has_the_backend_of_its_kind(given: str, kind: type) -> None:
    assert type(backend_for(resolve_location(given, {}))) is kind


def test_only_a_file_has_files_to_protect_and_one_place_has_many_spellings(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "link.db").symlink_to(tmp_path / "registry.db")
    file = backend_for(resolve_location("registry.db", {}))
    assert file.protected_paths() == [tmp_path / "registry.db"]
    assert file.place() == backend_for(resolve_location(str(tmp_path / "link.db"), {})).place()
    server = backend_for(resolve_location("postgres://staff@db.example/vanort", {}))
    assert server.protected_paths() == []
    same = backend_for(resolve_location("postgresql://other:pw@db.example:5432/vanort", {}))
    assert server.place() == same.place() != file.place()
    elsewhere = backend_for(resolve_location("postgresql://staff@db.example/vanort2", {}))
    assert server.place() != elsewhere.place()
