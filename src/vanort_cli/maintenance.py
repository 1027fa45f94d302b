"""Backing up, restoring and checking a SQLite registry file.

Uses SQLite's online backup API, so a copy is consistent even while other
vanort processes write, and a restore replaces the registry in one step.
"""

from __future__ import annotations

import shutil
import sqlite3
from contextlib import closing
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from vanort_cli import messages as m
from vanort_cli import migrations
from vanort_cli.db import BUSY_TIMEOUT_SECONDS, SQLITE_HEADER, Registry
from vanort_cli.errors import RegistryError, RuleError
from vanort_cli.files import check_target, replaced_atomically

COUNTED_TABLES = (
    "town",
    "town_decision",
    "meeting",
    "participant",
    "seminar",
    "evaluation",
    "organisation",
    "area",
    "collaboration",
    "collaboration_town",
    "audit_entry",
)


def _file_of(registry: Registry) -> Path:
    if registry.location.path is None:
        raise RuleError(m.MAINTENANCE_SQLITE_ONLY.format(location=registry.location.display))
    return registry.location.path


def _ready(registry: Registry) -> None:
    """Create or upgrade the registry first, then let go of it: from here on the file
    is handled through sqlite3 connections of its own (see Registry.close)."""
    registry.engine  # noqa: B018 - opening is what brings the schema up to date
    registry.close()


def _copy(source: sqlite3.Connection, target_path: Path) -> None:
    with closing(sqlite3.connect(target_path)) as target:
        source.backup(target)


def backup(*, registry: Registry, target: Path, force: bool) -> Path:
    """A consistent copy of the registry at `target`, written whole or not at all."""
    _ready(registry)
    source_path = _file_of(registry)
    check_target(target, force=force, protected=[source_path])
    with (
        closing(sqlite3.connect(source_path, timeout=BUSY_TIMEOUT_SECONDS)) as source,
        replaced_atomically(target, mode=0o600) as temporary,
    ):
        _copy(source, temporary)
    return target


def _schema_version(meta: dict[str, str]) -> int | None:
    try:
        return int(meta.get("schema_version", ""))
    except ValueError:
        return None


def describe_registry_file(path: Path, refusal: str = m.NOT_A_REGISTRY_FILE) -> dict[str, Any]:
    """Version, integrity and counts of a registry file; refuses what is not a registry."""
    if not path.is_file():
        raise RegistryError(m.RESTORE_MISSING.format(path=path))
    with path.open("rb") as handle:
        if handle.read(len(SQLITE_HEADER)) != SQLITE_HEADER:
            raise RegistryError(refusal.format(path=path))
    try:
        with closing(sqlite3.connect(f"file:{path}?mode=ro", uri=True)) as db:
            meta = dict(db.execute("select key, value from vanort_meta").fetchall())
            integrity = db.execute("PRAGMA integrity_check").fetchone()[0]
            counts = {
                t: db.execute(f"select count(*) from {t}").fetchone()[0] for t in COUNTED_TABLES
            }
    except sqlite3.DatabaseError:
        raise RegistryError(refusal.format(path=path)) from None
    version = _schema_version(meta)
    if meta.get("application") != migrations.APPLICATION_ID or version is None or version < 1:
        raise RegistryError(refusal.format(path=path))
    return {"path": str(path), "schema_version": version, "integrity": integrity, "counts": counts}


def _healthy(path: Path) -> sqlite3.Connection | None:
    """An open connection to the registry file if SQLite can use it (opening it also
    rolls back a transaction left by a killed writer), else None."""
    if not path.exists():
        return None
    try:
        connection = sqlite3.connect(path, timeout=BUSY_TIMEOUT_SECONDS)
        if connection.execute("PRAGMA quick_check").fetchone()[0] == "ok":
            return connection
        connection.close()
    except sqlite3.DatabaseError:
        pass
    return None


def restore(*, registry: Registry, source: Path) -> Path:
    """Replace the registry with `source`, after saving what it replaces.

    A usable registry is restored into through SQLite's backup API, which takes the
    write lock, so a writer at work finishes first and readers never see half a
    file. A damaged one is saved byte for byte with its journals, then replaced.
    """
    target = _file_of(registry)
    found = describe_registry_file(source, m.RESTORE_NOT_REGISTRY)
    if found["schema_version"] > migrations.SCHEMA_VERSION:
        raise RegistryError(
            m.REGISTRY_TOO_NEW.format(
                location=source, found=found["schema_version"], supported=migrations.SCHEMA_VERSION
            )
        )
    if found["integrity"] != "ok":
        raise RegistryError(m.RESTORE_DAMAGED.format(path=source))
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    saved = target.with_name(f"{target.name}.before-restore-{stamp}.bak")
    live = _healthy(target)
    with closing(sqlite3.connect(f"file:{source}?mode=ro", uri=True)) as incoming:
        if live is not None:
            with closing(live):
                with replaced_atomically(saved, mode=0o600) as temporary:
                    _copy(live, temporary)
                incoming.backup(live)
            return saved
        for suffix in ("", "-wal", "-journal"):
            current = Path(f"{target}{suffix}")
            if current.exists():
                shutil.copy2(current, f"{saved}{suffix}")
        with replaced_atomically(target, mode=0o600) as temporary:
            _copy(incoming, temporary)
            for suffix in ("-wal", "-shm", "-journal"):
                Path(f"{target}{suffix}").unlink(missing_ok=True)
    return saved


def check(*, registry: Registry) -> dict[str, Any]:
    """Integrity, schema version and counts of the registry in use."""
    _ready(registry)
    return describe_registry_file(_file_of(registry))
