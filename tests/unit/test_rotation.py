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
    anchoring,
    expected_host,
    hosting_cycle_years,
    next_meeting,
    out_of_turn,
    pending_postponements,
    reschedulings,
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


def test_a_postponed_meeting_without_a_new_date_stays_the_next_meeting() -> None:
    """Issue 8: `next-meeting` does not jump past a postponement whose date is not set."""
    recorded = [
        RecordedMeeting(2025, "goteborg", "held"),
        RecordedMeeting(2027, "turku", "postponed"),
    ]
    for today in (TODAY, date(2027, 12, 31), date(2029, 5, 1)):
        answer = next_meeting(FOUR, recorded, today, "goteborg")
        assert answer is not None
        assert (answer.meeting.year, answer.meeting.host, answer.meeting.status) == (
            2027,
            "turku",
            "postponed",
        )
        assert answer.meeting.rescheduled_to is None
    # It does not anchor: the cycle runs on from 2025 and keeps its years.
    assert hosts(schedule(FOUR, recorded, 2025, 2033, TODAY)) == {
        2025: "goteborg",
        2027: "turku",
        2029: "bergen",
        2031: "aarhus",
        2033: "goteborg",
    }


def test_a_home_postponement_is_given_apart_from_the_home_towns_next_turn() -> None:
    recorded = [
        RecordedMeeting(2025, "aarhus", "held"),
        RecordedMeeting(2027, "goteborg", "postponed"),
    ]
    answer = next_meeting(FOUR, recorded, TODAY, "goteborg")
    assert answer is not None and answer.home_postponed is not None
    assert answer.home_postponed.year == 2027
    assert answer.home_next is not None and answer.home_next.year == 2035


RESCHEDULED = [
    RecordedMeeting(2025, "goteborg", "held"),
    RecordedMeeting(2027, "turku", "postponed", rescheduled_to=2028, shift_cycle=False),
    RecordedMeeting(2028, "turku", "planned"),
]


def test_rescheduled_without_shift_the_cycle_keeps_its_years() -> None:
    entries = schedule(FOUR, RESCHEDULED, 2025, 2033, TODAY)
    assert [(e.year, e.host, e.status) for e in entries] == [
        (2025, "goteborg", "held"),
        (2027, "turku", "postponed"),
        (2028, "turku", "planned"),
        (2029, "bergen", "expected"),
        (2031, "aarhus", "expected"),
        (2033, "goteborg", "expected"),
    ]
    assert (entries[1].rescheduled_to, entries[1].shift_cycle) == (2028, False)
    assert entries[2].postponed_from == 2027
    answer = next_meeting(FOUR, RESCHEDULED, TODAY, "goteborg")
    assert answer is not None and answer.meeting.year == 2028


def test_rescheduled_with_shift_the_cycle_continues_from_the_new_year() -> None:
    shifted = [
        *RESCHEDULED[:1],
        RecordedMeeting(2027, "turku", "postponed", None, None, 2028, True),
    ]
    shifted.append(RESCHEDULED[2])
    got = hosts(schedule(FOUR, shifted, 2025, 2034, TODAY))
    assert got == {
        2025: "goteborg",
        2027: "turku",
        2028: "turku",
        2030: "bergen",
        2032: "aarhus",
        2034: "goteborg",
    }


def test_a_postponement_recorded_the_old_way_is_not_the_next_meeting() -> None:
    """Postponed 2021 and held 2022, with no rescheduling recorded: the meeting took place."""
    recorded = [
        RecordedMeeting(2019, "turku", "held"),
        RecordedMeeting(2021, "bergen", "postponed"),
        RecordedMeeting(2022, "bergen", "held"),
    ]
    answer = next_meeting(FOUR, recorded, TODAY, "goteborg")
    assert answer is not None and (answer.meeting.year, answer.meeting.host) == (2026, "goteborg")


