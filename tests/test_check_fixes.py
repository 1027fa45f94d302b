"""Every fix a `vanort check` finding names is a command that succeeds (issue 8).

For each code: set the finding up, run the command(s) its message names exactly as
printed (placeholders such as REF or DATE filled in, the first of `a|b|c`), and see
the finding go.
"""

from __future__ import annotations

import json
import re
import shlex
from collections.abc import Callable
from dataclasses import dataclass

import pytest

from conftest import Run

pytestmark = pytest.mark.both_backends

COMMAND = re.compile(r"`([^`]+)`")


def ok(run: Run, *args: str) -> None:
    result = run(*args)
    assert result.exit_code == 0, result.output


def findings(run: Run) -> list[dict]:
    result = run("check", "--format", "json")
    assert "Traceback" not in result.output
    return json.loads(result.stdout)["findings"]


def fill(command: str, values: dict) -> list[str]:
    """The words of a command as printed, with its placeholders filled in."""
    words = shlex.split(command)
    assert words[0] == "vanort", command
    filled = []
    for word in words[1:]:
        if "|" in word and word.replace("|", "").isalpha():
            word = word.split("|")[0]  # one of the choices the message offers
        if re.fullmatch(r"[A-Z]{3,}", word):
            assert word in values, f"no value for the placeholder {word} in {command}"
            value = values[word]
            word = value.pop(0) if isinstance(value, list) else value
        filled.append(word)
    return filled


@dataclass
class Case:
    code: str
    today: str
    setup: Callable[[Run], None] = lambda run: None
    # Placeholder values; a list gives one value per occurrence, in order.
    values: Callable[[dict], dict] = lambda finding: {}
    # Which of the commands a message names to run: all in order, or one alternative.
    choose: int | None = None


def confirm_2017(run: Run) -> None:
    ok(run, "meeting", "confirm", "2017")


def gothenburg_2033(run: Run) -> None:
    ok(run, "meeting", "record", "2033", "--host", "Göteborg", "--start", "2033-09-20")


def planned_2027(run: Run) -> None:
    ok(run, "meeting", "record", "2027", "--host", "Åbo", "--today", "2026-11-27")


def postponed_2027(run: Run) -> None:
    ok(run, "meeting", "record", "2027", "--host", "Göteborg", "--status", "postponed")


def typo_2032(run: Run) -> None:
    ok(run, "meeting", "record", "2032", "--host", "Åbo")  # meant 2031 (off the cycle)


def out_of_turn_2031(run: Run) -> None:
    ok(run, "meeting", "record", "2031", "--host", "Åbo")  # Århus is due


def delegation(run: Run) -> None:
    for name in ("Anna Berg", "Per O'Brien"):
        ok(run, "meeting", "participant", "add", "2017", "--name", name, "--town", "Göteborg")


CASES = [
    Case("evaluation_overdue", "2026-11-27", confirm_2017, lambda f: {"REF": "Dnr 0456/18"}),
    Case("evaluation_overdue_unconfirmed", "2026-11-27"),
    Case(
        "hosting_without_dates",
        "2032-06-01",
        values=lambda f: {"DATE": ["2033-09-20", "2033-09-21"]},
    ),
    Case("preparation_step_late", "2033-01-10", gothenburg_2033),
    Case("meeting_unrecorded", "2026-11-27", values=lambda f: {"TOWN": f["host"]}),
    Case("meeting_not_closed", "2028-03-01", planned_2027),
    Case(
        "meeting_postponed_unscheduled", "2026-11-27", postponed_2027, lambda f: {"YEAR": "2028"}, 0
    ),
    Case("meeting_postponed_unscheduled", "2026-11-27", postponed_2027, choose=1),
    Case("meeting_out_of_turn", "2026-11-27", typo_2032, choose=0),
    Case("meeting_out_of_turn", "2026-11-27", typo_2032, choose=1),
    Case("meeting_out_of_turn", "2026-11-27", out_of_turn_2031, choose=0),
    Case("meeting_out_of_turn", "2026-11-27", out_of_turn_2031, choose=1),
    Case("delegation_without_decision", "2026-11-27", delegation, lambda f: {"REF": "Dnr 12/17"}),
    Case(
        "twin_without_decision",
        "2026-11-27",
        values=lambda f: {"REF": "KF 1946-05-09 §4", "DATE": "1946-05-09"},
    ),
]


@pytest.mark.parametrize("case", CASES, ids=lambda c: f"{c.code}-{c.choose}")
def test_the_command_a_finding_names_succeeds_and_the_finding_goes(
    run: Run, monkeypatch: pytest.MonkeyPatch, case: Case
) -> None:
    monkeypatch.setenv("VANORT_TODAY", case.today)
    case.setup(run)
    found = [f for f in findings(run) if f["code"] == case.code]
    assert found, f"the setup did not produce {case.code}"
    for item in found:
        commands = COMMAND.findall(item["message"])
        assert commands, item["message"]
        if case.choose is not None:
            commands = [commands[case.choose]]
        values = case.values(item)
        for command in commands:
            result = run(*fill(command, values))
            assert result.exit_code == 0, (command, result.output)
    assert not [f for f in findings(run) if f["code"] == case.code]


def test_every_code_is_in_the_help_and_every_fix_is_tried(run: Run) -> None:
    shown = " ".join(run("check", "--help").stdout.split())
    codes = {c.code for c in CASES} | {"cycle_not_eight_years"}
    for code in codes:
        assert code in shown.replace("_ ", "_"), code


def test_a_fresh_registry_has_no_errors_only_its_assumption_named(run: Run) -> None:
    """The shipped 2017 Göteborg meeting is unconfirmed: its evaluation is a warning."""
    result = run("check", "--today", "2026-11-27")
    assert result.exit_code == 0, result.output
    line = next(x for x in result.stdout.splitlines() if "2017" in x)
    assert line.startswith("warning evaluation_overdue_unconfirmed: ")
    assert (
        "the year of this meeting is not confirmed: confirm it with "
        "`vanort meeting confirm 2017` or record the real year" in line
    )
    ok(run, "meeting", "record", "2017", "--start", "2017-11-14", "--end", "2017-11-15")
    assert run("check", "--today", "2026-11-27").exit_code == 0  # dates do not confirm it
    ok(run, "meeting", "record", "2017", "--confirmed")
    confirmed = run("check", "--today", "2026-11-27")
    assert confirmed.exit_code == 1
    assert "error evaluation_overdue: " in confirmed.stdout
