"""What a new user met on a first try: refusals that name the right argument and lead
to success, counts in good English, statuses that say what is true today, and hints
that list what fits."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import Run, checkpoint, file_digest

TODAY = "2026-11-27"


@pytest.fixture(autouse=True)
def _today(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("VANORT_TODAY", TODAY)


def refused(run: Run, db_path: Path, *args: str, code: int = 1) -> str:
    checkpoint(db_path)
    before = file_digest(db_path)
    result = run(*args)
    assert result.exit_code == code, result.output
    assert result.stdout == ""
    assert "Traceback" not in result.output
    checkpoint(db_path)
    assert file_digest(db_path) == before
    return " ".join(result.stderr.split())


def test_history_refuses_an_unknown_table_and_names_the_known_ones(run: Run, db_path: Path) -> None:
    says = refused(run, db_path, "history", "--table", "nope", code=2)
    assert "'nope'" in says and "--table" in says
    for table in ("collaboration", "meeting", "organisation", "town", "vanort_meta"):
        assert table in says
    assert "audit_entry" not in says
    assert run("history", "--table", "town").exit_code == 0


def test_the_history_table_says_what_was_added_and_changed(run: Run) -> None:
    assert run("orgs", "retire", "Kulturförvaltningen", "--on", "2026-01-31").exit_code == 0
    shown = " ".join(run("history", "--table", "organisation").stdout.split())
    assert "retired_on: – → 2026-01-31" in shown
    assert run("orgs", "add", "Testbolaget", "--kind", "bolag").exit_code == 0
    assert "added: " in run("history", "--table", "organisation").stdout


@pytest.mark.parametrize("year", ["0", "-1"])
def test_report_refuses_an_impossible_year(run: Run, db_path: Path, year: str) -> None:
    says = refused(run, db_path, "report", "--year", year, code=2)
    assert f"{year} is outside the years vanort handles: 1946 to" in says


def test_db_backup_to_a_directory_names_its_file_argument(run: Run, tmp_path: Path) -> None:
    result = run("db", "backup", str(tmp_path))
    assert result.exit_code == 1
    assert "Give a file name as FILE" in result.stderr and "with -o" not in result.stderr
    missing = run("db", "backup", str(tmp_path / "nowhere" / "copy.db"))
    assert missing.exit_code == 1 and "another file as FILE" in missing.stderr
    report = run("report", "--format", "json", "-o", str(tmp_path))
    assert report.exit_code == 1 and "with -o" in report.stderr


TWIN = ["towns", "add", "Oslo", "--kind", "twin", "--country", "NO", "--decided-on", TODAY]


@pytest.mark.parametrize("body", [[], ["--body", "KS"], ["--body", "KF"]])
def test_a_ks_reference_for_a_twin_town_asks_for_the_councils_decision(
    run: Run, db_path: Path, body: list[str]
) -> None:
    says = refused(run, db_path, *TWIN, "--decision", "KS 2026-01-01 §1", *body)
    assert "only the City Council" in says or "Only the City Council" in says
    assert "Give --body" not in says
    # Doing what it says succeeds.
    done = run(*TWIN, "--decision", "KF 2026-11-01 §4", *(body if body[-1:] == ["KF"] else []))
    assert done.exit_code == 0, done.output


def test_a_decision_without_a_body_is_the_councils_for_a_twin_town(run: Run) -> None:
    done = run(*TWIN, "--decision", "Dnr 0123/26", "-f", "json")
    assert done.exit_code == 0, done.output
    shown = json.loads(run("towns", "show", "Oslo", "-f", "json").stdout)
    assert [d["body"] for d in shown["decisions"]] == ["KF"]


def test_a_partner_city_takes_the_body_its_reference_names(run: Run, db_path: Path) -> None:
    partner = ["towns", "add", "Gdańsk", "--kind", "partner", "--country", "PL"]
    says = refused(
        run, db_path, *partner, "--decision", "KF 2026-05-06 §7", "--decided-on", "2026-05-06",
        "--body", "KS",
    )  # fmt: skip
    assert "names KF, but --body says KS. Give --body KF" in says
    done = run(*partner, "--decision", "KF 2026-05-06 §7", "--decided-on", "2026-05-06")
    assert done.exit_code == 0, done.output
    shown = json.loads(run("towns", "show", "Gdańsk", "-f", "json").stdout)
    assert [d["body"] for d in shown["decisions"]] == ["KF"]


def test_the_body_default_is_in_the_help(run: Run) -> None:
    shown = " ".join(run("towns", "add", "--help").stdout.split())
    assert "KF for a twin town" in shown


def test_no_message_counts_one_in_the_plural(run: Run) -> None:
    log = [
        "log-collaboration", "-t", "Bergen", "-o", "SLK", "-a", "culture", "--title", "Ett",
        "--start", "2026-02-01",
    ]  # fmt: skip
    assert run(*log).exit_code == 0
    summary = run("report", "--year", "2026").stdout
    # 2026 is this year (VANORT_TODAY): what the registry holds so far, "it" of one.
    assert "The registry holds one collaboration for 2026; it has been reported in 2026" in summary
    set_to_one = run("evaluation", "due-days", "1")
    assert set_to_one.exit_code == 0 and "due 1 day after" in set_to_one.stderr


def test_an_organisation_is_retiring_until_its_last_day(run: Run) -> None:
    done = run("orgs", "retire", "PoN", "--on", "2026-12-31")
    if done.exit_code != 0:  # the shipped list may not know PoN
        assert run("orgs", "add", "Park- och naturförvaltningen", "--kind", "forvaltning",
                   "--alias", "PoN").exit_code == 0  # fmt: skip
        done = run("orgs", "retire", "PoN", "--on", "2026-12-31")
    assert done.exit_code == 0, done.output
    says = " ".join(done.stderr.split())
    assert "retires on 31 December 2026" in says and "no new collaboration of it" not in says
    shown = json.loads(run("orgs", "show", "PoN", "-f", "json").stdout)
    assert (shown["status"], shown["retired_on"]) == ("active", "2026-12-31")
    assert "retiring on 2026-12-31" in run("orgs", "show", "PoN").stdout
    assert "retiring on 2026-12-31" in " ".join(run("orgs", "list").stdout.split())
    csv = run("orgs", "list", "-f", "csv").stdout
    assert ",active,2026-12-31," in csv
    later = run("orgs", "show", "PoN", "--today", "2027-01-01", "-f", "json")
    assert json.loads(later.stdout)["status"] == "retired"
    assert "retired on 2026-12-31" in run("orgs", "show", "PoN", "--today", "2027-01-01").stdout


def test_an_alias_that_folds_to_the_name_is_said(run: Run) -> None:
    done = run(
        "towns", "add", "Tromsø", "--kind", "twin", "--country", "NO", "--decision",
        "KF 2026-03-12 §12", "--decided-on", "2026-03-12", "--alias", "Tromso",
    )  # fmt: skip
    assert done.exit_code == 0, done.output
    says = " ".join(done.stderr.split())
    assert "'Tromso' is 'Tromsø' once case and accents are set aside" in says
    assert run("towns", "show", "Tromso").exit_code == 0


def test_an_unknown_town_lists_the_towns_that_fit_in_swedish_order(run: Run, db_path: Path) -> None:
    log = ["log-collaboration", "-o", "SLK", "-a", "culture", "--title", "x"]
    says = refused(run, db_path, *log, "-t", "Zzyzx")
    hint = says.split("include: ")[1].split(". See")[0].split(", ")
    assert "Gothenburg" not in hint and "Saint Petersburg" not in hint
    assert {"Bergen", "Turku", "Aarhus", "Chicago", "Tallinn"} <= set(hint)
    # In Swedish the Swedish names, Å after Z, as in a Swedish dictionary.
    says = refused(run, db_path, "--lang", "sv", *log, "-t", "Zzyzx")
    hint = says.split(": ")[-1].split(". ")[0].split(", ")
    assert "Göteborg" not in hint and "S:t Petersburg" not in hint
    assert {"Bergen", "Chicago", "Tallinn"} <= set(hint)
    assert hint[-2:] == ["Åbo", "Århus"]
    twin = ["towns", "add", "X", "--kind", "twin", "--country", "NO", "--decided-on", TODAY]
    host = refused(run, db_path, *twin, "--after", "Zzyzx", "--decision", "KF 1")
    assert "include: Aarhus, Bergen, Gothenburg, Turku." in host
