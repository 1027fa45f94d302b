"""The meeting schedule: the rotation calculator fed from the registry."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Any

from sqlmodel import Session, col, select

from vanort_cli.domain import rotation
from vanort_cli.domain.meetings import NextMeeting
from vanort_cli.domain.report import MeetingYear, fields_of
from vanort_cli.domain.rotation import RecordedMeeting, RotationTown, ScheduledMeeting
from vanort_cli.errors import NotFoundError, RuleError
from vanort_cli.i18n import Joined, Name, Worded, pick, values
from vanort_cli.i18n import messages as m
from vanort_cli.services.delegation import timeline_for
from vanort_cli.services.meetings import check_year, organiser_of
from vanort_cli.services.towns import HOME_TOWN, town_ref, towns_by_id
from vanort_cli.store.models import Meeting, Town, TownDecision


def rotation_towns(*, session: Session) -> list[RotationTown]:
    """The towns that take part in the rotation, with their places in it."""
    towns = session.exec(select(Town).where(Town.kind == "twin")).all()
    return [
        RotationTown(
            key=t.key,
            position=t.rotation_position,
            first_year=t.rotation_from_year,
            last_year=t.rotation_until_year,
        )
        for t in towns
        if t.rotation_position is not None
    ]


def recorded_meetings(*, session: Session) -> list[RecordedMeeting]:
    towns = towns_by_id(session=session)
    return [
        RecordedMeeting(
            year=row.year,
            host=towns[row.host_town_id].key,
            status=row.status,  # type: ignore[arg-type]
            start_date=row.start_date,
            end_date=row.end_date,
            rescheduled_to=row.rescheduled_to,
            shift_cycle=row.shift_cycle,
        )
        for row in session.exec(select(Meeting))
    ]


def _names(towns: Iterable[Town]) -> dict[str, Name]:
    """Each town's name, by key, worded when shown: Åbo in Swedish, Turku in English."""
    return {t.key: Name(t.name, t.name_sv) for t in towns}


def _status_word(status: str) -> values.Word:
    return values.MEETING_STATUS.worded(status)


def _parity(year: int) -> m.Prose:
    return m.Prose(m.EN.PARITY[year % 2])


def basis_note(*, session: Session) -> Worded:
    """Which years are recorded, which are computed, and how to correct them:
    worded when shown (a table in the reader's language, JSON in English)."""
    towns = {t.key: t for t in session.exec(select(Town))}
    names = _names(towns.values())
    by_id = {t.id: names[t.key] for t in towns.values()}
    meetings = sorted(session.exec(select(Meeting)), key=lambda r: r.year)
    if not meetings:
        return Joined([m.Prose(m.EN.BASIS_NONE_RECORDED), m.Prose(m.EN.BASIS_CORRECT)])

    def described(record: Meeting) -> m.Prose:
        status: Worded = _status_word(record.status)
        if not record.confirmed:
            status = m.Prose(m.EN.BASIS_NOT_CONFIRMED, status=status)
        return m.Prose(
            m.EN.BASIS_MEETING, year=record.year, host=by_id[record.host_town_id], status=status
        )

    parts: list[Worded] = [
        m.Prose(m.EN.BASIS_RECORDED, years=Joined((described(r) for r in meetings), ", "))
    ]
    recorded = recorded_meetings(session=session)
    parts.extend(_postponements(recorded, names))
    anchors = rotation.anchoring(recorded)
    if anchors:
        latest = anchors[-1]
        # The order after the latest anchor, a town joining later included (its
        # first year is said with the decision).
        following = latest.year + 2
        order = sorted(
            (
                t
                for t in rotation_towns(session=session)
                if t.last_year is None or t.last_year >= following
            ),
            key=lambda t: t.position,
        )
        parts.append(
            m.Prose(
                m.EN.BASIS_COMPUTED,
                order=Joined((names[t.key] for t in order), " → "),
                anchor=Joined([str(latest.year), names[latest.host]]),
            )
        )
        parts.extend(_order_basis(session, [towns[t.key] for t in order]))
    parts.append(m.Prose(m.EN.BASIS_CORRECT))
    return Joined(parts)


def _order_basis(session: Session, order: list[Town]) -> list[Worded]:
    """Which part of the order is assumed (the towns there from the start) and which
    was decided (a town added by a City Council decision, from the year after)."""
    original = [t for t in order if t.rotation_from_year is None]
    added = [t for t in order if t.rotation_from_year is not None]
    if not added:
        return [m.Prose(m.EN.BASIS_ORDER_ASSUMED)]
    said: list[Worded] = []
    if len(original) > 1:
        names = [Name(t.name, t.name_sv) for t in original]
        listed = m.Prose(m.EN.LIST_AND, first=Joined(names[:-1], ", "), last=names[-1])
        said.append(m.Prose(m.EN.BASIS_ORIGINAL_ORDER_ASSUMED, towns=listed))
    for town in added:
        decision = session.exec(
            select(TownDecision)
            .where(TownDecision.town_id == town.id, TownDecision.action == "establish")
            .order_by(col(TownDecision.id).desc())
        ).first()
        name = Name(town.name, town.name_sv)
        if decision is not None and decision.reference:
            said.append(
                m.Prose(
                    m.EN.BASIS_PLACE_DECIDED,
                    town=name,
                    year=town.rotation_from_year,
                    reference=decision.reference,
                )
            )
        else:
            said.append(
                m.Prose(
                    m.EN.BASIS_PLACE_DECIDED_NO_REFERENCE, town=name, year=town.rotation_from_year
                )
            )
    return said


