"""The round's own commands through the real CLI, on SQLite and PostgreSQL:
`round open|show|list|status|answer|close` and `log-collaboration --round`."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import pytest
from openpyxl import load_workbook
from rich.cells import cell_len
from typer.testing import Result

from conftest import Run

pytestmark = pytest.mark.both_backends

ANSI = re.compile(r"\x1b\[[0-9;]*m")
SLK = "Stadsledningskontoret"
CULTURE = "Kulturförvaltningen"
OPENED, DEADLINE = "2026-01-10", "2026-01-31"


def ok(run: Run, *args: str) -> str:
    result = run(*args)
    assert result.exit_code == 0, result.output
    return result.stdout


def refused(run: Run, *args: str, code: int = 1) -> str:
    """The one line a refusal says on stderr; nothing on stdout."""
    result = run(*args)
    assert result.exit_code == code, result.output
    assert result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("Error: "), result.stderr
    assert "Traceback" not in result.output
    return lines[0]


def status(run: Run, today: str = "2026-01-20") -> dict[str, dict[str, object]]:
    rows = json.loads(ok(run, "round", "status", "2025", "--format", "json", "--today", today))
    return {row["organisation"]: row for row in rows}


def open_two(run: Run) -> None:
    """A round for 2025 asking two organisations."""
    ok(run, "round", "open", "2025", "--deadline", DEADLINE, "--org", SLK, "--today", OPENED)
    ok(run, "round", "open", "2025", "--org", CULTURE, "--today", OPENED)


def log_for_round(run: Run, *extra: str) -> Result:
    return run(
        "log-collaboration", "-t", "Åbo", "-o", CULTURE, "-a", "culture",
        "--title", "Nordiska litteraturdagar", "--start", "2025-03-01", *extra,
    )  # fmt: skip


def test_opening_says_how_many_it_asks_and_names_them(run: Run) -> None:
    result = run("round", "open", "2025", "--deadline", DEADLINE, "--today", OPENED)
    assert result.exit_code == 0, result.output
    names = result.stdout.splitlines()
    assert SLK in names and CULTURE in names
    assert f"asks {len(names)} organisations; deadline 31 January 2026" in result.stderr
    assert "more" not in result.stderr
    added = run("round", "open", "2025", "--org", SLK, "--today", OPENED)
    assert added.exit_code == 0, added.output
    assert added.stdout == ""
    assert "already asks every organisation named" in added.stderr


def test_adding_to_an_open_round_says_how_many_it_adds(run: Run) -> None:
    ok(run, "round", "open", "2025", "--deadline", DEADLINE, "--org", SLK, "--today", OPENED)
    result = run("round", "open", "2025", "--org", CULTURE, "--today", OPENED)
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines() == [CULTURE]
    assert "now also asks 1 organisation;" in result.stderr


def test_show_and_list_count_the_answers(run: Run) -> None:
    open_two(run)
    ok(run, "round", "answer", "2025", "SLK", "--nothing", "--today", "2026-01-15")
    shown = json.loads(
        ok(run, "round", "show", "2025", "--format", "json", "--today", "2026-02-02")
    )
    assert shown == {
        "year": 2025,
        "deadline": DEADLINE,
        "opened_on": OPENED,
        "closed_on": None,
        "asked": 2,
        "answered_with_collaborations": 0,
        "answered_nothing": 1,
        "did_not_answer": 1,
        "late": 1,
    }
    table = ok(run, "round", "show", "2025", "--today", "2026-02-02")
    assert "open" in table and "2026-01-31" in table
    listed = json.loads(ok(run, "round", "list", "--format", "json", "--today", "2026-02-02"))
    assert listed == [shown]
    rows = list(csv.DictReader(io.StringIO(ok(run, "round", "list", "--format", "csv"))))
    assert [row["year"] for row in rows] == ["2025"]


def test_list_is_newest_first_and_empty_without_rounds(run: Run) -> None:
    assert json.loads(ok(run, "round", "list", "--format", "json")) == []
    ok(run, "round", "open", "2024", "--deadline", DEADLINE, "--org", SLK, "--today", OPENED)
    ok(run, "round", "open", "2025", "--deadline", DEADLINE, "--org", SLK, "--today", OPENED)
    years = [r["year"] for r in json.loads(ok(run, "round", "list", "--format", "json"))]
    assert years == [2025, 2024]


def test_show_of_a_year_without_a_round_says_how_to_open_one(run: Run) -> None:
    line = refused(run, "round", "show", "2025")
    assert "round open 2025 --deadline DATE" in line


def test_answering_nothing_records_when_and_by_whom(run: Run) -> None:
    open_two(run)
    result = run(
        "round", "answer", "2025", "SLK", "--nothing", "--by", "Eva", "--today", "2026-01-15"
    )
    assert result.exit_code == 0, result.output
    assert "(on 15 January 2026, recorded by Eva)" in result.stderr
    row = status(run)[SLK]
    assert row["answer"] == "nothing"
    assert row["answered_on"] == "2026-01-15"
    assert row["collaborations"] == 0
    assert row["late"] is False
    again = run("round", "answer", "2025", "SLK", "--nothing", "--today", "2026-01-18")
    assert again.exit_code == 0, again.output
    assert "nothing changed" in again.stderr
    assert status(run)[SLK]["answered_on"] == "2026-01-15"


def test_answer_without_nothing_says_how_to_answer_with_collaborations(run: Run) -> None:
    open_two(run)
    line = refused(run, "round", "answer", "2025", "SLK", code=2)
    assert "--nothing" in line
    assert "collaborations import" in line and "log-collaboration ... --round 2025" in line
    assert status(run)[SLK]["answer"] is None


def test_answer_refusals_are_one_line_and_change_nothing(run: Run) -> None:
    refused(run, "round", "answer", "2025", "SLK", "--nothing")  # no round for 2025
    open_two(run)
    before = status(run)
    line = refused(run, "round", "answer", "2025", "Higab", "--nothing")
    assert "was not asked in the round for 2025" in line
    assert log_for_round(run, "--round", "2025").exit_code == 0
    line = refused(run, "round", "answer", "2025", CULTURE, "--nothing")
    assert "already answered the round for 2025 with 1 collaboration" in line
    after = status(run)
    assert after[CULTURE]["answer"] == "collaborations"
    assert after[SLK] == before[SLK]


def test_a_collaboration_deleted_no_longer_stands_in_the_way_of_nothing(run: Run) -> None:
    open_two(run)
    collaboration = log_for_round(run, "--round", "2025")
    assert collaboration.exit_code == 0, collaboration.output
    ok(run, "collaborations", "delete", collaboration.stdout.strip(), "--yes")
    assert status(run)[CULTURE]["collaborations"] == 0
    ok(run, "round", "answer", "2025", CULTURE, "--nothing", "--today", "2026-01-20")
    assert status(run)[CULTURE]["answer"] == "nothing"


def test_a_collaboration_logged_for_the_round_is_the_answer(
    run: Run, monkeypatch: pytest.MonkeyPatch
) -> None:
    open_two(run)
    monkeypatch.setenv("VANORT_TODAY", "2026-01-12")
    result = log_for_round(run, "--round", "2025")
    assert result.exit_code == 0, result.output
    assert f"Logged as {CULTURE}'s answer to the round for 2025." in result.stderr
    assert "late" not in result.stderr
    row = status(run)[CULTURE]
    assert (row["answer"], row["collaborations"], row["answered_on"]) == (
        "collaborations",
        1,
        "2026-01-12",
    )
    second = run(
        "log-collaboration", "-t", "Bergen", "-o", CULTURE, "-a", "culture",
        "--title", "Musik", "--start", "2025-05-01", "--round", "2025",
    )  # fmt: skip
    assert second.exit_code == 0, second.output
    assert status(run)[CULTURE]["collaborations"] == 2


@pytest.mark.parametrize(
    ("extra", "says"),
    [
        (("--round", "2024"), "No reporting round has been opened for 2024"),
        (("--start", "2026-01-05", "--round", "2025"), "starts on 5 January 2026, after 2025"),
        (
            ("--start", "2024-01-01", "--end", "2024-12-31", "--round", "2025"),
            "ended on 31 December 2024, before 2025",
        ),
    ],
)
def test_a_refused_round_answer_logs_no_collaboration(
    run: Run, monkeypatch: pytest.MonkeyPatch, extra: tuple[str, ...], says: str
) -> None:
    open_two(run)
    monkeypatch.setenv("VANORT_TODAY", "2026-01-12")
    result = run(
        "log-collaboration", "-t", "Åbo", "-o", CULTURE, "-a", "culture", "--title", "T", *extra
    )
    assert result.exit_code == 1, result.output
    assert says in result.stderr
    assert json.loads(ok(run, "collaborations", "list", "--format", "json")) == []


def test_logging_for_an_organisation_not_asked_is_refused_whole(run: Run) -> None:
    ok(run, "round", "open", "2025", "--deadline", DEADLINE, "--org", SLK, "--today", OPENED)
    result = log_for_round(run, "--round", "2025")
    assert result.exit_code == 1, result.output
    assert f"{CULTURE} was not asked in the round for 2025" in result.stderr
    assert json.loads(ok(run, "collaborations", "list", "--format", "json")) == []


def test_status_puts_the_late_first_and_writes_files(run: Run, tmp_path: Path) -> None:
    open_two(run)
    ok(run, "round", "answer", "2025", "SLK", "--nothing", "--today", "2026-01-15")
    rows = json.loads(
        ok(run, "round", "status", "2025", "--format", "json", "--today", "2026-02-02")
    )
    assert [(r["organisation"], r["late"]) for r in rows] == [(CULTURE, True), (SLK, False)]
    assert set(rows[0]) >= {
        "organisation", "asked_on", "reminded_on", "answered_on", "answer", "collaborations", "late"
    }  # fmt: skip
    table = ok(run, "round", "status", "2025", "--today", "2026-02-02")
    assert table.index(CULTURE) < table.index(SLK) and "nothing" in table
    text = ok(run, "round", "status", "2025", "--format", "csv", "--today", "2026-02-02")
    header = next(csv.reader(io.StringIO(text)))
    assert header == [
        "organisation", "asked_on", "reminded_on", "answered_on", "answer", "collaborations", "late"
    ]  # fmt: skip
    workbook = tmp_path / "svar.xlsx"
    result = run("round", "status", "2025", "-o", str(workbook), "--today", "2026-02-02")
    assert result.exit_code == 0, result.output
    sheet = load_workbook(workbook).active
    assert sheet is not None
    cells = [[c.value for c in row] for row in sheet.iter_rows()]
    assert cells[0][0] == "organisation" and cells[1][0] == CULTURE
    refused(run, "round", "status", "2025", "--format", "xlsx", code=2)


def test_closing_freezes_the_round_and_later_answers_are_late(run: Run) -> None:
    open_two(run)
    result = run("round", "close", "2025", "--today", "2026-01-20")
    assert result.exit_code == 0, result.output
    assert "2 organisations have not answered" in result.stderr
    shown = json.loads(
        ok(run, "round", "show", "2025", "--format", "json", "--today", "2026-01-20")
    )
    assert shown["closed_on"] == "2026-01-20"
    # Closed before its deadline: whoever has not answered is late already.
    assert shown["late"] == 2
    answered = run("round", "answer", "2025", "SLK", "--nothing", "--today", "2026-01-25")
    assert answered.exit_code == 0, answered.output
    assert "marked late" in answered.stderr
    assert status(run)[SLK]["late"] is True
    assert "was closed on 20 January 2026" in refused(
        run, "round", "open", "2025", "--org", "Higab", "--today", "2026-01-25"
    )
    assert "already closed" in refused(run, "round", "close", "2025", "--today", "2026-01-26")


def test_a_round_cannot_close_before_it_opened(run: Run) -> None:
    open_two(run)
    assert "opened on 10 January 2026" in refused(
        run, "round", "close", "2025", "--today", "2026-01-01"
    )


def terminal(run: Run, monkeypatch: pytest.MonkeyPatch, *args: str) -> str:
    monkeypatch.setenv("TTY_COMPATIBLE", "1")
    monkeypatch.setenv("COLUMNS", "80")
    return ANSI.sub("", ok(run, *args))


@pytest.mark.parametrize("lang", ["en", "sv"])
def test_the_tables_fit_80_columns_in_either_language(
    run: Run, monkeypatch: pytest.MonkeyPatch, lang: str
) -> None:
    ok(run, "round", "open", "2025", "--deadline", DEADLINE, "--today", OPENED)
    ok(run, "round", "answer", "2025", "SLK", "--nothing", "--today", "2026-01-15")
    monkeypatch.setenv("VANORT_LANG", lang)
    for args in (["round", "status", "2025"], ["round", "list"], ["round", "show", "2025"]):
        shown = terminal(run, monkeypatch, *args, "--today", "2026-02-02")
        assert max(cell_len(line) for line in shown.splitlines()) <= 80, shown
        assert "…" not in shown
    shown = terminal(run, monkeypatch, "round", "status", "2025", "--today", "2026-02-02")
    # What stays on a narrow terminal: who, whether late and what it answered.
    assert SLK in shown
    assert ("inget" if lang == "sv" else "nothing") in shown
