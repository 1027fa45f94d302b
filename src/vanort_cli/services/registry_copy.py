"""`vanort db copy`: the registry moved whole to an empty database, SQLite or PostgreSQL.

The copy goes through the registry document of `db export`/`db import`
(exchange/registry_json.py), history included, so a copy is exactly what an
export imported elsewhere would be: every table, row and id, deleted rows and
settings, and the id sequences. The source is read in one snapshot; the target
is created, filled and its row counts compared with the source's in one
transaction, committed only when every table matches. A target that holds
anything staff recorded, or tables of something else, is refused untouched.
"""

from __future__ import annotations

import json
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import Connection, Engine, func, select

from vanort_cli.errors import RegistryError, RuleError
from vanort_cli.i18n import messages as m
from vanort_cli.store import migrations, registry_json
from vanort_cli.store import registry as db
from vanort_cli.store.backend import backend_for
from vanort_cli.store.location import RegistryLocation
from vanort_cli.store.registry import Registry


@dataclass(frozen=True)
class TableCount:
    table: str
    source: int
    target: int


@dataclass(frozen=True)
class CopyResult:
    source: str
    target: str
    tables: list[TableCount]

    @property
    def rows(self) -> int:
        return sum(t.target for t in self.tables)


def table_counts(connection: Connection) -> dict[str, int]:
    """Rows per table, as the registry document holds them: every row, but of
    vanort_meta only the settings (what describes the file itself is each
    registry's own, and an import adds its mark)."""
    counts: dict[str, int] = {}
    for table in registry_json.registry_tables():
        statement = select(func.count()).select_from(table)
        if table.name == registry_json.META_TABLE:
            statement = statement.where(table.c.key.not_in(registry_json.NOT_SETTINGS))
        counts[table.name] = int(connection.execute(statement).scalar_one())
    return counts


class _Target(Registry):
    """The registry a copy fills: opened like any (the same engine, connection
    settings and error lines) but never created or upgraded on opening; the copy
    creates its schema in the same transaction as its rows."""

    def _bring_up_to_date(self, engine: Engine) -> None:
        with engine.connect() as connection:
            _refuse_unless_empty(connection, self.location)


def _refuse_unless_empty(connection: Connection, location: RegistryLocation) -> int | None:
    """The schema state of a target that may be filled (None: empty; else a registry
    of this vanort's schema holding nothing staff recorded); refuses any other."""
    state = db._schema_state(connection)
    if state is None:
        return None
    if state == -1:
        raise RuleError(m.COPY_TARGET_NOT_VANORT.format(location=location.display))
    if state != migrations.SCHEMA_VERSION:
        raise RuleError(
            m.COPY_TARGET_OTHER_SCHEMA.format(
                location=location.display, found=state, supported=migrations.SCHEMA_VERSION
            )
        )
    found = registry_json.staff_records(connection)
    if found is not None:
        raise RuleError(m.COPY_TARGET_IN_USE.format(location=location.display, found=found))
    return state


def same_registry(source: RegistryLocation, target: RegistryLocation) -> bool:
    return backend_for(source).place() == backend_for(target).place()


@contextmanager
def _source_snapshot(source: Registry) -> Iterator[Connection]:
    """One consistent moment of the source, however many statements read it."""
    with source.reading() as session:
        yield session.connection(execution_options=source.backend.snapshot_options())


def copy_registry(*, source: Registry, target_location: RegistryLocation) -> CopyResult:
    """Copy the registry `source` into the empty database at `target_location`;
    its values held to the commands' rules on the way, as `db import` holds them."""
    from vanort_cli import __version__
    from vanort_cli.services.registry_rules import check_values

    if same_registry(source.location, target_location):
        raise RuleError(m.COPY_TO_ITSELF.format(location=target_location.display))
    with tempfile.TemporaryFile("w+", encoding="utf-8") as handle:  # private, never named
        with _source_snapshot(source) as connection:
            source_counts = table_counts(connection)
            registry_json.write_document(
                connection,
                handle,
                history=True,
                exported_at=datetime.now(UTC).replace(microsecond=0),
                application=f"vanort {__version__}",
            )
        handle.seek(0)
        document = registry_json.read_document(json.load(handle), source=source.location.display)
    check_values(document)
    return _fill(document, source_counts, source.location, target_location)


def _fill(
    document: registry_json.RegistryDocument,
    source_counts: dict[str, int],
    source_location: RegistryLocation,
    location: RegistryLocation,
) -> CopyResult:
    target = _Target(location, may_create=True)
    # A file this command created goes with a copy that failed.
    with target.backend.removed_if_failed(target.close):
        try:
            engine = target.engine
            with target._translated_errors():
                write_engine = engine.execution_options(vanort_write=True)
                with write_engine.begin() as connection:
                    target.backend.lock(connection)  # as any vanort creating a registry
                    if _refuse_unless_empty(connection, location) is None:
                        db._create(connection, target.backend)
                    registry_json.replace_contents(connection, document, now=datetime.now(UTC))
                    target_counts = table_counts(connection)
                    _compare(source_counts, target_counts, location)
            target.backend.tune(engine)
        finally:
            target.close()
    return CopyResult(
        source=source_location.display,
        target=location.display,
        tables=[
            TableCount(name, source_counts[name], target_counts[name]) for name in source_counts
        ],
    )


def _compare(source: dict[str, int], target: dict[str, int], location: RegistryLocation) -> None:
    for table, expected in source.items():
        found = target.get(table, 0)
        # The history also holds the copy itself, recorded by the target's triggers.
        if found != expected and not (table == registry_json.HISTORY_TABLE and found > expected):
            raise RegistryError(
                m.COPY_COUNTS_DIFFER.format(
                    location=location.display, table=table, found=found, expected=expected
                )
            )
