"""`next-meeting` and `schedule` through the real CLI on a real registry file."""

from __future__ import annotations

import csv
import io
import json

import pytest

from conftest import Run

pytestmark = pytest.mark.both_backends


@pytest.mark.sqlite_only
def test_next_meeting_creates_the_default_registry_without_init(
    run: Run, monkeypatch, tmp_path
) -> None:
    monkeypatch.delenv("VANORT_DB")
    default = tmp_path / "xdg-data" / "vanort" / "registry.db"
    assert not default.exists()
    result = run("next-meeting", "--today", "2026-11-27")
    assert result.exit_code == 0, result.output
    assert default.exists() and default.stat().st_mode & 0o777 == 0o600
    assert "2027" in result.stdout and "Turku" in result.stdout
    assert "2033 (in 7 years)" in result.stdout
    assert "assumption" in result.stdout  # the basis note says what is computed


def test_next_meeting_json_has_the_documented_keys(run: Run) -> None:
    result = run("next-meeting", "--today", "2026-11-27", "--format", "json")
    assert result.exit_code == 0, result.output
    answer = json.loads(result.stdout)  # exactly one JSON document
    for key in (
        "year",
        "host",
        "status",
        "start_date",
        "end_date",
        "place",
        "organiser",
        "gothenburg_next_year",
        "years_until_gothenburg",
        "basis",
    ):
        assert key in answer
    assert answer["host"] == {"key": "turku", "name": "Turku", "name_sv": "Åbo", "country": "FI"}
    assert answer["status"] == "expected"
    assert answer["gothenburg_next_year"] == 2033
    assert answer["years_until_gothenburg"] == 7
    assert "\x1b[" not in result.stdout


def test_gothenburg_hosting_names_stadsledningskontoret(run: Run) -> None:
    result = run("next-meeting", "--today", "2033-01-10", "--format", "json")
    answer = json.loads(result.stdout)
    assert answer["host"]["key"] == "goteborg"
    assert answer["organiser"] == "Stadsledningskontoret"
    assert answer["years_until_gothenburg"] == 0


def test_recorded_dates_and_place_show_and_the_meeting_counts_until_it_ends(run: Run) -> None:
    run(
        "meeting",
        "record",
        "2027",
        "--host",
        "Turku",
        "--status",
        "planned",
        "--start",
        "2027-09-14",
        "--end",
        "2027-09-15",
        "--place",
        "Åbo slott",
    )
    during = json.loads(run("next-meeting", "--today", "2027-09-15", "-f", "json").stdout)
    assert (during["year"], during["status"], during["place"]) == (2027, "planned", "Åbo slott")
    assert (during["start_date"], during["end_date"]) == ("2027-09-14", "2027-09-15")
    after = json.loads(run("next-meeting", "--today", "2027-09-16", "-f", "json").stdout)
    assert (after["year"], after["host"]["key"], after["status"]) == (2029, "bergen", "expected")


def test_schedule_default_runs_from_the_latest_record_to_a_full_cycle_ahead(run: Run) -> None:
    result = run("schedule", "--today", "2026-11-27", "--format", "json")
    assert result.exit_code == 0, result.output
    rows = json.loads(result.stdout)
    assert [r["year"] for r in rows] == list(range(2017, 2034, 2))
    assert rows[0]["source"] == "recorded" and rows[1]["source"] == "rotation"
    assert {r["host"]["key"] for r in rows[-4:]} == {"goteborg", "turku", "bergen", "aarhus"}
    assert all(set(r) >= {"year", "host", "status", "source"} for r in rows)


def test_schedule_agrees_with_next_meeting(run: Run) -> None:
    rows = json.loads(run("schedule", "--today", "2030-05-01", "-f", "json").stdout)
    nxt = json.loads(run("next-meeting", "--today", "2030-05-01", "-f", "json").stdout)
    first = next(r for r in rows if r["year"] >= 2030)
    assert (first["year"], first["host"]) == (nxt["year"], nxt["host"])
    home = next(r for r in rows if r["year"] >= 2030 and r["host"]["key"] == "goteborg")
    assert home["year"] == nxt["gothenburg_next_year"]


def test_schedule_csv_has_a_header_and_one_row_a_year(run: Run) -> None:
    result = run("schedule", "--from", "2013", "--to", "2021", "--format", "csv")
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert [r["year"] for r in rows] == ["2013", "2015", "2017", "2019", "2021"]
    assert rows[0]["host_key"] == "bergen" and rows[0]["source"] == "recorded"
    assert rows[3]["source"] == "rotation"
    assert "Computed" in result.stderr  # the basis goes to stderr, not into the data


def test_postponed_and_cancelled_rules_through_the_cli(run: Run) -> None:
    run("meeting", "record", "2019", "--host", "abo", "--status", "held")
    run("meeting", "record", "2021", "--host", "bergen", "--status", "postponed")
    run("meeting", "record", "2022", "--host", "bergen", "--status", "held")
    run("meeting", "record", "2026", "--host", "gbg", "--status", "cancelled")
    rows = json.loads(run("schedule", "--from", "2019", "--to", "2030", "-f", "json").stdout)
    got = [(r["year"], r["host"]["key"], r["status"]) for r in rows]
    assert [(y, h) for y, h, _ in got] == [
        (2019, "turku"),
        (2021, "bergen"),
        (2022, "bergen"),
        (2024, "aarhus"),
        (2026, "goteborg"),
        (2028, "turku"),
        (2030, "bergen"),
    ]
    assert [s for _, _, s in got][:3] == ["held", "postponed", "held"]
    assert got[4][2] == "cancelled"
    nxt = json.loads(run("next-meeting", "--today", "2026-03-01", "-f", "json").stdout)
    assert (nxt["year"], nxt["host"]["key"], nxt["gothenburg_next_year"]) == (2028, "turku", 2034)


