"""Organisations renamed, merged and shown; the history that names things."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import Run, checkpoint, file_digest

pytestmark = pytest.mark.both_backends


@pytest.fixture(autouse=True)
def _today(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("VANORT_TODAY", "2026-11-27")


def log(run: Run, *args: str) -> int:
    result = run("log-collaboration", *args)
    assert result.exit_code == 0, result.output
    return int(result.stdout.strip())


def refused(run: Run, db_path: Path, *args: str) -> str:
    checkpoint(db_path)
    before = file_digest(db_path)
    result = run(*args)
    assert result.exit_code == 1, result.output
    assert result.stdout == ""
    checkpoint(db_path)
    assert file_digest(db_path) == before
    return " ".join(result.stderr.split())


@pytest.mark.sqlite_only
def test_a_renamed_organisation_is_found_by_both_names(run: Run, db_path: Path) -> None:
    cid = log(run, "-t", "Bergen", "-o", "Kretslopp och vatten", "-a", "culture", "--title", "x")
    result = run("orgs", "rename", "Kretslopp och vatten", "Kretslopp- och vattenförvaltningen")
    assert result.exit_code == 0, result.output
    assert result.stdout.strip() == "kretslopp-och-vatten"  # the key stays
    shown = json.loads(run("collaborations", "show", str(cid), "-f", "json").stdout)
    assert shown["organisation"]["name"] == "Kretslopp- och vattenförvaltningen"
    assert log(run, "-t", "Åbo", "-o", "kretslopp och vatten", "-a", "culture", "--title", "y")
    org = json.loads(run("orgs", "show", "Kretslopp- och vattenförvaltningen", "-f", "json").stdout)
    assert org["aliases"] == ["Kretslopp och vatten"]
    assert org["collaborations"] == 2
    assert org["collaborations_by_year"] == [{"year": 2026, "count": 2}]
    table = run("orgs", "show", "kretslopp och vatten")
    assert "Collaborations by year" in table.stdout and "Kretslopp och vatten" in table.stdout


@pytest.mark.sqlite_only
@pytest.mark.parametrize(
    ("old", "new", "says"),
    [
        ("SLK", "Kulturförvaltningen", "already a name of Kulturförvaltningen"),
        ("SLK", "Kultur förvaltningen", "already a name of Kulturförvaltningen"),
        ("SLK", "BRG", "already a name of Business Region Göteborg"),
        ("SLK", "Stadsledningskontoret", "already named"),
        ("SLK", "!!!", "no letters"),
        ("SLK", "   ", "empty"),
    ],
)
def test_a_rename_that_clashes_is_refused(
    run: Run, db_path: Path, old: str, new: str, says: str
) -> None:
    assert says in refused(run, db_path, "orgs", "rename", old, new)


def test_a_rename_may_promote_its_own_alias(run: Run) -> None:
    result = run("orgs", "rename", "Göteborgs Stadshus AB", "Stadshus AB")
    assert result.exit_code == 0, result.output
    org = json.loads(run("orgs", "show", "Stadshus AB", "-f", "json").stdout)
    assert org["name"] == "Stadshus AB" and org["aliases"] == ["Göteborgs Stadshus AB"]


@pytest.mark.sqlite_only
def test_a_merge_today_moves_what_began_today_and_history_tells(run: Run, db_path: Path) -> None:
    # Logged today (the default start), so begun on the merge's day: the target's work.
    a = log(
        run, "-t", "Bergen", "-o", "Exploateringsförvaltningen", "-a", "culture", "--title", "A"
    )
    hidden = log(
        run, "-t", "Åbo", "-o", "Exploateringsförvaltningen", "-a", "culture", "--title", "H"
    )
    twin = log(
        run, "-t", "Bergen", "-o", "Stadsfastighetsförvaltningen", "-a", "culture", "--title", "a"
    )
    assert run("collaborations", "delete", str(hidden), "--yes").exit_code == 0
    seminar = run(
        "meeting",
        "seminar",
        "add",
        "2015",
        "--title",
        "Land",
        "--org",
        "Exploateringsförvaltningen",
    )
    assert seminar.exit_code == 0, seminar.output
    merged = run("orgs", "merge", "Exploateringsförvaltningen", "--into", "Stadsfastighets")
    assert merged.exit_code == 1  # a name must be known, not guessed
    merged = run(
        "orgs", "merge", "exploateringsforvaltningen", "--into", "Stadsfastighetsförvaltningen"
    )
    assert merged.exit_code == 0, merged.output
    says = " ".join(merged.stderr.split())
    assert "from 27 November 2026" in says
    assert "2 collaborations begun on or after 27 November 2026 moved" in says
    assert f"collaboration {a} is now the same as collaboration {twin}" in says
    shown = json.loads(run("collaborations", "show", str(a), "-f", "json").stdout)
    assert shown["organisation"]["key"] == "stadsfastighetsforvaltningen"
    assert run("restore-record", "collaboration", str(hidden)).exit_code == 0
    shown = json.loads(run("collaborations", "show", str(hidden), "-f", "json").stdout)
    assert shown["organisation"]["key"] == "stadsfastighetsforvaltningen"
    # The merged organisation's record stays, retired on the eve: the years it ran.
    rows = {o["key"]: o for o in json.loads(run("orgs", "list", "-f", "json").stdout)}
    assert rows["exploateringsforvaltningen"]["retired_on"] == "2026-11-26"
    assert rows["exploateringsforvaltningen"]["aliases"] == []
    org = json.loads(run("orgs", "show", "Exploateringsförvaltningen", "-f", "json").stdout)
    assert org["key"] == "stadsfastighetsforvaltningen"
    assert "Exploateringsförvaltningen" in org["aliases"]
    entries = json.loads(run("history", "--table", "organisation", "-f", "json").stdout)
    assert entries[-1]["new"] == {"retired_on": "2026-11-26"}
    assert entries[-1]["record_name"] == "Exploateringsförvaltningen"
    moves = json.loads(
        run("history", "--table", "collaboration", "--id", str(a), "-f", "json").stdout
    )
    assert moves[-1]["old"]["organisation"] == "Exploateringsförvaltningen"
    assert moves[-1]["new"]["organisation"] == "Stadsfastighetsförvaltningen"
    # The seminar was given by the organisation that gave it: it stays.
    rows = json.loads(run("history", "--table", "seminar", "-f", "json").stdout)
    assert rows[-1]["action"] == "insert"


@pytest.mark.sqlite_only
def test_a_merge_into_itself_or_a_retired_one_is_refused(run: Run, db_path: Path) -> None:
    assert "into itself" in refused(
        run, db_path, "orgs", "merge", "SLK", "--into", "City Executive Office"
    )
    assert run("orgs", "retire", "Higab", "--on", "2025-01-01").exit_code == 0
    says = refused(run, db_path, "orgs", "merge", "Liseberg", "--into", "Higab")
    assert "Higab was retired on 1 January 2025" in says


def test_history_names_towns_organisations_and_areas(run: Run) -> None:
    cid = log(run, "-t", "Bergen", "-o", "SLK", "-a", "culture", "--title", "Named")
    assert run("collaborations", "edit", str(cid), "-o", "Higab", "-a", "transport").exit_code == 0
    entries = json.loads(run("history", "-f", "json").stdout)
    inserted = next(e for e in entries if e["table"] == "collaboration" and e["action"] == "insert")
    assert inserted["record_name"] == "Named"
    assert inserted["new"]["organisation_id"] == 1  # the ids stay, for scripts
    assert inserted["new"]["organisation"] == "Stadsledningskontoret"
    assert inserted["new"]["area"] == "Culture"
    link = next(e for e in entries if e["table"] == "collaboration_town")
    assert link["new"]["town"] == "Bergen" and link["record_name"] == "Named"
    table = run("history").stdout
    assert "Organisation: Stadsledningskontoret → Higab" in table
    assert "Town=Bergen" in table and "town_id=" not in table and "organisation_id" not in table
    record = run("meeting", "record", "2025", "--host", "Göteborg", "--status", "held")
    assert record.exit_code == 0, record.output
    meeting = json.loads(run("history", "--table", "meeting", "-f", "json").stdout)[-1]
    assert meeting["new"]["host_town"] == "Göteborg" and meeting["record_name"] == "2025"
