"""The biennial meeting rotation (policy P2, P6), as pure functions.

Towns, recorded meetings and `today` go in; a schedule comes out. Nothing here
reads the clock or the database, so every rule is property-tested.

The rules, also written in the README:
- Meetings are biennial and hosted in turn by the towns in the rotation, in
  their rotation order. With N towns each hosts every 2N years.
- A recorded meeting overrides the computed one for its year.
- Computed years run on from the latest earlier *anchor*: a recorded meeting
  that was held, is planned, or was cancelled. The next meeting is two years
  later, hosted by the next town in order after the anchor's host.
- Postponed: the meeting is recorded as `postponed` in its regular year. Until
  its new date is set it does not anchor, and it stays "the next meeting"
  (new date not set) until it is rescheduled or cancelled, or a later meeting
  is recorded as held (a postponement recorded before rescheduling existed).
- Rescheduled: the postponed record names the year the meeting takes place
  instead (`rescheduled_to`, where an ordinary record is kept), and whether
  the cycle moves with it (`shift_cycle`). Shifted: the rescheduled meeting
  anchors, so the cycle continues two years after it. Not shifted: the
  postponed record anchors in its regular year, so every other year keeps its
  host, and the rescheduled meeting does not anchor.
  Shifted, no meeting is computed between the two years.
- Cancelled: the turn passes. A cancelled record anchors like a held one, so
  the next meeting keeps its regular year with the town after the cancelled host.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Final, Literal

RecordedStatus = Literal["held", "planned", "postponed", "cancelled"]
ScheduleStatus = Literal["held", "planned", "postponed", "cancelled", "expected", "unrecorded"]
Source = Literal["recorded", "rotation"]

RECORDED_STATUSES: Final[tuple[RecordedStatus, ...]] = ("held", "planned", "postponed", "cancelled")
MEETING_INTERVAL_YEARS: Final = 2
# Statuses of a meeting that does not take place in its year: never "the next meeting".
NOT_TAKING_PLACE: Final = frozenset({"postponed", "cancelled"})


@dataclass(frozen=True)
class RotationTown:
    """A town's place in the rotation, and the meeting years it can host.

    `first_year`/`last_year` bound the meeting years the town takes part in
    (None: no bound), so a town that joins or leaves changes the rotation only
    from then on and earlier years stay as they were.
    """

    key: str
    position: int
    first_year: int | None = None
    last_year: int | None = None

    def takes_part_in(self, year: int) -> bool:
        return (self.first_year is None or year >= self.first_year) and (
            self.last_year is None or year <= self.last_year
        )


@dataclass(frozen=True)
class RecordedMeeting:
    """A meeting as staff recorded it."""

    year: int
    host: str
    status: RecordedStatus
    start_date: date | None = None
    end_date: date | None = None
    # A postponed meeting's new year, and whether the cycle moves with it.
    rescheduled_to: int | None = None
    shift_cycle: bool | None = None


@dataclass(frozen=True)
class ScheduledMeeting:
    """One meeting year of the schedule, recorded or computed from the rotation."""

    year: int
    host: str
    status: ScheduleStatus
    source: Source
    start_date: date | None = None
    end_date: date | None = None
    rescheduled_to: int | None = None  # postponed: the year it takes place instead
    shift_cycle: bool | None = None  # postponed and rescheduled: the cycle moved with it
    postponed_from: int | None = None  # the regular year of a rescheduled meeting

    def has_ended(self, today: date) -> bool:
        """Whether the meeting lies behind `today` (undated: once its year is over)."""
        last_day = self.end_date or self.start_date
        if last_day is not None:
            return last_day < today
        if self.status == "held":
            return self.year <= today.year
        return self.year < today.year


def _ordered(towns: Iterable[RotationTown], year: int) -> list[RotationTown]:
    return sorted((t for t in towns if t.takes_part_in(year)), key=lambda t: (t.position, t.key))


def _position_of(towns: Sequence[RotationTown], key: str) -> int | None:
    return next((t.position for t in towns if t.key == key), None)


def next_host(towns: Sequence[RotationTown], after: str, year: int) -> str | None:
    """The town that hosts `year`'s meeting when `after` hosted the one before.

    A host that has since left the rotation still has its position, so the turn
    passes to the next town after that position.
    """
    taking_part = _ordered(towns, year)
    if not taking_part:
        return None
    position = _position_of(towns, after)
    if position is None:
        return taking_part[0].key
    later = [t for t in taking_part if (t.position, t.key) > (position, after)]
    return (later or taking_part)[0].key


def previous_host(towns: Sequence[RotationTown], before: str, year: int) -> str | None:
    """The town that hosted `year`'s meeting when `before` hosted the one after."""
    taking_part = _ordered(towns, year)
    if not taking_part:
        return None
    position = _position_of(towns, before)
    if position is None:
        return taking_part[-1].key
    earlier = [t for t in taking_part if (t.position, t.key) < (position, before)]
    return (earlier or taking_part)[-1].key


