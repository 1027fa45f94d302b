"""A registry that is a SQLite file: opening exactly that file, copying it whole,
and naming the copies vanort keeps.

Kept apart from the SQLite backend (store/sqlite.py) as the standard library's
part: what only a SQLite file needs (its path, its mode, the backup API), with
no SQLAlchemy at import, so that Tab completion can read the file with it.
"""

from __future__ import annotations

import os
import sqlite3
import time
from collections.abc import Iterable, Iterator
from contextlib import closing, contextmanager, suppress
from glob import escape as glob_escape
from pathlib import Path
from urllib.parse import quote

BUSY_TIMEOUT_SECONDS = 10.0
SQLITE_HEADER = b"SQLite format 3\x00"


def uri(path: Path, **parameters: str) -> str:
    """A `file:` URI that names exactly `path`, whatever characters it holds.

    Percent signs, `?`, `#`, spaces and non-ASCII letters are quoted, so SQLite
    never reads part of a file name as an option or an escape (`pct%41.db` is
    that file, not `pctA.db`).
    """
    text = "file:" + quote(str(path.absolute()), safe="/")
    if parameters:
        text += "?" + "&".join(f"{key}={value}" for key, value in parameters.items())
    return text


def connect(
    path: Path, *, timeout: float = BUSY_TIMEOUT_SECONDS, **parameters: str
) -> sqlite3.Connection:
    """A sqlite3 connection to exactly this file (see `uri`)."""
    return sqlite3.connect(
        uri(path, **parameters), uri=True, timeout=timeout, check_same_thread=False
    )


def open_read_only(path: Path) -> sqlite3.Connection:
    """Read a registry file that nobody writes (a backup, a restore source), even on a
    read-only medium: `immutable` needs no `-shm` and leaves no files beside it."""
    return connect(path, timeout=0, mode="ro", immutable="1")


def copy_into(source: sqlite3.Connection, target: Path) -> None:
    """A consistent copy of `source` at `target` (SQLite's backup API), in
    rollback-journal mode so the copy is one self-contained file that opens
    anywhere, a read-only medium included."""
    with closing(connect(target, timeout=0)) as copy:
        source.backup(copy)
        copy.execute("PRAGMA journal_mode = DELETE")


def copy_over(source: sqlite3.Connection, live: sqlite3.Connection) -> None:
    """Copy `source` over the live registry through the backup API, waiting for the
    write lock no longer than any writer waits (the busy timeout), then giving up
    as busy: Python's backup would otherwise retry a busy registry for ever."""
    deadline = time.monotonic() + BUSY_TIMEOUT_SECONDS

    def progress(status: int, _remaining: int, _total: int) -> None:
        if status in (sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED) and time.monotonic() > deadline:
            raise sqlite3.OperationalError("database is locked")

    source.backup(live, progress=progress, sleep=0.05)


@contextmanager
def private_files() -> Iterator[None]:
    """While SQLite creates files (the registry, its `-wal` and `-shm`), they are
    readable and writable by their owner only."""
    previous = os.umask(0o077)
    try:
        yield
    finally:
        os.umask(previous)


def is_sound(path: Path) -> bool:
    """Whether SQLite's own check finds the file's structure whole (`quick_check`)."""
    try:
        with closing(open_read_only(path)) as db:
            return bool(db.execute("PRAGMA quick_check").fetchone()[0] == "ok")
    except sqlite3.DatabaseError:
        return False


def wal_is_empty(path: Path) -> bool:
    """Whether every committed change is in the main file (no `-wal`, or an empty one)."""
    wal = Path(f"{path}-wal")
    return not wal.exists() or wal.stat().st_size == 0


def readable_by_others(path: Path) -> bool:
    return bool(path.stat().st_mode & 0o077)


def foreign_schema_objects(found: Iterable[tuple[str, str, str | None]]) -> list[str]:
    """Of a SQLite file's schema objects, (type, name, sql) as in sqlite_master, those
    this vanort does not create, as "trigger wipe": a trigger could, for one,
    silently erase the history on every change. vanort's own history triggers must
    be exactly as this vanort writes them: one with a doctored body is foreign."""
    from sqlmodel import SQLModel

    from vanort_cli.store.history_triggers import CLAIM_TABLE, expected_sqlite_triggers

    expected = {("table", name) for name in SQLModel.metadata.tables}
    expected.add(("table", CLAIM_TABLE))
    expected |= {
        ("index", str(index.name))
        for table in SQLModel.metadata.tables.values()
        for index in table.indexes
    }
    triggers = expected_sqlite_triggers()
    return sorted(
        f"{kind} {name}"
        for kind, name, sql in found
        if (kind, name) not in expected
        and not (kind == "trigger" and triggers.get(name) == sql)
        and not (kind == "index" and name.startswith("sqlite_autoindex_"))
        and not (kind == "table" and name == "sqlite_sequence")
    )


def clear_interrupted_copies(path: Path, label: str) -> None:
    """Remove what a copy of the registry (`label`: "schema" for the one before an
    upgrade) left when it was killed halfway: its temporary file with SQLite's
    journal beside it, and the empty name it had reserved (files.unique_copy_name).
    A whole copy is never touched. Call only while holding the write lock, so that
    no copy is being written meanwhile."""
    prefix = f"{path.name}.{label}"
    for leftover in path.parent.glob(f".{glob_escape(prefix)}*.bak.*.tmp*"):
        leftover.unlink(missing_ok=True)
    for reserved in path.parent.glob(f"{glob_escape(prefix)}*.bak"):
        with suppress(OSError):
            if reserved.is_file() and reserved.stat().st_size == 0:
                reserved.unlink()
