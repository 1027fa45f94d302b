"""An organisation's start (`orgs add/edit --since`): as precisely as known,
unknown when not, never contradicting its collaborations or its last day (issue 24)."""

from __future__ import annotations

import json
from typing import Any

import pytest

from conftest import Run

pytestmark = pytest.mark.both_backends


@pytest.fixture(autouse=True)
def _today(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("VANORT_TODAY", "2026-11-27")


def ok(run: Run, *args: str) -> str:
    result = run(*args)
    assert result.exit_code == 0, (args, result.output)
    return result.stdout


def since(run: Run, org: str) -> Any:
    return json.loads(ok(run, "orgs", "show", org, "--format", "json"))["since"]


def by_key(run: Run) -> dict[str, Any]:
    return {o["key"]: o for o in json.loads(ok(run, "orgs", "list", "--format", "json"))}


def test_the_shipped_starts_are_listed_and_the_rest_unknown(run: Run) -> None:
    orgs = by_key(run)
    assert orgs["stadsmiljoforvaltningen"]["since"] == "2023"
    assert orgs["forvaltningen-for-demokrati-och-medborgarservice"]["since"] == "2021-10"
    assert orgs["kulturforvaltningen"]["since"] is None
    assert sum(o["since"] is not None for o in orgs.values()) == 11
    table = ok(run, "orgs", "list")
    assert "Since" in table and "2021-10" in table and "unknown" in table
    swedish = ok(run, "--lang", "sv", "orgs", "list")
    assert "Sedan" in swedish and "okänd" in swedish
    assert ok(run, "orgs", "list", "--format", "csv").splitlines()[0] == (
        "key,name,kind,status,retired_on,since,aliases"
    )


@pytest.mark.parametrize(("typed", "stored"), [("2027", "2027"), ("2027-01", "2027-01"),
                                               (" 2027-01-15 ", "2027-01-15")])  # fmt: skip
def test_a_new_organisation_takes_its_start_at_the_precision_known(
    run: Run, typed: str, stored: str
) -> None:
    ok(run, "orgs", "add", "Klimatförvaltningen", "--kind", "forvaltning", "--since", typed)
    assert since(run, "Klimatförvaltningen") == stored
    shown = ok(run, "orgs", "show", "Klimatförvaltningen")
    assert stored in shown


def test_a_start_is_changed_and_forgotten(run: Run) -> None:
    result = run("orgs", "edit", "Higab", "--since", "1995")
    assert result.exit_code == 0, result.output
    assert "Higab came into being in 1995 (before: unknown)." in result.stderr
    assert since(run, "Higab") == "1995"
    ok(run, "orgs", "edit", "Higab", "--since", "unknown")
    assert since(run, "Higab") is None
    ok(run, "orgs", "edit", "Higab", "--since", "1995-03")
    result = run("--lang", "sv", "orgs", "edit", "Higab", "--since", "okänt")
    assert result.exit_code == 0, result.output
    assert since(run, "Higab") is None
    assert "okänd" in ok(run, "--lang", "sv", "orgs", "show", "Higab")
    changes = [
        (e["old"], e["new"])
        for e in json.loads(ok(run, "history", "--format", "json"))
        if e["table"] == "organisation" and e["action"] == "update"
    ]
    assert changes == [
        ({"since": None}, {"since": "1995"}),
        ({"since": "1995"}, {"since": None}),
        ({"since": None}, {"since": "1995-03"}),
        ({"since": "1995-03"}, {"since": None}),
    ]


@pytest.mark.parametrize(
    ("args", "code", "says"),
    [
        (["edit", "Higab", "--since", "2021-13"], 2, "'2021-13' is not a start"),
        (["edit", "Higab", "--since", "2021-02-30"], 2, "'2021-02-30' is not a start"),
        (["edit", "Higab", "--since", "21"], 2, "'21' is not a start"),
        (["edit", "Higab", "--since", "2021-1"], 2, "'2021-1' is not a start"),
        (["edit", "Higab"], 2, "Nothing to change: give --since DATE"),
        (["add", "Ny", "--kind", "bolag", "--since", "förra året"], 2, "is not a start"),
        # A collaboration began before it: the start contradicts it.
        (["edit", "Kulturförvaltningen", "--since", "2026-04"], 1,
         "has collaboration 1, starting 1 March 2026, before 2026-04"),
        # After its last day.
        (["edit", "Park", "--since", "2026"], 1,
         "Park's last day was 31 December 2025, before 2026"),
        (["retire", "Higab", "--on", "2020-12-31"], 1,
         "Higab came into being in 2021-06, after 31 December 2020"),
    ],
)  # fmt: skip
def test_a_start_that_contradicts_the_registry_is_refused(
    run: Run, args: list[str], code: int, says: str
) -> None:
    ok(run, "log-collaboration", "-t", "Bergen", "-o", "Kulturförvaltningen", "-a", "culture",
       "--title", "Litteraturdagar", "--start", "2026-03-01")  # fmt: skip
    ok(run, "orgs", "add", "Park", "--kind", "forvaltning", "--since", "2020")
    ok(run, "orgs", "retire", "Park", "--on", "2025-12-31")
    ok(run, "orgs", "edit", "Higab", "--since", "2021-06")
    before = by_key(run)
    result = run("orgs", *args)
    assert result.exit_code == code, result.output
    assert says in " ".join(result.stderr.split())
    assert len(result.stderr.strip().splitlines()) == 1
    assert "Traceback" not in result.output
    assert by_key(run) == before


def test_a_start_in_the_same_month_as_a_collaboration_stands(run: Run) -> None:
    """Known to the month, a start does not contradict work begun that month."""
    ok(run, "log-collaboration", "-t", "Bergen", "-o", "Kulturförvaltningen", "-a", "culture",
       "--title", "Litteraturdagar", "--start", "2026-03-01")  # fmt: skip
    ok(run, "orgs", "edit", "Kulturförvaltningen", "--since", "2026-03")
    ok(run, "orgs", "edit", "Kulturförvaltningen", "--since", "2026")
    assert since(run, "Kulturförvaltningen") == "2026"
