"""The rotation calculator (P2, P6): the README's rules, then properties over random worlds."""

from __future__ import annotations

import itertools
from datetime import date

from hypothesis import given, settings
from hypothesis import strategies as st

from vanort_cli.domain.rotation import (
    NOT_TAKING_PLACE,
    RecordedMeeting,
    RotationTown,
    hosting_cycle_years,
    next_meeting,
    schedule,
)

FOUR = [
    RotationTown("goteborg", 1),
    RotationTown("turku", 2),
    RotationTown("bergen", 3),
    RotationTown("aarhus", 4),
]
TODAY = date(2026, 11, 27)


def hosts(entries: list, first: int | None = None) -> dict[int, str]:
    return {e.year: e.host for e in entries if first is None or e.year >= first}


def test_computed_years_follow_the_order_after_the_latest_anchor() -> None:
    recorded = [RecordedMeeting(2017, "goteborg", "held")]
    got = hosts(schedule(FOUR, recorded, 2017, 2033, TODAY))
    assert got == {
        2017: "goteborg",
        2019: "turku",
        2021: "bergen",
        2023: "aarhus",
        2025: "goteborg",
        2027: "turku",
        2029: "bergen",
        2031: "aarhus",
        2033: "goteborg",
    }


def test_gothenburg_hosts_every_eighth_year_with_four_towns() -> None:
    recorded = [RecordedMeeting(2017, "goteborg", "held")]
    years = [e.year for e in schedule(FOUR, recorded, 2017, 2060, TODAY) if e.host == "goteborg"]
    assert [b - a for a, b in itertools.pairwise(years)] == [8] * (len(years) - 1)
    assert hosting_cycle_years(FOUR, 2030) == 8


def test_a_postponed_meeting_never_anchors_the_cycle() -> None:
    """2021 Bergen postponed to 2022: the cycle continues two years after the real meeting."""
    recorded = [
        RecordedMeeting(2019, "turku", "held"),
        RecordedMeeting(2021, "bergen", "postponed"),
        RecordedMeeting(2022, "bergen", "held"),
    ]
    entries = schedule(FOUR, recorded, 2019, 2030, TODAY)
    assert [(e.year, e.host, e.status) for e in entries] == [
        (2019, "turku", "held"),
        (2021, "bergen", "postponed"),
        (2022, "bergen", "held"),
        (2024, "aarhus", "unrecorded"),
        (2026, "goteborg", "expected"),
        (2028, "turku", "expected"),
        (2030, "bergen", "expected"),
    ]


def test_a_cancelled_meeting_passes_the_turn_and_keeps_the_years() -> None:
    recorded = [RecordedMeeting(2027, "turku", "cancelled")]
    entries = schedule(FOUR, recorded, 2027, 2031, TODAY)
    assert [(e.year, e.host, e.status) for e in entries] == [
        (2027, "turku", "cancelled"),
        (2029, "bergen", "expected"),
        (2031, "aarhus", "expected"),
    ]


def test_a_recorded_meeting_overrides_the_computed_one() -> None:
    recorded = [RecordedMeeting(2017, "goteborg", "held"), RecordedMeeting(2019, "bergen", "held")]
    got = hosts(schedule(FOUR, recorded, 2017, 2023, TODAY))
    assert got == {2017: "goteborg", 2019: "bergen", 2021: "aarhus", 2023: "goteborg"}


def test_years_before_the_first_record_are_computed_backwards() -> None:
    recorded = [RecordedMeeting(2013, "bergen", "held")]
    got = hosts(schedule(FOUR, recorded, 2007, 2013, TODAY))
    assert got == {2007: "aarhus", 2009: "goteborg", 2011: "turku", 2013: "bergen"}


def test_nothing_is_guessed_without_a_record() -> None:
    assert schedule(FOUR, [], 2000, 2040, TODAY) == []
    assert next_meeting(FOUR, [], TODAY, "goteborg") is None


def test_next_meeting_is_this_years_until_it_has_ended() -> None:
    recorded = [
        RecordedMeeting(2025, "goteborg", "held"),
        RecordedMeeting(2027, "turku", "planned", date(2027, 9, 14), date(2027, 9, 15)),
    ]
    during = next_meeting(FOUR, recorded, date(2027, 9, 15), "goteborg")
    after = next_meeting(FOUR, recorded, date(2027, 9, 16), "goteborg")
    assert during is not None and during.meeting.year == 2027
    assert after is not None and after.meeting.year == 2029 and after.meeting.host == "bergen"
    assert after.home_next is not None and after.home_next.year == 2033


