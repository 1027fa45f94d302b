"""The calendar file (RFC 5545 iCalendar) that Outlook and Google Calendar import:
the meetings, the preparation steps of a Göteborg-hosted meeting and the
evaluations due after them (P6, P11), in the language of the command: the
events' texts, the towns' names (Åbo / Turku), the steps' names and the days in
sentences ("1 mars 2026" / "1 March 2026"), the statuses by their long words
(i18n.values, as the report's rotation chart says them). The UIDs, dates and
statuses are the same in every language, so a calendar updates the events it
imported whichever language wrote the newer file.

The input is plain rows (the dataclasses below, filled by
`services/calendar.py` from what `vanort schedule`, `meeting show` and
`evaluation list` say); the output is the file's bytes. Nothing here reads
the clock or the registry, so one set of rows always gives the same file.

A calendar updates an imported event when a newer file has an event with the
same UID and a higher SEQUENCE: UIDs say what an event is (`meeting-2028@...`),
never when it was written, and the caller derives SEQUENCE from the registry's
history so that it only grows.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING, Final, Literal

from vanort_cli.i18n import Day, Worded, pick, values
from vanort_cli.i18n import messages as m

if TYPE_CHECKING:
    from icalendar import Event

UID_DOMAIN: Final = "vanort.goteborg.se"
PRODID: Final = "-//Göteborgs Stad//vanort//SV"

EventStatus = Literal["TENTATIVE", "CONFIRMED", "CANCELLED"]


@dataclass(frozen=True)
class MeetingRow:
    """A row of `vanort schedule`: a recorded or computed meeting year."""

    year: int
    host: str | Worded  # the host's name, best a `Name` (Åbo / Turku), worded when written
    status: str  # held | planned | postponed | cancelled | expected | unrecorded
    start_date: date | None
    end_date: date | None
    place: str | None
    theme: str | None
    organiser: str | None
    confirmed: bool | None  # None: computed
    rescheduled_to: int | None
    postponed_from: int | None
    sequence: int


@dataclass(frozen=True)
class PreparationRow:
    """A dated step of a Göteborg-hosted meeting's preparation timeline (P6)."""

    year: int
    step: str
    name_sv: str  # the step's Swedish name
    days_before: int
    due: date
    done_on: date | None
    status: str  # done | late | upcoming | not-applicable (the meeting was held)
    meeting_cancelled: bool  # the meeting will not be held: the step is void
    sequence: int
    name: str | None = None  # the step's English name (None: the Swedish one)


@dataclass(frozen=True)
class EvaluationRow:
    """The consolidated report and analysis due after a Göteborg-hosted meeting (P11)."""

    year: int
    due: date
    status: str  # done | due | overdue (a held meeting) | forecast | void
    done_on: date | None
    reference: str | None
    days: int
    sequence: int


def uid(kind: str, *parts: object) -> str:
    """What the event is, never when it was written: `prep-2033-theme@vanort.goteborg.se`."""
    return "-".join([kind, *(str(p) for p in parts)]) + "@" + UID_DOMAIN


@dataclass(frozen=True)
class CalendarEvent:
    """One all-day VEVENT; `end` is exclusive (the day after the last day), as RFC 5545
    wants for DATE values."""

    uid: str
    summary: str
    start: date
    end: date
    status: EventStatus
    sequence: int
    description: str
    category: str
    location: str | None = None
    busy: bool = False  # a whole-year placeholder or a deadline must not block the diary


def meeting_event(row: MeetingRow) -> CalendarEvent:
    """A meeting over its dates; a whole-year entry when it has none (computed, or
    recorded without dates), marked tentative, since nobody knows its days yet."""
    first = row.start_date or row.end_date
    last = row.end_date or row.start_date
    dated = first is not None and last is not None
    moved_away = row.status == "postponed" and row.rescheduled_to is not None
    status: EventStatus
    if row.status == "cancelled" or moved_away:
        status = "CANCELLED"
    elif dated and row.status in ("held", "planned") and row.confirmed is not False:
        status = "CONFIRMED"
    else:
        status = "TENTATIVE"
    if row.status == "postponed":
        state = (
            m.ICS_POSTPONED_TO.format(to=row.rescheduled_to)
            if moved_away
            else m.ICS_POSTPONED_UNSET
        )
    else:
        state = values.MEETING_STATUS.word(row.status, long=True)
    host = str(row.host)
    summary = m.ICS_MEETING_SUMMARY.format(year=row.year, host=host)
    if row.status not in ("held", "planned"):
        summary += f" ({state})"
    lines = [m.ICS_MEETING_HOST.format(host=host, organiser=row.organiser or host)]
    if row.theme:
        lines.append(m.ICS_MEETING_THEME.format(theme=row.theme))
    lines.append(m.ICS_MEETING_STATE.format(state=state))
    if row.postponed_from is not None:
        lines.append(m.ICS_POSTPONED_FROM.format(year=row.postponed_from))
    if row.confirmed is False:
        lines.append(m.ICS_NOT_CONFIRMED.format(year=row.year))
    if not dated and status != "CANCELLED":
        lines.append(m.ICS_WHOLE_YEAR.format(year=row.year))
    if first is None or last is None:
        first, last = date(row.year, 1, 1), date(row.year, 12, 31)
    return CalendarEvent(
        uid=uid("meeting", row.year),
        summary=summary,
        start=first,
        end=last + timedelta(days=1),
        status=status,
        sequence=row.sequence,
        description="\n".join(lines),
        category=m.ICS_CATEGORY_MEETING,
        location=row.place or host,
        busy=dated and status != "CANCELLED",
    )


