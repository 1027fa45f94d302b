"""The whole registry as one JSON document: `vanort db export` and `vanort db import`.

The document (format version 1)::

    {
      "format": "vanort-registry",
      "version": 1,                       # of this document format
      "schema_version": 2,                # migrations.SCHEMA_VERSION of the registry
      "exported_at": "2026-11-27T10:15:00+00:00",
      "application": "vanort 0.1.0",
      "history": false,                   # whether tables holds audit_entry
      "id_sequences": {"meeting": 31, "collaboration": 12},
      "tables": {
        "vanort_meta": [{"key": "evaluation_due_days", "value": "120"}],
        "town": [{"id": 1, "key": "goteborg", ...}, ...],
        ...
      }
    }

- `tables` holds every table of the registry's models (`SQLModel.metadata`):
  the settings first, then in the order their links need (a row's town comes
  before the row), the history last; one row a line, keyed by column name,
  ordered by id. So a column added to a model is
  exported and imported with no change here.
- Every row is there: deleted (hidden) meetings and collaborations with their
  `deleted_at`, and ids as they are, since reports and the history cite them.
- Dates are `YYYY-MM-DD`; times are ISO 8601 in UTC with their offset.
- `vanort_meta` holds the settings (policy, such as `evaluation_due_days`), not
  what describes the file itself (`application`, `schema_version`): those are
  the registry's own and written by the registry that imports.
- `audit_entry`, the history, is there only when exported with `--history`.
- `id_sequences`: for the tables whose ids are never reused (meeting,
  collaboration, audit_entry), the highest id ever given, so that an id
  purged before the export is not given again after the import.

Import validates the whole document before it touches a registry (its format,
version and schema version, every table, column and value, and that each link
names a row of the document), then replaces the registry's rows in one
transaction, into a registry that is new or holds nothing staff recorded
(`staff_records`). What each value must be to be stored by a command (its text,
its kind or status, its dates in order) is held by `services/registry_rules.py`
after this reading; the policy (`vanort check`) reports on it as on any.

The reader and writer use SQLAlchemy Core over the models' tables, so they work
on any database vanort opens; only the id sequences ask which database it is.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any, TextIO

from sqlalchemy import Connection, Table, TypeDecorator, func, select
from sqlalchemy import exc as sa_exc
from sqlmodel import SQLModel

from vanort_cli.errors import RuleError, UsageError, os_reason
from vanort_cli.i18n import messages as m
from vanort_cli.output.json_stream import escape_invisible
from vanort_cli.store import migrations
from vanort_cli.store import models as _models  # noqa: F401 - puts the tables in SQLModel.metadata
from vanort_cli.store.backend import backend_of

FORMAT_NAME = "vanort-registry"
FORMAT_VERSION = 1
META_TABLE = "vanort_meta"
HISTORY_TABLE = "audit_entry"
# Set by an import, so that a registry imported without its history still counts
# as holding staff's records; like the schema version it describes the file, so
# it is never exported.
IMPORTED_KEY = "imported_at"
# What the registry says of itself; kept by an import, as `db init` wrote them.
OWN_FACTS = frozenset({"application", "schema_version"})
NOT_SETTINGS = OWN_FACTS | {IMPORTED_KEY}
# Tables only staff fill: the shipped data has no row in any of them.
STAFF_ONLY_TABLES = (
    "collaboration",
    "collaboration_town",
    "participant",
    "seminar",
    "preparation_done",
    "evaluation",
    # The reporting round's (schema 7): contacts, rounds, answers and letters.
    "organisation_contact",
    "reporting_round",
    "round_organisation",
    "round_collaboration",
    "round_letter",
)
INSERT_CHUNK = 1000


def registry_tables(*, history: bool = True) -> list[Table]:
    """The registry's tables, parents before the rows that link to them; the
    settings first and the history last (neither links to anything)."""
    ordered = sorted(
        SQLModel.metadata.sorted_tables,  # a stable sort keeps this order otherwise
        key=lambda table: (table.name != META_TABLE, table.name == HISTORY_TABLE),
    )
    return [table for table in ordered if history or table.name != HISTORY_TABLE]


def _never_reuses_ids(table: Table) -> bool:
    return bool(table.dialect_options["sqlite"]["autoincrement"])


# -- export ---------------------------------------------------------------------------


def _json_value(value: Any) -> Any:
    if isinstance(value, datetime):
        # Stored in UTC, read back with or without the offset depending on the column
        # type and the database: written always with it.
        aware = value if value.tzinfo else value.replace(tzinfo=UTC)
        return aware.astimezone(UTC).isoformat()
    if isinstance(value, date):
        return value.isoformat()
    return value


def _json_text(value: Any) -> str:
    """`value` as JSON, letters as they are; like every JSON vanort writes, with the
    characters a terminal would act on (C1 controls, direction overrides) written
    as \\u escapes, which JSON itself leaves raw: a `cat` of the document cannot
    drive a terminal, and reading it gives back the text exactly."""
    return escape_invisible(json.dumps(value, ensure_ascii=False))


def _rows(connection: Connection, table: Table) -> Iterator[dict[str, Any]]:
    statement = select(table).order_by(*table.primary_key.columns)
    if table.name == META_TABLE:
        statement = statement.where(table.c.key.not_in(NOT_SETTINGS))
    # Fetched in batches, so a large history is never all in memory at once.
    result = connection.execution_options(yield_per=INSERT_CHUNK).execute(statement)
    for row in result.mappings():
        yield {column.name: _json_value(row[column]) for column in table.columns}


def id_sequences(connection: Connection, tables: list[Table]) -> dict[str, int]:
    """For the tables that never reuse an id, the highest id ever given."""
    never_reusing = [t for t in tables if _never_reuses_ids(t)]
    return backend_of(connection).id_sequences(connection, never_reusing)


def write_document(
    connection: Connection, out: TextIO, *, history: bool, exported_at: datetime, application: str
) -> dict[str, int]:
    """Write the registry as one document, table by table; the rows written per table.

    Run it inside one transaction, so that the document is one moment of the registry.
    """
    tables = registry_tables(history=history)
    header = {
        "format": FORMAT_NAME,
        "version": FORMAT_VERSION,
        "schema_version": migrations.SCHEMA_VERSION,
        "exported_at": _json_value(exported_at),
        "application": application,
        "history": history,
        "id_sequences": id_sequences(connection, tables),
    }
    out.write("{\n")
    for key, value in header.items():
        out.write(f"  {json.dumps(key)}: {_json_text(value)},\n")
    out.write('  "tables": {')
    counts: dict[str, int] = {}
    for number, table in enumerate(tables):
        out.write(("," if number else "") + f"\n    {json.dumps(table.name)}: [")
        count = 0
        for row in _rows(connection, table):
            out.write(("," if count else "") + "\n      " + _json_text(row))
            count += 1
        out.write("\n    ]" if count else "]")
        counts[table.name] = count
    out.write("\n  }\n}\n")
    return counts


# -- reading a document ---------------------------------------------------------------


@dataclass
class RegistryDocument:
    """A document read and checked, its values as the database takes them."""

    source: str
    tables: dict[str, list[dict[str, Any]]]
    id_sequences: dict[str, int] = field(default_factory=dict)

    @property
    def has_history(self) -> bool:
        return HISTORY_TABLE in self.tables

    def count(self) -> int:
        return sum(len(rows) for rows in self.tables.values())


def read_file(path: Path) -> RegistryDocument:
    """Read and check the document in `path`; exit 2 when it cannot be read at all."""
    import stat

    try:
        if not stat.S_ISREG(path.stat().st_mode):
            raise UsageError(m.REGISTRY_JSON_NOT_A_FILE.format(path=path))
        data = path.read_bytes()
    except OSError as error:
        raise UsageError(
            m.REGISTRY_JSON_UNREADABLE.format(path=path, reason=os_reason(error))
        ) from None
    try:
        document = json.loads(data.decode("utf-8-sig"))
    except UnicodeDecodeError:
        raise UsageError(m.REGISTRY_JSON_NOT_JSON.format(path=path, reason="not UTF-8")) from None
    except json.JSONDecodeError as error:
        reason = f"line {error.lineno}, column {error.colno}: {error.msg}"
        raise UsageError(m.REGISTRY_JSON_NOT_JSON.format(path=path, reason=reason)) from None
    except RecursionError:
        raise UsageError(
            m.REGISTRY_JSON_NOT_JSON.format(path=path, reason="nested too deeply")
        ) from None
    return read_document(document, source=str(path))


def read_document(document: Any, *, source: str) -> RegistryDocument:
    """Check a parsed document whole, and convert its values for the database."""
    if not isinstance(document, dict) or document.get("format") != FORMAT_NAME:
        raise UsageError(m.REGISTRY_JSON_NOT_REGISTRY.format(path=source, format=FORMAT_NAME))
    version = document.get("version")
    if version != FORMAT_VERSION:
        raise RuleError(
            m.REGISTRY_JSON_VERSION.format(path=source, found=version, supported=FORMAT_VERSION)
        )
    _check_schema_version(document.get("schema_version"), source)
    tables = document.get("tables")
    if not isinstance(tables, dict):
        raise RuleError(m.REGISTRY_JSON_NO_TABLES.format(path=source))
    known = {t.name: t for t in registry_tables()}
    for name in tables:
        if name not in known:
            raise RuleError(
                m.REGISTRY_JSON_UNKNOWN_TABLE.format(
                    path=source, table=name, tables=", ".join(known)
                )
            )
    converted: dict[str, list[dict[str, Any]]] = {}
    for table in registry_tables():
        if table.name not in tables:
            if table.name == HISTORY_TABLE:
                continue  # exported without --history
            raise RuleError(m.REGISTRY_JSON_MISSING_TABLE.format(path=source, table=table.name))
        converted[table.name] = _read_rows(table, tables[table.name], source)
    _check_links(converted, source)
    return RegistryDocument(
        source=source,
        tables=converted,
        id_sequences=_read_id_sequences(document.get("id_sequences", {}), known, source),
    )


def _check_schema_version(found: Any, source: str) -> None:
    if type(found) is not int:
        raise RuleError(m.REGISTRY_JSON_NO_SCHEMA.format(path=source))
    if found > migrations.SCHEMA_VERSION:
        raise RuleError(
            m.REGISTRY_JSON_SCHEMA_NEWER.format(
                path=source, found=found, supported=migrations.SCHEMA_VERSION
            )
        )
    if found < migrations.SCHEMA_VERSION:
        raise RuleError(
            m.REGISTRY_JSON_SCHEMA_OLDER.format(
                path=source, found=found, supported=migrations.SCHEMA_VERSION
            )
        )


def _read_rows(table: Table, rows: Any, source: str) -> list[dict[str, Any]]:
    if not isinstance(rows, list):
        raise RuleError(m.REGISTRY_JSON_NOT_ROWS.format(path=source, table=table.name))
    columns = {c.name: c for c in table.columns}
    read: list[dict[str, Any]] = []
    for number, row in enumerate(rows, start=1):
        where = m.REGISTRY_JSON_WHERE.format(table=table.name, number=number)
        if not isinstance(row, dict):
            raise RuleError(m.REGISTRY_JSON_NOT_ROW.format(path=source, where=where))
        unknown = [name for name in row if name not in columns]
        if unknown:
            raise RuleError(
                m.REGISTRY_JSON_UNKNOWN_COLUMN.format(
                    path=source, where=where, column=unknown[0], columns=", ".join(columns)
                )
            )
        missing = [name for name in columns if name not in row]
        if missing:
            raise RuleError(
                m.REGISTRY_JSON_MISSING_COLUMN.format(path=source, where=where, column=missing[0])
            )
        values = {
            name: _value(column, row[name], where, source) for name, column in columns.items()
        }
        if table.name == META_TABLE and values["key"] in NOT_SETTINGS:
            raise RuleError(
                m.REGISTRY_JSON_NOT_A_SETTING.format(path=source, where=where, key=values["key"])
            )
        read.append(values)
    return read


def _value(column: Any, value: Any, where: str, source: str) -> Any:
    """A document's value as the column takes it; refused when it is not one."""
    if value is None:
        if column.nullable and not column.primary_key:
            return None
        raise RuleError(m.REGISTRY_JSON_NULL.format(path=source, where=where, column=column.name))
    kind = _python_type(column)
    try:
        if kind is bool and type(value) is bool:
            return value
        if kind is int and type(value) is int and -(2**63) <= value < 2**63:
            return value  # within what every database's integer holds
        if kind is str and isinstance(value, str):
            value.encode("utf-8")  # JSON can hold lone surrogates, which no database takes
            return value
        if kind is datetime and isinstance(value, str):
            moment = datetime.fromisoformat(value)
            # Every time in the registry is UTC; one without an offset is taken as UTC.
            return moment.astimezone(UTC) if moment.tzinfo else moment.replace(tzinfo=UTC)
        if kind is date and isinstance(value, str):
            return date.fromisoformat(value)
    except ValueError:  # UnicodeEncodeError included
        pass
    raise RuleError(
        m.REGISTRY_JSON_BAD_VALUE.format(
            path=source,
            where=where,
            column=column.name,
            value=json.dumps(value, ensure_ascii=False)[:60],
            kind=m.REGISTRY_JSON_KINDS.get(kind.__name__, kind.__name__),
        )
    )