# -- properties over random worlds -------------------------------------------------

KEYS = ["goteborg", "turku", "bergen", "aarhus", "kiel", "tallinn", "reykjavik", "odense"]


@st.composite
def rotations(draw: st.DrawFn) -> list[RotationTown]:
    """1 to 8 towns, Göteborg always among them, in a random rotation order."""
    count = draw(st.integers(min_value=1, max_value=len(KEYS)))
    keys = ["goteborg", *draw(st.permutations(KEYS[1:]))[: count - 1]]
    positions = draw(st.permutations(list(range(1, count + 1))))
    return [RotationTown(k, p) for k, p in zip(keys, positions, strict=True)]


@st.composite
def histories(draw: st.DrawFn, towns: list[RotationTown]) -> list[RecordedMeeting]:
    years = draw(st.lists(st.integers(1990, 2040), min_size=1, max_size=8, unique=True))
    statuses = st.sampled_from(["held", "planned", "postponed", "cancelled"])
    return [
        RecordedMeeting(y, draw(st.sampled_from([t.key for t in towns])), draw(statuses))
        for y in years
    ]


@given(
    rotations(),
    st.integers(1990, 2040),
    st.sampled_from(["held", "planned", "cancelled"]),
    st.data(),
)
def test_from_an_anchor_every_second_year_one_meeting_and_each_town_once_a_cycle(
    towns: list[RotationTown], anchor_year: int, status: str, data: st.DataObject
) -> None:
    host = data.draw(st.sampled_from([t.key for t in towns]))
    n = len(towns)
    recorded = [RecordedMeeting(anchor_year, host, status)]  # type: ignore[arg-type]
    entries = schedule(towns, recorded, anchor_year, anchor_year + 2 * n * 3, TODAY)
    years = [e.year for e in entries]
    assert years == list(range(anchor_year, anchor_year + 2 * n * 3 + 1, 2))
    for start in range(0, len(entries) - n + 1):
        window = [e.host for e in entries[start : start + n]]
        assert sorted(window) == sorted(t.key for t in towns)
    home_years = [e.year for e in entries if e.host == "goteborg"]
    assert all(b - a == 2 * n for a, b in itertools.pairwise(home_years))
    assert hosting_cycle_years(towns, anchor_year) == 2 * n


@settings(max_examples=200)
@given(rotations(), st.data(), st.dates(date(1995, 1, 1), date(2045, 12, 31)))
def test_next_meeting_agrees_with_the_schedule(
    towns: list[RotationTown], data: st.DataObject, today: date
) -> None:
    recorded = data.draw(histories(towns))
    answer = next_meeting(towns, recorded, today, "goteborg")
    horizon = max(today.year, *(m.year for m in recorded)) + 4 * len(towns) + 8
    upcoming = [
        e
        for e in schedule(towns, recorded, today.year, horizon, today)
        if e.status not in NOT_TAKING_PLACE and not e.has_ended(today)
    ]
    if not any(m.anchors for m in recorded) and not upcoming:
        assert answer is None
        return
    assert answer is not None
    assert answer.meeting == upcoming[0]
    assert answer.meeting.year >= today.year
    home = [e for e in upcoming if e.host == "goteborg"]
    assert answer.home_next == (home[0] if home else None)


@settings(max_examples=200)
@given(rotations(), st.data(), st.integers(1990, 2040), st.integers(0, 40))
def test_schedule_years_are_unique_recorded_ones_win_and_gaps_are_two_after_anchors(
    towns: list[RotationTown], data: st.DataObject, first: int, span: int
) -> None:
    recorded = data.draw(histories(towns))
    last = first + span
    entries = schedule(towns, recorded, first, last, TODAY)
    years = [e.year for e in entries]
    assert years == sorted(set(years))
    assert all(first <= y <= last for y in years)
    by_year = {m.year: m for m in recorded}
    for entry in entries:
        if entry.year in by_year:
            assert entry.source == "recorded" and entry.host == by_year[entry.year].host
        else:
            assert entry.source == "rotation"
            assert entry.status == ("expected" if entry.year >= TODAY.year else "unrecorded")
    latest = max((m.year for m in recorded if m.anchors), default=None)
    if latest is not None:
        after = [e.year for e in entries if e.year >= latest and e.year not in by_year]
        assert all((y - latest) % 2 == 0 for y in after)
