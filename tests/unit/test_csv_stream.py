"""`read_csv_file` streams a CSV file from disk instead of reading it whole, and
picks its encoding with a pass of its own (exchange/csv_in.py): for any file it
must read exactly what `read_csv` reads from the same bytes (header, rows with
their line numbers, description, size) or refuse it with the same words,
wherever the file's chunks happen to end."""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from vanort_cli.errors import UsageError
from vanort_cli.exchange import csv_in

CELLS = st.text(alphabet=st.sampled_from('aåÖ;,"\t \r\n€é1-='), max_size=6)
ROWS = st.lists(st.lists(CELLS, min_size=1, max_size=4), max_size=5)
ENDINGS = st.sampled_from(["\n", "\r\n", "\r"])
ENCODINGS = st.sampled_from(["utf-8", "utf-8-sig", "cp1252", "utf-16"])


def _read(read: Any) -> tuple[Any, ...]:
    try:
        table = read()
        rows = list(table.rows)
    except UsageError as error:
        return ("refused", str(error))
    return (table.header, rows, table.description, table.size_hint)


@given(ROWS, ENDINGS, ENCODINGS, st.binary(max_size=4), st.integers(1, 9))
def test_a_streamed_file_reads_as_its_bytes_do(
    rows: list[list[str]], ending: str, encoding: str, noise: bytes, chunk: int
) -> None:
    text = "Titel;Vänorter" + ending + ending.join(";".join(r) for r in rows)
    try:
        data = text.encode(encoding) + noise
    except UnicodeEncodeError:
        data = text.encode("utf-8") + noise
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "file.csv"
        path.write_bytes(data)
        whole = _read(lambda: csv_in.read_csv(data, path=str(path)))
        kept, csv_in.CHUNK = csv_in.CHUNK, chunk  # chunks ending anywhere in the text
        try:
            streamed = _read(lambda: csv_in.read_csv_file(path))
        finally:
            csv_in.CHUNK = kept
    assert streamed == whole