def _postponement(meeting: RecordedMeeting, to: int | None, host: Name) -> m.Prose:
    """A postponed meeting in words: its new date, and what the cycle does."""
    if to is None:
        return m.Prose(m.EN.BASIS_POSTPONED_UNSCHEDULED, year=meeting.year, host=host)
    if meeting.shift_cycle is False:
        step = rotation.MEETING_INTERVAL_YEARS
        following = to + step - (to - meeting.year) % step
        return m.Prose(
            m.EN.BASIS_RESCHEDULED_KEEP,
            year=meeting.year,
            host=host,
            to=to,
            parity=_parity(meeting.year),
            next=following,
        )
    return m.Prose(
        m.EN.BASIS_RESCHEDULED_SHIFT, year=meeting.year, host=host, to=to, parity=_parity(to)
    )


def _postponements(recorded: list[RecordedMeeting], names: dict[str, Name]) -> list[m.Prose]:
    links = rotation.reschedulings(recorded)
    return [
        _postponement(r, links.get(r.year), names[r.host])
        for r in sorted(recorded, key=lambda r: r.year)
        if r.status == "postponed"
    ]


def postponement_note(*, session: Session, year: int) -> str:
    """What `basis_note` says of `year`'s postponed meeting, in the language now."""
    recorded = recorded_meetings(session=session)
    meeting = next(r for r in recorded if r.year == year)
    names = _names(session.exec(select(Town)))
    note = _postponement(meeting, rotation.reschedulings(recorded).get(year), names[meeting.host])
    return str(note)


def _entry(
    meeting: ScheduledMeeting, towns: dict[str, Town], records: dict[int, Meeting]
) -> MeetingYear:
    host = towns[meeting.host]
    record = records.get(meeting.year) if meeting.source == "recorded" else None
    return MeetingYear(
        year=meeting.year,
        host=town_ref(host),
        status=meeting.status,
        source=meeting.source,
        start_date=meeting.start_date,
        end_date=meeting.end_date,
        place=record.place if record else None,
        theme=record.theme if record else None,
        confirmed=record.confirmed if record else None,
        organiser=organiser_of(host),
        rescheduled_to=meeting.rescheduled_to,
        shift_cycle=meeting.shift_cycle,
        postponed_from=meeting.postponed_from,
    )


def default_range(*, session: Session, today: date) -> tuple[int, int]:
    """From the latest recorded meeting to one full cycle past the next meeting."""
    recorded = recorded_meetings(session=session)
    if not recorded:
        raise NotFoundError(m.NO_SCHEDULE)
    towns = rotation_towns(session=session)
    upcoming = rotation.next_meeting(towns, recorded, today, HOME_TOWN)
    first = max(r.year for r in recorded)
    start_of_next = upcoming.meeting.year if upcoming else today.year
    if upcoming and upcoming.meeting.postponed_from is not None:
        first = min(first, upcoming.meeting.postponed_from)  # show where it was moved from
    cycle = rotation.hosting_cycle_years(towns, start_of_next)
    return min(first, start_of_next), start_of_next + max(
        cycle - rotation.MEETING_INTERVAL_YEARS, 0
    )


def meeting_schedule(
    *, session: Session, first_year: int | None, last_year: int | None, today: date
) -> list[MeetingYear]:
    """Every meeting year in the range, recorded and computed."""
    for year in (first_year, last_year):
        if year is not None:
            check_year(year, today)
    if first_year is None or last_year is None:
        default_first, default_last = default_range(session=session, today=today)
        first_year = default_first if first_year is None else first_year
        last_year = max(default_last, first_year) if last_year is None else last_year
    if first_year > last_year:
        raise RuleError(m.RANGE_BACKWARDS.format(start=first_year, end=last_year))
    towns = {t.key: t for t in session.exec(select(Town))}
    records = {r.year: r for r in session.exec(select(Meeting))}
    computed = rotation.schedule(
        rotation_towns(session=session),
        recorded_meetings(session=session),
        first_year,
        last_year,
        today,
    )
    return [_entry(meeting, towns, records) for meeting in computed]


