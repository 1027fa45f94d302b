"""The evaluation duty (P11): after each meeting Göteborg hosted, a consolidated
report and analysis of the City's twin-town relations is due."""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlmodel import Session, col, select

from vanort_cli.domain.followup import (
    DEFAULT_EVALUATION_DAYS,
    evaluation_due,
    evaluation_status,
)
from vanort_cli.domain.text import TITLE_MAX
from vanort_cli.errors import RuleError
from vanort_cli.i18n import messages as m
from vanort_cli.services.meetings import get_meeting
from vanort_cli.services.text import checked
from vanort_cli.services.towns import HOME_TOWN
from vanort_cli.store.models import Evaluation, Meeting, Meta, Town

DUE_DAYS_KEY = "evaluation_due_days"
MAX_DUE_DAYS = 3650


def due_days(*, session: Session) -> int:
    """Days after a Göteborg-hosted meeting within which its evaluation is due."""
    setting = session.get(Meta, DUE_DAYS_KEY)
    return int(setting.value) if setting else DEFAULT_EVALUATION_DAYS


def set_due_days(*, session: Session, days: int) -> None:
    if not 0 < days <= MAX_DUE_DAYS:
        raise RuleError(m.DUE_DAYS_RANGE.format(days=days, most=MAX_DUE_DAYS))
    session.merge(Meta(key=DUE_DAYS_KEY, value=str(days)))
    session.flush()


def home_hostings(*, session: Session) -> list[Meeting]:
    """The recorded meetings that Göteborg hosted and that were held."""
    home = session.exec(select(Town).where(Town.key == HOME_TOWN)).one()
    return list(
        session.exec(
            select(Meeting)
            .where(Meeting.host_town_id == home.id, Meeting.status == "held")
            .order_by(col(Meeting.year))
        )
    )


def list_evaluations(*, session: Session, today: date) -> list[dict[str, Any]]:
    days = due_days(session=session)
    done = {e.meeting_id: e for e in session.exec(select(Evaluation))}
    rows = []
    for meeting in home_hostings(session=session):
        due = evaluation_due(meeting.year, meeting.start_date, meeting.end_date, days)
        evaluation = done.get(meeting.id or 0)
        rows.append(
            {
                "year": meeting.year,
                "meeting_end": meeting.end_date or meeting.start_date,
                "due": due,
                "status": evaluation_status(due, evaluation.done_on if evaluation else None, today),
                "reference": evaluation.reference if evaluation else None,
                "done_on": evaluation.done_on if evaluation else None,
                "confirmed": meeting.confirmed,  # False: the meeting's record is an assumption
            }
        )
    return rows


def mark_done(*, session: Session, year: int, reference: str, on: date, today: date) -> Evaluation:
    if on > today:
        raise RuleError(m.DATE_IN_FUTURE.format(option="--on", date=on))
    meeting = get_meeting(session=session, year=year)
    host = session.get(Town, meeting.host_town_id)
    if host is None or host.key != HOME_TOWN or meeting.status != "held":
        raise RuleError(m.EVALUATION_HOME_HELD_ONLY.format(year=year))
    assert meeting.id is not None
    evaluation = session.exec(
        select(Evaluation).where(Evaluation.meeting_id == meeting.id)
    ).first() or Evaluation(meeting_id=meeting.id, reference="", done_on=on)
    evaluation.reference = checked(reference, option="--reference", limit=TITLE_MAX)
    evaluation.done_on = on
    session.add(evaluation)
    session.flush()
    return evaluation
