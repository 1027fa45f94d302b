"""`vanort calendar -o FILE`: the iCalendar file is parsed back with icalendar, as a
calendar program would, and every event is checked against what `schedule`,
`meeting show` and `evaluation list` say. Its words follow the language of the
command: most tests read the Swedish the City's staff get (`swedish`), and one
reads the English."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from icalendar import Calendar, Event

from conftest import Run, checkpoint, file_digest
from unit.test_calendar_ics import DOMAIN, day, events_of, sequence

pytestmark = pytest.mark.both_backends

TODAY = "2026-03-01"


@pytest.fixture(autouse=True)
def _today(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("VANORT_TODAY", TODAY)


@pytest.fixture
def swedish(monkeypatch: pytest.MonkeyPatch) -> None:
    """The commands of the test speak Swedish (the tests speak English by default)."""
    monkeypatch.setenv("VANORT_LANG", "sv")


def write(run: Run, tmp_path: Path, *args: str, name: str = "vanort.ics") -> dict[str, Event]:
    target = tmp_path / name
    # In Swedish, as the City's Outlook reads it (English: test_calendar_languages.py).
    result = run("--lang", "sv", "calendar", "-o", str(target), "--force", *args)
    assert result.exit_code == 0, result.output
    assert result.stdout == "" and str(target) in result.stderr
    return events_of(target.read_bytes())


def schedule(run: Run, first: int, last: int) -> list[dict[str, Any]]:
    result = run("schedule", "--from", str(first), "--to", str(last), "-f", "json")
    assert result.exit_code == 0, result.output
    rows: list[dict[str, Any]] = json.loads(result.stdout)
    return rows


# -- the file, whole -------------------------------------------------------------


@pytest.mark.sqlite_only
def test_a_fresh_registry_gives_a_calendar_that_parses_back(
    run: Run, tmp_path: Path, swedish: None
) -> None:
    target = tmp_path / "vanort.ics"
    result = run("calendar", "-o", str(target))
    assert result.exit_code == 0, result.output
    assert "6 händelser för mötena 2025–2033 skrevs till" in result.stderr
    data = target.read_bytes()
    calendar = Calendar.from_ical(data)
    assert str(calendar["PRODID"]) == "-//Göteborgs Stad//vanort//SV"
    assert str(calendar["VERSION"]) == "2.0"
    assert str(calendar["X-WR-CALNAME"]) == "Vänortsmöten – Göteborgs Stad"
    # RFC 5545: CRLF line ends, lines folded at 75 octets, UTF-8.
    lines = data.split(b"\r\n")
    assert lines[-1] == b"" and all(b"\n" not in line for line in lines)
    assert max(len(line) for line in lines) <= 75
    events = events_of(data)
    assert sorted(events) == sorted(
        [f"meeting-{y}{DOMAIN}" for y in (2025, 2027, 2029, 2031, 2033)]
        + [f"evaluation-2033{DOMAIN}"]
    )
    for event in events.values():
        assert event.decoded("DTSTAMP") == datetime(2026, 3, 1, tzinfo=UTC)
        # Nothing recorded by staff yet: the shipped data is not in the history.
        assert sequence(event) == 0
        assert day(event, "DTEND") > day(event, "DTSTART")


def test_every_meeting_says_what_vanort_schedule_says(
    run: Run, tmp_path: Path, swedish: None
) -> None:
    run("meeting", "record", "2027", "--host", "Åbo", "--status", "planned",
        "--start", "2027-09-14", "--end", "2027-09-15", "--place", "Åbo slott")  # fmt: skip
    events = write(run, tmp_path, "--from", "2013", "--to", "2041")
    rows = schedule(run, 2013, 2041)
    meetings = {k: e for k, e in events.items() if k.startswith("meeting-")}
    assert len(meetings) == len(rows)
    for row in rows:
        event = meetings[f"meeting-{row['year']}{DOMAIN}"]
        summary = str(event["SUMMARY"])
        assert summary.startswith(f"Vänortsmöte {row['year']} i {row['host']['name_sv']}")
        if row["start_date"]:
            assert day(event, "DTSTART") == date.fromisoformat(row["start_date"])
            end = date.fromisoformat(row["end_date"] or row["start_date"])
            assert day(event, "DTEND") == end + timedelta(days=1)  # exclusive
        else:
            assert day(event, "DTSTART") == date(row["year"], 1, 1)
            assert day(event, "DTEND") == date(row["year"] + 1, 1, 1)
            assert str(event["TRANSP"]) == "TRANSPARENT"
        expected = {"expected": "TENTATIVE", "unrecorded": "TENTATIVE", "cancelled": "CANCELLED"}
        if row["status"] in expected:
            assert str(event["STATUS"]) == expected[row["status"]]
    planned = meetings[f"meeting-2027{DOMAIN}"]
    assert str(planned["STATUS"]) == "CONFIRMED"
    assert str(planned["SUMMARY"]) == "Vänortsmöte 2027 i Åbo"
    assert str(planned["LOCATION"]) == "Åbo slott"
    assert str(planned["TRANSP"]) == "OPAQUE"
    assert (day(planned, "DTSTART"), day(planned, "DTEND")) == (
        date(2027, 9, 14),
        date(2027, 9, 16),
    )
    # Swedish names of the towns, Swedish words for a computed year.
    aarhus = meetings[f"meeting-2031{DOMAIN}"]
    assert str(aarhus["SUMMARY"]) == "Vänortsmöte 2031 i Århus (beräknat enligt turordningen)"
    assert "Värd: Århus" in str(aarhus["DESCRIPTION"])
    # The shipped 2017 meeting: held, but its year is an assumption.
    shipped = meetings[f"meeting-2017{DOMAIN}"]
    assert str(shipped["STATUS"]) == "TENTATIVE"
    assert "meeting confirm 2017" in str(shipped["DESCRIPTION"])


def test_cancelled_and_postponed_meetings_say_so(run: Run, tmp_path: Path, swedish: None) -> None:
    assert run("meeting", "record", "2027", "--host", "Åbo", "--status", "cancelled").exit_code == 0
    events = write(run, tmp_path)
    cancelled = events[f"meeting-2027{DOMAIN}"]
    assert str(cancelled["STATUS"]) == "CANCELLED"
    assert str(cancelled["SUMMARY"]) == "Vänortsmöte 2027 i Åbo (inställt)"
    assert str(events[f"meeting-2029{DOMAIN}"]["SUMMARY"]).startswith("Vänortsmöte 2029 i Bergen")

    assert run("meeting", "record", "2027", "--host", "Åbo", "--status", "postponed").exit_code == 0
    postponed = write(run, tmp_path)[f"meeting-2027{DOMAIN}"]
    assert str(postponed["STATUS"]) == "TENTATIVE"
    assert "uppskjutet, nytt datum ej satt" in str(postponed["SUMMARY"])

    assert run("meeting", "reschedule", "2027", "--to", "2028").exit_code == 0
    events = write(run, tmp_path)
    moved = events[f"meeting-2027{DOMAIN}"]
    assert str(moved["STATUS"]) == "CANCELLED"
    assert str(moved["SUMMARY"]) == "Vänortsmöte 2027 i Åbo (uppskjutet till 2028)"
    assert "Uppskjutet från 2027." in str(events[f"meeting-2028{DOMAIN}"]["DESCRIPTION"])


# -- Göteborg's preparation and evaluation ------------------------------------------


def test_a_goteborg_meeting_brings_its_preparation_steps_and_evaluation(
    run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, swedish: None
) -> None:
    monkeypatch.setenv("VANORT_TODAY", "2032-12-01")
    run("meeting", "record", "2033", "--host", "Göteborg", "--status", "planned",
        "--start", "2033-10-04", "--end", "2033-10-05")  # fmt: skip
    assert run("meeting", "step-done", "2033", "save-the-date", "--on", "2032-11-20").exit_code == 0
    events = write(run, tmp_path, "--from", "2033", "--to", "2033")
    shown = json.loads(run("meeting", "show", "2033", "-f", "json").stdout)
    steps = shown["preparation"]
    assert len(steps) == 5
    assert sorted(events) == sorted(
        [f"meeting-2033{DOMAIN}", f"evaluation-2033{DOMAIN}"]
        + [f"prep-2033-{s['step']}{DOMAIN}" for s in steps]
    )
    for step in steps:
        event = events[f"prep-2033-{step['step']}{DOMAIN}"]
        assert day(event, "DTSTART") == date.fromisoformat(step["due"])
        assert day(event, "DTEND") == date.fromisoformat(step["due"]) + timedelta(days=1)
        assert str(event["SUMMARY"]).startswith(f"Vänortsmöte 2033: {step['name_sv']}")
        assert str(event["STATUS"]) == "CONFIRMED"
        assert str(event["TRANSP"]) == "TRANSPARENT"
    done = events[f"prep-2033-save-the-date{DOMAIN}"]
    assert str(done["SUMMARY"]).endswith("(klart)")
    assert "Klart 20 november 2032." in str(done["DESCRIPTION"])
    todo = events[f"prep-2033-theme{DOMAIN}"]
    assert "vanort meeting step-done 2033 theme" in str(todo["DESCRIPTION"])
    evaluation = events[f"evaluation-2033{DOMAIN}"]
    assert day(evaluation, "DTSTART") == date(2033, 10, 5) + timedelta(days=180)
    assert str(evaluation["STATUS"]) == "TENTATIVE"
    assert str(evaluation["SUMMARY"]).endswith("(beräknad)")

    # Cancelled: the calendar that imported the steps learns that they are void.
    run("meeting", "record", "2033", "--host", "Göteborg", "--status", "cancelled")
    after = write(run, tmp_path, "--from", "2033", "--to", "2033")
    assert set(after) == set(events)
    for uid, event in after.items():
        assert str(event["STATUS"]) == "CANCELLED", uid
        assert sequence(event) > sequence(events[uid]), uid


def test_evaluation_deadlines_are_those_of_evaluation_list(
    run: Run, tmp_path: Path, swedish: None
) -> None:
    listed = json.loads(run("evaluation", "list", "-f", "json").stdout)
    assert [e["year"] for e in listed] == [2017]
    before = write(run, tmp_path, "--from", "2017", "--to", "2017")
    overdue = before[f"evaluation-2017{DOMAIN}"]
    assert day(overdue, "DTSTART") == date.fromisoformat(listed[0]["due"])
    assert str(overdue["STATUS"]) == "CONFIRMED"
    assert str(overdue["SUMMARY"]) == (
        "Samlad redovisning och analys efter vänortsmötet 2017 (försenad)"
    )
    assert "vanort evaluation done 2017" in str(overdue["DESCRIPTION"])
    result = run("evaluation", "done", "2017", "--reference", "SLK 2026/0042", "--on", TODAY)
    assert result.exit_code == 0, result.output
    done = write(run, tmp_path, "--from", "2017", "--to", "2017")[f"evaluation-2017{DOMAIN}"]
    assert str(done["SUMMARY"]).endswith("(klar)")
    assert "Klar 1 mars 2026, SLK 2026/0042." in str(done["DESCRIPTION"])
    assert sequence(done) > sequence(overdue)
    assert run("evaluation", "due-days", "90").exit_code == 0
    later = write(run, tmp_path, "--from", "2017", "--to", "2017")[f"evaluation-2017{DOMAIN}"]
    assert day(later, "DTSTART") == date(2017, 12, 31) + timedelta(days=90)
    assert sequence(later) > sequence(done)


# -- the language ------------------------------------------------------------------

# What an English calendar must not say: the Swedish of its sentences, and the
# Swedish names of the towns in its summaries (a place and an organiser's official
# name are registry text, shown as written).
SWEDISH_WORDS = ("Vänort", "vänort", "Värd", "Arrangör", "Tema", "hållet", "beräknat",
                 "Klart", "Klar ", "försenad", "Förberedelse", "redovisning")  # fmt: skip
SWEDISH_NAMES = ("Åbo", "Århus", "Göteborg")


@pytest.mark.sqlite_only
def test_an_english_command_writes_an_english_calendar_with_the_same_events(
    run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("VANORT_TODAY", "2032-12-01")
    run("meeting", "record", "2027", "--host", "Åbo", "--status", "planned",
        "--start", "2027-09-14", "--end", "2027-09-15")  # fmt: skip
    run("meeting", "record", "2033", "--host", "Göteborg", "--status", "planned",
        "--start", "2033-10-04", "--end", "2033-10-05")  # fmt: skip
    assert run("meeting", "step-done", "2033", "save-the-date", "--on", "2032-11-20").exit_code == 0
    target = tmp_path / "vanort.ics"
    result = run("calendar", "-o", str(target), "--from", "2017", "--to", "2033")
    assert result.exit_code == 0, result.output
    assert "Wrote 16 events for the meetings of 2017–2033" in result.stderr
    calendar = Calendar.from_ical(target.read_bytes())
    assert str(calendar["X-WR-CALNAME"]) == "Twin-town meetings – City of Gothenburg"
    events = events_of(target.read_bytes())
    assert str(events[f"meeting-2027{DOMAIN}"]["SUMMARY"]) == "Twin-town meeting 2027 in Turku"
    aarhus = events[f"meeting-2031{DOMAIN}"]
    assert str(aarhus["SUMMARY"]) == (
        "Twin-town meeting 2031 in Aarhus (computed from the rotation, not recorded)"
    )
    assert "Host: Aarhus." in str(aarhus["DESCRIPTION"])
    assert str(aarhus["CATEGORIES"].cats[0]) == "Twin-town meeting"
    home = events[f"meeting-2033{DOMAIN}"]
    assert str(home["SUMMARY"]) == "Twin-town meeting 2033 in Gothenburg"
    assert "Organiser: Stadsledningskontoret." in str(home["DESCRIPTION"])
    done = events[f"prep-2033-save-the-date{DOMAIN}"]
    assert str(done["SUMMARY"]).endswith("(done)")
    assert "Done 20 November 2032." in str(done["DESCRIPTION"])
    assert str(events[f"evaluation-2017{DOMAIN}"]["SUMMARY"]) == (
        "Consolidated report and analysis after the 2017 twin-town meeting (overdue)"
    )
    assert str(events[f"evaluation-2033{DOMAIN}"]["SUMMARY"]).endswith("(estimated)")
    for uid, event in events.items():
        summary, description = str(event["SUMMARY"]), str(event["DESCRIPTION"])
        assert not [w for w in SWEDISH_WORDS if w in summary + description], (uid, summary)
        assert not [w for w in SWEDISH_NAMES if w in summary], (uid, summary)

    # The same registry in Swedish: the same events on the same days, in other words.
    monkeypatch.setenv("VANORT_LANG", "sv")
    swedish = write(run, tmp_path, "--from", "2017", "--to", "2033", name="vanort-sv.ics")
    assert set(swedish) == set(events)
    for uid, event in events.items():
        for key in ("DTSTART", "DTEND", "STATUS", "SEQUENCE", "TRANSP"):
            assert swedish[uid].decoded(key) == event.decoded(key), (uid, key)
    assert str(swedish[f"meeting-2027{DOMAIN}"]["SUMMARY"]) == "Vänortsmöte 2027 i Åbo"
    assert str(swedish[f"meeting-2033{DOMAIN}"]["SUMMARY"]) == "Vänortsmöte 2033 i Göteborg"


# -- UIDs and SEQUENCE: a newer file updates what a calendar imported ------------------


def test_uids_are_stable_and_the_same_day_gives_the_same_bytes(run: Run, tmp_path: Path) -> None:
    first = run("calendar", "-o", "-", "--from", "2013", "--to", "2041")
    second = run("calendar", "-o", "-", "--from", "2013", "--to", "2041")
    assert first.exit_code == 0 and first.stdout_bytes == second.stdout_bytes
    assert first.stderr == ""
    # A later day moves the stamp, not what the events are.
    later = run("calendar", "-o", "-", "--from", "2013", "--to", "2041", "--today", "2026-04-01")
    assert set(events_of(later.stdout_bytes)) == set(events_of(first.stdout_bytes))


def test_sequence_grows_when_a_meeting_changes_and_never_falls(run: Run, tmp_path: Path) -> None:
    def meeting_2027() -> Event:
        return write(run, tmp_path)[f"meeting-2027{DOMAIN}"]

    seen = [sequence(meeting_2027())]
    changes = [
        ("meeting", "record", "2027", "--host", "Åbo", "--status", "planned"),
        ("meeting", "record", "2027", "--host", "Åbo", "--start", "2027-09-14"),
        ("meeting", "record", "2027", "--host", "Åbo", "--theme", "Hamnar"),
        ("meeting", "delete", "2027", "--yes"),
        ("restore-record", "meeting", "2027"),
    ]
    for change in changes:
        result = run(*change)
        assert result.exit_code == 0, (change, result.output)
        seen.append(sequence(meeting_2027()))
    assert seen == sorted(set(seen)), seen  # strictly growing
    # A command that changes nothing leaves it where it was.
    run("meeting", "record", "2027", "--host", "Åbo", "--theme", "Hamnar")
    assert sequence(meeting_2027()) == seen[-1]
    # A change elsewhere in the registry (a collaboration) is not a change of a meeting.
    run("log-collaboration", "--town", "Åbo", "--org", "Kulturförvaltningen", "--area",
        "culture", "--title", "Författarbyte", "--start", "2026-01-10")  # fmt: skip
    assert sequence(meeting_2027()) == seen[-1]


# -- the range ---------------------------------------------------------------------


def meeting_years(events: dict[str, Event]) -> list[int]:
    return sorted(
        int(uid.removeprefix("meeting-").removesuffix(DOMAIN))
        for uid in events
        if uid.startswith("meeting-")
    )


def test_range_options(run: Run, tmp_path: Path) -> None:
    assert meeting_years(write(run, tmp_path, "--from", "2029", "--to", "2031")) == [2029, 2031]
    assert meeting_years(write(run, tmp_path, "--from", "2030")) == [2031, 2033]
    assert meeting_years(write(run, tmp_path, "--to", "2019")) == [2019]
    assert meeting_years(write(run, tmp_path, "--from", "2035")) == [2035]


@pytest.mark.sqlite_only
@pytest.mark.parametrize(
    ("args", "code", "said"),
    [
        (("--from", "2035", "--to", "2030"), 1, "--from 2035 is after --to 2030."),
        (("--from", "1900"), 2, "1900 is outside the years vanort handles: 1946 to"),
        (("--to", "9999"), 2, "9999 is outside the years vanort handles: 1946 to"),
        (("--from", "twenty"), 2, "'twenty' is not a whole number"),
        (("--today", "26-03-01"), 2, "two-digit year"),
    ],
)
def test_a_bad_range_is_one_line_and_no_file(
    run: Run, tmp_path: Path, args: tuple[str, ...], code: int, said: str
) -> None:
    result = run("calendar", "-o", str(tmp_path / "vanort.ics"), *args)
    assert result.exit_code == code, result.output
    assert len(result.stderr.splitlines()) == 1 and said in result.stderr, result.stderr
    assert result.stdout == ""
    assert not (tmp_path / "vanort.ics").exists()


def test_without_output_it_is_a_usage_error(run: Run) -> None:
    result = run("calendar")
    assert result.exit_code == 2
    assert result.stderr.startswith("Error: Missing option --output")
    assert len(result.stderr.splitlines()) == 1


# -- the output file ---------------------------------------------------------------------


@pytest.mark.sqlite_only
def test_an_existing_file_is_kept_without_force(run: Run, tmp_path: Path) -> None:
    target = tmp_path / "vanort.ics"
    target.write_text("keep me")
    refused = run("calendar", "-o", str(target))
    assert refused.exit_code == 1 and "--force" in refused.stderr
    assert len(refused.stderr.splitlines()) == 1
    assert target.read_text() == "keep me"
    forced = run("calendar", "-o", str(target), "--force")
    assert forced.exit_code == 0
    assert target.read_bytes().startswith(b"BEGIN:VCALENDAR\r\n")


@pytest.mark.sqlite_only
def test_the_registry_itself_is_refused(run: Run, db_path: Path) -> None:
    checkpoint(db_path)
    before = file_digest(db_path)
    result = run("calendar", "-o", str(db_path), "--force")
    assert result.exit_code == 1 and "is the registry itself" in result.stderr
    checkpoint(db_path)
    assert file_digest(db_path) == before


@pytest.mark.sqlite_only
def test_a_missing_directory_or_a_directory_is_one_line(run: Run, tmp_path: Path) -> None:
    missing = run("calendar", "-o", str(tmp_path / "nowhere" / "vanort.ics"))
    assert missing.exit_code == 1 and len(missing.stderr.splitlines()) == 1
    assert "does not exist" in missing.stderr
    directory = run("calendar", "-o", str(tmp_path))
    assert directory.exit_code == 1 and "is a directory" in directory.stderr
    # A name no file system takes: the error of the operating system, in one line.
    too_long = run("calendar", "-o", str(tmp_path / ("a" * 300 + ".ics")))
    assert too_long.exit_code == 1 and len(too_long.stderr.splitlines()) == 1
    assert "the file name is too long" in too_long.stderr
    assert not any(p.suffix in (".ics", ".tmp") for p in tmp_path.iterdir())


@pytest.mark.sqlite_only
@pytest.mark.skipif(os.geteuid() == 0, reason="root writes into a read-only directory")
def test_an_unwritable_place_is_one_line_and_leaves_nothing(run: Run, tmp_path: Path) -> None:
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0o555)
    try:
        result = run("calendar", "-o", str(locked / "vanort.ics"))
        assert result.exit_code == 1, result.output
        assert len(result.stderr.splitlines()) == 1 and "Traceback" not in result.output
        assert list(locked.iterdir()) == []
    finally:
        locked.chmod(0o755)


@pytest.mark.sqlite_only
def test_a_calendar_is_read_only_for_the_registry(run: Run, db_path: Path, tmp_path: Path) -> None:
    checkpoint(db_path)
    before = file_digest(db_path)
    write(run, tmp_path, "--from", "2013", "--to", "2041")
    checkpoint(db_path)
    assert file_digest(db_path) == before


@pytest.mark.sqlite_only
def test_standard_output_holds_the_same_calendar_as_the_file(run: Run, tmp_path: Path) -> None:
    to_file = (tmp_path / "vanort.ics", run("calendar", "-o", str(tmp_path / "vanort.ics")))
    assert to_file[1].exit_code == 0
    piped = run("calendar", "-o", "-")
    assert piped.exit_code == 0 and piped.stderr == ""
    assert piped.stdout_bytes == to_file[0].read_bytes()


def test_help_does_not_load_icalendar() -> None:
    code = (
        "import sys\n"
        "from vanort_cli.cli.app import app\n"
        "try:\n    app(['calendar', '--help'], prog_name='vanort')\nexcept SystemExit:\n    pass\n"
        "sys.stderr.write(repr([m for m in ('icalendar', 'sqlalchemy') if m in sys.modules]))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.stderr.strip() == "[]", result.stderr


# -- the builder, over any rows ----------------------------------------------------------
