"""Inserting many rows at once (an import), as fast as the database allows.

Each backend inserts in its own way (store/backend.py): SQLite compiles the
statement once and converts each distinct value once (store/sqlite.py);
PostgreSQL sends each column as one binary array and inserts them with one
INSERT ... SELECT FROM unnest, RETURNING the ids (store/pg_bulk.py); any other server
takes Core's executemany, with RETURNING for the ids (store/server.py).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import Connection, Table

from vanort_cli.store.backend import backend_of


def insert_rows(connection: Connection, table: Table, rows: Sequence[dict[str, Any]]) -> None:
    """Insert `rows` (each with the same keys) in one executemany."""
    if not rows:
        return
    backend_of(connection).insert_rows(connection, table, rows)


def insert_rows_returning_ids(
    connection: Connection, table: Table, rows: Sequence[dict[str, Any]]
) -> list[int]:
    """Insert `rows` and return their ids, in the order of `rows`."""
    if not rows:
        return []
    return backend_of(connection).insert_rows_returning_ids(connection, table, rows)
