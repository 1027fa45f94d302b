"""Backing up, restoring and checking a SQLite registry file.

Uses SQLite's online backup API, so a copy is consistent even while other
vanort processes write, and a restore replaces the registry in one step.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
from contextlib import closing
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from vanort_cli import messages as m
from vanort_cli import migrations
from vanort_cli.db import SQLITE_HEADER, Registry
from vanort_cli.errors import RegistryError, RuleError

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


def _copy(source: sqlite3.Connection, target_path: Path) -> None:
    with closing(sqlite3.connect(target_path)) as target:
        source.backup(target)


def backup(*, registry: Registry, target: Path, force: bool) -> Path:
    """A consistent copy of the registry at `target`."""
    registry.engine  # noqa: B018 - opens, creates or upgrades the registry first
    source_path = _file_of(registry)
    if target.exists() and not force:
        raise RuleError(m.OUTPUT_EXISTS.format(path=target))
    if target.resolve() == source_path.resolve():
        raise RuleError(m.BACKUP_ONTO_ITSELF)
    if not target.parent.is_dir():
        raise RuleError(m.OUTPUT_DIR_MISSING.format(directory=target.parent))
    target.unlink(missing_ok=True)
    with closing(sqlite3.connect(source_path, timeout=30)) as source:
        _copy(source, target)
    target.chmod(0o600)
    return target


def describe_registry_file(path: Path, refusal: str = m.NOT_A_REGISTRY_FILE) -> dict[str, Any]:
    """Version and counts of a registry file; refuses a file that is not a vanort registry."""
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
    if meta.get("application") != migrations.APPLICATION_ID:
        raise RegistryError(refusal.format(path=path))
    return {
        "path": str(path),
        "schema_version": int(meta.get("schema_version", "0")),
        "integrity": integrity,
        "counts": counts,
    }


def restore(*, registry: Registry, source: Path) -> Path:
    """Replace the registry with `source`, after backing up what it replaces."""
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
    mode = target.stat().st_mode & 0o777 if target.exists() else 0o600
    # The registry being replaced may be damaged (that is why one restores), so it
    # is saved byte for byte, with its write-ahead log, not through SQLite.
    for suffix in ("", "-wal"):
        current = Path(f"{target}{suffix}")
        if current.exists():
            shutil.copy2(current, f"{saved}{suffix}")
    fresh = target.with_name(f".{target.name}.restoring-{stamp}")
    with closing(sqlite3.connect(f"file:{source}?mode=ro", uri=True)) as db:
        _copy(db, fresh)
    fresh.chmod(mode)
    for suffix in ("-wal", "-shm"):
        Path(f"{target}{suffix}").unlink(missing_ok=True)
    os.replace(fresh, target)
    return saved


def check(*, registry: Registry) -> dict[str, Any]:
    """Integrity, schema version and counts of the registry in use."""
    registry.engine  # noqa: B018 - opens, creates or upgrades the registry first
    return describe_registry_file(_file_of(registry))
