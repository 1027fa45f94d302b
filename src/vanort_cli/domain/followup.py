"""Follow-up rules of the policy, as pure functions: the preparation timeline of a
Göteborg-hosted meeting (P5, P6) and the evaluation due after it (P11)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Final, Literal

DEFAULT_EVALUATION_DAYS: Final = 180

EvaluationStatus = Literal["due", "overdue", "done"]
StepStatus = Literal["done", "late", "upcoming", "undated", "not-applicable"]

# A meeting in one of these states needs no more preparation: held, it is over;
# cancelled, it will not be. (A postponed meeting may still be held.)
SETTLED_MEETING_STATUSES: Final = frozenset({"held", "cancelled"})


def meeting_settled(status: str | None, rescheduled_to: int | None = None) -> bool:
    """Whether a recorded meeting needs no more preparation: held, cancelled, or
    postponed to another year (whose own record is prepared instead). None: no
    record, a meeting computed from the rotation, still to come."""
    if status in SETTLED_MEETING_STATUSES:
        return True
    return status == "postponed" and rescheduled_to is not None


def evaluation_due(year: int, start_date: date | None, end_date: date | None, days: int) -> date:
    """When the evaluation of a meeting is due: `days` after it ended, counted from
    31 December of its year when no date was recorded."""
    ended = end_date or start_date or date(year, 12, 31)
    return ended + timedelta(days=days)


def evaluation_status(due: date, done_on: date | None, today: date) -> EvaluationStatus:
    if done_on is not None:
        return "done"
    return "overdue" if today > due else "due"


def evaluation_finding(
    status: EvaluationStatus, meeting_confirmed: bool
) -> Literal["evaluation_overdue", "evaluation_overdue_unconfirmed"] | None:
    """What `check` reports of an evaluation: nothing unless it is overdue; an overdue
    one after a meeting whose record is not confirmed (the shipped 2017 meeting,
    whose year is an assumption) is its own, milder finding, so that a fresh
    registry's assumption does not raise an alarm."""
    if status != "overdue":
        return None
    return "evaluation_overdue" if meeting_confirmed else "evaluation_overdue_unconfirmed"


@dataclass(frozen=True)
class PreparationStep:
    """A step of the timeline, `days_before` the meeting's first day (data/preparation.toml)."""

    key: str
    name: str
    name_sv: str
    days_before: int
    key_sv: str = ""  # the word a Swedish table shows for `key`; "" if the key itself


@dataclass(frozen=True)
class TimelineStep:
    """A step of a meeting's preparation, dated, as `meeting show` and `next-meeting`
    write it (`step`: the step's key)."""

    step: str
    name: str
    name_sv: str
    days_before: int
    due: date | None
    done_on: date | None
    status: StepStatus


def preparation_timeline(
    steps: Sequence[PreparationStep],
    meeting_start: date | None,
    done: Mapping[str, date],
    today: date,
    *,
    settled: bool = False,
) -> list[TimelineStep]:
    """The steps with their due dates counted back from the meeting, earliest first.

    Without a recorded start date the steps have no due dates (`undated`): the
    timeline can only be counted back from a date that is known. Once the meeting
    is `settled` (`meeting_settled`) a step not done is `not-applicable`, never
    `late`: nobody can still do it, and every view (`meeting show`, `next-meeting`,
    the calendar, `check`) reads its state from here.
    """
    timeline = []
    for step in sorted(steps, key=lambda s: (-s.days_before, s.key)):
        due = meeting_start - timedelta(days=step.days_before) if meeting_start else None
        done_on = done.get(step.key)
        status: StepStatus
        if done_on is not None:
            status = "done"
        elif settled:
            status = "not-applicable"
        elif due is None:
            status = "undated"
        else:
            status = "late" if today > due else "upcoming"
        timeline.append(
            TimelineStep(step.key, step.name, step.name_sv, step.days_before, due, done_on, status)
        )
    return timeline
