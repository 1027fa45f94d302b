"""What the calendar file holds (`vanort calendar`): the rows of `vanort schedule`,
the dated preparation steps of each Göteborg-hosted meeting (as `meeting show`
counts them) and the evaluation due after it (as `evaluation list` says), as the
plain rows `exchange/ics.py` writes."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time

from sqlalchemy import func
from sqlmodel import Session, select

from vanort_cli.domain.dates import FIRST_YEAR
from vanort_cli.domain.followup import evaluation_due
from vanort_cli.domain.report import MeetingYear
from vanort_cli.exchange.ics import EvaluationRow, MeetingRow, PreparationRow
from vanort_cli.i18n import Name
from vanort_cli.services.delegation import timeline_for
from vanort_cli.services.evaluation import due_days, list_evaluations
from vanort_cli.services.meetings import check_year
from vanort_cli.services.schedule import default_range, meeting_schedule
from vanort_cli.services.towns import HOME_TOWN
from vanort_cli.store.models import (
    AuditEntry,
    Evaluation,
    Meeting,
    Meta,
    PreparationDone,
    Town,
    TownDecision,
)

# The tables each kind of event is computed from. A change to any meeting or town
# may move every computed year after it (a cancelled host passes its turn, a new
# town joins), so every meeting event counts them all.
MEETING_SOURCES = (Meeting.__tablename__, Town.__tablename__, TownDecision.__tablename__)
PREPARATION_SOURCES = (*MEETING_SOURCES, PreparationDone.__tablename__)
# vanort_meta holds the evaluation's due days (`vanort evaluation due-days`).
EVALUATION_SOURCES = (*MEETING_SOURCES, Evaluation.__tablename__, Meta.__tablename__)


@dataclass
class CalendarRows:
    first_year: int
    last_year: int
    meetings: list[MeetingRow] = field(default_factory=list)
    preparation: list[PreparationRow] = field(default_factory=list)
    evaluations: list[EvaluationRow] = field(default_factory=list)


def calendar_range(
    *, session: Session, first_year: int | None, last_year: int | None, today: date
) -> tuple[int, int]:
    """The meeting years of the calendar. By default from last year (its meeting and
    the evaluation that follows it) to one full rotation past the next meeting, as
    `vanort schedule` shows, which always holds Göteborg's next turn."""
    for year in (first_year, last_year):
        if year is not None:
            check_year(year, today)
    if first_year is None:
        first_year = max(FIRST_YEAR, today.year - 1)
        if last_year is not None:
            first_year = min(first_year, last_year)
    if last_year is None:
        last_year = max(default_range(session=session, today=today)[1], first_year)
    return first_year, last_year


def history_sequence(*, session: Session, tables: tuple[str, ...]) -> int:
    """How many changes the history records to `tables`: an event's SEQUENCE.

    The history is never shortened (a purge keeps it), so the number only grows,
    and it grows with every change that can alter the event; the same registry
    always gives the same number. A command that changes nothing adds nothing.
    """
    count = session.exec(
        select(func.count()).select_from(AuditEntry).where(AuditEntry.table_name.in_(tables))  # type: ignore[attr-defined]
    ).one()
    return int(count)


def calendar_rows(
    *, session: Session, first_year: int | None, last_year: int | None, today: date
) -> CalendarRows:
    first, last = calendar_range(
        session=session, first_year=first_year, last_year=last_year, today=today
    )
    schedule = meeting_schedule(session=session, first_year=first, last_year=last, today=today)
    rows = CalendarRows(first_year=first, last_year=last)
    meeting_sequence = history_sequence(session=session, tables=MEETING_SOURCES)
    rows.meetings = [_meeting_row(r, meeting_sequence) for r in schedule]
    home = [r for r in schedule if r.host.key == HOME_TOWN and r.status != "unrecorded"]
    if home:
        rows.preparation = _preparation_rows(session, home, today)
        rows.evaluations = _evaluation_rows(session, home, today)
    return rows


