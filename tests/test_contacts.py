"""`vanort orgs contact ...`: an organisation's contacts, personal data kept out of
the history and the reports, and removed for good (issue 24)."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path
from typing import Any

import pytest

from conftest import Run, checkpoint, file_digest

pytestmark = pytest.mark.both_backends

TODAY = "2026-11-27"
ANNA = "anna.berg@kultur.goteborg.se"
BO = "bo.ek@kultur.goteborg.se"


@pytest.fixture(autouse=True)
def _today(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("VANORT_TODAY", TODAY)


def ok(run: Run, *args: str, input: str | None = None) -> str:
    result = run(*args, input=input)
    assert result.exit_code == 0, (args, result.output)
    return result.stdout


def contacts(run: Run, *org: str) -> list[dict[str, Any]]:
    return json.loads(ok(run, "orgs", "contact", "list", *org, "--format", "json"))  # type: ignore[no-any-return]


def registry_now(run: Run) -> dict[str, Any]:
    """Every row and the history, but for the moment of the export."""
    document: dict[str, Any] = json.loads(ok(run, "db", "export", "--history"))
    document.pop("exported_at")
    return document


def add_two(run: Run) -> None:
    ok(run, "orgs", "contact", "add", "Kulturförvaltningen", "--name", "Anna Berg",
       "--email", ANNA, "--phone", "031-365 10 00", "--lang", "en")  # fmt: skip
    ok(run, "orgs", "contact", "add", "kulturforvaltningen", "--name", "Bo Ek", "--email", BO)


def test_contacts_are_added_listed_and_the_first_is_written_to(run: Run) -> None:
    add_two(run)
    assert contacts(run) == [
        {"id": 1, "organisation": "Kulturförvaltningen", "name": "Anna Berg", "email": ANNA,
         "phone": "031-365 10 00", "language": "en", "primary": True},
        {"id": 2, "organisation": "Kulturförvaltningen", "name": "Bo Ek", "email": BO,
         "phone": None, "language": "sv", "primary": False},
    ]  # fmt: skip
    assert contacts(run, "SLK") == []
    csv = ok(run, "orgs", "contact", "list", "--format", "csv").splitlines()
    assert csv[0] == "id,organisation,name,email,phone,language,primary"
    table = ok(run, "orgs", "contact", "list")
    assert ANNA in table and "Written to" in table


def test_another_primary_takes_the_place_of_the_first(run: Run) -> None:
    add_two(run)
    ok(run, "orgs", "contact", "edit", "Kulturförvaltningen", "bo ek", "--primary")
    assert [(c["id"], c["primary"]) for c in contacts(run)] == [(2, True), (1, False)]
    ok(run, "orgs", "contact", "add", "Kulturförvaltningen", "--name", "Cia Ny",
       "--email", "cia@kultur.goteborg.se", "--primary")  # fmt: skip
    assert [c["id"] for c in contacts(run) if c["primary"]] == [3]


def test_the_letters_language_is_not_the_commands_language(run: Run) -> None:
    """The global --lang comes before the command; after it, --lang is the letters'."""
    result = run("--lang", "sv", "orgs", "contact", "add", "SLK", "--name", "Bo Ek",
                 "--email", "bo.ek@slk.goteborg.se", "--lang", "en")  # fmt: skip
    assert result.exit_code == 0, result.output
    assert contacts(run, "SLK")[0]["language"] == "en"
    # Both at once: the command speaks Swedish, the letters go out in English.
    result = run("--lang", "sv", "orgs", "contact", "add", "Ingenstans", "--name", "A",
                 "--email", "a@slk.se", "--lang", "en")  # fmt: skip
    assert result.exit_code == 1
    assert "Okänt namn på organisation: 'Ingenstans'" in result.stderr
    result = run("orgs", "contact", "add", "SLK", "--name", "X", "--email", "x@slk.se",
                 "--lang", "de")  # fmt: skip
    assert result.exit_code == 1
    assert "'de' is not a language of the letters: use sv or en." in result.stderr


