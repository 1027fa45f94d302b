"""What every reader of an import file gives: a header and rows of cells.

A CSV file and an Excel sheet are read into the same shape, so that checking
and storing the rows (`services/intake_rows.py`, `services/intake.py`) never asks which
kind of file they came from. Rows are yielded, not listed, so that a large
file is never held twice in memory.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date


class UnsavedFormula(str):
    """An Excel formula whose value the file does not hold (it was written by a
    program, not saved by Excel): its text is the formula, and it is no value."""


class ExcelNumber(str):
    """A number from an Excel cell, as its digits; in a date column, Excel's serial
    number of a day (a date cell formatted as General)."""

    def __new__(cls, digits: str, number: float) -> ExcelNumber:
        made = super().__new__(cls, digits)
        made.number = number
        return made

    number: float


# A cell as a reader gives it: text, or a date from a date-formatted Excel cell.
Cell = str | date

# Import files larger than this are refused before they are read: a registry
# takes reports in files an administration sends, and a file this large is a
# mistake (a database dump, a log) more likely than a year's reports.
MAX_IMPORT_BYTES = 50 * 1024 * 1024
# A file with more columns than this (in its header or any row) is refused whole,
# before any cell is matched to a column: the template has eleven, and a header of
# a million columns would take hours to match. Far above any real intake file.
MAX_COLUMNS = 1_000
# The rows read from a workbook: ten times a large intake (20,000 rows), twice the
# 100,000 rows benchmarks/import.py imports. A sheet that declares or reaches a row
# beyond it (a cell at Excel's last row, 1,048,576) is refused, not streamed empty
# row by empty row. A CSV file is bounded by its size alone (MAX_IMPORT_BYTES).
MAX_WORKBOOK_ROWS = 200_000


@dataclass
class ImportTable:
    """The header and the rows of an import file, whichever kind it was (a sheet
    being written is `xlsx.Sheet`)."""

    header: list[str]
    rows: Iterator[tuple[int, list[Cell]]]  # (line or sheet row number, cells)
    place: str  # "line" (a CSV file) or "row" (an Excel sheet): how a row is named
    size_hint: int  # about how many rows follow the header, for a progress bar
    description: str  # e.g. "semicolon-separated, Windows-1252" or "sheet Samarbeten"
