"""A round's workbook's mark, read back from the bytes written (the workbook
itself, filled in and imported: tests/test_round_workbooks.py)."""

from __future__ import annotations

import io
from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook

from vanort_cli.errors import UsageError
from vanort_cli.exchange.round_workbook import (
    MARK_SHEET,
    ListedCollaboration,
    RoundMark,
    read_mark,
    round_workbook_bytes,
)
from vanort_cli.exchange.template import Example, TemplateLists, template_book

LISTS = TemplateLists(
    organisations=["Kulturförvaltningen"], areas=["Kultur"], kinds=["projekt"], towns=["Åbo"]
)
ROW = ListedCollaboration(
    id=7,
    title="=1+1 är ingen formel",
    organisation="Kulturförvaltningen",
    area="Kultur",
    towns=["Åbo"],
    kind="projekt",
    start_date=date(2026, 3, 1),
    end_date=None,
    description=None,
    contact=None,
)


@settings(max_examples=15)
@given(
    year=st.integers(1990, 2100),
    key=st.from_regex(r"[a-z][a-z0-9-]{0,40}", fullmatch=True),
    listed=st.lists(st.integers(1, 2**31), max_size=30),
)
def test_the_mark_reads_back_as_written(year: int, key: str, listed: list[int]) -> None:
    mark = RoundMark(year=year, organisation=key, organisation_name="=Namn", listed=tuple(listed))
    data = round_workbook_bytes(LISTS, Example({}), mark=mark, listed=[ROW])
    assert read_mark(data, path="x.xlsx") == mark


def test_a_listed_title_is_text_and_the_mark_is_hidden_from_excel() -> None:
    mark = RoundMark(year=2026, organisation="kultur", organisation_name="Kultur", listed=(7,))
    book = load_workbook(
        io.BytesIO(round_workbook_bytes(LISTS, Example({}), mark=mark, listed=[ROW]))
    )
    assert book.worksheets[0]["B2"].value == "=1+1 är ingen formel"
    assert book.worksheets[0]["B2"].data_type == "s"
    assert book[MARK_SHEET].sheet_state == "veryHidden"


def test_a_plain_template_has_no_mark_and_a_damaged_one_is_refused() -> None:
    plain = io.BytesIO()
    template_book(LISTS, Example({})).save(plain)
    assert read_mark(plain.getvalue(), path="mall.xlsx") is None
    mark = RoundMark(year=2026, organisation="kultur", organisation_name="Kultur", listed=())
    book = load_workbook(io.BytesIO(round_workbook_bytes(LISTS, Example({}), mark=mark, listed=[])))
    book[MARK_SHEET]["B3"] = "tjugotjugosex"  # the year
    damaged = io.BytesIO()
    book.save(damaged)
    with pytest.raises(UsageError, match="mark is damaged"):
        read_mark(damaged.getvalue(), path="svar.xlsx")
