"""The backend of a registry in a SQLite file (store/backend.py): the checks before
SQLite opens a file, the file's mode, WAL, explicit transactions, a copy before
an upgrade, and the SQL only SQLite speaks (its sequence table, a fast bulk
insert). Backups, restores and checks of the file are store/sqlite_maintenance.py;
opening exactly the file and copying it, store/sqlite_file.py.

Kept free of SQLAlchemy at import, so that Tab completion reads the file with the
standard library alone (`peek`); what builds an engine imports it when called.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Callable, Iterator, Sequence
from contextlib import closing, contextmanager, suppress
from pathlib import Path
from typing import TYPE_CHECKING, Any

from vanort_cli.errors import RegistryError, RuleError, os_reason
from vanort_cli.files import OWNER_ONLY, replaced_atomically, unique_copy_name
from vanort_cli.i18n import messages as m
from vanort_cli.store import failures, sqlite_file
from vanort_cli.store.history_triggers import CLAIM_TABLE
from vanort_cli.store.location import RegistryLocation

if TYPE_CHECKING:
    from sqlalchemy import Connection, Engine, Table

    from vanort_cli.store.registry import Registry

LOCK_ATTEMPTS = 3


class SQLiteFile:
    """A registry that is the SQLite file at `path` (see store/backend.py for each method)."""

    def __init__(self, location: RegistryLocation, path: Path) -> None:
        self.location = location
        self.path = path
        # The file SQLite opened (device, inode), to tell after a commit whether it is
        # still the registry's: a file deleted or replaced while a command wrote
        # would take the command's rows with it (`confirm_in_place`).
        self._opened_file: tuple[int, int] | None = None

    # -- where it lives ----------------------------------------------------------------

    def protected_paths(self) -> list[Path]:
        return [self.path]

    def place(self) -> tuple[object, ...]:
        return (self.path.resolve(),)

    @contextmanager
    def removed_if_failed(self, close: Callable[[], None]) -> Iterator[None]:
        # Only a file this command creates is removed (a link is never followed to
        # remove what it points to).
        created = not os.path.lexists(self.path)
        try:
            yield
        except BaseException:
            if created:
                close()
                for suffix in ("", "-wal", "-shm", "-journal"):
                    Path(f"{self.path}{suffix}").unlink(missing_ok=True)
            raise

    def peek(self, *queries: str) -> list[list[tuple[Any, ...]]]:
        """Opened read-only in every case. Without a `-wal` beside it the main file is
        the whole registry and is read as it stands (`immutable`: no lock taken, no
        `-shm` created); with one, other vanort processes may have the registry open,
        so SQLite reads it through the WAL as usual. If that is refused (locked, a
        read-only directory), the main file is read as it stands."""
        nothing: list[list[tuple[Any, ...]]] = [[] for _ in queries]
        try:
            if not self.path.is_file():  # a FIFO or a device could hang
                return nothing
        except OSError:
            return nothing
        attempts = [{"mode": "ro", "immutable": "1"}]
        if Path(f"{self.path}-wal").exists():
            attempts.insert(0, {"mode": "ro"})
        for parameters in attempts:
            try:
                with closing(sqlite_file.connect(self.path, timeout=0, **parameters)) as db:
                    db.execute("SELECT count(*) FROM sqlite_master").fetchone()
                    return [_rows(db, query) for query in queries]
            except sqlite3.OperationalError:
                continue  # locked, or cannot share the WAL: try the next way
            except sqlite3.Error:
                break  # not a database, or a damaged one
        return nothing

    # -- opening, creating, upgrading --------------------------------------------------

    @contextmanager
    def opened(self, *, may_create: bool) -> Iterator[Engine]:
        """While SQLite creates files here (the registry, its `-wal` and `-shm`), they
        are their owner's only."""
        from sqlalchemy.pool import QueuePool
        from sqlmodel import create_engine

        path = self.path
        with sqlite_file.private_files():
            try:
                self._check_file(may_create=may_create)
            except PermissionError as error:
                raise RegistryError(
                    m.FILE_ACCESS.format(path=error.filename or path, reason=os_reason(error))
                ) from None
            # The file is opened by path, never through a URL, so that no character
            # of its name (`%41`, `?`, `#`) can make SQLite open another file.
            self._opened_file = None  # read again by the engine's first connection
            engine = create_engine("sqlite://", creator=self._connect, poolclass=QueuePool)
            _use_explicit_transactions(engine)
            yield engine

    def _connect(self) -> sqlite3.Connection:
        # SQLite opens the file at once: what is at the path right after is that file.
        connection = sqlite_file.connect(self.path)
        if self._opened_file is None:
            with suppress(OSError):
                self._opened_file = _identity(self.path)
        return connection

    def confirm_in_place(self) -> None:
        if self._opened_file is None:
            return
        try:
            now: tuple[int, int] | None = _identity(self.path)
        except OSError:
            now = None
        if now != self._opened_file:
            raise RegistryError(m.REGISTRY_GONE.format(path=self.path))

    def read_only_engine(self, error: Exception) -> Engine | None:
        """On a full disk SQLite cannot even set up its shared-memory file to read in
        WAL mode. When nothing is waiting in the WAL, the main file is the whole
        registry: read it as it is."""
        if not (failures.is_disk_full(error) and sqlite_file.wal_is_empty(self.path)):
            return None
        from sqlalchemy.pool import QueuePool
        from sqlmodel import create_engine

        path = self.path
        engine = create_engine(
            "sqlite://", creator=lambda: sqlite_file.open_read_only(path), poolclass=QueuePool
        )
        _use_explicit_transactions(engine)
        return engine

    def _check_file(self, *, may_create: bool) -> None:
        """Refuse what SQLite would misread, overwrite or hang on, before it opens anything."""
        path = self.path
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
                header = handle.read(len(sqlite_file.SQLITE_HEADER))
            if header and header != sqlite_file.SQLITE_HEADER:
                raise RegistryError(m.REGISTRY_NOT_SQLITE.format(path=path))
            if header:
                _match_journal_modes(path)
                return
            # An empty file is not a registry yet: it becomes one only on purpose.
            if not may_create:
                raise RegistryError(m.REGISTRY_MISSING.format(path=path))
            path.chmod(OWNER_ONLY)
            return
        if not may_create:
            raise RegistryError(m.REGISTRY_MISSING.format(path=path))
        # A new registry is readable and writable by its owner only, also when the
        # path is a link to where it will be.
        try:
            os.close(os.open(path, os.O_CREAT | os.O_WRONLY, OWNER_ONLY))
        except OSError as error:
            raise RegistryError(
                m.REGISTRY_CANNOT_CREATE.format(path=path, reason=os_reason(error))
            ) from None

    def lock(self, connection: Connection) -> None:
        return None  # the transaction began with BEGIN IMMEDIATE: the file's write lock

    def create_schema(self, connection: Connection) -> None:
        from sqlmodel import SQLModel

        SQLModel.metadata.create_all(connection)

    def before_upgrade(self, connection: Connection, version: int) -> None:
        """A whole copy of the registry as it is before the upgrade, rows still in
        the `-wal` included, written to a temporary file first, so that a kill
        never leaves a truncated copy under the backup's name.

        `connection` holds the write lock while the copy is read through a
        connection of its own (SQLite's backup API cannot read through a
        connection that is writing), so no one can change the registry between
        the copy and the upgrade.
        """
        assert connection.in_transaction()
        # What an upgrade killed while copying left: no other copy can be under way
        # while this one holds the write lock.
        sqlite_file.clear_interrupted_copies(self.path, "schema")
        target = unique_copy_name(self.path, f"schema{version}")
        with (
            closing(sqlite_file.connect(self.path)) as source,
            replaced_atomically(target, mode=OWNER_ONLY) as temporary,
        ):
            sqlite_file.copy_into(source, temporary)

    def after_upgrade(self, connection: Connection) -> None:
        self.install_history(connection)

    records_history = True

    def install_history(self, connection: Connection) -> None:
        from vanort_cli.store import history_triggers

        history_triggers.install_sqlite(connection)

    @contextmanager
    def history_suspended(self, connection: Connection) -> Iterator[None]:
        """The claim marked suspended: the triggers write nothing until it is lifted."""
        # A registry created in this very transaction (db copy) has no claim yet.
        if connection.exec_driver_sql(f"SELECT count(*) FROM {CLAIM_TABLE}").scalar() == 0:
            _make_claim(connection)
        connection.exec_driver_sql(f"UPDATE {CLAIM_TABLE} SET suspended = 1")
        yield
        connection.exec_driver_sql(f"UPDATE {CLAIM_TABLE} SET suspended = 0")

    def foreign_objects(self, connection: Connection) -> list[str]:
        found = connection.exec_driver_sql("select type, name, sql from sqlite_master").all()
        return sqlite_file.foreign_schema_objects(
            (str(kind), str(name), sql) for kind, name, sql in found
        )

    def altered_tables(self, connection: Connection) -> str | None:
        from vanort_cli.store import schema_check

        found = connection.exec_driver_sql("select type, name, tbl_name, sql from sqlite_master")
        return schema_check.sqlite_difference(found.all())

    def tune(self, engine: Engine) -> None:
        """WAL mode, so readers go on while one writer writes.

        The mode is kept in the file and can only be changed outside a transaction,
        hence on a raw connection, and only once the file is known to be vanort's. A
        file that cannot switch (read-only, or held open in another mode) stays as it is.
        """
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

    def snapshot_options(self) -> dict[str, Any]:
        return {}  # a read transaction on SQLite is one moment of the file already

    # -- failures ----------------------------------------------------------------------

    def describe_error(self, error: BaseException) -> str:
        return failures.describe(error, self.location)

    def refusal(self, error: BaseException, engine: Engine | None) -> str | None:
        return None  # a file's access is its permissions, said before it opens

    # -- keeping -----------------------------------------------------------------------

    def backup(self, *, registry: Registry, target: Path, force: bool) -> Path:
        from vanort_cli.store import sqlite_maintenance

        return sqlite_maintenance.backup(
            registry=registry, path=self.path, target=target, force=force
        )

    def restore(self, *, registry: Registry, source: Path) -> Path:
        from vanort_cli.store import sqlite_maintenance

        return sqlite_maintenance.restore(registry=registry, path=self.path, source=source)

    def check(self, *, registry: Registry) -> dict[str, Any]:
        from vanort_cli.store import sqlite_maintenance

        return sqlite_maintenance.check(registry=registry, path=self.path)

    def unbound_reporters(self, connection: Connection) -> list[str]:
        return []  # a file has no logins

    def require_roles(self) -> None:
        raise RuleError(m.ROLES_NEED_SERVER.format(location=self.location.display))

    # -- SQL of its own ----------------------------------------------------------------

    def insert_rows(
        self, connection: Connection, table: Table, rows: Sequence[dict[str, Any]]
    ) -> None:
        """SQLAlchemy Core's executemany converts each value of each row through the
        column's type one call at a time, which costs more than SQLite's own insert:
        here the statement is compiled once and each distinct value converted once
        (an import's rows share their dates and their timestamp)."""
        from operator import itemgetter

        from sqlalchemy import insert

        keys = list(rows[0])
        compiled = insert(table).compile(dialect=connection.dialect, column_keys=keys)
        order = list(compiled.positiontup or keys)
        cells_of = itemgetter(*order) if len(order) > 1 else (lambda row: (row[order[0]],))
        # Only the columns whose type converts a value (dates, times) are touched.
        converting = [
            (i, convert)
            for i, key in enumerate(order)
            if (convert := _converter(table, key, connection)) is not None
        ]
        tuples: list[tuple[Any, ...]] = []
        for row in rows:
            cells = list(cells_of(row))
            for i, convert in converting:
                cells[i] = convert(cells[i])
            tuples.append(tuple(cells))
        connection.exec_driver_sql(str(compiled), tuples)

    def insert_rows_returning_ids(
        self, connection: Connection, table: Table, rows: Sequence[dict[str, Any]]
    ) -> list[int]:
        """SQLite runs RETURNING in parameter order one statement a row. It needs no
        RETURNING: a write holds the database's only write lock (BEGIN IMMEDIATE),
        so the rows take the consecutive ids after the largest, in order."""
        from sqlalchemy import func, select

        self.insert_rows(connection, table, rows)
        last = connection.execute(select(func.max(table.c.id))).scalar_one()
        first = last - len(rows) + 1
        counted = connection.execute(
            select(func.count()).select_from(table).where(table.c.id.between(first, last))
        ).scalar_one()
        if counted != len(rows):  # never seen; refuse rather than link the wrong rows
            raise RegistryError(m.IMPORT_IDS_NOT_CONSECUTIVE.format(table=table.name))
        return list(range(first, last + 1))

    def id_sequences(self, connection: Connection, tables: Sequence[Table]) -> dict[str, int]:
        # sqlite_sequence has a row for a table once it has had one.
        names = {table.name for table in tables}
        found = connection.exec_driver_sql("SELECT name, seq FROM sqlite_sequence").all()
        return {str(name): int(seq) for name, seq in sorted(found) if name in names}

    def set_id_sequences(self, connection: Connection, highest: dict[Table, int]) -> None:
        """Inserting explicit ids moved a sequence only upward, from where the replaced
        rows had left it: each is set to `highest` (none at 0). Only the tables that
        never reuse an id (AUTOINCREMENT) have one."""
        from sqlalchemy import text

        for table, value in highest.items():
            if not table.dialect_options["sqlite"]["autoincrement"]:
                continue
            connection.execute(
                text("DELETE FROM sqlite_sequence WHERE name = :name"), {"name": table.name}
            )
            if value:
                connection.execute(
                    text("INSERT INTO sqlite_sequence (name, seq) VALUES (:name, :seq)"),
                    {"name": table.name, "seq": value},
                )


