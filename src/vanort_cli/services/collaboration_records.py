"""Collaborations as the records commands show (domain/records.py): which are
active in a period or pass a filter, how many, and the records themselves,
streamed from the database a batch at a time.

`collaborations list`, `show` and `export`, a town's profile and the reports'
lists all read them here, so that a collaboration is the same record, with its
towns in the same order, wherever it is shown, and "active in a period" means
the same everywhere it is counted.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from datetime import date
from typing import Any

from sqlalchemy import ColumnElement, Date, Dialect, String, and_, cast, func, or_, type_coerce
from sqlalchemy import select as select_columns
from sqlmodel import Session, col, select
from sqlmodel.sql.sqltypes import UTCDateTime

from vanort_cli.domain.merges import Merges, day_counted, merged_into, organisation_on
from vanort_cli.domain.names import normalise
from vanort_cli.domain.records import CollaborationLine, CollaborationRecord
from vanort_cli.domain.refs import CollaborationTownRef
from vanort_cli.services.lookup import (
    Names,
    find_area,
    find_organisation,
    find_town,
    names_by_id,
)
from vanort_cli.services.merges import organisation_merges
from vanort_cli.store.models import AuditEntry, Collaboration, CollaborationTown
from vanort_cli.store.plain_rows import converted, plain_batches

# Collaborations are read and made records this many at a time: a registry of a
# million is never held in memory, and an IN list never grows past it.
BATCH = 2000


def live() -> ColumnElement[bool]:
    """SQL: a collaboration not deleted (hidden until `db purge`)."""
    return col(Collaboration.deleted_at).is_(None)


def active_during(first: date, last: date) -> ColumnElement[bool]:
    """SQL: a live collaboration active at some time from `first` to `last`: begun
    by `last`, and not ended before `first` (or not ended at all)."""
    return and_(
        live(),
        col(Collaboration.start_date) <= last,
        or_(col(Collaboration.end_date).is_(None), col(Collaboration.end_date) >= first),
    )


def reported_during(first: date, last: date) -> ColumnElement[bool]:
    """SQL: a collaboration reported from `first` to `last`."""
    return and_(col(Collaboration.reported_on) >= first, col(Collaboration.reported_on) <= last)


@dataclass(frozen=True)
class CollaborationFilter:
    year: int | None = None  # active at some time in this year
    period: tuple[date, date] | None = None  # active at some time in this period
    town: str | None = None
    org: str | None = None
    area: str | None = None
    ongoing_on: date | None = None  # only those not ended by this day
    search: str | None = None  # in the title or description, ignoring case and accents
    ids: tuple[int, ...] | None = None  # only these (a listing read back in another order)


def _conditions(session: Session, where: CollaborationFilter) -> list[ColumnElement[bool]]:
    """The filter as SQL conditions on the collaboration table (live rows only)."""
    periods = [p for p in (_year(where.year), where.period) if p is not None]
    conditions = [active_during(*p) for p in periods] or [live()]
    if where.ongoing_on is not None:
        end = col(Collaboration.end_date)
        conditions.append(or_(end.is_(None), end >= where.ongoing_on))
    if where.ids is not None:
        conditions.append(col(Collaboration.id).in_(where.ids))
    if where.org is not None:
        org = find_organisation(session=session, name=where.org)
        assert org.id is not None
        # Its name finds what the organisations merged into it ran, too.
        covered = merged_into(org.id, organisation_merges(session=session))
        conditions.append(col(Collaboration.organisation_id).in_(sorted(covered)))
    if where.area is not None:
        area = find_area(session=session, name=where.area)
        conditions.append(col(Collaboration.area_id) == area.id)
    if where.town is not None:
        town = find_town(session=session, name=where.town, hint="any")
        linked = select_columns(col(CollaborationTown.collaboration_id)).where(
            col(CollaborationTown.town_id) == town.id
        )
        conditions.append(col(Collaboration.id).in_(linked))
    if where.search is not None and where.search.strip():
        # vanort_fold is `normalise` in SQL (registered on every connection), so
        # "goteborgsdagar" finds "Göteborgsdagar". Text with no letter or digit
        # ("%", "-") has nothing to fold: it is looked for as it is written.
        folded = normalise(where.search)
        fold = func.vanort_fold if folded else func.lower
        pattern = "%" + _like_escaped(folded or where.search.strip().lower()) + "%"
        conditions.append(
            or_(
                fold(col(Collaboration.title)).like(pattern, escape="\\"),
                fold(func.coalesce(col(Collaboration.description), "")).like(pattern, escape="\\"),
            )
        )
    return conditions


def _year(year: int | None) -> tuple[date, date] | None:
    return None if year is None else (date(year, 1, 1), date(year, 12, 31))


def _like_escaped(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def count_collaborations(*, session: Session, where: CollaborationFilter) -> int:
    """How many collaborations pass the filter."""
    query = (
        select_columns(func.count()).select_from(Collaboration).where(*_conditions(session, where))
    )
    return int(session.connection().execute(query).scalar_one())


# What a record is made of: the collaboration's own columns (plain SQL rows, not
# ORM objects: a third of the time), its towns read a batch at a time beside them.


class _SharedUTCDateTime(UTCDateTime):
    """sqlmodel's UTC datetime, each distinct stored value made a datetime once:
    the rows of one import share their timestamps (200 distinct among 200,000
    rows), and converting every one (a Python call a value) was a tenth of
    `collaborations list -f csv`'s time. The same datetimes, equal and immutable."""

    cache_ok = True
    # Distinct values remembered at most; then forgotten all at once (a registry
    # whose every row has a timestamp of its own pays one dict lookup a value).
    REMEMBERED = 4096

    def result_processor(self, dialect: Dialect, coltype: object) -> Any:
        convert = super().result_processor(dialect, coltype)
        if convert is None:
            return None
        known: dict[Any, Any] = {}
        remembered = self.REMEMBERED

        def converted(value: Any) -> Any:
            try:
                return known[value]
            except KeyError:
                if len(known) >= remembered:
                    known.clear()
                made = known[value] = convert(value)
                return made
            except TypeError:  # not hashable: nothing a driver returns, but never fail
                return convert(value)

        return converted


