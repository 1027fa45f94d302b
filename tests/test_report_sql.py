"""`vanort report` counted by the database: the same bytes as when it counted in Python.

A registry with varied data (towns, organisations, areas, kinds, years, ongoing and
ended, some deleted) is built by the real CLI. Its reports are compared with golden
files written by the code that counted in Python (tests/fixtures/report_sql/), and
with a recount in this file from `collaborations list -f json`.
Regenerate the golden files only on purpose: VANORT_WRITE_GOLDEN=1.
"""

from __future__ import annotations

import csv
import io
import json
import os
import random
import sqlite3
from collections import Counter
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from conftest import Run

GOLDEN = Path(__file__).parent / "fixtures" / "report_sql"
TODAY = "2026-11-27"
TOWNS = ["Åbo", "Bergen", "Århus", "Nelson Mandela Bay", "Kiel", "Lyon"]
ORGS = ["SLK", "Higab", "Kulturförvaltningen", "Liseberg", "Göteborgs Hamn", "Renova AB"]
AREAS = ["culture", "education", "climate-environment", "urban-development", "transport"]
KINDS = ["project", "network", "exchange", "study-visit", "other"]
TITLES = ["Kultur & hamn", 'Skola "i dag", del', "Klimat|vatten", "Idrott = hälsa", "Åldrande"]
DELETED = (4, 11, 23)


def ok(run: Run, *args: str) -> str:
    result = run(*args)
    assert result.exit_code == 0, (args, result.output, result.stderr)
    return result.stdout


def fixed_timestamps(db_path: Path) -> None:
    """Stamp every collaboration with one creation time, so the reports' bytes are fixed."""
    with sqlite3.connect(db_path) as connection:
        connection.execute(
            "UPDATE collaboration SET created_at = '2026-01-02 03:04:05.000000', "
            "updated_at = '2026-01-02 03:04:05.000000'"
        )


def build_varied(run: Run, directory: Path, count: int = 32) -> None:
    """`count` collaborations across towns, organisations, areas, kinds and 2021-2026;
    some ongoing, some multi-town, three deleted; the 2025 meeting held in Göteborg."""
    ok(run, "orgs", "add", "Renova AB", "--kind", "bolag")
    ok(run, "meeting", "record", "2025", "--host", "Göteborg", "--status", "held")
    chance = random.Random(11)
    for n in range(1, count + 1):
        start = date(chance.randint(2021, 2026), chance.randint(1, 12), chance.randint(1, 28))
        args = ["log-collaboration", "--title", f"{chance.choice(TITLES)} {n}"]
        for town in chance.sample(TOWNS, chance.randint(1, 3)):
            args += ["-t", town]
        args += ["-o", chance.choice(ORGS), "-a", chance.choice(AREAS)]
        args += ["--kind", chance.choice(KINDS), "--start", start.isoformat()]
        if chance.random() < 0.6:
            args += ["--end", date(start.year + chance.randint(0, 2), 12, 31).isoformat()]
        reported = date(max(start.year, 2022), chance.randint(1, 11), chance.randint(1, 27))
        args += ["--reported-on", min(reported, date.fromisoformat(TODAY)).isoformat()]
        if n % 7 == 0:
            args += ["--description", "Om unga, äldre\noch vatten", "--contact", "a@b.se"]
        ok(run, *args)
    for n in DELETED:
        ok(run, "collaborations", "delete", str(n), "--yes")
    fixed_timestamps(directory / "registry.db")


ENVIRONMENT = {"VANORT_TODAY": TODAY, "VANORT_USER": "Anna Lind"}


