"""A registry in a database at a URL vanort has no special knowledge of: opened
through SQLAlchemy, with portable SQL only, and kept by the server's own tools.

The base of PostgreSQL (store/postgres.py), which adds what it knows. Kept free
of SQLAlchemy at import (see store/backend.py).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn

from vanort_cli.errors import RegistryError, RuleError
from vanort_cli.i18n import messages as m
from vanort_cli.store import failures
from vanort_cli.store.location import RegistryLocation, mask_password

if TYPE_CHECKING:
    from sqlalchemy import Connection, Engine, Table

    from vanort_cli.store.registry import Registry


class DatabaseServer:
    """A registry on a database server (see store/backend.py for each method)."""

    def __init__(self, location: RegistryLocation) -> None:
        self.location = location

    # -- where it lives ----------------------------------------------------------------

    def protected_paths(self) -> list[Path]:
        return []

    def place(self) -> tuple[object, ...]:
        from sqlalchemy.engine import make_url

        url = make_url(self.location.engine_url)
        return (url.host or "localhost", url.port or 5432, url.database)

    @contextmanager
    def removed_if_failed(self, close: Callable[[], None]) -> Iterator[None]:
        yield  # the transaction that failed left nothing behind

    def peek(self, *queries: str) -> list[list[tuple[Any, ...]]]:
        return [[] for _ in queries]  # a server is never asked on a Tab

    # -- opening, creating, upgrading --------------------------------------------------

    @contextmanager
    def opened(self, *, may_create: bool) -> Iterator[Engine]:
        from sqlalchemy import exc as sa_exc
        from sqlmodel import create_engine

        try:
            engine = create_engine(self.location.engine_url, **self.engine_options())
        except (ImportError, sa_exc.ArgumentError, sa_exc.NoSuchModuleError) as error:
            raise RegistryError(
                m.DB_DRIVER.format(location=self.location.display, reason=mask_password(str(error)))
            ) from None
        yield engine

    def engine_options(self) -> dict[str, Any]:
        """What `create_engine` is given beside the URL: what the driver need not ask
        the server each time a command connects."""
        return {}

    def read_only_engine(self, error: Exception) -> Engine | None:
        return None

    def lock(self, connection: Connection) -> None:
        return None

    def create_schema(self, connection: Connection) -> None:
        from sqlmodel import SQLModel

        SQLModel.metadata.create_all(connection)

    def before_upgrade(self, connection: Connection, version: int) -> None:
        return None  # a server database is backed up by its own tools

    def after_upgrade(self, connection: Connection) -> None:
        return None

    # A server vanort knows no more of: the history is recorded by vanort's sessions.
    records_history = False

    def install_history(self, connection: Connection) -> None:
        return None

    @contextmanager
    def history_suspended(self, connection: Connection) -> Iterator[None]:
        yield

    def foreign_objects(self, connection: Connection) -> list[str]:
        return []

    def confirm_in_place(self) -> None:
        return None  # a database on a server is the one its URL names

    def altered_tables(self, connection: Connection) -> str | None:
        return None  # a database vanort knows no more of than its URL

    def tune(self, engine: Engine) -> None:
        return None

    def snapshot_options(self) -> dict[str, Any]:
        return {}

    # -- failures ----------------------------------------------------------------------

    def describe_error(self, error: BaseException) -> str:
        return failures.describe(error, self.location)

    def refusal(self, error: BaseException, engine: Engine | None) -> str | None:
        return None

    # -- keeping -----------------------------------------------------------------------

    def backup(self, *, registry: Registry, target: Path, force: bool) -> Path:
        registry.engine  # noqa: B018 - opening brings the schema up to date, or refuses
        registry.close()
        self._kept_by_its_own_tools()

    def restore(self, *, registry: Registry, source: Path) -> Path:
        self._kept_by_its_own_tools()

    def check(self, *, registry: Registry) -> dict[str, Any]:
        registry.engine  # noqa: B018 - opening brings the schema up to date, or refuses
        registry.close()
        self._kept_by_its_own_tools()

    def _kept_by_its_own_tools(self) -> NoReturn:
        raise RuleError(m.MAINTENANCE_SQLITE_ONLY.format(location=self.location.display))

    def unbound_reporters(self, connection: Connection) -> list[str]:
        return []  # no roles vanort knows of

    def require_roles(self) -> None:
        raise RuleError(m.ROLES_NEED_SERVER.format(location=self.location.display))

    # -- SQL of its own ----------------------------------------------------------------

    def insert_rows(
        self, connection: Connection, table: Table, rows: Sequence[dict[str, Any]]
    ) -> None:
        from sqlalchemy import insert

        connection.execute(insert(table), list(rows))

    def insert_rows_returning_ids(
        self, connection: Connection, table: Table, rows: Sequence[dict[str, Any]]
    ) -> list[int]:
        from sqlalchemy import insert

        returned = connection.execute(
            insert(table).returning(table.c.id, sort_by_parameter_order=True), list(rows)
        )
        return list(returned.scalars())

    def id_sequences(self, connection: Connection, tables: Sequence[Table]) -> dict[str, int]:
        from sqlalchemy import func, select

        # What a server's sequence has given is not asked: the highest id present is
        # what is known here (issue 13).
        highest = {t.name: connection.execute(select(func.max(t.c.id))).scalar() for t in tables}
        return {name: int(value) for name, value in highest.items() if value is not None}

    def set_id_sequences(self, connection: Connection, highest: dict[Table, int]) -> None:
        return None
