"""The annual report (P9): the year's meetings and the collaborations active in it.

The database counts: every number comes from a GROUP BY over the collaborations
active in the period (portable SQL through SQLAlchemy, so it runs on PostgreSQL
too), and the list of collaborations is a `Rows` that reads them in batches each
time it is iterated, so a big registry is never held in memory to be counted.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import asdict
from datetime import date
from typing import Any, Generic, TypeVar

from sqlalchemy import ColumnElement, and_, case, func
from sqlalchemy import select as select_columns
from sqlmodel import Session, col, select

from vanort_cli.domain.collation import swedish_sort_key
from vanort_cli.domain.records import CollaborationRecord
from vanort_cli.services.collaboration_records import (
    CollaborationFilter,
    active_during,
    reported_during,
    stream_collaborations,
)
from vanort_cli.services.lookup import Names, names_by_id
from vanort_cli.services.meetings import check_year
from vanort_cli.services.overview import rotation_around, trend
from vanort_cli.services.schedule import meeting_schedule
from vanort_cli.services.vocabulary import organisation_ref
from vanort_cli.store.models import Collaboration, CollaborationTown, Meeting, Organisation

T = TypeVar("T")
BATCH = 2000  # rows read at a time: bounded memory, and an IN list any database takes


class Rows(Generic[T]):
    """Rows a query yields in batches, read afresh each time they are iterated;
    `len()` is counted by the database, without reading them."""

    def __init__(self, fetch: Callable[[], Iterator[T]], count: int) -> None:
        self._fetch = fetch
        self._count = count

    def __iter__(self) -> Iterator[T]:
        return self._fetch()

    def __len__(self) -> int:
        return self._count


def shown_name(group: dict[str, Any]) -> str:
    """The name a memo shows for a town, organisation or area: Swedish where there is one."""
    return str(group.get("name_sv") or group.get("name") or group["key"])


def by_name(groups: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
    """Towns, organisations or areas in Swedish alphabetical order."""
    return sorted(groups, key=lambda g: swedish_sort_key(shown_name(g)))


def ranked(counts: Counter[Any], refs: dict[Any, dict[str, Any]]) -> list[dict[str, Any]]:
    """Each group with its count, largest first; equal counts in Swedish alphabetical
    order of the shown name (then by key, so that the order never depends on chance)."""
    return [
        {**refs[group], "count": n}
        for group, n in sorted(
            counts.items(),
            key=lambda gn: (-gn[1], swedish_sort_key(shown_name(refs[gn[0]])), refs[gn[0]]["key"]),
        )
        if n
    ]


def collaboration_counts(
    *, session: Session, names: Names, active: ColumnElement[bool], new: ColumnElement[bool]
) -> dict[str, Any]:
    """The counts of the collaborations that are `active`: in all, by town, organisation,
    area and kind, how many of them are `new`, and by which organisations. Two
    queries, whatever the number of collaborations."""
    is_new = case((new, 1), else_=0)
    # Kind first: grouped so, SQLite reads the table straight through instead of
    # walking the organisation index and fetching each row (3x slower on 100,000).
    groups = (
        col(Collaboration.kind),
        col(Collaboration.area_id),
        col(Collaboration.organisation_id),
    )
    grouped = session.execute(
        select_columns(*groups, func.count(), func.sum(is_new)).where(active).group_by(*groups)
    )
    by_org: Counter[int] = Counter()
    by_area: Counter[int] = Counter()
    by_kind: Counter[str] = Counter()
    new_by_org: Counter[int] = Counter()
    for kind, area_id, org_id, count, new_count in grouped:
        by_org[org_id] += count
        by_area[area_id] += count
        by_kind[kind] += count
        new_by_org[org_id] += new_count or 0
    # The links of the active collaborations, by town: IN (not a join) lets SQLite
    # read the collaborations in id order and look their towns up in the link index.
    active_ids = select_columns(col(Collaboration.id)).where(active)
    by_town: Counter[int] = Counter(
        dict(
            session.execute(
                select_columns(col(CollaborationTown.town_id), func.count())
                .where(col(CollaborationTown.collaboration_id).in_(active_ids))
                .group_by(col(CollaborationTown.town_id))
            ).all()
        )
    )
    kinds = {kind: {"key": kind} for kind in by_kind}
    organisations = _as_dicts(names.organisations)
    return {
        "total": by_org.total(),
        "by_town": ranked(by_town, _as_dicts(names.towns)),
        "by_organisation": ranked(by_org, organisations),
        "by_area": ranked(by_area, _as_dicts(names.areas)),
        "by_kind": [{"kind": g["key"], "count": g["count"]} for g in ranked(by_kind, kinds)],
        "new": new_by_org.total(),
        "reporting_organisations": by_name(ranked(new_by_org, organisations)),
    }


def _as_dicts(refs: Mapping[int, Any]) -> dict[int, dict[str, Any]]:
    return {ref_id: asdict(ref) for ref_id, ref in refs.items()}


def iter_ids(*, session: Session, where: ColumnElement[bool]) -> Iterator[int]:
    """The ids of the collaborations `where` holds, oldest first."""
    query = (
        select_columns(col(Collaboration.id))
        .where(where)
        .order_by(col(Collaboration.start_date), col(Collaboration.id))
    )
    for (found,) in session.connection().execute(query.execution_options(yield_per=BATCH)):
        yield int(found or 0)


def organisations_not_among(
    *, session: Session, keys: set[str], since: date
) -> list[dict[str, Any]]:
    """The administrations and companies, not retired before `since`, whose keys are not
    in `keys`; in Swedish alphabetical order."""
    return by_name(
        organisation_ref(o)
        for o in session.exec(select(Organisation))
        if o.key not in keys and (o.retired_on is None or o.retired_on >= since)
    )


def with_notes(*, session: Session, schedule: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The schedule's rows with the note of each recorded meeting (None if not recorded)."""
    notes = {r.year: r.note for r in session.exec(select(Meeting))}
    return [
        {**row, "note": notes.get(row["year"]) if row["source"] == "recorded" else None}
        for row in schedule
    ]


