"""The workbook one organisation receives in a reporting round, and its mark.

It is the template (exchange/template.py) with an `Id` column first, its
drop-down of organisations offering only the organisation itself, and its
collaborations already listed, ids and all, so that the contact confirms,
corrects or ends them and adds new ones below. A very hidden sheet `vanort`
marks it as vanort's workbook for a year's round and one organisation: the
import reads the mark and knows whose answer it is (`read_mark`), whatever the
file was renamed to.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from vanort_cli.errors import UsageError
from vanort_cli.exchange.columns import BY_KEY, TEMPLATE_KEYS
from vanort_cli.exchange.template import (
    FILL_IN_SHEET,
    INSTRUCTIONS_SHEET,
    Example,
    TemplateLists,
    template_book,
)
from vanort_cli.i18n import N_, gettext
from vanort_cli.i18n import messages as m

# The columns of a round's workbook: the id first, then the template's.
ROUND_KEYS = ("id", *TEMPLATE_KEYS)
# The mark's sheet and what it says it is: names for machines, never translated.
MARK_SHEET = "vanort"
MARK_KIND = "vanort-round-workbook"
MARK_VERSION = 1

# The lines put above the template's instructions: {organisation}, {year}, {id}.
ROUND_INSTRUCTIONS = (
    N_("The answer of {organisation} to the City Executive Office's reporting round for {year}."),
    N_(
        "The rows already filled in on the sheet {sheet} are your collaborations that the "
        "registry has as active during {year}. Check each one: leave it as it is if it is "
        "right, correct what is wrong, and write an end date if it has ended."
    ),
    N_(
        "Do not change or remove the {id} of a row: it says which collaboration the row is. "
        "Add the collaborations that are missing on new rows below, with {id} left empty."
    ),
    N_(
        "{organisation} is filled in for you; a new row may leave it empty. Send back this "
        "workbook only for {organisation}."
    ),
    "",
)


@dataclass(frozen=True)
class RoundMark:
    """What the hidden sheet says: vanort's workbook for the round for `year`,
    for the organisation `organisation` (its key), listing these ids."""

    year: int
    organisation: str
    organisation_name: str
    listed: tuple[int, ...]


@dataclass(frozen=True)
class ListedCollaboration:
    """A collaboration listed in the workbook, by its cells in the language."""

    id: int
    title: str
    organisation: str
    area: str
    towns: Sequence[str]
    kind: str
    start_date: date
    end_date: date | None
    description: str | None
    contact: str | None


def round_workbook_bytes(
    lists: TemplateLists,
    example: Example,
    *,
    mark: RoundMark,
    listed: Sequence[ListedCollaboration],
) -> bytes:
    """The organisation's workbook as an .xlsx file's bytes, in the language of
    the moment (the caller's `speaking`)."""
    from openpyxl.styles import Font

    book = template_book(lists, example, keys=ROUND_KEYS)
    sheet = book[str(FILL_IN_SHEET)]
    for row, collaboration in enumerate(listed, start=2):
        values: dict[str, Any] = {
            "id": collaboration.id,
            "title": collaboration.title,
            "organisation": collaboration.organisation,
            "area": collaboration.area,
            "towns": ", ".join(collaboration.towns),
            "kind": collaboration.kind,
            "start_date": collaboration.start_date,
            "end_date": collaboration.end_date,
            "description": collaboration.description,
            "contact": collaboration.contact,
        }
        for position, key in enumerate(ROUND_KEYS, start=1):
            cell = sheet.cell(row=row, column=position)
            value = values[key]
            if value is None:
                continue
            if isinstance(value, date):
                cell.value = value
                cell.number_format = "yyyy-mm-dd"
            elif isinstance(value, int):
                cell.value = value
            else:  # text, never a formula: a title that starts with '=' stays a title
                cell.value = value
                cell.data_type = "s"
    guide = book[str(INSTRUCTIONS_SHEET)]
    fields = {
        "organisation": mark.organisation_name,
        "year": mark.year,
        "sheet": str(FILL_IN_SHEET),
        "id": BY_KEY["id"].heading,
    }
    lines = [gettext(line).format(**fields) if line else "" for line in ROUND_INSTRUCTIONS]
    # Below the title, above the template's own instructions.
    guide.insert_rows(2, amount=len(lines))
    for offset, line in enumerate(lines):
        cell = guide.cell(row=2 + offset, column=1)
        cell.value = line
        cell.data_type = "s"
    guide.cell(row=2, column=1).font = Font(bold=True)

    marked = book.create_sheet(MARK_SHEET)
    for key, value in (
        ("kind", MARK_KIND),
        ("version", MARK_VERSION),
        ("year", mark.year),
        ("organisation", mark.organisation),
        ("organisation_name", mark.organisation_name),
        ("listed", ",".join(str(i) for i in mark.listed)),
    ):
        marked.append([key, value])
        if isinstance(value, str):
            marked.cell(row=marked.max_row, column=2).data_type = "s"
    # Not unhidden from Excel's menu: only a program reads it.
    marked.sheet_state = "veryHidden"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def read_mark(data: bytes, *, path: object) -> RoundMark | None:
    """The mark of a round's workbook; None for any other workbook (a template, an
    export). UsageError when the mark is there but damaged. `data` has passed
    xlsx_guard already (the import read it)."""
    import warnings

    from openpyxl import load_workbook

    warnings.filterwarnings("ignore", module="openpyxl")
    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception:  # the import's own reading says what is wrong with the file
        return None
    try:
        if MARK_SHEET not in book.sheetnames:
            return None
        said: dict[str, str] = {}
        for row in book[MARK_SHEET].iter_rows(max_row=20, max_col=2, values_only=True):
            if row and row[0] is not None:
                said[str(row[0])] = "" if len(row) < 2 or row[1] is None else str(row[1])
    finally:
        book.close()
    if said.get("kind") != MARK_KIND:
        return None
    try:
        year = int(float(said["year"]))
        organisation = said["organisation"].strip()
        listed = tuple(int(i) for i in said.get("listed", "").split(",") if i.strip())
        if not organisation:
            raise ValueError(organisation)
    except (KeyError, ValueError):
        raise UsageError(m.ROUND_WORKBOOK_MARK_DAMAGED.format(path=path)) from None
    return RoundMark(
        year=year,
        organisation=organisation,
        organisation_name=said.get("organisation_name", organisation),
        listed=listed,
    )
