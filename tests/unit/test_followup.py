"""The evaluation duty (P11) and the preparation timeline (P6) as pure rules."""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import given
from hypothesis import strategies as st

from vanort_cli.domain.followup import (
    PreparationStep,
    evaluation_due,
    evaluation_status,
    meeting_settled,
    preparation_timeline,
)

DAYS = st.dates(date(1946, 1, 1), date(2120, 12, 31))


def test_evaluation_counts_from_the_end_else_the_start_else_new_years_eve() -> None:
    assert evaluation_due(2025, date(2025, 9, 1), date(2025, 9, 2), 180) == date(2026, 3, 1)
    assert evaluation_due(2025, date(2025, 9, 1), None, 10) == date(2025, 9, 11)
    assert evaluation_due(2025, None, None, 180) == date(2025, 12, 31) + timedelta(days=180)


@given(
    st.integers(1946, 2100),
    st.one_of(st.none(), DAYS),
    st.integers(0, 2000),
    DAYS,
    st.one_of(st.none(), DAYS),
)
def test_evaluation_status_rules(
    year: int, ended: date | None, days: int, today: date, done_on: date | None
) -> None:
    due = evaluation_due(year, None, ended, days)
    assert due >= (ended or date(year, 12, 31))
    status = evaluation_status(due, done_on, today)
    if done_on is not None:
        assert status == "done"
    else:
        assert status == ("overdue" if today > due else "due")


STEPS = st.lists(
    st.builds(
        PreparationStep,
        key=st.text("abcdefgh", min_size=1, max_size=6),
        name=st.just("n"),
        name_sv=st.just("n"),
        days_before=st.integers(0, 400),
    ),
    max_size=8,
    unique_by=lambda s: s.key,
)


@given(STEPS, st.one_of(st.none(), DAYS), DAYS, st.data(), st.booleans())
def test_timeline_is_earliest_first_and_before_the_meeting(
    steps: list[PreparationStep],
    start: date | None,
    today: date,
    data: st.DataObject,
    settled: bool,
) -> None:
    done_keys = data.draw(st.sets(st.sampled_from([s.key for s in steps]))) if steps else set()
    timeline = preparation_timeline(
        steps, start, {k: today for k in done_keys}, today, settled=settled
    )
    assert sorted(s.step for s in timeline) == sorted(s.key for s in steps)
    for step in timeline:
        if step.step in done_keys:
            assert step.status == "done"
        elif settled:
            # A held or cancelled meeting's open step is nobody's task: never late.
            assert step.status == "not-applicable"
        elif start is None:
            assert step.status == "undated" and step.due is None
        else:
            assert step.due is not None and step.due <= start
            assert step.status == ("late" if today > step.due else "upcoming")
    dues = [s.due for s in timeline if s.due is not None]
    assert dues == sorted(dues)


@given(
    st.sampled_from(["held", "planned", "postponed", "cancelled", None]),
    st.one_of(st.none(), st.integers(1946, 2100)),
)
def test_only_a_meeting_that_is_over_or_will_not_be_held_is_settled(
    status: str | None, rescheduled_to: int | None
) -> None:
    settled = meeting_settled(status, rescheduled_to)
    if status in ("held", "cancelled"):
        assert settled
    elif status == "postponed":
        # Postponed with a new year: that year's record is prepared instead.
        assert settled == (rescheduled_to is not None)
    else:
        assert not settled
