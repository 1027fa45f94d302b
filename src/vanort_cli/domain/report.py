"""What a report is made of: the annual report (P9, P10) and the consolidated
report after a Göteborg-hosted meeting (P11), section by section, as the
services hand them to the renderers (the memo, the HTML document, the charts,
the command's tables, CSV, xlsx and JSON).

Plain frozen dataclasses, so that mypy checks every renderer's reading. Their
fields are named and ordered as `report --format json` writes them: the JSON is
these records written field by field (`output.json_stream.json_ready`), and a
key once published keeps its meaning.

Everything is read from the registry when the report is made, except the list
of the period's collaborations, which can be the whole registry: that is a
`SessionRows`, read afresh each time it is iterated through the session the
report was made in. A report is therefore written inside the `with` that opened
that session; iterated after it, the list raises `SessionClosed` instead of
reading from a closed (or another) session.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, fields
from datetime import date
from typing import Any, Generic, TypeVar

from vanort_cli.domain.records import CollaborationRecord
from vanort_cli.domain.refs import AreaRef, CollaborationTownRef, OrganisationRef, TownRef
from vanort_cli.domain.rotation import ScheduleStatus, Source


def fields_of(record: Any) -> dict[str, Any]:
    """A record's fields by name, as they are (`dataclasses.asdict` would turn the
    records inside it into dicts too): to make a record of a kind that extends it."""
    return {f.name: getattr(record, f.name) for f in fields(record)}


T_co = TypeVar("T_co", covariant=True)


class SessionClosed(RuntimeError):
    """A report's collaborations were read after the session that made it had closed."""


class SessionRows(Generic[T_co]):
    """Rows read from the registry each time they are iterated, oldest first,
    through the session the report was made in: iterate them only while that
    session is open. `len()` is the number the database counted when the report
    was made, without reading the rows."""

    def __init__(
        self,
        *,
        count: int,
        every: Callable[[], Iterator[T_co]],
        newest: Callable[[int], Iterator[T_co]],
        is_open: Callable[[], bool],
        picked: Callable[[Sequence[int]], Iterator[T_co]] | None = None,
    ) -> None:
        self._count = count
        self._every = every
        self._newest = newest
        self._is_open = is_open
        self._picked = picked

    @classmethod
    def of(cls, rows: Sequence[T_co]) -> SessionRows[T_co]:
        """Rows already in memory, oldest first (a report made without a registry)."""
        return cls(
            count=len(rows),
            every=lambda: iter(rows),
            newest=lambda limit: iter(list(reversed(rows))[:limit]),
            is_open=lambda: True,
        )

    def _check(self) -> None:
        if not self._is_open():
            raise SessionClosed(
                "a report's collaborations are read from the session that made the report: "
                "write the report before that session closes"
            )

    def __iter__(self) -> Iterator[T_co]:
        self._check()
        return self._every()

    def __len__(self) -> int:
        return self._count

    def newest(self, limit: int) -> Iterator[T_co]:
        """The `limit` newest rows, newest first: only they are read."""
        self._check()
        return self._newest(limit)

    def picked(self, ids: Sequence[int]) -> Iterator[T_co]:
        """The rows of these ids, in any order (all rows, filtered, if the rows were
        made without a way to read some)."""
        self._check()
        if self._picked is not None:
            return self._picked(ids)
        wanted = set(ids)
        return (r for r in self._every() if getattr(r, "id", None) in wanted)


# A collaboration as `collaborations list` writes it (id, title, towns,
# organisation, area, kind, dates...): the public record of services/collaborations.
CollaborationItem = CollaborationRecord


@dataclass(frozen=True)
class Period:
    start: date
    end: date


# -- meetings ------------------------------------------------------------------------


@dataclass(frozen=True)
class MeetingYear:
    """One meeting year of the schedule, recorded or computed from the rotation."""

    year: int
    host: TownRef
    status: ScheduleStatus
    source: Source  # "recorded", or "rotation": computed, nothing recorded
    start_date: date | None
    end_date: date | None
    place: str | None
    theme: str | None
    confirmed: bool | None  # False: the record is an assumption; None: not recorded
    organiser: str
    rescheduled_to: int | None  # postponed: the year it takes place instead
    shift_cycle: bool | None
    postponed_from: int | None  # the regular year of a rescheduled meeting


@dataclass(frozen=True)
class ReportMeeting(MeetingYear):
    """A meeting year of the report, with the note of its record."""

    note: str | None


@dataclass(frozen=True)
class Seminar:
    title: str
    speaker: str | None
    organisation: str | None  # the organisation's name


@dataclass(frozen=True)
class Participant:
    name: str
    town: TownRef
    role: str | None
    decision: str | None  # the presidium's decision reference


@dataclass(frozen=True)
class Delegation:
    """A town's participants in a meeting."""

    town: TownRef
    participants: tuple[Participant, ...]


@dataclass(frozen=True)
class EvaluationMeeting(ReportMeeting):
    """A meeting year of the evaluation period, with what was recorded of it."""

    seminars: tuple[Seminar, ...]
    gothenburg_delegation: tuple[Participant, ...]
    delegations: tuple[Delegation, ...]  # every town's, Göteborg's first


