"""Inserting many rows at once (an import), as fast as the database allows.

SQLAlchemy Core's executemany converts each value of each row through the
column's type one call at a time, which costs more than SQLite's own insert. On
SQLite the statement is compiled once and each distinct value converted once
(an import's rows share their dates and their timestamp); other databases take
Core's executemany, with RETURNING for the ids.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from operator import itemgetter
from typing import Any

from sqlalchemy import Connection, Table, func, insert, select

from vanort_cli.errors import RegistryError
from vanort_cli.i18n import messages as m


def insert_rows(connection: Connection, table: Table, rows: Sequence[dict[str, Any]]) -> None:
    """Insert `rows` (each with the same keys) in one executemany."""
    if not rows:
        return
    if connection.dialect.name != "sqlite":
        connection.execute(insert(table), list(rows))
        return
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
    connection: Connection, table: Table, rows: Sequence[dict[str, Any]]
) -> list[int]:
    """Insert `rows` and return their ids, in the order of `rows`."""
    if not rows:
        return []
    if connection.dialect.name != "sqlite":
        returned = connection.execute(
            insert(table).returning(table.c.id, sort_by_parameter_order=True), list(rows)
        )
        return list(returned.scalars())
    # SQLite runs RETURNING in parameter order one statement a row. It needs no
    # RETURNING: a write holds the database's only write lock (BEGIN IMMEDIATE),
    # so the rows take the consecutive ids after the largest, in order.
    insert_rows(connection, table, rows)
    last = connection.execute(select(func.max(table.c.id))).scalar_one()
    first = last - len(rows) + 1
    counted = connection.execute(
        select(func.count()).select_from(table).where(table.c.id.between(first, last))
    ).scalar_one()
    if counted != len(rows):  # never seen; refuse rather than link the wrong rows
        raise RegistryError(m.IMPORT_IDS_NOT_CONSECUTIVE.format(table=table.name))
    return list(range(first, last + 1))


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
