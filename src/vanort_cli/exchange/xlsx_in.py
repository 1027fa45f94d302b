"""Reading an Excel workbook (.xlsx) as the administrations fill it in.

openpyxl reads the sheet in read-only mode, row by row, so a large workbook is
never held whole; a date cell arrives as a date, a number as its digits.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path
from typing import Any

from vanort_cli.errors import UsageError
from vanort_cli.exchange.sheet import Cell, ExcelNumber, ImportTable, UnsavedFormula
from vanort_cli.i18n import messages as m


def _cell(value: Any, formula: Any = None) -> Cell:
    if value is None:
        if isinstance(formula, str) and formula.startswith("="):
            return UnsavedFormula(formula)
        return ""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, int | float):
        digits = str(int(value)) if float(value).is_integer() else str(value)
        return ExcelNumber(digits, float(value))
    return str(value)


def read_xlsx(data: bytes, *, path: Path, sheet: str | None = None) -> ImportTable:
    """The header (the first row that is not empty) and rows of one sheet:
    `sheet`, else the first. UsageError when the bytes are no workbook.

    Read from the bytes, not the path: openpyxl judges a path by its extension,
    and a workbook saved as "rapport.csv" is still a workbook."""
    import io
    import zipfile

    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        # The same sheet as written, formulas and all: a cell whose value the
        # file does not hold is told from an empty one by its formula.
        written = load_workbook(io.BytesIO(data), read_only=True, data_only=False)
    except (zipfile.BadZipFile, InvalidFileException, KeyError, OSError, ValueError) as error:
        raise UsageError(m.IMPORT_NOT_WORKBOOK.format(path=path, reason=error)) from None
    names = book.sheetnames
    if not names:
        raise UsageError(m.IMPORT_NO_SHEET.format(path=path))
    if sheet is None:
        chosen = names[0]
    elif sheet in names:
        chosen = sheet
    else:
        raise UsageError(
            m.IMPORT_UNKNOWN_SHEET.format(path=path, sheet=sheet, sheets=", ".join(names))
        )
    worksheet = book[chosen]
    rows = zip(
        worksheet.iter_rows(values_only=True),
        written[chosen].iter_rows(values_only=True),
        strict=False,
    )
    header: list[str] = []
    header_row = 0
    for number, (values, _) in enumerate(rows, start=1):
        if any(v is not None and str(v).strip() for v in values):
            header = [str(_cell(v)) for v in values]
            header_row = number
            break
    else:
        book.close()
        written.close()
        raise UsageError(m.IMPORT_NO_ROWS.format(path=path))
    return ImportTable(
        header=header,
        rows=_rows(rows, header_row + 1, [book, written]),
        place="row",
        size_hint=max((worksheet.max_row or 0) - header_row, 0),
        description=m.IMPORT_XLSX_KIND.format(sheet=chosen),
    )


def _rows(
    rows: Iterator[tuple[tuple[Any, ...], tuple[Any, ...]]], first: int, books: list[Any]
) -> Iterator[tuple[int, list[Cell]]]:
    try:
        for number, (values, formulas) in enumerate(rows, start=first):
            yield (
                number,
                [
                    _cell(v, formulas[k] if k < len(formulas) else None)
                    for k, v in enumerate(values)
                ],
            )
    finally:
        for book in books:  # read-only workbooks keep the file open until closed
            book.close()
