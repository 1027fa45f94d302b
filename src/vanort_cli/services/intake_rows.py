"""Checking the rows of an import file, before the registry is asked anything.

Pure: a header is mapped to vanort's columns, and each row becomes a `Draft`
(its cells read as text, dates and a form of collaboration), a `Skip` (an empty
row, an Excel total row) or the list of its `Problem`s. Every problem of every
row is found, so that an administration corrects its file once, not once per
error. Names (towns, organisations, areas) are matched against the registry
afterwards, in `services/intake.py`.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import lru_cache

from vanort_cli.domain.dates import DateError, DateProblem, parse_date, years_handled
from vanort_cli.domain.names import normalise
from vanort_cli.domain.text import FORMULA_START, TEXT_MAX, TITLE_MAX, TextError, clean_text
from vanort_cli.exchange.columns import (
    BY_KEY,
    REQUIRED_KEYS,
    column_for,
    kind_for,
    kinds_in_swedish,
    known_headers,
    split_towns,
)
from vanort_cli.exchange.sheet import Cell, ExcelNumber, UnsavedFormula
from vanort_cli.i18n import Day
from vanort_cli.i18n import messages as m
from vanort_cli.i18n.messages import Prose

# The longest text each column takes; the towns cell names several towns.
TEXT_LIMITS = {
    "title": TITLE_MAX,
    "towns": TITLE_MAX * 10,
    "organisation": TITLE_MAX,
    "area": TITLE_MAX,
    "kind": TITLE_MAX,
    "description": TEXT_MAX,
    "contact": TITLE_MAX,
    "reported_by": TITLE_MAX,
}
DATE_KEYS = ("start_date", "end_date", "reported_on")
# Excel's serial numbers of the days 1900-03-01 to 9999-12-31: a whole number in
# this range, in a date column of a workbook, is a day.
_EXCEL_DAYS = (61, 2_958_465)
# Words that open the total row Excel adds under a list ("Summa", "Totalt").
TOTAL_WORDS = frozenset({"summa", "totalt", "total", "sum", "antal", "totalsumma"})


@dataclass(frozen=True)
class Problem:
    """Why a row (or the header, `number` None) cannot be imported.

    `text` is worded when shown: the reader's language on stderr, English in the
    JSON summary."""

    number: int | None
    text: Prose
    column: str | None = None  # the header as the file writes it
    value: str | None = None


@dataclass(frozen=True)
class Skip:
    number: int
    total_row: bool  # False: an empty row


@dataclass
class Draft:
    """One row read and checked on its own: the names in it are not matched yet."""

    number: int
    title: str
    organisation: str
    area: str
    towns: list[str]
    kind: str = "project"
    start_date: date | None = None
    end_date: date | None = None
    description: str | None = None
    contact: str | None = None
    reported_by: str | None = None
    reported_on: date | None = None


@dataclass
class Layout:
    """Which cell of a row holds which column, and the header as written."""

    index: dict[str, int] = field(default_factory=dict)
    labels: dict[str, str] = field(default_factory=dict)
    ignored: list[str] = field(default_factory=list)  # accepted, not imported (an id)
    width: int = 0  # the cells the header names, unnamed ones at the end excluded
    # What draft_row works out from `index` once (`_text_columns`).
    text_columns: list[tuple[str, int | None, int, _Check]] | None = field(
        default=None, repr=False, compare=False
    )

    def label(self, key: str) -> str:
        return self.labels.get(key, key)


def read_header(header: Sequence[str]) -> tuple[Layout, list[Problem]]:
    """Map a header row to vanort's columns; every problem with it at once."""
    layout = Layout()
    problems: list[Problem] = []
    seen: dict[str, str] = {}
    for position, written in enumerate(header):
        text = written.strip()
        if not text:
            continue
        layout.width = position + 1
        key = column_for(text)
        if key is None:
            problems.append(_unknown_column(text))
            continue
        if key in seen:
            problems.append(
                Problem(None, Prose(m.EN.IMPORT_COLUMN_TWICE, first=seen[key], second=text))
            )
            continue
        seen[key] = text
        if BY_KEY[key].imported:
            layout.index[key] = position
            layout.labels[key] = text
        else:
            layout.ignored.append(text)
    missing = [k for k in REQUIRED_KEYS if k not in layout.index]
    if missing and not any(h.strip() for h in header):
        problems = [Problem(None, Prose(m.EN.IMPORT_NO_HEADER))]
    elif missing:
        wanted = ", ".join(f"{BY_KEY[k].header_sv} ({k})" for k in missing)
        problems.append(Problem(None, Prose(m.EN.IMPORT_MISSING_COLUMNS, columns=wanted)))
    return layout, problems