_SHARED_UTC = _SharedUTCDateTime()
RECORD_COLUMNS: tuple[Any, ...] = (
    col(Collaboration.id),
    col(Collaboration.title),
    col(Collaboration.organisation_id),
    col(Collaboration.area_id),
    col(Collaboration.kind),
    col(Collaboration.start_date),
    col(Collaboration.end_date),
    col(Collaboration.description),
    col(Collaboration.contact),
    col(Collaboration.reported_by),
    col(Collaboration.reported_on),
    type_coerce(col(Collaboration.created_at), _SHARED_UTC),
    type_coerce(col(Collaboration.updated_at), _SHARED_UTC),
)


def stream_collaborations(
    *,
    session: Session,
    where: CollaborationFilter,
    newest_first: bool = False,
    limit: int | None = None,
    as_of: date | None = None,
) -> Iterator[CollaborationRecord]:
    """The collaborations that pass the filter, as records, oldest first (or newest
    first, at most `limit`), read from the database `BATCH` at a time. Read them
    before the session closes. With `as_of` (a report's last day), each names the
    organisation that ran it on that day: the one its organisation was merged
    into by then, if it was (`domain.merges`)."""
    query = _listing(RECORD_COLUMNS, session, where, newest_first, limit)
    names = names_by_id(session=session)
    merges = organisation_merges(session=session) if as_of is not None else {}
    result = session.connection().execute(query.execution_options(yield_per=BATCH))
    in_order: dict[str | None, tuple[CollaborationTownRef, ...]] = {}
    for batch in result.partitions():
        records = _listed(names, batch, in_order)
        if merges and as_of is not None:
            records = [
                _as_of(r, row, as_of, merges, names) for r, row in zip(records, batch, strict=True)
            ]
        yield from records


def _listing(
    columns: Sequence[Any],
    session: Session,
    where: CollaborationFilter,
    newest_first: bool,
    limit: int | None,
) -> Any:
    """SQL: `columns` and the town ids of the collaborations that pass the filter,
    oldest first (or newest first, at most `limit`)."""
    order = (col(Collaboration.start_date), col(Collaboration.id))
    return (
        select_columns(*columns, _town_ids())
        .where(*_conditions(session, where))
        .order_by(*(c.desc() for c in order) if newest_first else order)
        .limit(limit)
    )


