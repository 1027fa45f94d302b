"""The yearly reporting round (P4, P10): the office asks the administrations and
companies that existed during a year for their collaborations with the twin
towns, and keeps who was asked, reminded and answered, and what.

Keyword-only functions over a session, in the caller's one transaction; the
rules themselves are pure, in domain/rounds.py.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date

from sqlmodel import Session, col, func, select

from vanort_cli.domain.collaborations import active_in_period
from vanort_cli.domain.rounds import (
    ANSWERS,
    Answer,
    Asked,
    count_answers,
    existed_in,
    is_late,
    since_first_day,
    status_order,
)
from vanort_cli.errors import NotFoundError, RuleError
from vanort_cli.i18n import messages as m
from vanort_cli.services.lookup import find_organisation
from vanort_cli.services.vocabulary import ORGANISATION_KINDS
from vanort_cli.store.history_triggers import OUTSIDE_LOGIN
from vanort_cli.store.models import (
    Collaboration,
    Organisation,
    ReportingRound,
    RoundCollaboration,
    RoundOrganisation,
)


def find_round(*, session: Session, year: int) -> ReportingRound:
    """The round for `year`; refused with the command that opens it."""
    found = session.exec(select(ReportingRound).where(ReportingRound.year == year)).first()
    if found is None:
        raise NotFoundError(m.ROUND_NOT_OPEN.format(year=year))
    return found


def held(*, session: Session, year: int) -> ReportingRound | None:
    """The round for `year`, if one was opened."""
    return session.exec(select(ReportingRound).where(ReportingRound.year == year)).first()


def ensure_open(round_: ReportingRound) -> None:
    """Refused on a closed round: nothing more is sent (letters, reminders) or added
    (`round open --org`) in it. Answers are still taken, marked late."""
    if round_.closed_on is not None:
        raise RuleError(m.ROUND_CLOSED.format(year=round_.year, date=round_.closed_on))


def is_asked_by_default(org: Organisation, *, year: int, today: date) -> bool:
    """Asked in the round for `year` unless `--org` names others: an administration
    or company that existed during the year and is not retired today."""
    retired = org.retired_on is not None and org.retired_on < today
    return (
        org.kind in ORGANISATION_KINDS
        and existed_in(year, since=org.since, retired_on=org.retired_on)
        and not retired
    )


def open_round(
    *,
    session: Session,
    year: int,
    deadline: date | None,
    today: date,
    organisations: Sequence[str] = (),
) -> tuple[ReportingRound, list[Organisation]]:
    """Open the round for `year`, asking every organisation that existed during the
    year and is not retired (or those named). On a round already open, the named
    organisations are added to it (one round a year). Returns the round and the
    organisations added now."""
    if year > today.year:
        raise RuleError(m.ROUND_YEAR_AHEAD.format(year=year))
    existing = held(session=session, year=year)
    if existing is not None:
        # A closed round says so first: "already open" would be untrue of it.
        ensure_open(existing)
        if not organisations:
            raise RuleError(m.ROUND_ALREADY_OPEN.format(year=year, deadline=existing.deadline))
    if existing is None:
        if deadline is None:
            raise RuleError(m.ROUND_NEEDS_DEADLINE.format(year=year, next=year + 1))
        # A deadline already passed is a round held before vanort kept rounds
        # (letters sent by hand): recorded as it was, every one silent is late.
        existing = ReportingRound(year=year, deadline=deadline, opened_on=today)
        session.add(existing)
        session.flush()
    if organisations:
        chosen = [_askable(session, name, year=year, today=today) for name in organisations]
    else:
        chosen = [
            o
            for o in session.exec(select(Organisation))
            if is_asked_by_default(o, year=year, today=today)
        ]
    assert existing.id is not None
    already = set(
        session.exec(
            select(RoundOrganisation.organisation_id).where(
                RoundOrganisation.round_id == existing.id
            )
        )
    )
    added: list[Organisation] = []
    for org in chosen:
        if org.id in already:
            continue
        assert org.id is not None
        session.add(RoundOrganisation(round_id=existing.id, organisation_id=org.id))
        already.add(org.id)
        added.append(org)
    session.flush()
    return existing, added


def _askable(session: Session, name: str, *, year: int, today: date) -> Organisation:
    org = find_organisation(session=session, name=name)
    if not existed_in(year, since=org.since, retired_on=org.retired_on):
        if org.since is not None and since_first_day(org.since).year > year:
            raise RuleError(m.ROUND_ORG_NOT_YET.format(name=org.name, since=org.since, year=year))
        raise RuleError(m.ROUND_ORG_GONE.format(name=org.name, date=org.retired_on, year=year))
    if org.retired_on is not None and org.retired_on < today:
        raise RuleError(m.ROUND_ORG_RETIRED.format(name=org.name, date=org.retired_on))
    return org


def member(*, session: Session, round_: ReportingRound, org: Organisation) -> RoundOrganisation:
    """The organisation's place in the round; refused if it was not asked."""
    found = session.exec(
        select(RoundOrganisation).where(
            RoundOrganisation.round_id == round_.id,
            RoundOrganisation.organisation_id == org.id,
        )
    ).first()
    if found is None:
        raise RuleError(m.ROUND_ORG_NOT_ASKED.format(name=org.name, year=round_.year))
    return found