@pytest.fixture
def varied(built_registry: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    """The varied registry, built once per test process and copied."""
    built_registry("varied", build_varied, ENVIRONMENT)
    for key, value in ENVIRONMENT.items():
        monkeypatch.setenv(key, value)


# Each output and the languages it is written in: JSON and CSV for machines are the
# same bytes in both; the memos are the City's Swedish; the tables are in English.
BOTH = ("sv", "en")
OUTPUTS = {
    "report-2026.json": (BOTH, ("report", "--year", "2026", "-f", "json")),
    "report-2026.md": (("sv",), ("report", "--year", "2026", "-f", "markdown")),
    "report-2026.csv": (BOTH, ("report", "--year", "2026", "-f", "csv")),
    "report-2026.txt": (("en",), ("report", "--year", "2026")),
    "report-2024.json": (BOTH, ("report", "--year", "2024", "-f", "json")),
    "report-2021.txt": (("en",), ("report", "--year", "2021")),
    "evaluation-2025.json": (BOTH, ("report", "--evaluation", "2025", "-f", "json")),
    "evaluation-2025.md": (("sv",), ("report", "--evaluation", "2025", "-f", "markdown")),
}


@pytest.mark.parametrize("name", sorted(OUTPUTS))
def test_the_report_is_byte_for_byte_what_python_counting_wrote(
    run: Run, varied: None, name: str
) -> None:
    languages, args = OUTPUTS[name]
    golden = GOLDEN / name
    for language in languages:
        got = ok(run, "--lang", language, *args)
        if os.environ.get("VANORT_WRITE_GOLDEN") == "1" and language == languages[0]:
            golden.parent.mkdir(parents=True, exist_ok=True)
            golden.write_text(got, encoding="utf-8")
        assert got == golden.read_text(encoding="utf-8"), language


def active_in(item: dict[str, Any], first: date, last: date) -> bool:
    end = item["end_date"]
    return date.fromisoformat(item["start_date"]) <= last and (
        end is None or date.fromisoformat(end) >= first
    )


def recount(items: list[dict[str, Any]], year: int) -> dict[str, Any]:
    """The report's numbers counted here, one collaboration at a time."""
    first, last = date(year, 1, 1), date(year, 12, 31)
    active = [i for i in items if active_in(i, first, last)]
    new = [i for i in active if date.fromisoformat(i["reported_on"]).year == year]
    return {
        "total": len(active),
        "by_town": Counter(t["key"] for i in active for t in i["towns"]),
        "by_organisation": Counter(i["organisation"]["key"] for i in active),
        "by_area": Counter(i["area"]["key"] for i in active),
        "by_kind": Counter(i["kind"] for i in active),
        "new_this_year": sorted(i["id"] for i in new),
        "reporting_organisations": Counter(i["organisation"]["key"] for i in new),
        "items": sorted(i["id"] for i in active),
    }


@pytest.mark.parametrize("year", [2021, 2023, 2025, 2026])
def test_the_counts_are_the_collaborations_counted_one_by_one(
    run: Run, varied: None, year: int
) -> None:
    listed = json.loads(ok(run, "collaborations", "list", "-f", "json"))
    expected = recount(listed, year)
    c = json.loads(ok(run, "report", "--year", str(year), "-f", "json"))["collaborations"]
    key = "kind"
    got = {
        "total": c["total"],
        "by_town": Counter({g["key"]: g["count"] for g in c["by_town"]}),
        "by_organisation": Counter({g["key"]: g["count"] for g in c["by_organisation"]}),
        "by_area": Counter({g["key"]: g["count"] for g in c["by_area"]}),
        "by_kind": Counter({g[key]: g["count"] for g in c["by_kind"]}),
        "new_this_year": sorted(c["new_this_year"]),
        "reporting_organisations": Counter(
            {g["key"]: g["count"] for g in c["reporting_organisations"]}
        ),
        "items": sorted(i["id"] for i in c["items"]),
    }
    assert got == expected
    assert not set(DELETED) & set(got["items"])
    # Largest group first; the items oldest first, as `collaborations list` has them.
    for group in ("by_town", "by_organisation", "by_area", "by_kind"):
        counts = [g["count"] for g in c[group]]
        assert counts == sorted(counts, reverse=True)
    starts = [(i["start_date"], i["id"]) for i in c["items"]]
    assert starts == sorted(starts)
    shown = {o["key"] for o in c["organisations_without_reports"]}
    assert not shown & set(expected["reporting_organisations"])


@pytest.mark.parametrize("year", [2024, 2026])
def test_the_trend_is_each_year_counted_one_by_one(run: Run, varied: None, year: int) -> None:
    listed = json.loads(ok(run, "collaborations", "list", "-f", "json"))
    trend = json.loads(ok(run, "report", "--year", str(year), "-f", "json"))["collaborations"][
        "trend"
    ]
    assert [y["year"] for y in trend] == list(range(year - 9, year + 1))
    towns = {
        t["key"]
        for i in listed
        for t in i["towns"]
        if active_in(i, date(year - 9, 1, 1), date(year, 12, 31))
    }
    for row in trend:
        expected = recount(listed, row["year"])
        assert row["total"] == expected["total"]
        # Every town of the ten years in every year, twin towns first; 0 where none.
        assert {t["key"] for t in row["by_town"]} == towns
        kinds = [t["kind"] for t in row["by_town"]]
        assert kinds == sorted(kinds, key=lambda k: k != "twin")
        assert {t["key"]: t["count"] for t in row["by_town"] if t["count"]} == dict(
            expected["by_town"]
        )


def import_file(tmp_path: Path, rows: int) -> Path:
    """A CSV of `rows` collaborations in 2026, one a day from January on."""
    path = tmp_path / "many.csv"
    with path.open("w", encoding="utf-8", newline="") as handle:
        out = csv.writer(handle)
        out.writerow(["Titel", "Förvaltning/bolag", "Område", "Vänorter", "Startdatum"])
        for n in range(rows):
            start = date.fromordinal(date(2026, 1, 1).toordinal() + n)
            out.writerow([f"Samarbete {n}", "SLK", "culture", "Åbo", start.isoformat()])
    return path


@pytest.fixture
def many(run: Run, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("VANORT_TODAY", TODAY)
    ok(run, "collaborations", "import", str(import_file(tmp_path, 60)))


def listed_titles(table: str) -> list[str]:
    return [line.split("│")[2].strip() for line in table.splitlines() if "Samarbete " in line]


def test_the_table_lists_the_50_newest_and_says_how_to_see_all(run: Run, many: None) -> None:
    table = ok(run, "report", "--year", "2026")
    titles = listed_titles(table)
    assert titles == [f"Samarbete {n}" for n in range(59, 9, -1)]
    assert "50 of 60" in table and "--all" in table and "-f csv" in table


def test_the_table_with_all_lists_what_csv_does(run: Run, many: None) -> None:
    table = ok(run, "report", "--year", "2026", "--all")
    rows = list(csv.DictReader(io.StringIO(ok(run, "report", "--year", "2026", "-f", "csv"))))
    assert listed_titles(table) == [r["title"] for r in rows]
    assert "--all" not in table.split("Collaborations")[-1]


def test_json_keeps_every_item(run: Run, many: None) -> None:
    report = json.loads(ok(run, "report", "--year", "2026", "-f", "json"))
    assert len(report["collaborations"]["items"]) == 60
