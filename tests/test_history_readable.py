"""The history as people read it (issue 23): fields by the tables' headings in the
reader's language, values by their words, dates as dates, "–" for nothing, each
record named as it was when it was changed; and a deleted record says it is
deleted and how to bring it back."""

from __future__ import annotations

import json

import pytest

from conftest import Run

pytestmark = pytest.mark.both_backends


def ok(run: Run, *args: str) -> str:
    result = run(*args)
    assert result.exit_code == 0, result.output
    return result.stdout


def refused(run: Run, *args: str) -> str:
    result = run(*args)
    assert result.exit_code == 1, result.output
    [line] = result.stderr.strip().splitlines()
    return line


@pytest.fixture
def renamed(run: Run) -> None:
    ok(
        run,
        *("log-collaboration", "-t", "Bergen", "-o", "SLK", "-a", "culture"),
        *("--title", "Nordiska litteraturdagar", "--kind", "study-visit"),
    )
    ok(run, "collaborations", "edit", "1", "--title", "Litteraturdagar", "--end", "2027-06-30")


def test_fields_and_values_read_as_the_tables_show_them(run: Run, renamed: None) -> None:
    english = ok(run, "history", "--table", "collaboration", "-f", "csv").splitlines()
    assert "Title: Nordiska litteraturdagar → Litteraturdagar, End: – → 2027-06-30" in english[-1]
    assert "Kind=study visit" in english[1] or "Kind=study-visit" in english[1]
    swedish = ok(run, "--lang", "sv", "history", "--table", "collaboration", "--all")
    flat = " ".join(swedish.split())
    assert "Titel: Nordiska litteraturdagar → Litteraturdagar" in flat
    assert "Slut: – → 2027-06-30" in flat
    assert "Typ=studiebesök" in flat
    assert "None" not in flat


def test_a_record_is_named_as_it_was_when_it_was_changed(run: Run, renamed: None) -> None:
    entries = json.loads(ok(run, "history", "--table", "collaboration", "-f", "json"))
    assert [e["record_name"] for e in entries] == ["Nordiska litteraturdagar", "Litteraturdagar"]


def test_times_in_a_change_are_shown_to_the_minute(run: Run) -> None:
    ok(run, "meeting", "record", "2041", "--host", "Bergen", "--status", "planned")
    ok(run, "meeting", "delete", "2041", "--yes")
    rows = ok(run, "history", "--table", "meeting", "-f", "csv").splitlines()
    hidden = rows[-1]
    # deleted_at: – → 2026-12-07 10:31, never an ISO timestamp with seconds and offset
    assert "→ " in hidden and "+00:00" not in hidden and "T" not in hidden.split("→")[-1]


def test_a_deleted_collaboration_says_so_and_how_to_bring_it_back(run: Run, renamed: None) -> None:
    ok(run, "collaborations", "delete", "1", "--yes")
    line = refused(run, "collaborations", "show", "1")
    assert "was deleted on" in line and "vanort restore-record collaboration 1" in line
    assert "No collaboration has id" in refused(run, "collaborations", "show", "99")
    ok(run, "restore-record", "collaboration", "1")
    assert json.loads(ok(run, "collaborations", "show", "1", "-f", "json"))["id"] == 1


def test_a_deleted_meeting_says_so_and_how_to_bring_it_back(run: Run) -> None:
    ok(run, "meeting", "record", "2041", "--host", "Bergen", "--status", "planned")
    ok(run, "meeting", "delete", "2041", "--yes")
    line = refused(run, "meeting", "show", "2041")
    assert "was deleted on" in line and "vanort restore-record meeting 2041" in line


def test_nothing_to_restore_is_said_in_the_readers_words(run: Run) -> None:
    line = refused(run, "--lang", "sv", "restore-record", "möte", "2010")
    assert "inget borttaget möte 2010" in line and "meeting" not in line
    assert "no deleted collaboration 99" in refused(run, "restore-record", "collaboration", "99")
