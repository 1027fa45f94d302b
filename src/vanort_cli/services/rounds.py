"""The yearly reporting round (P4, P10): the office asks the administrations and
companies that existed during a year for their collaborations with the twin
towns, and keeps who was asked, reminded and answered, and what.

Keyword-only functions over a session, in the caller's one transaction; the
rules themselves are pure, in domain/rounds.py.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date

from sqlmodel import Session, col, func, select

from vanort_cli.domain.rounds import (
    ANSWERS,
    Answer,
    Asked,
    existed_in,
    is_late,
    status_order,
)
from vanort_cli.errors import NotFoundError, RuleError
from vanort_cli.i18n import messages as m
from vanort_cli.services.lookup import find_organisation
from vanort_cli.store.models import (
    Organisation,
    ReportingRound,
    RoundCollaboration,
    RoundOrganisation,
)

ROUND_KINDS = ("forvaltning", "bolag")


def find_round(*, session: Session, year: int) -> ReportingRound:
    """The round for `year`; refused with the command that opens it."""
    found = session.exec(select(ReportingRound).where(ReportingRound.year == year)).first()
    if found is None:
        raise NotFoundError(m.ROUND_NOT_OPEN.format(year=year))
    return found


def is_asked_by_default(org: Organisation, *, year: int, today: date) -> bool:
    """Asked in the round for `year` unless `--org` names others: an administration
    or company that existed during the year and is not retired today."""
    retired = org.retired_on is not None and org.retired_on < today
    return (
        org.kind in ROUND_KINDS
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
    existing = session.exec(select(ReportingRound).where(ReportingRound.year == year)).first()
    if existing is not None and not organisations:
        raise RuleError(m.ROUND_ALREADY_OPEN.format(year=year, deadline=existing.deadline))
    if existing is not None and existing.closed_on is not None:
        raise RuleError(m.ROUND_CLOSED.format(year=year, date=existing.closed_on))
    if existing is None:
        if deadline is None:
            raise RuleError(m.ROUND_NEEDS_DEADLINE.format(year=year))
        if deadline < today:
            raise RuleError(m.ROUND_DEADLINE_PASSED.format(date=deadline, today=today))
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
        if org.since is not None and org.since[:4] > str(year):
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
    if answer == "nothing" and given:
        raise RuleError(
            m.ROUND_NOTHING_BUT_GIVEN.format(name=org.name, count=len(given), year=year)
        )
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


def status(*, session: Session, year: int, today: date) -> list[Asked]:
    """`round status`: each organisation asked, late ones first."""
    round_ = find_round(session=session, year=year)
    counts = dict(
        session.exec(
            select(RoundCollaboration.round_organisation_id, func.count()).group_by(
                col(RoundCollaboration.round_organisation_id)
            )
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
