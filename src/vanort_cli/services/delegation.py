"""A meeting in full: its delegations (P5), seminars (P2) and, when Göteborg hosts,
the preparation timeline that Stadsledningskontoret follows (P6)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlmodel import Session, col, select

from vanort_cli.domain.followup import (
    PreparationStep,
    TimelineStep,
    meeting_settled,
    preparation_timeline,
)
from vanort_cli.domain.meetings import EvaluationDone, Hosting, MeetingDetails
from vanort_cli.domain.names import normalise
from vanort_cli.domain.report import Participant as ParticipantRow
from vanort_cli.domain.report import Seminar as SeminarRow
from vanort_cli.domain.text import TITLE_MAX
from vanort_cli.errors import NotFoundError, RuleError
from vanort_cli.i18n import messages as m
from vanort_cli.services.lookup import find_organisation, find_town
from vanort_cli.services.meetings import get_meeting
from vanort_cli.services.text import checked, optional
from vanort_cli.services.towns import HOME_TOWN, town_name, town_ref
from vanort_cli.store.models import (
    Evaluation,
    Meeting,
    Organisation,
    Participant,
    PreparationDone,
    Seminar,
    Town,
)
from vanort_cli.store.seed import load


def preparation_steps() -> list[PreparationStep]:
    return [PreparationStep(**row) for row in load("preparation")["steps"]]


def _participant_record(session: Session, participant: Participant) -> ParticipantRow:
    """A stored participant as the commands show it: the town by its reference."""
    member_of = session.get(Town, participant.town_id)
    assert member_of is not None  # a participant's town is never deleted (foreign key)
    return ParticipantRow(
        name=participant.name,
        town=town_ref(member_of),
        role=participant.role,
        decision=participant.decision,
    )


def add_participant(
    *, session: Session, year: int, name: str, town: str, role: str | None, decision: str | None
) -> ParticipantRow:
    meeting = get_meeting(session=session, year=year)
    member_of = find_town(session=session, name=town, hint="twin")
    if member_of.kind != "twin":
        raise RuleError(m.PARTICIPANT_TWIN_ONLY.format(town=town_name(member_of)))
    assert meeting.id is not None and member_of.id is not None
    for other in session.exec(
        select(Participant).where(
            Participant.meeting_id == meeting.id, Participant.town_id == member_of.id
        )
    ):
        if normalise(other.name) == normalise(name):
            raise RuleError(m.PARTICIPANT_EXISTS.format(name=other.name, year=year))
    participant = Participant(
        meeting_id=meeting.id,
        town_id=member_of.id,
        name=checked(name, option="--name", limit=TITLE_MAX),
        role=optional(role, option="--role", limit=TITLE_MAX),
        decision=optional(decision, option="--decision", limit=TITLE_MAX),
    )
    session.add(participant)
    session.flush()
    return _participant_record(session, participant)


def remove_participant(*, session: Session, year: int, name: str, town: str | None) -> None:
    meeting = get_meeting(session=session, year=year)
    session.delete(_one_participant(session, meeting, name, town))
    session.flush()


def _one_participant(
    session: Session, meeting: Meeting, name: str, town: str | None
) -> Participant:
    query = select(Participant).where(Participant.meeting_id == meeting.id)
    if town is not None:
        query = query.where(Participant.town_id == find_town(session=session, name=town).id)
    matches = [p for p in session.exec(query) if normalise(p.name) == normalise(name)]
    if not matches:
        raise NotFoundError(m.PARTICIPANT_NOT_FOUND.format(name=name, year=meeting.year))
    if len(matches) > 1:
        raise RuleError(m.PARTICIPANT_AMBIGUOUS.format(name=name))
    return matches[0]


@dataclass(frozen=True)
class ParticipantChanges:
    """What `meeting participant edit` was told; None leaves a field as it is."""

    name: str | None = None
    role: str | None = None
    decision: str | None = None


def edit_participant(
    *, session: Session, year: int, name: str, town: str | None, changes: ParticipantChanges
) -> ParticipantRow:
    """Change a participant's name, role or the presidium's decision (P5)."""
    if changes == ParticipantChanges():
        raise RuleError(m.PARTICIPANT_NOTHING_TO_EDIT)
    meeting = get_meeting(session=session, year=year)
    participant = _one_participant(session, meeting, name, town)
    if changes.name is not None:
        new_name = checked(changes.name, option="--new-name", limit=TITLE_MAX)
        for other in session.exec(
            select(Participant).where(
                Participant.meeting_id == meeting.id, Participant.town_id == participant.town_id
            )
        ):
            if other is not participant and normalise(other.name) == normalise(new_name):
                raise RuleError(m.PARTICIPANT_EXISTS.format(name=other.name, year=year))
        participant.name = new_name
    if changes.role is not None:
        participant.role = checked(changes.role, option="--role", limit=TITLE_MAX)
    if changes.decision is not None:
        participant.decision = checked(changes.decision, option="--decision", limit=TITLE_MAX)
    session.add(participant)
    session.flush()
    return _participant_record(session, participant)


def participant_rows(*, session: Session, meeting: Meeting) -> list[ParticipantRow]:
    towns = {t.id: t for t in session.exec(select(Town))}
    participants = session.exec(
        select(Participant)
        .where(Participant.meeting_id == meeting.id)
        .order_by(col(Participant.town_id), col(Participant.id))
    ).all()
    return [
        ParticipantRow(
            name=p.name, town=town_ref(towns[p.town_id]), role=p.role, decision=p.decision
        )
        for p in participants
    ]


def seminar_rows(*, session: Session, meeting: Meeting) -> list[SeminarRow]:
    orgs = {o.id: o for o in session.exec(select(Organisation))}
    seminars = session.exec(
        select(Seminar).where(Seminar.meeting_id == meeting.id).order_by(col(Seminar.id))
    ).all()
    return [
        SeminarRow(
            title=s.title,
            speaker=s.speaker,
            organisation=orgs[s.organisation_id].name if s.organisation_id else None,
        )
        for s in seminars
    ]


@dataclass(frozen=True)
class SeminarChanges:
    """What `meeting seminar edit` was told; None leaves a field as it is."""

    title: str | None = None
    speaker: str | None = None
    org: str | None = None


def edit_seminar(*, session: Session, year: int, title: str, changes: SeminarChanges) -> Seminar:
    """Change a seminar's title, speaker or organisation."""
    if changes == SeminarChanges():
        raise RuleError(m.SEMINAR_NOTHING_TO_EDIT)
    meeting = get_meeting(session=session, year=year)
    seminars = list(session.exec(select(Seminar).where(Seminar.meeting_id == meeting.id)))
    seminar = next((s for s in seminars if normalise(s.title) == normalise(title)), None)
    if seminar is None:
        raise NotFoundError(m.SEMINAR_NOT_FOUND.format(title=title, year=year))
    if changes.title is not None:
        new_title = checked(changes.title, option="--new-title", limit=TITLE_MAX)
        for other in seminars:
            if other is not seminar and normalise(other.title) == normalise(new_title):
                raise RuleError(m.SEMINAR_EXISTS.format(title=other.title, year=year))
        seminar.title = new_title
    if changes.speaker is not None:
        seminar.speaker = checked(changes.speaker, option="--speaker", limit=TITLE_MAX)
    if changes.org is not None:
        seminar.organisation_id = find_organisation(session=session, name=changes.org).id
    session.add(seminar)
    session.flush()
    return seminar


