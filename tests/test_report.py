"""`vanort report --year`: counts checked against what was logged, in every format."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from conftest import Run

pytestmark = pytest.mark.both_backends


@pytest.fixture
def logged(run: Run, monkeypatch: pytest.MonkeyPatch) -> None:
    """Four collaborations: one spans 2025-2026, one is multi-town, one open-ended."""

    def log(*args: str, reported: str) -> None:
        monkeypatch.setenv("VANORT_TODAY", reported)
        result = run("log-collaboration", *args)
        assert result.exit_code == 0, result.output

    log(
        "-t",
        "Åbo",
        "-o",
        "SLK",
        "-a",
        "culture",
        "--title",
        "Spans two years",
        "--start",
        "2025-09-01",
        "--end",
        "2026-03-31",
        reported="2025-09-10",
    )
    log(
        "-t",
        "Bergen",
        "-t",
        "Aarhus",
        "-o",
        "Higab",
        "-a",
        "urban development",
        "--kind",
        "network",
        "--title",
        "Two towns",
        "--start",
        "2026-02-01",
        "--end",
        "2026-11-30",
        reported="2026-02-03",
    )
    log(
        "-t",
        "Turku",
        "-o",
        "Kulturförvaltningen",
        "-a",
        "culture",
        "--kind",
        "exchange",
        "--title",
        "Open-ended",
        "--start",
        "2026-06-01",
        reported="2026-06-02",
    )
    log(
        "-t",
        "Bergen",
        "-o",
        "SLK",
        "-a",
        "transport",
        "--title",
        "Only 2024",
        "--start",
        "2024-01-01",
        "--end",
        "2024-12-31",
        reported="2024-01-05",
    )
    run(
        "meeting",
        "record",
        "2027",
        "--host",
        "Åbo",
        "--status",
        "planned",
        "--start",
        "2027-09-14",
        "--end",
        "2027-09-15",
        "--place",
        "Åbo",
        "--theme",
        "Hamnar",
    )
    monkeypatch.setenv("VANORT_TODAY", "2026-11-27")


def counts(rows: list[dict], key: str = "key") -> dict[str, int]:
    return {row[key]: row["count"] for row in rows}


def test_json_counts_match_what_was_logged(run: Run, logged: None) -> None:
    result = run("report", "--year", "2026", "--format", "json")
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    c = report["collaborations"]
    assert report["year"] == 2026 and report["meetings"] == []
    assert c["total"] == 3
    assert counts(c["by_town"]) == {"turku": 2, "bergen": 1, "aarhus": 1}
    assert counts(c["by_organisation"]) == {
        "stadsledningskontoret": 1,
        "higab": 1,
        "kulturforvaltningen": 1,
    }
    assert {o["key"]: o["kind"] for o in c["by_organisation"]}["higab"] == "bolag"
    assert counts(c["by_area"]) == {"culture": 2, "urban-development": 1}
    assert counts(c["by_kind"], "kind") == {"project": 1, "network": 1, "exchange": 1}
    assert len(c["new_this_year"]) == 2
    assert {o["key"] for o in c["reporting_organisations"]} == {"higab", "kulturforvaltningen"}
    assert len(c["items"]) == 3


def test_a_collaboration_spanning_two_years_counts_in_both(run: Run, logged: None) -> None:
    y2025 = json.loads(run("report", "--year", "2025", "-f", "json").stdout)["collaborations"]
    y2026 = json.loads(run("report", "--year", "2026", "-f", "json").stdout)["collaborations"]
    spanning = [i["id"] for i in y2025["items"]]
    assert spanning == [1] and 1 in [i["id"] for i in y2026["items"]]
    assert y2025["new_this_year"] == [1] and 1 not in y2026["new_this_year"]


def test_the_meetings_of_the_year_are_in_the_report(run: Run, logged: None) -> None:
    report = json.loads(run("report", "--year", "2027", "-f", "json").stdout)
    [meeting] = report["meetings"]
    assert (meeting["year"], meeting["host"]["key"], meeting["status"]) == (
        2027,
        "turku",
        "planned",
    )
    assert (meeting["start_date"], meeting["place"], meeting["theme"]) == (
        "2027-09-14",
        "Åbo",
        "Hamnar",
    )
    assert report["collaborations"]["total"] == 1  # the open-ended one


def test_an_empty_year_is_a_valid_empty_report(run: Run) -> None:
    for fmt in ("table", "json", "csv", "markdown"):
        result = run("report", "--year", "1990", "--format", fmt)
        assert result.exit_code == 0, result.output
    report = json.loads(run("report", "--year", "1990", "-f", "json").stdout)
    assert report["collaborations"]["total"] == 0 and report["collaborations"]["items"] == []


def test_csv_has_one_row_per_collaboration(run: Run, logged: None) -> None:
    rows = list(csv.DictReader(io.StringIO(run("report", "--year", "2026", "-f", "csv").stdout)))
    assert [r["title"] for r in rows] == ["Spans two years", "Two towns", "Open-ended"]
    assert rows[1]["towns"] == "Bergen, Århus" and rows[1]["organisation_kind"] == "bolag"
    assert rows[2]["end_date"] == "" and rows[2]["new_this_year"] == "yes"
    assert set(rows[0]) >= {
        "towns",
        "organisation",
        "area",
        "kind",
        "start_date",
        "end_date",
        "title",
    }


def test_markdown_is_a_swedish_memo(run: Run, logged: None) -> None:
    memo = run("--lang", "sv", "report", "--year", "2026", "-f", "markdown").stdout
    assert memo.startswith("# Vänortsrapport 2026")
    for heading in (
        "## Vänortsmöten 2026",
        "## Samarbeten 2026",
        "### Per ort",
        "### Per förvaltning och bolag",
        "### Per område",
        "### Samtliga samarbeten",
    ):
        assert heading in memo
    assert "| Åbo | Vänort | 2 |" in memo
    # 2026 is still running (VANORT_TODAY): no past tense about it.
    assert "För 2026 finns 3 samarbeten med vänorter och partnerstäder i registret" in memo
    assert "pågick" not in memo.split("### Per ort")[0]


def test_markdown_in_english_is_an_english_memo(run: Run, logged: None) -> None:
    memo = run("--lang", "en", "report", "--year", "2026", "-f", "markdown").stdout
    assert memo.startswith("# Twin-town report 2026")
    for heading in (
        "## Twin-town meetings 2026",
        "## Collaborations 2026",
        "### By town",
        "### By administration and company",
        "### By area",
        "### All collaborations",
    ):
        assert heading in memo
    assert "| Turku | Twin town | 2 |" in memo
    assert "For 2026 the registry holds 3 collaborations with twin towns and partner" in memo


def test_the_table_names_towns_statuses_and_kinds_in_the_language(run: Run, logged: None) -> None:
    run("meeting", "record", "2025", "--host", "Åbo", "--status", "held")
    english = run("--lang", "en", "report", "--year", "2025").stdout
    swedish = run("--lang", "sv", "report", "--year", "2025").stdout
    assert "│ Turku " in english and "│ Åbo " not in english.split("Collaborations active")[0]
    assert "│ Åbo " in swedish and "│ Turku " not in swedish
    assert "│ held " in english and "│ hållet " in swedish
    assert "│ twin " in english and "│ vänort " in swedish
    assert "│ Culture " in english.split("Collaborations active")[0]
    assert "│ Kultur " in swedish.split("Collaborations active")[0]


@pytest.mark.parametrize("fmt", ["json", "csv"])
def test_what_scripts_read_is_the_same_in_both_languages(run: Run, logged: None, fmt: str) -> None:
    english = run("--lang", "en", "report", "--year", "2026", "-f", fmt).stdout_bytes
    swedish = run("--lang", "sv", "report", "--year", "2026", "-f", fmt).stdout_bytes
    assert english == swedish


def test_user_text_cannot_inject_markdown_or_spreadsheet_formulas(run: Run) -> None:
    hostile = "# Heading | [link](http://evil) <b>x</b>"
    run(
        "log-collaboration",
        "-t",
        "Bergen",
        "-o",
        "SLK",
        "-a",
        "culture",
        "--title",
        hostile,
        "--start",
        "2026-01-01",
    )
    run(
        "log-collaboration",
        "-t",
        "Bergen",
        "-o",
        "SLK",
        "-a",
        "culture",
        "--title",
        '=HYPERLINK("http://evil")',
        "--start",
        "2026-01-01",
    )
    memo = run("report", "--year", "2026", "-f", "markdown").stdout
    assert "\\# Heading \\| \\[link\\](http\\://evil) \\<b>x\\</b>" in memo
    assert "\n# Heading" not in memo and "&amp;" not in memo
    rows = list(csv.reader(io.StringIO(run("report", "--year", "2026", "-f", "csv").stdout)))
    assert any(cell.startswith("'=HYPERLINK") for row in rows for cell in row)
    assert not any(cell.startswith("=") for row in rows for cell in row)


@pytest.mark.sqlite_only
def test_output_file_takes_its_format_from_the_extension_and_is_not_overwritten(
    run: Run, logged: None, tmp_path: Path
) -> None:
    target = tmp_path / "rapport.md"
    result = run("report", "--year", "2026", "-o", str(target))
    assert result.exit_code == 0, result.output
    assert result.stdout == "" and str(target) in result.stderr
    assert target.read_text(encoding="utf-8").startswith("# Twin-town report 2026")
    target.write_text("keep me")
    refused = run("report", "--year", "2026", "-o", str(target))
    assert refused.exit_code == 1 and "--force" in refused.stderr
    assert target.read_text() == "keep me"
    forced = run("report", "--year", "2026", "-o", str(target), "--force", "-f", "json")
    assert forced.exit_code == 0
    assert json.loads(target.read_text())["year"] == 2026
    unknown = run("report", "--year", "2026", "-o", str(tmp_path / "r.docx"))
    assert unknown.exit_code == 2 and "r.docx" in unknown.stderr


def test_an_impossible_year_is_refused(run: Run) -> None:
    # Bad input (exit 2), said as every year and date outside the years is said.
    before = run("report", "--year", "1900")
    assert before.exit_code == 2
    assert "1900 is outside the years vanort handles: 1946 to" in before.stderr
    assert run("report", "--year", "twenty").exit_code == 2
    assert run("report", "--year", "2025", "--evaluation", "2025").exit_code == 2


def test_without_a_year_the_report_is_of_this_year(run: Run, logged: None) -> None:
    assert json.loads(run("report", "-f", "json").stdout)["year"] == 2026
    assert json.loads(run("report", "-f", "json", "--today", "2025-06-01").stdout)["year"] == 2025
    assert run("report", "-f", "markdown").stdout.startswith("# Twin-town report 2026")


def test_report_csv_and_collaborations_list_csv_share_their_columns(run: Run, logged: None) -> None:
    listed = next(csv.reader(io.StringIO(run("collaborations", "list", "-f", "csv").stdout)))
    reported = next(csv.reader(io.StringIO(run("report", "-f", "csv").stdout)))
    assert reported == [*listed, "new_this_year"]
