"""Tables on an 80- and a 100-column terminal: nothing wider than the terminal, no
word, date, id or name broken across lines, and a footer naming what was left out.

The terminal is Rich's own: TTY_COMPATIBLE=1 says stdout is one, COLUMNS how wide.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from rich.cells import cell_len

from conftest import Run

ANSI = re.compile(r"\x1b\[[0-9;]*m")
BOX = re.compile(r"[\u2500-\u257f]")
FOOTER = re.compile(r"Columns\s+left\s+out\s+to\s+fit\s.*?\s+everything\.", re.DOTALL)
LONG_TITLE = "Nordiska litteraturdagar med författarsamtal och skrivarverkstäder"
# Words that must never be broken: dates, ids, the longest names.
WHOLE = [
    "2025-01-01",
    "2026-06-30",
    "Stadsledningskontoret",
    "omsorgsförvaltningen",
    "skrivarverkstäder",
    "Kulturförvaltningen",
    "Göteborg",
]


TODAY = "2026-11-27"


def _build(invoke: Run, _directory: Path) -> None:
    commands = [
        ["log-collaboration", "-t", "Åbo", "-o", "SLK", "-a", "culture", "--title", LONG_TITLE,
         "--start", "2025-01-01", "--end", "2026-06-30", "--description",
         "Ett samarbete om litteratur och läsfrämjande", "--contact", "anna.andersson@goteborg.se"],
        ["log-collaboration", "-t", "Bergen", "-t", "Aarhus", "-o", "Higab", "-a",
         "urban development", "--kind", "network", "--title", "Klimatanpassade hamnar",
         "--start", "2026-02-01"],
        ["log-collaboration", "-t", "Aarhus", "-o", "Äldre samt vård- och omsorgsförvaltningen",
         "-a", "social welfare", "--title", "Äldreboenden", "--start", "2026-03-01"],
        ["log-collaboration", "-t", "Turku", "-o", "Kulturförvaltningen", "-a", "culture",
         "--kind", "exchange", "--title", "Göteborg & Co besöker Åbo", "--start", "2026-06-01"],
        ["meeting", "record", "2025", "--host", "Göteborg", "--status", "held", "--start",
         "2025-09-10", "--end", "2025-09-12", "--place", "Göteborgs rådhus", "--theme",
         "Gröna hamnar och städer", "--note", "Protokoll i diarienummer 0456/25."],
        ["meeting", "participant", "add", "2025", "--name", "Anna Svensson", "--town",
         "Göteborg", "--role", "KF ordförande", "--decision", "KF presidium 2025-02-01 §3"],
        ["meeting", "seminar", "add", "2025", "--title", "Klimatanpassade hamnar",
         "--org", "Kretslopp och vatten", "--speaker", "Per Olsson"],
    ]  # fmt: skip
    for args in commands:
        result = invoke(*args)
        assert result.exit_code == 0, result.output


@pytest.fixture
def populated(built_registry: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    """The test's registry as `_build` makes it: built once per test process and
    copied, as every test here reads it alike."""
    built_registry("tables", _build, {"VANORT_TODAY": TODAY})
    monkeypatch.setenv("VANORT_TODAY", TODAY)


TABLE_COMMANDS = [
    ["collaborations", "list"],
    ["collaborations", "show", "1"],
    ["report", "--year", "2026"],
    ["report", "--year", "2025"],
    ["towns", "list"],
    ["towns", "show", "Åbo"],
    ["meeting", "list"],
    ["meeting", "show", "2025"],
    ["schedule", "--from", "2021", "--to", "2029"],
    ["next-meeting"],
    ["orgs", "list"],
    ["areas", "list"],
    ["evaluation", "list"],
    ["history"],
]


def words(text: str) -> set[str]:
    return set(BOX.sub(" ", ANSI.sub("", text)).split())


def on_terminal(run: Run, monkeypatch: pytest.MonkeyPatch, width: int, *args: str) -> str:
    monkeypatch.setenv("TTY_COMPATIBLE", "1")
    monkeypatch.setenv("COLUMNS", str(width))
    result = run(*args)
    assert result.exit_code == 0, result.output
    return ANSI.sub("", result.stdout)


@pytest.mark.parametrize("width", [80, 100])
@pytest.mark.parametrize("args", TABLE_COMMANDS, ids=" ".join)
def test_tables_fit_the_terminal_without_breaking_words(
    run: Run, monkeypatch: pytest.MonkeyPatch, populated: None, width: int, args: list[str]
) -> None:
    piped = run(*args)
    assert piped.exit_code == 0, piped.output
    shown = on_terminal(run, monkeypatch, width, *args)
    assert max(cell_len(line) for line in shown.splitlines()) <= width, shown
    assert "…" not in shown
    # Every word on the terminal is a whole word of the full output: nothing like
    # '2025-0' / '1-01' or 'Stadsl' / 'edning'.
    body = FOOTER.sub("", shown)
    broken = words(body) - words(piped.stdout)
    assert not broken, shown
    for word in WHOLE:
        if word in piped.stdout and word not in shown:
            # Only a left-out column may take a word away, and then the footer says so.
            assert f"Columns left out to fit {width} columns" in shown, (word, shown)


def test_a_narrow_terminal_leaves_out_the_least_important_columns_and_says_so(
    run: Run, monkeypatch: pytest.MonkeyPatch, populated: None
) -> None:
    shown = on_terminal(run, monkeypatch, 80, "collaborations", "list")
    header = next(line for line in shown.splitlines() if "Title" in line)
    for kept in ("Id", "Title", "Towns", "Organisation", "Start"):
        assert kept in header
    for left_out in ("Reported by", "Org. kind"):
        assert left_out not in header
    footer = " ".join(shown.split("Columns left out to fit 80 columns:")[1].split())
    assert footer.startswith("org. kind,") and "reported by" in footer
    assert "--format json" in footer
    for name in ("Stadsledningskontoret", "omsorgsförvaltningen", "2025-01-01", "Bergen, Aarhus"):
        assert name in shown


def test_a_wide_terminal_shows_every_column(
    run: Run, monkeypatch: pytest.MonkeyPatch, populated: None
) -> None:
    shown = on_terminal(run, monkeypatch, 250, "collaborations", "list")
    assert "Reported on" in shown and "Columns left out" not in shown
    assert LONG_TITLE in shown


def test_a_pipe_is_never_cut_or_wrapped(
    run: Run, monkeypatch: pytest.MonkeyPatch, populated: None
) -> None:
    monkeypatch.setenv("COLUMNS", "40")
    piped = run("collaborations", "list").stdout
    assert LONG_TITLE in piped and "Reported on" in piped and "Columns left out" not in piped


def header_of(shown: str, first: str) -> str:
    return next(line for line in shown.splitlines() if first in line and "┃" in line)


def test_at_80_columns_the_history_names_what_changed(
    run: Run, monkeypatch: pytest.MonkeyPatch, populated: None
) -> None:
    shown = on_terminal(run, monkeypatch, 80, "history")
    header = header_of(shown, "When")
    # Who made a change is the last column to go, with the change itself.
    for kept in ("When (UTC)", "Who", "Change"):
        assert kept in header, shown
    assert "Table" not in header and "Id" not in header
    assert "Äldreboenden" in shown and "added:" in shown and "Town=Århus" in shown


def test_at_80_columns_the_organisations_are_named_with_their_status(
    run: Run, monkeypatch: pytest.MonkeyPatch, populated: None
) -> None:
    retired = run("orgs", "retire", "Kulturförvaltningen", "--on", "2030-12-31")
    assert retired.exit_code == 0, retired.output
    shown = on_terminal(run, monkeypatch, 80, "orgs", "list")
    header = header_of(shown, "Name")
    for kept in ("Name", "Status", "Also known as"):
        assert kept in header, shown
    assert "Key" not in header
    assert "Stadsledningskontoret" in shown and "SLK" in shown
    assert "forvaltningen-for-arbetsmarknad" not in shown
    assert "retiring on" in " ".join(shown.split())


def test_at_80_columns_the_towns_show_their_status(
    run: Run, monkeypatch: pytest.MonkeyPatch, populated: None
) -> None:
    shown = on_terminal(run, monkeypatch, 80, "towns", "list")
    header = header_of(shown, "Swedish name")
    for kept in ("Swedish name", "Kind", "Status", "Left on"):
        assert kept in header, shown
    assert "Key" not in header
    row = next(line for line in shown.splitlines() if "S:t Petersburg" in line)
    assert "ended" in row and "2022-03-10" in row


def test_at_80_columns_the_schedule_shows_where_a_meeting_moved(
    run: Run, monkeypatch: pytest.MonkeyPatch, populated: None
) -> None:
    for args in (
        ["meeting", "record", "2027", "--host", "Åbo", "--status", "postponed"],
        ["meeting", "reschedule", "2027", "--to", "2028"],
    ):
        result = run(*args)
        assert result.exit_code == 0, result.output
    shown = on_terminal(run, monkeypatch, 80, "schedule", "--from", "2021", "--to", "2031")
    header = header_of(shown, "Year")
    for kept in ("Year", "Host", "Status", "Moved to", "Moved from"):
        assert kept in header, shown
    assert "Host key" not in header
    row = next(line for line in shown.splitlines() if "│ 2027" in line)
    assert "postponed" in row and "2028" in row
