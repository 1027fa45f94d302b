"""Reading an Excel workbook (.xlsx) as the administrations fill it in.

openpyxl reads the sheet in read-only mode, row by row, so a large workbook is
never held whole; a date cell arrives as a date, a number as its digits. A
hostile workbook is refused in one line: its zip and XML before openpyxl opens
it (`xlsx_guard.py`), its size as the rows stream, a cell openpyxl cannot read
where it stands.
"""

from __future__ import annotations

import zipfile
import zlib
from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path
from typing import Any

from vanort_cli.errors import UsageError
from vanort_cli.exchange.sheet import (
    MAX_COLUMNS,
    MAX_WORKBOOK_ROWS,
    Cell,
    ExcelNumber,
    ImportTable,
    UnsavedFormula,
)
from vanort_cli.exchange.xlsx_guard import check_workbook
from vanort_cli.i18n import Number
from vanort_cli.i18n import messages as m

# What openpyxl raises on a workbook it cannot read, while opening it or while
# streaming its rows (a text in a number cell, a shared string that is not there,
# a date beyond the year 9999, XML that is not well-formed, a part the zip cannot
# unpack). Only openpyxl's calls are wrapped, so a fault of vanort's own still
# shows as one.
_UNREADABLE: tuple[type[Exception], ...] = (
    zipfile.BadZipFile,
    zlib.error,
    EOFError,
    OSError,
    KeyError,
    IndexError,
    ValueError,  # defusedxml's refusals (DTDForbidden, EntitiesForbidden...) are ValueErrors
    TypeError,
    AttributeError,
    OverflowError,
    SyntaxError,  # xml.etree's ParseError
    NotImplementedError,
    RuntimeError,
)


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
    `sheet`, else the first. UsageError when the bytes are no workbook, or a
    hostile one.

    Read from the bytes, not the path: openpyxl judges a path by its extension,
    and a workbook saved as "rapport.csv" is still a workbook."""
    import io
    import warnings

    check_workbook(data, path)
    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException

    # openpyxl warns on stderr about what it drops (data validation extensions, a
    # missing default style); the import says what it read, in one place.
    warnings.filterwarnings("ignore", module="openpyxl")
    unopenable: tuple[type[Exception], ...] = (*_UNREADABLE, InvalidFileException)
    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        # The same sheet as written, formulas and all: a cell whose value the
        # file does not hold is told from an empty one by its formula.
        written = load_workbook(io.BytesIO(data), read_only=True, data_only=False)
    except unopenable as error:
        raise UsageError(m.IMPORT_NOT_WORKBOOK.format(path=path, reason=error)) from None
    try:
        return _table(book, written, path=path, sheet=sheet)
    except BaseException:
        book.close()  # read-only workbooks keep their source open until closed
        written.close()
        raise


def _table(book: Any, written: Any, *, path: Path, sheet: str | None) -> ImportTable:
    """The chosen sheet's header and its rows to come, read from the workbook's
    values (`book`) and formulas (`written`)."""
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
    worksheet, as_written = book[chosen], written[chosen]
    declared_rows = _check_dimension(worksheet, path=path, sheet=chosen)
    for read_only in (worksheet, as_written):
        # Rows are not padded to the declared width and height: a sheet that
        # declares A1:XFD1048576 would otherwise stream a billion empty cells.
        read_only.reset_dimensions()
    rows = _guarded(
        zip(
            worksheet.iter_rows(values_only=True),
            as_written.iter_rows(values_only=True),
            strict=False,
        ),
        path=path,
        sheet=chosen,
    )
    header: list[str] = []
    header_row = 0
    for number, (values, formulas) in rows:
        if any(v is not None and str(v).strip() for v in values):
            header = [str(_cell(v)) for v in values]
            header_row = number
            break
        if any(_cell(None, f) for f in formulas):
            raise UsageError(m.IMPORT_HEADER_FORMULAS.format(path=path, row=number))
    else:
        raise UsageError(m.IMPORT_NO_ROWS.format(path=path))
    return ImportTable(
        header=header,
        rows=_rows(rows, [book, written]),
        place="row",
        size_hint=max(declared_rows - header_row, 0),
        description=m.IMPORT_XLSX_KIND.format(sheet=chosen),
    )


def _check_dimension(worksheet: Any, *, path: Path, sheet: str) -> int:
    """The rows the sheet says it has (its dimension, A1:K20001); UsageError when it
    says more rows or columns than an import reads. A sheet that says nothing, or
    too little, is held to the same limits as it streams (`_guarded`)."""
    rows, columns = worksheet.max_row or 0, worksheet.max_column or 0
    if rows > MAX_WORKBOOK_ROWS:
        raise UsageError(
            m.IMPORT_TOO_MANY_ROWS.format(
                path=path, row=Number(rows), sheet=sheet, limit=MAX_WORKBOOK_ROWS
            )
        )
    if columns > MAX_COLUMNS:
        raise UsageError(
            m.IMPORT_TOO_MANY_COLUMNS.format(
                path=path,
                columns=columns,
                place=m.IMPORT_XLSX_KIND.format(sheet=sheet),
                limit=MAX_COLUMNS,
            )
        )
    return int(rows)


Pair = tuple[tuple[Any, ...], tuple[Any, ...]]  # a row's values, and its cells as written


def _guarded(rows: Iterator[Pair], *, path: Path, sheet: str) -> Iterator[tuple[int, Pair]]:
    """The sheet's rows with their numbers; UsageError, in one line, for a row
    beyond the limits or a cell openpyxl cannot read."""
    number = 0
    while True:
        try:
            pair = next(rows)
        except StopIteration:
            return
        except _UNREADABLE as error:
            place = (
                m.IMPORT_BAD_CELL_AFTER.format(row=number) if number else m.IMPORT_BAD_CELL_FIRST
            )
            raise UsageError(
                m.IMPORT_BAD_CELL.format(path=path, place=place, reason=error)
            ) from None
        number += 1
        if number > MAX_WORKBOOK_ROWS:
            raise UsageError(
                m.IMPORT_TOO_MANY_ROWS.format(
                    path=path, row=Number(number), sheet=sheet, limit=MAX_WORKBOOK_ROWS
                )
            )
        width = max(len(pair[0]), len(pair[1]))
        if width > MAX_COLUMNS:
            raise UsageError(
                m.IMPORT_TOO_MANY_COLUMNS.format(
                    path=path,
                    columns=width,
                    place=m.IMPORT_PLACE_ROW.format(number=number),
                    limit=MAX_COLUMNS,
                )
            )
        yield number, pair


def _rows(rows: Iterator[tuple[int, Pair]], books: list[Any]) -> Iterator[tuple[int, list[Cell]]]:
    try:
        for number, (values, formulas) in rows:
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