def _python_type(column: Any) -> type:
    """The Python type of a column's values; SQLModel's own types wrap SQLAlchemy's."""
    kind = column.type
    if isinstance(kind, TypeDecorator):
        kind = kind.impl_instance
    return kind.python_type  # type: ignore[no-any-return]


def _check_links(tables: dict[str, list[dict[str, Any]]], source: str) -> None:
    """Every link names a row of the document, so the import never breaks off halfway."""
    ids: dict[tuple[str, str], set[Any]] = {}
    for table in registry_tables():
        for column in table.columns:
            for link in column.foreign_keys:
                target = (link.column.table.name, link.column.name)
                if target not in ids:
                    ids[target] = {row[target[1]] for row in tables.get(target[0], [])}
                for number, row in enumerate(tables.get(table.name, []), start=1):
                    value = row[column.name]
                    if value is not None and value not in ids[target]:
                        raise RuleError(
                            m.REGISTRY_JSON_BROKEN_LINK.format(
                                path=source,
                                where=m.REGISTRY_JSON_WHERE.format(table=table.name, number=number),
                                column=column.name,
                                value=value,
                                table=target[0],
                            )
                        )


def _read_id_sequences(found: Any, known: dict[str, Table], source: str) -> dict[str, int]:
    if not isinstance(found, dict) or not all(
        name in known and _never_reuses_ids(known[name]) and type(value) is int and value >= 0
        for name, value in found.items()
    ):
        raise RuleError(m.REGISTRY_JSON_BAD_SEQUENCES.format(path=source))
    return dict(found)