def hosting_cycle_years(towns: Iterable[RotationTown], year: int) -> int:
    """Years between two meetings hosted by the same town: 2N for N towns."""
    return MEETING_INTERVAL_YEARS * len(_ordered(towns, year))


def _computed(year: int, host: str, today: date) -> ScheduledMeeting:
    status: ScheduleStatus = "expected" if year >= today.year else "unrecorded"
    return ScheduledMeeting(year=year, host=host, status=status, source="rotation")


def reschedulings(recorded: Iterable[RecordedMeeting]) -> dict[int, int]:
    """Postponed year -> the year the meeting takes place instead, for every
    rescheduling that holds: a later year with a record of its own that is not
    itself postponed. Anything else counts as a new date not yet set."""
    by_year = {m.year: m for m in recorded}
    links: dict[int, int] = {}
    for meeting in by_year.values():
        target = by_year.get(meeting.rescheduled_to) if meeting.rescheduled_to else None
        if (
            meeting.status == "postponed"
            and target is not None
            and target.year > meeting.year
            and target.status != "postponed"
        ):
            links[meeting.year] = target.year
    # Two postponements pointing at one year: the latest one holds.
    by_target = {to: year for year, to in sorted(links.items())}
    return {year: to for to, year in by_target.items()}


def anchoring(recorded: Iterable[RecordedMeeting]) -> list[RecordedMeeting]:
    """The records the computed cycle runs on from, by year (see the module's rules)."""
    by_year = {m.year: m for m in recorded}
    links = reschedulings(by_year.values())
    moved_from = {to: by_year[year] for year, to in links.items()}
    anchors = []
    for meeting in by_year.values():
        if meeting.status == "postponed":
            anchors_here = meeting.year in links and meeting.shift_cycle is False
        else:
            origin = moved_from.get(meeting.year)
            anchors_here = origin is None or origin.shift_cycle is not False
        if anchors_here:
            anchors.append(meeting)
    return sorted(anchors, key=lambda m: m.year)


def unscheduled_postponements(recorded: Iterable[RecordedMeeting]) -> list[RecordedMeeting]:
    """Postponed meetings whose new date is not set, by year."""
    meetings = list(recorded)
    links = reschedulings(meetings)
    return sorted(
        (m for m in meetings if m.status == "postponed" and m.year not in links),
        key=lambda m: m.year,
    )


def pending_postponements(recorded: Iterable[RecordedMeeting]) -> list[RecordedMeeting]:
    """Unscheduled postponements still waiting for their meeting: no later meeting
    is recorded as held (a postponement recorded before rescheduling existed, or
    overtaken by events). A later planned meeting does not settle it."""
    meetings = list(recorded)
    return [
        p
        for p in unscheduled_postponements(meetings)
        if not any(m.year > p.year and m.status == "held" for m in meetings)
    ]


def _from_record(meeting: RecordedMeeting, links: dict[int, int]) -> ScheduledMeeting:
    postponed_from = next((year for year, to in links.items() if to == meeting.year), None)
    rescheduled_to = links.get(meeting.year)
    return ScheduledMeeting(
        year=meeting.year,
        host=meeting.host,
        status=meeting.status,
        source="recorded",
        start_date=meeting.start_date,
        end_date=meeting.end_date,
        rescheduled_to=rescheduled_to,
        shift_cycle=meeting.shift_cycle is not False if rescheduled_to is not None else None,
        postponed_from=postponed_from,
    )


def schedule(
    towns: Sequence[RotationTown],
    recorded: Iterable[RecordedMeeting],
    first_year: int,
    last_year: int,
    today: date,
) -> list[ScheduledMeeting]:
    """Every meeting year from `first_year` to `last_year`, recorded or computed.

    Without any anchoring record there is nothing to compute from, and only
    what was recorded is returned: the rotation is never guessed from nothing.
    """
    by_year = {m.year: m for m in recorded}
    anchors = anchoring(by_year.values())
    links = reschedulings(by_year.values())
    computed: dict[int, ScheduledMeeting] = {}
    if anchors:
        # Forward from each anchor up to the next one (or the end of the range).
        for index, anchor in enumerate(anchors):
            next_anchor = anchors[index + 1].year if index + 1 < len(anchors) else last_year + 1
            stop = min(next_anchor, last_year + 1)
            host: str | None = anchor.host
            year = anchor.year + MEETING_INTERVAL_YEARS
            while year < stop and host is not None:
                host = next_host(towns, host, year)
                if host is not None and year >= first_year:
                    computed[year] = _computed(year, host, today)
                year += MEETING_INTERVAL_YEARS
        # Backward from the first anchor to the start of the range.
        host = anchors[0].host
        year = anchors[0].year - MEETING_INTERVAL_YEARS
        while year >= first_year and host is not None:
            host = previous_host(towns, host, year)
            if host is not None and year <= last_year:
                computed[year] = _computed(year, host, today)
            year -= MEETING_INTERVAL_YEARS
    # A meeting moved on with the cycle leaves no meeting between its two years.
    for year, to in links.items():
        if by_year[year].shift_cycle is not False:
            for between in range(year + 1, to):
                computed.pop(between, None)
    for year, meeting in by_year.items():
        if first_year <= year <= last_year:
            computed[year] = _from_record(meeting, links)
    return [computed[year] for year in sorted(computed)]


