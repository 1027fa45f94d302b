"""What the reports and `check` say of the reporting round (issue 24, P10): who
answered with collaborations, who answered that they had none, who did not
answer; where no round was held, that it was not, instead of a guess; and never
an organisation that did not exist in the year.

Rounds are opened with the real `vanort round open`; answers are recorded with
`services.rounds.record_answer` in a registry session (the `round answer`
command is being written beside this), and an organisation's start is set in
the same way (`orgs add --since` likewise).
"""

from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path

import pytest
from openpyxl import load_workbook

from conftest import Run
from test_report_html import numbers_are_the_jsons
from vanort_cli.domain.rounds import Answer
from vanort_cli.services.lookup import find_organisation
from vanort_cli.services.rounds import record_answer
from vanort_cli.store.location import resolve_location
from vanort_cli.store.registry import Registry

NEW_IN_2026 = "Nya vänortsförvaltningen"


def _in_registry(url: str, answers: dict[str, Answer], *, on: date) -> None:
    registry = Registry(resolve_location(url))
    try:
        with registry.writing() as session:
            for name, answer in answers.items():
                org = find_organisation(session=session, name=name)
                record_answer(session=session, year=2025, org=org, answer=answer, today=on, by="t")
    finally:
        registry.close()


def _set_since(url: str, name: str, since: str) -> None:
    registry = Registry(resolve_location(url))
    try:
        with registry.writing() as session:
            org = find_organisation(session=session, name=name)
            org.since = since
            session.add(org)
    finally:
        registry.close()


def ok(run: Run, *args: str) -> str:
    result = run(*args)
    assert result.exit_code == 0, result.output
    return result.stdout


