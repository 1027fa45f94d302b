"""A meeting as the meeting commands show it: the record of a meeting (`meeting
show/list`), what else is recorded of it (delegations, seminars and, when Göteborg
hosts, the preparation and the evaluation), and the answer to `next-meeting`.

Frozen dataclasses whose fields are named and ordered as the commands' JSON writes
them (`output.json_stream.json_ready`): a key once published keeps its meaning. A
meeting year of the schedule is `domain.report.MeetingYear`, the rows of the
delegations and seminars `domain.report.Participant` and `Seminar`: one shape a
thing.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Protocol

from vanort_cli.domain.followup import TimelineStep
from vanort_cli.domain.refs import TownRef
from vanort_cli.domain.report import MeetingYear, Participant, Seminar


class Sentence(Protocol):
    """A sentence worded when it is shown (an `i18n.Worded`: the domain does not
    word): in the reader's language on a table, in English in JSON."""

    def __str__(self) -> str: ...


@dataclass(frozen=True)
class NextMeeting(MeetingYear):
    """The answer to `vanort next-meeting`: the next meeting year, and Göteborg's turn."""

    # Göteborg's preparation timeline when it hosts; None, and no key in the JSON,
    # when another town does.
    preparation: list[TimelineStep] | None
    gothenburg_next_year: int | None
    years_until_gothenburg: int | None
    gothenburg_postponed_year: int | None  # Göteborg's postponed meeting with no new date
    basis: Sentence  # which years are recorded, which computed, and how to correct them


@dataclass(frozen=True)
class MeetingRecord:
    """A recorded meeting as `meeting show/list/record` write it."""

    year: int
    host: TownRef
    status: str  # held | planned | postponed | cancelled
    start_date: date | None
    end_date: date | None
    place: str | None
    theme: str | None
    organiser: str
    confirmed: bool
    note: str | None
    source: str | None  # where the fact comes from
    rescheduled_to: int | None
    shift_cycle: bool | None
    postponed_from: int | None  # the regular year of a rescheduled meeting


@dataclass(frozen=True)
class EvaluationDone:
    reference: str
    done_on: date


@dataclass(frozen=True)
class Hosting:
    """What is recorded of a meeting Göteborg hosts: its preparation and evaluation."""

    preparation: list[TimelineStep]
    evaluation: EvaluationDone | None  # None: not evaluated yet


@dataclass(frozen=True)
class MeetingDetails:
    """What `meeting show` adds to the record: its delegations and seminars, and
    `hosting` when Göteborg hosts (None, and no keys in the JSON, otherwise)."""

    participants: tuple[Participant, ...]
    seminars: tuple[Seminar, ...]
    hosting: Hosting | None