def _meeting_row(row: MeetingYear, sequence: int) -> MeetingRow:
    return MeetingRow(
        year=row.year,
        host=Name(row.host.name, row.host.name_sv),
        status=row.status,
        start_date=row.start_date,
        end_date=row.end_date,
        place=row.place,
        theme=row.theme,
        organiser=row.organiser,
        confirmed=row.confirmed,
        rescheduled_to=row.rescheduled_to,
        postponed_from=row.postponed_from,
        sequence=sequence,
    )


def _will_not_be_held(row: MeetingYear) -> bool:
    """Cancelled, or postponed to another year (whose own row holds it)."""
    return bool(
        row.status == "cancelled" or (row.status == "postponed" and row.rescheduled_to is not None)
    )


def _preparation_rows(
    session: Session, home: list[MeetingYear], today: date
) -> list[PreparationRow]:
    sequence = history_sequence(session=session, tables=PREPARATION_SOURCES)
    records = {r.year: r for r in session.exec(select(Meeting))}
    rows = []
    for meeting in home:
        record = records.get(meeting.year) if meeting.source == "recorded" else None
        for step in timeline_for(
            session=session, meeting=record, start=meeting.start_date, today=today
        ):
            if step.due is None:  # no start date: nothing to count back from
                continue
            rows.append(
                PreparationRow(
                    year=meeting.year,
                    step=step.step,
                    name_sv=step.name_sv,
                    name=step.name,
                    days_before=step.days_before,
                    due=step.due,
                    done_on=step.done_on,
                    status=step.status,
                    meeting_cancelled=_will_not_be_held(meeting),
                    sequence=sequence,
                )
            )
    return rows


def _evaluation_rows(session: Session, home: list[MeetingYear], today: date) -> list[EvaluationRow]:
    """The evaluation of each held meeting as `evaluation list` has it; of each meeting
    still to be held, a forecast; of one that will not be held, a void entry (so a
    calendar that imported the forecast learns it is gone)."""
    sequence = history_sequence(session=session, tables=EVALUATION_SOURCES)
    days = due_days(session=session)
    listed = {e["year"]: e for e in list_evaluations(session=session, today=today)}
    rows = []
    for meeting in home:
        year = meeting.year
        evaluation = listed.get(year) if meeting.status == "held" else None
        if evaluation is not None:
            due, status = evaluation["due"], evaluation["status"]
            done_on, reference = evaluation["done_on"], evaluation["reference"]
        else:
            due = evaluation_due(year, meeting.start_date, meeting.end_date, days)
            status = "void" if _will_not_be_held(meeting) else "forecast"
            done_on = reference = None
        rows.append(
            EvaluationRow(
                year=year,
                due=due,
                status=status,
                done_on=done_on,
                reference=reference,
                days=days,
                sequence=sequence,
            )
        )
    return rows


# Every table the calendar's events are drawn from.
CALENDAR_SOURCES = tuple(dict.fromkeys((*PREPARATION_SOURCES, *EVALUATION_SOURCES)))


def last_changed(
    *, session: Session, tables: tuple[str, ...] = CALENDAR_SOURCES
) -> datetime | None:
    """When the history last recorded a change to `tables` (UTC), or None when it
    records none: the calendar's Last-Modified, and its DTSTAMP on the web, so that
    the same registry gives the same bytes until something in it changes."""
    latest = session.exec(
        select(func.max(AuditEntry.at)).where(AuditEntry.table_name.in_(tables))  # type: ignore[attr-defined]
    ).one()
    if latest is None:
        return None
    return latest if latest.tzinfo else latest.replace(tzinfo=UTC)


def calendar_file(*, session: Session, today: date) -> tuple[bytes, datetime]:
    """The file `vanort calendar` writes for `today` over the default range, for
    the web's subscription: stamped (DTSTAMP) with the latest change to what it
    draws on, else `today`'s midnight as the command with --today, so that the
    same registry gives the same bytes. Returns the bytes and that stamp."""
    from vanort_cli.exchange.ics import calendar_bytes, calendar_events

    rows = calendar_rows(session=session, first_year=None, last_year=None, today=today)
    changed = last_changed(session=session)
    stamp = (changed or datetime.combine(today, time(), UTC)).replace(microsecond=0)
    events = calendar_events(rows.meetings, rows.preparation, rows.evaluations)
    return calendar_bytes(events, stamp=stamp), stamp
