"""The iCalendar builder over any rows: one valid event each, parsed back with
icalendar as a calendar program would (the command: tests/test_calendar_ics.py)."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st
from icalendar import Calendar, Event

from vanort_cli.exchange.ics import (
    EvaluationRow,
    MeetingRow,
    PreparationRow,
    calendar_bytes,
    calendar_events,
)
from vanort_cli.i18n import speaking

DOMAIN = "@vanort.goteborg.se"


def events_of(data: bytes) -> dict[str, Event]:
    """The file's events by UID; every UID unique."""
    calendar = Calendar.from_ical(data)
    events = list(calendar.walk("VEVENT"))
    uids = [str(e["UID"]) for e in events]
    assert len(uids) == len(set(uids)), uids
    return dict(zip(uids, events, strict=True))


def day(event: Event, key: str) -> date:
    value = event.decoded(key)
    assert isinstance(value, date) and not isinstance(value, datetime), (key, value)
    return value


def sequence(event: Event) -> int:
    return int(event["SEQUENCE"])


# Registry text never holds control characters (services/text.py refuses them).
TEXT = st.text(st.characters(blacklist_categories=("Cc", "Cs")), min_size=1, max_size=60)


MEETING_STATUSES = ("held", "planned", "postponed", "cancelled", "expected", "unrecorded")


@st.composite
def meeting_rows(draw: st.DrawFn) -> list[MeetingRow]:
    years = draw(st.lists(st.integers(1946, 2100), unique=True, max_size=8))
    rows = []
    for year in years:
        start = draw(st.none() | st.dates(date(year, 1, 1), date(year, 12, 31)))
        end = None
        if start is not None:
            end = draw(st.none() | st.dates(start, date(year, 12, 31)))
        rows.append(
            MeetingRow(
                year=year,
                host=draw(st.sampled_from(["Göteborg", "Åbo", "Bergen", "Århus"])),
                status=draw(st.sampled_from(MEETING_STATUSES)),
                start_date=start,
                end_date=end,
                place=draw(st.none() | TEXT),
                theme=draw(st.none() | TEXT),
                organiser=draw(st.none() | TEXT),
                confirmed=draw(st.none() | st.booleans()),
                rescheduled_to=draw(st.none() | st.integers(year + 1, year + 3)),
                postponed_from=None,
                sequence=draw(st.integers(0, 10_000)),
            )
        )
    return rows


@settings(max_examples=60, deadline=None)
@given(
    meetings=meeting_rows(),
    due=st.dates(date(1946, 1, 1), date(2100, 12, 31)),
    done=st.none() | st.dates(date(1946, 1, 1), date(2100, 12, 31)),
    status=st.sampled_from(["done", "due", "overdue", "forecast", "void"]),
)
def test_any_rows_give_a_calendar_with_one_valid_event_each(
    meetings: list[MeetingRow], due: date, done: date | None, status: str
) -> None:
    for language, summary in SUMMARIES.items():
        with speaking(language):
            _any_rows_give_a_calendar(meetings, due, done, status, summary)


SUMMARIES = {"sv": "Vänortsmöte {year} i {host}", "en": "Twin-town meeting {year} in {host}"}


def _any_rows_give_a_calendar(
    meetings: list[MeetingRow], due: date, done: date | None, status: str, summary: str
) -> None:
    steps = [
        PreparationRow(2033, "theme", "Tema överenskommet", 180, due, done, "late", False, 3),
        PreparationRow(2033, "invitations", "Inbjudningar", 120, due, None, "upcoming", True, 3),
    ]
    evaluations = [EvaluationRow(2033, due, status, done, "Dnr 1", 180, 4)]
    events = calendar_events(meetings, steps, evaluations)
    stamp = datetime(2026, 3, 1, tzinfo=UTC)
    data = calendar_bytes(events, stamp=stamp)
    assert data == calendar_bytes(calendar_events(meetings, steps, evaluations), stamp=stamp)
    parsed = events_of(data)
    assert len(parsed) == len(meetings) + 3
    allowed = {"TENTATIVE", "CONFIRMED", "CANCELLED"}
    for row in meetings:
        event = parsed[f"meeting-{row.year}{DOMAIN}"]
        assert str(event["STATUS"]) in allowed
        assert str(event["SUMMARY"]).startswith(summary.format(year=row.year, host=row.host))
        assert sequence(event) == row.sequence
        start, end = day(event, "DTSTART"), day(event, "DTEND")
        assert start.year == row.year and end > start
        if row.start_date is None:
            assert (start, end) == (date(row.year, 1, 1), date(row.year + 1, 1, 1))
            assert str(event["STATUS"]) != "CONFIRMED"
        if row.status == "cancelled":
            assert str(event["STATUS"]) == "CANCELLED"
        if row.place:
            assert str(event["LOCATION"]) == row.place
        if row.theme:
            assert row.theme in str(event["DESCRIPTION"])
    for uid in (f"prep-2033-theme{DOMAIN}", f"evaluation-2033{DOMAIN}"):
        assert day(parsed[uid], "DTSTART") == due
        assert day(parsed[uid], "DTEND") == due + timedelta(days=1)
    assert str(parsed[f"prep-2033-invitations{DOMAIN}"]["STATUS"]) == "CANCELLED"
