"""Rows and columns as an Excel workbook (.xlsx): one sheet per table.

The columns are the renderer's `Column`s, so a sheet has the same columns as the
table and the CSV of the same command. Cells keep their type: numbers (ids,
years, counts) as numbers, dates as Excel dates, everything else as text. Text is
never a formula, whatever it starts with, and the file is written whole or not
at all. openpyxl is imported only here, when a workbook is written.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, Generic

from typing_extensions import TypeVar

from vanort_cli.files import check_target, replaced_atomically
from vanort_cli.output.columns import Column
from vanort_cli.output.text import as_text, visible

if TYPE_CHECKING:
    from openpyxl.worksheet.worksheet import Worksheet

DATE_FORMAT = "yyyy-mm-dd"
DATETIME_FORMAT = "yyyy-mm-dd hh:mm:ss"
# Excel's limits on a sheet's name.
_SHEET_NAME_MAX = 31
_SHEET_NAME_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")
# Column widths, in characters: wide enough for the longest cell, within reason.
_WIDTH_MIN, _WIDTH_MAX = 6, 60
# What an XML 1.0 file cannot hold (openpyxl refuses it): shown as escapes instead.
_NOT_IN_XML = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
# What a spreadsheet would read as the start of a formula (as in output.csv_safe).
_FORMULA_START = ("=", "+", "-", "@")


# A sheet's row: a record (domain/records.py), or a mapping of its fields.
R = TypeVar("R", default=Mapping[str, Any])


@dataclass(frozen=True)
class Sheet(Generic[R]):
    """One sheet of a workbook being written: its name, its rows and the columns
    they are shown in."""

    title: str
    rows: Sequence[R]
    columns: Sequence[Column[R]]


def cell_value(value: Any) -> Any:
    """What a cell holds: a number, a date, a (naive, UTC) date and time, or text."""
    if value is None:
        return None
    if isinstance(value, bool):
        return as_text(value)
    if isinstance(value, int | float):
        return value
    if isinstance(value, datetime):
        # Excel has no time zones: a stored time is UTC, written without its zone.
        return value.astimezone(UTC).replace(tzinfo=None) if value.tzinfo else value
    if isinstance(value, date):
        return value
    text = as_text(value)
    return _NOT_IN_XML.sub(lambda found: visible(found.group()), text) if text else None


def sheet_name(title: str, taken: Sequence[str] = ()) -> str:
    """A name Excel accepts: at most 31 characters, none of []:*?/\\, not taken."""
    name = _SHEET_NAME_FORBIDDEN.sub("-", title).strip("'") or "Sheet"
    name = name[:_SHEET_NAME_MAX]
    n = 2
    while name.casefold() in {t.casefold() for t in taken}:
        suffix = f" ({n})"
        name = name[: _SHEET_NAME_MAX - len(suffix)] + suffix
        n += 1
    return name


def _fill(sheet: Worksheet, rows: Sequence[R], columns: Sequence[Column[R]]) -> None:
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    headers = [c.file_heading for c in columns]  # for people: Swedish in Swedish
    widths = [len(h) for h in headers]
    sheet.append(headers)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for number, row in enumerate(rows, start=2):
        values = [cell_value(c.file_value(row)) for c in columns]
        sheet.append(values)
        # The row just appended, cell by cell: `sheet[sheet.max_row]` would have
        # openpyxl scan every cell of the sheet, once a row.
        cells = [sheet.cell(row=number, column=k) for k in range(1, len(values) + 1)]
        for k, (cell, value) in enumerate(zip(cells, values, strict=True)):
            if isinstance(value, datetime):
                cell.number_format = DATETIME_FORMAT
                widths[k] = max(widths[k], len("2026-01-01 00:00:00"))
            elif isinstance(value, date):
                cell.number_format = DATE_FORMAT
                widths[k] = max(widths[k], len("2026-01-01"))
            elif isinstance(value, str):
                if value.startswith(_FORMULA_START):
                    # openpyxl takes a text starting with "=" for a formula; this
                    # cell is text, and Excel keeps it text even when it is edited.
                    cell.data_type = "s"
                    cell.quotePrefix = True
                widths[k] = max(widths[k], *(len(line) for line in value.splitlines() or [""]))
            elif value is not None:
                widths[k] = max(widths[k], len(str(value)))
    # The header stays in view while the rows scroll.
    sheet.freeze_panes = "A2"
    for k, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(k)].width = (
            min(max(width, _WIDTH_MIN), _WIDTH_MAX) + 2
        )


def write_workbook(
    path: Path, sheets: Sequence[Sheet[Any]], *, force: bool, protected: Sequence[Path] = ()
) -> None:
    """Write the sheets, in order, as one workbook at `path`: whole or not at all."""
    from openpyxl import Workbook

    check_target(path, force=force, protected=protected)
    book = Workbook()
    first = book.active
    assert first is not None
    book.remove(first)
    taken: list[str] = []
    for sheet in sheets:
        name = sheet_name(sheet.title, taken)
        taken.append(name)
        _fill(book.create_sheet(name), sheet.rows, sheet.columns)
    with replaced_atomically(path) as temporary:
        book.save(temporary)
