"""`vanort calendar` in both languages: the events' texts, the towns' and steps'
names and the days in sentences follow the language; what a calendar program
keys on (UIDs, days, statuses, sequences) does not, so a file written in one
language updates the events another imported."""

from __future__ import annotations

from pathlib import Path

import pytest
from icalendar import Calendar, Event

from conftest import Run

DOMAIN = "@vanort.goteborg.se"


@pytest.fixture
def meetings(run: Run, monkeypatch: pytest.MonkeyPatch) -> None:
    """A planned meeting in Åbo, a Göteborg meeting with a step done, an evaluation done."""
    monkeypatch.setenv("VANORT_TODAY", "2026-03-01")
    for args in (
        ("meeting", "record", "2027", "--host", "Åbo", "--status", "planned",
         "--start", "2027-09-14", "--end", "2027-09-15"),
        ("meeting", "record", "2033", "--host", "Göteborg", "--status", "planned",
         "--start", "2033-10-04", "--end", "2033-10-05"),
        ("meeting", "step-done", "2033", "save-the-date", "--on", "2026-02-20"),
        ("evaluation", "done", "2017", "--reference", "SLK 2026/0042", "--on", "2026-03-01"),
    ):  # fmt: skip
        result = run(*args)
        assert result.exit_code == 0, result.output


def written(run: Run, tmp_path: Path, language: str) -> dict[str, Event]:
    target = tmp_path / f"{language}.ics"
    result = run(
        "--lang", language, "calendar", "-o", str(target), "--from", "2017", "--to", "2033"
    )
    assert result.exit_code == 0, result.output
    events = Calendar.from_ical(target.read_bytes()).walk("VEVENT")
    return {str(e["UID"]): e for e in events}


def text(event: Event) -> str:
    """The summary and the place (the description names the organiser, whose name,
    "Turun kaupunki / Åbo stad", is one in both languages)."""
    return f"{event['SUMMARY']}\n{event.get('LOCATION', '')}"


def test_names_and_days_follow_the_language(run: Run, meetings: None, tmp_path: Path) -> None:
    english, swedish = written(run, tmp_path, "en"), written(run, tmp_path, "sv")
    turku = f"meeting-2027{DOMAIN}"
    assert "Turku" in text(english[turku]) and "Åbo" not in text(english[turku])
    assert "Åbo" in text(swedish[turku]) and "Turku" not in text(swedish[turku])
    home = f"meeting-2033{DOMAIN}"
    assert "Gothenburg" in text(english[home]) and "Göteborg" in text(swedish[home])
    step = f"prep-2033-save-the-date{DOMAIN}"
    assert "Save-the-date sent to the twin towns" in str(english[step]["SUMMARY"])
    assert "Save-the-date till vänorterna" in str(swedish[step]["SUMMARY"])
    assert "20 February 2026" in str(english[step]["DESCRIPTION"])
    assert "20 februari 2026" in str(swedish[step]["DESCRIPTION"])
    evaluation = f"evaluation-2017{DOMAIN}"
    assert "1 March 2026, SLK 2026/0042" in str(english[evaluation]["DESCRIPTION"])
    assert "1 mars 2026, SLK 2026/0042" in str(swedish[evaluation]["DESCRIPTION"])


def test_what_a_calendar_keys_on_is_the_same_in_both(
    run: Run, meetings: None, tmp_path: Path
) -> None:
    english, swedish = written(run, tmp_path, "en"), written(run, tmp_path, "sv")
    assert set(english) == set(swedish)
    for uid, event in english.items():
        for key in ("DTSTART", "DTEND", "STATUS", "SEQUENCE", "TRANSP"):
            assert event.decoded(key) == swedish[uid].decoded(key), (uid, key)
