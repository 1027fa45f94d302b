"""Decisions on towns (P7): adding, retiring, partner status, and the rotation they change."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import Run, checkpoint, file_digest

pytestmark = pytest.mark.both_backends


@pytest.fixture(autouse=True)
def _after_the_decisions(monkeypatch: pytest.MonkeyPatch) -> None:
    """The decisions below lie ahead of the real today: a decision must have been taken."""
    monkeypatch.setenv("VANORT_TODAY", "2030-06-01")


TROMSO = ["towns", "add", "Tromsø", "--kind", "twin", "--country", "NO"]
DECISION = ["--decision", "KF 2027-03-16 §12", "--decided-on", "2027-03-16"]


def hosts(run: Run, first: int, last: int) -> list[tuple[int, str]]:
    result = run("schedule", "--from", str(first), "--to", str(last), "-f", "json")
    assert result.exit_code == 0, result.output
    return [(r["year"], r["host"]["key"]) for r in json.loads(result.stdout)]


@pytest.mark.sqlite_only
@pytest.mark.parametrize(
    ("extra", "says"),
    [
        ([], "--decision REF"),
        (["--decision", "KF 1"], "--decided-on"),
        ([*DECISION, "--body", "KS"], "Only the City Council"),
        ([*DECISION, "--body", "XX"], "not a deciding body"),
        ([*DECISION, "--after", "Kiel"], "not in the meeting rotation"),
    ],
)
def test_a_twin_town_needs_a_council_decision(
    run: Run, db_path: Path, extra: list[str], says: str
) -> None:
    run("db", "init")
    checkpoint(db_path)
    before = file_digest(db_path)
    result = run(*TROMSO, *extra)
    assert result.exit_code == 1, result.output
    assert says in result.stderr
    checkpoint(db_path)
    assert file_digest(db_path) == before


def test_a_fifth_twin_town_joins_after_its_decision_and_the_cycle_becomes_ten(run: Run) -> None:
    before = hosts(run, 2013, 2027)
    result = run(*TROMSO, *DECISION, "--after", "Bergen", "--alias", "Tromso")
    assert result.exit_code == 0, result.output
    assert "the meeting cycle is now 10 years" in result.stderr
    assert hosts(run, 2013, 2027) == before  # earlier years unchanged
    assert hosts(run, 2027, 2045) == [
        (2027, "turku"),
        (2029, "bergen"),
        (2031, "tromso"),
        (2033, "aarhus"),
        (2035, "goteborg"),
        (2037, "turku"),
        (2039, "bergen"),
        (2041, "tromso"),
        (2043, "aarhus"),
        (2045, "goteborg"),
    ]
    nxt = json.loads(run("next-meeting", "--today", "2034-01-01", "-f", "json").stdout)
    assert (nxt["year"], nxt["gothenburg_next_year"]) == (2035, 2035)
    shown = json.loads(run("towns", "show", "tromso", "-f", "json").stdout)
    assert shown["decisions"][0]["reference"] == "KF 2027-03-16 §12"
    assert shown["rotation_from_year"] == 2028
    assert [m["year"] for m in shown["meetings"]][:2] == [2031, 2041]
    assert run("meeting", "record", "2027", "--host", "Tromsø").exit_code == 1


def test_retiring_a_town_keeps_its_history_and_shortens_the_cycle(run: Run) -> None:
    run(
        "log-collaboration",
        "-t",
        "Bergen",
        "-o",
        "SLK",
        "-a",
        "culture",
        "--title",
        "x",
        "--start",
        "2026-01-01",
        "--end",
        "2026-12-31",
    )
    result = run(
        "towns", "retire", "Bergen", "--decision", "KF 2028-02-01 §3", "--decided-on", "2028-02-01"
    )
    assert result.exit_code == 0, result.output
    assert hosts(run, 2027, 2037) == [
        (2027, "turku"),
        (2029, "aarhus"),
        (2031, "goteborg"),
        (2033, "turku"),
        (2035, "aarhus"),
        (2037, "goteborg"),
    ]
    assert hosts(run, 2013, 2013) == [(2013, "bergen")]  # history stays
    shown = json.loads(run("towns", "show", "Bergen", "-f", "json").stdout)
    assert shown["status"] == "retired" and shown["collaborations_by_year"] == [
        {"year": 2026, "count": 1}
    ]
    assert [d["action"] for d in shown["decisions"]] == ["establish", "retire"]
    again = run("towns", "retire", "Bergen", "--decision", "KF 1", "--decided-on", "2029-01-01")
    assert again.exit_code == 1


def test_partner_cities_are_added_by_the_executive_board_and_change_status(run: Run) -> None:
    added = run(
        "towns",
        "add",
        "Gdańsk",
        "--kind",
        "partner",
        "--country",
        "pl",
        "--decision",
        "KS 2027-05-02 §7",
        "--decided-on",
        "2027-05-02",
        "-f",
        "json",
    )
    assert added.exit_code == 0, added.output
    town = json.loads(added.stdout)
    assert (town["key"], town["kind"], town["country"], town["rotation_position"]) == (
        "gdansk",
        "partner",
        "PL",
        None,
    )
    assert "gdansk" not in {h for _, h in hosts(run, 2027, 2045)}
    status = run(
        "towns",
        "set-status",
        "Kiel",
        "active",
        "--decision",
        "KS 2027-06-01 §4",
        "--decided-on",
        "2027-06-01",
    )
    assert status.exit_code == 0, status.output
    kiel = json.loads(run("towns", "show", "kiel", "-f", "json").stdout)
    assert kiel["status"] == "active" and kiel["decisions"][-1]["body"] == "KS"
    twin = run(
        "towns", "set-status", "Bergen", "dormant", "--decision", "x", "--decided-on", "2027-01-01"
    )
    assert twin.exit_code == 1 and "towns retire" in twin.stderr


def test_the_shipped_twins_carry_their_1946_twinning_without_a_reference(run: Run) -> None:
    for town in ("goteborg", "aarhus", "bergen", "turku"):
        [decision] = json.loads(run("towns", "show", town, "-f", "json").stdout)["decisions"]
        assert decision["reference"] is None
        assert "no decision reference is known" in decision["note"]
        assert decision["source"]
