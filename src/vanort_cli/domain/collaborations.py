"""Rules for collaborations, as pure functions: when two reports are the same
collaboration, and whether a town can still be a party to one that starts on a
given day.

Staff report the same project twice (once by hand, once in an import; once as
"Nordic Literature Days", once as "nordic literature days"), so a duplicate is
recognised after folding the title as names are folded (`normalise`).
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any, Literal, Protocol, TypeVar

from vanort_cli.domain.names import normalise


class _Ordered(Protocol):
    def __le__(self, other: Any, /) -> bool: ...


Point = TypeVar("Point", bound=_Ordered)


def active_in_period(start: Point, end: Point | None, first: Point, last: Point) -> bool:
    """The one rule of "active in a period": begun by the period's last day and not
    ended before its first (an ongoing collaboration has not ended). On dates, or
    on years for a whole year; `services.collaboration_records.active_during` is
    the same rule in SQL."""
    return start <= last and (end is None or first <= end)


def fold_title(title: str) -> str:
    """A title folded for comparison: case, accents, punctuation and spacing.

    A title with no letters or digits at all is compared as typed (casefolded),
    so "!!!" and "???" stay two titles.
    """
    return normalise(title) or title.casefold().strip()


@dataclass(frozen=True)
class CollaborationIdentity:
    """What makes two reports the same collaboration: the organisation, the title
    (folded), the set of towns (order and repetition aside) and the first day."""

    organisation_id: int
    title: str
    town_ids: frozenset[int]
    start_date: date


def identity(
    *, organisation_id: int, title: str, town_ids: Collection[int], start_date: date
) -> CollaborationIdentity:
    return CollaborationIdentity(
        organisation_id, fold_title(title), frozenset(town_ids), start_date
    )


@dataclass(frozen=True)
class TownDecisionFact:
    """A decision on a town as the rules need it (a row of town_decision)."""

    action: str  # establish | retire | status
    status: str | None
    decided_on: date | None


@dataclass(frozen=True)
class Departure:
    """Whether a town has left (a twin town retired, a partnership ended), and the day.

    `on` is None when the town has left but no day is known.
    """

    left: bool
    on: date | None = None


STILL_HERE = Departure(left=False)


def departure(
    *,
    kind: str,
    status: str,
    decisions: Sequence[TownDecisionFact],
    rotation_until_year: int | None,
) -> Departure:
    """When a town left the City's partnerships, from its status and decisions.

    A retired twin town left on the day of its latest retire decision; without a
    dated one, on 31 December of the last meeting year it took part in (it kept
    its place until then). An ended partner city left on the day of its latest
    dated decision that ended it. Active and dormant towns have not left.
    """
    if status == "retired":
        dated = [d.decided_on for d in decisions if d.action == "retire" and d.decided_on]
        if dated:
            return Departure(True, max(dated))
        if rotation_until_year is not None:
            return Departure(True, date(rotation_until_year, 12, 31))
        return Departure(True, None)
    if status == "ended":
        dated = [
            d.decided_on
            for d in decisions
            if d.action == "status" and d.status == "ended" and d.decided_on
        ]
        return Departure(True, max(dated) if dated else None)
    return STILL_HERE


Standing = Literal["ok", "dormant", "not_yet", "left", "left_undated"]


def standing_on(start: date, status: str, left: Departure, joined: date | None = None) -> Standing:
    """Can a collaboration starting on `start` include the town?

    `not_yet`: it starts before the town joined on `joined` (refused, as one
    after it left is); `left`: the town left before it started (refused); `left_undated`: the town
    has left and the day is not known (refused: it cannot be checked); `dormant`:
    a dormant partner city (allowed, with a warning); else `ok`. A collaboration
    that started on or before the day the town left is history and stays `ok`.
    """
    if joined is not None and start < joined:
        return "not_yet"
    if left.left:
        if left.on is None:
            return "left_undated"
        if start > left.on:
            return "left"
        return "ok"
    return "dormant" if status == "dormant" else "ok"


def starts_after_retirement(start: date, retired_on: date | None) -> bool:
    """A retired organisation takes no collaboration that starts after its last day."""
    return retired_on is not None and start > retired_on


def reaches_past(start: date, end: date | None, last_day: date) -> bool:
    """Whether a collaboration goes on after `last_day` (the day its town left, its
    organisation's last day): ongoing, ending after it, or starting after it. Such
    a record says something the registry no longer holds true, so retiring or
    ending says so and `check` flags it until it is ended or corrected."""
    return end is None or end > last_day or start > last_day
