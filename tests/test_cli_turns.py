"""A record the rotation did not expect moves every later turn: `meeting record`
says so (and still records it), `vanort check` names it until it is confirmed."""

from __future__ import annotations

import json

import pytest

from conftest import Run

pytestmark = pytest.mark.both_backends


@pytest.fixture(autouse=True)
def _today(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("VANORT_TODAY", "2026-11-27")


def ok(run: Run, *args: str) -> str:
    result = run(*args)
    assert result.exit_code == 0, result.output
    return " ".join(result.stderr.split())


def out_of_turn(run: Run) -> list[dict]:
    result = run("check", "--format", "json")
    return [f for f in json.loads(result.stdout)["findings"] if f["code"] == "meeting_out_of_turn"]


def test_a_typo_year_is_recorded_with_a_warning_and_named_by_check(run: Run) -> None:
    said = ok(run, "meeting", "record", "2032", "--host", "Åbo")
    assert "Recorded the 2032 meeting in Turku (planned)." in said
    assert "The rotation has no meeting in 2032: the cycle has odd years." in said
    assert "Gothenburg's next turn moves from 2033 to 2038." in said
    assert "`vanort meeting delete 2032 --yes`" in said
    (found,) = out_of_turn(run)
    assert (found["year"], found["host"], found["expected_host"]) == (2032, "turku", None)
    assert found["severity"] == "warning"
    assert run("check").exit_code == 0


def test_another_host_than_the_rotations_is_recorded_with_a_warning(run: Run) -> None:
    said = ok(run, "meeting", "record", "2031", "--host", "Åbo")
    assert "The rotation has Aarhus host the 2031 meeting, not Turku." in said
    assert "Gothenburg's next turn moves from 2033 to 2037." in said
    (found,) = out_of_turn(run)
    assert found["expected_host"] == "aarhus"
    assert "after 2017 (Gothenburg) the rotation has Aarhus host 2031" in found["message"]
    # Staff confirm it really was so: check is content, and the turns follow it.
    ok(run, "meeting", "confirm", "2031")
    assert out_of_turn(run) == []


def test_confirmed_in_the_same_command_it_is_still_said_but_not_named_by_check(
    run: Run,
) -> None:
    said = ok(run, "meeting", "record", "2031", "--host", "Åbo", "--confirmed")
    assert "The rotation has Aarhus host the 2031 meeting" in said
    assert out_of_turn(run) == []


def test_records_in_turn_say_nothing_more(run: Run) -> None:
    assert out_of_turn(run) == []  # the shipped 2013, 2015, 2017
    for args in (
        ("2019", "--host", "Åbo", "--status", "held"),
        ("2021", "--host", "Bergen", "--status", "cancelled"),
        ("2023", "--host", "Århus", "--status", "postponed"),
        ("2025", "--host", "Göteborg", "--status", "held", "--confirmed"),
        ("2027", "--host", "Åbo"),
    ):
        said = ok(run, "meeting", "record", *args)
        assert "rotation" not in said and "turn" not in said, said
    assert out_of_turn(run) == []


def test_a_town_joining_by_decision_is_in_turn_from_its_first_year(run: Run) -> None:
    ok(
        run,
        *("towns", "add", "Tromsø", "--kind", "twin", "--country", "NO", "--after", "Bergen"),
        *("--decision", "KF 2026-03-12 §12", "--decided-on", "2026-03-12"),
    )
    said = ok(run, "meeting", "record", "2031", "--host", "Tromsø")
    assert "rotation" not in said
    said = ok(run, "meeting", "record", "2033", "--host", "Göteborg")
    assert "The rotation has Aarhus host the 2033 meeting, not Gothenburg." in said
    assert [f["year"] for f in out_of_turn(run)] == [2033]


def test_a_rescheduling_that_shifts_the_cycle_is_in_turn(run: Run) -> None:
    ok(run, "meeting", "record", "2027", "--host", "Åbo", "--status", "postponed")
    said = ok(run, "meeting", "reschedule", "2027", "--to", "2028", "--shift-cycle")
    assert "rotation has" not in said
    said = ok(run, "meeting", "record", "2030", "--host", "Bergen")
    assert "rotation" not in said
    assert out_of_turn(run) == []


def test_a_postponement_recorded_the_old_way_is_offered_its_rescheduling(run: Run) -> None:
    ok(run, "meeting", "record", "2021", "--host", "Bergen", "--status", "postponed")
    said = ok(run, "meeting", "record", "2022", "--host", "Bergen", "--status", "held")
    command = "`vanort meeting reschedule 2021 --to 2022 --shift-cycle`"
    assert command in said
    (found,) = out_of_turn(run)
    assert command in found["message"]
    ok(run, "meeting", "reschedule", "2021", "--to", "2022", "--shift-cycle")
    assert out_of_turn(run) == []


def basis(run: Run) -> str:
    return json.loads(ok_out(run, "next-meeting", "--format", "json"))["basis"]


def ok_out(run: Run, *args: str) -> str:
    result = run(*args)
    assert result.exit_code == 0, result.output
    return result.stdout


def test_the_basis_says_which_part_of_the_order_is_assumed_and_which_decided(
    run: Run,
) -> None:
    said = basis(run)
    assert "That order is an assumption: no source settles it (`vanort towns list`" in said
    assert "data/" not in said and ".toml" not in said
    ok(
        run,
        *("towns", "add", "Tromsø", "--kind", "twin", "--country", "NO", "--after", "Bergen"),
        *("--decision", "KF 2026-03-12 §12", "--decided-on", "2026-03-12"),
    )
    said = basis(run)
    assert "Gothenburg → Turku → Bergen → Tromsø → Aarhus after 2017 Gothenburg." in said
    assert "The order of Gothenburg, Turku, Bergen and Aarhus is an assumption" in said
    assert "Tromsø's place, from 2027, was decided by KF 2026-03-12 §12." in said


def test_help_points_to_commands_not_to_files_a_pip_user_lacks(run: Run) -> None:
    shown = " ".join(ok_out(run, "meeting", "step-done", "--help").split())
    assert "data/" not in shown
    assert "`vanort meeting show YEAR`" in shown
