"""A query's rows as the database driver hands them out: plain tuples, a batch
at a time, for a listing of any size written straight out.

SQLAlchemy makes each row a `Row` and passes each value through its column
type's conversion: for `collaborations list -f csv` at 100,000 rows that was
a tenth of the command's time. Here the statement is still compiled, bound and
executed by SQLAlchemy (the same SQL and parameters on either database); only
the reading skips it. A value is then what the driver makes of it (a date is a
`date` from psycopg, its ISO 8601 text from SQLite): a caller selects columns
whose types convert nothing (`type_coerce(column, String)`) and converts the
others itself with `converted`, the conversion SQLAlchemy would have made.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from typing import Any

from sqlalchemy import Connection, Executable
from sqlalchemy.types import TypeEngine


def plain_batches(
    connection: Connection, query: Executable, size: int
) -> Iterator[Sequence[tuple[Any, ...]]]:
    """The rows of `query`, `size` at a time (never more in memory: on a server
    through a server-side cursor), each a tuple of the driver's values. Its
    columns' types must convert nothing (see the module's doc)."""
    result = connection.execute(query.execution_options(stream_results=True, max_row_buffer=size))
    try:
        # SQLAlchemy reads a row ahead when it streams: what it holds comes
        # through it (the same values, the types converting nothing), and the
        # cursor gives the rest.
        first = result.fetchmany(size)
        if first:
            yield [tuple(row) for row in first]
        cursor = result.cursor  # None once SQLAlchemy has read to the end
        while cursor is not None:
            batch = cursor.fetchmany(size)
            if not batch:
                break
            yield batch
    finally:
        # A listing stopped early (a closed pipe) is let go of after its session
        # has closed the connection, and with it the cursor: closing that again
        # would print SQLAlchemy's "Error closing cursor" on the way out.
        if not connection.closed:
            result.close()


class Converted(dict[Any, Any]):
    """The values of a column of one type, as SQLAlchemy makes them of what the
    driver gives (`converted[value]`), each distinct value converted once: a
    listing's dates repeat. Remembers at most REMEMBERED, then forgets them all."""

    REMEMBERED = 4096

    def __init__(self, convert: Callable[[Any], Any] | None) -> None:
        super().__init__()
        self._convert = convert

    def __missing__(self, value: Any) -> Any:
        made = value if self._convert is None or value is None else self._convert(value)
        if len(self) >= self.REMEMBERED:
            self.clear()
        self[value] = made
        return made


def converted(connection: Connection, type_: TypeEngine[Any]) -> Converted:
    """What SQLAlchemy makes of a driver's value of `type_` on this connection's
    database (nothing, where the driver's value is already the Python one)."""
    dialect = connection.dialect
    return Converted(type_.dialect_impl(dialect).result_processor(dialect, None))
