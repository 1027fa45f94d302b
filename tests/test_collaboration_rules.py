"""The rules of collaborations: duplicates, towns that left, retired organisations."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from conftest import Run, checkpoint, file_digest
from vanort_cli.domain.collaborations import (
    identity,
)

pytestmark = pytest.mark.both_backends


@pytest.fixture(autouse=True)
def _today(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("VANORT_TODAY", "2026-11-27")


BASE = ["-t", "Bergen", "-t", "Åbo", "-o", "Kulturförvaltningen", "-a", "culture"]


def log(run: Run, *args: str) -> int:
    result = run("log-collaboration", *args)
    assert result.exit_code == 0, result.output
    return int(result.stdout.strip())


def refused(run: Run, db_path: Path, *args: str) -> str:
    """Run a command that must be refused, and prove it changed nothing."""
    checkpoint(db_path)
    before = file_digest(db_path)
    result = run(*args)
    assert result.exit_code == 1, result.output
    assert result.stdout == "" and "Traceback" not in result.output
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("Error: "), result.stderr
    checkpoint(db_path)
    assert file_digest(db_path) == before
    return " ".join(result.stderr.split())


# -- the pure rules -------------------------------------------------------------------

accents = st.sampled_from(["Läsfest", "Nordic Literature Days", "Åbo–Bergen", "Kultur i hamn"])


def _shout(title: str) -> str:
    return title.upper()


def _strip_accents(title: str) -> str:
    return title.translate(str.maketrans("äåöÄÅÖ–", "aaoAAO-"))


@given(
    title=accents,
    towns=st.sets(st.integers(1, 20), min_size=1, max_size=5),
    org=st.integers(1, 30),
    start=st.dates(date(1990, 1, 1), date(2040, 12, 31)),
    other_start=st.dates(date(1990, 1, 1), date(2040, 12, 31)),
)
def test_a_duplicate_ignores_case_accents_and_town_order_but_not_the_start(
    title: str, towns: set[int], org: int, start: date, other_start: date
) -> None:
    one = identity(organisation_id=org, title=title, town_ids=sorted(towns), start_date=start)
    for variant in (title, _shout(title), _strip_accents(title), f"  {title}. "):
        again = identity(
            organisation_id=org,
            title=variant,
            town_ids=sorted(towns, reverse=True),
            start_date=start,
        )
        assert one == again
    moved = identity(organisation_id=org, title=title, town_ids=towns, start_date=other_start)
    assert (one == moved) == (start == other_start)
    other_org = identity(organisation_id=org + 1, title=title, town_ids=towns, start_date=start)
    assert one != other_org
    more_towns = identity(organisation_id=org, title=title, town_ids=towns | {99}, start_date=start)
    assert one != more_towns


# -- duplicates through the CLI ------------------------------------------------------------


@pytest.mark.sqlite_only
def test_the_same_collaboration_is_refused_with_its_id_unless_allowed(
    run: Run, db_path: Path
) -> None:
    first = log(run, *BASE, "--title", "Läsfest i hamnen", "--start", "2026-03-01")
    says = refused(
        run,
        db_path,
        "log-collaboration",
        "-t",
        "Abo",
        "-t",
        "bergen",
        "-o",
        "kulturforvaltningen",
        "-a",
        "leisure",
        "--title",
        "LASFEST I HAMNEN",
        "--start",
        "2026-03-01",
    )
    assert f"Collaboration {first} is already logged" in says and "--allow-duplicate" in says
    # Another start, another town or another organisation is another collaboration.
    assert log(run, *BASE, "--title", "Läsfest i hamnen", "--start", "2026-03-02") > first
    assert log(
        run, "-t", "Bergen", *BASE[4:], "--title", "Läsfest i hamnen", "--start", "2026-03-01"
    )
    allowed = log(
        run, *BASE, "--title", "Läsfest i hamnen", "--start", "2026-03-01", "--allow-duplicate"
    )
    assert allowed > first
    # A deleted one is not live: logging it again is fine.
    for cid in (first, allowed):
        assert run("collaborations", "delete", str(cid), "--yes").exit_code == 0
    assert log(run, *BASE, "--title", "Läsfest i hamnen", "--start", "2026-03-01")


@pytest.mark.sqlite_only
def test_an_edit_that_makes_a_duplicate_is_refused(run: Run, db_path: Path) -> None:
    first = log(run, *BASE, "--title", "Hamnar", "--start", "2026-01-01")
    second = log(run, *BASE, "--title", "Hamnar 2", "--start", "2026-01-01")
    says = refused(run, db_path, "collaborations", "edit", str(second), "--title", "hamnar")
    assert f"Collaboration {first} is already logged" in says
    assert run("collaborations", "edit", str(first), "--end", "2026-12-31").exit_code == 0
    done = run("collaborations", "edit", str(second), "--title", "hamnar", "--allow-duplicate")
    assert done.exit_code == 0, done.output


@pytest.mark.sqlite_only
def test_an_import_skips_a_row_that_repeats_another(run: Run, db_path: Path, tmp_path) -> None:
    path = tmp_path / "in.csv"
    path.write_text(
        "towns,organisation,area,title,start_date\n"
        "Bergen;Åbo,SLK,culture,Läsfest,2026-01-01\n"
        "Åbo;Bergen,SLK,culture,läsfest,2026-01-01\n",
        encoding="utf-8",
    )
    once = run("collaborations", "import", str(path))
    assert once.exit_code == 0, once.output
    assert "Imported 1 collaboration" in once.stderr and "line 3 repeats line 2" in once.stderr
    again = run("collaborations", "import", str(path), "--allow-duplicates")
    assert again.exit_code == 0 and "Imported 2 collaborations" in again.stderr


# -- towns that left ------------------------------------------------------------------------


def end_rostock(run: Run) -> None:
    result = run(
        "towns",
        "set-status",
        "Rostock",
        "ended",
        "--decision",
        "KS 2024-05-15 §3",
        "--decided-on",
        "2024-05-15",
    )
    assert result.exit_code == 0, result.output


@pytest.mark.sqlite_only
def test_a_partnership_that_ended_refuses_later_collaborations(run: Run, db_path: Path) -> None:
    end_rostock(run)
    args = ["-t", "Rostock", "-o", "SLK", "-a", "culture", "--title", "Hanse"]
    says = refused(run, db_path, "log-collaboration", *args, "--start", "2024-06-01")
    assert "Rostock left on 15 May 2024 (partnership ended)" in says
    assert log(run, *args, "--start", "2024-05-15", "--end", "2024-12-31")  # history stays
    cid = log(run, "-t", "Bergen", "-o", "SLK", "-a", "culture", "--title", "B")
    says = refused(run, db_path, "collaborations", "edit", str(cid), "--town", "Rostock")
    assert "15 May 2024" in says
    shown = json.loads(run("towns", "show", "Rostock", "-f", "json").stdout)
    assert (shown["status"], shown["left_on"]) == ("ended", "2024-05-15")
    assert shown["decisions"][-1] | {"note": None} == {
        "action": "status",
        "body": "KS",
        "reference": "KS 2024-05-15 §3",
        "decided_on": "2024-05-15",
        "status": "ended",
        "note": None,
        "source": None,
    }
    listed = {t["key"]: t for t in json.loads(run("towns", "list", "-f", "json").stdout)}
    assert listed["rostock"]["status"] == "ended"
    assert "ended" in run("towns", "list").stdout


@pytest.mark.sqlite_only
def test_a_retired_twin_town_refuses_collaborations_after_its_decision(
    run: Run, db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    retired = run(
        "towns", "retire", "Bergen", "--decision", "KF 2026-02-01 §3", "--decided-on", "2026-02-01"
    )
    assert retired.exit_code == 0, retired.output
    args = ["-t", "Bergen", "-o", "SLK", "-a", "culture", "--title", "x"]
    says = refused(run, db_path, "log-collaboration", *args, "--start", "2026-02-02")
    assert "Bergen left on 1 February 2026 (retired twin town)" in says
    assert log(run, *args, "--start", "2026-01-15")


def test_a_dormant_partner_city_is_logged_with_a_note(run: Run) -> None:
    result = run("log-collaboration", "-t", "Kiel", "-o", "SLK", "-a", "culture", "--title", "K")
    assert result.exit_code == 0, result.output
    assert "Kiel is a dormant partner city" in result.stderr
    assert result.stdout.strip() == "1"


@pytest.mark.sqlite_only
def test_ended_needs_ks_and_only_a_later_ks_decision_reactivates(run: Run, db_path: Path) -> None:
    says = refused(
        run,
        db_path,
        "towns",
        "set-status",
        "Rostock",
        "ended",
        "--decision",
        "KF 2024-05-15 §3",
        "--decided-on",
        "2024-05-15",
        "--body",
        "KF",
    )
    assert "Kommunstyrelsen" in says
    end_rostock(run)
    status = ["towns", "set-status", "Rostock"]
    says = refused(
        run, db_path, *status, "dormant", "--decision", "KS 1", "--decided-on", "2025-01-01"
    )
    assert "Only a new KS decision" in says
    says = refused(
        run, db_path, *status, "active", "--decision", "KS 2", "--decided-on", "2024-05-01"
    )
    assert "taken after that day" in says
    back = run(*status, "active", "--decision", "KS 2025-09-01 §2", "--decided-on", "2025-09-01")
    assert back.exit_code == 0, back.output
    assert log(run, "-t", "Rostock", "-o", "SLK", "-a", "culture", "--title", "Back")


# -- reported-on, retired organisations ---------------------------------------------------


@pytest.mark.sqlite_only
def test_a_report_dated_in_the_future_is_refused(run: Run, db_path: Path) -> None:
    args = [*BASE, "--title", "x", "--reported-on", "2026-11-28"]
    assert "--reported-on 28 November 2026 is in the future" in refused(
        run, db_path, "log-collaboration", *args
    )
    cid = log(run, *BASE, "--title", "x", "--reported-on", "2026-11-27")
    assert "in the future" in refused(
        run, db_path, "collaborations", "edit", str(cid), "--reported-on", "2027-01-01"
    )


@pytest.mark.sqlite_only
def test_a_retired_organisation_takes_no_collaboration_that_starts_later(
    run: Run, db_path: Path
) -> None:
    later = log(run, *BASE, "--title", "Late", "--start", "2026-06-01")
    says = refused(run, db_path, "orgs", "retire", "Kulturförvaltningen", "--on", "2026-05-31")
    assert f"collaboration {later}" in says and "--org NEW" in says
    assert run("collaborations", "edit", str(later), "--start", "2026-05-01").exit_code == 0
    done = run("orgs", "retire", "kulturforvaltningen", "--on", "2026-05-31", "--note", "Reorg.")
    assert done.exit_code == 0, done.output
    says = refused(
        run, db_path, "log-collaboration", *BASE, "--title", "New", "--start", "2026-06-01"
    )
    assert "Kulturförvaltningen was retired on 31 May 2026" in says
    assert log(run, *BASE, "--title", "Old news", "--start", "2026-05-31")
    assert "already retired" in refused(
        run, db_path, "orgs", "retire", "Kulturförvaltningen", "--on", "2026-01-01"
    )
    shown = json.loads(run("orgs", "show", "Kulturförvaltningen", "-f", "json").stdout)
    assert (shown["status"], shown["retired_on"], shown["note"]) == (
        "retired",
        "2026-05-31",
        "Reorg.",
    )
    orgs = {o["key"]: o for o in json.loads(run("orgs", "list", "-f", "json").stdout)}
    assert orgs["kulturforvaltningen"]["status"] == "retired"
    assert orgs["stadsledningskontoret"]["status"] == "active"


def test_an_unknown_organisation_names_the_closest_and_how_to_add_one(run: Run) -> None:
    for command in (
        ["log-collaboration", *BASE[:4], "-o", "Kultur", "-a", "culture", "--title", "x"],
        ["collaborations", "list", "--org", "Kultur"],
        ["orgs", "show", "Kultur"],
        ["orgs", "rename", "Kultur", "Kultur AB"],
        ["orgs", "merge", "Kultur", "--into", "SLK"],
        ["orgs", "retire", "Kultur", "--on", "2026-01-01"],
    ):
        result = run(*command)
        assert result.exit_code == 1, (command, result.output)
        line = result.stderr.strip()
        assert "\n" not in line and "Kulturförvaltningen" in line
        assert "vanort orgs add" in " ".join(line.split()), command
