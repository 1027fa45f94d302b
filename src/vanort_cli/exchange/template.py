"""The workbook Stadsledningskontoret sends to the administrations and companies.

The sheet to fill in ("Samarbeten") comes first and starts empty under its
header, so nothing in it is an example that could be imported by mistake; the
instructions and an example row are on the second sheet; the lists the
drop-downs offer are on a hidden third sheet, drawn from the registry when the
template is made. What comes back, filled in in Excel, imports as it is.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from vanort_cli.exchange.columns import BY_KEY, TEMPLATE_KEYS

FILL_IN_SHEET = "Samarbeten"
INSTRUCTIONS_SHEET = "Instruktioner"
LISTS_SHEET = "Listor"
# Rows offered for filling in: the drop-downs and date formats reach this far.
FILLABLE_ROWS = 2000


@dataclass(frozen=True)
class TemplateLists:
    """What the drop-downs offer, from the registry, in Swedish order."""

    organisations: Sequence[str]
    areas: Sequence[str]
    kinds: Sequence[str]
    towns: Sequence[str]


@dataclass(frozen=True)
class Example:
    """The example row shown on the instructions sheet."""

    values: dict[str, str | date]


INSTRUCTIONS = (
    "Inrapportering av vänortssamarbeten till Stadsledningskontoret",
    "",
    "Förvaltningar och bolag informerar Stadsledningskontoret om sina samarbeten med "
    "vänorterna (Göteborgs Stads riktlinje för vänorter).",
    "",
    "Så fyller du i:",
    "1. Fyll i ett samarbete per rad på bladet Samarbeten, med början på rad 2. "
    "Ändra inte rubrikraden.",
    "2. Titel, Förvaltning/bolag, Område och Vänorter måste fyllas i. Välj i listan "
    "där en sådan finns.",
    "3. Vänorter: välj en vänort i listan, eller skriv flera åtskilda med komma, "
    "till exempel Åbo, Bergen.",
    "4. Datum skrivs som 2026-03-01. Lämna Slutdatum tomt om samarbetet pågår. "
    "Lämnas Startdatum tomt gäller dagens datum.",
    "5. Form: projekt, nätverk, utbyte, studiebesök eller annat (projekt om den lämnas tom).",
    "6. Spara som Excel-arbetsbok (.xlsx) och skicka filen till Stadsledningskontoret.",
    "",
    "Samma samarbete rapporteras bara en gång: en rad med samma förvaltning, titel, "
    "vänorter och startdatum som ett samarbete i registret hoppas över vid inläsningen.",
    "",
    "Exempel (fyll inte i här, utan på bladet Samarbeten):",
)


def write_template(path: Path, lists: TemplateLists, example: Example) -> None:
    """Write the workbook to `path` (the caller makes it atomic)."""
    from openpyxl import Workbook
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = FILL_IN_SHEET
    headers = [BY_KEY[key].header_sv for key in TEMPLATE_KEYS]
    sheet.append(headers)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    sheet.freeze_panes = "A2"
    widths = {"title": 40, "organisation": 36, "area": 24, "towns": 24, "description": 50}
    for position, key in enumerate(TEMPLATE_KEYS, start=1):
        letter = get_column_letter(position)
        sheet.column_dimensions[letter].width = widths.get(key, max(len(headers[position - 1]), 14))
        if key in ("start_date", "end_date"):
            sheet.column_dimensions[letter].number_format = "yyyy-mm-dd"

    guide = book.create_sheet(INSTRUCTIONS_SHEET)
    listed = book.create_sheet(LISTS_SHEET)
    columns = {
        "organisation": lists.organisations,
        "area": lists.areas,
        "kind": lists.kinds,
        "towns": lists.towns,
    }
    for list_column, (key, values) in enumerate(columns.items(), start=1):
        letter = get_column_letter(list_column)
        _put_text(listed.cell(row=1, column=list_column), BY_KEY[key].header_sv)
        for row, value in enumerate(values, start=2):
            _put_text(listed.cell(row=row, column=list_column), value)
        target = get_column_letter(TEMPLATE_KEYS.index(key) + 1)
        source = f"{LISTS_SHEET}!${letter}$2:${letter}${len(values) + 1}"
        validation = DataValidation(
            type="list", formula1=source, allow_blank=True, showErrorMessage=True
        )
        if key == "towns":
            # Several towns go in one cell ("Åbo, Bergen"): the list offers one,
            # and Excel only warns about anything else.
            validation.errorStyle = "warning"
            validation.error = "Välj en vänort i listan, eller skriv flera åtskilda med komma."
        else:
            validation.error = "Välj ett värde i listan."
        validation.errorTitle = BY_KEY[key].header_sv
        validation.add(f"{target}2:{target}{FILLABLE_ROWS + 1}")
        sheet.add_data_validation(validation)
    listed.sheet_state = "hidden"

    for key in ("start_date", "end_date"):
        target = get_column_letter(TEMPLATE_KEYS.index(key) + 1)
        validation = DataValidation(
            type="date",
            operator="greaterThan",
            formula1="DATE(1946,1,1)",
            allow_blank=True,
            showErrorMessage=True,
        )
        validation.errorStyle = "warning"
        validation.errorTitle = BY_KEY[key].header_sv
        validation.error = "Skriv datumet som 2026-03-01."
        validation.add(f"{target}2:{target}{FILLABLE_ROWS + 1}")
        sheet.add_data_validation(validation)

    guide.column_dimensions["A"].width = 40
    for line in INSTRUCTIONS:
        guide.append([line])
    guide["A1"].font = Font(bold=True, size=14)
    guide.append(headers)
    for cell in guide[guide.max_row]:
        cell.font = Font(bold=True)
    row = guide.max_row + 1
    for position, key in enumerate(TEMPLATE_KEYS, start=1):
        cell = guide.cell(row=row, column=position)
        given = example.values.get(key, "")
        if isinstance(given, date):
            cell.value = given
            cell.number_format = "yyyy-mm-dd"
        else:
            _put_text(cell, given)
    book.active = 0
    book.save(path)


def _put_text(cell: Any, value: str) -> None:
    """Text, never a formula: a name that starts with '=' stays a name."""
    cell.value = value
    cell.data_type = "s"
