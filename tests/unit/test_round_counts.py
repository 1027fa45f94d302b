"""`round show` and `round list`'s counts (domain/rounds.py count_answers), property-tested."""

from datetime import date

from hypothesis import given
from hypothesis import strategies as st

from vanort_cli.domain.rounds import Asked, count_answers, summarise

days = st.one_of(st.none(), st.dates(min_value=date(2020, 1, 1), max_value=date(2030, 12, 31)))
asked = st.builds(
    Asked,
    organisation=st.text(min_size=1, max_size=8),
    asked_on=days,
    reminded_on=days,
    answered_on=days,
    answer=st.sampled_from([None, "collaborations", "nothing"]),
    collaborations=st.integers(0, 5),
    late=st.booleans(),
)


@given(st.lists(asked, max_size=40))
def test_every_organisation_asked_is_counted_under_exactly_one_answer(rows: list[Asked]) -> None:
    counts = count_answers(rows)
    assert counts.asked == len(rows)
    assert (
        counts.answered_with_collaborations + counts.answered_nothing + counts.did_not_answer
        == counts.asked
    )
    assert counts.late == sum(row.late for row in rows)
    assert 0 <= counts.late <= counts.asked


@given(st.lists(asked, max_size=40, unique_by=lambda row: row.organisation))
def test_the_counts_are_the_lengths_of_the_reports_lists(rows: list[Asked]) -> None:
    # The round's counts and the annual report's lists (summarise) never disagree.
    counts = count_answers(rows)
    summary = summarise([(row.organisation, row.answer) for row in rows])
    assert counts.answered_with_collaborations == len(summary.answered_with_collaborations)
    assert counts.answered_nothing == len(summary.answered_nothing)
    assert counts.did_not_answer == len(summary.did_not_answer)


def test_an_empty_round_counts_nothing() -> None:
    counts = count_answers([])
    assert (counts.asked, counts.did_not_answer, counts.late) == (0, 0, 0)
