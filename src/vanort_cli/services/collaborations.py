"""Collaborations with the twin towns and partner cities, as the City's
administrations and companies report them (P3, P4, P8, P10)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, fields
from datetime import date
from typing import Any

from sqlalchemy import or_
from sqlmodel import Session, col, select

from vanort_cli import messages as m
from vanort_cli.domain.text import TITLE_MAX
from vanort_cli.errors import NotFoundError, RuleError, UsageError
from vanort_cli.models import Area, Collaboration, CollaborationTown, Organisation, Town, utc_now
from vanort_cli.services.lookup import find_area, find_organisation, find_town
from vanort_cli.services.text import checked, optional
from vanort_cli.services.towns import town_ref
from vanort_cli.services.vocabulary import area_ref, organisation_ref

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


def _resolve_towns(session: Session, names: Sequence[str]) -> list[Town]:
    if not names:
        raise RuleError(m.COLLAB_NEEDS_TOWN)
    towns: dict[str, Town] = {}
    for name in names:
        town = find_town(session=session, name=name)
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


def log_collaboration(
    *, session: Session, given: CollaborationInput, today: date, reporter: str
) -> Collaboration:
    """Store one collaboration with its towns; every check passes before anything is written."""
    if given.title is None or given.org is None or given.area is None:
        raise RuleError(m.COLLAB_NEEDS_FIELDS)
    title = checked(given.title, option="--title", limit=TITLE_MAX)
    towns = _resolve_towns(session, given.towns or [])
    org = find_organisation(session=session, name=given.org)
    area = find_area(session=session, name=given.area)
    start = given.start_date or today
    _check_dates(start, given.end_date)
    assert org.id is not None and area.id is not None
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
    _link(session, collaboration, towns)
    return collaboration


def _link(session: Session, collaboration: Collaboration, towns: Sequence[Town]) -> None:
    assert collaboration.id is not None
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
        raise NotFoundError(m.COLLAB_NOT_FOUND.format(id=collaboration_id))
    return found


def edit_collaboration(
    *, session: Session, collaboration_id: int, given: CollaborationInput, clear_end: bool
) -> Collaboration:
    """Change the fields given; the others stay as they are."""
    if clear_end and given.end_date is not None:
        raise UsageError(m.EDIT_END_CONFLICT)
    collaboration = get_collaboration(session=session, collaboration_id=collaboration_id)
    if all(getattr(given, f.name) is None for f in fields(given)) and not clear_end:
        raise RuleError(m.COLLAB_NOTHING_TO_EDIT)
    if given.title is not None:
        collaboration.title = checked(given.title, option="--title", limit=TITLE_MAX)
    if given.description is not None:
        collaboration.description = checked(
            given.description, option="--description", multiline=True
        )
    if given.org is not None:
        org_id = find_organisation(session=session, name=given.org).id
        assert org_id is not None
        collaboration.organisation_id = org_id
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
    if given.towns is not None:
        _link(session, collaboration, _resolve_towns(session, given.towns))
    collaboration.updated_at = utc_now()
    session.add(collaboration)
    session.flush()
    return collaboration


def delete_collaboration(*, session: Session, collaboration_id: int) -> None:
    collaboration = get_collaboration(session=session, collaboration_id=collaboration_id)
    # Hidden, not deleted: it stays in the history and `restore-record` brings it back.
    collaboration.deleted_at = utc_now()
    session.add(collaboration)
    session.flush()


@dataclass(frozen=True)
class CollaborationFilter:
    year: int | None = None
    period: tuple[date, date] | None = None  # active at some time in this period
    town: str | None = None
    org: str | None = None
    area: str | None = None
    ongoing_on: date | None = None  # only those not ended by this day


def find_collaborations(*, session: Session, where: CollaborationFilter) -> list[dict[str, Any]]:
    """The collaborations that pass the filter, as public records, oldest first."""
    query = select(Collaboration)
    if where.year is not None:
        query = query.where(*active_during(date(where.year, 1, 1), date(where.year, 12, 31)))
    if where.period is not None:
        query = query.where(*active_during(*where.period))
    if where.ongoing_on is not None:
        query = query.where(
            or_(
                col(Collaboration.end_date).is_(None),
                col(Collaboration.end_date) >= where.ongoing_on,
            )
        )
    if where.org is not None:
        query = query.where(
            Collaboration.organisation_id == find_organisation(session=session, name=where.org).id
        )
    if where.area is not None:
        query = query.where(Collaboration.area_id == find_area(session=session, name=where.area).id)
    if where.town is not None:
        town = find_town(session=session, name=where.town)
        linked = select(CollaborationTown.collaboration_id).where(
            CollaborationTown.town_id == town.id
        )
        query = query.where(col(Collaboration.id).in_(linked))
    rows = session.exec(query.order_by(col(Collaboration.start_date), col(Collaboration.id))).all()
    return collaborations_public(session=session, rows=rows)


def active_during(first: date, last: date) -> tuple[Any, ...]:
    """SQL conditions: the collaboration overlaps the period from `first` to `last`."""
    return (
        col(Collaboration.start_date) <= last,
        or_(col(Collaboration.end_date).is_(None), col(Collaboration.end_date) >= first),
    )


def collaborations_public(
    *, session: Session, rows: Sequence[Collaboration]
) -> list[dict[str, Any]]:
    """Public records for many collaborations, with four queries whatever their number."""
    ids = [r.id for r in rows]
    towns = {t.id: t for t in session.exec(select(Town))}
    orgs = {o.id: o for o in session.exec(select(Organisation))}
    areas = {a.id: a for a in session.exec(select(Area))}
    links: dict[int, list[Town]] = {}
    if ids:
        for link in session.exec(
            select(CollaborationTown).where(col(CollaborationTown.collaboration_id).in_(ids))
        ):
            links.setdefault(link.collaboration_id, []).append(towns[link.town_id])
    return [
        {
            "id": row.id,
            "title": row.title,
            "towns": [
                {**town_ref(t), "kind": t.kind}
                for t in sorted(links.get(row.id or 0, []), key=lambda t: t.name_sv)
            ],
            "organisation": organisation_ref(orgs[row.organisation_id]),
            "area": area_ref(areas[row.area_id]),
            "kind": row.kind,
            "start_date": row.start_date,
            "end_date": row.end_date,
            "ongoing": row.end_date is None,
            "description": row.description,
            "contact": row.contact,
            "reported_by": row.reported_by,
            "reported_on": row.reported_on,
            "created_at": row.created_at,
            "updated_at": row.updated_at,
        }
        for row in rows
    ]


def collaboration_public(*, session: Session, collaboration: Collaboration) -> dict[str, Any]:
    return collaborations_public(session=session, rows=[collaboration])[0]


IMPORT_COLUMNS = (
    "towns",
    "organisation",
    "area",
    "title",
    "description",
    "start_date",
    "end_date",
    "kind",
    "contact",
    "reported_by",
    "reported_on",
)


def _row_input(row: dict[str, str], line: int, parse_date: Any) -> CollaborationInput:
    def cell(name: str) -> str | None:
        value = (row.get(name) or "").strip()
        return value or None

    def day(name: str) -> date | None:
        value = cell(name)
        return parse_date(value, line=line, column=name) if value else None

    return CollaborationInput(
        towns=[t for t in (cell("towns") or "").split(";") if t.strip()],
        org=cell("organisation"),
        area=cell("area"),
        title=row.get("title"),
        description=cell("description"),
        start_date=day("start_date"),
        end_date=day("end_date"),
        kind=cell("kind"),
        contact=cell("contact"),
        reported_by=cell("reported_by"),
        reported_on=day("reported_on"),
    )


def import_rows(
    *,
    session: Session,
    rows: Sequence[tuple[int, dict[str, str]]],
    today: date,
    reporter: str,
    parse_date: Any,
) -> list[int]:
    """Log many collaborations in the caller's one transaction: all of them, or none.

    Each row comes with the line it starts on, and has the IMPORT_COLUMNS (towns
    separated by ';'); an error names its line.
    """
    ids = []
    for line, row in rows:
        try:
            given = _row_input(row, line, parse_date)
            stored = log_collaboration(session=session, given=given, today=today, reporter=reporter)
        except (RuleError, NotFoundError) as error:
            error.message = m.IMPORT_LINE.format(line=line, error=error.message)
            raise
        assert stored.id is not None
        ids.append(stored.id)
    return ids