@pytest.fixture
def round_2025(run: Run, registry_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """The round for 2025, deadline 31 March 2026: Liseberg answered with a
    collaboration, Kulturförvaltningen and Göteborgs Hamn that they had none, the
    rest not at all. A new administration from 2026 exists too."""
    ok(run, "orgs", "add", NEW_IN_2026, "--kind", "forvaltning")
    _set_since(registry_url, NEW_IN_2026, "2026")
    ok(run, "round", "open", "2025", "--deadline", "2026-03-31", "--today", "2026-01-15")
    monkeypatch.setenv("VANORT_TODAY", "2026-02-01")
    ok(
        run,
        "log-collaboration",
        "-t",
        "Bergen",
        "-o",
        "Liseberg",
        "-a",
        "culture",
        "--title",
        "Julmarknad",
        "--start",
        "2025-11-01",
        "--end",
        "2025-12-31",
    )
    monkeypatch.delenv("VANORT_TODAY")
    _in_registry(
        registry_url,
        {
            "Liseberg": "collaborations",
            "Kulturförvaltningen": "nothing",
            "Göteborgs Hamn": "nothing",
        },
        on=date(2026, 2, 1),
    )


@pytest.mark.both_backends
def test_the_json_says_who_answered_how_and_the_new_organisation_is_nowhere(
    run: Run, round_2025: None
) -> None:
    report = json.loads(ok(run, "report", "--year", "2025", "-f", "json", "--today", "2026-05-01"))
    held = report["reporting_round"]
    assert held["deadline"] == "2026-03-31" and held["closed_on"] is None
    assert held["answered_with_collaborations"] == ["Liseberg"]
    assert held["answered_nothing"] == ["Göteborgs Hamn", "Kulturförvaltningen"]
    silent = held["did_not_answer"]
    assert "Business Region Göteborg" in silent and "Liseberg" not in silent
    # Swedish alphabetical order: Å, Ä, Ö after Z.
    assert silent[-2:] == ["Äldre samt vård- och omsorgsförvaltningen", "Älvstranden Utveckling"]
    # The older key keeps its name, narrowed to organisations that existed in the year.
    older = [o["name"] for o in report["collaborations"]["organisations_without_reports"]]
    assert "Kulturförvaltningen" in older
    assert NEW_IN_2026 not in json.dumps(report, ensure_ascii=False)


def test_no_format_lists_an_organisation_that_did_not_exist_in_the_year(
    run: Run, round_2025: None, tmp_path: Path
) -> None:
    for form in ("table", "markdown", "html", "csv", "json"):
        out = ok(run, "report", "--year", "2025", "-f", form, "--today", "2026-05-01")
        assert NEW_IN_2026 not in out, form
        assert "Kulturförvaltningen" in out or form == "csv", form
    book = tmp_path / "r.xlsx"
    ok(run, "report", "--year", "2025", "-o", str(book), "--today", "2026-05-01")
    cells = [
        str(c) for ws in load_workbook(book) for row in ws.iter_rows(values_only=True) for c in row
    ]
    assert NEW_IN_2026 not in cells and "Kulturförvaltningen" in cells
    # It exists in 2026, and a report of 2026 has it among those without collaborations.
    later = json.loads(ok(run, "report", "--year", "2026", "-f", "json", "--today", "2026-05-01"))
    assert NEW_IN_2026 in [
        o["name"] for o in later["collaborations"]["organisations_without_reports"]
    ]


def test_the_memo_and_the_document_say_who_answered_how(run: Run, round_2025: None) -> None:
    memo = ok(run, "report", "--year", "2025", "-f", "markdown", "--today", "2026-05-01")
    section = memo.split("### Reporting round 2025\n", 1)[1]
    assert "asked 33 administrations and companies" in section
    assert "by 31 March 2026." in section
    assert "- Answered with collaborations (1): Liseberg\n" in section
    assert "- Answered that they had none (2): Göteborgs Hamn, Kulturförvaltningen\n" in section
    assert re.search(r"^- Did not answer \(30\): Boplats Göteborg, ", section, re.MULTILINE)
    assert "did not report" not in memo
    html = ok(run, "report", "--year", "2025", "-f", "html", "--today", "2026-05-01")
    assert "<h3>Reporting round " in html
    assert 'data-json="len(reporting_round.did_not_answer)"' in html
    assert "Answered that they had none" in html and "Göteborgs Hamn, Kulturförvaltningen" in html
    # Every number and date the document says of the round is the JSON's.
    report = json.loads(ok(run, "report", "--year", "2025", "-f", "json", "--today", "2026-05-01"))
    numbers_are_the_jsons(html, report)


def test_before_the_deadline_the_silent_have_not_answered_yet(run: Run, round_2025: None) -> None:
    memo = ok(run, "report", "--year", "2025", "-f", "markdown", "--today", "2026-03-31")
    assert "- Not answered yet (30): " in memo and "Did not answer" not in memo
    table = ok(run, "report", "--year", "2025", "--today", "2026-04-01")
    assert "Did not answer (30): Boplats Göteborg" in table


def test_swedish_memo_says_the_round_in_swedish(
    run: Run, round_2025: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    memo = ok(
        run, "--lang", "sv", "report", "--year", "2025", "-f", "markdown", "--today", "2026-05-01"
    )
    section = memo.split("### Rapporteringsomgången 2025\n", 1)[1]
    assert (
        "I rapporteringsomgången för 2025 bad Stadsledningskontoret 33 förvaltningar och bolag "
        "att senast 31 mars 2026 redovisa sina samarbeten med vänorterna." in section
    )
    assert (
        "- Svarade att de inte hade några samarbeten (2): Göteborgs Hamn, Kulturförvaltningen"
        in section
    )
    assert "- Svarade inte (30): " in section


def test_where_no_round_was_held_the_reports_say_so_and_guess_no_one(run: Run) -> None:
    report = json.loads(ok(run, "report", "--year", "2025", "-f", "json", "--today", "2026-05-01"))
    assert report["reporting_round"] is None
    plain = "No reporting round was held for 2025: vanort does not know who was asked."
    for form in ("table", "markdown", "html"):
        out = ok(run, "report", "--year", "2025", "-f", form, "--today", "2026-05-01")
        out = re.sub(r"<[^>]+>", "", out)  # the document's text, its numbers unmarked
        assert plain in out, form
        assert "Did not answer" not in out and "did not report" not in out, form
    # This year: not held "so far", said as such.
    memo = ok(run, "report", "--year", "2026", "-f", "markdown", "--today", "2026-05-01")
    assert "No reporting round has been opened for 2026 so far" in memo


def _findings(run: Run, today: str, code: str) -> list[dict[str, object]]:
    result = run("check", "--format", "json", "--today", today)
    assert result.exit_code in (0, 1), result.output
    return [f for f in json.loads(result.stdout)["findings"] if f["code"] == code]


def test_check_warns_of_the_silent_after_the_deadline_only(run: Run, round_2025: None) -> None:
    assert _findings(run, "2026-03-31", "round_unanswered") == []
    [found] = _findings(run, "2026-04-01", "round_unanswered")
    assert found["severity"] == "warning" and found["year"] == 2025
    assert found["deadline"] == "2026-03-31"
    names = found["organisations"]
    assert isinstance(names, list) and len(names) == 30 and "Liseberg" not in names
    assert NEW_IN_2026 not in names
    message = str(found["message"])
    # The first few by name, then how many more, and the commands that settle it.
    assert ", ".join(names[:5]) + " and 25 more." in message
    assert "`vanort round remind 2025`" in message
    assert "`vanort round answer 2025 ORG --nothing`" in message
    # A warning: check still exits 0 for it (the council's errors aside).
    result = run("check", "--today", "2026-04-01")
    assert (
        "warning round_unanswered: The deadline of the 2025 reporting round was 31 March 2026"
        in result.stdout
    )


def test_check_names_everyone_when_few_are_silent(run: Run, registry_url: str) -> None:
    ok(
        run,
        "round",
        "open",
        "2025",
        "--deadline",
        "2026-03-31",
        "--org",
        "Liseberg",
        "--org",
        "Higab",
        "--today",
        "2026-01-15",
    )
    _in_registry(registry_url, {"Higab": "nothing"}, on=date(2026, 3, 1))
    [found] = _findings(run, "2026-06-01", "round_unanswered")
    assert "1 organisation has not answered: Liseberg. Remind" in str(found["message"])
    _in_registry(registry_url, {"Liseberg": "nothing"}, on=date(2026, 6, 2))
    assert _findings(run, "2026-06-03", "round_unanswered") == []


def test_check_warns_of_the_last_year_that_ended_without_a_round(run: Run) -> None:
    [found] = _findings(run, "2026-05-01", "round_not_opened")
    assert found["year"] == 2025 and found["severity"] == "warning"
    assert "`vanort round open 2025 --deadline DATE`" in str(found["message"])
    ok(run, "round", "open", "2025", "--deadline", "2026-05-31", "--today", "2026-05-01")
    assert _findings(run, "2026-05-02", "round_not_opened") == []
    # Only the last year that ended: not 2024, which never had one either.
    assert [f["year"] for f in _findings(run, "2027-01-02", "round_not_opened")] == [2026]
