"""`vanort round workbooks` and the workbook imported back as an organisation's
answer: filled in with openpyxl as a clerk would (one confirmed, one changed and
ended, two added, the ids kept), imported once, imported again, and refused as
another organisation's answer."""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path

import pytest
from openpyxl import load_workbook
from sqlmodel import Session
from tests.conftest import Run, checkpoint, file_digest

from vanort_cli.domain.rounds import Asked

pytestmark = pytest.mark.both_backends

TODAY = "2026-11-02"
KULTUR = "Kulturförvaltningen"
SLK = "Stadsledningskontoret"


@pytest.fixture(autouse=True)
def _today(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("VANORT_TODAY", TODAY)


@contextmanager
def registry_session(url: str) -> Iterator[Session]:
    """The test's registry, in-process, for what no command of this branch does."""
    from vanort_cli.store.location import resolve_location
    from vanort_cli.store.registry import Registry

    registry = Registry(resolve_location(url))
    try:
        with registry.writing() as session:
            yield session
    finally:
        registry.close()


def ok(run: Run, *args: str) -> str:
    result = run(*args)
    assert result.exit_code == 0, result.output
    return result.stderr


def log(run: Run, *args: str) -> int:
    result = run("log-collaboration", *args)
    assert result.exit_code == 0, result.output
    return int(result.stdout.strip())


def opened_round(run: Run, registry_url: str) -> dict[str, int]:
    """A round for 2026 asking Kulturförvaltningen and Stadsledningskontoret, the
    latter's contact writing in English; Kulturförvaltningen's collaborations."""
    from vanort_cli.services.contacts import ContactChange, add_contact

    ids = {
        "ended_2025": log(run, "-t", "Åbo", "-o", KULTUR, "-a", "culture", "--title",
                          "Gammalt utbyte", "--start", "2024-01-01", "--end", "2025-06-30"),
        "confirmed": log(run, "-t", "Åbo", "-o", KULTUR, "-a", "culture", "--title",
                         "Litteraturdagar", "--start", "2026-03-01", "--end", "2026-06-30"),
        "changed": log(run, "-t", "Bergen", "-t", "Aarhus", "-o", KULTUR, "-a", "culture",
                       "--title", "Musikutbyte", "--start", "2025-01-01",
                       "--description", "Körer"),
        "slk": log(run, "-t", "Bergen", "-o", SLK, "-a", "urban development", "--title",
                   "Hamnar", "--start", "2026-01-01"),
    }  # fmt: skip
    ok(run, "round", "open", "2026", "--deadline", "2027-01-31", "--org", KULTUR, "--org", SLK)
    with registry_session(registry_url) as session:
        add_contact(
            session=session,
            organisation=SLK,
            change=ContactChange(name="Sam Clerk", email="sam@example.se", language="en"),
        )
    return ids


def status(registry_url: str) -> dict[str, Asked]:
    from vanort_cli.services.rounds import status as round_status

    with registry_session(registry_url) as session:
        return {
            a.organisation: a
            for a in round_status(session=session, year=2026, today=date(2026, 11, 2))
        }


def collaborations(run: Run) -> dict[int, dict[str, object]]:
    result = run("collaborations", "list", "-f", "json")
    assert result.exit_code == 0, result.output
    return {c["id"]: c for c in json.loads(result.stdout)}


def history_rows(run: Run) -> list[dict[str, object]]:
    result = run("history", "--all", "-f", "jsonl")
    assert result.exit_code == 0, result.output
    return [json.loads(line) for line in result.stdout.splitlines()]


def test_one_workbook_per_organisation_in_its_contacts_language(
    run: Run, registry_url: str, tmp_path: Path
) -> None:
    ids = opened_round(run, registry_url)
    out = tmp_path / "böcker"
    said = ok(run, "round", "workbooks", "2026", "-o", str(out))
    assert "2 workbooks" in said and "1 in Swedish, 1 in English" in said
    kultur = load_workbook(out / "vanort-2026-kulturforvaltningen.xlsx")
    assert kultur.sheetnames == ["Samarbeten", "Instruktioner", "Listor", "vanort"]
    assert kultur["vanort"].sheet_state == "veryHidden"
    sheet = kultur["Samarbeten"]
    rows = [r for r in sheet.iter_rows(values_only=True) if any(r)]
    assert rows[0][:3] == ("Id", "Titel", "Förvaltning/bolag")
    # Active during 2026 only, oldest first, in Swedish; the one ended in 2025 is not listed.
    assert [r[0] for r in rows[1:]] == [ids["changed"], ids["confirmed"]]
    assert rows[1][1:5] == ("Musikutbyte", KULTUR, "Kultur", "Bergen, Århus")
    # The organisation's drop-down offers only the organisation itself.
    by_column = {str(v.sqref).split(":")[0]: v for v in sheet.data_validations.dataValidation}
    assert by_column["C2"].formula1 == "Listor!$A$2:$A$2"
    assert kultur["Listor"]["A2"].value == KULTUR
    slk = load_workbook(out / "vanort-2026-stadsledningskontoret.xlsx")
    assert slk.sheetnames[0] == "Collaborations"
    assert next(slk["Collaborations"].iter_rows(values_only=True))[:2] == ("Id", "Title")
    # Written again: refused without --force, whole; replaced with it.
    again = run("round", "workbooks", "2026", "-o", str(out))
    assert again.exit_code == 1 and "--force" in again.stderr
    ok(run, "round", "workbooks", "2026", "-o", str(out), "--org", SLK, "--force")


def fill_in(path: Path, ids: dict[str, int], target: Path) -> None:
    """As a clerk would: one row left as it is, one ended and described anew, two
    added below (one with the organisation left empty), ids kept."""
    book = load_workbook(path)
    sheet = book.worksheets[0]
    rows = {row[0].value: row for row in sheet.iter_rows(min_row=2) if row[0].value}
    changed = rows[ids["changed"]]
    changed[7].value = date(2026, 9, 30)
    changed[8].value = "Körer och orkestrar"
    last = max(r[0].row for r in rows.values())
    sheet.cell(row=last + 1, column=2, value="Bokmässa")
    sheet.cell(row=last + 1, column=4, value="Kultur")
    sheet.cell(row=last + 1, column=5, value="Bergen")
    sheet.cell(row=last + 1, column=7, value=date(2026, 9, 1))
    new = ["", "Teaterturné", KULTUR, "Kultur", "Åbo, Bergen", "nätverk", date(2026, 5, 1)]
    for column, value in enumerate(new, start=1):
        sheet.cell(row=last + 2, column=column, value=value)
    book.save(target)


def test_a_filled_in_workbook_is_the_organisations_answer_once(
    run: Run, registry_url: str, tmp_path: Path
) -> None:
    ids = opened_round(run, registry_url)
    ok(run, "round", "workbooks", "2026", "-o", str(tmp_path), "--org", KULTUR)
    answer = tmp_path / "svar.xlsx"
    fill_in(tmp_path / "vanort-2026-kulturforvaltningen.xlsx", ids, answer)
    before = collaborations(run)
    tried = ok(run, "collaborations", "import", str(answer), "--dry-run")
    assert "1 listed collaboration would be updated and 2 new ones imported" in tried
    assert collaborations(run) == before and status(registry_url)[KULTUR].answer is None

    said = ok(run, "collaborations", "import", str(answer))
    assert f"#{ids['changed']} (End date, Description)" in said
    assert "Confirmed as they are: 1 listed collaboration" in said
    assert "Imported 2 collaborations" in said
    assert f"answer of {KULTUR} to the round for 2026: 4 collaborations" in said
    after = collaborations(run)
    assert len(after) == len(before) + 2
    assert after[ids["changed"]]["end_date"] == "2026-09-30"
    assert after[ids["changed"]]["description"] == "Körer och orkestrar"
    assert after[ids["confirmed"]] == before[ids["confirmed"]]
    added = [c for i, c in after.items() if i not in before]
    assert {c["title"] for c in added} == {"Bokmässa", "Teaterturné"}
    assert all(c["organisation"]["name"] == KULTUR for c in added)  # type: ignore[index]
    asked = status(registry_url)
    assert asked[KULTUR].answer == "collaborations" and asked[KULTUR].collaborations == 4
    assert asked[SLK].answer is None
    # The changes are named in the history as the answer's, only the fields changed.
    edits = [
        h for h in history_rows(run) if h["table"] == "collaboration" and h["action"] == "update"
    ]
    assert len(edits) == 1 and edits[0]["record_id"] == ids["changed"]
    assert set(edits[0]["new"]) - {"updated_at"} == {"end_date", "description"}  # type: ignore[arg-type]
    assert edits[0]["command"] == (
        f"vanort collaborations import (answer of {KULTUR} to the round for 2026)"
    )

    # The same workbook again: nothing changes, and it says so.
    entries = len(history_rows(run))
    again = ok(run, "collaborations", "import", str(answer))
    assert "Nothing changed" in again
    assert collaborations(run) == after
    assert len(history_rows(run)) == entries
    assert status(registry_url)[KULTUR].collaborations == 4


def test_another_organisations_workbook_is_refused(
    run: Run, registry_url: str, tmp_path: Path
) -> None:
    ids = opened_round(run, registry_url)
    ok(run, "round", "workbooks", "2026", "-o", str(tmp_path))
    kultur = tmp_path / "vanort-2026-kulturforvaltningen.xlsx"
    before = collaborations(run)
    entries = len(history_rows(run))

    whole = run("collaborations", "import", str(kultur), "--round", "2026", "--org", SLK)
    assert whole.exit_code == 2, whole.output
    assert whole.stderr.strip().count("\n") == 0
    assert (
        f"workbook of {KULTUR}" in whole.stderr and "not of Stadsledningskontoret" in whole.stderr
    )

    # SLK's workbook with a row of Kulturförvaltningen's and an id of its collaboration.
    book = load_workbook(tmp_path / "vanort-2026-stadsledningskontoret.xlsx")
    sheet = book.worksheets[0]
    for column, value in enumerate([ids["confirmed"], "Lånad", SLK, "Culture", "Turku"], 1):
        sheet.cell(row=3, column=column, value=value)
    for column, value in enumerate(["", "Främmande", KULTUR, "Culture", "Bergen"], 1):
        sheet.cell(row=4, column=column, value=value)
    for column, value in enumerate([99999, "Okänd", "", "Culture", "Bergen"], 1):
        sheet.cell(row=5, column=column, value=value)
    mixed = tmp_path / "blandat.xlsx"
    book.save(mixed)
    refused = run("collaborations", "import", str(mixed))
    assert refused.exit_code == 1, refused.output
    lines = refused.stderr.splitlines()
    assert any(
        line.startswith("row 3, Id") and f"of {KULTUR}, not of {SLK}" in line for line in lines
    )
    assert any(line.startswith("row 4, Administration/company") for line in lines)
    assert any(line.startswith("row 5, Id '99999': no collaboration") for line in lines)
    assert collaborations(run) == before
    assert len(history_rows(run)) == entries
    assert status(registry_url)[SLK].answer is None


@pytest.mark.sqlite_only
def test_a_refused_answer_leaves_the_registry_byte_identical(
    run: Run, registry_url: str, db_path: Path, tmp_path: Path
) -> None:
    ids = opened_round(run, registry_url)
    ok(run, "round", "workbooks", "2026", "-o", str(tmp_path))
    answer = tmp_path / "svar.xlsx"
    fill_in(tmp_path / "vanort-2026-kulturforvaltningen.xlsx", ids, answer)
    book = load_workbook(answer)
    book.worksheets[0].cell(row=3, column=1, value=ids["slk"])  # another's id, last row
    book.save(answer)
    checkpoint(db_path)
    digest = file_digest(db_path)
    for args in (("--org", SLK, "--round", "2026"), ("--round", "2025"), ()):
        result = run("collaborations", "import", str(answer), *args)
        assert result.exit_code in (1, 2), result.output
        checkpoint(db_path)
        assert file_digest(db_path) == digest


def test_a_csv_file_as_the_answers_of_its_organisations(
    run: Run, registry_url: str, tmp_path: Path
) -> None:
    opened_round(run, registry_url)
    rows = [
        "Titel;Förvaltning/bolag;Område;Vänorter;Startdatum",
        f"Vårkonsert;{KULTUR};Kultur;Bergen;2026-04-01",
        f"Stadsplan;{SLK};Stadsutveckling;Åbo;2026-02-01",
    ]
    csv_file = tmp_path / "svar.csv"
    csv_file.write_text("\r\n".join(rows) + "\r\n", encoding="utf-8")
    only = run("collaborations", "import", str(csv_file), "--round", "2026", "--org", SLK)
    assert only.exit_code == 1, only.output
    assert f"line 2, Förvaltning/bolag '{KULTUR}': this is the answer of {SLK}" in only.stderr
    said = ok(run, "collaborations", "import", str(csv_file), "--round", "2026")
    assert "answer of Kulturförvaltningen" in said and "answer of Stadsledningskontoret" in said
    asked = status(registry_url)
    assert asked[KULTUR].collaborations == 1 and asked[SLK].collaborations == 1
    lone = run("collaborations", "import", str(csv_file), "--org", SLK)
    assert lone.exit_code == 2 and "--round YEAR" in lone.stderr


def test_an_empty_workbook_points_to_the_answer_nothing(
    run: Run, registry_url: str, tmp_path: Path
) -> None:
    opened_round(run, registry_url)
    ok(run, "round", "workbooks", "2026", "-o", str(tmp_path), "--org", SLK)
    book = load_workbook(tmp_path / "vanort-2026-stadsledningskontoret.xlsx")
    book.worksheets[0].delete_rows(2, 10)
    empty = tmp_path / "tomt.xlsx"
    book.save(empty)
    result = run("collaborations", "import", str(empty))
    assert result.exit_code == 2, result.output
    assert f"vanort round answer 2026 {SLK} --nothing" in result.stderr