def _unknown_column(text: str) -> Problem:
    folded = {normalise(h): h for h in known_headers()}
    close = difflib.get_close_matches(normalise(text), folded, n=1, cutoff=0.75)
    hint = Prose(m.EN.IMPORT_DID_YOU_MEAN, close=folded[close[0]]) if close else ""
    return Problem(None, Prose(m.EN.IMPORT_UNKNOWN_COLUMN, column=text, close=hint))


# The columns whose cells repeat from row to row (the names an administration
# uses, its forms, its contacts), whose checks are remembered by value; a title
# or a description is checked afresh (remembering a unique text costs more).
REPEATED = frozenset({"organisation", "area", "towns", "kind", "contact", "reported_by"})
# How many distinct cells each remembered check keeps: enough for every name a
# file repeats, bounded so that a file of distinct cells keeps its memory (a
# remembered cell and its outcome take ~150 bytes).
_REMEMBERED = 1024


def _clean(value: str, limit: int, multiline: bool) -> str | TextError:
    """`clean_text`, its refusal returned rather than raised."""
    try:
        return clean_text(value, limit=limit, multiline=multiline)
    except TextError as error:
        return error


# A pure check of a cell's text: the same text gives the same outcome in every row.
_clean_repeated = lru_cache(maxsize=_REMEMBERED)(_clean)


@lru_cache(maxsize=_REMEMBERED)
def _kind_of(text: str) -> str | None:
    """`kind_for`, read once a distinct cell."""
    return kind_for(text)


@lru_cache(maxsize=_REMEMBERED)
def _towns_in(cell: str) -> tuple[str, ...]:
    """`split_towns`, once a distinct cell (a tuple: one result serves many rows)."""
    return tuple(split_towns(cell))


_Check = Callable[[str, int, bool], "str | TextError"]


def _text_columns(layout: Layout) -> list[tuple[str, int | None, int, _Check]]:
    """Each text column of TEXT_LIMITS: its key, its cell in a row of this layout,
    its longest text and its check (remembered by value for a column that
    repeats); worked out once a layout, not once a row."""
    columns = layout.text_columns
    if columns is None:
        columns = layout.text_columns = [
            (key, layout.index.get(key), limit, _clean_repeated if key in REPEATED else _clean)
            for key, limit in TEXT_LIMITS.items()
        ]
    return columns


@lru_cache(maxsize=8)
def _years(today: date) -> range:
    return years_handled(today)


@lru_cache(maxsize=4096)
def _date_of(text: str, today: date) -> date | DateError:
    """A date cell's text read once however many rows repeat it."""
    try:
        return parse_date(text, today=today)
    except DateError as error:
        return error


def _date_problem(error: DateError) -> Prose:
    """What is wrong with a date cell, in the words of a refused cell."""
    if error.problem is DateProblem.OUTSIDE_YEARS:
        return Prose(m.EN.IMPORT_OUTSIDE_YEARS, first=error.years[0], last=error.years[-1])
    return Prose(
        {
            DateProblem.NO_YEAR: m.EN.IMPORT_NO_YEAR,
            DateProblem.TWO_DIGIT_YEAR: m.EN.IMPORT_TWO_DIGIT_YEAR,
            DateProblem.NO_DAY: m.EN.IMPORT_NO_DAY,
            DateProblem.NO_MONTH_OR_DAY: m.EN.IMPORT_NO_DAY,
            DateProblem.NO_SUCH_DAY: m.EN.IMPORT_NO_SUCH_DAY,
        }.get(error.problem, m.EN.IMPORT_NOT_A_DATE)
    )