def test_an_edit_changes_only_what_is_given(run: Run) -> None:
    add_two(run)
    ok(run, "orgs", "contact", "edit", "Kulturförvaltningen", ANNA, "--phone", "",
       "--lang", "sv", "--email", "Anna.Berg@Kultur.Goteborg.SE")  # fmt: skip
    first = contacts(run)[0]
    assert first["email"] == "Anna.Berg@kultur.goteborg.se"  # the domain in lower case
    assert (first["name"], first["phone"], first["language"]) == ("Anna Berg", None, "sv")
    result = run("orgs", "contact", "edit", "Kulturförvaltningen", "1")
    assert result.exit_code == 2
    assert "Nothing to change" in result.stderr


@pytest.mark.parametrize(
    ("args", "code", "says"),
    [
        (["add", "SLK", "--name", "A", "--email", "not an address"], 1, "is not an e-mail"),
        (["add", "SLK", "--name", "A", "--email", "a@b.se", "--phone", "ring me"], 1,
         "is not a phone number"),
        (["add", "Kulturförvaltningen", "--name", "A", "--email", ANNA.upper()], 1,
         "is already a contact of Kulturförvaltningen"),
        (["add", "Nowhere", "--name", "A", "--email", "a@b.se"], 1, "Nowhere"),
        (["edit", "Kulturförvaltningen", "9", "--name", "B"], 1, "has no contact '9'"),
        (["remove", "SLK", ANNA, "--yes"], 1, "Stadsledningskontoret has no contact"),
        (["add", "SLK", "--email", "a@b.se"], 2, "--name"),
    ],
)  # fmt: skip
def test_a_refused_contact_changes_nothing(run: Run, args: list[str], code: int, says: str) -> None:
    add_two(run)
    before = registry_now(run)
    result = run("orgs", "contact", *args)
    assert result.exit_code == code, result.output
    assert says in " ".join(result.stderr.split())
    assert "Traceback" not in result.output and "Unexpected" not in result.output
    assert result.stdout == ""
    assert registry_now(run) == before


@pytest.mark.sqlite_only
def test_a_refused_contact_leaves_the_file_byte_identical(run: Run, db_path: Path) -> None:
    add_two(run)
    checkpoint(db_path)
    digest = file_digest(db_path)
    result = run("orgs", "contact", "add", "SLK", "--name", "A", "--email", "a@@b.se")
    assert result.exit_code == 1, result.output
    checkpoint(db_path)
    assert file_digest(db_path) == digest


def test_remove_asks_first(run: Run) -> None:
    add_two(run)
    result = run("orgs", "contact", "remove", "Kulturförvaltningen", ANNA, input="n\n")
    assert result.exit_code == 1
    assert "Nothing was deleted." in result.stderr and ANNA in result.stderr
    assert len(contacts(run)) == 2
    ok(run, "orgs", "contact", "remove", "Kulturförvaltningen", ANNA, input="y\n")
    # The one written to is gone: the next becomes it.
    assert [(c["email"], c["primary"]) for c in contacts(run)] == [(BO, True)]


def test_the_history_records_each_change_and_who_never_the_person(run: Run) -> None:
    add_two(run)
    ok(run, "orgs", "contact", "edit", "Kulturförvaltningen", "1", "--name", "Anna Bergström",
       "--phone", "031-365 99 99")  # fmt: skip
    ok(run, "orgs", "contact", "remove", "Kulturförvaltningen", "1", "--yes")
    entries = [
        e for e in json.loads(ok(run, "history", "--format", "json"))
        if e["table"] == "organisation_contact"
    ]  # fmt: skip
    assert [(e["action"], e["record_id"]) for e in entries] == [
        ("insert", 1), ("insert", 2), ("update", 1), ("delete", 1), ("update", 2)
    ]  # fmt: skip
    assert entries[4]["old"] == {"is_primary": False}  # the next is written to
    assert all(e["who"] and e["command"].startswith("vanort orgs contact") for e in entries)
    assert entries[2]["old"] == {"name": "(personal data)", "phone": "(personal data)"}
    assert entries[2]["new"] == {"name": "(personal data)", "phone": "(personal data)"}
    assert entries[3]["old"]["email"] == "(personal data)"
    assert entries[3]["old"]["language"] == "en"  # not personal: kept
    text = json.dumps(entries, ensure_ascii=False)
    for personal in ("Anna", "Bo Ek", "berg@", "ek@", "365"):
        assert personal not in text


