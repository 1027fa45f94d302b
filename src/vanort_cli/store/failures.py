"""One line for a database failure: what happened to which registry, and what to do.

Every backend (store/backend.py) words a failure with `describe`, after what it
words itself (a PostgreSQL server's refusal to let vanort in). Kept free of
SQLAlchemy: an error is read from its text.
"""

from __future__ import annotations

from vanort_cli.i18n import messages as m
from vanort_cli.store.location import RegistryLocation, mask_password


def reason_of(error: BaseException) -> str:
    """The driver's own words, lower-cased: SQLAlchemy's error wraps them (`orig`)."""
    return str(getattr(error, "orig", error) or error).lower()


def is_disk_full(error: BaseException) -> bool:
    """Whether a database error (SQLite's own, or SQLAlchemy's around it) says the disk
    is full or failing."""
    text = str(getattr(error, "orig", error)).lower()
    return "disk is full" in text or "disk i/o" in text


def describe(error: BaseException, location: RegistryLocation) -> str:
    """One line for a database failure: what happened to which registry, and what to do."""
    text = reason_of(error)
    where = location.display
    if "locked" in text or "busy" in text:
        return m.REGISTRY_LOCKED.format(location=where)
    if "readonly" in text or "read-only" in text:
        return m.REGISTRY_READ_ONLY.format(location=where)
    if "no such table" in text or "no such column" in text:
        return m.REGISTRY_SCHEMA_MISMATCH.format(location=where)
    if "not a database" in text or "malformed" in text or "corrupt" in text:
        return m.REGISTRY_CORRUPT.format(location=where)
    if is_disk_full(error):
        return m.REGISTRY_DISK.format(location=where)
    if "unable to open" in text:
        return m.REGISTRY_CANNOT_OPEN.format(location=where)
    reason = mask_password(str(getattr(error, "orig", error))).strip().splitlines()
    return m.REGISTRY_FAILED.format(location=where, reason=reason[0] if reason else "")
