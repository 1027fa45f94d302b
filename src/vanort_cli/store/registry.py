"""Opening the registry: the engine from a URL, sessions, and an up-to-date schema.

Every command opens the registry here, and only here, so that the schema is
always created, seeded or upgraded before any command touches it, and every
write is exactly one transaction.
"""

from __future__ import annotations

import os
import sqlite3
import time
from collections.abc import Iterable, Iterator
from contextlib import closing, contextmanager, suppress
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, event, inspect
from sqlalchemy import exc as sa_exc
from sqlalchemy.engine import Connection
from sqlalchemy.orm import exc as sa_orm_exc
from sqlalchemy.pool import QueuePool
from sqlmodel import Session, SQLModel, create_engine, select

from vanort_cli.errors import RegistryError, RuleError, VanortError, os_reason
from vanort_cli.files import replaced_atomically
from vanort_cli.i18n import messages as m
from vanort_cli.store import audit, migrations, sqlite_file
from vanort_cli.store.location import RegistryLocation, mask_password
from vanort_cli.store.models import Meta
from vanort_cli.store.seed import seed_registry

SQLITE_HEADER = b"SQLite format 3\x00"
LOCK_ATTEMPTS = 3


class Registry:
    """The registry at one location. Sessions come from `reading()` and `writing()`."""

    def __init__(self, location: RegistryLocation, *, may_create: bool | None = None) -> None:
        """`may_create`: whether a missing file may be created. By default only the
        default location is; an explicit path that does not exist is far more
        often a typo than a wish for a second, empty registry."""
        self.location = location
        self.may_create = location.is_default if may_create is None else may_create
        self._engine: Engine | None = None
        # Set when the registry could only be opened for reading (a full disk).
        self._read_only_because: str | None = None

    @property
    def engine(self) -> Engine:
        if self._engine is None:
            with self._translated_errors():
                self._engine = self._open()
        return self._engine

    @contextmanager
    def reading(self) -> Iterator[Session]:
        """A session for a command that only reads."""
        engine = self.engine
        with (
            self._translated_errors(),
            _new_session(engine) as session,
        ):
            yield session

    @contextmanager
    def writing(self) -> Iterator[Session]:
        """A session whose changes are one transaction: all committed, or none."""
        engine = self.engine.execution_options(vanort_write=True)
        if self._read_only_because is not None:
            raise RegistryError(self._read_only_because)
        with (
            self._translated_errors(),
            _new_session(engine) as session,
        ):
            try:
                yield session
                session.commit()
            except BaseException:
                session.rollback()
                raise

    def close(self) -> None:
        """Close every connection, once the command is done.

        Besides tidiness this matters for correctness: SQLite's file locks belong
        to the process, and any other descriptor closed on the same file (as a
        later registry opening in the same process does when it reads the header)
        would silently release them.
        """
        if self._engine is not None:
            self._engine.dispose()
            self._engine = None

    # -- opening -----------------------------------------------------------

    def _open(self) -> Engine:
        path = self.location.path
        if path is None:
            if self.location.on_server:
                from vanort_cli.store import postgres

                postgres.check_driver(self.location.display)
            try:
                engine = create_engine(self.location.engine_url)
            except (ImportError, sa_exc.ArgumentError, sa_exc.NoSuchModuleError) as error:
                raise RegistryError(
                    m.DB_DRIVER.format(
                        location=self.location.display, reason=mask_password(str(error))
                    )
                ) from None
            self._bring_up_to_date(engine)
            return engine
        with sqlite_file.private_files():
            try:
                self._check_file(path)
            except PermissionError as error:
                raise RegistryError(
                    m.FILE_ACCESS.format(path=error.filename or path, reason=os_reason(error))
                ) from None
            # The file is opened by path, never through a URL, so that no character
            # of its name (`%41`, `?`, `#`) can make SQLite open another file.
            engine = create_engine(
                "sqlite://", creator=lambda: sqlite_file.connect(path), poolclass=QueuePool
            )
            _use_explicit_transactions(engine)
            try:
                self._bring_up_to_date(engine)
            except sa_exc.OperationalError as error:
                engine.dispose()
                if not (sqlite_file.is_disk_full(error) and sqlite_file.wal_is_empty(path)):
                    raise
                engine = self._open_for_reading_only(path)
        return engine

    def _open_for_reading_only(self, path: Path) -> Engine:
        """On a full disk SQLite cannot even set up its shared-memory file to read
        in WAL mode. When nothing is waiting in the WAL, the main file is the whole
        registry: read it as it is, so that reading commands still answer, and let
        every write say why it cannot be done."""
        engine = create_engine(
            "sqlite://", creator=lambda: sqlite_file.open_read_only(path), poolclass=QueuePool
        )
        _use_explicit_transactions(engine)
        with engine.connect() as connection:
            state = _schema_state(connection)
        if state != migrations.SCHEMA_VERSION:
            engine.dispose()
            raise RegistryError(m.REGISTRY_DISK.format(location=self.location.display))
        self._read_only_because = m.REGISTRY_DISK.format(location=self.location.display)
        return engine

    def _check_file(self, path: Path) -> None:
        """Refuse what SQLite would misread, overwrite or hang on, before it opens anything."""
        if path.is_dir():
            raise RegistryError(m.REGISTRY_IS_DIRECTORY.format(path=path))
        if not path.parent.is_dir():
            if not self.location.is_default:
                raise RegistryError(m.REGISTRY_DIR_MISSING.format(directory=path.parent))
            path.parent.mkdir(parents=True, mode=0o700, exist_ok=True)
        if path.exists():
            if not path.is_file():  # a FIFO or a device: opening it could hang
                raise RegistryError(m.REGISTRY_NOT_REGULAR.format(path=path))
            with path.open("rb") as handle:
                header = handle.read(len(SQLITE_HEADER))
            if header and header != SQLITE_HEADER:
                raise RegistryError(m.REGISTRY_NOT_SQLITE.format(path=path))
            if header:
                _match_journal_modes(path)
                return
            # An empty file is not a registry yet: it becomes one only on purpose.
            if not self.may_create:
                raise RegistryError(m.REGISTRY_MISSING.format(path=path))
            path.chmod(sqlite_file.OWNER_ONLY)
            return
        if not self.may_create:
            raise RegistryError(m.REGISTRY_MISSING.format(path=path))
        # A new registry is readable and writable by its owner only, also when the
        # path is a link to where it will be.
        try:
            os.close(os.open(path, os.O_CREAT | os.O_WRONLY, sqlite_file.OWNER_ONLY))
        except OSError as error:
            raise RegistryError(
                m.REGISTRY_CANNOT_CREATE.format(path=path, reason=os_reason(error))
            ) from None

    def _bring_up_to_date(self, engine: Engine) -> None:
        with engine.connect() as connection:
            state = _schema_state(connection)
            # Compared with this vanort's models, so only once the schema is theirs:
            # an older registry is checked right after its upgrade.
            if state == migrations.SCHEMA_VERSION:
                self._refuse_foreign_objects(connection)
        if state == migrations.SCHEMA_VERSION:
            _use_wal(engine)
            return
        self._check_version(state)
        # Creating or upgrading writes: take the write lock, then look again,
        # since another vanort may have done it while we waited. On a server the
        # lock is an advisory one, held to the end of the transaction.
        with engine.execution_options(vanort_write=True).begin() as connection:
            if connection.dialect.name == "postgresql":
                from vanort_cli.store import postgres

                postgres.lock_schema(connection)
            state = _schema_state(connection)
            self._check_version(state)
            if state is None:
                _create(connection)
            elif state < migrations.SCHEMA_VERSION:
                steps = migrations.pending(state)
                if steps is None:
                    raise RegistryError(
                        m.REGISTRY_UNKNOWN_VERSION.format(
                            location=self.location.display, found=state
                        )
                    )
                self._backup_before_upgrade(connection, state)
                for version, step in steps:
                    step(connection)
                    _stamp(connection, version)
                self._refuse_foreign_objects(connection)
        _use_wal(engine)

    def _refuse_foreign_objects(self, connection: Connection) -> None:
        if connection.dialect.name == "postgresql":
            from vanort_cli.store import postgres

            foreign = postgres.foreign_tables(connection, set(SQLModel.metadata.tables))
        elif connection.dialect.name == "sqlite":
            found = connection.exec_driver_sql("select type, name from sqlite_master").all()
            foreign = foreign_schema_objects((str(kind), str(name)) for kind, name in found)
        else:
            return
        if foreign:
            raise RegistryError(
                m.REGISTRY_FOREIGN_OBJECTS.format(
                    path=self.location.display, objects=", ".join(foreign)
                )
            )

    def _check_version(self, state: int | None) -> None:
        if state is not None and state > migrations.SCHEMA_VERSION:
            raise RegistryError(
                m.REGISTRY_TOO_NEW.format(
                    location=self.location.display,
                    found=state,
                    supported=migrations.SCHEMA_VERSION,
                )
            )
        if state == -1:
            raise RegistryError(m.REGISTRY_NOT_VANORT.format(location=self.location.display))

    def _backup_before_upgrade(self, connection: Connection, version: int) -> None:
        """A whole copy of the registry as it is before the upgrade, rows still in
        the `-wal` included, written to a temporary file first, so that a kill
        never leaves a truncated copy under the backup's name.

        `connection` holds the write lock while the copy is read through a
        connection of its own (SQLite's backup API cannot read through a
        connection that is writing), so no one can change the registry between
        the copy and the upgrade.
        """
        path = self.location.path
        if path is None:
            return  # a server database is backed up by its own tools
        assert connection.in_transaction()
        target = sqlite_file.unique_copy_name(path, f"schema{version}")
        with (
            closing(sqlite_file.connect(path)) as source,
            replaced_atomically(target, mode=sqlite_file.OWNER_ONLY) as temporary,
        ):
            sqlite_file.copy_into(source, temporary)

    @contextmanager
    def _translated_errors(self) -> Iterator[None]:
        """Turn database failures into one line that names the file and what to do."""
        try:
            yield
        except VanortError:
            raise
        except (sa_exc.DBAPIError, sqlite3.Error, sa_orm_exc.StaleDataError) as error:
            from vanort_cli.store.roles import translate_refusal

            refused = translate_refusal(error, self._engine)  # a server's role said no
            if refused is not None:
                raise RuleError(refused) from None
            raise RegistryError(describe_database_error(error, self.location)) from None


