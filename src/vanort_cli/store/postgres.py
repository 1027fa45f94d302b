"""What only a registry on a PostgreSQL server needs: the driver, the schema's
server-side objects, the advisory lock around creating or upgrading it, the
check for tables that are not vanort's, and one line for a server's failures.

`db.py` calls these where it calls the SQLite file's checks, so commands never
ask which database they have. Nothing here is imported for a SQLite registry.
"""

from __future__ import annotations

from sqlalchemy import Connection, text
from sqlalchemy.engine import make_url

from vanort_cli.errors import RegistryError
from vanort_cli.i18n import messages as m

# Any fixed number: every vanort that creates or upgrades a registry on this
# database takes the same lock, inside the transaction that does it.
SCHEMA_LOCK = 0x76616E6F7274  # "vanort"

# `vanort_fold` in SQL: domain.names.normalise for the Nordic letters and the
# common accents, as the SQLite twin registered in db.py. Case-folded,
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
    connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": SCHEMA_LOCK})


def create_server_objects(connection: Connection) -> None:
    """What the models cannot say portably: the fold function and the role defaults."""
    connection.execute(text(FOLD_FUNCTION))
    for statement in ROLE_DEFAULTS:
        connection.execute(text(statement))


def foreign_tables(connection: Connection, expected: set[str]) -> list[str]:
    """Tables and views in the registry's schema that vanort does not create."""
    found = connection.execute(
        text(
            "SELECT c.relkind, c.relname FROM pg_class c "
            "JOIN pg_namespace n ON n.oid = c.relnamespace "
            "WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p', 'v', 'm', 'f')"
        )
    ).all()
    kinds = {"r": "table", "p": "table", "f": "table", "v": "view", "m": "view"}
    return sorted(f"{kinds[str(kind)]} {name}" for kind, name in found if name not in expected)


def describe_error(text_: str, location: str, url: str) -> str | None:
    """One line for a server's failure to let vanort in, or None if it is not one.
    The password is never shown: `location` is already masked."""
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
