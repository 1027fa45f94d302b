"""Issue 22, the smaller rules: a date with a sign is refused, not read without
it; a lookalike name of any kind is refused like a Cyrillic one; `db import`
holds every value to the rules the commands hold it to; and text that reached
the registry past vanort never drives a terminal, in any format."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import Run, checkpoint, file_digest

TODAY = "2026-11-27"


@pytest.fixture(autouse=True)
def _today(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("VANORT_TODAY", TODAY)


def refused(run: Run, db_path: Path, code: int, *args: str) -> str:
    """A refusal: its one line, and the registry byte-identical after it."""
    checkpoint(db_path)
    before = file_digest(db_path)
    result = run(*args)
    assert result.exit_code == code, result.output
    assert "Traceback" not in result.output and "Unexpected" not in result.output
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 or code != 2, result.stderr
    checkpoint(db_path)
    assert file_digest(db_path) == before
    return result.stderr


# -- a date with a sign ----------------------------------------------------------------

LOG = ("log-collaboration", "-t", "Bergen", "-o", "SLK", "-a", "culture", "--title", "Hamn")


@pytest.mark.parametrize("signed", ["-2026-01-01", "+2026-01-01", "\u22122026-01-01", "1/-3/2026"])
def test_a_date_option_with_a_sign_is_refused(run: Run, db_path: Path, signed: str) -> None:
    assert run("db", "init").exit_code == 0
    said = refused(run, db_path, 2, *LOG, f"--start={signed}")
    assert f"'{signed}' is not a date" in said
    said = refused(run, db_path, 2, *LOG, "--start", "2026-01-01", f"--end={signed}")
    assert "is not a date" in said


def test_a_spreadsheet_date_with_a_sign_is_refused(run: Run, db_path: Path, tmp_path: Path) -> None:
    assert run("db", "init").exit_code == 0
    sheet = tmp_path / "samarbeten.csv"
    sheet.write_text(
        "title,organisation,area,towns,start_date,end_date\n"
        "Hamn,SLK,culture,Bergen,-2026-01-01,\n"
        "Kaj,SLK,culture,Bergen,2026-01-01,+2026-06-30\n",
        encoding="utf-8",
    )
    said = refused(run, db_path, 1, "collaborations", "import", str(sheet))
    assert "line 2, start_date '-2026-01-01': not a date" in said
    assert "line 3, end_date '+2026-06-30': not a date" in said


# -- lookalike names ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "lookalike",
    [
        "Ku1turförvaltningen",  # a digit one for the l
        "KuIturförvaltningen",  # a capital I for the l
        "Kultur förva1tningen",
        "\u039aulturförvaltningen",  # a Greek capital kappa
        "Kulturf\u00f6rvaltning\u0435n",  # a Cyrillic e, as before
    ],
)
def test_a_lookalike_organisation_of_any_kind_is_refused(
    run: Run, db_path: Path, lookalike: str
) -> None:
    assert run("db", "init").exit_code == 0
    said = refused(run, db_path, 1, "orgs", "add", lookalike, "--kind", "forvaltning")
    assert "is already a name of Kulturförvaltningen" in said


def test_a_lookalike_town_with_a_digit_needs_allow_similar(run: Run, db_path: Path) -> None:
    assert run("db", "init").exit_code == 0
    add = ("towns", "add", "G0teborg", "--country", "SE", "--kind", "partner")
    add += ("--decided-on", "2026-01-01", "--decision", "KS 2026-01-01 §1")
    said = refused(run, db_path, 1, *add)
    assert "Gothenburg" in said and "--allow-similar" in said


def test_a_name_with_a_capital_i_is_still_its_own(run: Run, db_path: Path) -> None:
    # The capital I read as an l must not hide an exact name, nor refuse a new one.
    assert run("db", "init").exit_code == 0
    added = run("orgs", "add", "IT-förvaltningen", "--kind", "forvaltning")
    assert added.exit_code == 0, added.output
    said = refused(run, db_path, 1, "orgs", "add", "IT förvaltningen", "--kind", "forvaltning")
    assert "is already a name of IT-förvaltningen" in said
