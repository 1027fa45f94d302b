"""Backing up, restoring and checking a registry on a PostgreSQL server, for its
backend (store/postgres.py).

A backup is the server's own: `pg_dump` in custom format (`-Fc`), consistent
while others write, restored with `pg_restore` in one transaction. The tools
come with the PostgreSQL client package; when they are not on the PATH the
command says how to install them. The connection is passed to the tools as
connection parameters without the password (which would show in the process
list), the password in PGPASSWORD; `~/.pgpass` and PGPASSWORD work as for any
PostgreSQL client.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import text
from sqlalchemy.engine import make_url

from vanort_cli.errors import RegistryError, RuleError
from vanort_cli.files import OWNER_ONLY, check_target, replaced_atomically, unique_copy_name
from vanort_cli.i18n import messages as m
from vanort_cli.store import migrations
from vanort_cli.store.location import mask_password

if TYPE_CHECKING:
    from vanort_cli.store.registry import Registry

META_TABLE = "vanort_meta"


def _tool(name: str, done: str) -> str:
    found = shutil.which(name)
    if found is None:
        raise RuleError(m.PG_TOOL_MISSING.format(tool=name, done=done))
    return found


def _connection(registry: Registry) -> tuple[str, dict[str, str]]:
    """The registry's database as libpq connection parameters without its password
    (`host=... port=... user=... dbname=...`), and the environment that carries the
    password: a child's command line is in the process list, readable by every local
    user; its environment only by the user and root. A password given in the URL's
    query (`?password=`) goes the same way."""
    from psycopg.conninfo import conninfo_to_dict, make_conninfo

    url = make_url(registry.location.url).set(drivername="postgresql")
    parameters = conninfo_to_dict(url.render_as_string(hide_password=False))
    environment = dict(os.environ)
    password = parameters.pop("password", None)
    if password is not None:
        environment["PGPASSWORD"] = str(password)
    return make_conninfo(**{key: str(value) for key, value in parameters.items()}), environment


def _run(
    command: list[str], *, registry: Registry, done: str, environment: dict[str, str]
) -> subprocess.CompletedProcess[str]:
    finished = subprocess.run(command, env=environment, capture_output=True, text=True)
    if finished.returncode != 0:
        lines = [line for line in finished.stderr.splitlines() if line.strip()]
        reason = lines[0] if lines else f"exit status {finished.returncode}"
        raise RegistryError(
            m.PG_TOOL_FAILED.format(
                tool=Path(command[0]).name,
                location=registry.location.display,
                reason=mask_password(reason.removeprefix(f"{Path(command[0]).name}: ")),
                done=done,
            )
        )
    return finished


def _plain_engine(registry: Registry) -> Any:
    """The registry's database, opened without the checks of opening a registry:
    what a restore must put back may be what those checks refuse."""
    from sqlalchemy import create_engine
    from sqlalchemy.pool import NullPool

    return create_engine(registry.location.engine_url, poolclass=NullPool)


def _dump(registry: Registry, target: Path, *, done: str) -> None:
    """pg_dump of the registry's database into `target`, written whole or not at all,
    as the tables' owner (store/roles.py: only it reads the id sequences)."""
    from vanort_cli.store.roles import owner_for_tools

    pg_dump = _tool("pg_dump", done)
    dbname, environment = _connection(registry)
    with (
        owner_for_tools(_plain_engine(registry)) as as_owner,
        replaced_atomically(target, mode=OWNER_ONLY) as temporary,
    ):
        registry.close()
        _run(
            [pg_dump, *as_owner, "--format=custom", "--file", str(temporary), "--dbname", dbname],
            registry=registry,
            done=done,
            environment=environment,
        )


def backup(*, registry: Registry, target: Path, force: bool) -> Path:
    """A pg_dump archive (custom format) of the registry's database at `target`."""
    done = m.PG_TOOL_DONE_BACKUP
    _tool("pg_dump", done)
    with registry.reading():  # opening brings the schema up to date, or refuses
        pass
    check_target(target, force=force, how=m.OUTPUT_AS_FILE)
    _dump(registry, target, done=done)
    return target