def _identity(path: Path) -> tuple[int, int]:
    found = os.stat(path)
    return (found.st_dev, found.st_ino)


def _rows(db: sqlite3.Connection, query: str) -> list[tuple[Any, ...]]:
    try:
        return list(db.execute(query).fetchall())
    except sqlite3.Error:  # a registry of an older schema: its next command upgrades it
        return []


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
    import time

    from sqlalchemy import event
    from sqlalchemy import exc as sa_exc

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys = ON")
        # A removed contact (personal data) must leave the file, not linger in its
        # free pages until they are reused: deleted content is overwritten with
        # zeros. Debian's SQLite does so by default; Python's own on Windows and
        # macOS does not, so it is asked for here.
        cursor.execute("PRAGMA secure_delete = ON")
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
        # A statement that writes through a trigger (the history) keeps the pages it
        # changes in a statement journal, in case it must be undone alone. Kept in
        # memory, that journal is one statement's few pages, emptied after each;
        # in a file (once a statement passes 64 KiB), an import of 100,000 rows made
        # two million writes to it. Decided when a transaction begins.
        connection.exec_driver_sql("PRAGMA temp_store = MEMORY")
        # Each attempt waits up to the busy timeout for the write lock; a few
        # attempts ride out a burst of writers before the command gives up.
        for attempt in range(1, LOCK_ATTEMPTS + 1):
            try:
                connection.exec_driver_sql("BEGIN IMMEDIATE")
                break
            except sa_exc.OperationalError as error:
                if "locked" not in str(error) or attempt == LOCK_ATTEMPTS:
                    raise
                time.sleep(0.05 * attempt)
        _make_claim(connection)

    @event.listens_for(engine, "commit")
    def _on_commit(connection: Connection) -> None:
        # The claim is this transaction's only: gone before the commit, so a change
        # made later by another client is not taken for vanort's.
        if connection.info.pop(CLAIMED, False):
            raw = connection.connection.driver_connection
            raw.execute(f"DELETE FROM {CLAIM_TABLE}")  # type: ignore[union-attr]

    @event.listens_for(engine, "rollback")
    def _on_rollback(connection: Connection) -> None:
        # A statement interrupted by Ctrl-C leaves the connection invalidated: its
        # SQLite connection is closed with the transaction and whatever it claimed
        # (the pool clears `info` before it connects again), and asking for `info`
        # now would raise PendingRollbackError over the interrupt.
        if connection.invalidated:
            return
        connection.info.pop(CLAIMED, None)  # rolled back with the transaction


