"""The annual report (P9): the year's meetings and the collaborations active in it.

The database counts: every number comes from a GROUP BY over the collaborations
active in the period (portable SQL through SQLAlchemy, so it runs on PostgreSQL
too). The report is a typed record (domain/report.py) read whole when it is made,
but for the list of the collaborations, which can be the whole registry: a
`SessionRows` that reads them in batches each time it is iterated, through the
session the report was made in, so a big registry is never held in memory.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import asdict, replace
from datetime import date
from typing import Any, cast

from sqlalchemy import ColumnElement, and_, case, func
from sqlalchemy import select as select_columns
from sqlmodel import Session, col, select

from vanort_cli.domain.collation import swedish_sort_key
from vanort_cli.domain.merges import day_counted, organisation_on
from vanort_cli.domain.refs import OrganisationRef
from vanort_cli.domain.report import (
    AnnualReport,
    AreaCount,
    CollaborationItem,
    Collaborations,
    KindCount,
    MeetingYear,
    OrganisationCount,
    Period,
    ReportingRound,
    ReportMeeting,
    SessionRows,
    YearCollaborations,
    fields_of,
)
from vanort_cli.domain.rounds import Answer, existed_in, summarise
from vanort_cli.services.collaboration_records import (
    CollaborationFilter,
    active_during,
    reported_during,
    stream_collaborations,
)
from vanort_cli.services.lookup import Names, names_by_id
from vanort_cli.services.meetings import check_year
from vanort_cli.services.merges import organisation_merges
from vanort_cli.services.overview import rotation_around, town_count, trend
from vanort_cli.services.schedule import meeting_schedule
from vanort_cli.services.vocabulary import organisation_ref
from vanort_cli.store.models import (
    Collaboration,
    CollaborationTown,
    Meeting,
    Organisation,
    RoundOrganisation,
)
from vanort_cli.store.models import ReportingRound as RoundRow

BATCH = 2000  # rows read at a time: bounded memory, and an IN list any database takes


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
    *,
    session: Session,
    names: Names,
    active: ColumnElement[bool],
    new: ColumnElement[bool],
    as_of: date,
) -> dict[str, Any]:
    """The counts of the collaborations that are `active`: in all, by town, organisation,
    area and kind, how many of them are `new`, and by which organisations. Two
    queries, whatever the number of collaborations (a third for the few of
    organisations merged into others). Each counts under the organisation that
    ran it on its last day in the period ending `as_of`: its own, or the one it
    was merged into by then (`domain.merges`), so a merge changes no report of
    the years before it."""
    merges = organisation_merges(session=session)
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
        by_area[area_id] += count
        by_kind[kind] += count
        if org_id not in merges:  # a merged organisation's are counted one by one below
            by_org[org_id] += count
            new_by_org[org_id] += new_count or 0
    if merges:
        # Few rows: each under the organisation that ran it on its last day in the period.
        one_by_one = session.execute(
            select_columns(
                col(Collaboration.organisation_id), col(Collaboration.end_date), is_new
            ).where(active, col(Collaboration.organisation_id).in_(sorted(merges)))
        )
        for stored_id, end_date, new_one in one_by_one:
            org_id = organisation_on(stored_id, day_counted(as_of, end_date), merges)
            by_org[org_id] += 1
            new_by_org[org_id] += new_one or 0
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


def organisation_of(ref: Mapping[str, Any]) -> OrganisationRef:
    return OrganisationRef(key=ref["key"], name=ref["name"], kind=ref["kind"])


def organisation_count(group: Mapping[str, Any]) -> OrganisationCount:
    return OrganisationCount(
        key=group["key"], name=group["name"], kind=group["kind"], count=group["count"]
    )


def organisations_not_among(
    *, session: Session, keys: set[str], since: date, until: date
) -> tuple[OrganisationRef, ...]:
    """The administrations and companies that existed from `since` to `until` (come
    into being by then: one created later is no one's silence), not retired before
    `since` nor merged into another by `until` (the one it joined answers for it),
    whose keys are not in `keys`; in Swedish alphabetical order."""
    merges = organisation_merges(session=session)
    return tuple(
        organisation_of(ref)
        for ref in by_name(
            organisation_ref(o)
            for o in session.exec(select(Organisation))
            if o.key not in keys
            and existed_during(o, since.year, until.year)
            and (o.retired_on is None or o.retired_on >= since)
            and not (o.id is not None and o.id in merges and merges[o.id][1] <= until)
        )
    )


def existed_during(org: Organisation, first: int, last: int) -> bool:
    """Whether `org` existed during any of the years `first` to `last`."""
    return any(
        existed_in(year, since=org.since, retired_on=org.retired_on)
        for year in range(first, last + 1)
    )


def reporting_round(*, session: Session, year: int) -> ReportingRound | None:
    """The round for `year` as a report says it (P10): who answered with
    collaborations, who answered that they had none, who did not answer; only
    organisations that existed in the year (a start corrected after the round was
    opened is honoured). None when no round was held: then nobody knows who was
    asked, and a report must not guess."""
    found = session.exec(select(RoundRow).where(RoundRow.year == year)).first()
    if found is None:
        return None
    asked = session.exec(
        select(RoundOrganisation, Organisation)
        .join(Organisation, col(Organisation.id) == RoundOrganisation.organisation_id)
        .where(RoundOrganisation.round_id == found.id)
    ).all()
    summary = summarise(
        [
            (org.name, cast("Answer | None", place.answer))
            for place, org in asked
            if existed_in(year, since=org.since, retired_on=org.retired_on)
        ]
    )
    return ReportingRound(
        deadline=found.deadline,
        closed_on=found.closed_on,
        answered_with_collaborations=tuple(summary.answered_with_collaborations),
        answered_nothing=tuple(summary.answered_nothing),
        did_not_answer=tuple(summary.did_not_answer),
    )


def with_notes(*, session: Session, schedule: Iterable[MeetingYear]) -> tuple[ReportMeeting, ...]:
    """The schedule's meetings with the note of each recorded meeting (None if not recorded)."""
    notes = {r.year: r.note for r in session.exec(select(Meeting))}
    return tuple(
        ReportMeeting(
            **fields_of(meeting),
            note=notes.get(meeting.year) if meeting.source == "recorded" else None,
        )
        for meeting in schedule
    )


def while_open(session: Session) -> Callable[[], bool]:
    """Whether `session` is still in the transaction it is in now (the one a report's
    counts were read in): false once the session has closed."""
    session.connection()  # the transaction begins now, if no query has begun it yet
    transaction = session.get_transaction()
    return lambda: transaction is not None and session.get_transaction() is transaction


def collaborations_section(
    *, session: Session, first: date, last: date, reported: tuple[date, date]
) -> Collaborations:
    """The report's collaborations: active from `first` to `last`, counted; those
    reported during `reported` are the new ones. The `items` are read from the
    session when they are iterated."""
    names = names_by_id(session=session)
    active = active_during(first, last)
    period = CollaborationFilter(period=(first, last))
    new = reported_during(*reported)
    counts = collaboration_counts(session=session, names=names, active=active, new=new, as_of=last)
    items: SessionRows[CollaborationItem] = SessionRows(
        count=counts["total"],
        every=lambda: stream_collaborations(session=session, where=period, as_of=last),
        newest=lambda limit: stream_collaborations(
            session=session, where=period, newest_first=True, limit=limit, as_of=last
        ),
        is_open=while_open(session),
        picked=lambda ids: stream_collaborations(
            session=session, where=replace(period, ids=tuple(ids)), as_of=last
        ),
    )
    return Collaborations(
        total=counts["total"],
        by_town=tuple(town_count(t, t["count"]) for t in counts["by_town"]),
        by_organisation=tuple(organisation_count(o) for o in counts["by_organisation"]),
        by_area=tuple(
            AreaCount(key=a["key"], name=a["name"], name_sv=a["name_sv"], count=a["count"])
            for a in counts["by_area"]
        ),
        by_kind=tuple(KindCount(kind=k["kind"], count=k["count"]) for k in counts["by_kind"]),
        new_this_year=tuple(iter_ids(session=session, where=and_(active, new))),
        reporting_organisations=tuple(
            organisation_count(o) for o in counts["reporting_organisations"]
        ),
        items=items,
    )


def annual_report(*, session: Session, year: int, today: date) -> AnnualReport:
    """Everything `vanort report` shows; a year with nothing in it is a valid report.

    Its `collaborations.items` are read from the session when they are iterated:
    write the report before the session closes."""
    check_year(year, today)
    first, last = date(year, 1, 1), date(year, 12, 31)
    section = collaborations_section(
        session=session, first=first, last=last, reported=(first, last)
    )
    schedule = meeting_schedule(session=session, first_year=year, last_year=year, today=today)
    return AnnualReport(
        year=year,
        period=Period(start=first, end=last),
        generated_on=today,
        meetings=with_notes(session=session, schedule=schedule),
        collaborations=YearCollaborations(
            **fields_of(section),
            # P10: who reported nothing during the year is part of the City's picture.
            organisations_without_reports=organisations_not_among(
                session=session,
                keys={o.key for o in section.reporting_organisations},
                since=first,
                until=last,
            ),
            trend=trend(session, year=year),
        ),
        rotation=rotation_around(session=session, year=year, today=today),
        reporting_round=reporting_round(session=session, year=year),
    )
