"""A town that joined later is not a "0" for the years before it joined, and a
collaboration that starts before it joined is refused as one after it left is:
on tests/council_registry.py's ten years, where Oslo became a twin town on
15 October 2026 (KF 2026-10-15 §12)."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

from conftest import Run, checkpoint, file_digest
from council_registry import TODAY, build

OSLO = ["-t", "Oslo", "-o", "Kulturförvaltningen", "-a", "Kultur", "--title", "Fjordstäder"]


@pytest.fixture
def council(built_registry: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    built_registry("council", build, {"VANORT_TODAY": TODAY})
    monkeypatch.setenv("VANORT_TODAY", TODAY)


def ok(run: Run, *args: str) -> str:
    result = run(*args)
    assert result.exit_code == 0, (args, result.output)
    return result.stdout


def refused(run: Run, db_path: Path, *args: str) -> str:
    checkpoint(db_path)
    before = file_digest(db_path)
    result = run(*args)
    assert result.exit_code == 1, result.output
    assert result.stdout == "" and "Traceback" not in result.output
    checkpoint(db_path)
    assert file_digest(db_path) == before
    return " ".join(result.stderr.split())


def oslo_in_trend(report: dict[str, Any]) -> dict[int, int | None]:
    return {
        row["year"]: next(t["count"] for t in row["by_town"] if t["key"] == "oslo")
        for row in report["collaborations"]["trend"]
    }


def test_a_town_that_joined_this_year_is_null_before_it_not_zero(run: Run, council: None) -> None:
    ok(run, "log-collaboration", *OSLO, "--start", "2026-11-01")
    report = json.loads(ok(run, "report", "--year", "2026", "-f", "json"))
    oslo = oslo_in_trend(report)
    assert oslo == {**dict.fromkeys(range(2017, 2026)), 2026: 1}
    # The towns that were partners all along keep their zeros and counts as numbers.
    for row in report["collaborations"]["trend"]:
        assert all(isinstance(t["count"], int) for t in row["by_town"] if t["key"] != "oslo")
    # The consolidated draft's trend is the same rule.
    evaluation = json.loads(ok(run, "report", "--evaluation", "2025", "-f", "json"))
    assert all(
        t["key"] != "oslo" for row in evaluation["collaborations"]["trend"] for t in row["by_town"]
    )  # Oslo had nothing up to 2025: not in that trend at all


@pytest.mark.parametrize("language", ["en", "sv"])
def test_the_printed_trend_shows_a_dash_not_a_zero_before_the_town_joined(
    run: Run, council: None, tmp_path: Path, language: str
) -> None:
    ok(run, "log-collaboration", *OSLO, "--start", "2026-11-01")
    page = tmp_path / "rapport.html"
    ok(run, "--lang", language, "report", "--year", "2026", "-o", str(page))
    html = page.read_text(encoding="utf-8")
    trend_table = html[html.index('id="trend"') :]
    trend_table = trend_table[: trend_table.index("</table>")]
    (row,) = [r for r in trend_table.split("<tr") if ">Oslo<" in r]
    cells = re.findall(r"<td[^>]*>(.*?)</td>", row)
    assert cells[-10:-1] == ["–"] * 9, cells  # 2017–2025: not a twin town then
    assert re.sub(r"<[^>]+>", "", cells[-1]) == "1"


def test_a_collaboration_before_the_decision_is_refused_as_one_after_leaving_is(
    run: Run, council: None, db_path: Path
) -> None:
    says = refused(run, db_path, "log-collaboration", *OSLO, "--start", "2026-10-14")
    assert "Oslo has been a twin town only since 15 October 2026" in says
    assert "starting 14 October 2026 cannot include it" in says
    assert ok(run, "log-collaboration", *OSLO, "--start", "2026-10-15").strip()
    # An edit that moves the start before the decision is refused too.
    cid = ok(run, "log-collaboration", *OSLO, "--title", "Annat", "--start", "2026-11-02").strip()
    says = refused(run, db_path, "collaborations", "edit", cid, "--start", "2025-05-01")
    assert "only since 15 October 2026" in says
    # A partner city known only by the year it has been one since: the year is said.
    says = refused(
        run, db_path, "log-collaboration", "-t", "Tallinn", "-o", "SLK", "-a", "Kultur",
        "--title", "Tidig", "--start", "1989-06-01",
    )  # fmt: skip
    assert "Tallinn has been a partner city only since 1990" in says


def test_the_import_names_a_row_that_starts_before_the_town_joined(
    run: Run, council: None, db_path: Path, tmp_path: Path
) -> None:
    path = tmp_path / "in.csv"
    path.write_text(
        "Titel;Förvaltning/bolag;Område;Vänorter;Startdatum\n"
        "Fjordstäder;Kulturförvaltningen;Kultur;Oslo;2026-09-01\n",
        encoding="utf-8",
    )
    checkpoint(db_path)
    before = file_digest(db_path)
    result = run("collaborations", "import", str(path), "-f", "json")
    assert result.exit_code == 1, result.output
    (problem,) = json.loads(result.stdout)["problems"]
    assert (problem["column"], problem["value"]) == ("Vänorter", "Oslo")
    assert "twin town only since 15 October 2026" in problem["message"]
    assert "starting 1 September 2026" in problem["message"]
    checkpoint(db_path)
    assert file_digest(db_path) == before
