"""`vanort collaborations import` in Swedish: the problems, the progress and the
summary in the reader's language, the JSON summary for scripts the same in both."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from tests.conftest import Run, checkpoint, file_digest

# A file as Swedish Excel saves "CSV (semikolonavgränsad)": semicolons, CRLF,
# Windows-1252. Line 2 misspells an administration, line 3 has no such day.
BROKEN_ROWS = [
    "Titel;Förvaltning/bolag;Område;Vänorter;Startdatum",
    "Nordiska litteraturdagar;Stadsmiljo;Kultur;Åbo;2026-03-01",
    "Klimatanpassade hamnar;Kulturförvaltningen;Kultur;Bergen;31 februari 2026",
    "Äldreomsorg i Åbo;Kulturförvaltningen;Kultur;Åbo;2026-02-01",
]


@pytest.fixture
def broken(tmp_path: Path) -> Path:
    path = tmp_path / "kulturforvaltningen.csv"
    path.write_bytes(("\r\n".join(BROKEN_ROWS) + "\r\n").encode("cp1252"))
    return path


def refused(run: Run, db_path: Path, *args: str) -> tuple[str, str]:
    """An import that must be refused (exit 1) and write nothing: (stdout, stderr)."""
    checkpoint(db_path)
    before = file_digest(db_path)
    result = run(*args)
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output
    checkpoint(db_path)
    assert file_digest(db_path) == before
    return result.stdout, result.stderr


def test_a_broken_import_is_refused_in_swedish(run: Run, db_path: Path, broken: Path) -> None:
    stdout, stderr = refused(run, db_path, "--lang", "sv", "collaborations", "import", str(broken))
    assert stdout == ""
    lines = stderr.splitlines()
    assert lines[0] == f"Läste {broken} (semikolonavgränsad, Windows-1252): 3 rader."
    # The columns are named as the file writes them, the values as they are.
    assert lines[1] == ("rad 2, Förvaltning/bolag 'Stadsmiljo': menade du Stadsmiljöförvaltningen?")
    assert lines[2] == (
        "rad 3, Startdatum '31 februari 2026': ingen sådan dag finns i kalendern; "
        "kontrollera månad och dag."
    )
    assert lines[3].endswith(
        f"Inget importerades: {broken} har 2 problem (ovan). Rätta dem och importera igen; "
        "--dry-run kontrollerar en fil utan att importera den."
    )
    for english in ("Read ", "line ", "did you mean", "no such day", "Nothing was imported"):
        assert english not in stderr
    listed = run("collaborations", "list", "-f", "json")
    assert listed.exit_code == 0 and json.loads(listed.stdout) == []


def test_the_same_import_in_english_says_the_same(run: Run, db_path: Path, broken: Path) -> None:
    _, stderr = refused(run, db_path, "--lang", "en", "collaborations", "import", str(broken))
    assert f"Read {broken} (semicolon-separated, Windows-1252): 3 rows." in stderr
    assert "line 2, Förvaltning/bolag 'Stadsmiljo': did you mean Stadsmiljöförvaltningen?" in stderr
    assert "line 3, Startdatum '31 februari 2026': no such day in the calendar" in stderr
    assert f"Nothing was imported: {broken} has 2 problems (above)." in stderr


def test_the_json_summary_is_byte_identical_in_swedish_and_english(
    run: Run, db_path: Path, broken: Path
) -> None:
    args = ("collaborations", "import", str(broken), "--format", "json")
    sv_out, sv_err = refused(run, db_path, "--lang", "sv", *args)
    en_out, en_err = refused(run, db_path, "--lang", "en", *args)
    assert sv_out == en_out
    assert sv_err != en_err and "rad 2" in sv_err and "line 2" in en_err
    summary = json.loads(en_out)
    assert summary["imported"] == 0 and summary["ids"] == []
    assert [(p["place"], p["number"], p["column"]) for p in summary["problems"]] == [
        ("line", 2, "Förvaltning/bolag"),
        ("line", 3, "Startdatum"),
    ]
    assert summary["problems"][1]["message"].startswith("line 3, Startdatum '31 februari 2026'")


def test_a_dry_run_and_an_import_summarise_in_swedish(run: Run, tmp_path: Path) -> None:
    path = tmp_path / "rapport.csv"
    path.write_text(
        "Titel,Förvaltning/bolag,Område,Vänorter,Startdatum\n"
        "Kieler Woche,Kulturförvaltningen,Kultur,Kiel,2026-03-01\n"
        "Nordiska dagar,Kulturförvaltningen,Kultur,Bergen,2026-02-01\n"
        ",,,,\n"
        "Nordiska dagar,Kulturförvaltningen,Kultur,Bergen,2026-02-01\n"
        "Summa,,,,2\n",
        encoding="utf-8",
    )
    dry = run("--lang", "sv", "collaborations", "import", str(path), "--dry-run")
    assert dry.exit_code == 0, dry.output
    assert dry.stderr.splitlines() == [
        f"Läste {path} (kommaavgränsad, UTF-8): 5 rader.",
        "Obs: Kiel är en vilande partnerstad; 1 rad nämner den och sparas ändå: rad 2.",
        "Hoppade över 1 tom rad.",
        "Hoppade över en summarad: rad 6.",
        "Hoppade över 1 dubblett (samma förvaltning eller bolag, titel, orter och start): "
        "rad 5 upprepar rad 3.",
        f"Provkörning: 2 samarbeten skulle importeras från {path}. Inget skrevs.",
    ]
    done = run("--lang", "sv", "collaborations", "import", str(path))
    assert done.exit_code == 0, done.output
    assert f"Importerade 2 samarbeten från {path} (id 1–2)." in done.stderr
    again = run("--lang", "sv", "collaborations", "import", str(path))
    assert "rad 2 är #1, rad 3 är #2, rad 5 upprepar rad 3" in again.stderr
    assert f"Inget nytt i {path}: alla 3 rader finns redan i registret." in again.stderr