@dataclass(frozen=True)
class NextMeeting:
    """The answer to `vanort next-meeting`."""

    meeting: ScheduledMeeting
    home_next: ScheduledMeeting | None  # the home town's next hosting, if it is in the rotation
    # The home town's own postponed meeting whose new date is not set, if any.
    home_postponed: ScheduledMeeting | None = None


def next_meeting(
    towns: Sequence[RotationTown],
    recorded: Sequence[RecordedMeeting],
    today: date,
    home: str,
) -> NextMeeting | None:
    """This year's meeting while it has not ended, else the following one.

    Cancelled years, and postponed ones whose new date is set, are skipped: they
    do not take place. A pending postponement (new date not set) is the next
    meeting from its year on, overdue or not, until it is rescheduled. The home
    town's next hosting is a year with a date or a turn, so a pending
    postponement of its own is given apart. None when nothing is recorded to
    compute from, or no town takes part.
    """
    # Past the last record the schedule repeats every cycle (at most 2 * len(towns)
    # years), so the home town's next turn lies within two cycles of it.
    last_record = max((m.year for m in recorded), default=today.year)
    horizon = max(today.year, last_record) + 4 * max(len(towns), 1) + 4
    upcoming = [
        m
        for m in schedule(towns, recorded, today.year, horizon, today)
        if m.status not in NOT_TAKING_PLACE and not m.has_ended(today)
    ]
    links = reschedulings(recorded)
    pending = [_from_record(p, links) for p in pending_postponements(recorded)]
    candidates = sorted([*upcoming, *pending], key=lambda m: m.year)
    if not candidates:
        return None
    home_next = next((m for m in upcoming if m.host == home), None)
    home_postponed = next((m for m in pending if m.host == home), None)
    return NextMeeting(meeting=candidates[0], home_next=home_next, home_postponed=home_postponed)


@dataclass(frozen=True)
class OutOfTurn:
    """A record that moves the cycle: its year is off the two-year grid of the
    anchor before it, or its host is not the town the rotation computes after it."""

    year: int  # the record's year
    host: str
    after_year: int  # the anchor the rotation runs on from
    after_host: str
    # The town the rotation computes for `turn_year`; None: no meeting that year
    # (the year is off the cycle).
    expected_host: str | None
    # The year held against the grid: the regular year of a meeting rescheduled
    # with the cycle shifted (the new year is explained), else `year`.
    turn_year: int


def expected_host(towns: Sequence[RotationTown], after: RecordedMeeting, year: int) -> str | None:
    """The host the rotation computes for `year` running on from the anchor `after`;
    None when `year` is off the cycle (not an even number of years after it)."""
    if year <= after.year or (year - after.year) % MEETING_INTERVAL_YEARS:
        return None
    host: str | None = after.host
    for turn in range(after.year + MEETING_INTERVAL_YEARS, year + 1, MEETING_INTERVAL_YEARS):
        if host is None:
            return None
        host = next_host(towns, host, turn)
    return host


def out_of_turn(
    towns: Sequence[RotationTown],
    recorded: Iterable[RecordedMeeting],
    accepted: Iterable[int] = (),
) -> list[OutOfTurn]:
    """Every anchoring record that the anchor before it does not explain, by year.

    A meeting rescheduled with the cycle shifted is held to the grid in its regular
    year (the postponement explains the new one); the first anchor has nothing
    before it to be held to. Records in `accepted` (years staff confirmed as what
    really happened) are not reported, but they still anchor what follows.
    """
    by_year = {m.year: m for m in recorded}
    links = reschedulings(by_year.values())
    origin_of = {to: year for year, to in links.items()}
    skip = set(accepted)
    found = []
    anchors = anchoring(by_year.values())
    for before, meeting in itertools.pairwise(anchors):
        turn_year = origin_of.get(meeting.year, meeting.year)
        if turn_year <= before.year or meeting.year in skip:
            continue
        expected = expected_host(towns, before, turn_year)
        if expected is None and (turn_year - before.year) % MEETING_INTERVAL_YEARS == 0:
            continue  # no town takes part: nothing to hold it to
        if expected != meeting.host:
            found.append(
                OutOfTurn(
                    year=meeting.year,
                    host=meeting.host,
                    after_year=before.year,
                    after_host=before.host,
                    expected_host=expected,
                    turn_year=turn_year,
                )
            )
    return found


def home_turn(
    towns: Sequence[RotationTown], recorded: Sequence[RecordedMeeting], today: date, home: str
) -> int | None:
    """The year the home town next hosts (None: no turn in sight)."""
    answer = next_meeting(towns, recorded, today, home)
    return answer.home_next.year if answer and answer.home_next else None