def record_answer(
    *,
    session: Session,
    year: int,
    org: Organisation,
    answer: Answer,
    today: date,
    by: str,
    collaboration_ids: Iterable[int] = (),
) -> RoundOrganisation:
    """Record an organisation's answer to the round for `year`: its collaborations
    (linked to the round, each once however often it is given) or nothing. The
    first answer's day stays its answer day, so a correction sent later does not
    make it late; a round closed still takes answers, marked late."""
    assert answer in ANSWERS
    round_ = find_round(session=session, year=year)
    place = member(session=session, round_=round_, org=org)
    assert place.id is not None
    given = _linked(session, place.id)
    live = _live_count(session, place.id)
    if answer == "nothing" and live:
        raise RuleError(m.ROUND_NOTHING_BUT_GIVEN.format(name=org.name, count=live, year=year))
    for collaboration_id in collaboration_ids:
        if collaboration_id not in given:
            session.add(
                RoundCollaboration(
                    round_organisation_id=place.id, collaboration_id=collaboration_id
                )
            )
            given.add(collaboration_id)
    if place.answered_on is None:
        place.answered_on = today
        place.answered_by = by
    place.answer = answer
    session.add(place)
    session.flush()
    return place


def _linked(session: Session, place_id: int) -> set[int]:
    return set(
        session.exec(
            select(RoundCollaboration.collaboration_id).where(
                RoundCollaboration.round_organisation_id == place_id
            )
        )
    )


def _live_count(session: Session, place_id: int) -> int:
    """The collaborations given in an answer that are not deleted: one given by
    mistake and deleted no longer stands in the way of answering nothing."""
    return len(
        session.exec(
            select(RoundCollaboration.collaboration_id)
            .join(Collaboration, col(Collaboration.id) == RoundCollaboration.collaboration_id)
            .where(RoundCollaboration.round_organisation_id == place_id)
        ).all()
    )


def status(*, session: Session, year: int, today: date) -> list[Asked]:
    """`round status`: each organisation asked, late ones first."""
    round_ = find_round(session=session, year=year)
    counts = dict(
        session.exec(
            # Joined with Collaboration so that the deleted ones are left out
            # (store/audit.py hides them from every query that names the table).
            select(RoundCollaboration.round_organisation_id, func.count())
            .join(Collaboration, col(Collaboration.id) == RoundCollaboration.collaboration_id)
            .group_by(col(RoundCollaboration.round_organisation_id))
        ).all()
    )
    rows = session.exec(
        select(RoundOrganisation, Organisation)
        .join(Organisation, col(Organisation.id) == RoundOrganisation.organisation_id)
        .where(RoundOrganisation.round_id == round_.id)
    ).all()
    return status_order(
        Asked(
            organisation=org.name,
            asked_on=place.asked_on,
            reminded_on=place.reminded_on,
            answered_on=place.answered_on,
            answer=place.answer,  # type: ignore[arg-type]
            collaborations=counts.get(place.id or 0, 0),
            late=is_late(
                deadline=round_.deadline,
                answered_on=place.answered_on,
                today=today,
                closed_on=round_.closed_on,
            ),
        )
        for place, org in rows
    )


@dataclass(frozen=True)
class RoundOverview:
    """A round as `round show` and `round list` show it: its days and its counts
    (domain.rounds.RoundCounts), flat, for a table, a CSV row or a JSON object."""

    year: int
    deadline: date
    opened_on: date
    closed_on: date | None  # None: open
    asked: int
    answered_with_collaborations: int
    answered_nothing: int
    did_not_answer: int
    late: int


def _overview(session: Session, round_: ReportingRound, today: date) -> RoundOverview:
    counts = count_answers(status(session=session, year=round_.year, today=today))
    return RoundOverview(
        year=round_.year,
        deadline=round_.deadline,
        opened_on=round_.opened_on,
        closed_on=round_.closed_on,
        asked=counts.asked,
        answered_with_collaborations=counts.answered_with_collaborations,
        answered_nothing=counts.answered_nothing,
        did_not_answer=counts.did_not_answer,
        late=counts.late,
    )


def overview(*, session: Session, year: int, today: date) -> RoundOverview:
    """`round show`: the round for `year`; refused with the command that opens it."""
    return _overview(session, find_round(session=session, year=year), today)


def overviews(*, session: Session, today: date) -> list[RoundOverview]:
    """`round list`: every round, newest first (one a year, so few)."""
    rounds = session.exec(select(ReportingRound).order_by(col(ReportingRound.year).desc()))
    return [_overview(session, round_, today) for round_ in rounds.all()]


