"""Recording the twin-town meetings as they really were (P2, P6)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlmodel import Session, select

from vanort_cli import messages as m
from vanort_cli.domain.dates import FIRST_YEAR, YEARS_AHEAD_LIMIT, year_in_range
from vanort_cli.domain.rotation import RecordedStatus
from vanort_cli.domain.text import TEXT_MAX, TITLE_MAX
from vanort_cli.errors import NotFoundError, RuleError
from vanort_cli.models import Meeting, Town, utc_now
from vanort_cli.services.lookup import find_town
from vanort_cli.services.text import checked
from vanort_cli.services.towns import HOME_TOWN, town_ref, towns_by_id


@dataclass(frozen=True)
class MeetingChanges:
    """What `meeting record` was told; None leaves a field as it is."""

    host: str | None = None
    status: RecordedStatus | None = None
    start_date: date | None = None
    end_date: date | None = None
    place: str | None = None
    theme: str | None = None
    note: str | None = None
    source: str | None = None


def check_year(year: int, today: date) -> None:
    if not year_in_range(year, today):
        raise RuleError(
            m.YEAR_OUT_OF_RANGE.format(
                year=year, first=FIRST_YEAR, last=today.year + YEARS_AHEAD_LIMIT
            )
        )


def _drop_home_duties(session: Session, meeting: Meeting) -> None:
    """Remove the preparation and evaluation rows of a meeting Göteborg no longer hosts
    (the history keeps them)."""
    from vanort_cli.models import Evaluation, PreparationDone

    for model in (PreparationDone, Evaluation):
        for row in session.exec(select(model).where(model.meeting_id == meeting.id)):
            session.delete(row)


def _takes_part(town: Town, year: int) -> bool:
    return (town.rotation_from_year is None or year >= town.rotation_from_year) and (
        town.rotation_until_year is None or year <= town.rotation_until_year
    )


def organiser_of(host: Town) -> str:
    """Who runs the meeting: Stadsledningskontoret when Göteborg hosts (P6)."""
    if host.key == HOME_TOWN:
        return m.ORGANISER_HOME
    return host.official_name or host.name


def record_meeting(
    *, session: Session, year: int, changes: MeetingChanges, today: date
) -> tuple[Meeting, bool]:
    """Create or update the record of `year`'s meeting; returns it and whether it is new."""
    check_year(year, today)
    meeting = session.exec(select(Meeting).where(Meeting.year == year)).first()
    host: Town | None = None
    if changes.host is not None:
        host = find_town(session=session, name=changes.host)
        in_rotation = host.kind == "twin" and host.rotation_position is not None
        if not in_rotation or not _takes_part(host, year):
            raise RuleError(m.HOST_NOT_IN_ROTATION.format(town=host.name_sv, year=year))
    created = meeting is None
    if meeting is None:
        if host is None:
            raise RuleError(m.STATUS_NEEDS_HOST)
        assert host.id is not None
        default_status: RecordedStatus = "held" if year < today.year else "planned"
        meeting = Meeting(year=year, host_town_id=host.id, status=default_status)
    elif host is not None:
        assert host.id is not None
        if meeting.host_town_id != host.id and host.key != HOME_TOWN:
            # The timeline and the evaluation duty are Göteborg's as host (P6, P11).
            _drop_home_duties(session, meeting)
        meeting.host_town_id = host.id
    for field in ("status", "start_date", "end_date"):
        value = getattr(changes, field)
        if value is not None:
            setattr(meeting, field, value)
    for field in ("place", "theme", "note", "source"):
        value = getattr(changes, field)
        if value is not None:
            multiline = field == "note"
            limit = TEXT_MAX if multiline else TITLE_MAX
            setattr(
                meeting,
                field,
                checked(value, option=f"--{field}", limit=limit, multiline=multiline),
            )
    if meeting.start_date and meeting.end_date and meeting.start_date > meeting.end_date:
        raise RuleError(m.START_AFTER_END.format(start=meeting.start_date, end=meeting.end_date))
    if meeting.start_date and meeting.start_date.year != year:
        raise RuleError(m.DATE_NOT_IN_YEAR.format(date=meeting.start_date, year=year))
    if meeting.end_date and meeting.end_date.year != year:
        raise RuleError(m.END_NOT_IN_YEAR.format(date=meeting.end_date, year=year))
    if meeting.status == "held" and (
        year > today.year or (meeting.start_date is not None and meeting.start_date > today)
    ):
        raise RuleError(m.HELD_IN_FUTURE.format(year=year))
    if not created:
        if changes.host or changes.status or changes.start_date:
            # Staff restating who hosted, or when, settles an unconfirmed seed record.
            meeting.confirmed = True
        meeting.updated_at = utc_now()
    session.add(meeting)
    session.flush()
    return meeting, created


def get_meeting(*, session: Session, year: int) -> Meeting:
    if not 0 < year < 10_000:
        raise NotFoundError(m.NO_MEETING_RECORDED.format(year=year))
    meeting = session.exec(select(Meeting).where(Meeting.year == year)).first()
    if meeting is None:
        raise NotFoundError(m.NO_MEETING_RECORDED.format(year=year))
    return meeting


def list_meetings(*, session: Session) -> list[Meeting]:
    return list(session.exec(select(Meeting).order_by(Meeting.year)))  # type: ignore[arg-type]


def delete_meeting(*, session: Session, year: int) -> Meeting:
    meeting = get_meeting(session=session, year=year)
    # Hidden, not deleted: it stays in the history and `restore-record` brings it back.
    meeting.deleted_at = utc_now()
    session.add(meeting)
    session.flush()
    return meeting


def meeting_public(*, session: Session, meeting: Meeting) -> dict[str, Any]:
    host = towns_by_id(session=session)[meeting.host_town_id]
    return {
        "year": meeting.year,
        "host": town_ref(host),
        "status": meeting.status,
        "start_date": meeting.start_date,
        "end_date": meeting.end_date,
        "place": meeting.place,
        "theme": meeting.theme,
        "organiser": organiser_of(host),
        "confirmed": meeting.confirmed,
        "note": meeting.note,
        "source": meeting.source,
    }
