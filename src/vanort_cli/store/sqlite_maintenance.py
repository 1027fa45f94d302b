"""Backing up, restoring and checking a registry that is a SQLite file, for its
backend (store/sqlite.py).

Through SQLite's online backup API, so a copy is consistent even while other
vanort processes write, and a restore replaces the registry in one step. A
registry on a PostgreSQL server has store/pg_maintenance.py.
"""

from __future__ import annotations

import errno
import shutil
import sqlite3
from contextlib import closing
from pathlib import Path
from typing import TYPE_CHECKING, Any

from vanort_cli.errors import RegistryError
from vanort_cli.files import OWNER_ONLY, check_target, replaced_atomically, unique_copy_name
from vanort_cli.i18n import messages as m
from vanort_cli.store import failures, migrations, schema_check, sqlite_file
from vanort_cli.store.models import COUNTED_TABLES
from vanort_cli.store.sqlite_file import SQLITE_HEADER, foreign_schema_objects

if TYPE_CHECKING:
    from vanort_cli.store.registry import Registry


def _ready(registry: Registry) -> None:
    """Create or upgrade the registry first, then let go of it: from here on the file
    is handled through sqlite3 connections of its own (see Registry.close)."""
    registry.engine  # noqa: B018 - opening is what brings the schema up to date
    registry.close()


def backup(*, registry: Registry, path: Path, target: Path, force: bool) -> Path:
    """A consistent copy of the registry file `path` at `target`, written whole or not at all."""
    _ready(registry)
    check_target(target, force=force, protected=[path], how=m.OUTPUT_AS_FILE)
    try:
        with (
            closing(_readable(path)) as source,
            replaced_atomically(target, mode=OWNER_ONLY) as temporary,
        ):
            sqlite_file.copy_into(source, temporary)
            # A copy of a damaged registry is no backup: say so, and keep none.
            if not sqlite_file.is_sound(temporary):
                raise RegistryError(m.BACKUP_OF_DAMAGED.format(path=path))
    except sqlite3.OperationalError as error:
        if failures.is_disk_full(error):
            raise RegistryError(m.BACKUP_DISK_FULL.format(path=target)) from None
        raise
    except OSError as error:
        if error.errno == errno.ENOSPC:
            raise RegistryError(m.BACKUP_DISK_FULL.format(path=target)) from None
        raise
    return target


def _readable(path: Path, *, read_only: bool = False) -> sqlite3.Connection:
    """A connection to read the registry from; on a full disk, where SQLite cannot set up
    the shared memory of WAL mode, the main file as it is when nothing waits in the WAL."""
    connection = sqlite_file.connect(path, mode="ro") if read_only else sqlite_file.connect(path)
    try:
        connection.execute("select count(*) from sqlite_master").fetchone()
    except sqlite3.OperationalError:
        connection.close()
        if not sqlite_file.wal_is_empty(path):
            raise
        return sqlite_file.open_read_only(path)
    return connection


def _schema_version(meta: dict[str, str]) -> int | None:
    try:
        return int(meta.get("schema_version", ""))
    except ValueError:
        return None