def test_a_rescheduling_to_a_missing_or_postponed_year_does_not_hold() -> None:
    dangling = [RecordedMeeting(2027, "turku", "postponed", rescheduled_to=2028, shift_cycle=True)]
    assert reschedulings(dangling) == {}
    again = [*dangling, RecordedMeeting(2028, "turku", "postponed")]
    assert reschedulings(again) == {}
    assert pending_postponements(again)[0].year == 2027


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
    """Random records; a postponed one may name a later year as its new date (which
    holds only when that year has a record that is not postponed)."""
    years = draw(st.lists(st.integers(1990, 2040), min_size=1, max_size=8, unique=True))
    statuses = st.sampled_from(["held", "planned", "postponed", "cancelled"])
    recorded = []
    for y in years:
        status = draw(statuses)
        to = draw(st.one_of(st.none(), st.sampled_from(years))) if status == "postponed" else None
        shift = draw(st.booleans()) if to is not None else None
        host = draw(st.sampled_from([t.key for t in towns]))
        recorded.append(RecordedMeeting(y, host, status, rescheduled_to=to, shift_cycle=shift))
    return recorded


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
    pending = pending_postponements(recorded)
    if not upcoming and not pending:
        assert answer is None
        return
    assert answer is not None
    home = [e for e in upcoming if e.host == "goteborg"]
    assert answer.home_next == (home[0] if home else None)
    if pending and (not upcoming or pending[0].year < upcoming[0].year):
        # An unscheduled postponement is the next meeting, overdue or not.
        assert (answer.meeting.year, answer.meeting.status) == (pending[0].year, "postponed")
        assert answer.meeting.rescheduled_to is None
        return
    assert answer.meeting == upcoming[0]
    assert answer.meeting.year >= today.year


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
    latest = max((m.year for m in anchoring(recorded)), default=None)
    if latest is not None:
        after = [e.year for e in entries if e.year >= latest and e.year not in by_year]
        assert all((y - latest) % 2 == 0 for y in after)


@st.composite
def worlds(draw: st.DrawFn) -> tuple[list[RotationTown], RecordedMeeting, int, str]:
    """Towns, an anchoring meeting, and a later regular year with its computed host."""
    towns = draw(rotations())
    anchor_year = draw(st.integers(1990, 2030))
    anchor = RecordedMeeting(anchor_year, draw(st.sampled_from([t.key for t in towns])), "held")
    regular = anchor_year + 2 * draw(st.integers(1, 6))
    computed = {e.year: e.host for e in schedule(towns, [anchor], regular, regular, TODAY)}
    return towns, anchor, regular, computed[regular]


@settings(max_examples=200)
@given(worlds(), st.integers(0, 3), st.sampled_from(["held", "planned", "cancelled"]))
def test_rescheduling_without_shift_changes_no_other_year(
    world: tuple[list[RotationTown], RecordedMeeting, int, str], half: int, status: str
) -> None:
    towns, anchor, year, host = world
    to = year + 2 * half + 1  # without a shift the new year lies between the cycle's years
    moved = [
        anchor,
        RecordedMeeting(year, host, "postponed", rescheduled_to=to, shift_cycle=False),
        RecordedMeeting(to, host, status),  # type: ignore[arg-type]
    ]
    last = to + 6 * len(towns)
    before = {e.year: e.host for e in schedule(towns, [anchor], anchor.year, last, TODAY)}
    after = {e.year: e.host for e in schedule(towns, moved, anchor.year, last, TODAY)}
    assert after.pop(to) == host
    assert after == before