def next_meeting(*, session: Session, today: date) -> NextMeeting:
    """The answer to `vanort next-meeting`, as the JSON output shows it."""
    answer = rotation.next_meeting(
        rotation_towns(session=session), recorded_meetings(session=session), today, HOME_TOWN
    )
    if answer is None:
        raise NotFoundError(m.NO_SCHEDULE)
    towns = {t.key: t for t in session.exec(select(Town))}
    records = {r.year: r for r in session.exec(select(Meeting))}
    home_year = answer.home_next.year if answer.home_next else None
    preparation = None
    if answer.meeting.host == HOME_TOWN:
        preparation = timeline_for(
            session=session,
            meeting=records.get(answer.meeting.year),
            start=answer.meeting.start_date,
            today=today,
        )
    return NextMeeting(
        **fields_of(_entry(answer.meeting, towns, records)),
        preparation=preparation,
        gothenburg_next_year=home_year,
        years_until_gothenburg=home_year - today.year if home_year is not None else None,
        gothenburg_postponed_year=answer.home_postponed.year if answer.home_postponed else None,
        basis=basis_note(session=session),
    )


def _confirmed_years(session: Session) -> list[int]:
    return [r.year for r in session.exec(select(Meeting)) if r.confirmed]


def out_of_turn_findings(*, session: Session) -> list[dict[str, Any]]:
    """The records that move the cycle and that staff have not confirmed, as
    `vanort check` words them (the rule: `rotation.out_of_turn`)."""
    recorded = recorded_meetings(session=session)
    names = _names(session.exec(select(Town)))
    pending = rotation.unscheduled_postponements(recorded)
    found = []
    for turn in rotation.out_of_turn(
        rotation_towns(session=session), recorded, _confirmed_years(session)
    ):
        found.append(
            {
                "year": turn.year,
                "host": turn.host,
                "expected_host": turn.expected_host,
                "after_year": turn.after_year,
                "message": _out_of_turn_message(turn, names, pending),
            }
        )
    return found


def _out_of_turn_message(
    turn: rotation.OutOfTurn, names: dict[str, Name], pending: list[RecordedMeeting]
) -> m.Prose:
    """Worded when shown: in the reader's language by `vanort check`, in English in its JSON."""
    origin = _postponed_origin(turn, pending)
    facts: dict[str, Any] = {
        "year": turn.year,
        "host": names[turn.host],
        "after_year": turn.after_year,
        "after_host": names[turn.after_host],
        "turn_year": turn.turn_year,
        "parity": _parity(turn.after_year),
        "postponed": ""
        if origin is None
        else m.Prose(m.EN.CHECK_OUT_OF_TURN_POSTPONED, origin=origin.year, year=turn.year),
    }
    if turn.expected_host is None:
        return m.Prose(m.EN.CHECK_OUT_OF_TURN_YEAR, **facts)
    return m.Prose(m.EN.CHECK_OUT_OF_TURN_HOST, expected=names[turn.expected_host], **facts)


def _postponed_origin(
    turn: rotation.OutOfTurn, pending: list[RecordedMeeting]
) -> RecordedMeeting | None:
    """A postponement with no new year set, by the same host, between the anchor and
    the record: recorded before rescheduling existed, then held later."""
    return next(
        (
            p
            for p in reversed(pending)
            if p.host == turn.host and turn.after_year < p.year < turn.year
        ),
        None,
    )


def hold_to_rotation(
    *,
    session: Session,
    before: list[RecordedMeeting],
    meeting: Meeting,
    confirmed: bool,
    today: date,
) -> str | None:
    """What `meeting record` says when the record it made moves the cycle: what the
    rotation had for that year, and how Göteborg's next turn moves. None when the
    record is in turn, or was already out of turn the same way.

    A record that moves the cycle and that staff did not confirm in the same
    command (`confirmed`) is kept as not confirmed, so `vanort check` names it until staff
    confirm it (`vanort meeting confirm`) or delete it.
    """
    towns = rotation_towns(session=session)
    after = recorded_meetings(session=session)
    earlier = set(rotation.out_of_turn(towns, before))
    turn = next((t for t in rotation.out_of_turn(towns, after) if t.year == meeting.year), None)
    if turn is None or turn in earlier:
        return None
    names = {t.key: pick(t.name, t.name_sv) for t in session.exec(select(Town))}
    if turn.expected_host is None:
        lines = [m.TURN_OFF_CYCLE.format(year=turn.turn_year, parity=str(_parity(turn.after_year)))]
    else:
        lines = [
            m.TURN_EXPECTED_HOST.format(
                expected=names[turn.expected_host], year=turn.turn_year, host=names[turn.host]
            )
        ]
    was = rotation.home_turn(towns, before, today, HOME_TOWN)
    now = rotation.home_turn(towns, after, today, HOME_TOWN)
    if was is not None and now is not None and was != now:
        lines.append(m.TURN_HOME_MOVES.format(before=was, after=now))
    origin = _postponed_origin(turn, rotation.unscheduled_postponements(after))
    if origin is not None:
        lines.append(
            m.CHECK_OUT_OF_TURN_POSTPONED.format(origin=origin.year, year=turn.year).strip()
        )
    lines.append(m.TURN_UNDO.format(year=meeting.year))
    if not confirmed:
        meeting.confirmed = False
        session.add(meeting)
        session.flush()
    return " ".join(lines)