def describe_registry_file(
    path: Path,
    refusal: str = m.NOT_A_REGISTRY_FILE,
    *,
    damaged: str = m.REGISTRY_DAMAGED,
    at_rest: bool = False,
) -> dict[str, Any]:
    """Version, integrity and counts of a registry file; refuses what is not a registry.

    `at_rest`: the file is a copy nobody writes (a backup to restore), read as
    immutable so that it opens from a read-only medium and leaves nothing beside it.
    """
    if not path.is_file():
        raise RegistryError(m.RESTORE_MISSING.format(path=path))
    with path.open("rb") as handle:
        if handle.read(len(SQLITE_HEADER)) != SQLITE_HEADER:
            raise RegistryError(refusal.format(path=path))
    try:
        opened = sqlite_file.open_read_only(path) if at_rest else _readable(path, read_only=True)
    except sqlite3.OperationalError as error:
        # On a full disk with changes still in the WAL: the registry is whole, only
        # unreadable until there is room for SQLite's shared memory.
        if failures.is_disk_full(error):
            raise RegistryError(m.REGISTRY_DISK_READ.format(location=path)) from None
        raise RegistryError(refusal.format(path=path)) from None
    try:
        with closing(opened) as db:
            meta = dict(db.execute("select key, value from vanort_meta").fetchall())
            version = _schema_version(meta)
            if meta.get("application") != migrations.APPLICATION_ID or not version:
                raise RegistryError(refusal.format(path=path))
            integrity = db.execute("PRAGMA integrity_check").fetchone()[0]
            if integrity != "ok":
                raise RegistryError(damaged.format(path=path))
            foreign = foreign_schema_objects(
                db.execute("select type, name, sql from sqlite_master").fetchall()
            )
            if foreign:
                raise RegistryError(
                    m.REGISTRY_FOREIGN_OBJECTS.format(path=path, objects=", ".join(foreign))
                )
            # An older schema is compared once it is upgraded, when it is next opened.
            if version == migrations.SCHEMA_VERSION:
                altered = schema_check.sqlite_difference(
                    db.execute("select type, name, tbl_name, sql from sqlite_master").fetchall()
                )
                if altered is not None:
                    raise RegistryError(
                        m.REGISTRY_SCHEMA_ALTERED.format(path=path, difference=altered)
                    )
            counts = {
                t: db.execute(f"select count(*) from {t}").fetchone()[0] for t in COUNTED_TABLES
            }
    except sqlite3.DatabaseError as error:
        is_damaged = "malformed" in str(error) or "corrupt" in str(error)
        raise RegistryError((damaged if is_damaged else refusal).format(path=path)) from None
    return {"path": str(path), "schema_version": version, "integrity": integrity, "counts": counts}


def _healthy(path: Path) -> sqlite3.Connection | None:
    """An open connection to the registry file if SQLite can use it (opening it also
    rolls back a transaction left by a killed writer), else None."""
    if not path.exists():
        return None
    try:
        connection = sqlite_file.connect(path)
        if connection.execute("PRAGMA quick_check").fetchone()[0] == "ok":
            return connection
        connection.close()
    except sqlite3.DatabaseError:
        pass
    return None


def restore(*, registry: Registry, path: Path, source: Path) -> Path:
    """Replace the registry file `path` with `source`, after saving what it replaces.

    A usable registry is restored into through SQLite's backup API, which takes the
    write lock, so a writer at work finishes first and readers never see half a
    file. A damaged one is saved byte for byte with its journals, then replaced.
    """
    found = describe_registry_file(
        source, m.RESTORE_NOT_REGISTRY, damaged=m.RESTORE_DAMAGED, at_rest=True
    )
    if found["schema_version"] > migrations.SCHEMA_VERSION:
        raise RegistryError(
            m.REGISTRY_TOO_NEW.format(
                location=source, found=found["schema_version"], supported=migrations.SCHEMA_VERSION
            )
        )
    saved = unique_copy_name(path, "before-restore")
    try:
        return _restore_into(path, source, saved)
    except sqlite3.OperationalError as error:
        saved.unlink(missing_ok=True)  # nothing was replaced, so nothing was saved
        raise RegistryError(failures.describe(error, registry.location)) from None


def _restore_into(target: Path, source: Path, saved: Path) -> Path:
    live = _healthy(target)
    with closing(sqlite_file.open_read_only(source)) as incoming:
        if live is not None:
            with closing(live):
                with replaced_atomically(saved, mode=OWNER_ONLY) as temporary:
                    sqlite_file.copy_into(live, temporary)
                sqlite_file.copy_over(incoming, live)
            return saved
        for suffix in ("", "-wal", "-journal"):
            current = Path(f"{target}{suffix}")
            if current.exists():
                shutil.copy2(current, f"{saved}{suffix}")
        with replaced_atomically(target, mode=OWNER_ONLY) as temporary:
            sqlite_file.copy_into(incoming, temporary)
            for suffix in ("-wal", "-shm", "-journal"):
                Path(f"{target}{suffix}").unlink(missing_ok=True)
    return saved


def check(*, registry: Registry, path: Path) -> dict[str, Any]:
    """Integrity, schema version and counts of the registry file `path` in use, and
    whether people other than its owner can read it (`private`)."""
    _ready(registry)
    found = describe_registry_file(path)
    found["private"] = not sqlite_file.readable_by_others(path)
    return found
