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