@settings(max_examples=200)
@given(worlds(), st.integers(1, 7))
def test_rescheduling_with_shift_moves_the_years_after_by_the_offset(
    world: tuple[list[RotationTown], RecordedMeeting, int, str], offset: int
) -> None:
    towns, anchor, year, host = world
    to = year + offset
    held_then = [anchor, RecordedMeeting(year, host, "held")]
    moved = [
        anchor,
        RecordedMeeting(year, host, "postponed", rescheduled_to=to, shift_cycle=True),
        RecordedMeeting(to, host, "planned"),
    ]
    last = to + 6 * len(towns)
    before = {e.year: e.host for e in schedule(towns, held_then, anchor.year, last, TODAY)}
    after = {e.year: e.host for e in schedule(towns, moved, anchor.year, last, TODAY)}
    assert {y: h for y, h in after.items() if y <= year} == {
        y: h for y, h in before.items() if y <= year
    }
    assert {y - offset: h for y, h in after.items() if y >= to} == {
        y: h for y, h in before.items() if year <= y <= last - offset
    }
    assert not [y for y in after if year < y < to]


@settings(max_examples=200)
@given(rotations(), st.data(), st.dates(date(1995, 1, 1), date(2045, 12, 31)))
def test_an_unscheduled_postponement_is_the_next_meeting_once_its_year_has_come(
    towns: list[RotationTown], data: st.DataObject, today: date
) -> None:
    year = data.draw(st.integers(1990, today.year))
    host = data.draw(st.sampled_from([t.key for t in towns]))
    earlier = [m for m in data.draw(histories(towns)) if m.year < year and m.status != "postponed"]
    later = [
        m
        for m in data.draw(histories(towns))
        if m.year > year and m.status not in ("held", "planned")
    ]
    recorded = [*earlier, RecordedMeeting(year, host, "postponed"), *later]
    answer = next_meeting(towns, recorded, today, "goteborg")
    assert answer is not None
    assert (answer.meeting.year, answer.meeting.status, answer.meeting.host) == (
        year,
        "postponed",
        host,
    )
    assert answer.meeting.rescheduled_to is None


# -- is a record in turn? ----------------------------------------------------------

SHIPPED = [
    RecordedMeeting(2013, "bergen", "held"),
    RecordedMeeting(2015, "aarhus", "held"),
    RecordedMeeting(2017, "goteborg", "held"),
]


def test_the_shipped_records_are_in_turn() -> None:
    assert out_of_turn(FOUR, SHIPPED) == []


def test_a_typo_year_is_off_the_cycle_and_another_host_is_out_of_turn() -> None:
    (typo,) = out_of_turn(FOUR, [*SHIPPED, RecordedMeeting(2032, "turku", "planned")])
    assert (typo.year, typo.after_year, typo.expected_host) == (2032, 2017, None)
    (wrong,) = out_of_turn(FOUR, [*SHIPPED, RecordedMeeting(2031, "turku", "planned")])
    assert (wrong.year, wrong.expected_host) == (2031, "aarhus")
    # Staff confirmed it really was so: not reported, and it anchors what follows.
    later = [
        *SHIPPED,
        RecordedMeeting(2031, "turku", "held"),
        RecordedMeeting(2033, "bergen", "planned"),
    ]
    assert out_of_turn(FOUR, later, accepted=[2031]) == []


def test_a_town_that_joins_changes_the_expected_host_only_from_its_first_year() -> None:
    towns = [*FOUR[:3], RotationTown("tromso", 3.5, first_year=2027), FOUR[3]]  # type: ignore[arg-type]
    records = [*SHIPPED, RecordedMeeting(2025, "goteborg", "held")]
    assert expected_host(towns, records[-1], 2031) == "tromso"
    assert out_of_turn(towns, [*records, RecordedMeeting(2031, "tromso", "planned")]) == []
    assert out_of_turn(towns, [*records, RecordedMeeting(2031, "aarhus", "planned")])
    assert out_of_turn(towns, [*SHIPPED, RecordedMeeting(2023, "aarhus", "held")]) == []


