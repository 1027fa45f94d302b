"""Issue 22: `db import` holds each value of a document to the rules the commands
and `collaborations import` hold it to (services/registry_rules.py): terminal
escapes, NUL bytes and over-long texts, an end before its start, a word that is
no kind or status. A refused document is one line naming the file, the table,
the row and its id, and the column; exit 2; the registry as it was."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from conftest import Run
from vanort_cli.store.registry_json import registry_tables

pytestmark = pytest.mark.both_backends

TODAY = "2026-11-27"
COLUMNS = {table.name: [c.name for c in table.columns] for table in registry_tables()}


@pytest.fixture(autouse=True)
def _today(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("VANORT_TODAY", TODAY)


def _row(table: str, **given: Any) -> dict[str, Any]:
    """A row of `table` with every column (None where not given), so that a
    column added to a model needs no change here."""
    return {name: given.get(name) for name in COLUMNS[table]}


@pytest.fixture
def document(run: Run, tmp_path: Path) -> dict[str, Any]:
    """The test's new registry exported, and one collaboration with Bergen added:
    a document `db import` takes into that same registry."""
    exported = tmp_path / "fresh.json"
    result = run("db", "export", "-o", str(exported))
    assert result.exit_code == 0, result.output
    data: dict[str, Any] = json.loads(exported.read_text(encoding="utf-8"))
    tables = data["tables"]
    bergen = next(t["id"] for t in tables["town"] if t["key"] == "bergen")
    now = "2026-01-02T09:00:00+00:00"
    tables["collaboration"] = [
        _row(
            "collaboration",
            id=1,
            title="Hamndagar",
            description="Två dagar.\nMed båtar.",
            organisation_id=tables["organisation"][0]["id"],
            area_id=tables["area"][0]["id"],
            kind="project",
            start_date="2026-01-01",
            end_date="2026-06-30",
            reported_by="Anna",
            reported_on="2026-01-02",
            created_at=now,
            updated_at=now,
        )
    ]
    tables["collaboration_town"] = [
        _row("collaboration_town", id=1, collaboration_id=1, town_id=bergen)
    ]
    return data


def _write(path: Path, data: dict[str, Any]) -> Path:
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def _registry_now(run: Run, path: Path) -> dict[str, Any]:
    """What the registry holds, through vanort (on either database)."""
    result = run("db", "export", "--history", "-o", str(path), "--force")
    assert result.exit_code == 0, result.output
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    data.pop("exported_at")
    return data


def test_a_document_that_keeps_the_rules_is_imported(
    run: Run, tmp_path: Path, document: dict[str, Any]
) -> None:
    result = run("db", "import", str(_write(tmp_path / "ok.json", document)))
    assert result.exit_code == 0, result.output
    shown = json.loads(run("collaborations", "show", "1", "-f", "json").stdout)
    assert shown["description"] == "Två dagar.\nMed båtar."  # lines where the commands allow them


ESC = "Hamn\x1b]0;pwned\x07\x1b[31m"
# (table, column, value, what the refusal says)
BROKEN: list[tuple[str, str, Any, str]] = [
    ("collaboration", "title", ESC, "holds control or hidden direction characters"),
    ("collaboration", "title", "Ham\x00n", "holds control or hidden direction characters"),
    ("collaboration", "title", "Hamn\u202eegnid", "holds control or hidden direction"),
    ("collaboration", "title", "Hamn\nrad två", "holds control or hidden direction"),
    ("collaboration", "title", "x" * 1_000_000, "longer than the 300 characters"),
    ("collaboration", "description", "y" * 20_001, "longer than the 20000 characters"),
    ("collaboration", "title", "   ", "is empty"),
    ("collaboration", "reported_by", "Anna\u3164", "blank-looking"),
    ("collaboration", "kind", "party", "is not one of project, network, exchange"),
    ("collaboration", "end_date", "2025-12-31", "is before its start_date"),
    ("organisation", "name", f"Kultur{ESC}", "holds control"),
    ("organisation", "kind", "sekt", "is not one of forvaltning, bolag"),
    ("town", "status", "exploded", "is not one of active, dormant, retired, ended"),
    ("town", "name_sv", "B" * 301, "longer than the 300 characters"),
    ("meeting", "status", "partied", "is not one of held, planned, postponed, cancelled"),
    ("meeting", "note", "z" * 20_001, "longer than the 20000 characters"),
]


@pytest.mark.parametrize(("table", "column", "value", "says"), BROKEN, ids=lambda v: str(v)[:20])
def test_a_value_a_command_would_refuse_is_refused(
    run: Run,
    tmp_path: Path,
    document: dict[str, Any],
    table: str,
    column: str,
    value: Any,
    says: str,
) -> None:
    rows = document["tables"][table]
    number = len(rows)
    rows[-1][column] = value
    path = _write(tmp_path / "doctored.json", document)
    before = _registry_now(run, tmp_path / "before.json")
    result = run("db", "import", str(path))
    assert result.exit_code == 2, result.output
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    line = lines[0]
    assert "Traceback" not in result.output and "Unexpected" not in result.output
    assert f"{path}, table {table}, row {number} (id {rows[-1]['id']}): {column} " in line
    assert says in line and line.endswith("Nothing was imported.")
    assert "\x1b" not in line and "\x00" not in line and len(line) < 400
    assert _registry_now(run, tmp_path / "after.json") == before


def test_a_meeting_day_outside_its_year_is_refused(
    run: Run, tmp_path: Path, document: dict[str, Any]
) -> None:
    meeting = document["tables"]["meeting"][0]
    meeting["start_date"] = f"{meeting['year'] + 1}-06-01"
    meeting["end_date"] = f"{meeting['year'] + 1}-06-02"
    result = run("db", "import", str(_write(tmp_path / "doctored.json", document)))
    assert result.exit_code == 2, result.output
    assert f'start_date "{meeting["year"] + 1}-06-01" is not in the meeting\'s year' in (
        result.stderr
    )
