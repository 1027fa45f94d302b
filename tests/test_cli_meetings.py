"""`vanort meeting ...` and `vanort towns ...`: recording, showing, refusing bad input."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import Run, checkpoint, file_digest

pytestmark = pytest.mark.both_backends


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
    assert "Recorded the 2019 meeting in Turku (held)" in created.stderr
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


@pytest.mark.sqlite_only
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
    assert done.exit_code == 0 and "Confirmed the 2017 meeting in Gothenburg" in done.stderr
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
    assert run("meeting", "confirm", "2104").exit_code == 1


@pytest.mark.sqlite_only
@pytest.mark.parametrize(
    ("args", "code", "says"),
    [
        (["meeting", "record", "2027", "--host", "Stockholm"], 1, "Unknown town 'Stockholm'"),
        (["meeting", "record", "2027", "--host", "Gotenburg"], 1, "Did you mean: Gothenburg"),
        (["meeting", "record", "1945", "--host", "Bergen"], 2, "outside the years vanort handles"),
        (["meeting", "record", "9999", "--host", "Bergen"], 2, "outside the years vanort handles"),
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
    assert "Turku" in table.stdout and "Aarhus" in table.stdout


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (["meeting", "record", "2027", "--host", "Bergen", "--end", "2019-01-01"], "not in 2027"),
        (["meeting", "record", "2031", "--host", "Bergen", "--status", "held"], "held yet"),
        (
            ["towns", "show", "Oslo"],
            "Known towns include: Aarhus, Bergen, Chicago, Gothenburg, Kiel",
        ),
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


def postpone_2027(run: Run) -> None:
    result = run("meeting", "record", "2027", "--host", "Göteborg", "--status", "postponed")
    assert result.exit_code == 0, result.output


@pytest.mark.sqlite_only
@pytest.mark.parametrize(
    ("args", "code", "says"),
    [
        (["2025", "--to", "2026"], 1, "Record it as postponed first"),
        (["2017", "--to", "2018"], 1, "`vanort meeting record 2017 --status postponed`"),
        (["2027", "--to", "2027"], 1, "The meeting stays in 2027"),
        (["2027", "--to", "2026"], 1, "not later than 2027"),
        (["2027", "--to", "2029"], 1, "Add --shift-cycle"),
        (["2027", "--to", "9999"], 2, "outside the years vanort handles"),
        (["2027", "--to", "soon"], 2, "--to"),
        (["2027", "--to", "2028", "--start", "2027-10-01"], 1, "not in 2028"),
        (["2027", "--to", "2028", "--start", "2028-10-02", "--end", "2028-10-01"], 1, "after"),
        (["2027", "--to", "2031", "--shift-cycle"], 1, "2031 already has a meeting record"),
        (["2027"], 2, "--to"),
    ],
)
def test_reschedule_refuses_plainly_and_changes_nothing(
    run: Run, db_path: Path, args: list[str], code: int, says: str
) -> None:
    postpone_2027(run)
    assert run("meeting", "record", "2031", "--host", "Bergen").exit_code == 0
    checkpoint(db_path)
    before = file_digest(db_path)
    result = run("meeting", "reschedule", *args, "--today", "2026-11-27")
    assert result.exit_code == code, result.output
    assert says in " ".join(result.stderr.split())
    assert "Traceback" not in result.output and len(result.stderr.strip().splitlines()) <= 3
    checkpoint(db_path)
    assert file_digest(db_path) == before


def test_reschedule_creates_moves_and_is_undone_by_deleting_the_new_year(run: Run) -> None:
    postpone_2027(run)
    done = run(
        "meeting", "reschedule", "2027", "--to", "2028", "--start", "2028-03-10", "-f", "json"
    )
    assert done.exit_code == 0, done.output
    assert "Rescheduled the 2027 meeting (Gothenburg) to 2028." in done.stderr
    assert "the cycle keeps its odd years (next: 2029)" in done.stderr
    created = json.loads(done.stdout)
    assert (created["year"], created["status"], created["host"]["key"]) == (
        2028,
        "planned",
        "goteborg",
    )
    assert (created["start_date"], created["postponed_from"]) == ("2028-03-10", 2027)
    postponed = json.loads(run("meeting", "show", "2027", "-f", "json").stdout)
    assert (postponed["rescheduled_to"], postponed["shift_cycle"]) == (2028, False)
    # The new year's dates belong to it: moving it again needs new ones.
    moved = run("meeting", "reschedule", "2027", "--to", "2030", "--shift-cycle")
    assert moved.exit_code == 1 and "Give its dates in 2030" in moved.stderr
    moved = run(
        "meeting", "reschedule", "2027", "--to", "2030", "--shift-cycle", "--start", "2030-04-01"
    )
    assert moved.exit_code == 0, moved.output
    years = [x["year"] for x in json.loads(run("meeting", "list", "-f", "json").stdout)]
    assert years == [2013, 2015, 2017, 2027, 2030]
    # Again without --shift-cycle/--keep-cycle: the earlier choice stays.
    assert run("meeting", "reschedule", "2027", "--to", "2030").exit_code == 0
    assert json.loads(run("meeting", "show", "2027", "-f", "json").stdout)["shift_cycle"] is True
    # Half-way changes are refused, with the way to do them.
    cancel = run("meeting", "record", "2027", "--status", "cancelled")
    assert cancel.exit_code == 1 and "was postponed to 2030" in cancel.stderr
    again = run("meeting", "record", "2030", "--status", "postponed")
    assert again.exit_code == 1 and "vanort meeting reschedule 2027 --to YEAR" in again.stderr
    deleted = run("meeting", "delete", "2030", "--yes")
    assert deleted.exit_code == 0 and "postponed again, with no new date set" in deleted.stderr
    postponed = json.loads(run("meeting", "show", "2027", "-f", "json").stdout)
    assert (postponed["rescheduled_to"], postponed["shift_cycle"]) == (None, None)
    # Cancelling a postponement whose new date is not set passes the turn.
    assert run("meeting", "record", "2027", "--status", "cancelled").exit_code == 0


def test_reschedule_takes_over_the_record_of_a_postponement_recorded_the_old_way(run: Run) -> None:
    run("meeting", "record", "2021", "--host", "Bergen", "--status", "postponed")
    run("meeting", "record", "2022", "--host", "Bergen", "--status", "held")
    result = run("meeting", "reschedule", "2021", "--to", "2022", "--shift-cycle")
    assert result.exit_code == 0, result.output
    shown = json.loads(run("meeting", "show", "2022", "-f", "json").stdout)
    assert (shown["status"], shown["postponed_from"]) == ("held", 2021)
    check = json.loads(run("check", "-f", "json", "--today", "2026-11-27").stdout)
    assert not [f for f in check["findings"] if f["code"] == "meeting_postponed_unscheduled"]


@pytest.mark.sqlite_only
def test_participants_and_seminars_are_listed_and_edited(run: Run, db_path: Path) -> None:
    run("meeting", "participant", "add", "2017", "--name", "Anna Berg", "--town", "Göteborg")
    run("meeting", "participant", "add", "2017", "--name", "Anna Berg", "--town", "Bergen")
    run("meeting", "seminar", "add", "2017", "--title", "Hamnar")
    ambiguous = run("meeting", "participant", "edit", "2017", "--name", "anna berg", "--role", "X")
    assert ambiguous.exit_code == 1 and "add --town" in ambiguous.stderr
    edited = run(
        "meeting", "participant", "edit", "2017", "--name", "anna berg", "--town", "gbg",
        "--decision", "Dnr 12/17", "--new-name", "Anna Bergström", "--role", "KF ordförande",
    )  # fmt: skip
    assert edited.exit_code == 0, edited.output
    assert "Updated Anna Bergström (Gothenburg) in the 2017 meeting." in edited.stderr
    listed = json.loads(run("meeting", "participant", "list", "2017", "-f", "json").stdout)
    assert [(p["name"], p["town"]["key"], p["role"], p["decision"]) for p in listed] == [
        ("Anna Bergström", "goteborg", "KF ordförande", "Dnr 12/17"),
        ("Anna Berg", "bergen", None, None),
    ]
    seminar = run(
        "meeting", "seminar", "edit", "2017", "--title", "hamnar", "--new-title",
        "Klimatanpassade hamnar", "--speaker", "Eva Lind", "--org", "Kretslopp och vatten",
    )  # fmt: skip
    assert seminar.exit_code == 0, seminar.output
    rows = json.loads(run("meeting", "seminar", "list", "2017", "-f", "json").stdout)
    assert rows == [
        {
            "title": "Klimatanpassade hamnar",
            "speaker": "Eva Lind",
            "organisation": rows[0]["organisation"],
        }
    ]
    assert rows[0]["organisation"]
    assert "Klimatanpassade hamnar" in run("meeting", "seminar", "list", "2017").stdout
    checkpoint(db_path)
    before = file_digest(db_path)
    for args in (
        ["participant", "edit", "2017", "--name", "Anna Bergström"],
        ["participant", "edit", "2017", "--name", "Nobody", "--role", "X"],
        ["participant", "edit", "2017", "--name", "Anna Bergström", "--new-name", " "],
        ["participant", "edit", "2099", "--name", "Anna Bergström", "--role", "X"],
        ["seminar", "edit", "2017", "--title", "Hamnar"],
        ["seminar", "edit", "2017", "--title", "Nothing", "--speaker", "X"],
        ["seminar", "edit", "2017", "--title", "Klimatanpassade hamnar", "--org", "Nowhere"],
        ["participant", "list", "2019"],
    ):
        result = run("meeting", *args)
        assert result.exit_code == 1, (args, result.output)
        assert result.stderr.startswith("Error: ") and "Traceback" not in result.output
    checkpoint(db_path)
    assert file_digest(db_path) == before


def test_a_participant_added_or_edited_is_said_with_the_town_in_the_readers_language(
    run: Run,
) -> None:
    added = run("meeting", "participant", "add", "2017", "--name", "Ann Ek", "--town", "Åbo")
    assert "Added Ann Ek (Turku) to the 2017 meeting." in added.stderr, added.output
    edited = run(
        "--lang", "sv", "meeting", "participant", "edit", "2017", "--name", "Ann Ek",
        "--role", "Ordförande",
    )  # fmt: skip
    assert edited.exit_code == 0, edited.output
    assert "Ann Ek (Åbo)" in edited.stderr and "Turku" not in edited.stderr
