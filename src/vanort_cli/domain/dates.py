"""Reading the dates and years people type."""

from __future__ import annotations

import enum
import re
from datetime import date, datetime
from typing import Final

FIRST_YEAR: Final = 1946  # the Nordic twin-town cooperation began in 1946 (P1)
YEARS_AHEAD_LIMIT: Final = 100  # a year further ahead than this is a typo, not a plan

# Two different defaults: a component that the text leaves out takes the
# default's value, so if the two parses differ the text did not say it.
_DEFAULT_A: Final = datetime(2001, 1, 1)
_DEFAULT_B: Final = datetime(2002, 2, 2)
# Year first with dashes is ISO 8601 and read strictly as year-month-day:
# dateutil would otherwise read 2027-13-01 as the 13th of January.
_ISO_LIKE: Final = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
# Any other text that starts with a four-digit year is read year-month-day too.
_YEAR_FIRST: Final = re.compile(r"^\d{4}(\D|\d{4}$)")


# Swedish month names and their usual abbreviations, for dateutil's English parser.
_SWEDISH_MONTHS: Final = {
    "januari": "January",
    "februari": "February",
    "mars": "March",
    "april": "April",
    "maj": "May",
    "juni": "June",
    "juli": "July",
    "augusti": "August",
    "september": "September",
    "oktober": "October",
    "november": "November",
    "december": "December",
    "okt": "Oct",
}
_MONTH_WORDS: Final = frozenset(
    [*_SWEDISH_MONTHS, *(name.lower() for name in _SWEDISH_MONTHS.values())]
    + [name.lower()[:3] for name in _SWEDISH_MONTHS.values()]
)
_WORD: Final = re.compile(r"[^\W\d_]+")
_DIGIT_RUN: Final = re.compile(r"\d+")
_COMPACT: Final = re.compile(r"^\d{8}$")
# A sign before a number (`-2026-01-01`, `+2026-01-01`, `1/-3/2026`), or a dash
# left hanging at the end: dateutil reads past them as separators, so
# `-2026-01-01` would be stored as 2026-01-01. A date has no sign.
_SIGN: Final = "+\\-\u2212\u2010-\u2015"  # plus, hyphen-minus, minus, the Unicode dashes
_SIGNED: Final = re.compile(rf"^[{_SIGN}]|[^\w][{_SIGN}]\d|[{_SIGN}]$")


class DateProblem(enum.Enum):
    """What is wrong with a text that is not a date, so that the refusal names it."""

    NOT_A_DATE = "not_a_date"  # a formula, a word, a number that is no date
    NO_YEAR = "no_year"  # `1 mars`, `12/03`
    TWO_DIGIT_YEAR = "two_digit_year"  # `26-03-01`: never guessed
    NO_DAY = "no_day"  # `mars 2026`
    NO_MONTH_OR_DAY = "no_month_or_day"  # `2026`
    NO_SUCH_DAY = "no_such_day"  # `2026-02-30`, `2026-13-01`
    OUTSIDE_YEARS = "outside_years"  # `1800-01-01`: a typing mistake, not a twin-town day


class DateError(ValueError):
    """A text that is not a whole calendar date, and why."""

    def __init__(
        self, text: str, problem: DateProblem = DateProblem.NOT_A_DATE, *, years: range = range(0)
    ) -> None:
        super().__init__(text)
        self.problem = problem
        self.years = years  # the years handled, said when the date is outside them

    @property
    def two_digit_year(self) -> bool:
        return self.problem is DateProblem.TWO_DIGIT_YEAR


def years_handled(today: date) -> range:
    """The years vanort handles, for dates and years alike: from 1946, when the
    Nordic twin-town cooperation began (P1), to a century after today."""
    return range(FIRST_YEAR, today.year + YEARS_AHEAD_LIMIT + 1)


