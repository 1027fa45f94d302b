"""The memos read as a City Council official would read them: in Swedish (the
tests run in Swedish unless they ask for English) and in English."""

from __future__ import annotations

import re
from datetime import date

import pytest

from conftest import Run
from vanort_cli import i18n


@pytest.fixture(autouse=True)
def _swedish(monkeypatch: pytest.MonkeyPatch) -> None:
    """The memos in Swedish, as the City writes them, unless a test asks for English."""
    monkeypatch.setenv("VANORT_LANG", "sv")
    i18n.set_language("sv")


@pytest.fixture
def english(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("VANORT_LANG", "en")
    i18n.set_language("en")


@pytest.fixture
def registry(run: Run, monkeypatch: pytest.MonkeyPatch) -> None:
    """Organisations whose order tells Swedish from English sorting, a collaboration with
    two towns, ongoing ones, a shrinking year, and a held Göteborg meeting with a note."""

    def ok(*args: str, on: str = "2026-11-27") -> None:
        monkeypatch.setenv("VANORT_TODAY", on)
        result = run(*args)
        assert result.exit_code == 0, result.output

    for org, start, end, reported in [
        ("Älvstranden Utveckling", "2019-01-01", "2023-12-31", "2019-01-10"),
        ("Äldre samt vård- och omsorgsförvaltningen", "2019-03-01", "2024-06-30", "2019-03-10"),
        ("Boplats Göteborg", "2025-02-01", None, "2025-02-10"),
        ("Göteborg & Co", "2025-05-01", None, "2025-05-10"),
    ]:
        ok(
            "log-collaboration",
            "-t",
            "Bergen",
            "-t",
            "Åbo",
            "-o",
            org,
            "-a",
            "culture",
            "--title",
            f"Samarbete med {org}",
            "--start",
            start,
            *(["--end", end] if end else []),
            "--reported-on",
            reported,
            on=reported,
        )
    ok(
        "meeting",
        "record",
        "2025",
        "--host",
        "Göteborg",
        "--status",
        "held",
        "--start",
        "2025-09-10",
        "--end",
        "2025-09-12",
        "--theme",
        "Hamnar & städer",
        "--note",
        "Protokollet finns i diarienummer 0456/25.",
    )
    monkeypatch.setenv("VANORT_TODAY", "2026-11-27")


def memos(run: Run) -> dict[str, str]:
    found = {}
    for name, args in {
        "annual": ["report", "--year", "2025", "-f", "markdown"],
        "evaluation": ["report", "--evaluation", "2025"],
    }.items():
        result = run(*args)
        assert result.exit_code == 0, result.output
        found[name] = result.stdout
    return found


SWEDISH_ORDER = ("Boplats Göteborg", "Göteborg & Co", "Äldre samt", "Älvstranden")


def positions(memo: str, *names: str) -> list[int]:
    return [memo.index(name) for name in names]


def test_no_entities_and_no_escaped_numbers(run: Run, registry: None) -> None:
    for memo in memos(run).values():
        assert "&amp;" not in memo and "&#" not in memo
        assert "Göteborg & Co" in memo
        assert not re.search(r"\\[-+0-9]", memo), memo


def test_every_list_is_in_swedish_alphabetical_order(run: Run, registry: None) -> None:
    for memo in memos(run).values():
        for heading in re.findall(r"^### .*", memo, re.MULTILINE):
            section = memo.split(heading + "\n", 1)[1].split("\n#", 1)[0]
            names = [n for n in SWEDISH_ORDER if n in section]
            assert positions(section, *names) == sorted(positions(section, *names)), heading
    # The round's lists too: those who did not answer, Å, Ä and Ö after Z.
    result = run("round", "open", "2025", "--deadline", "2026-03-31", "--today", "2026-01-15")
    assert result.exit_code == 0, result.output
    annual = memos(run)["annual"]
    silent = re.search(r"^- Svarade inte \(\d+\): (.*)$", annual, re.MULTILINE)
    assert silent is not None, annual
    listed = silent[1].split(", ")
    assert listed.index("Business Region Göteborg") < listed.index("Liseberg")
    assert listed[-2:] == ["Äldre samt vård- och omsorgsförvaltningen", "Älvstranden Utveckling"]


def test_the_per_town_count_says_a_collaboration_counts_once_per_town(
    run: Run, registry: None
) -> None:
    found = memos(run)
    for memo in found.values():
        per_town = memo.split("### Per ort")[1].split("###")[0]
        assert "räknas en gång för varje ort" in per_town
    # Four collaborations, each with Bergen and Åbo; two of them were active in 2025.
    for name, count in (("annual", 2), ("evaluation", 4)):
        per_town = found[name].split("### Per ort")[1].split("###")[0]
        assert f"| Bergen | Vänort | {count} |" in per_town
        assert f"| Åbo | Vänort | {count} |" in per_town


def test_ongoing_is_pagaende_and_dates_are_swedish_prose(run: Run, registry: None) -> None:
    found = memos(run)
    assert "2025-02-01–pågående" in found["annual"]
    assert not re.search(r"\d–\s*\|", found["annual"])
    assert "Sammanställd den 27 november 2026" in found["annual"]
    assert "- Datum: 10–12 september 2025" in found["annual"]
    assert "Perioden 1 januari 2018–31 december 2025" in found["evaluation"]
    assert "| 2024 | 1 | -1 |" in found["evaluation"] and "| 2025 | 2 | +1 |" in found["evaluation"]


def test_meeting_notes_appear(run: Run, registry: None) -> None:
    for memo in memos(run).values():
        assert "- Anteckning: Protokollet finns i diarienummer 0456/25." in memo


def test_no_section_twice_and_no_english(run: Run, registry: None) -> None:
    for memo in memos(run).values():
        headings = re.findall(r"^#+ .*", memo, re.MULTILINE)
        assert len(headings) == len(set(headings)), headings
        for english in ("ongoing", "held", "planned", "project", "twin", "rotation", "None"):
            assert not re.search(rf"\b{english}\b", memo), english


def test_the_annual_report_names_who_reported_and_guesses_no_silence(
    run: Run, registry: None
) -> None:
    annual = memos(run)["annual"]
    reported = annual.split("### Förvaltningar och bolag som rapporterat under året")[1]
    reported = reported.split("###")[0]
    assert "- Boplats Göteborg (bolag): 1 samarbete" in reported
    assert "- Göteborg & Co (bolag): 1 samarbete" in reported
    # No round was held for 2025: nobody knows who was asked, so nobody is called silent.
    section = annual.split("### Rapporteringsomgången 2025\n")[1]
    assert section.strip() == (
        "Ingen rapporteringsomgång hölls för 2025: vanort vet inte vilka som tillfrågades."
    )
    assert "Stadsledningskontoret (förvaltning)" not in annual


def test_the_english_memos_name_towns_dates_and_forms_in_english(
    run: Run, registry: None, english: None
) -> None:
    found = memos(run)
    annual, evaluation = found["annual"], found["evaluation"]
    assert annual.startswith("# Twin-town report 2025\n")
    assert "Compiled on 27 November 2026 from the twin-town registry" in annual
    assert "### 2025: Gothenburg" in annual
    assert "- Status: held\n- Date: 10–12 September 2025" in annual
    assert "- Note: Protokollet finns i diarienummer 0456/25." in annual
    assert (
        "In 2025, 2 collaborations with twin towns and partner cities were active, "
        "2 of which were reported during the year." in annual
    )
    assert "| Bergen | Twin town | 2 |" in annual and "| Turku | Twin town | 2 |" in annual
    assert "2025-02-01–ongoing" in annual
    assert "- Boplats Göteborg (company): 1 collaboration" in annual
    assert "No reporting round was held for 2025: vanort does not know who was asked." in annual
    assert "The period 1 January 2018–31 December 2025 covers the time since" in evaluation
    assert "| 2024 | 1 | -1 |" in evaluation
    assert evaluation.rstrip().endswith("_The City Executive Office's analysis goes here._")
    for memo in found.values():
        headings = re.findall(r"^#+ .*", memo, re.MULTILINE)
        assert len(headings) == len(set(headings)), headings
        # Swedish only in the names of things (organisations, titles, the note, the theme).
        for swedish in (
            "Åbo",
            "Göteborgs Stad,",
            "pågående",
            "samarbete",
            "förvaltning)",
            "Vänort",
        ):
            assert swedish not in memo, swedish


def test_counts_in_sentences_are_written_as_the_language_writes_numbers() -> None:
    from vanort_cli.domain.report import (
        AnnualReport,
        Period,
        Rotation,
        SessionRows,
        YearCollaborations,
    )
    from vanort_cli.reports.memo import annual_memo

    report = AnnualReport(
        year=2025,
        period=Period(date(2025, 1, 1), date(2025, 12, 31)),
        generated_on=date(2026, 11, 27),
        meetings=(),
        collaborations=YearCollaborations(
            total=1234,
            by_town=(),
            by_organisation=(),
            by_area=(),
            by_kind=(),
            new_this_year=tuple(range(1001)),
            reporting_organisations=(),
            items=SessionRows.of([]),
            organisations_without_reports=(),
            trend=(),
        ),
        rotation=Rotation(2015, 2035, "goteborg", (), None, ()),
        reporting_round=None,
    )
    assert (
        "Under 2025 pågick 1\u00a0234 samarbeten med vänorter och partnerstäder, varav 1\u00a0001 "
        in annual_memo(report)
    )
    i18n.set_language("en")
    assert (
        "In 2025, 1,234 collaborations with twin towns and partner cities were active, "
        "1,001 of which" in annual_memo(report)
    )
