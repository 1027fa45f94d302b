"""CSV for spreadsheets and scripts: formula-like cells neutralised (OWASP
CSV injection), Excel's BOM when asked."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TextIO, TypeVar

from vanort_cli.domain.text import FORMULA_START
from vanort_cli.output.columns import Column
from vanort_cli.output.text import as_text

R = TypeVar("R")  # a row: a record, or a mapping of its fields

# OWASP CSV injection: a cell a spreadsheet would read as a formula.


def csv_safe(text: str) -> str:
    return "'" + text if text.startswith(FORMULA_START) else text


def _csv_cell(text: str, delimiter: str = ",") -> str:
    """A cell as CSV writes it: quoted when it holds a separator, a quote, a line
    break, or a character `visible` would escape (so that a reader sees the cell
    holds more than plain text; the data itself is kept as it is)."""
    if text.isprintable() and not any(ch in text for ch in (",", '"', delimiter)):
        return text
    return '"' + text.replace('"', '""') + '"'


# CSV as Swedish Excel reads and writes it: UTF-8 with a byte-order mark (without
# it Excel takes Windows-1252 and shows "Ã¥" for "å"), ";" between cells (the
# comma is the decimal sign in a Swedish locale) and CRLF line ends.
EXCEL_BOM = "\ufeff"


def write_csv(
    rows: Iterable[R],
    columns: Sequence[Column[R]],
    out: TextIO,
    *,
    excel: bool = False,
) -> int:
    """A header row of the columns' keys, then a row per record, as the rows come;
    every cell formula-safe. `excel`: as Swedish Excel expects (see EXCEL_BOM),
    for people, so headed and worded in their language (`Column.file_heading`,
    `Column.file_value`). Returns how many rows it wrote."""
    delimiter, end = (";", "\r\n") if excel else (",", "\n")
    if excel:
        out.write(EXCEL_BOM)
    headers = (c.file_heading if excel else c.key for c in columns)
    out.write(delimiter.join(_csv_cell(h, delimiter) for h in headers) + end)
    count = 0
    for row in rows:
        cells = (
            _csv_cell(csv_safe(as_text(c.file_value(row) if excel else c.value(row))), delimiter)
            for c in columns
        )
        out.write(delimiter.join(cells) + end)
        count += 1
    return count
