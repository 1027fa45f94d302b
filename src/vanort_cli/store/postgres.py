"""The backend of a registry on a PostgreSQL server (store/backend.py): the
driver, the schema's server-side objects, the advisory lock around creating or
upgrading it, the check for tables that are not vanort's, one line for a
server's failures; its roles (store/roles.py) and its backups with pg_dump and
pg_restore (store/pg_maintenance.py).

Nothing here is imported for a SQLite registry, and SQLAlchemy only when a
method needs it (see store/backend.py).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

from vanort_cli.errors import RegistryError
from vanort_cli.i18n import messages as m
from vanort_cli.store import failures
from vanort_cli.store.server import DatabaseServer

if TYPE_CHECKING:
    from sqlalchemy import Connection, Engine, Table

    from vanort_cli.store.registry import Registry

# Any fixed number: every vanort that creates or upgrades a registry on this
# database takes the same lock, inside the transaction that does it.
SCHEMA_LOCK = 0x76616E6F7274  # "vanort"

# `vanort_fold` in SQL: domain.names.normalise for the Nordic letters and the
# common accents, as the SQLite twin registered in store/sqlite.py. Case-folded,
# decomposed (NFKD) with the marks dropped, ø æ ß đ ł œ spelt out, anything but
# letters and digits one space, trimmed. IMMUTABLE, so an index could use it.
FOLD_FUNCTION = r"""
CREATE OR REPLACE FUNCTION vanort_fold(value text) RETURNS text
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $fold$
SELECT btrim(regexp_replace(regexp_replace(
    translate(
        replace(replace(replace(normalize(lower(value), NFKD), 'ß', 'ss'), 'æ', 'ae'), 'œ', 'oe'),
        'øđł', 'odl'),
    '[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]', '', 'g'),
    '[^[:alnum:]]+', ' ', 'g'), ' ')
$fold$
"""

# Filled in by the server on every insert that does not give them, so that a
# row says which database role wrote it (row-level security: "your own").
ROLE_DEFAULTS = (
    "ALTER TABLE collaboration ALTER COLUMN owner_role SET DEFAULT current_user",
    "ALTER TABLE audit_entry ALTER COLUMN db_role SET DEFAULT current_user",
)


def check_driver(location: str) -> None:
    """One line naming the extra to install when psycopg is missing."""
    try:
        import psycopg  # noqa: F401
    except ImportError:
        raise RegistryError(m.PG_DRIVER_MISSING.format(location=location)) from None


def lock_schema(connection: Connection) -> None:
    """Wait for any other vanort creating or upgrading this registry; released at
    the end of the transaction, so the second one finds the schema done."""
    from sqlalchemy import text

    connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": SCHEMA_LOCK})


def create_server_objects(connection: Connection) -> None:
    """What the models cannot say portably: the fold function and the role defaults."""
    from sqlalchemy import text

    connection.execute(text(FOLD_FUNCTION))
    for statement in ROLE_DEFAULTS:
        connection.execute(text(statement))


def foreign_tables(connection: Connection, expected: set[str]) -> list[str]:
    """Tables and views in the registry's schema that vanort does not create."""
    from sqlalchemy import text

    found = connection.execute(
        text(
            "SELECT c.relkind, c.relname FROM pg_class c "
            "JOIN pg_namespace n ON n.oid = c.relnamespace "
            "WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p', 'v', 'm', 'f')"
        )
    ).all()
    kinds = {"r": "table", "p": "table", "f": "table", "v": "view", "m": "view"}
    return sorted(f"{kinds[str(kind)]} {name}" for kind, name in found if name not in expected)