def preparation_event(row: PreparationRow) -> CalendarEvent:
    """A step on its due day; one done says so in its summary and description
    (a VEVENT has no COMPLETED status, and Outlook does not import VTODOs)."""
    summary = m.ICS_STEP_SUMMARY.format(
        year=row.year, step=pick(row.name or row.name_sv, row.name_sv)
    )
    lines = [m.ICS_STEP_WHAT.format(year=row.year, days=row.days_before)]
    status: EventStatus = "CONFIRMED"
    if row.meeting_cancelled:
        status = "CANCELLED"
        summary += f" ({values.STEP_STATUS.word('void', long=True)})"
        lines.append(m.ICS_STEP_VOID.format(year=row.year))
    elif row.done_on is not None:
        summary += f" ({values.STEP_STATUS.word('done', long=True)})"
        lines.append(m.ICS_STEP_DONE.format(on=Day(row.done_on)))
    elif row.status == "not-applicable":
        # Held without the step marked done: nothing is left to do, nothing is late.
        summary += f" ({values.STEP_STATUS.word('not-applicable', long=True)})"
        lines.append(m.ICS_STEP_SETTLED.format(year=row.year))
    else:
        if row.status == "late":
            summary += f" ({values.STEP_STATUS.word('late', long=True)})"
        lines.append(m.ICS_STEP_TODO.format(year=row.year, step=row.step))
    return CalendarEvent(
        uid=uid("prep", row.year, row.step),
        summary=summary,
        start=row.due,
        end=row.due + timedelta(days=1),
        status=status,
        sequence=row.sequence,
        description="\n".join(lines),
        category=m.ICS_CATEGORY_PREPARATION,
    )


def evaluation_event(row: EvaluationRow) -> CalendarEvent:
    """The day the evaluation is due; a forecast (the meeting is still to be held)
    is tentative, and one of a meeting that will not be held is cancelled."""
    summary = m.ICS_EVALUATION_SUMMARY.format(year=row.year)
    lines = [m.ICS_EVALUATION_WHAT.format(year=row.year, days=row.days)]
    status: EventStatus = "CONFIRMED"
    if row.status == "void":
        status = "CANCELLED"
        summary += f" ({values.EVALUATION_STATUS.word('void', long=True)})"
        lines.append(m.ICS_EVALUATION_VOID.format(year=row.year))
    elif row.status == "forecast":
        status = "TENTATIVE"
        summary += f" ({values.EVALUATION_STATUS.word('forecast', long=True)})"
        lines.append(m.ICS_EVALUATION_FORECAST)
    elif row.status == "done" and row.done_on is not None:
        summary += f" ({values.EVALUATION_STATUS.word('done', long=True)})"
        lines.append(
            m.ICS_EVALUATION_DONE.format(on=Day(row.done_on), reference=row.reference or "")
        )
    else:
        if row.status == "overdue":
            summary += f" ({values.EVALUATION_STATUS.word('overdue', long=True)})"
        lines.append(m.ICS_EVALUATION_TODO.format(year=row.year))
    return CalendarEvent(
        uid=uid("evaluation", row.year),
        summary=summary,
        start=row.due,
        end=row.due + timedelta(days=1),
        status=status,
        sequence=row.sequence,
        description="\n".join(lines),
        category=m.ICS_CATEGORY_EVALUATION,
    )


def calendar_events(
    meetings: Iterable[MeetingRow],
    preparation: Iterable[PreparationRow] = (),
    evaluations: Iterable[EvaluationRow] = (),
) -> list[CalendarEvent]:
    """Every event, in the order of their days (then UIDs), so the file is stable."""
    events = [
        *(meeting_event(r) for r in meetings),
        *(preparation_event(r) for r in preparation),
        *(evaluation_event(r) for r in evaluations),
    ]
    return sorted(events, key=lambda e: (e.start, e.uid))


def _vevent(event: CalendarEvent, stamp: datetime) -> Event:
    from icalendar import Event

    vevent = Event()
    vevent.add("uid", event.uid)
    vevent.add("dtstamp", stamp)
    vevent.add("dtstart", event.start)
    vevent.add("dtend", event.end)
    vevent.add("summary", event.summary)
    vevent.add("description", event.description)
    if event.location:
        vevent.add("location", event.location)
    vevent.add("categories", [event.category])
    vevent.add("status", event.status)
    vevent.add("sequence", event.sequence)
    vevent.add("transp", "OPAQUE" if event.busy else "TRANSPARENT")
    return vevent


def calendar_bytes(events: Sequence[CalendarEvent], *, stamp: datetime) -> bytes:
    """The whole iCalendar file: CRLF lines folded at 75 octets, UTF-8.

    `stamp` (DTSTAMP, in UTC) is when the file was made; the caller decides it, so
    that tests and scripts that fix the day get the same bytes twice.
    """
    from icalendar import Calendar

    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    # PUBLISH: a calendar to import, not an invitation that asks for replies.
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", m.ICS_CALENDAR_NAME)
    calendar.add("x-wr-caldesc", m.ICS_CALENDAR_DESCRIPTION)
    for event in events:
        calendar.add_component(_vevent(event, stamp))
    ical: bytes = calendar.to_ical()
    return ical