def _text(cell: Cell) -> str:
    if isinstance(cell, date):
        return cell.isoformat()
    # The ' that vanort's CSV puts before a cell that would start a formula
    # (=1+1, -x, @y) is not part of the text: it comes off again here.
    if cell[:1] == "'" and cell[1:2] in FORMULA_START:
        return cell[1:]
    return cell


def draft_row(
    number: int, cells: Sequence[Cell], layout: Layout, *, today: date
) -> Draft | Skip | list[Problem]:
    """One row of the file: a draft to match against the registry, a row to skip,
    or every problem the row has."""
    # Each cell's text worked out once; a plain text that opens with no ' is its
    # own text (a CSV file's every cell, as a rule).
    texts_of = [c if type(c) is str and c[:1] != "'" else _text(c) for c in cells]
    if not any(t.strip() for t in texts_of):
        return Skip(number, total_row=False)
    problems: list[Problem] = []
    beyond = [i for i in range(layout.width, len(cells)) if texts_of[i].strip()]
    if beyond:
        problems.append(Problem(number, Prose(m.EN.IMPORT_CELL_WITHOUT_COLUMN, cell=beyond[0] + 1)))
    width = len(cells)
    at = {key: cells[i] if i < width else "" for key, i in layout.index.items()}

    def raw(key: str) -> Cell:
        return at.get(key, "")

    if _is_total_row(texts_of):
        return Skip(number, total_row=True)

    def problem(key: str, text: Prose, value: Cell | None = None) -> None:
        shown = None if value is None else _text(value)
        problems.append(Problem(number, text, layout.label(key), shown))

    # A file's cells are plain text (a CSV's always): only a workbook's may be formulas.
    if UnsavedFormula in set(map(type, at.values())):
        for key in layout.index:
            if isinstance(raw(key), UnsavedFormula):
                problem(key, Prose(m.EN.IMPORT_UNSAVED_FORMULA), raw(key))
    if problems:
        return problems
    texts: dict[str, str | None] = {}
    for key, position, limit, check in _text_columns(layout):
        value = texts_of[position] if position is not None and position < width else ""
        if not value.strip():
            if key in REQUIRED_KEYS:
                problem(key, Prose(m.EN.IMPORT_REQUIRED_EMPTY))
            texts[key] = None
            continue
        cleaned = check(value, limit, key == "description")
        if isinstance(cleaned, TextError):
            problem(key, Prose(_TEXT_PROBLEMS[str(cleaned)], limit=limit), value)
            texts[key] = None
        else:
            texts[key] = cleaned
    years = _years(today)
    dates: dict[str, date | None] = {}
    for key in DATE_KEYS:
        cell = at.get(key, "")
        dates[key] = None
        if isinstance(cell, date):
            dates[key] = cell
        elif isinstance(cell, ExcelNumber) and _EXCEL_DAYS[0] <= cell.number <= _EXCEL_DAYS[1]:
            # A date cell formatted as General shows Excel's serial number of the day.
            dates[key] = date(1899, 12, 30) + timedelta(days=int(cell.number))
        elif text := cell.strip():
            found = _date_of(text, today)
            if isinstance(found, DateError):
                problem(key, _date_problem(found), cell)
            else:
                dates[key] = found
        day = dates[key]
        if day is not None and day.year not in years:
            # A workbook's own date cell is held to the years a typed one is.
            problem(key, Prose(m.EN.IMPORT_OUTSIDE_YEARS, first=years[0], last=years[-1]), day)
            dates[key] = None
    kind = "project"
    if texts["kind"] is not None:
        found_kind = _kind_of(texts["kind"])
        if found_kind is None:
            kinds = ", ".join(f"{sv} ({en})" for en, sv in kinds_in_swedish().items())
            problem("kind", Prose(m.EN.IMPORT_UNKNOWN_KIND, kinds=kinds), texts["kind"])
        else:
            kind = found_kind
    start, end = dates["start_date"] or today, dates["end_date"]
    if end is not None and end < start and dates["start_date"] is not None:
        problem("end_date", Prose(m.EN.IMPORT_END_BEFORE_START, start=Day(start)), end)
    elif end is not None and end < start:
        problem("end_date", Prose(m.EN.IMPORT_END_BEFORE_TODAY, today=Day(today)), end)
    reported_on = dates["reported_on"]
    if reported_on is not None and reported_on > today:
        problem("reported_on", Prose(m.EN.IMPORT_REPORTED_IN_FUTURE), reported_on)
    towns = list(_towns_in(texts["towns"] or ""))
    if texts["towns"] is not None and not towns:
        problem("towns", Prose(m.EN.IMPORT_REQUIRED_EMPTY))
    if problems:
        return problems
    assert texts["title"] and texts["organisation"] and texts["area"]
    return Draft(
        number=number,
        title=texts["title"],
        organisation=texts["organisation"],
        area=texts["area"],
        towns=towns,
        kind=kind,
        start_date=start,
        end_date=end,
        description=texts["description"],
        contact=texts["contact"],
        reported_by=texts["reported_by"],
        reported_on=reported_on,
    )