@dataclass(frozen=True)
class Rotation:
    """The meeting years around a report's year, as the rotation picture draws them."""

    first_year: int
    last_year: int
    home_town: str  # the key of the town whose turns the picture marks
    order: tuple[str, ...]  # the twin towns' keys in their order in the rotation
    next_meeting_year: int | None
    meetings: tuple[MeetingYear, ...]


# -- collaborations, counted -----------------------------------------------------------


@dataclass(frozen=True)
class TownCount(CollaborationTownRef):
    count: int


@dataclass(frozen=True)
class OrganisationCount(OrganisationRef):
    count: int


@dataclass(frozen=True)
class AreaCount(AreaRef):
    count: int


@dataclass(frozen=True)
class KindCount:
    kind: str  # the form of collaboration: project, network...
    count: int


@dataclass(frozen=True)
class TrendTownCount(CollaborationTownRef):
    """A town's collaborations active in a year of the trend; None (null in JSON):
    it was not a twin town or partner city that year and had none (not "0")."""

    count: int | None


@dataclass(frozen=True)
class TrendYear:
    """The collaborations active in a year, in all and by town (every town of the
    trend in every year: 0 where it had none, None where it was not a partner then
    and had none: `domain.membership.count_in`)."""

    year: int
    total: int
    by_town: tuple[TrendTownCount, ...]


@dataclass(frozen=True)
class YearCount:
    """The collaborations active in a year, and the change from the year before."""

    year: int
    count: int
    change: int | None


@dataclass(frozen=True)
class Collaborations:
    """The collaborations active in a report's period: counted (largest group first;
    a collaboration with several towns counts once for each), those reported in
    the period (`new_this_year`, by id) and by whom, and the list of them all."""

    total: int
    by_town: tuple[TownCount, ...]
    by_organisation: tuple[OrganisationCount, ...]
    by_area: tuple[AreaCount, ...]
    by_kind: tuple[KindCount, ...]
    new_this_year: tuple[int, ...]  # oldest first
    reporting_organisations: tuple[OrganisationCount, ...]  # by name; count: how many reported
    items: SessionRows[CollaborationItem]


@dataclass(frozen=True)
class YearCollaborations(Collaborations):
    """The annual report's collaborations, with the organisations that existed in
    the year and reported no collaboration active in it (the key is older than the
    reporting round: the round says who answered, `ReportingRound`) and the trend
    of the ten years up to the report's."""

    organisations_without_reports: tuple[OrganisationRef, ...]
    trend: tuple[TrendYear, ...]


@dataclass(frozen=True)
class PeriodCollaborations(Collaborations):
    """The consolidated report's collaborations: those active in the period but
    reported after it, the count of each year, and the trend."""

    reported_after_period: tuple[int, ...]
    by_year: tuple[YearCount, ...]
    trend: tuple[TrendYear, ...]


# -- the reporting round (P10) ---------------------------------------------------------


@dataclass(frozen=True)
class ReportingRound:
    """What a year's reporting round says: the organisations asked that existed in
    the year, by answer, each list by name (`domain.rounds.summarise`). Until the
    deadline has passed (and the round is not closed), `did_not_answer` are those
    who have not answered yet."""

    deadline: date
    closed_on: date | None
    answered_with_collaborations: tuple[str, ...]
    answered_nothing: tuple[str, ...]
    did_not_answer: tuple[str, ...]


@dataclass(frozen=True)
class YearRound:
    """A year of the evaluation period and its round; None: no round was held, so
    nobody knows who was asked."""

    year: int
    reporting_round: ReportingRound | None


# -- the reports --------------------------------------------------------------------


@dataclass(frozen=True)
class AnnualReport:
    """Everything `vanort report --year` shows."""

    year: int
    period: Period
    generated_on: date
    meetings: tuple[ReportMeeting, ...]
    collaborations: YearCollaborations
    rotation: Rotation
    reporting_round: ReportingRound | None  # None: no round was held for the year


@dataclass(frozen=True)
class OngoingItem:
    """A collaboration with no end date: what the draft asks about."""

    id: int
    title: str
    organisation: str  # its name


@dataclass(frozen=True)
class OpenItems:
    ongoing: tuple[OngoingItem, ...]  # by title
    organisations_without_reports: tuple[OrganisationRef, ...]  # by name


@dataclass(frozen=True)
class ConsolidatedReport:
    """The draft of the consolidated report and analysis due after a Göteborg-hosted
    meeting (P11): the period since the previous one, up to the end of `year`."""

    year: int
    previous_hosting_year: int | None  # None: the period runs from the first meeting on record
    previous_hosting_source: Source | None
    previous_hosting_confirmed: bool | None
    period: Period
    generated_on: date
    meetings: tuple[EvaluationMeeting, ...]
    collaborations: PeriodCollaborations
    rotation: Rotation
    open_items: OpenItems
    reporting_rounds: tuple[YearRound, ...]  # every year of the period, oldest first