def _new_session(engine: Engine) -> Session:
    """A session with the audit trail and hidden deleted rows (the name lookups of
    services/lookup.py keep themselves fresh with a hook of their own)."""
    # Records stay readable after the commit, for the command to show them.
    return audit.install(Session(engine, expire_on_commit=False))


def foreign_schema_objects(found: Iterable[tuple[str, str]]) -> list[str]:
    """Of a SQLite file's schema objects, (type, name) as in sqlite_master, those
    this vanort does not create, as "trigger wipe": a trigger could, for one,
    silently erase the history on every change."""
    expected = {("table", name) for name in SQLModel.metadata.tables}
    expected |= {
        ("index", str(index.name))
        for table in SQLModel.metadata.tables.values()
        for index in table.indexes
    }
    return sorted(
        f"{kind} {name}"
        for kind, name in found
        if (kind, name) not in expected
        and not (kind == "index" and name.startswith("sqlite_autoindex_"))
        and not (kind == "table" and name == "sqlite_sequence")
    )


def _match_journal_modes(path: Path) -> None:
    """Give the registry's `-wal` and `-shm` the registry's own mode.

    A registry made writable again (`chmod 600` after `chmod 400`) must take
    writes: SQLite would otherwise go on using the stale read-only `-shm`.
    Only files of our own are touched, and only to match the registry.
    """
    if not os.access(path, os.W_OK):
        return
    mode = path.stat().st_mode & 0o666
    for suffix in ("-wal", "-shm"):
        journal = Path(f"{path}{suffix}")
        try:
            if journal.stat().st_uid == os.getuid() and not os.access(journal, os.W_OK):
                journal.chmod(mode)
        except OSError:
            continue


