"""The one rule of "active in a period" (domain.collaborations.active_in_period)."""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import given
from hypothesis import strategies as st

from vanort_cli.domain.collaborations import active_in_period

days = st.dates(min_value=date(2020, 1, 1), max_value=date(2020, 3, 31))


@given(start=days, length=st.none() | st.integers(0, 60), first=days, span=st.integers(0, 60))
def test_active_when_some_day_of_the_period_is_a_day_of_the_collaboration(
    start: date, length: int | None, first: date, span: int
) -> None:
    end = None if length is None else start + timedelta(days=length)
    last = first + timedelta(days=span)
    period = [first + timedelta(days=n) for n in range(span + 1)]
    shared = any(start <= day and (end is None or day <= end) for day in period)
    assert active_in_period(start, end, first, last) == shared


@given(
    start=st.dates(min_value=date(2000, 1, 1), max_value=date(2030, 12, 31)),
    length=st.none() | st.integers(0, 4000),
    year=st.integers(1999, 2031),
)
def test_on_years_it_is_the_rule_on_the_years_first_and_last_days(
    start: date, length: int | None, year: int
) -> None:
    end = None if length is None else start + timedelta(days=length)
    by_days = active_in_period(start, end, date(year, 1, 1), date(year, 12, 31))
    by_years = active_in_period(start.year, None if end is None else end.year, year, year)
    assert by_days == by_years