CLAIMED = "vanort_claimed"


def _make_claim(connection: Connection) -> None:
    """vanort's claim for this writing transaction (store/history_triggers.py), in
    a registry whose schema has the claim table (a new file gets it at its creation)."""
    from vanort_cli.store import claim
    from vanort_cli.store.history_triggers import sqlite_claim_statement

    raw = connection.connection.driver_connection
    has_table = raw.execute(  # type: ignore[union-attr]
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", (CLAIM_TABLE,)
    ).fetchone()
    if not has_table:
        return
    made = claim.current()
    raw.execute(f"DELETE FROM {CLAIM_TABLE}")  # type: ignore[union-attr]
    raw.execute(  # type: ignore[union-attr]
        sqlite_claim_statement(), (made.login, made.claimed_by, made.command, 0)
    )
    connection.info[CLAIMED] = True


def _fold_or_none(text: str | None) -> str | None:
    from vanort_cli.domain.names import normalise

    return None if text is None else normalise(text)


def _converter(table: Table, key: str, connection: Connection) -> Callable[[Any], Any] | None:
    """The column type's conversion of a value for the driver, remembered per value."""
    # The dialect's own implementation of the type: SQLite's stores a date as
    # ISO text and a timestamp without its zone, as every other write does.
    dialect = connection.dialect
    process = table.c[key].type.dialect_impl(dialect).bind_processor(dialect)
    if process is None:
        return None
    seen: dict[Any, Any] = {}

    def convert(value: Any) -> Any:
        if value is None:
            return None
        try:
            return seen[value]
        except KeyError:
            seen[value] = converted = process(value)
            return converted

    return convert
