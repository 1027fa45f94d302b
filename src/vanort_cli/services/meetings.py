"""Recording the twin-town meetings as they really were (P2, P6)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlmodel import Session, col, select

from vanort_cli.domain.dates import years_handled
from vanort_cli.domain.meetings import MeetingRecord
from vanort_cli.domain.rotation import RecordedStatus
from vanort_cli.domain.text import TEXT_MAX, TITLE_MAX
from vanort_cli.errors import NotFoundError, RuleError, UsageError
from vanort_cli.i18n import messages as m
from vanort_cli.i18n import values
from vanort_cli.services.lookup import find_town
from vanort_cli.services.text import checked
from vanort_cli.services.towns import HOME_TOWN, town_name, town_ref, towns_by_id
from vanort_cli.store.models import Meeting, Town, utc_now


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
    confirmed: bool | None = None  # True: staff confirm the record (never set implicitly)


def check_year(year: int, today: date) -> None:
    """Refuse a year vanort does not handle, in the words every year and date
    option uses (a typed value, so exit 2 as any other bad input)."""
    years = years_handled(today)
    if year not in years:
        raise UsageError(m.OUTSIDE_YEARS.format(value=year, first=years[0], last=years[-1]))


def _drop_home_duties(session: Session, meeting: Meeting) -> None:
    """Remove the preparation and evaluation rows of a meeting Göteborg no longer hosts
    (the history keeps them)."""
    from vanort_cli.store.models import Evaluation, PreparationDone

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
        return str(m.EN.ORGANISER_HOME)  # a name: the same in every language
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
            raise RuleError(m.HOST_NOT_IN_ROTATION.format(town=town_name(host), year=year))
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
    if not created:
        _guard_rescheduling(session, meeting, changes.status)
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
    _check_dates(meeting, today)
    if changes.confirmed:
        # Only staff saying so confirms a record: restating its host or dates does not.
        meeting.confirmed = True
    if not created:
        meeting.updated_at = utc_now()
    session.add(meeting)
    session.flush()
    return meeting, created


def _check_dates(meeting: Meeting, today: date) -> None:
    year = meeting.year
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


def postponed_to(*, session: Session, year: int) -> Meeting | None:
    """The postponed meeting rescheduled to `year`, if `year`'s record is one."""
    return session.exec(
        select(Meeting).where(Meeting.rescheduled_to == year, Meeting.status == "postponed")
    ).first()


def _rescheduled_target(session: Session, meeting: Meeting) -> Meeting | None:
    """The live record of the year a postponed meeting was rescheduled to."""
    if meeting.status != "postponed" or meeting.rescheduled_to is None:
        return None
    return session.exec(select(Meeting).where(Meeting.year == meeting.rescheduled_to)).first()


def _guard_rescheduling(session: Session, meeting: Meeting, status: str | None) -> None:
    """A rescheduled pair is changed through `meeting reschedule`, never half-way."""
    if status is None or status == meeting.status:
        return
    if _rescheduled_target(session, meeting) is not None:
        raise RuleError(
            m.MEETING_IS_RESCHEDULED.format(year=meeting.year, to=meeting.rescheduled_to)
        )
    if meeting.status == "postponed":
        # Cancelled or held after all: a new year set earlier no longer applies.
        meeting.rescheduled_to = None
        meeting.shift_cycle = None
    origin = postponed_to(session=session, year=meeting.year)
    if status == "postponed" and origin is not None:
        raise RuleError(m.RESCHEDULED_POSTPONED.format(year=meeting.year, origin=origin.year))


def get_meeting(*, session: Session, year: int) -> Meeting:
    if not 0 < year < 10_000:
        raise NotFoundError(m.NO_MEETING_RECORDED.format(year=year))
    meeting = session.exec(select(Meeting).where(Meeting.year == year)).first()
    if meeting is None:
        hidden = session.exec(
            select(Meeting)
            .where(Meeting.year == year, col(Meeting.deleted_at).is_not(None))
            .order_by(col(Meeting.deleted_at).desc())
            .execution_options(include_hidden=True)
        ).first()
        if hidden is not None and hidden.deleted_at is not None:
            # Deleted is not gone: say so, and how to bring it back.
            raise NotFoundError(
                m.MEETING_IS_DELETED.format(year=year, on=hidden.deleted_at.date().isoformat())
            )
        raise NotFoundError(m.NO_MEETING_RECORDED.format(year=year))
    return meeting


def list_meetings(*, session: Session) -> list[Meeting]:
    return list(session.exec(select(Meeting).order_by(Meeting.year)))  # type: ignore[arg-type]


def delete_meeting(*, session: Session, year: int) -> Meeting | None:
    """Hide `year`'s record; returns the postponed meeting that was rescheduled to it,
    if any, which is postponed again with no new date set."""
    meeting = get_meeting(session=session, year=year)
    origin = postponed_to(session=session, year=year)
    if origin is not None:
        origin.rescheduled_to = None
        origin.shift_cycle = None
        origin.updated_at = utc_now()
        session.add(origin)
    # Hidden, not deleted: it stays in the history and `restore-record` brings it back.
    meeting.deleted_at = utc_now()
    session.add(meeting)
    session.flush()
    return origin