def describe_refusal_to_connect(text_: str, location: str, url: str) -> str | None:
    """One line for a server's failure to let vanort in, or None if it is not one.
    The password is never shown: `location` is already masked."""
    from sqlalchemy.engine import make_url

    lowered = text_.lower()
    try:
        parsed = make_url(url)
    except Exception:  # a URL the driver accepted but SQLAlchemy cannot parse
        return None
    where = f"{parsed.host or 'localhost'}:{parsed.port or 5432}"
    if "password authentication failed" in lowered or "no password supplied" in lowered:
        return m.PG_LOGIN_FAILED.format(location=location, user=parsed.username or "")
    if 'database "' in lowered and "does not exist" in lowered:
        return m.PG_NO_DATABASE.format(location=location, database=parsed.database or "")
    if 'role "' in lowered and "does not exist" in lowered:
        return m.PG_LOGIN_FAILED.format(location=location, user=parsed.username or "")
    if (
        "connection refused" in lowered
        or "could not translate host name" in lowered
        or "timeout expired" in lowered
        or "no route to host" in lowered
        or "server closed the connection" in lowered
        or "terminating connection" in lowered
        or ("connection to server" in lowered and "failed" in lowered)
    ):
        return m.PG_SERVER_DOWN.format(location=location, server=where)
    return None


class PostgreSQL(DatabaseServer):
    """A registry on a PostgreSQL server (see store/backend.py for each method)."""

    @contextmanager
    def opened(self, *, may_create: bool) -> Iterator[Engine]:
        check_driver(self.location.display)
        with super().opened(may_create=may_create) as engine:
            yield engine

    def lock(self, connection: Connection) -> None:
        lock_schema(connection)

    def create_schema(self, connection: Connection) -> None:
        super().create_schema(connection)
        create_server_objects(connection)

    def after_upgrade(self, connection: Connection) -> None:
        # The fold function as this vanort writes it, and the role defaults on the
        # columns the upgrade may have added (schema 4: owner_role, db_role).
        create_server_objects(connection)

    def foreign_objects(self, connection: Connection) -> list[str]:
        from sqlmodel import SQLModel

        return foreign_tables(connection, set(SQLModel.metadata.tables))

    def altered_tables(self, connection: Connection) -> str | None:
        from vanort_cli.store import schema_check

        return schema_check.postgresql_difference(connection)

    def snapshot_options(self) -> dict[str, Any]:
        # Each statement would otherwise see the latest commits.
        return {"isolation_level": "REPEATABLE READ"}

    def describe_error(self, error: BaseException) -> str:
        described = describe_refusal_to_connect(
            failures.reason_of(error), self.location.display, self.location.engine_url
        )
        return described if described is not None else super().describe_error(error)

    def refusal(self, error: BaseException, engine: Engine | None) -> str | None:
        from vanort_cli.store.roles import translate_refusal

        return translate_refusal(error, engine)

    def backup(self, *, registry: Registry, target: Path, force: bool) -> Path:
        from vanort_cli.store import pg_maintenance

        return pg_maintenance.backup(registry=registry, target=target, force=force)

    def restore(self, *, registry: Registry, source: Path) -> Path:
        from vanort_cli.store import pg_maintenance

        return pg_maintenance.restore(registry=registry, source=source)

    def check(self, *, registry: Registry) -> dict[str, Any]:
        from vanort_cli.store import pg_maintenance
        from vanort_cli.store.models import COUNTED_TABLES

        return pg_maintenance.check(registry=registry, counted=COUNTED_TABLES)

    def require_roles(self) -> None:
        return None  # GRANTs and row-level security (store/roles.py)

    def set_id_sequences(self, connection: Connection, highest: dict[Table, int]) -> None:
        """Explicit ids leave a table's sequence where it was, so the next row would be
        given an id already taken: every sequence goes past the highest id given."""
        from sqlalchemy import text

        for table, value in highest.items():
            sequence = connection.execute(
                text("SELECT pg_get_serial_sequence(:table, 'id')"), {"table": f'"{table.name}"'}
            ).scalar()
            if sequence is None:
                continue
            connection.execute(
                text("SELECT setval(CAST(:sequence AS regclass), :value, :called)"),
                {"sequence": sequence, "value": max(value, 1), "called": value > 0},
            )
