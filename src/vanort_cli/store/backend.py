"""The one interface to what differs between a registry in a SQLite file and one on
a database server: `Backend`, chosen for a location by `backend_for`.

Commands, services and the rest of store/ call a backend's methods and never ask
which database they have. The question is asked here, once, and answered by
store/sqlite.py (a SQLite file), store/postgres.py (a PostgreSQL server) or
store/server.py (any other database URL, which vanort opens and knows no more of).
SQL that must be written for one database (a bulk insert, the id sequences)
finds its backend from the connection it runs on (`backend_of`).

Kept free of SQLAlchemy and of the backends, which are imported only for the
location asked about, so that Tab completion stays light.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from contextlib import AbstractContextManager
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

if TYPE_CHECKING:
    from sqlalchemy import Connection, Engine, Table

    from vanort_cli.store.location import RegistryLocation
    from vanort_cli.store.registry import Registry

# The engine option that names the backend on each connection (`attach`, `backend_of`).
_OPTION = "vanort_backend"


class Backend(Protocol):
    """A registry's database, as vanort uses it: where it lives, how it is opened,
    created and upgraded, kept (backed up, restored, checked) and written to."""

    location: RegistryLocation

    # -- where it lives ----------------------------------------------------------------

    def protected_paths(self) -> list[Path]:
        """The files this registry occupies, never to be written over by `-o`."""
        ...

    def place(self) -> tuple[object, ...]:
        """What names the database: two locations with one place are one registry."""
        ...

    def removed_if_failed(self, close: Callable[[], None]) -> AbstractContextManager[None]:
        """Around a command that may create the registry (an import, a copy): when it
        fails, the files it created go, once `close` has let go of them."""
        ...

    def peek(self, *queries: str) -> list[list[tuple[Any, ...]]]:
        """The rows of each query, read-only and never waiting, without SQLAlchemy or
        the schema's upgrade (what Tab completion can afford); [] for a query that
        cannot be answered so, and for every query where nothing can."""
        ...

    # -- opening, creating, upgrading --------------------------------------------------

    def opened(self, *, may_create: bool) -> AbstractContextManager[Engine]:
        """The engine, once the database is known fit to open; the registry brings its
        schema up to date inside the block."""
        ...

    def read_only_engine(self, error: Exception) -> Engine | None:
        """After `error` while bringing the schema up to date: an engine that reads the
        registry as it stands, or None when there is no such way."""
        ...

    def lock(self, connection: Connection) -> None:
        """Inside the transaction that creates or upgrades the schema: wait for any other
        vanort doing the same, until the end of the transaction."""
        ...

    def create_schema(self, connection: Connection) -> None:
        """The tables and whatever else the models cannot say portably, in an empty database."""
        ...

    def before_upgrade(self, connection: Connection, version: int) -> None:
        """Before the upgrade steps from `version`, the write lock held: keep a copy."""
        ...

    def after_upgrade(self, connection: Connection) -> None:
        """After the upgrade steps: what the models cannot say portably, brought up to date."""
        ...

    # True when the database writes the history itself, by triggers
    # (store/history_triggers.py); else vanort records it from its sessions.
    records_history: bool

    def install_history(self, connection: Connection) -> None:
        """The history triggers, (again) as this vanort writes them, in the caller's
        transaction: after a new registry is seeded, and after every upgrade."""
        ...

    def history_suspended(self, connection: Connection) -> AbstractContextManager[None]:
        """Within the caller's transaction, changes that the triggers do not record:
        only `db import` and `db copy`, which bring a history of their own."""
        ...

    def foreign_objects(self, connection: Connection) -> list[str]:
        """Tables and other schema objects that vanort does not create, as "kind name"."""
        ...

    def altered_tables(self, connection: Connection) -> str | None:
        """The first way vanort's tables differ from what this vanort creates, in one
        phrase (store/schema_check.py), or None."""
        ...

    def confirm_in_place(self) -> None:
        """After a commit: refuse (RegistryError) when the database committed to is no
        longer the registry's (its file deleted or replaced while the command ran)."""
        ...

    def tune(self, engine: Engine) -> None:
        """Once the schema is this vanort's, outside any transaction: the settings kept
        in the database itself."""
        ...

    def snapshot_options(self) -> dict[str, Any]:
        """Execution options under which many statements read one moment of the registry."""
        ...

    # -- failures ----------------------------------------------------------------------

    def describe_error(self, error: BaseException) -> str:
        """One line for a database failure: what happened to which registry, and what to do."""
        ...

    def refusal(self, error: BaseException, engine: Engine | None) -> str | None:
        """One line when the database's own rules refused a change, else None."""
        ...

    # -- keeping -----------------------------------------------------------------------

    def backup(self, *, registry: Registry, target: Path, force: bool) -> Path:
        """A consistent copy of the registry at `target`, written whole or not at all."""
        ...

    def restore(self, *, registry: Registry, source: Path) -> Path:
        """Replace the registry with a backup; returns where what it replaced was saved."""
        ...

    def check(self, *, registry: Registry) -> dict[str, Any]:
        """What `db check` reports: the schema version, the rows of each table, and more."""
        ...

    def unbound_reporters(self, connection: Connection) -> list[str]:
        """Reporter logins bound to no organisation (only a server has logins)."""
        ...

    def require_roles(self) -> None:
        """Refuse (RuleError) unless the database enforces vanort's roles."""
        ...

    # -- SQL of its own ----------------------------------------------------------------

    def insert_rows(
        self, connection: Connection, table: Table, rows: Sequence[dict[str, Any]]
    ) -> None:
        """Insert `rows` (one or more, each with the same keys) at once."""
        ...

    def insert_rows_returning_ids(
        self, connection: Connection, table: Table, rows: Sequence[dict[str, Any]]
    ) -> list[int]:
        """Insert `rows` (one or more) and return their ids, in the order of `rows`."""
        ...

    def id_sequences(self, connection: Connection, tables: Sequence[Table]) -> dict[str, int]:
        """For these tables (whose ids are never reused), the highest id ever given."""
        ...

    def set_id_sequences(self, connection: Connection, highest: dict[Table, int]) -> None:
        """After rows were inserted with their ids: the next id of each table past `highest`."""
        ...


def backend_for(location: RegistryLocation) -> Backend:
    """The backend of the registry at `location`: the only place that asks."""
    if location.path is not None:
        from vanort_cli.store.sqlite import SQLiteFile

        return SQLiteFile(location, location.path)
    if location.on_server:
        from vanort_cli.store.postgres import PostgreSQL

        return PostgreSQL(location)
    from vanort_cli.store.server import DatabaseServer

    return DatabaseServer(location)


def attach(engine: Engine, backend: Backend) -> None:
    """Name `backend` on every connection of `engine`, for `backend_of`."""
    engine.update_execution_options(**{_OPTION: backend})


def backend_of(connection: Connection) -> Backend:
    """The backend of the registry `connection` is open on (see `attach`)."""
    backend: Backend = connection.get_execution_options()[_OPTION]
    return backend