# -- importing ------------------------------------------------------------------------


def staff_records(connection: Connection) -> str | None:
    """What the registry holds that staff recorded, in a few words; None when nothing.

    A registry holds nothing staff recorded when all three hold:
    - its history has no entry but those of vanort's own upgrades (every change
      made through vanort is recorded in the same transaction as the change);
    - the tables only staff fill (collaborations and their towns, delegations,
      seminars, preparation steps, evaluations, contacts and rounds) are empty, which also catches
      rows written past vanort;
    - vanort_meta holds no setting and no mark of an earlier import (a registry
      imported without its history would otherwise look untouched).
    So `db init`'s registry, and one only ever read or upgraded, qualify.
    """
    from vanort_cli.store.upgrades.shipped_data import UPGRADE_USER

    by_name = {t.name: t for t in registry_tables()}
    meta, history = by_name[META_TABLE], by_name[HISTORY_TABLE]
    keys = set(connection.execute(select(meta.c.key).where(meta.c.key.not_in(OWN_FACTS))).scalars())
    if IMPORTED_KEY in keys:
        return m.REGISTRY_HOLDS_IMPORT
    entries = connection.execute(
        select(func.count()).where(~history.c.who.startswith(UPGRADE_USER))
    ).scalar_one()
    if entries:
        return m.REGISTRY_HOLDS_HISTORY.format(count=entries)
    for name in STAFF_ONLY_TABLES:
        rows = connection.execute(select(func.count()).select_from(by_name[name])).scalar_one()
        if rows:
            return m.REGISTRY_HOLDS_ROWS.format(count=rows, table=name)
    if keys:
        return m.REGISTRY_HOLDS_SETTING.format(key=min(keys))
    return None


