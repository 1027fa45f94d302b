"""The words people see are the words they may type (issue 23), on a real registry:
a Swedish word, with or without its diacritics and in any case, is taken wherever
the English key is, the registry keeps the key (JSON shows it), and a word no
value has is refused in one line that lists what can be typed, exit 2."""

from __future__ import annotations

import json

import pytest

from conftest import Run, checkpoint, file_digest


@pytest.fixture(autouse=True)
def _today(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("VANORT_TODAY", "2032-06-01")


def ok(result: object) -> str:
    assert result.exit_code == 0, result.output  # type: ignore[attr-defined]
    return str(result.stdout)  # type: ignore[attr-defined]


def meeting(run: Run, year: int) -> dict[str, object]:
    shown: dict[str, object] = json.loads(ok(run("meeting", "show", str(year), "-f", "json")))
    return shown


@pytest.mark.parametrize(
    ("typed", "key"),
    [
        ("inställt", "cancelled"),
        ("INSTÄLLT", "cancelled"),
        ("installt", "cancelled"),
        ("uppskjutet", "postponed"),
        ("Planerat", "planned"),
        ("hallet", "held"),
        ("cancelled", "cancelled"),
    ],
)
def test_a_meeting_status_in_swedish(run: Run, typed: str, key: str) -> None:
    for lang in ("sv", "en"):
        ok(run("--lang", lang, "meeting", "record", "2029", "--host", "Bergen", "--status", typed))
        assert meeting(run, 2029)["status"] == key, (lang, typed)
        ok(run("meeting", "delete", "2029", "--yes"))
        ok(run("restore-record", "möte" if lang == "sv" else "MEETING", "2029"))
        ok(run("meeting", "delete", "2029", "--yes"))


def test_a_form_of_collaboration_in_swedish(run: Run) -> None:
    logged = run(
        "--lang", "sv", "log-collaboration", "-t", "Bergen", "-o", "SLK", "-a", "culture",
        "--title", "Hamnbesök", "--start", "2032-02-01", "--kind", "studiebesök",
    )  # fmt: skip
    number = ok(logged).strip()
    ok(run("collaborations", "edit", number, "--kind", "NATVERK"))
    shown = json.loads(ok(run("collaborations", "show", number, "-f", "json")))
    assert shown["kind"] == "network"
    listed = ok(run("collaborations", "list", "-f", "csv"))
    assert ",network," in listed and "nätverk" not in listed


def test_a_preparation_step_by_its_swedish_word(run: Run) -> None:
    ok(run("meeting", "record", "2033", "--host", "Göteborg", "--start", "2033-09-14"))
    ok(run("--lang", "sv", "meeting", "step-done", "2033", "tema", "--on", "2032-05-01"))
    ok(run("meeting", "step-done", "2033", "Inbjudningar", "--on", "2032-05-02"))
    ok(run("meeting", "step-done", "2033", "programme", "--on", "2032-05-03"))
    done = {
        step["step"]: step["done_on"]
        for step in meeting(run, 2033)["preparation"]  # type: ignore[attr-defined]
        if step["done_on"]
    }
    assert done == {"theme": "2032-05-01", "invitations": "2032-05-02", "programme": "2032-05-03"}
    # The Swedish table shows the word it takes.
    table = ok(run("--lang", "sv", "meeting", "show", "2033"))
    assert "tema" in table and "inbjudningar" in table


def test_towns_organisations_and_roles_in_swedish(run: Run) -> None:
    ok(run("--lang", "sv", "orgs", "add", "Provbolaget AB", "--kind", "BOLAG"))
    ok(run("orgs", "add", "Provförvaltningen", "--kind", "forvaltning"))
    ok(run("orgs", "add", "Provnämnden", "--kind", "förvaltning"))
    kinds = {row["name"]: row["kind"] for row in json.loads(ok(run("orgs", "list", "-f", "json")))}
    assert kinds["Provbolaget AB"] == "bolag"
    assert kinds["Provförvaltningen"] == kinds["Provnämnden"] == "forvaltning"
    added = run(
        "towns", "add", "Provstad", "--kind", "partnerstad", "--country", "DE",
        "--decision", "KS 2032-03-01 §1", "--decided-on", "2032-03-01",
    )  # fmt: skip
    ok(added)
    dormant = run(
        "--lang", "sv", "towns", "set-status", "Provstad", "Vilande",
        "--decision", "KS 2032-04-01 §2", "--decided-on", "2032-04-01",
    )  # fmt: skip
    ok(dormant)
    town = json.loads(ok(run("towns", "show", "Provstad", "-f", "json")))
    assert (town["kind"], town["status"]) == ("partner", "dormant")


@pytest.mark.sqlite_only
def test_a_word_no_value_has_is_refused_in_the_commands_language(run: Run, db_path: object) -> None:
    ok(run("meeting", "list"))
    checkpoint(db_path)  # type: ignore[arg-type]
    before = file_digest(db_path)  # type: ignore[arg-type]
    for lang, line in (
        ("sv", "'nyss' är inget av dessa: hållet, planerat, uppskjutet eller inställt."),
        ("en", "'nyss' is none of these: held, planned, postponed or cancelled."),
    ):
        refused = run("--lang", lang, "meeting", "record", "2029", "--host", "Bergen",
                      "--status", "nyss")  # fmt: skip
        assert refused.exit_code == 2, refused.output
        assert line in refused.stderr and len(refused.stderr.strip().splitlines()) == 1
    refused = run("--lang", "sv", "meeting", "step-done", "2033", "tem")
    assert refused.exit_code == 2
    assert "save-the-date, tema, inbjudningar, program eller delegation" in refused.stderr
    refused = run("--lang", "sv", "db", "roles", "--grant", "anna", "--as", "chef")
    assert refused.exit_code == 2
    assert "läsare, rapportör, redaktör eller webb" in refused.stderr
    checkpoint(db_path)  # type: ignore[arg-type]
    assert file_digest(db_path) == before  # type: ignore[arg-type]


def test_the_help_lists_what_can_be_typed_in_its_language(run: Run) -> None:
    for lang, listing in (
        ("sv", "projekt, nätverk, erfarenhetsutbyte, studiebesök eller annat"),
        ("en", "project, network, exchange, study-visit or other"),
    ):
        shown = ok(run("--lang", lang, "log-collaboration", "--help"))
        assert listing in " ".join(shown.replace("│", " ").split()), lang
    shown = ok(run("--lang", "sv", "towns", "set-status", "--help"))
    assert "aktiv, vilande eller avslutad" in " ".join(shown.replace("│", " ").split())
