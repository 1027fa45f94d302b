"""Big registries: machine formats stream, tables page, filters run in SQL (issue 11)."""

from __future__ import annotations

import csv
import io
import json
from datetime import date
from pathlib import Path

import pytest
from tests.conftest import Run

pytestmark = pytest.mark.both_backends

ROWS = 60


@pytest.fixture
def many(run: Run, tmp_path: Path) -> None:
    """ROWS collaborations, imported in one go, with titles to search for."""
    lines = ["Titel;Förvaltning/bolag;Område;Vänorter;Startdatum;Beskrivning"]
    for n in range(ROWS):
        title = "Göteborgsdagar" if n % 10 == 0 else f"Projekt {n}"
        lines.append(
            f"{title} {n};SLK;Kultur;Åbo, Bergen;{2000 + n % 27}-01-{1 + n % 28:02d};"
            + ("100% återbruk" if n == 7 else "")
        )
    path = tmp_path / "many.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = run("collaborations", "import", str(path))
    assert result.exit_code == 0, result.output


@pytest.mark.usefixtures("many")
def test_json_jsonl_and_csv_list_the_same_collaborations(run: Run) -> None:
    listed = json.loads(run("collaborations", "list", "-f", "json").stdout)
    lines = run("collaborations", "list", "-f", "jsonl").stdout.splitlines()
    table = list(csv.DictReader(io.StringIO(run("collaborations", "list", "-f", "csv").stdout)))
    assert len(listed) == ROWS
    assert [json.loads(line) for line in lines] == listed
    assert [int(r["id"]) for r in table] == [r["id"] for r in listed]
    starts = [(r["start_date"], r["id"]) for r in listed]
    assert starts == sorted(starts)  # oldest first


def table_ids(output: str) -> list[int]:
    return [int(line.split("│")[1]) for line in output.splitlines() if line.startswith("│")]


@pytest.mark.usefixtures("many")
def test_a_table_on_a_terminal_shows_a_page_and_says_how_to_see_the_rest(
    run: Run, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TTY_COMPATIBLE", "1")
    monkeypatch.setenv("COLUMNS", "200")
    page = run("collaborations", "list")
    assert page.exit_code == 0, page.output
    listed = json.loads(run("collaborations", "list", "-f", "json").stdout)
    newest = sorted(listed, key=lambda r: (r["start_date"], r["id"]), reverse=True)
    assert table_ids(page.stdout) == [r["id"] for r in newest[:50]]
    assert f"The 50 newest of {ROWS} rows" in page.stdout and "--all" in page.stdout
    every = run("collaborations", "list", "--all")
    assert sorted(table_ids(every.stdout)) == sorted(r["id"] for r in listed)
    assert "newest of" not in every.stdout
    five = run("collaborations", "list", "--limit", "5")
    assert table_ids(five.stdout) == [r["id"] for r in newest[:5]]
    both = run("collaborations", "list", "--limit", "5", "--all")
    assert both.exit_code == 2 and "not both" in both.stderr


@pytest.mark.usefixtures("many")
def test_a_table_for_a_pipe_pages_too_and_csv_does_not(run: Run) -> None:
    piped = run("collaborations", "list")
    assert len(table_ids(piped.stdout)) == 50 and "newest of" in piped.output
    assert len(run("collaborations", "list", "-f", "csv").stdout.splitlines()) == ROWS + 1


@pytest.mark.usefixtures("many")
def test_search_ignores_case_and_accents_and_takes_percent_literally(run: Run) -> None:
    def found(*args: str) -> list[str]:
        result = run("collaborations", "list", "-f", "json", *args)
        assert result.exit_code == 0, result.output
        return [r["title"] for r in json.loads(result.stdout)]

    assert len(found("--search", "GOTEBORGSDAGAR")) == ROWS // 10
    assert found("--search", "100% ÅTERBRUK") == ["Projekt 7 7"]
    assert found("--search", "1_0") == []  # _ is no wildcard (punctuation folds to a space)
    assert found("--search", "%") == ["Projekt 7 7"]  # no letters: looked for as written
    assert found("--search", "goteborgsdagar", "--year", "2000") == ["Göteborgsdagar 0"]
    assert len(found("--search", "   ")) == ROWS  # nothing to search for


@pytest.mark.usefixtures("many")
def test_history_streams_and_pages_too(run: Run, monkeypatch: pytest.MonkeyPatch) -> None:
    whole = json.loads(run("history", "-f", "json").stdout)
    lines = [json.loads(line) for line in run("history", "-f", "jsonl").stdout.splitlines()]
    assert lines == whole and len(whole) == ROWS * 3  # each row and its two towns
    assert [e["id"] for e in whole] == sorted(e["id"] for e in whole)
    assert whole[0]["record_name"] == "Göteborgsdagar 0"
    named = [e for e in whole if e["table"] == "collaboration_town"]
    assert {e["new"]["town"] for e in named} == {"Åbo", "Bergen"}
    monkeypatch.setenv("TTY_COMPATIBLE", "1")
    page = run("history")
    assert f"The 50 newest of {ROWS * 3} rows" in page.stdout
    three = json.loads(run("history", "--limit", "3", "-f", "json").stdout)
    assert [e["id"] for e in three] == [e["id"] for e in reversed(whole)][:3]


def test_the_history_names_a_record_gone_from_its_table(run: Run) -> None:
    """A purged collaboration is named as the audit trail last recorded it."""
    logged = run(
        "log-collaboration", "-t", "Bergen", "-o", "SLK", "-a", "culture",
        "--title", "Bortglömd", "--start", "2020-01-01",
    )  # fmt: skip
    assert logged.exit_code == 0, logged.output
    assert run("collaborations", "delete", "1", "--yes").exit_code == 0
    tomorrow = date.today().replace(year=date.today().year + 1).isoformat()
    assert run("db", "purge", "--before", tomorrow, "--yes").exit_code == 0
    entries = json.loads(run("history", "--table", "collaboration", "-f", "json").stdout)
    assert {e["record_name"] for e in entries} == {"Bortglömd"}
