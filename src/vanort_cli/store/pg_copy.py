"""Many rows into a PostgreSQL registry at once (an import), through COPY.

SQLAlchemy's multi-row INSERT … VALUES … RETURNING sends each batch as one huge
generated statement that psycopg parses again on every call: 70% of a 100,000-row
import went there (issue 26). Here the rows are streamed with COPY into a
temporary table of the same columns, and moved from it with one
INSERT … SELECT … ORDER BY, so that the database sees the same INSERT as before:
the same column grants and row-level security (store/roles.py), the same
server-side defaults (owner_role), the history's triggers fired for each row as
for any insert (store/history_triggers.py), and the timestamps converted by the
server exactly as a bound parameter is (a zone-aware time into a column without
a zone, in the session's time zone). A temporary table needs no right on the
registry's tables and is private to the transaction.

The ids come back with RETURNING. The identity default is evaluated in the
order of the ORDER BY, so the returned ids sorted ascending are the ids of the
rows in their order: what SQLAlchemy itself relies on for
`sort_by_parameter_order` on PostgreSQL.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from itertools import count
from typing import TYPE_CHECKING, Any

from vanort_cli.errors import RegistryError
from vanort_cli.i18n import messages as m

if TYPE_CHECKING:
    from sqlalchemy import Column, Connection, Table

# Names of the temporary tables, one a call: two calls in one transaction never meet.
_SERIAL = count(1)


def copy_rows(
    connection: Connection, table: Table, rows: Sequence[dict[str, Any]], *, returning: bool
) -> list[int]:
    """Insert `rows` (each with the same keys) into `table`; with `returning`, their
    ids in the order of `rows`, else []."""
    keys = list(rows[0])
    columns = [table.c[key] for key in keys]
    dialect = connection.dialect
    quote = dialect.identifier_preparer.quote
    stage = f"vanort_copy_{next(_SERIAL)}"
    names = ", ".join(quote(key) for key in keys)
    connection.exec_driver_sql(
        f"CREATE TEMPORARY TABLE {stage} (vanort_n bigint, "
        + ", ".join(f"{quote(c.name)} {_staged_type(c, connection)}" for c in columns)
        + ") ON COMMIT DROP"
    )
    converting = [
        (i, process) for i, c in enumerate(columns) if (process := _processor(c, connection))
    ]
    # psycopg's own connection, inside the caller's transaction.
    driver: Any = connection.connection.driver_connection
    with (
        driver.cursor() as cursor,
        cursor.copy(f"COPY {stage} (vanort_n, {names}) FROM STDIN") as copy,
    ):
        for n, row in enumerate(rows):
            cells = [n, *(row[key] for key in keys)]
            for i, process in converting:
                if cells[i + 1] is not None:
                    cells[i + 1] = process(cells[i + 1])
            copy.write_row(cells)
    moved = (
        f"INSERT INTO {quote(table.name)} ({names}) SELECT {names} FROM {stage} ORDER BY vanort_n"
    )
    if not returning:
        connection.exec_driver_sql(moved)
        connection.exec_driver_sql(f"DROP TABLE {stage}")
        return []
    ids = sorted(int(i) for i in connection.exec_driver_sql(moved + " RETURNING id").scalars())
    connection.exec_driver_sql(f"DROP TABLE {stage}")
    if len(ids) != len(rows):  # never seen; refuse rather than link the wrong rows
        raise RegistryError(m.IMPORT_IDS_NOT_CONSECUTIVE.format(table=table.name))
    return ids


def _staged_type(column: Column[Any], connection: Connection) -> str:
    """The column's type in the temporary table: its own, but a time with its zone,
    so that the server, not the COPY's text, decides how it is stored."""
    from sqlalchemy import DateTime

    kind = column.type.dialect_impl(connection.dialect)
    if isinstance(kind, DateTime):
        return "timestamp with time zone"
    return str(kind.compile(dialect=connection.dialect))


def _processor(column: Column[Any], connection: Connection) -> Callable[[Any], Any] | None:
    """The column type's conversion of a value for the driver, if it has one."""
    dialect = connection.dialect
    process: Callable[[Any], Any] | None = column.type.dialect_impl(dialect).bind_processor(dialect)
    return process
