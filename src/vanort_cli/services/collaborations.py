"""Collaborations with the twin towns and partner cities, as the City's
administrations and companies report them (P3, P4, P8, P10)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, fields
from datetime import date
from typing import Any, Literal

from sqlmodel import Session, col, select

from vanort_cli.domain.collaborations import (
    identity,
    reaches_past,
    standing_on,
    starts_after_retirement,
)
from vanort_cli.domain.records import CollaborationRecord
from vanort_cli.domain.refs import CollaborationTownRef
from vanort_cli.domain.text import TITLE_MAX
from vanort_cli.errors import NotFoundError, RuleError, UsageError
from vanort_cli.i18n import messages as m
from vanort_cli.services.collaboration_records import collaboration_record
from vanort_cli.services.lookup import find_area, find_organisation, find_town, names_by_id
from vanort_cli.services.merges import former_name, organisation_merges
from vanort_cli.services.text import checked, optional
from vanort_cli.services.towns import town_membership, town_name
from vanort_cli.store.models import (
    Collaboration,
    CollaborationTown,
    Organisation,
    Town,
    utc_now,
)

COLLABORATION_KINDS = ("project", "network", "exchange", "study-visit", "other")


@dataclass(frozen=True)
class CollaborationInput:
    """What `log-collaboration` or `collaborations edit` was told; None: not given."""

    towns: Sequence[str] | None = None
    org: str | None = None
    area: str | None = None
    title: str | None = None
    description: str | None = None
    start_date: date | None = None
    end_date: date | None = None
    kind: str | None = None
    contact: str | None = None
    reported_by: str | None = None
    reported_on: date | None = None


@dataclass(frozen=True)
class CollaborationNote:
    """What the checks of a stored collaboration found that is allowed all the
    same, for the command to say in its words. `town_dormant`: `town` is a dormant
    partner city; `org_renamed`: `typed` is what `organisation` (its name now)
    was called before a rename, `org_merged`: the name of an organisation merged
    into it; either way the record is filed under `organisation`."""

    code: Literal["town_dormant", "org_renamed", "org_merged", "town_left", "org_retired"]
    town: CollaborationTownRef | None = None
    typed: str | None = None
    organisation: str | None = None
    last_day: date | None = None  # town_left, org_retired: the day it left, its last day


def _past_departures(
    session: Session, towns: Sequence[Town], org: Organisation, start: date, end: date | None
) -> tuple[CollaborationNote, ...]:
    """A collaboration that goes on after one of its towns left or after its
    organisation's last day is stored (it began before), with a note: `check`
    flags it until it is ended or corrected (services/departures.py)."""
    notes = []
    for town in towns:
        left = town_membership(session=session, town=town).left
        if left.on is not None and reaches_past(start, end, left.on):
            assert town.id is not None
            ref = names_by_id(session=session).towns[town.id]
            notes.append(CollaborationNote("town_left", town=ref, last_day=left.on))
    merged = org.id in organisation_merges(session=session)
    if org.retired_on is not None and not merged and reaches_past(start, end, org.retired_on):
        notes.append(
            CollaborationNote("org_retired", organisation=org.name, last_day=org.retired_on)
        )
    return tuple(notes)


def _org_notes(session: Session, typed: str, org: Organisation) -> tuple[CollaborationNote, ...]:
    was = former_name(session=session, typed=typed, org=org)
    if was is None:
        return ()
    code: Literal["org_renamed", "org_merged"] = "org_renamed" if was == "renamed" else "org_merged"
    return (CollaborationNote(code, typed=typed, organisation=org.name),)


@dataclass(frozen=True)
class Stored:
    """A collaboration as it was stored, and what its checks have to say."""

    record: CollaborationRecord
    notes: tuple[CollaborationNote, ...] = ()


def _resolve_towns(session: Session, names: Sequence[str]) -> list[Town]:
    if not names:
        raise RuleError(m.COLLAB_NEEDS_TOWN)
    towns: dict[str, Town] = {}
    for name in names:
        town = find_town(session=session, name=name, hint="collaboration")
        towns.setdefault(town.key, town)
    home = [t for t in towns.values() if t.key == "goteborg"]
    if home:
        raise RuleError(m.COLLAB_WITH_HOME)
    return list(towns.values())


def _check_kind(kind: str) -> str:
    if kind not in COLLABORATION_KINDS:
        raise RuleError(m.COLLAB_KIND.format(kind=kind, kinds=", ".join(COLLABORATION_KINDS)))
    return kind


def _check_dates(start: date, end: date | None) -> None:
    if end is not None and end < start:
        raise RuleError(m.START_AFTER_END.format(start=start, end=end))


def _check_reported_on(reported_on: date | None, today: date) -> None:
    if reported_on is not None and reported_on > today:
        raise RuleError(m.DATE_IN_FUTURE.format(option="--reported-on", date=reported_on))


def _check_towns_on(
    session: Session, towns: Sequence[Town], start: date
) -> tuple[CollaborationNote, ...]:
    """Refuse a town that joined after `start` or left before it; note a dormant
    partner city."""
    notes: list[CollaborationNote] = []
    for town in towns:
        membership = town_membership(session=session, town=town)
        left = membership.left
        standing = standing_on(start, town.status, left, membership.joined)
        retired = town.status == "retired"
        if standing == "not_yet":
            what = m.WHY_JOINED_TWIN if town.kind == "twin" else m.WHY_JOINED_PARTNER
            raise RuleError(
                m.COLLAB_TOWN_NOT_YET.format(
                    town=town_name(town), what=what, when=membership.joined_when, start=start
                )
            )
        if standing == "left":
            why = m.WHY_RETIRED if retired else m.WHY_ENDED
            raise RuleError(
                m.COLLAB_TOWN_LEFT.format(town=town_name(town), date=left.on, why=why, start=start)
            )
        if standing == "left_undated":
            why = m.WHY_RETIRED_UNDATED if retired else m.WHY_ENDED_UNDATED
            raise RuleError(m.COLLAB_TOWN_LEFT_UNDATED.format(town=town_name(town), why=why))
        if standing == "dormant":
            assert town.id is not None
            notes.append(
                CollaborationNote("town_dormant", names_by_id(session=session).towns[town.id])
            )
    return tuple(notes)


def _check_org_on(org: Organisation, start: date) -> None:
    if starts_after_retirement(start, org.retired_on):
        raise RuleError(m.COLLAB_ORG_RETIRED.format(org=org.name, date=org.retired_on, start=start))


def town_ids_of(*, session: Session, collaboration_ids: Sequence[int]) -> dict[int, set[int]]:
    """The towns of each collaboration, by id."""
    linked: dict[int, set[int]] = {i: set() for i in collaboration_ids}
    if collaboration_ids:
        for link in session.exec(
            select(CollaborationTown).where(
                col(CollaborationTown.collaboration_id).in_(collaboration_ids)
            )
        ):
            linked[link.collaboration_id].add(link.town_id)
    return linked


def find_duplicate(
    *,
    session: Session,
    organisation_id: int,
    title: str,
    town_ids: Sequence[int],
    start: date,
    except_id: int | None = None,
) -> Collaboration | None:
    """A live collaboration that is the same as the one described, if any (oldest first)."""
    wanted = identity(
        organisation_id=organisation_id, title=title, town_ids=town_ids, start_date=start
    )
    for candidate, its_towns in _same_day_collaborations(session, organisation_id, start):
        if candidate.id == except_id:
            continue
        found = identity(
            organisation_id=candidate.organisation_id,
            title=candidate.title,
            town_ids=its_towns,
            start_date=candidate.start_date,
        )
        if found == wanted:
            return candidate
    return None


def _same_day_collaborations(
    session: Session, organisation_id: int, start: date
) -> list[tuple[Collaboration, set[int]]]:
    """An organisation's live collaborations that start on `start`, oldest first, with
    their towns."""
    candidates = list(
        session.exec(
            select(Collaboration)
            .where(
                Collaboration.organisation_id == organisation_id,
                Collaboration.start_date == start,
            )
            .order_by(col(Collaboration.id))
        )
    )
    towns_of = town_ids_of(session=session, collaboration_ids=[c.id for c in candidates if c.id])
    return [(c, towns_of[c.id]) for c in candidates if c.id is not None]


def _refuse_duplicate(
    session: Session,
    *,
    org_id: int,
    title: str,
    towns: Sequence[Town],
    start: date,
    **kw: Any,
) -> None:
    duplicate = find_duplicate(
        session=session,
        organisation_id=org_id,
        title=title,
        town_ids=[t.id for t in towns if t.id is not None],
        start=start,
        **kw,
    )
    if duplicate is not None:
        raise RuleError(
            m.COLLAB_DUPLICATE.format(
                id=duplicate.id, title=duplicate.title, start=duplicate.start_date
            )
        )


def log_collaboration(
    *,
    session: Session,
    given: CollaborationInput,
    today: date,
    reporter: str,
    allow_duplicate: bool = False,
) -> Stored:
    """Store one collaboration with its towns; every check passes before anything is written.

    Refused: a town that left before the start, an organisation retired before it,
    a report dated in the future, and (unless `allow_duplicate`) the same
    collaboration as a live one. A dormant partner city is allowed, with a note.
    """
    if given.title is None or given.org is None or given.area is None:
        raise RuleError(m.COLLAB_NEEDS_FIELDS)
    title = checked(given.title, option="--title", limit=TITLE_MAX)
    towns = _resolve_towns(session, given.towns or [])
    org = find_organisation(session=session, name=given.org)
    area = find_area(session=session, name=given.area)
    start = given.start_date or today
    _check_dates(start, given.end_date)
    _check_reported_on(given.reported_on, today)
    _check_org_on(org, start)
    notes = _org_notes(session, given.org, org) + _check_towns_on(session, towns, start)
    notes += _past_departures(session, towns, org, start, given.end_date)
    assert org.id is not None and area.id is not None
    if not allow_duplicate:
        _refuse_duplicate(session, org_id=org.id, title=title, towns=towns, start=start)
    collaboration = Collaboration(
        title=title,
        description=optional(given.description, option="--description", multiline=True),
        organisation_id=org.id,
        area_id=area.id,
        kind=_check_kind(given.kind or "project"),
        start_date=start,
        end_date=given.end_date,
        contact=optional(given.contact, option="--contact", limit=TITLE_MAX),
        reported_by=checked(given.reported_by or reporter, option="--reported-by", limit=TITLE_MAX),
        reported_on=given.reported_on or today,
    )
    session.add(collaboration)
    session.flush()
    _link(session, collaboration, towns, new=True)
    return Stored(collaboration_record(session=session, collaboration=collaboration), notes)


def _link(
    session: Session, collaboration: Collaboration, towns: Sequence[Town], *, new: bool = False
) -> None:
    assert collaboration.id is not None
    if not new:  # a new collaboration has no links to replace
        for link in session.exec(
            select(CollaborationTown).where(CollaborationTown.collaboration_id == collaboration.id)
        ):
            session.delete(link)
        session.flush()
    for town in towns:
        assert town.id is not None
        session.add(CollaborationTown(collaboration_id=collaboration.id, town_id=town.id))
    session.flush()


def get_collaboration(*, session: Session, collaboration_id: int) -> Collaboration:
    if not 0 < collaboration_id < 2**63:
        raise NotFoundError(m.ID_OUT_OF_RANGE.format(id=collaboration_id))
    found = session.get(Collaboration, collaboration_id)
    if found is None:
        hidden = session.get(
            Collaboration, collaboration_id, execution_options={"include_hidden": True}
        )
        if hidden is not None and hidden.deleted_at is not None:
            # Deleted is not gone: say so, and how to bring it back.
            raise NotFoundError(
                m.COLLAB_IS_DELETED.format(
                    id=collaboration_id, on=hidden.deleted_at.date().isoformat()
                )
            )
        raise NotFoundError(m.COLLAB_NOT_FOUND.format(id=collaboration_id))
    return found


def edit_collaboration(
    *,
    session: Session,
    collaboration_id: int,
    given: CollaborationInput,
    clear_end: bool,
    today: date | None = None,
    allow_duplicate: bool = False,
) -> Stored:
    """Change the fields given; the others stay as they are.

    A change of towns, organisation, title or start is checked as a new report
    is (towns that left, a retired organisation, a duplicate); other changes
    leave an old record's history alone.
    """
    if clear_end and given.end_date is not None:
        raise UsageError(m.EDIT_END_CONFLICT)
    collaboration = get_collaboration(session=session, collaboration_id=collaboration_id)
    if all(getattr(given, f.name) is None for f in fields(given)) and not clear_end:
        raise RuleError(m.COLLAB_NOTHING_TO_EDIT)
    if today is not None:
        _check_reported_on(given.reported_on, today)
    towns = _resolve_towns(session, given.towns) if given.towns is not None else None
    org = find_organisation(session=session, name=given.org) if given.org is not None else None
    if given.title is not None:
        collaboration.title = checked(given.title, option="--title", limit=TITLE_MAX)
    if given.description is not None:
        collaboration.description = checked(
            given.description, option="--description", multiline=True
        )
    if org is not None:
        assert org.id is not None
        collaboration.organisation_id = org.id
    if given.area is not None:
        area_id = find_area(session=session, name=given.area).id
        assert area_id is not None
        collaboration.area_id = area_id
    if given.kind is not None:
        collaboration.kind = _check_kind(given.kind)
    if given.contact is not None:
        collaboration.contact = checked(given.contact, option="--contact", limit=TITLE_MAX)
    if given.reported_by is not None:
        collaboration.reported_by = checked(
            given.reported_by, option="--reported-by", limit=TITLE_MAX
        )
    if given.reported_on is not None:
        collaboration.reported_on = given.reported_on
    if given.start_date is not None:
        collaboration.start_date = given.start_date
    if clear_end:
        collaboration.end_date = None
    elif given.end_date is not None:
        collaboration.end_date = given.end_date
    _check_dates(collaboration.start_date, collaboration.end_date)
    start = collaboration.start_date
    if org is not None or given.start_date is not None:
        owner = session.get(Organisation, collaboration.organisation_id)
        assert owner is not None
        _check_org_on(owner, start)
    current = towns if towns is not None else _towns_of(session, collaboration)
    notes: tuple[CollaborationNote, ...] = ()
    if org is not None and given.org is not None:
        notes = _org_notes(session, given.org, org)
    if towns is not None or given.start_date is not None:
        notes += _check_towns_on(session, current, start)
    owner = session.get(Organisation, collaboration.organisation_id)
    assert owner is not None
    notes += _past_departures(session, current, owner, start, collaboration.end_date)
    identifying = (given.title, given.org, given.towns, given.start_date)
    if not allow_duplicate and any(v is not None for v in identifying):
        _refuse_duplicate(
            session,
            org_id=collaboration.organisation_id,
            title=collaboration.title,
            towns=current,
            start=start,
            except_id=collaboration.id,
        )
    if towns is not None:
        _link(session, collaboration, towns)
    collaboration.updated_at = utc_now()
    session.add(collaboration)
    session.flush()
    return Stored(collaboration_record(session=session, collaboration=collaboration), notes)


def _towns_of(session: Session, collaboration: Collaboration) -> list[Town]:
    assert collaboration.id is not None
    ids = town_ids_of(session=session, collaboration_ids=[collaboration.id])[collaboration.id]
    return [t for t in session.exec(select(Town).where(col(Town.id).in_(ids)))]


def delete_collaboration(*, session: Session, collaboration_id: int) -> None:
    collaboration = get_collaboration(session=session, collaboration_id=collaboration_id)
    # Hidden, not deleted: it stays in the history and `restore-record` brings it back.
    collaboration.deleted_at = utc_now()
    session.add(collaboration)
    session.flush()
