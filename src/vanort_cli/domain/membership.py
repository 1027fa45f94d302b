"""When a town was one of the City's twin towns or partner cities: the one rule
of "was this town a partner in year Y" (the trend's counts) and "on day D" (a
collaboration's start), as pure functions.

A town joins on the day of its establishing decision (a twin town's City Council
decision, a partner city's), or from the year it has been twinned since when that
is all the registry knows; it leaves as `domain.collaborations.departure` says.
Before it joined and after it left, a count of 0 would say "a partner with no
collaborations": the reports show nothing there instead.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from vanort_cli.domain.collaborations import STILL_HERE, Departure


def joined_on(*, twinned_since: int | None, established: Iterable[date | None]) -> date | None:
    """The first day the town is known to have been a partner, or None (no bound: it
    has been one since before the registry's records).

    The earliest dated establishing decision, unless the town was twinned in an
    earlier year (a partnership that began before its decision was recorded):
    then the first day of that year. Only a year known: its first day."""
    dated = [day for day in established if day is not None]
    decided = min(dated) if dated else None
    if twinned_since is None:
        return decided
    if decided is None or twinned_since < decided.year:
        return date(twinned_since, 1, 1)
    return decided


@dataclass(frozen=True)
class Membership:
    """When a town was a twin town or partner city: from `joined` (None: since before
    the records) until it left (`left`)."""

    joined: date | None = None
    left: Departure = STILL_HERE
    joined_day_known: bool = True  # False: only the year is known (`joined` is 1 January)

    @property
    def joined_when(self) -> date | int | None:
        """The day it joined, or only the year where the day is not known."""
        if self.joined is None or self.joined_day_known:
            return self.joined
        return self.joined.year


ALWAYS = Membership()


def partner_in(year: int, membership: Membership) -> bool:
    """Whether the town was a partner at some time in `year`: joined by its end and
    not left before its start. A town that left on a day nobody knows is taken as
    a partner (its years cannot be told apart)."""
    joined, left = membership.joined, membership.left
    if joined is not None and joined.year > year:
        return False
    return not (left.left and left.on is not None and left.on.year < year)


def count_in(year: int, count: int, membership: Membership) -> int | None:
    """A town's count of collaborations in `year` as a report shows it: None (not a
    partner then: no "0", no point on a line) where it has none and was not a
    partner that year; a count it has is shown whatever the year."""
    return count if count or partner_in(year, membership) else None


def before_joining(start: date, membership: Membership) -> bool:
    """A collaboration starting on `start` would begin before the town joined."""
    return membership.joined is not None and start < membership.joined