def remove_anna(run: Run) -> None:
    add_two(run)
    ok(run, "orgs", "contact", "edit", "Kulturförvaltningen", ANNA, "--name", "Anna Bergström")
    ok(run, "orgs", "contact", "remove", "Kulturförvaltningen", ANNA, "--yes")


def test_a_removed_contact_leaves_the_export(run: Run) -> None:
    remove_anna(run)
    document = ok(run, "db", "export", "--history")
    assert ANNA not in document and "Anna Berg" not in document and "365 10 00" not in document
    assert BO in document


@pytest.mark.sqlite_only
def test_a_removed_contact_leaves_the_file(run: Run, db_path: Path, tmp_path: Path) -> None:
    remove_anna(run)
    checkpoint(db_path)
    files = [p for p in tmp_path.iterdir() if p.name.startswith(db_path.name)]
    for path in files:
        data = path.read_bytes()
        for personal in (ANNA, "Anna Berg", "365 10 00"):
            assert personal.encode() not in data, (path.name, personal)
    assert BO.encode() in db_path.read_bytes()  # the search finds what is there
    with sqlite3.connect(db_path) as db:
        raw = db.execute(
            "select coalesce(old, '') || coalesce(new, '') from audit_entry"
            " where table_name = 'organisation_contact'"
        ).fetchall()
        assert raw and all(ANNA not in row[0] and "Anna" not in row[0] for row in raw)
        assert any("(personal data)" in row[0] for row in raw)


@pytest.mark.sqlite_only
def test_the_registry_overwrites_what_it_deletes(db_path: Path, run: Run) -> None:
    """Without secure_delete a deleted row lingers in the file's free pages (shown
    here on a file of our own); the registry's connections turn it on whatever
    SQLite was built with."""
    plain = db_path.with_name("plain.db")
    with sqlite3.connect(plain) as db:
        db.execute("PRAGMA secure_delete = OFF")
        db.execute("create table t (e text)")
        db.execute("insert into t values (?)", (ANNA,))
    with sqlite3.connect(plain) as db:
        db.execute("PRAGMA secure_delete = OFF")
        db.execute("delete from t")
    assert ANNA.encode() in plain.read_bytes()

    from vanort_cli.store.location import resolve_location
    from vanort_cli.store.registry import Registry

    ok(run, "orgs", "list")
    registry = Registry(resolve_location(str(db_path)))
    with registry.reading() as session:
        connection = session.connection()
        assert connection.exec_driver_sql("PRAGMA secure_delete").scalar() == 1


def test_orgs_show_holds_the_contacts(run: Run) -> None:
    add_two(run)
    shown = json.loads(ok(run, "orgs", "show", "Kulturförvaltningen", "--format", "json"))
    assert [c["email"] for c in shown["contacts"]] == [ANNA, BO]
    assert set(shown["contacts"][0]) == {"id", "name", "email", "phone", "language", "primary"}
    table = ok(run, "orgs", "show", "Kulturförvaltningen")
    assert "Contacts" in table and ANNA in table
    assert json.loads(ok(run, "orgs", "show", "SLK", "--format", "json"))["contacts"] == []
    assert "Contacts" not in ok(run, "orgs", "show", "SLK")


@pytest.mark.parametrize("format", ["table", "json", "csv", "markdown", "html"])
def test_a_report_never_shows_a_contact(run: Run, tmp_path: Path, format: str) -> None:
    add_two(run)
    ok(run, "log-collaboration", "-t", "Bergen", "-o", "Kulturförvaltningen", "-a", "culture",
       "--title", "Litteraturdagar", "--start", "2026-03-01")  # fmt: skip
    out = tmp_path / f"report.{format}"
    if format in ("markdown", "html"):
        ok(run, "report", "--year", "2026", "--format", format, "-o", str(out))
        text = out.read_text(encoding="utf-8")
    else:
        text = ok(run, "report", "--year", "2026", "--format", format)
    assert "Litteraturdagar" in text  # the report is there
    for personal in (ANNA, BO, "Anna Berg", "Bo Ek", "365 10 00"):
        assert personal not in text


