"""`vanort meeting ...` and `vanort towns ...`: recording, showing, refusing bad input."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import Run, checkpoint, file_digest


def test_record_show_list_delete(run: Run) -> None:
    created = run(
        "meeting",
        "record",
        "2019",
        "--host",
        "Åbo",
        "--theme",
        "Klimat",
        "--start",
        "2019-11-14",
        "--end",
        "14 Nov 2019",
        "-f",
        "json",
    )
    assert created.exit_code == 0, created.output
    assert "Recorded the 2019 meeting in Åbo (held)" in created.stderr
    record = json.loads(created.stdout)
    assert record["status"] == "held"  # a past year defaults to held
    assert record["end_date"] == "2019-11-14"
    updated = run("meeting", "record", "2019", "--place", "Turku")
    assert updated.exit_code == 0 and "Updated" in updated.stderr
    shown = json.loads(run("meeting", "show", "2019", "-f", "json").stdout)
    assert (shown["place"], shown["theme"], shown["host"]["key"]) == ("Turku", "Klimat", "turku")
    listed = json.loads(run("meeting", "list", "-f", "json").stdout)
    assert [m["year"] for m in listed] == [2013, 2015, 2017, 2019]
    deleted = run("meeting", "delete", "2019", "--yes")
    assert deleted.exit_code == 0
    assert run("meeting", "show", "2019").exit_code == 1


def test_a_future_record_defaults_to_planned(run: Run) -> None:
    result = run(
        "meeting", "record", "2031", "--host", "aarhus", "--today", "2026-11-27", "-f", "json"
    )
    assert json.loads(result.stdout)["status"] == "planned"


def test_delete_asks_and_keeps_the_record_when_told_no(run: Run) -> None:
    result = run("meeting", "delete", "2015", input="n\n")
    assert result.exit_code == 1
    assert run("meeting", "show", "2015").exit_code == 0


def confirmed(run: Run, year: str) -> bool:
    return json.loads(run("meeting", "show", year, "-f", "json").stdout)["confirmed"]


def test_only_staff_saying_so_confirms_the_unconfirmed_seed(run: Run, db_path: Path) -> None:
    assert confirmed(run, "2017") is False
    dated = run(
        "meeting",
        "record",
        "2017",
        "--host",
        "Göteborg",
        "--status",
        "held",
        "--start",
        "2017-11-14",
    )
    assert dated.exit_code == 0, dated.output
    assert "still not confirmed" in dated.stderr and "vanort meeting confirm 2017" in dated.stderr
    assert confirmed(run, "2017") is False  # recording dates alone does not confirm it
    done = run("meeting", "confirm", "2017")
    assert done.exit_code == 0 and "Confirmed the 2017 meeting in Göteborg" in done.stderr
    assert confirmed(run, "2017") is True
    checkpoint(db_path)
    before = file_digest(db_path)
    again = run("meeting", "confirm", "2017")
    assert (
        again.exit_code == 1
        and again.stderr.strip() == "Error: The 2017 meeting is already confirmed."
    )
    checkpoint(db_path)
    assert file_digest(db_path) == before
    history = json.loads(run("history", "--table", "meeting", "-f", "json").stdout)
    assert any(entry["new"] == {"confirmed": True} for entry in history)


def test_record_confirmed_confirms(run: Run) -> None:
    result = run("meeting", "record", "2017", "--confirmed")
    assert result.exit_code == 0, result.output
    assert confirmed(run, "2017") is True
    assert run("meeting", "confirm", "2404").exit_code == 1


@pytest.mark.parametrize(
    ("args", "code", "says"),
    [
        (["meeting", "record", "2027", "--host", "Stockholm"], 1, "Unknown town 'Stockholm'"),
        (["meeting", "record", "2027", "--host", "Gotenburg"], 1, "Did you mean: Göteborg"),
        (["meeting", "record", "1945", "--host", "Bergen"], 1, "not a possible meeting year"),
        (["meeting", "record", "9999", "--host", "Bergen"], 1, "not a possible meeting year"),
        (
            [
                "meeting",
                "record",
                "2027",
                "--host",
                "Bergen",
                "--start",
                "2027-09-15",
                "--end",
                "2027-09-14",
            ],
            1,
            "is after the end date",
        ),
        (
            ["meeting", "record", "2027", "--host", "Bergen", "--start", "2028-01-01"],
            1,
            "not in 2027",
        ),
        (
            ["meeting", "record", "2027", "--host", "Bergen", "--start", "2027-02-30"],
            2,
            "2027-02-30",
        ),
        (["meeting", "record", "2027", "--host", "Bergen", "--status", "maybe"], 2, "maybe"),
        (["meeting", "record", "2027"], 1, "needs --host"),
        (["meeting", "record", "-1", "--host", "Bergen"], 2, ""),
        (["meeting", "show", "2001"], 1, "No meeting is recorded for 2001"),
        (["meeting", "delete", "2001", "--yes"], 1, "No meeting is recorded for 2001"),
        (["towns", "show", "Atlantis"], 1, "Unknown town 'Atlantis'"),
    ],
)
def test_bad_input_is_one_clear_line_and_changes_nothing(
    run: Run, db_path, args: list[str], code: int, says: str
) -> None:
    run("db", "init")
    checkpoint(db_path)
    before = file_digest(db_path)
    result = run(*args)
    assert result.exit_code == code, result.output
    assert says in result.stderr
    assert "Traceback" not in result.output
    assert result.stdout == ""
    checkpoint(db_path)
    assert file_digest(db_path) == before


@pytest.mark.parametrize(
    ("spelling", "key"),
    [
        ("Göteborg", "goteborg"),
        ("goteborg", "goteborg"),
        ("Gothenburg", "goteborg"),
        ("GBG", "goteborg"),
        ("Århus", "aarhus"),
        ("arhus", "aarhus"),
        ("Aarhus", "aarhus"),
        ("Åbo", "turku"),
        ("abo", "turku"),
        ("Turku", "turku"),
        ("Bergen", "bergen"),
    ],
)
def test_towns_show_accepts_every_spelling(run: Run, spelling: str, key: str) -> None:
    result = run("towns", "show", spelling, "--format", "json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["key"] == key


def test_towns_list_has_the_four_with_their_facts(run: Run) -> None:
    towns = json.loads(run("towns", "list", "--format", "json").stdout)
    twins = [t for t in towns if t["kind"] == "twin"]
    assert [t["key"] for t in twins] == ["goteborg", "turku", "bergen", "aarhus"]
    by_key = {t["key"]: t for t in twins}
    assert by_key["goteborg"]["municipality_code"] == "1480"
    assert by_key["aarhus"]["official_name"] == "Aarhus Kommune"
    assert all(t["twinned_since"] == 1946 and t["status"] == "active" for t in twins)
    assert all(t["source"] for t in twins)
    table = run("towns", "list")
    assert "Åbo" in table.stdout and "Århus" in table.stdout


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (["meeting", "record", "2027", "--host", "Bergen", "--end", "2019-01-01"], "not in 2027"),
        (["meeting", "record", "2031", "--host", "Bergen", "--status", "held"], "held yet"),
        (["meeting", "show", "99999999999999999999"], "No meeting"),
        (["collaborations", "show", "99999999999999999999"], "not a possible id"),
        (["towns", "show", "Oslo"], "Known towns include: Århus, Bergen, Göteborg, Åbo"),
    ],
)
def test_more_bad_input_is_refused_clearly(run: Run, args: list[str], says: str) -> None:
    result = (
        run(*args, "--today", "2026-11-27")
        if args[0] == "meeting" and args[1] == "record"
        else run(*args)
    )
    assert result.exit_code == 1, result.output
    assert says in result.stderr


def test_a_bad_vanort_today_names_the_variable(run: Run, monkeypatch) -> None:
    monkeypatch.setenv("VANORT_TODAY", "garbage")
    result = run("next-meeting")
    assert result.exit_code == 2 and "VANORT_TODAY" in result.stderr
