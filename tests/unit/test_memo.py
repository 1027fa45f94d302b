"""Dates as the memos write them, in Swedish and in English."""

from __future__ import annotations

from datetime import date

import pytest

from vanort_cli import i18n
from vanort_cli.reports.words import prose_date, prose_dates


@pytest.fixture(autouse=True)
def _swedish(monkeypatch: pytest.MonkeyPatch) -> None:
    """Dates in Swedish, as the City writes them, unless a test asks for English."""
    monkeypatch.setenv("VANORT_LANG", "sv")
    i18n.set_language("sv")


@pytest.fixture
def english(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("VANORT_LANG", "en")
    i18n.set_language("en")


@pytest.mark.parametrize(
    ("start", "end", "text"),
    [
        (date(2026, 3, 1), None, "1 mars 2026"),
        (date(2026, 3, 1), date(2026, 3, 1), "1 mars 2026"),
        (date(2025, 9, 10), date(2025, 9, 12), "10–12 september 2025"),
        (date(2025, 8, 30), date(2025, 9, 2), "30 augusti–2 september 2025"),
        (date(2025, 12, 30), date(2026, 1, 2), "30 december 2025–2 januari 2026"),
    ],
)
def test_swedish_dates(start: date, end: date | None, text: str) -> None:
    assert prose_dates(start, end) == text
    assert prose_date(date(2026, 5, 17)) == "17 maj 2026"


@pytest.mark.parametrize(
    ("start", "end", "text"),
    [
        (date(2026, 3, 1), None, "1 March 2026"),
        (date(2025, 9, 10), date(2025, 9, 12), "10–12 September 2025"),
        (date(2025, 8, 30), date(2025, 9, 2), "30 August–2 September 2025"),
        (date(2025, 12, 30), date(2026, 1, 2), "30 December 2025–2 January 2026"),
    ],
)
def test_english_dates(english: None, start: date, end: date | None, text: str) -> None:
    assert prose_dates(start, end) == text
