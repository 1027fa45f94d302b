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


class DateError(ValueError):
    """A text that is not a whole calendar date."""


def parse_date(text: str) -> date:
    """Read a date: ISO 8601 (`2027-03-16`) or another full date that dateutil
    reads (`16 March 2027`, `16/3/2027`: day before month, as in Sweden).

    Year, month and day must all be given: `2027` alone is not a date.
    """
    cleaned = text.strip()
    if not cleaned or len(cleaned) > 64:
        raise DateError(text)
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
