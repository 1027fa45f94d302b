"""Where the registry lives, worked out without opening it: --db, VANORT_DB or the
default, passwords masked, and database errors as one line naming the registry."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from vanort_cli.store.location import mask_password, resolve_location


def test_db_option_beats_env_beats_default(tmp_path: Path) -> None:
    env = {"VANORT_DB": str(tmp_path / "env.db")}
    assert resolve_location(str(tmp_path / "opt.db"), env).path == tmp_path / "opt.db"
    assert resolve_location(None, env).path == tmp_path / "env.db"
    default = resolve_location(None, {})
    assert default.is_default and default.path is not None
    assert default.path.name == "registry.db" and "vanort" in str(default.path)


def test_a_url_is_kept_and_its_password_masked() -> None:
    location = resolve_location("postgresql://staff:s3cret@db.example/vanort", {})
    assert location.url.startswith("postgresql://") and location.path is None
    assert location.display == "postgresql://staff:***@db.example/vanort"
    assert mask_password("sqlite:///x.db") == "sqlite:///x.db"


@pytest.mark.parametrize(
    ("reason", "says"),
    [
        ("database is locked", "is busy"),
        ("attempt to write a readonly database", "read-only"),
        ("file is not a database", "damaged"),
        ("database or disk is full", "disk is full"),
        ("unable to open database file", "Cannot open"),
    ],
)
def test_database_failures_become_one_line_naming_the_registry(reason: str, says: str) -> None:
    """Faults that cannot be staged safely on a shared machine (a full disk, a read-only
    file as root) are mapped from SQLite's own messages; each names the file."""
    from vanort_cli.store.backend import backend_for

    location = resolve_location("/srv/vanort/registry.db", {})
    message = backend_for(location).describe_error(sqlite3.OperationalError(reason))
    assert says in message and "/srv/vanort/registry.db" in message
    assert "\n" not in message
