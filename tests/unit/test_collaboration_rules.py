"""The pure rules of collaborations: titles folded for comparison, and what a town
that left still takes (the rules through the CLI: tests/test_collaboration_rules.py)."""

from __future__ import annotations

import string
from datetime import date, timedelta

from hypothesis import given
from hypothesis import strategies as st

from vanort_cli.domain.collaborations import (
    Departure,
    TownDecisionFact,
    departure,
    fold_title,
    reaches_past,
    standing_on,
)


@given(
    st.text(max_size=20), st.text(string.ascii_lowercase + string.digits, min_size=1, max_size=3)
)
def test_titles_fold_like_names_and_stay_apart_when_they_differ_in_letters(
    title: str, word: str
) -> None:
    # Case never makes two titles, whichever way the letters are turned...
    assert fold_title(title.upper()) == fold_title(title.lower()) == fold_title(title)
    # ... and a word more always does.
    assert fold_title(f"{title} {word}") != fold_title(title)


@given(
    start=st.dates(date(1950, 1, 1), date(2050, 12, 31)),
    left=st.dates(date(1950, 1, 1), date(2050, 12, 31)),
    status=st.sampled_from(["retired", "ended"]),
)
def test_a_town_that_left_is_refused_only_for_what_starts_after(
    start: date, left: date, status: str
) -> None:
    action = "retire" if status == "retired" else "status"
    decisions = [
        TownDecisionFact("establish", "active", None),
        TownDecisionFact(action, status, left),
    ]
    gone = departure(kind="x", status=status, decisions=decisions, rotation_until_year=None)
    assert gone == Departure(True, left)
    assert standing_on(start, status, gone) == ("left" if start > left else "ok")
    assert standing_on(left, status, gone) == "ok"
    assert standing_on(left + timedelta(days=1), status, gone) == "left"


@given(start=st.dates(date(1950, 1, 1), date(2050, 12, 31)))
def test_active_and_dormant_towns_never_refuse(start: date) -> None:
    for status, expected in (("active", "ok"), ("dormant", "dormant")):
        here = departure(kind="partner", status=status, decisions=[], rotation_until_year=None)
        assert standing_on(start, status, here) == expected


def test_a_retired_town_without_a_dated_decision_left_at_the_end_of_its_last_year() -> None:
    dated = departure(kind="twin", status="retired", decisions=[], rotation_until_year=2030)
    assert dated == Departure(True, date(2030, 12, 31))
    unknown = departure(kind="twin", status="retired", decisions=[], rotation_until_year=None)
    assert standing_on(date(1990, 1, 1), "retired", unknown) == "left_undated"


DAYS = st.dates(date(1950, 1, 1), date(2050, 12, 31))


@given(start=DAYS, length=st.one_of(st.none(), st.integers(0, 5000)), last_day=DAYS)
def test_a_collaboration_reaches_past_a_day_unless_it_is_over_by_then(
    start: date, length: int | None, last_day: date
) -> None:
    end = None if length is None else start + timedelta(days=length)
    past = reaches_past(start, end, last_day)
    # Ongoing: it goes on after any day; ended: exactly when its last day is later.
    assert past == (end is None or end > last_day)
    if past and end is not None:
        # Ending it on the day its party left settles it, whenever it started
        # (a start after that day is a record to correct: still flagged).
        assert reaches_past(start, last_day, last_day) == (start > last_day)
    # Consistent with the rule at logging: what starts after the day always reaches past.
    if start > last_day:
        assert past