def add_seminar(
    *, session: Session, year: int, title: str, speaker: str | None, org: str | None
) -> Seminar:
    meeting = get_meeting(session=session, year=year)
    assert meeting.id is not None
    organisation_id = find_organisation(session=session, name=org).id if org is not None else None
    for other in session.exec(select(Seminar).where(Seminar.meeting_id == meeting.id)):
        if normalise(other.title) == normalise(title):
            raise RuleError(m.SEMINAR_EXISTS.format(title=other.title, year=year))
    seminar = Seminar(
        meeting_id=meeting.id,
        title=checked(title, option="--title", limit=TITLE_MAX),
        speaker=optional(speaker, option="--speaker", limit=TITLE_MAX),
        organisation_id=organisation_id,
    )
    session.add(seminar)
    session.flush()
    return seminar


def remove_seminar(*, session: Session, year: int, title: str) -> None:
    meeting = get_meeting(session=session, year=year)
    matches = [
        s
        for s in session.exec(select(Seminar).where(Seminar.meeting_id == meeting.id))
        if normalise(s.title) == normalise(title)
    ]
    if not matches:
        raise NotFoundError(m.SEMINAR_NOT_FOUND.format(title=title, year=year))
    for seminar in matches:
        session.delete(seminar)
    session.flush()


def mark_step_done(*, session: Session, year: int, step: str, on: date, today: date) -> None:
    """Mark a preparation step of a Göteborg-hosted meeting done (again: moves its date)."""
    if on > today:
        raise RuleError(m.DATE_IN_FUTURE.format(option="--on", date=on))
    meeting = get_meeting(session=session, year=year)
    host = session.get(Town, meeting.host_town_id)
    if host is None or host.key != HOME_TOWN:
        raise RuleError(m.PREPARATION_HOME_ONLY.format(year=year))
    keys = [s.key for s in preparation_steps()]
    if step not in keys:
        raise NotFoundError(m.UNKNOWN_STEP.format(step=step, steps=", ".join(keys)))
    assert meeting.id is not None
    existing = session.exec(
        select(PreparationDone).where(
            PreparationDone.meeting_id == meeting.id, PreparationDone.step == step
        )
    ).first()
    record = existing or PreparationDone(meeting_id=meeting.id, step=step, done_on=on)
    record.done_on = on
    session.add(record)
    session.flush()


def timeline_for(
    *, session: Session, meeting: Meeting | None, start: date | None, today: date
) -> list[TimelineStep]:
    """The preparation timeline of a Göteborg-hosted meeting, recorded or computed."""
    done: dict[str, date] = {}
    if meeting is not None:
        done = {
            d.step: d.done_on
            for d in session.exec(
                select(PreparationDone).where(PreparationDone.meeting_id == meeting.id)
            )
        }
    settled = meeting is not None and meeting_settled(meeting.status, meeting.rescheduled_to)
    return preparation_timeline(preparation_steps(), start, done, today, settled=settled)


def meeting_details(*, session: Session, meeting: Meeting, today: date) -> MeetingDetails:
    """Participants, seminars, and for Göteborg-hosted meetings the timeline and evaluation."""
    towns = {t.id: t for t in session.exec(select(Town))}
    hosting = None
    if towns[meeting.host_town_id].key == HOME_TOWN:
        evaluation = session.exec(
            select(Evaluation).where(Evaluation.meeting_id == meeting.id)
        ).first()
        hosting = Hosting(
            preparation=timeline_for(
                session=session, meeting=meeting, start=meeting.start_date, today=today
            ),
            evaluation=EvaluationDone(reference=evaluation.reference, done_on=evaluation.done_on)
            if evaluation
            else None,
        )
    return MeetingDetails(
        participants=tuple(participant_rows(session=session, meeting=meeting)),
        seminars=tuple(seminar_rows(session=session, meeting=meeting)),
        hosting=hosting,
    )