def answer_and_letter(registry_url: str) -> None:
    """What the round's other commands will record: an answer with a collaboration,
    and a letter to a contact (written to a file, not sent)."""
    from datetime import date

    from sqlmodel import select

    from vanort_cli.services.lookup import find_organisation
    from vanort_cli.services.rounds import record_answer
    from vanort_cli.store.location import resolve_location
    from vanort_cli.store.models import ReportingRound, RoundLetter
    from vanort_cli.store.registry import Registry

    registry = Registry(resolve_location(registry_url))
    with registry.writing() as session:
        org = find_organisation(session=session, name="Kulturförvaltningen")
        record_answer(session=session, year=2026, org=org, answer="collaborations",
                      today=date(2026, 11, 27), by="anna", collaboration_ids=[1])  # fmt: skip
        round_ = session.exec(select(ReportingRound)).one()
        assert round_.id is not None and org.id is not None
        session.add(RoundLetter(round_id=round_.id, organisation_id=org.id, contact_id=2,
                                recipient=BO, kind="letter", message_id="<1@vanort>"))  # fmt: skip


def without_time(document: str) -> dict[str, Any]:
    """A document but for its moment, and its history as recorded (an import gives
    the entries new ids, marks them imported and records itself)."""
    read: dict[str, Any] = json.loads(document)
    read.pop("exported_at")
    read["id_sequences"].pop("audit_entry", None)
    read["tables"].pop("audit_entry")
    return read


def test_contacts_starts_and_a_round_survive_export_import_and_copy(
    run: Run, registry_url: str, tmp_path: Path
) -> None:
    add_two(run)
    ok(run, "orgs", "edit", "Higab", "--since", "1995-03")
    ok(run, "log-collaboration", "-t", "Bergen", "-o", "Kulturförvaltningen", "-a", "culture",
       "--title", "Litteraturdagar", "--start", "2026-03-01")  # fmt: skip
    ok(run, "round", "open", "2026", "--deadline", "2027-01-31")
    answer_and_letter(registry_url)
    first = ok(run, "db", "export", "--history")
    document = json.loads(first)
    for table in ("organisation_contact", "reporting_round", "round_organisation",
                  "round_collaboration", "round_letter"):  # fmt: skip
        assert document["tables"][table], table
    imported, copied = tmp_path / "imported.db", tmp_path / "copied.db"
    saved = tmp_path / "registry.json"
    saved.write_text(first, encoding="utf-8")
    ok(run, "--db", str(imported), "db", "import", str(saved))
    ok(run, "db", "copy", "--to", str(copied))
    for target in (imported, copied):
        again = ok(run, "--db", str(target), "db", "export", "--history")
        assert without_time(again) == without_time(first), target.name
        for command in (["orgs", "contact", "list", "-f", "json"],
                        ["orgs", "show", "Higab", "-f", "json"]):  # fmt: skip
            assert ok(run, "--db", str(target), *command) == ok(run, *command)
    # The letter's record loses its address with the contact, in the copy too.
    ok(run, "--db", str(copied), "orgs", "contact", "remove", "Kulturförvaltningen", BO, "--yes")
    letters = json.loads(ok(run, "--db", str(copied), "db", "export"))["tables"]["round_letter"]
    assert [(row["contact_id"], row["recipient"]) for row in letters] == [(None, None)]


@pytest.mark.parametrize(
    ("table", "column", "value", "says"),
    [
        ("organisation_contact", "email", "not an address", "is not an e-mail address"),
        ("organisation_contact", "phone", "ring me", "is not a phone number"),
        ("organisation_contact", "language", "de", "is not one of sv, en"),
        ("organisation", "since", "2021-1", "is not a start as vanort stores it"),
    ],
)
def test_a_document_with_a_contact_or_start_no_command_takes_is_refused(
    run: Run, tmp_path: Path, table: str, column: str, value: str, says: str
) -> None:
    add_two(run)
    document = json.loads(ok(run, "db", "export"))
    document["tables"][table][0][column] = value
    spoilt = tmp_path / "spoilt.json"
    spoilt.write_text(json.dumps(document), encoding="utf-8")
    result = run("--db", str(tmp_path / "new.db"), "db", "import", str(spoilt))
    assert result.exit_code == 2, result.output
    assert says in result.stderr and "Nothing was imported" in result.stderr
    assert not (tmp_path / "new.db").exists()