class Items(Rows[CollaborationRecord]):
    """The collaborations of a report, oldest first; `newest(n)` reads only the n newest."""

    def __init__(self, *, session: Session, where: CollaborationFilter, count: int):
        super().__init__(lambda: stream_collaborations(session=session, where=where), count)
        self._session, self._where = session, where

    def newest(self, limit: int) -> Iterator[CollaborationRecord]:
        return stream_collaborations(
            session=self._session, where=self._where, newest_first=True, limit=limit
        )


def collaborations_section(
    *, session: Session, first: date, last: date, reported: tuple[date, date]
) -> dict[str, Any]:
    """The report's collaborations: active from `first` to `last`, counted; those
    reported during `reported` are the new ones. `new_this_year` and `items` are
    `Rows`, read from the session when they are written."""
    names = names_by_id(session=session)
    active = active_during(first, last)
    new = reported_during(*reported)
    counts = collaboration_counts(session=session, names=names, active=active, new=new)
    return {
        "total": counts["total"],
        "by_town": counts["by_town"],
        "by_organisation": counts["by_organisation"],
        "by_area": counts["by_area"],
        "by_kind": counts["by_kind"],
        "new_this_year": Rows(
            lambda: iter_ids(session=session, where=and_(active, new)), counts["new"]
        ),
        "reporting_organisations": counts["reporting_organisations"],
        "items": Items(
            session=session, where=CollaborationFilter(period=(first, last)), count=counts["total"]
        ),
    }


def annual_report(*, session: Session, year: int, today: date) -> dict[str, Any]:
    """Everything `vanort report` shows; a year with nothing in it is a valid report.

    Its `new_this_year` and `items` are read from the session when they are
    iterated: write the report before the session closes."""
    check_year(year, today)
    first, last = date(year, 1, 1), date(year, 12, 31)
    summary = collaborations_section(
        session=session, first=first, last=last, reported=(first, last)
    )
    # P10: who reported nothing during the year is part of the City's picture.
    summary["organisations_without_reports"] = organisations_not_among(
        session=session,
        keys={o["key"] for o in summary["reporting_organisations"]},
        since=first,
    )
    summary["trend"] = trend(session, year=year)
    schedule = meeting_schedule(session=session, first_year=year, last_year=year, today=today)
    return {
        "year": year,
        "period": {"start": first, "end": last},
        "generated_on": today,
        "meetings": with_notes(session=session, schedule=schedule),
        "collaborations": summary,
        "rotation": rotation_around(session=session, year=year, today=today),
    }


def materialised(value: Any) -> Any:
    """`value` with every `Rows` read into a list (for a renderer that needs lists)."""
    if isinstance(value, Rows):
        return list(value)
    if isinstance(value, dict):
        return {k: materialised(v) for k, v in value.items()}
    return value