# What a CollaborationLine is made of: the columns CSV writes, no more, read as
# the driver gives them (store/plain_rows.py): the days' columns typed to convert
# nothing, each day converted here as SQLAlchemy converts a Date (_DAY).
_DAY = Date()
LINE_COLUMNS: tuple[Any, ...] = (
    col(Collaboration.id),
    col(Collaboration.title),
    col(Collaboration.organisation_id),
    col(Collaboration.area_id),
    col(Collaboration.kind),
    type_coerce(col(Collaboration.start_date), String),
    type_coerce(col(Collaboration.end_date), String),
    col(Collaboration.reported_by),
    type_coerce(col(Collaboration.reported_on), String),
)


def stream_collaboration_lines(
    *,
    session: Session,
    where: CollaborationFilter,
    newest_first: bool = False,
    limit: int | None = None,
) -> Iterator[CollaborationLine]:
    """What `stream_collaborations` lists, in the same order, as the lines CSV
    writes: the same values as its records give (the towns in the same order),
    without making a record a row, which was a fifth of a CSV listing's time."""
    query = _listing(LINE_COLUMNS, session, where, newest_first, limit)
    names = names_by_id(session=session)
    in_order: dict[str | None, tuple[CollaborationTownRef, ...]] = {}
    towns_text: dict[str | None, str] = {}

    def towns(town_ids: str | None) -> str:
        text = towns_text.get(town_ids)
        if text is None:
            refs = _towns_in_order(names, town_ids, in_order)
            text = towns_text[town_ids] = ", ".join(t.name_sv for t in refs)
        return text

    organisations = {k: (o.name, o.kind) for k, o in names.organisations.items()}
    areas = {k: a.name for k, a in names.areas.items()}
    # A line is made as `CollaborationLine._make` makes it, without its call a
    # row; the towns' text is looked up before it is worked out (a call a row).
    new, line, known = tuple.__new__, CollaborationLine, towns_text.get
    connection = session.connection()
    day = converted(connection, _DAY)  # the same dates as a record's, made once each
    for batch in plain_batches(connection, query, BATCH):
        yield from [
            new(
                line,
                (
                    id,
                    title,
                    known(town_ids) or towns(town_ids),
                    *organisations[organisation_id],
                    areas[area_id],
                    kind,
                    day[start_date],
                    day[end_date],
                    reported_by,
                    day[reported_on],
                ),
            )
            for (
                id,
                title,
                organisation_id,
                area_id,
                kind,
                start_date,
                end_date,
                reported_by,
                reported_on,
                town_ids,
            ) in batch
        ]


def _town_ids() -> Any:
    """SQL: a collaboration's town ids, "3,1" (group_concat on SQLite, string_agg on
    PostgreSQL), read beside its row: no second query a batch."""
    return (
        select_columns(func.aggregate_strings(cast(col(CollaborationTown.town_id), String), ","))
        .where(col(CollaborationTown.collaboration_id) == col(Collaboration.id))
        .scalar_subquery()
    )


def _listed(
    names: Names, rows: Sequence[Any], in_order: dict[str | None, tuple[CollaborationTownRef, ...]]
) -> list[CollaborationRecord]:
    """Records of SQL rows of RECORD_COLUMNS and `_town_ids`. A registry has a few
    towns, so few sets of them: each set's refs, in Swedish alphabetical order,
    are worked out once (in `in_order`), not once a collaboration."""

    def towns_of(town_ids: str | None) -> tuple[CollaborationTownRef, ...]:
        refs = in_order.get(town_ids)
        return _towns_in_order(names, town_ids, in_order) if refs is None else refs

    organisations, areas = names.organisations, names.areas
    # Unpacked by place, a third quicker than by name on a listing of any size.
    return [
        CollaborationRecord(
            id=id,
            title=title,
            towns=towns_of(town_ids),
            organisation=organisations[organisation_id],
            area=areas[area_id],
            kind=kind,
            start_date=start_date,
            end_date=end_date,
            description=description,
            contact=contact,
            reported_by=reported_by,
            reported_on=reported_on,
            created_at=created_at,
            updated_at=updated_at,
        )
        for (
            id,
            title,
            organisation_id,
            area_id,
            kind,
            start_date,
            end_date,
            description,
            contact,
            reported_by,
            reported_on,
            created_at,
            updated_at,
            town_ids,
        ) in rows
    ]