def test_cancelled_and_rescheduled_meetings_are_in_turn() -> None:
    cancelled = [*SHIPPED, RecordedMeeting(2019, "turku", "cancelled")]
    assert out_of_turn(FOUR, [*cancelled, RecordedMeeting(2021, "bergen", "held")]) == []
    shifted = [
        *SHIPPED,
        RecordedMeeting(2019, "turku", "postponed", rescheduled_to=2020, shift_cycle=True),
        RecordedMeeting(2020, "turku", "held"),
        RecordedMeeting(2022, "bergen", "held"),
    ]
    assert out_of_turn(FOUR, shifted) == []
    kept = [
        *SHIPPED,
        RecordedMeeting(2019, "turku", "postponed", rescheduled_to=2020, shift_cycle=False),
        RecordedMeeting(2020, "turku", "held"),
        RecordedMeeting(2021, "bergen", "held"),
    ]
    assert out_of_turn(FOUR, kept) == []
    # Rescheduled with the cycle shifted, the regular year is held to the grid.
    wrong = [
        *SHIPPED,
        RecordedMeeting(2019, "bergen", "postponed", rescheduled_to=2020, shift_cycle=True),
        RecordedMeeting(2020, "bergen", "held"),
    ]
    (found,) = out_of_turn(FOUR, wrong)
    assert (found.year, found.turn_year, found.expected_host) == (2020, 2019, "turku")


@st.composite
def joining_rotations(draw: st.DrawFn) -> list[RotationTown]:
    """A rotation in which some towns join or leave in some year."""
    towns = draw(rotations())
    bounded = []
    for town in towns:
        first = draw(st.one_of(st.none(), st.integers(1995, 2040)))
        last = draw(st.one_of(st.none(), st.integers(1995, 2040)))
        if town.key == "goteborg" or (first and last and first > last):
            first = last = None  # Göteborg stays; a town takes part in some year
        bounded.append(RotationTown(town.key, town.position, first, last))
    return bounded


@settings(max_examples=200)
@given(joining_rotations(), st.integers(1990, 2030), st.data())
def test_recording_the_computed_host_in_the_computed_years_never_warns(
    towns: list[RotationTown], anchor_year: int, data: st.DataObject
) -> None:
    taking_part = [t.key for t in towns if t.takes_part_in(anchor_year)]
    if not taking_part:
        return
    anchor = RecordedMeeting(anchor_year, data.draw(st.sampled_from(taking_part)), "held")
    last = anchor_year + 2 * data.draw(st.integers(1, 12))
    computed = schedule(towns, [anchor], anchor_year + 2, last, TODAY)
    chosen = data.draw(st.lists(st.sampled_from(computed), unique=True)) if computed else []
    status = data.draw(st.sampled_from(["held", "planned", "cancelled"]))
    records = [anchor, *(RecordedMeeting(e.year, e.host, status) for e in chosen)]  # type: ignore[arg-type]
    assert out_of_turn(towns, records) == []


@settings(max_examples=200)
@given(joining_rotations(), st.integers(1990, 2030), st.data())
def test_any_other_host_or_year_off_the_cycle_warns(
    towns: list[RotationTown], anchor_year: int, data: st.DataObject
) -> None:
    taking_part = [t.key for t in towns if t.takes_part_in(anchor_year)]
    if not taking_part:
        return
    anchor = RecordedMeeting(anchor_year, data.draw(st.sampled_from(taking_part)), "held")
    year = anchor_year + data.draw(st.integers(1, 24))
    computed = {e.year: e.host for e in schedule(towns, [anchor], year, year, TODAY)}
    on_grid = (year - anchor_year) % 2 == 0
    others = [t.key for t in towns if t.key != computed.get(year)]
    if not others or (on_grid and year not in computed):
        return  # one town only, or no town takes part that year: nothing else to record
    host = data.draw(st.sampled_from(others))
    (found,) = out_of_turn(towns, [anchor, RecordedMeeting(year, host, "planned")])
    assert found.year == year and found.after_year == anchor_year
    assert found.expected_host == computed.get(year)
    if not on_grid:
        assert found.expected_host is None
