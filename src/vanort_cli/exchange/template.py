"""The workbook Stadsledningskontoret sends to the administrations and companies.

The sheet to fill in ("Samarbeten", "Collaborations") comes first and starts
empty under its header, so nothing in it is an example that could be imported by
mistake; the instructions and an example row are on the second sheet; the lists
the drop-downs offer are on a hidden third sheet, drawn from the registry when
the template is made. What comes back, filled in in Excel, imports as it is.

The workbook is in the language of the command: in Swedish the Swedish headers,
instructions and names (Åbo, Kultur, projekt), in English the English ones
(Turku, Culture, project), the forms of collaboration by their words
(i18n.values). The import reads both, whatever its own language.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from vanort_cli.exchange.columns import BY_KEY, TEMPLATE_KEYS
from vanort_cli.i18n import N_, Name, gettext, pick
from vanort_cli.i18n.values import COLLABORATION_KIND

if TYPE_CHECKING:
    from openpyxl import Workbook

# The sheets' names, in the language the template is made in (str() when used).
FILL_IN_SHEET = Name("Collaborations", "Samarbeten")
INSTRUCTIONS_SHEET = Name("Instructions", "Instruktioner")
LISTS_SHEET = Name("Lists", "Listor")
# Rows offered for filling in: the drop-downs and date formats reach this far.
FILLABLE_ROWS = 2000


@dataclass(frozen=True)
class TemplateLists:
    """What the drop-downs offer, from the registry, named in the language, in
    alphabetical order."""

    organisations: Sequence[str]
    areas: Sequence[str]
    kinds: Sequence[str]
    towns: Sequence[str]


@dataclass(frozen=True)
class Example:
    """The example row shown on the instructions sheet."""

    values: dict[str, str | date]


# The instructions sheet, a line a row; {fields} are the sheets' names and the
# headers, as the workbook names them.
INSTRUCTIONS = (
    N_("Reporting twin-town collaborations to the City Executive Office"),
    "",
    N_(
        "Administrations and companies inform the City Executive Office of their "
        "collaborations with the twin towns (the City of Gothenburg's guideline for twin "
        "towns)."
    ),
    "",
    N_("How to fill in:"),
    N_(
        "1. Fill in one collaboration per row on the sheet {sheet}, starting on row 2. "
        "Do not change the header row."
    ),
    N_(
        "2. {title}, {organisation}, {area} and {towns} must be filled in. Choose from "
        "the list where there is one."
    ),
    N_(
        "3. {towns}: choose a twin town from the list, or write several separated by "
        "commas, for example {example}."
    ),
    N_(
        "4. Dates are written as 2026-03-01. Leave {end} empty if the collaboration is "
        "ongoing. If {start} is left empty, today's date applies."
    ),
    N_("5. {kind}: {kinds} ({default} if it is left empty)."),
    N_("6. Save as an Excel workbook (.xlsx) and send the file to the City Executive Office."),
    "",
    N_(
        "The same collaboration is reported only once: a row with the same administration, "
        "title, towns and start date as a collaboration in the registry is skipped when it "
        "is imported."
    ),
    "",
    N_("Example (do not fill it in here, but on the sheet {sheet}):"),
)
CHOOSE_TOWNS = N_("Choose a twin town from the list, or write several separated by commas.")
CHOOSE_VALUE = N_("Choose a value from the list.")
WRITE_DATE = N_("Write the date as 2026-03-01.")


def instructions() -> list[str]:
    """The instructions, in the language of the command."""
    names = {key: BY_KEY[key].heading for key in TEMPLATE_KEYS}
    fields = {
        **{key.removesuffix("_date"): heading for key, heading in names.items()},
        "sheet": str(FILL_IN_SHEET),
        "example": pick("Turku, Bergen", "Åbo, Bergen"),
        "kinds": COLLABORATION_KIND.listing(),
        "default": COLLABORATION_KIND.word("project"),
    }
    return [gettext(line).format(**fields) if line else "" for line in INSTRUCTIONS]


def write_template(path: Path, lists: TemplateLists, example: Example) -> None:
    """Write the workbook to `path` (the caller makes it atomic)."""
    template_book(lists, example).save(path)


def template_book(
    lists: TemplateLists, example: Example, *, keys: Sequence[str] = TEMPLATE_KEYS
) -> Workbook:
    """The template as a workbook, its fill-in sheet headed by `keys` (a round's
    workbook puts the id first: exchange/round_workbook.py)."""
    from openpyxl import Workbook
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = str(FILL_IN_SHEET)
    headers = [BY_KEY[key].heading for key in keys]
    sheet.append(headers)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    sheet.freeze_panes = "A2"
    widths = {"title": 40, "organisation": 36, "area": 24, "towns": 24, "description": 50}
    for position, key in enumerate(keys, start=1):
        letter = get_column_letter(position)
        sheet.column_dimensions[letter].width = widths.get(key, max(len(headers[position - 1]), 14))
        if key in ("start_date", "end_date"):
            sheet.column_dimensions[letter].number_format = "yyyy-mm-dd"

    guide = book.create_sheet(str(INSTRUCTIONS_SHEET))
    listed = book.create_sheet(str(LISTS_SHEET))
    columns = {
        "organisation": lists.organisations,
        "area": lists.areas,
        "kind": lists.kinds,
        "towns": lists.towns,
    }
    for list_column, (key, values) in enumerate(columns.items(), start=1):
        letter = get_column_letter(list_column)
        _put_text(listed.cell(row=1, column=list_column), BY_KEY[key].heading)
        for row, value in enumerate(values, start=2):
            _put_text(listed.cell(row=row, column=list_column), value)
        target = get_column_letter(keys.index(key) + 1)
        source = f"{LISTS_SHEET}!${letter}$2:${letter}${len(values) + 1}"
        validation = DataValidation(
            type="list", formula1=source, allow_blank=True, showErrorMessage=True
        )
        if key == "towns":
            # Several towns go in one cell ("Åbo, Bergen"): the list offers one,
            # and Excel only warns about anything else.
            validation.errorStyle = "warning"
            validation.error = gettext(CHOOSE_TOWNS)
        else:
            validation.error = gettext(CHOOSE_VALUE)
        validation.errorTitle = BY_KEY[key].heading
        validation.add(f"{target}2:{target}{FILLABLE_ROWS + 1}")
        sheet.add_data_validation(validation)
    listed.sheet_state = "hidden"

    for key in ("start_date", "end_date"):
        target = get_column_letter(keys.index(key) + 1)
        validation = DataValidation(
            type="date",
            operator="greaterThan",
            formula1="DATE(1946,1,1)",
            allow_blank=True,
            showErrorMessage=True,
        )
        validation.errorStyle = "warning"
        validation.errorTitle = BY_KEY[key].heading
        validation.error = gettext(WRITE_DATE)
        validation.add(f"{target}2:{target}{FILLABLE_ROWS + 1}")
        sheet.add_data_validation(validation)

    guide.column_dimensions["A"].width = 40
    for line in instructions():
        guide.append([line])
    guide["A1"].font = Font(bold=True, size=14)
    guide.append(headers)
    for cell in guide[guide.max_row]:
        cell.font = Font(bold=True)
    row = guide.max_row + 1
    for position, key in enumerate(keys, start=1):
        cell = guide.cell(row=row, column=position)
        given = example.values.get(key, "")
        if isinstance(given, date):
            cell.value = given
            cell.number_format = "yyyy-mm-dd"
        else:
            _put_text(cell, given)
    book.active = 0
    return book


def _put_text(cell: Any, value: str) -> None:
    """Text, never a formula: a name that starts with '=' stays a name."""
    cell.value = value
    cell.data_type = "s"
