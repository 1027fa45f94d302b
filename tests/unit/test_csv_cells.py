"""write_csv spells its cell loop out for speed (output/csv_rows.py): the text it
writes must stay the text of the plain composition it replaced,
`_csv_cell(csv_safe(as_text(value)))`, for every kind of value a column gives."""

from __future__ import annotations

import io

from hypothesis import given
from hypothesis import strategies as st

from vanort_cli.output.columns import Column
from vanort_cli.output.csv_rows import _csv_cell, csv_safe, write_csv
from vanort_cli.output.text import as_text

VALUES = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.text(),
    st.dates(),
    st.datetimes(),
    st.lists(st.text(max_size=5), max_size=3),
    st.sampled_from(["=1+1", "-x", "+3", "@y", "a,b", 'say "hi"', "a;b", "tab\there"]),
)


@given(st.lists(VALUES, min_size=1, max_size=4), st.booleans())
def test_each_cell_is_the_plain_composition(values: list[object], excel: bool) -> None:
    columns = [
        Column(key=f"c{i}", header=f"c{i}", value=lambda row, i=i: row[i])
        for i in range(len(values))
    ]
    header, out = io.StringIO(), io.StringIO()
    write_csv([], columns, header, excel=excel)
    write_csv([values], columns, out, excel=excel)
    delimiter, end = (";", "\r\n") if excel else (",", "\n")
    expected = delimiter.join(_csv_cell(csv_safe(as_text(v)), delimiter) for v in values)
    assert out.getvalue() == header.getvalue() + expected + end


@given(st.lists(st.lists(VALUES, min_size=2, max_size=2), min_size=1, max_size=12))
def test_cells_remembered_are_the_cells_made(rows: list[list[object]]) -> None:
    # Each column remembers the cells of its texts and dates (at most
    # CELLS_REMEMBERED, here 3 so that a memo fills): a value met again, or a
    # value equal to one met before (True and 1, a date and a text), writes the
    # cell it makes itself.
    import vanort_cli.output.csv_rows as csv_rows

    columns = [Column(key=f"c{i}", header=f"c{i}", value=lambda row, i=i: row[i]) for i in (0, 1)]
    remembered = csv_rows.CELLS_REMEMBERED
    csv_rows.CELLS_REMEMBERED = 3
    try:
        repeated = [*rows, *rows, [True, 1], [1, True], *rows]
        out = io.StringIO()
        write_csv(repeated, columns, out)
    finally:
        csv_rows.CELLS_REMEMBERED = remembered
    expected = "".join(
        ",".join(_csv_cell(csv_safe(as_text(v))) for v in row) + "\n" for row in repeated
    )
    assert out.getvalue() == "c0,c1\n" + expected
