"""Reading the dates and years people type."""

from __future__ import annotations

import re
from datetime import date, datetime
from typing import Final

from dateutil import parser as dateutil_parser

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
# Dates outside these years are typing mistakes in a registry of living relations.
_PLAUSIBLE_YEARS: Final = range(1900, 3000)


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
_WORD: Final = re.compile(r"[^\W\d_]+")
_DIGIT_RUN: Final = re.compile(r"\d+")
_COMPACT: Final = re.compile(r"^\d{8}$")
# A sign before a number (`-2026-01-01`, `+2026-01-01`, `1/-3/2026`), or a dash
# left hanging at the end: dateutil reads past them as separators, so
# `-2026-01-01` would be stored as 2026-01-01. A date has no sign.
_SIGN: Final = "+\\-\u2212\u2010-\u2015"  # plus, hyphen-minus, minus, the Unicode dashes
_SIGNED: Final = re.compile(rf"^[{_SIGN}]|[^\w][{_SIGN}]\d|[{_SIGN}]$")


class DateError(ValueError):
    """A text that is not a whole calendar date."""

    def __init__(self, text: str, *, two_digit_year: bool = False) -> None:
        super().__init__(text)
        self.two_digit_year = two_digit_year


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


def parse_date(text: str) -> date:
    """Read a date: ISO 8601 (`2026-03-01`), `20260301`, `1/3/2026` (day before
    month, as in Sweden), `1 mars 2026` or `1 March 2026`.

    Year, month and day must all be given (`2027` alone is not a date), and
    the year in full: a two-digit year is refused, never guessed.
    """
    cleaned = text.strip()
    if not cleaned or len(cleaned) > 64 or _SIGNED.search(cleaned):
        raise DateError(text)
    if not _has_full_year(cleaned):
        raise DateError(text, two_digit_year=bool(_DIGIT_RUN.search(cleaned)))
    cleaned = _english_months(cleaned)
    iso = _ISO_LIKE.match(cleaned)
    if iso:
        try:
            parsed = date(*(int(part) for part in iso.groups()))
        except (ValueError, OverflowError) as error:
            raise DateError(text) from error
        if parsed.year not in _PLAUSIBLE_YEARS:
            raise DateError(text)
        return parsed
    year_first = bool(_YEAR_FIRST.match(cleaned))
    try:
        first: datetime = dateutil_parser.parse(
            cleaned, default=_DEFAULT_A, yearfirst=year_first, dayfirst=not year_first
        )
        second: datetime = dateutil_parser.parse(
            cleaned, default=_DEFAULT_B, yearfirst=year_first, dayfirst=not year_first
        )
    except (ValueError, OverflowError, TypeError) as error:
        raise DateError(text) from error
    if first.date() != second.date() or first.year not in _PLAUSIBLE_YEARS:
        raise DateError(text)
    return first.date()


def year_in_range(year: int, today: date) -> bool:
    """Whether `year` can be a twin-town year: from 1946 to a century ahead."""
    return FIRST_YEAR <= year <= today.year + YEARS_AHEAD_LIMIT