def _use_explicit_transactions(engine: Engine) -> None:
    """Let SQLAlchemy, not the sqlite3 module, open transactions.

    The sqlite3 module begins transactions lazily and not before DDL, so a
    failed creation could leave half a schema. Beginning them ourselves makes
    schema and data changes atomic; writers take the lock up front
    (BEGIN IMMEDIATE) so that concurrent writers wait their turn instead of
    failing with "database is locked" halfway through.
    """

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys = ON")
        cursor.close()
        # Case- and accent-insensitive search in SQL (`collaborations list --search`):
        # the same folding as every name lookup.
        dbapi_connection.create_function("vanort_fold", 1, _fold_or_none, deterministic=True)

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Connection) -> None:
        writing = connection.get_execution_options().get("vanort_write", False)
        if not writing:
            connection.exec_driver_sql("BEGIN")
            return
        # Each attempt waits up to the busy timeout for the write lock; a few
        # attempts ride out a burst of writers before the command gives up.
        for attempt in range(1, LOCK_ATTEMPTS + 1):
            try:
                connection.exec_driver_sql("BEGIN IMMEDIATE")
                return
            except sa_exc.OperationalError as error:
                if "locked" not in str(error) or attempt == LOCK_ATTEMPTS:
                    raise
                time.sleep(0.05 * attempt)


