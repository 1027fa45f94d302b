"""Streamed JSON and JSON Lines hold the JSON of the whole list, whatever the values."""

from __future__ import annotations

import io
import json

from hypothesis import given
from hypothesis import strategies as st

from vanort_cli.output.json_stream import json_text, write_json_stream, write_jsonl

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=20) | st.dates(),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner, max_size=3)
    ),
    max_leaves=10,
)


@given(rows=st.lists(st.dictionaries(st.text(max_size=8), json_values, max_size=4), max_size=5))
def test_streamed_json_is_the_json_of_the_whole_list(rows: list[dict[str, object]]) -> None:
    out = io.StringIO()
    assert write_json_stream(iter(rows), out) == len(rows)
    assert out.getvalue() == json_text(rows) + "\n"
    lines = io.StringIO()
    write_jsonl(iter(rows), lines)
    assert [json.loads(line) for line in lines.getvalue().splitlines()] == json.loads(
        out.getvalue()
    )