# The English (worded when shown): a module constant outlives the language of one command.
_TEXT_PROBLEMS = {
    "empty": m.EN.IMPORT_REQUIRED_EMPTY,
    "control": m.EN.IMPORT_TEXT_CONTROL,
    "not-a-character": m.EN.IMPORT_TEXT_NOT_A_CHARACTER,
    "too-long": m.EN.IMPORT_TEXT_TOO_LONG,
}


def _is_total_row(texts: Sequence[str]) -> bool:
    """Excel's total row: it opens with "Summa" or "Totalt", and holds nothing
    else but numbers (`texts`: the row's cells as text)."""
    filled = (t.strip() for t in texts)
    first = next((t for t in filled if t), None)
    # The opening word first: it rules out an ordinary row at one cell, cheaply,
    # and most rows at the cell's first character.
    if first is None or not _may_open_total(first[0]):
        return False
    if normalise(first).split(" ")[0] not in TOTAL_WORDS:
        return False
    return all(_is_number(v) for v in filled if v)


# Every start of a word of TOTAL_WORDS ("s", "su", "sum", ...).
_TOTAL_STARTS = frozenset(w[:n] for w in TOTAL_WORDS for n in range(1, len(w) + 1))


@lru_cache(maxsize=_REMEMBERED)
def _may_open_total(ch: str) -> bool:
    """Whether a cell that begins with `ch` may open with a word of TOTAL_WORDS.
    Folding is character by character, so a cell's folded first word begins with
    the word characters `ch` folds to: if they begin no total word, the cell's
    first word is none (a character that folds to no word character at all
    decides nothing)."""
    word = normalise(ch).split(" ")[0]
    return not word or word in _TOTAL_STARTS


def _is_number(text: str) -> bool:
    try:
        float(text.replace(" ", "").replace("\u00a0", "").replace(",", "."))
    except ValueError:
        return False
    return True


def place_at(place: str, number: int) -> str:
    """Where a row is, in the reader's language: `line 14` (a CSV file), `row 3` (a
    sheet), `item 2` (JSON); `rad 14`, `post 2` in Swedish."""
    where = {"line": m.IMPORT_PLACE_LINE, "item": m.IMPORT_PLACE_ITEM}.get(
        place, m.IMPORT_PLACE_ROW
    )
    return str(where.format(number=number))


def describe(problem: Problem, place: str) -> str:
    """One line for a problem, in the language of the moment:
    `line 14, Förvaltning/bolag 'Park och natur': ...` (the column as the file
    writes it)."""
    if problem.number is None:
        return str(m.IMPORT_HEADER_PROBLEM.format(problem=problem.text))
    at = place_at(place, problem.number)
    if problem.column is None:
        return f"{at}: {problem.text}"
    if problem.value is None:
        return f"{at}, {problem.column}: {problem.text}"
    value = "".join(ch if ch.isprintable() else "?" for ch in problem.value)
    value = value if len(value) <= 60 else value[:57] + "..."
    return f"{at}, {problem.column} '{value}': {problem.text}"
