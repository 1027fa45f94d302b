"""A query's rows as the driver gives them (store/plain_rows.py), which
`collaborations list -f csv` writes: every row once, in order, a batch at a
time, the values SQLAlchemy would have made once converted, on both databases."""

from __future__ import annotations

import logging
from collections.abc import Iterator

import pytest
from sqlalchemy import Date, String, type_coerce
from sqlalchemy import select as select_columns
from sqlmodel import col

from conftest import Run
from vanort_cli.store.location import resolve_location
from vanort_cli.store.models import Collaboration
from vanort_cli.store.plain_rows import converted, plain_batches
from vanort_cli.store.registry import Registry

pytestmark = pytest.mark.both_backends


@pytest.fixture
def registry(run: Run, registry_url: str) -> Iterator[Registry]:
    """A registry with five collaborations, one ongoing."""
    for n in range(5):
        end = [] if n == 2 else ["--end", f"2026-0{n + 2}-15"]
        args = ["-t", "Åbo", "-o", "SLK", "-a", "culture", "--start", f"2025-0{n + 1}-0{n + 1}"]
        result = run("log-collaboration", *args, *end, "--title", f"Samarbete {n}")
        assert result.exit_code == 0, result.output
    opened = Registry(resolve_location(registry_url))
    yield opened
    opened.close()


@pytest.mark.parametrize("size", [1, 2, 5, 2000])
def test_every_row_once_in_order_as_sqlalchemy_makes_it(registry: Registry, size: int) -> None:
    columns = (col(Collaboration.id), col(Collaboration.title), col(Collaboration.end_date))
    order = col(Collaboration.id)
    plain = (*columns[:2], type_coerce(col(Collaboration.end_date), String))
    with registry.reading() as session:
        connection = session.connection()
        expected = [
            tuple(row) for row in connection.execute(select_columns(*columns).order_by(order))
        ]
        batches = list(plain_batches(connection, select_columns(*plain).order_by(order), size))
        day = converted(connection, Date())
        read = [(id, title, day[end]) for batch in batches for id, title, end in batch]
    assert read == expected and len(read) == 5
    assert [len(b) for b in batches] == [min(size, 5 - n) for n in range(0, 5, size)]


def test_a_listing_let_go_of_after_its_session_says_nothing(
    registry: Registry, caplog: pytest.LogCaptureFixture
) -> None:
    # `collaborations list -f csv | head -1`: the writer stops at the closed pipe,
    # the session closes, and only then is the listing's generator let go of.
    query = select_columns(col(Collaboration.id)).order_by(col(Collaboration.id))
    with caplog.at_level(logging.ERROR):
        with registry.reading() as session:
            batches = plain_batches(session.connection(), query, 1)
            assert len(next(batches)) == 1
        registry.close()  # as the command's end closes it, its connections with it
        batches.close()
    assert caplog.records == []
