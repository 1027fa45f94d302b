"""CSV for spreadsheets and scripts: formula-like cells neutralised (OWASP
CSV injection), Excel's BOM when asked."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from datetime import date
from typing import Any, TextIO, TypeVar

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
LINES_AT_ONCE = 256
CELLS_REMEMBERED = 1024


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
    # Each column with the cells it has written for its texts and dates: a
    # listing's towns, organisations, areas, kinds and days repeat, and a cell
    # looked up costs less than a cell made again. A memo keeps at most
    # CELLS_REMEMBERED (a column of titles, each its own, stops adding to it).
    # Only `str` and `date` values are remembered: no two of those are equal
    # unless their text is (True == 1 would make a number's cell "yes").
    values: list[tuple[Callable[[R], Any], dict[Any, str]]] = [
        (c.file_value if excel else c.value, {}) for c in columns
    ]
    # A cell is written as `_csv_cell(csv_safe(as_text(value)))`, the same text
    # this loop writes; it is spelled out here, the common kinds of value first,
    # because it runs for every cell of a listing of any size (a function call
    # a cell was most of `collaborations list -f csv`'s time).
    count = 0
    # Lines are written LINES_AT_ONCE at a time (a write a line, through the text
    # layer's encoder, was a tenth of a listing's time); the ones made before
    # a failure are still written.
    lines: list[str] = []
    line = lines.append
    remembered = CELLS_REMEMBERED
    try:
        for row in rows:
            cells = []
            for value_of, memo in values:
                value = value_of(row)
                kind = type(value)
                if kind is str or kind is date:
                    cell = memo.get(value)
                    if cell is None:
                        text = value if kind is str else value.isoformat()
                        if text.startswith(FORMULA_START):
                            text = "'" + text
                        plain = "," not in text and '"' not in text and delimiter not in text
                        if not (plain and text.isprintable()):
                            text = '"' + text.replace('"', '""') + '"'
                        cell = text
                        if len(memo) < remembered:
                            memo[value] = cell
                    cells.append(cell)
                    continue
                if value is None:
                    cells.append("")
                    continue
                if kind is int:
                    cells.append(str(value))  # digits, perhaps a leading "-"
                    if value < 0:
                        cells[-1] = "'" + cells[-1]
                    continue
                text = as_text(value)
                if text.startswith(FORMULA_START):
                    text = "'" + text
                plain = "," not in text and '"' not in text and delimiter not in text
                if plain and text.isprintable():
                    cells.append(text)
                else:
                    cells.append('"' + text.replace('"', '""') + '"')
            line(delimiter.join(cells) + end)
            count += 1
            if len(lines) == LINES_AT_ONCE:
                _write_lines(out, lines)
    finally:
        if lines:
            _write_lines(out, lines)
    return count


def _write_lines(out: TextIO, lines: list[str]) -> None:
    # Emptied before writing: lines a failed write may have half written are not
    # written again.
    text = "".join(lines)
    lines.clear()
    out.write(text)
