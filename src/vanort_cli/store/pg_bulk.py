"""Many rows into a PostgreSQL registry at once (an import), in one statement a batch.

SQLAlchemy's multi-row INSERT … VALUES … RETURNING sends each batch as one huge
generated statement that psycopg parses again on every call: 70% of a 100,000-row
import went there (issue 26). Here each column of the batch is sent as one array
parameter, in psycopg's binary format, and the rows are made on the server with
one INSERT … SELECT … FROM unnest(…) WITH ORDINALITY ORDER BY, so that the
database sees the same INSERT as before: the same column grants and row-level
security (store/roles.py), the same server-side defaults (owner_role), the
history's statement trigger fired as for any insert (store/history_triggers.py),
and the timestamps converted by the server exactly as a bound parameter is (a
zone-aware time into a column without a zone, in the session's time zone).

The rows went first by COPY into a temporary table and from it by INSERT …
SELECT: that table, created and dropped a batch (catalog rows each time), the
COPY's text parsed again and the table scanned and sorted cost the server about
a fifth of its share of an import, and COPY's rows written one at a time cost
the client more than psycopg's binary arrays (1.7 against 3.1 ms for 1,000
collaborations).

The ids come back with RETURNING. The identity default is evaluated in the
order of the ORDER BY, so the returned ids sorted ascending are the ids of the
rows in their order: what SQLAlchemy itself relies on for
`sort_by_parameter_order` on PostgreSQL.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

from vanort_cli.errors import RegistryError
from vanort_cli.i18n import messages as m

if TYPE_CHECKING:
    from sqlalchemy import Column, Connection, Table


def insert_many(
    connection: Connection, table: Table, rows: Sequence[dict[str, Any]], *, returning: bool
) -> list[int]:
    """Insert `rows` (each with the same keys) into `table`; with `returning`, their
    ids in the order of `rows`, else []."""
    keys = list(rows[0])
    columns = [table.c[key] for key in keys]
    quote = connection.dialect.identifier_preparer.quote
    names = ", ".join(quote(key) for key in keys)
    arrays = []  # one a column, in the order of `rows`
    for key, column in zip(keys, columns, strict=True):
        values = [row[key] for row in rows]
        process = _processor(column, connection)
        if process is not None:
            values = _converted(values, process, once=_is_time(column, connection))
        arrays.append(values)
    # Binary: psycopg packs a list of values without quoting each (a fifth of the
    # text format's cost); the cast gives the server the column's type whatever
    # type psycopg chose for the list (an int8[], a text[] of NULLs).
    given = ", ".join(f"%b::{_staged_type(c, connection)}[]" for c in columns)
    moved = (
        f"INSERT INTO {quote(table.name)} ({names}) SELECT {names} "
        f"FROM unnest({given}) WITH ORDINALITY AS vanort_rows ({names}, vanort_n) "
        "ORDER BY vanort_n" + (" RETURNING id" if returning else "")
    )
    driver: Any = connection.connection.driver_connection
    with driver.cursor() as cursor:
        cursor.execute(moved, arrays)
        if not returning:
            return []
        ids = sorted(int(i) for (i,) in cursor.fetchall())
    if len(ids) != len(rows):  # never seen; refuse rather than link the wrong rows
        raise RegistryError(m.IMPORT_IDS_NOT_CONSECUTIVE.format(table=table.name))
    return ids


def _converted(values: list[Any], process: Callable[[Any], Any], *, once: bool) -> list[Any]:
    """Each value as the driver takes it. A time is converted once for each distinct
    time (an import's rows share theirs: 200,000 calls for 100,000 rows else); two
    equal times are the same instant, stored the same whatever their zones."""
    if not once:
        return [None if v is None else process(v) for v in values]
    done: dict[Any, Any] = {None: None}
    return [done[v] if v in done else done.setdefault(v, process(v)) for v in values]


def _is_time(column: Column[Any], connection: Connection) -> bool:
    from sqlalchemy import DateTime

    return isinstance(column.type.dialect_impl(connection.dialect), DateTime)


def _staged_type(column: Column[Any], connection: Connection) -> str:
    """The type of the column's array: its own, but a time with its zone, so that
    the server, not the client, decides how it is stored."""
    if _is_time(column, connection):
        return "timestamp with time zone"
    return str(column.type.dialect_impl(connection.dialect).compile(dialect=connection.dialect))


def _processor(column: Column[Any], connection: Connection) -> Callable[[Any], Any] | None:
    """The column type's conversion of a value for the driver, if it has one."""
    dialect = connection.dialect
    process: Callable[[Any], Any] | None = column.type.dialect_impl(dialect).bind_processor(dialect)
    return process