def test_schedule_refuses_impossible_ranges(run: Run) -> None:
    backwards = run("schedule", "--from", "2030", "--to", "2020")
    assert backwards.exit_code == 1 and "--from 2030 is after --to 2020" in backwards.stderr
    too_early = run("schedule", "--from", "1900")
    assert too_early.exit_code == 2 and "vanort handles: 1946 to" in too_early.stderr
    not_a_year = run("schedule", "--from", "soon")
    assert not_a_year.exit_code == 2


def test_a_malformed_today_is_a_usage_error_naming_the_value(run: Run) -> None:
    result = run("next-meeting", "--today", "2026-02-30")
    assert result.exit_code == 2
    assert "2026-02-30" in result.stderr
    assert "Traceback" not in result.output


def test_a_postponed_meeting_without_a_new_date_stays_the_next_meeting(run: Run) -> None:
    """Issue 8: recording 2027 as postponed no longer makes next-meeting jump ahead."""
    ok = run("meeting", "record", "2027", "--host", "Göteborg", "--status", "postponed")
    assert ok.exit_code == 0, ok.output
    for today in ("2026-11-27", "2028-06-01"):  # upcoming, then overdue
        nxt = json.loads(run("next-meeting", "--today", today, "-f", "json").stdout)
        assert (nxt["year"], nxt["host"]["key"], nxt["status"]) == (2027, "goteborg", "postponed")
        assert nxt["rescheduled_to"] is None and nxt["organiser"] == "Stadsledningskontoret"
        assert nxt["gothenburg_postponed_year"] == 2027
    table = run("next-meeting", "--today", "2026-11-27").stdout
    assert "postponed, new date not set" in table and "Stadsledningskontoret" in table
    assert "The 2027 meeting (Gothenburg) is postponed; its new date is not set." in table
    rows = json.loads(run("schedule", "--today", "2026-11-27", "-f", "json").stdout)
    assert rows[0]["year"] == 2027 and rows[0]["status"] == "postponed"
    assert [r["year"] for r in rows[1:3]] == [2029, 2031]  # the cycle keeps its years


def reschedule(run: Run, *args: str) -> None:
    run("meeting", "record", "2027", "--host", "Göteborg", "--status", "postponed")
    result = run("meeting", "reschedule", "2027", "--to", "2028", *args, "--today", "2026-11-27")
    assert result.exit_code == 0, result.output


def test_rescheduled_keeping_the_cycle_every_other_year_stays(run: Run) -> None:
    reschedule(run)
    rows = json.loads(run("schedule", "--today", "2026-11-27", "-f", "json").stdout)
    got = [(r["year"], r["host"]["key"], r["status"]) for r in rows]
    assert got[:4] == [
        (2027, "goteborg", "postponed"),
        (2028, "goteborg", "planned"),
        (2029, "turku", "expected"),
        (2031, "bergen", "expected"),
    ]
    assert (rows[0]["rescheduled_to"], rows[0]["shift_cycle"]) == (2028, False)
    assert rows[1]["postponed_from"] == 2027
    nxt = json.loads(run("next-meeting", "--today", "2026-11-27", "-f", "json").stdout)
    assert (nxt["year"], nxt["postponed_from"], nxt["gothenburg_next_year"]) == (2028, 2027, 2028)
    assert nxt["gothenburg_postponed_year"] is None
    assert (
        "The 2027 meeting (Gothenburg) was postponed to 2028; the cycle keeps its odd years "
        "(next: 2029)." in nxt["basis"]
    )


def test_rescheduled_shifting_the_cycle_it_continues_from_the_new_year(run: Run) -> None:
    reschedule(run, "--shift-cycle")
    rows = json.loads(run("schedule", "--today", "2026-11-27", "-f", "json").stdout)
    got = [(r["year"], r["host"]["key"]) for r in rows]
    assert got[:4] == [(2027, "goteborg"), (2028, "goteborg"), (2030, "turku"), (2032, "bergen")]
    assert rows[0]["shift_cycle"] is True
    result = run("schedule", "--today", "2026-11-27")
    words = " ".join(result.stdout.split())
    assert (
        "The 2027 meeting (Gothenburg) was postponed to 2028; the cycle continues from 2028 "
        "on, in even years." in words
    )
    csv_rows = list(csv.DictReader(io.StringIO(run("schedule", "-f", "csv").stdout)))
    assert (csv_rows[0]["rescheduled_to"], csv_rows[1]["postponed_from"]) == ("2028", "2027")


def test_a_later_planned_meeting_does_not_hide_a_postponement(run: Run) -> None:
    """The README's example: 2033 is planned, 2029 postponed with no new date."""
    run("meeting", "record", "2033", "--host", "Göteborg", "--status", "planned")
    run("meeting", "record", "2029", "--host", "Bergen", "--status", "postponed")
    nxt = json.loads(run("next-meeting", "--today", "2029-01-15", "-f", "json").stdout)
    assert (nxt["year"], nxt["status"], nxt["rescheduled_to"]) == (2029, "postponed", None)
    assert run("meeting", "reschedule", "2029", "--to", "2030").exit_code == 0
    nxt = json.loads(run("next-meeting", "--today", "2029-01-15", "-f", "json").stdout)
    assert (nxt["year"], nxt["host"]["key"], nxt["postponed_from"]) == (2030, "bergen", 2029)
