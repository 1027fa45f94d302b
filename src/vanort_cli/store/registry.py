"""Opening the registry: the engine from a URL, sessions, and an up-to-date schema.

Every command opens the registry here, and only here, so that the schema is
always created, seeded or upgraded before any command touches it, and every
write is exactly one transaction.
"""

from __future__ import annotations

import gc
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import Engine, inspect
from sqlalchemy import exc as sa_exc
from sqlalchemy import select as sa_select
from sqlalchemy.engine import Connection
from sqlalchemy.orm import exc as sa_orm_exc
from sqlmodel import Session

from vanort_cli.errors import RegistryError, RuleError, VanortError
from vanort_cli.i18n import messages as m
from vanort_cli.store import audit, migrations
from vanort_cli.store.backend import Backend, attach, backend_for
from vanort_cli.store.location import RegistryLocation
from vanort_cli.store.models import Meta
from vanort_cli.store.seed import seed_registry


class Registry:
    """The registry at one location. Sessions come from `reading()` and `writing()`;
    what depends on its database is asked of `backend` (store/backend.py)."""

    def __init__(self, location: RegistryLocation, *, may_create: bool | None = None) -> None:
        """`may_create`: whether a missing file may be created. By default only the
        default location is; an explicit path that does not exist is far more
        often a typo than a wish for a second, empty registry."""
        self.location = location
        self.backend: Backend = backend_for(location)
        self.may_create = location.is_default if may_create is None else may_create
        self._engine: Engine | None = None
        # Set when the registry could only be opened for reading (a full disk).
        self._read_only_because: str | None = None
        # Whether this registry ends the process's start-up (see `engine`).
        self._ends_start_up = _start_up_over()

    @property
    def engine(self) -> Engine:
        if self._engine is None:
            ends_start_up, self._ends_start_up = self._ends_start_up, False
            with self._translated_errors(), _still_start_up(ends_start_up):
                self._engine = self._open()
        return self._engine

    @property
    def read_only(self) -> bool:
        """Whether the registry could be opened for reading only (a full disk)."""
        return self._read_only_because is not None

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
                self.backend.confirm_in_place()  # committed to the registry, not a lost file
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
        with self.backend.opened(may_create=self.may_create) as engine:
            attach(engine, self.backend)
            try:
                self._bring_up_to_date(engine)
            except sa_exc.OperationalError as error:
                engine.dispose()
                reading = self.backend.read_only_engine(error)
                if reading is None:
                    raise
                return self._open_for_reading_only(reading)
        return engine

    def _open_for_reading_only(self, engine: Engine) -> Engine:
        """When the registry can be read but not brought up to date (on a full disk),
        reading commands still answer if its schema is this vanort's, and every
        write says why it cannot be done."""
        attach(engine, self.backend)
        with engine.connect() as connection:
            state = _schema_state(connection)
        if state != migrations.SCHEMA_VERSION:
            engine.dispose()
            raise RegistryError(m.REGISTRY_DISK.format(location=self.location.display))
        self._read_only_because = m.REGISTRY_DISK.format(location=self.location.display)
        return engine

    def _bring_up_to_date(self, engine: Engine) -> None:
        with engine.connect() as connection:
            state = _schema_state(connection)
            # Compared with this vanort's models, so only once the schema is theirs:
            # an older registry is checked right after its upgrade.
            if state == migrations.SCHEMA_VERSION:
                self._refuse_foreign_objects(connection)
        if state == migrations.SCHEMA_VERSION:
            self.backend.tune(engine)
            return
        self._check_version(state)
        # Creating or upgrading writes: take the write lock, then look again,
        # since another vanort may have done it while we waited.
        with engine.execution_options(vanort_write=True).begin() as connection:
            self.backend.lock(connection)
            state = _schema_state(connection)
            self._check_version(state)
            if state is None:
                _create(connection, self.backend)
            elif state < migrations.SCHEMA_VERSION:
                steps = migrations.pending(state)
                if steps is None:
                    raise RegistryError(
                        m.REGISTRY_UNKNOWN_VERSION.format(
                            location=self.location.display, found=state
                        )
                    )
                self.backend.before_upgrade(connection, state)
                for version, step in steps:
                    step(connection)
                    _stamp(connection, version)
                self.backend.after_upgrade(connection)
                self._refuse_foreign_objects(connection)
        self.backend.tune(engine)

    def _refuse_foreign_objects(self, connection: Connection) -> None:
        foreign = self.backend.foreign_objects(connection)
        if foreign:
            raise RegistryError(
                m.REGISTRY_FOREIGN_OBJECTS.format(
                    path=self.location.display, objects=", ".join(foreign)
                )
            )
        altered = self.backend.altered_tables(connection)
        if altered is not None:
            raise RegistryError(
                m.REGISTRY_SCHEMA_ALTERED.format(path=self.location.display, difference=altered)
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

    @contextmanager
    def _translated_errors(self) -> Iterator[None]:
        """Turn database failures into one line that names the file and what to do."""
        try:
            yield
        except VanortError:
            raise
        except (sa_exc.DBAPIError, sqlite3.Error, sa_orm_exc.StaleDataError) as error:
            refused = self.backend.refusal(error, self._engine)  # a server's role said no
            if refused is not None:
                raise RuleError(refused) from None
            raise RegistryError(self.backend.describe_error(error)) from None


def _start_up_over() -> bool:
    """Turn the garbage collector back on, if entry.main turned it off for start-up
    (and say so): the command's own work starts once it has a registry. What
    start-up made (modules, classes, the tables) is kept out of every later
    collection (`gc.freeze`): it lives as long as the process, and an import of
    many rows would walk it again and again."""
    if gc.isenabled():
        return False
    gc.freeze()
    gc.enable()
    return True


@contextmanager
def _still_start_up(ends_start_up: bool) -> Iterator[None]:
    """Opening the registry that ended start-up is start-up too: what its driver
    imports lives as long as the process. For a server that is psycopg and
    SQLAlchemy's PostgreSQL dialect (some 20,000 objects, against a few for a
    SQLite file), which the collector would otherwise walk while they are made,
    in every later full collection and at exit. So the collector is off while it
    opens, and what it made is kept out of later collections as start-up's is."""
    if not ends_start_up:
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        gc.enable()


def _new_session(engine: Engine) -> Session:
    """A session with the audit trail and hidden deleted rows (the name lookups of
    services/lookup.py keep themselves fresh with a hook of their own)."""
    # Records stay readable after the commit, for the command to show them.
    return audit.install(Session(engine, expire_on_commit=False))


def _schema_state(connection: Connection) -> int | None:
    """None: an empty database; -1: a database that vanort did not write; else its version."""
    tables = _table_names(connection)
    if not tables:
        return None
    if Meta.__tablename__ not in tables:
        return -1
    # Read through the table, not the model: an ORM select would configure every
    # mapper first (~10 ms), which a command that reads no model never needs.
    meta = Meta.__table__  # type: ignore[attr-defined]
    rows: dict[str, str] = dict(connection.execute(sa_select(meta.c.key, meta.c.value)).all())
    if rows.get("application") != migrations.APPLICATION_ID:
        return -1
    try:
        return int(rows.get("schema_version", "-1"))
    except ValueError:
        return -1


def _table_names(connection: Connection) -> set[str]:
    """The tables of the registry's schema, as the backend's dialect lists them."""
    return set(inspect(connection).get_table_names())


def _create(connection: Connection, backend: Backend) -> None:
    backend.create_schema(connection)
    connection.execute(
        Meta.__table__.insert(),  # type: ignore[attr-defined]
        [{"key": "application", "value": migrations.APPLICATION_ID}],
    )
    _stamp(connection, migrations.SCHEMA_VERSION)
    with Session(bind=connection) as session:
        session.info[audit.SKIP_AUDIT] = True  # the shipped data is not a change by anyone
        seed_registry(session)
        session.flush()
    # From here on the database records every change itself: the shipped data
    # above is where the registry starts, not a change by anyone.
    backend.install_history(connection)


def _stamp(connection: Connection, version: int) -> None:
    table = Meta.__table__  # type: ignore[attr-defined]
    connection.execute(table.delete().where(table.c.key == "schema_version"))
    connection.execute(table.insert(), [{"key": "schema_version", "value": str(version)}])
