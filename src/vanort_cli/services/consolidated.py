"""The draft of the consolidated report and analysis due after a Göteborg-hosted
meeting (P11): everything since the previous meeting Göteborg hosted."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from sqlalchemy import ColumnElement, and_
from sqlmodel import Session, col, select

from vanort_cli.domain.collation import swedish_sort_key
from vanort_cli.domain.dates import FIRST_YEAR
from vanort_cli.domain.merges import day_counted, organisation_on
from vanort_cli.domain.report import (
    ConsolidatedReport,
    Delegation,
    EvaluationMeeting,
    OngoingItem,
    OpenItems,
    Participant,
    Period,
    PeriodCollaborations,
    YearCount,
    YearRound,
    fields_of,
)
from vanort_cli.errors import RuleError
from vanort_cli.i18n import messages as m
from vanort_cli.services.collaboration_records import active_during
from vanort_cli.services.delegation import meeting_details
from vanort_cli.services.meetings import check_year
from vanort_cli.services.merges import organisation_merges
from vanort_cli.services.overview import (
    active_by_year,
    rotation_around,
    trend,
)
from vanort_cli.services.report import (
    collaborations_section,
    iter_ids,
    organisations_not_among,
    reporting_round,
    with_notes,
)
from vanort_cli.services.schedule import meeting_schedule
from vanort_cli.services.towns import HOME_TOWN
from vanort_cli.store.models import Collaboration, Meeting, Organisation

NOT_TAKING_PLACE = ("postponed", "cancelled")


def _by_year(session: Session, first: int, last: int) -> tuple[YearCount, ...]:
    """How many collaborations were active each year from `first` to `last`, and the
    change from the year before."""
    by_year: list[YearCount] = []
    before: int | None = None
    for y, count in active_by_year(session, first, last).items():
        by_year.append(
            YearCount(year=y, count=count, change=None if before is None else count - before)
        )
        before = count
    return tuple(by_year)


def _organisations_with(session: Session, active: ColumnElement[bool], as_of: date) -> set[str]:
    """The keys of the organisations with a collaboration `active`, each under the
    organisation that ran it on its last day in the period ending `as_of`
    (`domain.merges`)."""
    merges = organisation_merges(session=session)
    keys = {o.id: o.key for o in session.exec(select(Organisation))}
    stored = session.exec(
        select(Collaboration.organisation_id, col(Collaboration.end_date)).where(active).distinct()
    )
    return {keys[organisation_on(i, day_counted(as_of, end), merges)] for i, end in stored}


def _ongoing(session: Session, active: ColumnElement[bool], as_of: date) -> tuple[OngoingItem, ...]:
    """The collaborations `active` with no end, by title: what the draft asks about,
    each with the organisation that ran it `as_of` the period's last day."""
    merges = organisation_merges(session=session)
    names = {o.id: o.name for o in session.exec(select(Organisation))}
    rows = session.exec(
        select(Collaboration.id, Collaboration.title, Collaboration.organisation_id)
        .where(active, col(Collaboration.end_date).is_(None))
        .order_by(col(Collaboration.start_date), col(Collaboration.id))
    )
    return tuple(
        sorted(
            (
                OngoingItem(
                    id=i or 0, title=title, organisation=names[organisation_on(o, as_of, merges)]
                )
                for i, title, o in rows
            ),
            key=lambda i: swedish_sort_key(i.title),
        )
    )


def _delegations(participants: Iterable[Participant]) -> tuple[Delegation, ...]:
    """Every town's delegation, Göteborg's first, then the towns by Swedish name."""
    towns: dict[str, list[Participant]] = {}
    for p in participants:
        towns.setdefault(p.town.key, []).append(p)
    delegations = (
        Delegation(town=people[0].town, participants=tuple(people)) for people in towns.values()
    )
    return tuple(
        sorted(
            delegations,
            key=lambda d: (d.town.key != HOME_TOWN, swedish_sort_key(d.town.name_sv)),
        )
    )


def consolidated_report(*, session: Session, year: int, today: date) -> ConsolidatedReport:
    """The period since the previous Göteborg-hosted meeting, up to the end of `year`."""
    check_year(year, today)
    schedule = meeting_schedule(session=session, first_year=FIRST_YEAR, last_year=year, today=today)
    hostings = [r for r in schedule if r.host.key == HOME_TOWN and r.status not in NOT_TAKING_PLACE]
    if not hostings or hostings[-1].year != year:
        raise RuleError(m.NOT_A_HOME_YEAR.format(year=year))
    if hostings[-1].source != "recorded" or hostings[-1].status != "held":
        raise RuleError(m.EVALUATION_NEEDS_HELD.format(year=year))
    before = hostings[-2] if len(hostings) > 1 else None
    recorded_years = [r.year for r in session.exec(select(Meeting))]
    first = before.year + 1 if before is not None else min(recorded_years, default=year)
    period = (date(first, 1, 1), date(year, 12, 31))

    records = {r.year: r for r in session.exec(select(Meeting))}
    meetings = []
    for meeting in with_notes(
        session=session, schedule=[r for r in schedule if first <= r.year <= year]
    ):
        record = records.get(meeting.year) if meeting.source == "recorded" else None
        details = meeting_details(session=session, meeting=record, today=today) if record else None
        participants = details.participants if details else ()
        meetings.append(
            EvaluationMeeting(
                **fields_of(meeting),
                seminars=details.seminars if details else (),
                gothenburg_delegation=tuple(p for p in participants if p.town.key == HOME_TOWN),
                delegations=_delegations(participants),
            )
        )

    section = collaborations_section(
        session=session, first=period[0], last=period[1], reported=period
    )
    # The period, not the last year: reported during it, and who reported. A
    # collaboration active in the period may be reported after it (the draft is
    # written later): it counts as active, and is said apart.
    active = active_during(*period)
    after = col(Collaboration.reported_on) > period[1]
    # Silent: no collaboration of theirs active at any time in the period is on
    # record, whenever it was reported.
    silent = organisations_not_among(
        session=session,
        keys=_organisations_with(session, active, period[1]),
        since=period[0],
        until=period[1],
    )
    return ConsolidatedReport(
        year=year,
        previous_hosting_year=before.year if before is not None else None,
        previous_hosting_source=before.source if before is not None else None,
        # The period rests on the previous meeting's year: say when that is not confirmed.
        previous_hosting_confirmed=before.confirmed if before is not None else None,
        period=Period(start=period[0], end=period[1]),
        generated_on=today,
        meetings=tuple(meetings),
        collaborations=PeriodCollaborations(
            **fields_of(section),
            reported_after_period=tuple(iter_ids(session=session, where=and_(active, after))),
            by_year=_by_year(session, first, year),
            trend=trend(session, year=year),
        ),
        rotation=rotation_around(session=session, year=year, today=today),
        open_items=OpenItems(
            ongoing=_ongoing(session, active, period[1]), organisations_without_reports=silent
        ),
        # P10 year by year: each year's round, or that none was held.
        reporting_rounds=tuple(
            YearRound(year=y, reporting_round=reporting_round(session=session, year=y))
            for y in range(first, year + 1)
        ),
    )
