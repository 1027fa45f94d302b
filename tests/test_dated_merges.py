"""`orgs merge --on DATE` changes no report of the years before the merge, while
a search by either name finds both organisations' collaborations; and a name
that is now another organisation's (a rename, a merge) says where a record is
filed (issue 23). The rules themselves: tests/unit/test_merges.py."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from conftest import Run

pytestmark = pytest.mark.both_backends

OLD, NEW = "Exploateringsförvaltningen", "Stadsfastighetsförvaltningen"


@pytest.fixture(autouse=True)
def _today(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("VANORT_TODAY", "2026-06-01")


def ok(run: Run, *args: str) -> tuple[str, str]:
    result = run(*args)
    assert result.exit_code == 0, result.output
    return result.stdout, result.stderr


def log(run: Run, org: str, title: str, start: str, *more: str) -> int:
    out, _ = ok(run, "log-collaboration", "-t", "Bergen", "-o", org, "-a", "culture",
                "--title", title, "--start", start, *more)  # fmt: skip
    return int(out)


def counted(run: Run, year: int) -> tuple[dict[str, int], dict[int, str]]:
    """The report's count by organisation, and each listed collaboration's organisation."""
    out, _ = ok(run, "report", "--year", str(year), "-f", "json")
    section: dict[str, Any] = json.loads(out)["collaborations"]
    return (
        {o["key"]: o["count"] for o in section["by_organisation"]},
        {i["id"]: i["organisation"]["key"] for i in section["items"]},
    )


def test_a_dated_merge_keeps_the_reports_of_the_years_before(run: Run) -> None:
    ended = log(run, OLD, "Mark", "2023-02-01", "--end", "2024-05-01")
    ongoing = log(run, OLD, "Hamn", "2024-03-01")
    theirs = log(run, NEW, "Hus", "2024-01-01")
    before_2024 = counted(run, 2024)
    assert before_2024[0] == {"exploateringsforvaltningen": 2, "stadsfastighetsforvaltningen": 1}
    _, said = ok(run, "orgs", "merge", OLD, "--into", NEW, "--on", "2025-01-01")
    assert "from 1 January 2025" in said and "moved" not in said
    # 2024, before the merge: exactly what it said before.
    assert counted(run, 2024) == before_2024
    # 2025: what still went on is the new organisation's work.
    assert counted(run, 2025) == (
        {"stadsfastighetsforvaltningen": 2},
        {theirs: "stadsfastighetsforvaltningen", ongoing: "stadsfastighetsforvaltningen"},
    )
    # Either name finds both organisations' collaborations.
    for name in (NEW, OLD):
        out, _ = ok(run, "collaborations", "list", "--org", name, "-f", "json")
        assert sorted(c["id"] for c in json.loads(out)) == sorted([ended, ongoing, theirs])
    shown, _ = ok(run, "orgs", "show", NEW, "-f", "json")
    assert json.loads(shown)["collaborations"] == 3
    # The merged organisation's work is taken over: not a loose end for `check`.
    out = run("check", "-f", "json").stdout
    assert "collaboration_past_departure" not in out


def test_what_began_after_the_merge_day_moves_and_the_day_is_checked(run: Run) -> None:
    before = log(run, OLD, "Före", "2024-12-31")
    after = log(run, OLD, "Efter", "2025-01-01")
    _, said = ok(run, "orgs", "merge", OLD, "--into", NEW, "--on", "2025-01-01")
    assert "1 collaboration begun on or after 1 January 2025 moved to " + NEW in " ".join(
        said.split()
    )
    assert counted(run, 2024)[1] == {before: "exploateringsforvaltningen"}
    assert counted(run, 2025)[1][after] == "stadsfastighetsforvaltningen"
    future = run("orgs", "merge", "Higab", "--into", "Liseberg", "--on", "2026-06-02")
    assert future.exit_code == 1 and "--on" in future.stderr and "2 June 2026" in future.stderr


def test_a_former_name_says_where_a_record_is_filed(run: Run, tmp_path: Path) -> None:
    ok(run, "orgs", "merge", OLD, "--into", NEW, "--on", "2025-01-01")
    ok(run, "orgs", "rename", "Higab", "Higab AB")
    result = run("log-collaboration", "-t", "Bergen", "-o", OLD, "-a", "culture", "--title", "x")
    assert result.exit_code == 0, result.output
    assert f"Note: {OLD} was merged into {NEW}; the collaboration is filed under {NEW}." in (
        result.stderr
    )
    cid = result.stdout.strip()
    _, said = ok(run, "collaborations", "edit", cid, "-o", "higab")
    assert (
        "Note: higab is a former name of Higab AB; the collaboration is filed under Higab AB."
        in (" ".join(said.split()))
    )
    # The current name, or a name it always had (an abbreviation), says nothing.
    _, said = ok(run, "log-collaboration", "-t", "Bergen", "-o", "SLK", "-a", "culture",
                 "--title", "y")  # fmt: skip
    assert "Note" not in said
    _, said = ok(run, "collaborations", "edit", cid, "-o", "Higab AB")
    assert "Note" not in said
    # The spreadsheet intake says it once per name, with the rows.
    path = tmp_path / "in.csv"
    path.write_text(
        "Start Date,Area,Title,Towns,Organisation\n"
        f"2026-01-05,culture,Ett,Bergen,{OLD}\n"
        "2026-01-06,culture,Två,Bergen,Higab\n"
        "2026-01-07,culture,Tre,Bergen,Higab\n",
        encoding="utf-8",
    )
    _, said = ok(run, "collaborations", "import", str(path))
    said = " ".join(said.split())
    assert f"Note: {OLD} is now {NEW} (renamed or merged); 1 row names it" in said
    assert "Note: Higab is now Higab AB (renamed or merged); 2 rows name it" in said


def test_in_the_year_of_the_merge_each_counts_under_who_ran_it_last(run: Run) -> None:
    done = log(run, OLD, "Klart i mars", "2024-01-01", "--end", "2025-03-31")
    going = log(run, OLD, "Pågår", "2024-01-01")
    ok(run, "orgs", "merge", OLD, "--into", NEW, "--on", "2025-07-01")
    by_org, items = counted(run, 2025)
    assert by_org == {"exploateringsforvaltningen": 1, "stadsfastighetsforvaltningen": 1}
    assert items == {done: "exploateringsforvaltningen", going: "stadsfastighetsforvaltningen"}


def test_the_consolidated_report_counts_the_same_way(run: Run) -> None:
    ok(run, "meeting", "record", "2025", "--host", "Göteborg", "--status", "held")
    going = log(run, OLD, "Hamn", "2024-03-01")
    ok(run, "orgs", "merge", OLD, "--into", NEW, "--on", "2025-01-01")
    out, _ = ok(run, "report", "--evaluation", "2025", "-f", "json")
    draft = json.loads(out)
    assert draft["open_items"]["ongoing"] == [{"id": going, "title": "Hamn", "organisation": NEW}]
    silent = {o["key"] for o in draft["open_items"]["organisations_without_reports"]}
    assert "stadsfastighetsforvaltningen" not in silent
    assert "exploateringsforvaltningen" not in silent  # it is the other one now