def _fold_or_none(text: str | None) -> str | None:
    from vanort_cli.domain.names import normalise

    return None if text is None else normalise(text)


def _use_wal(engine: Engine) -> None:
    """Put a registry in WAL mode, so readers go on while one writer writes.

    The mode is kept in the file and can only be changed outside a transaction,
    hence on a raw connection, and only once the file is known to be vanort's. A
    file that cannot switch (read-only, or held open in another mode) stays as it is.
    """
    if engine.dialect.name != "sqlite":
        return
    raw = engine.raw_connection()
    try:
        cursor = raw.driver_connection.cursor()  # type: ignore[union-attr]
        mode = cursor.execute("PRAGMA journal_mode").fetchone()[0]
        if mode != "wal":
            with suppress(sqlite3.OperationalError):
                cursor.execute("PRAGMA journal_mode = WAL")
        cursor.close()
    finally:
        raw.close()


def _schema_state(connection: Connection) -> int | None:
    """None: an empty database; -1: a database that vanort did not write; else its version."""
    tables = set(inspect(connection).get_table_names())
    if not tables:
        return None
    if Meta.__tablename__ not in tables:
        return -1
    rows = dict(connection.execute(select(Meta.key, Meta.value)).all())
    if rows.get("application") != migrations.APPLICATION_ID:
        return -1
    try:
        return int(rows.get("schema_version", "-1"))
    except ValueError:
        return -1


def _create(connection: Connection) -> None:
    SQLModel.metadata.create_all(connection)
    if connection.dialect.name == "postgresql":
        from vanort_cli.store import postgres

        postgres.create_server_objects(connection)
    connection.execute(
        Meta.__table__.insert(),  # type: ignore[attr-defined]
        [{"key": "application", "value": migrations.APPLICATION_ID}],
    )
    _stamp(connection, migrations.SCHEMA_VERSION)
    with Session(bind=connection) as session:
        session.info[audit.SKIP_AUDIT] = True  # the shipped data is not a change by anyone
        seed_registry(session)
        session.flush()


def _stamp(connection: Connection, version: int) -> None:
    table = Meta.__table__  # type: ignore[attr-defined]
    connection.execute(table.delete().where(table.c.key == "schema_version"))
    connection.execute(table.insert(), [{"key": "schema_version", "value": str(version)}])


def describe_database_error(error: BaseException, location: RegistryLocation) -> str:
    """One line for a database failure: what happened to which registry, and what to do."""
    text = str(getattr(error, "orig", error) or error).lower()
    where = location.display
    if location.on_server:
        from vanort_cli.store import postgres

        described = postgres.describe_error(text, where, location.engine_url)
        if described is not None:
            return described
    if "locked" in text or "busy" in text:
        return m.REGISTRY_LOCKED.format(location=where)
    if "readonly" in text or "read-only" in text:
        return m.REGISTRY_READ_ONLY.format(location=where)
    if "no such table" in text or "no such column" in text:
        return m.REGISTRY_SCHEMA_MISMATCH.format(location=where)
    if "not a database" in text or "malformed" in text or "corrupt" in text:
        return m.REGISTRY_CORRUPT.format(location=where)
    if sqlite_file.is_disk_full(error):
        return m.REGISTRY_DISK.format(location=where)
    if "unable to open" in text:
        return m.REGISTRY_CANNOT_OPEN.format(location=where)
    reason = mask_password(str(getattr(error, "orig", error))).strip().splitlines()
    return m.REGISTRY_FAILED.format(location=where, reason=reason[0] if reason else "")
