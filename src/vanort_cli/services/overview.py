"""What the report's charts show beside its counts: the trend of active
collaborations over ten years, by town, and the rotation around the report's year.

Both are sections of the report's JSON, so that a chart, the table beside it and
`report --format json` are made from the same numbers.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from dataclasses import asdict
from datetime import date
from typing import Any, Final

from sqlalchemy import extract, func
from sqlalchemy import select as select_columns
from sqlmodel import Session, col

from vanort_cli.domain import rotation
from vanort_cli.domain.collaborations import active_in_period
from vanort_cli.domain.dates import FIRST_YEAR, YEARS_AHEAD_LIMIT
from vanort_cli.domain.membership import ALWAYS, count_in
from vanort_cli.domain.report import Rotation, TownCount, TrendTownCount, TrendYear
from vanort_cli.errors import RuleError
from vanort_cli.i18n import messages as m
from vanort_cli.services.collaboration_records import active_during
from vanort_cli.services.lookup import names_by_id
from vanort_cli.services.meetings import check_year
from vanort_cli.services.schedule import meeting_schedule, recorded_meetings, rotation_towns
from vanort_cli.services.towns import HOME_TOWN, memberships
from vanort_cli.store.models import Collaboration, CollaborationTown

TREND_YEARS: Final = 10  # the trend: the report's year and the nine before it
# The rotation shown around the report's year: at least two of Göteborg's turns
# (every eighth year) on each side of a four-town rotation.
ROTATION_YEARS_AROUND: Final = 10

Span = tuple[int, int | None, int]  # start year, end year (None: ongoing), count


def _spans(session: Session, first: date, last: date, *, by_town: bool) -> list[tuple[Any, ...]]:
    """The collaborations active from `first` to `last`, counted by the years they
    start and end (and by town): one GROUP BY whatever the registry's size."""
    start_year = extract("year", col(Collaboration.start_date))
    end_year = extract("year", col(Collaboration.end_date))
    active = active_during(first, last)
    if not by_town:
        query = select_columns(start_year, end_year, func.count()).where(active)
        return list(session.execute(query.group_by(start_year, end_year)))
    town = col(CollaborationTown.town_id)
    by_town_query = (
        select_columns(town, start_year, end_year, func.count())
        .join(CollaborationTown, col(CollaborationTown.collaboration_id) == Collaboration.id)
        .where(active)
        .group_by(town, start_year, end_year)
    )
    return list(session.execute(by_town_query))


def _active_in(year: int, start: Any, end: Any) -> bool:
    """Active at some time in `year` (`start` and `end` are years, as SQL gives them)."""
    return active_in_period(int(start), None if end is None else int(end), year, year)


def active_by_year(session: Session, first_year: int, last_year: int) -> dict[int, int]:
    """How many collaborations were active in each year from `first_year` to `last_year`."""
    spans = _spans(session, date(first_year, 1, 1), date(last_year, 12, 31), by_town=False)
    return {
        y: sum(n for s, e, n in spans if _active_in(y, s, e))
        for y in range(first_year, last_year + 1)
    }


def town_count(town: Mapping[str, Any], count: int) -> TownCount:
    """A town as `Names` has it (its reference and kind), with a count."""
    return TownCount(
        key=town["key"],
        name=town["name"],
        name_sv=town["name_sv"],
        country=town["country"],
        kind=town["kind"],
        count=count,
    )


def trend(session: Session, *, year: int) -> tuple[TrendYear, ...]:
    """Each of the ten years up to `year`: the collaborations active in it, in all and
    by town. Every town with a collaboration in those years is in every year (0 where
    it had none; None where it had none and was not a partner then: before it
    joined, after it left), twin towns first, each kind in Swedish alphabetical order."""
    first_year = max(year - TREND_YEARS + 1, FIRST_YEAR)
    totals = active_by_year(session, first_year, year)
    spans = _spans(session, date(first_year, 1, 1), date(year, 12, 31), by_town=True)
    counts: dict[int, Counter[int]] = {y: Counter() for y in range(first_year, year + 1)}
    for town_id, start, end, n in spans:
        for y in counts:
            if _active_in(y, start, end):
                counts[y][town_id] += n
    seen = {town_id for town_id, *_ in spans}
    names = names_by_id(session=session)
    joined = memberships(session=session)
    towns = sorted(seen, key=lambda t: (names.towns[t].kind != "twin", names.town_order[t]))
    return tuple(
        TrendYear(
            year=y,
            total=totals[y],
            by_town=tuple(
                TrendTownCount(
                    **asdict(names.towns[t]), count=count_in(y, counts[y][t], joined.get(t, ALWAYS))
                )
                for t in towns
            ),
        )
        for y in counts
    )


def rotation_between(*, session: Session, first: int, last: int, today: date) -> Rotation:
    """The meeting years from `first` to `last`, recorded and computed, with the next
    meeting (as of `today`) and the town whose turns a picture marks."""
    meetings = meeting_schedule(session=session, first_year=first, last_year=last, today=today)
    towns = rotation_towns(session=session)
    upcoming = rotation.next_meeting(towns, recorded_meetings(session=session), today, HOME_TOWN)
    return Rotation(
        first_year=first,
        last_year=last,
        home_town=HOME_TOWN,
        # The twin towns in their order in the rotation, those that have left too.
        order=tuple(t.key for t in sorted(towns, key=lambda t: (t.position, t.key))),
        next_meeting_year=upcoming.meeting.year if upcoming else None,
        meetings=tuple(meetings),
    )


def years_around(year: int, today: date) -> tuple[int, int]:
    """Ten years either side of `year`, within the years the registry takes."""
    return (
        max(year - ROTATION_YEARS_AROUND, FIRST_YEAR),
        min(year + ROTATION_YEARS_AROUND, today.year + YEARS_AHEAD_LIMIT),
    )


def picture_range(first: int | None, last: int | None, today: date) -> tuple[int, int]:
    """The years a picture of the rotation covers: those given, the one not given
    twenty years from the other, neither given ten years either side of today."""
    span = 2 * ROTATION_YEARS_AROUND
    for given in (first, last):
        if given is not None:
            check_year(given, today)
    start, end = years_around(today.year, today)
    if first is not None and last is not None:
        start, end = first, last
    elif first is not None:
        start, end = first, min(first + span, today.year + YEARS_AHEAD_LIMIT)
    elif last is not None:
        start, end = max(last - span, FIRST_YEAR), last
    if start > end:
        raise RuleError(m.RANGE_BACKWARDS.format(start=start, end=end))
    return start, end


def rotation_around(*, session: Session, year: int, today: date) -> Rotation:
    """The rotation from ten years before `year` to ten after."""
    first, last = years_around(year, today)
    return rotation_between(session=session, first=first, last=last, today=today)
