"""What scripts read is the same in Swedish and English; what people read is in
their language.

`--format json` (and CSV for machines) is byte for byte the same under `--lang sv`
and `--lang en`, on a registry with collaborations, meetings and a postponement:
keys, values, statuses, and the sentences JSON holds (check findings, the basis
note), which are always English. Tables, records and the CSV and workbooks for
people are headed and worded in the reader's language, and name the towns as it
does: Åbo in Swedish, Turku in English.
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from conftest import Run

TODAY = "2026-03-01"


def ok(run: Run, *args: str) -> str:
    result = run(*args)
    assert result.exit_code == 0, result.output
    return result.stdout


def _build(invoke: Run, _directory: Path) -> None:
    """Collaborations with Åbo, Århus and Bergen (one ongoing, one ended), meetings
    recorded (one postponed, one not confirmed), a delegation, an evaluation due."""
    commands = [
        ["log-collaboration", "-t", "Åbo", "-t", "Bergen", "-o", "SLK", "-a", "culture",
         "--title", "Nordiska litteraturdagar", "--start", "2025-03-01"],
        ["log-collaboration", "-t", "Aarhus", "-o", "Higab", "-a", "urban development",
         "--kind", "study-visit", "--title", "Klimatanpassade hamnar", "--start", "2024-01-15",
         "--end", "2025-06-30"],
        ["log-collaboration", "-t", "Turku", "-o", "Kulturförvaltningen", "-a", "culture",
         "--kind", "exchange", "--title", "Unga läsare", "--start", "2026-01-10"],
        ["meeting", "record", "2019", "--host", "Åbo", "--status", "held", "--place", "Åbo slott"],
        ["meeting", "record", "2021", "--host", "Bergen", "--status", "postponed"],
        ["meeting", "participant", "add", "2017", "--name", "Anna Svensson", "--town",
         "Göteborg", "--role", "KF ordförande"],
        ["towns", "record-decision", "Bergen", "--decision", "KF 1946-05-09 §4",
         "--decided-on", "1946-05-09"],
    ]  # fmt: skip
    for args in commands:
        ok(invoke, *args)


@pytest.fixture
def registry(built_registry: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    """The test's registry as `_build` makes it: built once per test process and
    copied, as every test here reads it alike."""
    built_registry("language", _build, {"VANORT_TODAY": TODAY})
    monkeypatch.setenv("VANORT_TODAY", TODAY)


JSON_COMMANDS = {
    "next-meeting": ["next-meeting", "-f", "json"],
    "schedule": ["schedule", "--from", "2013", "--to", "2031", "-f", "json"],
    "check": ["check", "-f", "json"],
    "towns list": ["towns", "list", "-f", "json"],
    "towns show": ["towns", "show", "Åbo", "-f", "json"],
    "towns show home": ["towns", "show", "Göteborg", "-f", "json"],
    "collaborations list": ["collaborations", "list", "-f", "json"],
    "collaborations show": ["collaborations", "show", "1", "-f", "json"],
    "meeting show": ["meeting", "show", "2017", "-f", "json"],
    "meeting show postponed": ["meeting", "show", "2021", "-f", "json"],
    "meeting list": ["meeting", "list", "-f", "json"],
    "report": ["report", "--year", "2025", "-f", "json"],
    "history": ["history", "-f", "json"],
    "orgs list": ["orgs", "list", "-f", "json"],
    "orgs show": ["orgs", "show", "SLK", "-f", "json"],
    "areas list": ["areas", "list", "-f", "json"],
    "evaluation list": ["evaluation", "list", "-f", "json"],
    # CSV for machines: keys and values as JSON's.
    "schedule csv": ["schedule", "--from", "2013", "--to", "2031", "-f", "csv"],
    "collaborations csv": ["collaborations", "list", "-f", "csv"],
    "towns csv": ["towns", "list", "-f", "csv"],
    "history csv": ["history", "-f", "csv"],
    "report csv": ["report", "--year", "2025", "-f", "csv"],
}


def in_language(run: Run, lang: str, args: list[str]) -> str:
    result = run("--lang", lang, *args)
    # `check` exits 1 when a finding is an error; its JSON is written all the same.
    assert result.exit_code in (0, 1), result.output
    assert result.stdout, result.output
    return result.stdout


@pytest.mark.parametrize("name", list(JSON_COMMANDS))
def test_machine_output_is_the_same_in_swedish_and_english(
    run: Run, registry: None, name: str
) -> None:
    args = JSON_COMMANDS[name]
    swedish, english = in_language(run, "sv", args), in_language(run, "en", args)
    assert swedish == english
    if "json" in args:
        json.loads(english)


def test_json_holds_the_english_sentences_and_the_english_values(run: Run, registry: None) -> None:
    found = json.loads(in_language(run, "sv", ["check", "-f", "json"]))["findings"]
    by_code = {f["code"]: f for f in found}
    # A date in a sentence is worded (Babel), in English as JSON always is.
    overdue = by_code["evaluation_overdue_unconfirmed"]
    assert "would have been due 29 June 2018 (P11)" in overdue["message"]
    assert (overdue["severity"], overdue["due"]) == ("warning", "2018-06-29")
    unrecorded = [f for f in found if f["code"] == "meeting_unrecorded"]
    assert "(computed host: Aarhus)" in unrecorded[0]["message"]
    assert unrecorded[0]["host"] == "aarhus"
    answer = json.loads(in_language(run, "sv", ["next-meeting", "-f", "json"]))
    assert answer["basis"].startswith("Recorded: 2013 Bergen (held), 2015 Aarhus (held)")
    assert "2021 Bergen (postponed)" in answer["basis"]
    # The postponed 2021 meeting, its new date not set, is still the next one.
    assert (answer["year"], answer["status"], answer["host"]["key"]) == (
        2021,
        "postponed",
        "bergen",
    )
    orgs = json.loads(in_language(run, "sv", ["orgs", "list", "-f", "json"]))
    assert {o["status"] for o in orgs} <= {"active", "retired"}
    towns = json.loads(in_language(run, "sv", ["towns", "list", "-f", "json"]))
    assert {t["kind"] for t in towns} == {"twin", "partner"}


def test_swedish_tables_are_headed_and_worded_in_swedish(run: Run, registry: None) -> None:
    towns = in_language(run, "sv", ["towns", "list"])
    for text in ("Orter", "Nyckel", "Namn", "Engelskt namn", "Land", "Typ", "vänort"):
        assert text in towns
    assert "partnerstad" in towns and "aktiv" in towns and "vilande" in towns
    assert "Åbo" in towns and "Århus" in towns
    schedule = in_language(run, "sv", ["schedule", "--from", "2013", "--to", "2031"])
    for text in ("År", "Värd", "Källa", "hållet", "uppskjutet", "inte registrerat", "förväntat"):
        assert text in schedule
    assert "registret" in schedule and "rotationen" in schedule
    assert "Åbo" in schedule and "Turku" not in schedule.replace("turku", "")
    assert "held" not in schedule and "expected" not in schedule
    listed = in_language(run, "sv", ["collaborations", "list"])
    for text in ("Titel", "Orter", "Förvaltning/bolag", "Område", "Typ", "Slut", "pågående"):
        assert text in listed
    assert "Bergen, Åbo" in listed and "Århus" in listed
    assert "studiebesök" in listed and "erfarenhetsutbyte" in listed and "Kultur" in listed
    assert "ongoing" not in listed and "study-visit" not in listed
    shown = in_language(run, "sv", ["towns", "show", "Turku"])
    assert shown.startswith("Åbo") and "Svenskt namn" not in shown
    assert "Engelskt namn" in shown and "Turku" in shown
    meeting = in_language(run, "sv", ["meeting", "show", "2017"])
    assert "Bekräftat" in meeting and "nej" in meeting and "Anna Svensson" in meeting
    assert "Göteborg" in meeting and "Gothenburg" not in meeting
    orgs = in_language(run, "sv", ["orgs", "list"])
    assert "förvaltning" in orgs and "bolag" in orgs and "aktiv" in orgs


def test_english_tables_name_the_towns_in_english(run: Run, registry: None) -> None:
    towns = in_language(run, "en", ["towns", "list"])
    assert "Turku" in towns and "Aarhus" in towns and "Swedish name" in towns
    assert "twin" in towns and "partner" in towns and "active" in towns
    schedule = in_language(run, "en", ["schedule", "--from", "2013", "--to", "2031"])
    assert "Turku" in schedule and "held" in schedule and "recorded" in schedule
    assert "Åbo slott" in schedule and "Åbo " not in schedule.replace("Åbo slott", "")
    assert "hållet" not in schedule
    listed = in_language(run, "en", ["collaborations", "list"])
    assert "Bergen, Turku" in listed and "ongoing" in listed and "study-visit" in listed
    assert "Culture" in listed and "Orter" not in listed
    shown = in_language(run, "en", ["towns", "show", "Åbo"])
    assert shown.startswith("Turku") and "Swedish name" in shown and "Åbo" in shown


def test_check_and_the_basis_note_are_in_the_language(run: Run, registry: None) -> None:
    swedish = run("--lang", "sv", "check").stdout
    english = run("--lang", "en", "check").stdout
    assert all(line.startswith(("fel ", "varning ")) for line in swedish.splitlines())
    assert all(line.startswith(("error ", "warning ")) for line in english.splitlines())
    assert "29 juni 2018" in swedish and "29 June 2018" in english
    assert "Århus" in swedish and "Aarhus" not in swedish
    assert "Århus" not in english and "Aarhus" in english
    swedish = in_language(run, "sv", ["next-meeting"])
    assert "2015 Århus (hållet)" in swedish and "2021 Bergen (uppskjutet)" in swedish
    english = in_language(run, "en", ["next-meeting"])
    assert "2015 Aarhus (held)" in english and "2021 Bergen (postponed)" in english


def test_messages_name_the_town_and_the_status_in_the_language(run: Run, registry: None) -> None:
    said = run("--lang", "sv", "meeting", "record", "2023", "--host", "Aarhus").stderr
    assert "Århus" in said and "(hållet)" in said
    said = run("--lang", "en", "meeting", "record", "2023", "--host", "Århus").stderr
    assert "Aarhus" in said and "(held)" in said
    refused = run("--lang", "sv", "meeting", "record", "2027", "--host", "Turkku").stderr
    assert "Åbo" in refused and "Turku" not in refused


def test_a_swedish_listing_for_excel_is_headed_in_swedish_and_imports_back(
    run: Run, registry: None, tmp_path: Path
) -> None:
    path = tmp_path / "samarbeten.csv"
    ok(run, "--lang", "sv", "collaborations", "list", "--excel", "--output", str(path))
    text = path.read_text(encoding="utf-8-sig")
    header = text.splitlines()[0].split(";")
    assert header[:6] == ["Id", "Titel", "Orter", "Förvaltning/bolag", "Organisationstyp", "Område"]
    rows = list(csv.DictReader(io.StringIO(text, newline=""), delimiter=";"))
    # The cells are what machines read: the towns' Swedish names, the kinds' keys.
    by_title = {r["Titel"]: r for r in rows}
    assert by_title["Nordiska litteraturdagar"]["Orter"] == "Bergen, Åbo"
    # Worded as the table words it, and the import reads the Swedish form back.
    assert by_title["Klimatanpassade hamnar"]["Typ"] == "studiebesök"
    assert by_title["Nordiska litteraturdagar"]["Slut"] == ""
    dry = run(
        "collaborations", "import", str(path), "--dry-run", "--allow-duplicates", "-f", "json"
    )
    assert dry.exit_code == 0, dry.output
    summary = json.loads(dry.stdout)
    assert (summary["would_import"], summary["problems"]) == (3, []), summary
    # In English the keys, as ever.
    english = tmp_path / "collaborations.csv"
    ok(run, "--lang", "en", "collaborations", "list", "--excel", "--output", str(english))
    assert english.read_text(encoding="utf-8-sig").startswith("id;title;towns;organisation;")


def test_a_swedish_workbook_is_headed_in_swedish(run: Run, registry: None, tmp_path: Path) -> None:
    for lang, first in (("sv", ("År", "Värd")), ("en", ("year", "host"))):
        path = tmp_path / f"schema-{lang}.xlsx"
        ok(run, "--lang", lang, "schedule", "--from", "2013", "--to", "2031", "-o", str(path))
        rows = list(openpyxl.load_workbook(path).active.iter_rows(values_only=True))
        assert rows[0][:2] == first
        # Worded as the table is in Swedish; the values machines read in English.
        status = "hållet" if lang == "sv" else "held"
        assert rows[1][:4] == (2013, "Bergen", "bergen", status)


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_an_unknown_name_gets_suggestions_only_when_they_resemble_it(run: Run, lang: str) -> None:
    """`a` is in most names: suggesting some of them is a list that only looks like
    an answer. `kultur` begins a name, and gets it."""
    short = run("--lang", lang, "orgs", "show", "a")
    assert short.exit_code == 1
    assert "Kulturförvaltningen" not in short.stderr and "?" not in short.stderr
    begun = run("--lang", lang, "orgs", "show", "kultur")
    assert begun.exit_code == 1
    assert ("Menade du" if lang == "sv" else "Did you mean") in begun.stderr
    assert "Kulturförvaltningen" in begun.stderr


def test_a_shipped_note_is_shown_in_the_language_and_json_keeps_both(run: Run) -> None:
    swedish = " ".join(run("--lang", "sv", "towns", "show", "Bergen").stdout.split())
    english = " ".join(run("--lang", "en", "towns", "show", "Bergen").stdout.split())
    assert "Kommunenummer 4601 sedan 2020" in swedish and "since 2020" not in swedish
    assert "Kommunenummer 4601 since 2020" in english and "sedan 2020" not in english
    org = " ".join(run("--lang", "sv", "orgs", "show", "Boplats Göteborg").stdout.split())
    assert "i väntan på en översyn" in org
    shown = json.loads(run("--lang", "sv", "towns", "show", "Bergen", "-f", "json").stdout)
    assert shown["note"].startswith("Kommunenummer 4601 since 2020")
    assert shown["note_sv"].startswith("Kommunenummer 4601 sedan 2020")
