"""Dates and numbers in sentences, as each language writes them (Babel).

Only prose uses these: tables and machine formats keep ISO 8601 dates and plain
numbers. Babel is imported here, on the first date or number in a sentence, so
that commands that write none do not pay for it."""

from __future__ import annotations

from datetime import date
from functools import cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from babel import Locale

# Babel's locale for each language vanort speaks.
LOCALES = {"sv": "sv_SE", "en": "en_GB"}


@cache
def _locale(code: str) -> Locale:
    from babel import Locale

    return Locale.parse(LOCALES.get(code, "en_GB"))


def long_date(day: date, code: str) -> str:
    """1 mars 2026 / 1 March 2026."""
    from babel.dates import format_date

    return str(format_date(day, format="long", locale=_locale(code)))


def number(value: int | float, code: str) -> str:
    """1 234 (a no-break space) / 1,234."""
    if isinstance(value, int) and -1000 < value < 1000:
        return str(value)  # the same in every language, and Babel is not imported
    from babel.numbers import format_decimal

    return str(format_decimal(value, locale=_locale(code)))


def and_list(items: list[str], code: str) -> str:
    """Names in a sentence: "Åbo, Bergen och Århus", "Turku, Bergen and Aarhus"."""
    if len(items) < 2:
        return "".join(items)
    from babel.lists import format_list

    return str(format_list(items, style="standard", locale=_locale(code)))