def _archived_meta(pg_restore: str, source: Path) -> dict[str, str] | None:
    """vanort_meta as the archive holds it, or None when `source` is no pg_dump
    archive of a vanort registry."""
    listing = subprocess.run(
        [pg_restore, "--list", str(source)], capture_output=True, text=True, env=dict(os.environ)
    )
    if listing.returncode != 0 or f" {META_TABLE} " not in listing.stdout:
        return None
    data = subprocess.run(
        [pg_restore, "--data-only", "--table", META_TABLE, "--file", "-", str(source)],
        capture_output=True,
        text=True,
    )
    meta: dict[str, str] = {}
    inside = False
    for line in data.stdout.splitlines():
        if line.startswith("COPY ") and META_TABLE in line:
            inside = True
        elif line == "\\.":
            inside = False
        elif inside and "\t" in line:
            key, value = line.split("\t", 1)
            meta[key] = value
    return meta


def restore(*, registry: Registry, source: Path) -> Path:
    """Replace the registry's database with a `db backup` archive, in one transaction,
    after saving what it replaces beside the archive."""
    done = m.PG_TOOL_DONE_RESTORE
    pg_restore = _tool("pg_restore", done)
    _tool("pg_dump", done)
    if not source.is_file():
        raise RegistryError(m.RESTORE_MISSING.format(path=source))
    meta = _archived_meta(pg_restore, source)
    if meta is None or meta.get("application") != migrations.APPLICATION_ID:
        raise RegistryError(m.PG_RESTORE_NOT_DUMP.format(path=source))
    try:
        version = int(meta.get("schema_version", ""))
    except ValueError:
        raise RegistryError(m.PG_RESTORE_NOT_DUMP.format(path=source)) from None
    if version > migrations.SCHEMA_VERSION:
        raise RegistryError(
            m.REGISTRY_TOO_NEW.format(
                location=source, found=version, supported=migrations.SCHEMA_VERSION
            )
        )
    registry.close()  # no connection of ours holds a lock the restore waits for
    saved = unique_copy_name(source, "before-restore")
    try:
        _dump(registry, saved, done=done)
        _pg_restore(registry, pg_restore, source, done=done)
    except BaseException:
        saved.unlink(missing_ok=True)  # nothing was replaced, so nothing was saved
        raise
    # The archive's tables are compared with this vanort's once they are in the
    # database (opening upgrades and compares them, store/registry.py): a doctored
    # archive is refused, and what it replaced put back.
    try:
        with registry.reading():
            pass
    except RegistryError:
        registry.close()
        _pg_restore(registry, pg_restore, saved, done=done)
        saved.unlink(missing_ok=True)  # what it held is back in the database
        raise
    finally:
        registry.close()
    return saved


def _pg_restore(registry: Registry, pg_restore: str, archive: Path, *, done: str) -> None:
    """Replace the registry's database with `archive`, in one transaction, as the
    tables' owner (store/roles.py), whose what it creates then is."""
    from vanort_cli.store.roles import owner_for_tools

    dbname, environment = _connection(registry)
    options = ["--clean", "--if-exists", "--no-owner", "--single-transaction", "--exit-on-error"]
    with owner_for_tools(_plain_engine(registry)) as as_owner:
        registry.close()
        _run(
            [pg_restore, *as_owner, *options, "--dbname", dbname, str(archive)],
            registry=registry,
            done=done,
            environment=environment,
        )


def check(*, registry: Registry, counted: tuple[str, ...]) -> dict[str, Any]:
    """The server's version, the schema version and the rows of each table."""
    with registry.reading() as session:
        connection = session.connection()
        server = connection.execute(text("SHOW server_version")).scalar_one()
        version = connection.execute(
            text(f"SELECT value FROM {META_TABLE} WHERE key = 'schema_version'")
        ).scalar_one()
        counts = {
            table: int(connection.execute(text(f'SELECT count(*) FROM "{table}"')).scalar_one())
            for table in counted
        }
    return {
        "location": registry.location.display,
        "server_version": str(server).split()[0],
        "schema_version": int(version),
        "counts": counts,
    }