def _towns_in_order(
    names: Names,
    town_ids: str | None,
    in_order: dict[str | None, tuple[CollaborationTownRef, ...]],
) -> tuple[CollaborationTownRef, ...]:
    """The refs of the towns of `town_ids` ("3,1"), in Swedish alphabetical order,
    remembered in `in_order`."""
    linked = [int(t) for t in town_ids.split(",")] if town_ids else []
    ordered = sorted(linked, key=names.town_order.__getitem__)
    refs = in_order[town_ids] = tuple(names.towns[t] for t in ordered)
    return refs


def _as_of(
    record: CollaborationRecord, row: Any, day: date, merges: Merges, names: Names
) -> CollaborationRecord:
    ran_by = organisation_on(row.organisation_id, day_counted(day, row.end_date), merges)
    if ran_by == row.organisation_id:
        return record
    return replace(record, organisation=names.organisations[ran_by])


def find_collaborations(
    *, session: Session, where: CollaborationFilter
) -> list[CollaborationRecord]:
    """The collaborations that pass the filter, as records, oldest first."""
    return list(stream_collaborations(session=session, where=where))


def collaboration_record(*, session: Session, collaboration: Collaboration) -> CollaborationRecord:
    """One stored collaboration as a record (`show`, and what `log` and `edit` stored)."""
    return _records(session, names_by_id(session=session), [collaboration])[0]


def stored_by(*, session: Session, collaboration: Collaboration) -> str | None:
    """The login that stored a collaboration: its owner role on a server, else the
    one the history's first entry for it names (None: stored outside vanort on a
    file, or before the history named anyone)."""
    if collaboration.owner_role is not None:
        return collaboration.owner_role
    first = session.exec(
        select(AuditEntry)
        .where(
            AuditEntry.table_name == "collaboration",
            AuditEntry.record_id == collaboration.id,
            AuditEntry.action == "insert",
        )
        .order_by(col(AuditEntry.id))
        .limit(1)
    ).first()
    if first is None or first.origin in ("outside", "imported"):
        return None
    return first.db_role or first.who


def _records(session: Session, names: Names, rows: Sequence[Any]) -> list[CollaborationRecord]:
    """Records of stored collaborations (`show`, `log`, `edit`), with one query for
    all their towns."""
    towns: dict[int, list[int]] = {}
    ids = [row.id for row in rows]
    if ids:
        links = select_columns(
            col(CollaborationTown.collaboration_id), col(CollaborationTown.town_id)
        ).where(col(CollaborationTown.collaboration_id).in_(ids))
        for collaboration_id, town_id in session.connection().execute(links).all():
            towns.setdefault(collaboration_id, []).append(town_id)
    # A registry has a few towns, so few sets of them: each set's refs, in Swedish
    # alphabetical order, are worked out once, not once a collaboration.
    in_order: dict[tuple[int, ...], tuple[CollaborationTownRef, ...]] = {}

    def towns_of(collaboration_id: int) -> tuple[CollaborationTownRef, ...]:
        linked = tuple(towns.get(collaboration_id, ()))
        refs = in_order.get(linked)
        if refs is None:
            ordered = sorted(linked, key=names.town_order.__getitem__)
            refs = in_order[linked] = tuple(names.towns[t] for t in ordered)
        return refs

    return [
        CollaborationRecord(
            id=row.id,
            title=row.title,
            towns=towns_of(row.id),
            organisation=names.organisations[row.organisation_id],
            area=names.areas[row.area_id],
            kind=row.kind,
            start_date=row.start_date,
            end_date=row.end_date,
            description=row.description,
            contact=row.contact,
            reported_by=row.reported_by,
            reported_on=row.reported_on,
            created_at=row.created_at,
            updated_at=row.updated_at,
        )
        for row in rows
    ]
