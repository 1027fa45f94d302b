"""Schema versions, and the steps that bring an older registry up to date.

Why not alembic: vanort's registry is small and every upgrade must run
automatically, inside the command that opens the file, in one transaction with
a backup taken first. An ordered list of small, named functions recorded in
`vanort_meta` (the pattern of simonw/llm) does that with no extra dependency or
import cost, and each step's comment says why it exists. The steps use only
portable SQL through SQLAlchemy, so they run on PostgreSQL as well.

A new registry is created from the current models (`SQLModel.metadata`) and
stamped with SCHEMA_VERSION. Schema 1 is the first released schema; each later
version adds its step here and a fixture of the old schema under
tests/fixtures/, with a test that upgrading it keeps every row.
"""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy import Connection

SCHEMA_VERSION = 1
APPLICATION_ID = "vanort"

# MIGRATIONS[n] brings a registry from version n - 1 to version n.
MIGRATIONS: dict[int, Callable[[Connection], None]] = {}


def pending(version: int) -> list[tuple[int, Callable[[Connection], None]]] | None:
    """The steps to run on a registry at `version`, in order; None if vanort never wrote it."""
    if version < 1 or any(n not in MIGRATIONS for n in range(version + 1, SCHEMA_VERSION + 1)):
        return None
    return [(n, MIGRATIONS[n]) for n in range(version + 1, SCHEMA_VERSION + 1)]
