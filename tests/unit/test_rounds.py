"""The reporting round's pure rules (domain/rounds.py), property-tested."""

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from vanort_cli.domain.rounds import (
    Asked,
    existed_in,
    is_late,
    read_since,
    since_first_day,
    status_order,
    summarise,
)

days = st.dates(min_value=date(1946, 1, 1), max_value=date(2100, 12, 31))
years = st.integers(min_value=1946, max_value=2100)


@pytest.mark.parametrize(
    ("text", "stored", "first"),
    [
        ("2021", "2021", date(2021, 1, 1)),
        ("2021-10", "2021-10", date(2021, 10, 1)),
        ("2021-10-15", "2021-10-15", date(2021, 10, 15)),
        (" 2023 ", "2023", date(2023, 1, 1)),
    ],
)
def test_a_start_keeps_the_precision_it_was_given(text: str, stored: str, first: date) -> None:
    assert read_since(text) == stored
    assert since_first_day(stored) == first


@pytest.mark.parametrize("text", ["21", "2021-1", "2021-13", "2021-02-30", "2021/10", "okt 2021"])
def test_a_start_that_is_no_date_is_refused(text: str) -> None:
    with pytest.raises(ValueError):
        read_since(text)


@given(days, st.sampled_from([4, 7, 10]))
def test_every_precision_of_a_day_reads_back(day: date, length: int) -> None:
    text = day.isoformat()[:length]
    assert read_since(text) == text
    assert since_first_day(text) <= day


@given(years, st.one_of(st.none(), days), st.one_of(st.none(), days))
def test_an_organisation_exists_in_the_years_of_its_lifespan(
    year: int, start: date | None, end: date | None
) -> None:
    since = start.isoformat()[:4] if start else None
    exists = existed_in(year, since=since, retired_on=end)
    assert exists == ((start is None or start.year <= year) and (end is None or end.year >= year))


@given(years)
def test_an_unknown_start_is_before_any_year_asked_about(year: int) -> None:
    assert existed_in(year, since=None, retired_on=None)


@given(days, st.one_of(st.none(), days), days)
def test_late_is_after_the_deadline(deadline: date, answered: date | None, today: date) -> None:
    late = is_late(deadline=deadline, answered_on=answered, today=today)
    assert late == ((answered or today) > deadline)
    assert not is_late(deadline=deadline, answered_on=deadline, today=deadline + timedelta(9))


@given(days, st.one_of(st.none(), days), days, days)
def test_a_closed_round_makes_the_silent_and_the_answers_after_it_late(
    deadline: date, answered: date | None, today: date, closed: date
) -> None:
    late = is_late(deadline=deadline, answered_on=answered, today=today, closed_on=closed)
    if answered is None:
        assert late
    else:
        assert late == (answered > min(deadline, closed))


asked = st.builds(
    Asked,
    organisation=st.sampled_from(["Kulturförvaltningen", "Älvstranden", "Higab", "Park"]),
    asked_on=st.none(),
    reminded_on=st.none(),
    answered_on=st.none(),
    answer=st.sampled_from([None, "collaborations", "nothing"]),
    collaborations=st.integers(0, 5),
    late=st.booleans(),
)


@given(st.lists(asked, max_size=12))
def test_the_late_come_first_and_nothing_is_lost(rows: list[Asked]) -> None:
    ordered = status_order(rows)
    assert sorted(map(repr, ordered)) == sorted(map(repr, rows))
    lates = [row.late for row in ordered]
    assert lates == sorted(lates, reverse=True)


def test_names_sort_as_in_swedish_within_a_group() -> None:
    rows = [
        Asked(name, None, None, None, None, 0, True) for name in ["Älvstranden", "Higab", "Ö", "Å"]
    ]
    assert [r.organisation for r in status_order(rows)] == ["Higab", "Å", "Älvstranden", "Ö"]


@given(
    st.lists(
        st.tuples(
            st.text(min_size=1, max_size=5), st.sampled_from([None, "collaborations", "nothing"])
        )
    )
)
def test_the_summary_puts_each_organisation_under_its_answer(rows: list) -> None:  # type: ignore[type-arg]
    summary = summarise(rows)
    assert set(summary.answered_with_collaborations) == {
        n for n, a in rows if a == "collaborations"
    }
    assert set(summary.answered_nothing) == {n for n, a in rows if a == "nothing"}
    assert set(summary.did_not_answer) == {n for n, a in rows if a is None}