def replace_contents(connection: Connection, document: RegistryDocument, *, now: datetime) -> None:
    """Replace every row of the registry with the document's, within the caller's
    transaction. The registry's own facts (application, schema version) stay.

    The history is never replaced: the registry's own entries stay, and the
    document's are added after them as history, kept as they were recorded (who,
    when, what) and marked `origin = "imported"`, so a document cannot write new
    history in anyone's name. The database's triggers are suspended while the rows
    are loaded, and record the import itself once they are back."""
    tables = registry_tables()
    backend = backend_of(connection)
    with backend.history_suspended(connection):
        for table in reversed(tables):
            if table.name == HISTORY_TABLE:
                continue
            statement = table.delete()
            if table.name == META_TABLE:
                statement = statement.where(table.c.key.not_in(OWN_FACTS))
            connection.execute(statement)
        for table in tables:
            rows = document.tables.get(table.name, [])
            if table.name == HISTORY_TABLE:
                rows = [_as_imported(row) for row in rows]
            try:
                for start in range(0, len(rows), INSERT_CHUNK):
                    connection.execute(table.insert(), rows[start : start + INSERT_CHUNK])
            except sa_exc.IntegrityError as error:
                reason = str(error.orig).splitlines()[0] if error.orig else str(error)
                raise RuleError(
                    m.REGISTRY_JSON_BROKEN_RULE.format(
                        path=document.source, table=table.name, reason=reason
                    )
                ) from None
        _set_id_sequences(connection, document, tables)
    meta = {t.name: t for t in tables}[META_TABLE]
    connection.execute(meta.insert(), [{"key": IMPORTED_KEY, "value": _json_value(now)}])


def _as_imported(row: dict[str, Any]) -> dict[str, Any]:
    """A history entry of a document: a new id here, everything else as recorded."""
    kept = {key: value for key, value in row.items() if key != "id"}
    kept["origin"] = "imported"
    return kept


def _set_id_sequences(
    connection: Connection, document: RegistryDocument, tables: list[Table]
) -> None:
    """Leave each table's id sequence where the exported registry's was, or past the
    highest imported id: explicit ids move it only upward (SQLite), or not at all
    (PostgreSQL), from where the replaced rows had left it."""
    highest: dict[Table, int] = {}
    for table in tables:
        if "id" not in table.c or not table.c.id.primary_key or table.name == HISTORY_TABLE:
            continue  # the history's entries were given new ids
        ids = [row["id"] for row in document.tables.get(table.name, [])]
        highest[table] = max([document.id_sequences.get(table.name, 0), *ids])
    backend_of(connection).set_id_sequences(connection, highest)