def _without_year(text: str) -> DateProblem:
    """Why a text with no four-digit year is refused: it has no year at all
    (`1 mars`, `12/03`), or one in two digits (`26-03-01`, `1 mars 26`, `260301`)."""
    runs = _DIGIT_RUN.findall(text)
    if not runs or any(len(run) == 3 or len(run) > 8 for run in runs):
        return DateProblem.NOT_A_DATE
    if any(len(run) in (6, 8) for run in runs):
        return DateProblem.TWO_DIGIT_YEAR if len(runs) == 1 else DateProblem.NOT_A_DATE
    if any(len(run) > 2 for run in runs):
        return DateProblem.NOT_A_DATE
    month_named = any(w.lower() in _MONTH_WORDS for w in _WORD.findall(text))
    parts = len(runs) + month_named
    if parts >= 3:
        return DateProblem.TWO_DIGIT_YEAR
    return DateProblem.NO_YEAR


def _has_full_year(text: str) -> bool:
    """Whether the year is written with four digits.

    `26-03-01` could be 2026-03-01, 2001-03-26 or 1926; a registry of
    relations since 1946 must not guess, so a date needs one four-digit run
    (the year), or is the compact form YYYYMMDD, and nothing longer than a
    day or a month besides.
    """
    date_part = text.split("T", 1)[0] if _ISO_LIKE.match(text.split("T", 1)[0]) else text
    if _COMPACT.match(date_part):
        return True
    runs = [len(run) for run in _DIGIT_RUN.findall(date_part)]
    return runs.count(4) == 1 and all(n in (1, 2, 4) for n in runs)


def _english_months(text: str) -> str:
    """`1 mars 2026` -> `1 March 2026`; `den 1 maj 2026` -> `1 May 2026`."""
    words = _WORD.sub(lambda w: _SWEDISH_MONTHS.get(w.group().lower(), w.group()), text)
    return re.sub(r"(?i)^den\s+", "", words)


def parse_date(text: str, *, today: date) -> date:
    """Read a date: ISO 8601 (`2026-03-01`), `20260301`, `1/3/2026` (day before
    month, as in Sweden), `1 mars 2026` or `1 March 2026`.

    Year, month and day must all be given (`2027` alone is not a date), and
    the year in full: a two-digit year is refused, never guessed. The year must
    be one vanort handles (`years_handled(today)`). A refusal says which of
    these the text fails (`DateError.problem`).
    """
    years = years_handled(today)
    cleaned = text.strip()
    # `=TODAY()` and the like: a spreadsheet's formula is not a date, whatever it computes.
    if not cleaned or len(cleaned) > 64 or _SIGNED.search(cleaned) or cleaned[0] in "=@+":
        raise DateError(text)
    if not _has_full_year(cleaned):
        raise DateError(text, _without_year(cleaned))
    cleaned = _english_months(cleaned)
    iso = _ISO_LIKE.match(cleaned)
    if iso:
        try:
            parsed = date(*(int(part) for part in iso.groups()))
        except (ValueError, OverflowError) as error:
            raise DateError(text, DateProblem.NO_SUCH_DAY) from error
        return _within(parsed, text, years)
    # dateutil only when a date is not ISO: the year limits are read by every command.
    from dateutil import parser as dateutil_parser

    year_first = bool(_YEAR_FIRST.match(cleaned))
    try:
        first: datetime = dateutil_parser.parse(
            cleaned, default=_DEFAULT_A, yearfirst=year_first, dayfirst=not year_first
        )
        second: datetime = dateutil_parser.parse(
            cleaned, default=_DEFAULT_B, yearfirst=year_first, dayfirst=not year_first
        )
    except (ValueError, OverflowError, TypeError) as error:
        # dateutil says "day is out of range for month" or "month must be in 1..12"
        # of a date whose parts are all there but name no day of the calendar.
        said = str(error)
        impossible = "out of range" in said or "must be in" in said
        problem = DateProblem.NO_SUCH_DAY if impossible else DateProblem.NOT_A_DATE
        raise DateError(text, problem) from error
    if first.year != second.year:
        raise DateError(text)
    if first.month != second.month:
        raise DateError(text, DateProblem.NO_MONTH_OR_DAY)
    if first.day != second.day:
        raise DateError(text, DateProblem.NO_DAY)
    return _within(first.date(), text, years)


def _within(day: date, text: str, years: range) -> date:
    if day.year not in years:
        raise DateError(text, DateProblem.OUTSIDE_YEARS, years=years)
    return day


def year_in_range(year: int, today: date) -> bool:
    """Whether `year` can be a twin-town year: from 1946 to a century ahead."""
    return year in years_handled(today)