def close_round(*, session: Session, year: int, today: date) -> ReportingRound:
    """`round close`: freeze the round on `today`. Nothing more is sent or added
    in it; answers are still taken, marked late (domain.rounds.is_late)."""
    round_ = find_round(session=session, year=year)
    if round_.closed_on is not None:
        raise RuleError(m.ROUND_ALREADY_CLOSED.format(year=year, date=round_.closed_on))
    if today < round_.opened_on:
        raise RuleError(
            m.ROUND_CLOSE_BEFORE_OPENED.format(year=year, date=round_.opened_on, today=today)
        )
    round_.closed_on = today
    session.add(round_)
    session.flush()
    return round_


@dataclass(frozen=True)
class Answered:
    """An answer as it was recorded: whose, when and by whom (the first answer's),
    whether it is late, and whether the same answer was already recorded."""

    year: int
    organisation: str
    answered_on: date
    answered_by: str
    late: bool
    again: bool


def _answered(
    round_: ReportingRound, org: Organisation, place: RoundOrganisation, *, again: bool, today: date
) -> Answered:
    assert place.answered_on is not None
    return Answered(
        year=round_.year,
        organisation=org.name,
        answered_on=place.answered_on,
        # None: the answer was written past vanort (psql), as the history says.
        answered_by=place.answered_by or OUTSIDE_LOGIN,
        late=is_late(
            deadline=round_.deadline,
            answered_on=place.answered_on,
            today=today,
            closed_on=round_.closed_on,
        ),
        again=again,
    )


def answer_nothing(*, session: Session, year: int, name: str, today: date, by: str) -> Answered:
    """`round answer YEAR ORG --nothing`: the organisation had no collaborations
    with the twin towns in the year. Refused if it was not asked, if no round was
    opened for the year, or if it already answered with collaborations."""
    round_ = find_round(session=session, year=year)
    org = find_organisation(session=session, name=name)
    before = member(session=session, round_=round_, org=org).answer
    place = record_answer(session=session, year=year, org=org, answer="nothing", today=today, by=by)
    return _answered(round_, org, place, again=before == "nothing", today=today)


def answer_with_logged(
    *, session: Session, year: int, collaboration_id: int, today: date, by: str
) -> Answered:
    """`log-collaboration --round YEAR`: the collaboration just logged is its
    organisation's answer (or part of it) to the round for `year`, in the same
    transaction. Refused, and so not logged, if the organisation was not asked or
    the collaboration was not active during the year."""
    round_ = find_round(session=session, year=year)
    collaboration = session.get(Collaboration, collaboration_id)
    assert collaboration is not None
    org = session.get(Organisation, collaboration.organisation_id)
    assert org is not None
    member(session=session, round_=round_, org=org)
    start, end = collaboration.start_date, collaboration.end_date
    if not active_in_period(start.year, None if end is None else end.year, year, year):
        if start.year > year:
            raise RuleError(m.ROUND_COLLAB_AFTER_YEAR.format(date=start, year=year))
        raise RuleError(m.ROUND_COLLAB_BEFORE_YEAR.format(date=end, year=year))
    place = record_answer(
        session=session,
        year=year,
        org=org,
        answer="collaborations",
        today=today,
        by=by,
        collaboration_ids=[collaboration_id],
    )
    return _answered(round_, org, place, again=False, today=today)


# -- what the office's web pages read (web/office.py) --


def latest_year(*, session: Session) -> int | None:
    """The year of the newest round, or None when none has been opened."""
    latest = session.exec(select(func.max(ReportingRound.year))).one()
    return int(latest) if latest is not None else None


@dataclass(frozen=True)
class OrganisationAnswer:
    """One organisation's place in a round, read-only: asked, answered on/by, and
    the collaborations its answer gave. `place` None: it was not asked."""

    organisation: Organisation
    year: int
    place: RoundOrganisation | None
    collaborations: list[Collaboration]


def organisation_answer(*, session: Session, year: int, key: str) -> OrganisationAnswer | None:
    """The answer of the organisation whose key is `key` to the round for `year`;
    None for an unknown round or key (the web's 404)."""
    round_ = held(session=session, year=year)
    org = session.exec(select(Organisation).where(Organisation.key == key)).first()
    if round_ is None or org is None:
        return None
    place = session.exec(
        select(RoundOrganisation).where(
            RoundOrganisation.round_id == round_.id,
            RoundOrganisation.organisation_id == org.id,
        )
    ).first()
    given: list[Collaboration] = []
    if place is not None:
        given = list(
            session.exec(
                select(Collaboration)
                .join(
                    RoundCollaboration, col(RoundCollaboration.collaboration_id) == Collaboration.id
                )
                .where(RoundCollaboration.round_organisation_id == place.id)
                .order_by(col(Collaboration.start_date), col(Collaboration.id))
            )
        )
    return OrganisationAnswer(organisation=org, year=year, place=place, collaborations=given)


def organisation_keys(*, session: Session) -> dict[str, str]:
    """Each organisation's key by its name (the overview links each row)."""
    return {o.name: o.key for o in session.exec(select(Organisation))}