def confirm_meeting(*, session: Session, year: int) -> Meeting:
    """Staff confirm that `year`'s record is right (e.g. the year of the 2017 seed)."""
    meeting = get_meeting(session=session, year=year)
    if meeting.confirmed:
        raise RuleError(m.MEETING_ALREADY_CONFIRMED.format(year=year))
    meeting.confirmed = True
    meeting.updated_at = utc_now()
    session.add(meeting)
    session.flush()
    return meeting


@dataclass(frozen=True)
class Rescheduling:
    """What `meeting reschedule` was told."""

    year: int
    to: int
    shift_cycle: bool | None  # None: as chosen before, else keep the cycle's years
    start_date: date | None = None
    end_date: date | None = None


def reschedule_meeting(
    *, session: Session, rescheduling: Rescheduling, today: date
) -> tuple[Meeting, Meeting]:
    """Set the new year of a postponed meeting: the postponed record names it, and
    the new year gets an ordinary record (created, moved from an earlier new year,
    or an existing one of the same host taken over). Returns both records."""
    year, to = rescheduling.year, rescheduling.to
    check_year(year, today)
    check_year(to, today)
    postponed = session.exec(select(Meeting).where(Meeting.year == year)).first()
    if postponed is None:
        raise NotFoundError(m.RESCHEDULE_NOTHING_RECORDED.format(year=year))
    if postponed.status != "postponed":
        raise RuleError(
            m.RESCHEDULE_NOT_POSTPONED.format(
                year=year, status=values.MEETING_STATUS.word(postponed.status)
            )
        )
    if to == year:
        raise RuleError(m.RESCHEDULE_SAME_YEAR.format(year=year))
    if to < year:
        raise RuleError(m.RESCHEDULE_EARLIER.format(year=year, to=to))
    shift = rescheduling.shift_cycle
    if shift is None:
        shift = bool(postponed.shift_cycle) if postponed.rescheduled_to is not None else False
    if not shift and (to - year) % 2 == 0:
        raise RuleError(m.RESCHEDULE_ON_CYCLE_YEAR.format(year=year, to=to))
    host = session.get(Town, postponed.host_town_id)
    assert host is not None and host.id is not None
    if not _takes_part(host, to):
        raise RuleError(m.HOST_NOT_IN_ROTATION.format(town=town_name(host), year=to))
    earlier = _rescheduled_target(session, postponed)
    existing = session.exec(select(Meeting).where(Meeting.year == to)).first()
    if existing is not None and existing is not earlier:
        taken_over = (
            earlier is None
            and existing.host_town_id == host.id
            and existing.status not in ("postponed", "cancelled")
            and postponed_to(session=session, year=to) is None
        )
        if not taken_over:
            other = session.get(Town, existing.host_town_id)
            raise RuleError(
                m.RESCHEDULE_YEAR_TAKEN.format(
                    to=to,
                    host=town_name(other) if other else "?",
                    status=values.MEETING_STATUS.word(existing.status),
                )
            )
    target = existing or earlier
    if target is None:
        status = "held" if to < today.year else "planned"
        target = Meeting(year=to, host_town_id=host.id, status=status)
    elif target.year != to:
        # Moved again: its dates belonged to the earlier new year.
        if (target.start_date or target.end_date) and rescheduling.start_date is None:
            raise RuleError(m.RESCHEDULE_DATES_LEFT.format(old=target.year, to=to))
        target.year = to
        target.start_date = target.end_date = None
        if target.status == "held" and to >= today.year:
            target.status = "planned"
    if rescheduling.start_date is not None:
        target.start_date = rescheduling.start_date
    if rescheduling.end_date is not None:
        target.end_date = rescheduling.end_date
    _check_dates(target, today)
    target.updated_at = utc_now()
    postponed.rescheduled_to = to
    postponed.shift_cycle = shift
    postponed.updated_at = utc_now()
    session.add(target)
    session.add(postponed)
    session.flush()
    return postponed, target


def meeting_public(*, session: Session, meeting: Meeting) -> MeetingRecord:
    host = towns_by_id(session=session)[meeting.host_town_id]
    origin = postponed_to(session=session, year=meeting.year)
    return MeetingRecord(
        year=meeting.year,
        host=town_ref(host),
        status=meeting.status,
        start_date=meeting.start_date,
        end_date=meeting.end_date,
        place=meeting.place,
        theme=meeting.theme,
        organiser=organiser_of(host),
        confirmed=meeting.confirmed,
        note=meeting.note,
        source=meeting.source,
        rescheduled_to=meeting.rescheduled_to,
        shift_cycle=meeting.shift_cycle,
        postponed_from=origin.year if origin else None,
    )
