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
- Postponed: the meeting is recorded as `postponed` in its regular year and
  again, as held or planned, in the year it really takes place. A postponed
  record never anchors, so the cycle continues two years after the real one.
- Cancelled: the turn passes. A cancelled record anchors like a held one, so
  the next meeting keeps its regular year with the town after the cancelled host.
"""

from __future__ import annotations

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

    @property
    def anchors(self) -> bool:
        """Whether the computed cycle runs on from this meeting."""
        return self.status != "postponed"


@dataclass(frozen=True)
class ScheduledMeeting:
    """One meeting year of the schedule, recorded or computed from the rotation."""

    year: int
    host: str
    status: ScheduleStatus
    source: Source
    start_date: date | None = None
    end_date: date | None = None

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


def _from_record(meeting: RecordedMeeting) -> ScheduledMeeting:
    return ScheduledMeeting(
        year=meeting.year,
        host=meeting.host,
        status=meeting.status,
        source="recorded",
        start_date=meeting.start_date,
        end_date=meeting.end_date,
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
    anchors = sorted((m for m in by_year.values() if m.anchors), key=lambda m: m.year)
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
    for year, meeting in by_year.items():
        if first_year <= year <= last_year:
            computed[year] = _from_record(meeting)
    return [computed[year] for year in sorted(computed)]


@dataclass(frozen=True)
class NextMeeting:
    """The answer to `vanort next-meeting`."""

    meeting: ScheduledMeeting
    home_next: ScheduledMeeting | None  # the home town's next hosting, if it is in the rotation


def next_meeting(
    towns: Sequence[RotationTown],
    recorded: Sequence[RecordedMeeting],
    today: date,
    home: str,
) -> NextMeeting | None:
    """This year's meeting while it has not ended, else the following one.

    Postponed and cancelled years are skipped: they are not taking place. None
    when nothing is recorded to compute from, or no town takes part.
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
    if not upcoming:
        return None
    first = upcoming[0]
    home_next = next((m for m in upcoming if m.host == home), None)
    return NextMeeting(meeting=first, home_next=home_next)
