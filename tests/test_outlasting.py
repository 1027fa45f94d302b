"""A town that retires, a partnership that ends and an organisation that retires
say which collaborations already logged go on after that day, and `check` flags
each until it is ended or corrected (issue 23). The rule itself:
tests/unit/test_collaboration_rules.py."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import Run

pytestmark = pytest.mark.both_backends


def ok(run: Run, *args: str) -> tuple[str, str]:
    result = run(*args)
    assert result.exit_code == 0, result.output
    return result.stdout, result.stderr


def past_departure(run: Run) -> list[dict]:
    result = run("check", "--format", "json")
    findings = json.loads(result.stdout)["findings"]
    return [f for f in findings if f["code"] == "collaboration_past_departure"]


def log(run: Run, *args: str) -> int:
    out, _ = ok(run, "log-collaboration", "--area", "culture", *args)
    return int(out)


@pytest.fixture(autouse=True)
def _today(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("VANORT_TODAY", "2026-06-01")


def test_retiring_a_twin_town_names_what_goes_on_after_and_check_flags_it(run: Run) -> None:
    ongoing = log(run, "-t", "Bergen", "-o", "SLK", "--title", "Hamnar", "--start", "2025-01-01")
    later = log(run, "-t", "Bergen", "-t", "Åbo", "-o", "SLK", "--title", "Bibliotek",
                "--start", "2025-03-01", "--end", "2026-12-31")  # fmt: skip
    log(run, "-t", "Bergen", "-o", "SLK", "--title", "Avslutat",
        "--start", "2024-03-01", "--end", "2025-12-31")  # fmt: skip
    log(run, "-t", "Åbo", "-o", "SLK", "--title", "Åbo only", "--start", "2025-01-01")
    assert past_departure(run) == []
    _, said = ok(run, "towns", "retire", "Bergen", "--decision", "KF 2026-02-12 §9",
                 "--decided-on", "2026-02-12")  # fmt: skip
    note = said.splitlines()[-1]
    assert note == (
        "Note: 2 collaborations already logged with Bergen go on after 12 February 2026: "
        f"{ongoing} ('Hamnar'), {later} ('Bibliotek'). End or correct them "
        "(`vanort collaborations edit ID --end DATE`); `vanort check` flags them until then."
    )
    flagged = past_departure(run)
    assert [(f["collaboration"], f["town"], f["left_on"], f["end_date"]) for f in flagged] == [
        (ongoing, "bergen", "2026-02-12", None),
        (later, "bergen", "2026-02-12", "2026-12-31"),
    ]
    assert all(f["severity"] == "warning" for f in flagged)
    # Ended on the day the town left, or the town corrected: no longer flagged.
    ok(run, "collaborations", "edit", str(ongoing), "--end", "2026-02-12")
    ok(run, "collaborations", "edit", str(later), "--town", "Åbo")
    assert past_departure(run) == []


def test_ending_a_partnership_says_so_in_swedish_too(run: Run) -> None:
    kept = log(run, "-t", "Rostock", "-o", "SLK", "--title", "Ostsee", "--start", "2024-03-01")
    _, said = ok(run, "--lang", "sv", "towns", "set-status", "Rostock", "ended",
                 "--decision", "KS 2026-05-15 §3", "--decided-on", "2026-05-15")  # fmt: skip
    assert f"1 registrerat samarbete med Rostock pågår efter 15 maj 2026: {kept} ('Ostsee')" in said
    (flagged,) = past_departure(run)
    assert (flagged["collaboration"], flagged["town"]) == (kept, "rostock")
    # Making a partnership dormant says nothing: the town has not left.
    log(run, "-t", "Nelson Mandela Bay", "-o", "SLK", "--title", "Hamn", "--start", "2024-03-01")
    _, said = ok(run, "towns", "set-status", "Nelson Mandela Bay", "dormant",
                 "--decision", "KS 2026-05-16 §1", "--decided-on", "2026-05-16")  # fmt: skip
    assert "already logged" not in said and len(past_departure(run)) == 1


def test_retiring_an_organisation_names_what_goes_on_after(run: Run) -> None:
    names = [
        log(
            run,
            "-t",
            "Åbo",
            "-o",
            "Kulturförvaltningen",
            "--title",
            f"Utbyte {n}",
            "--start",
            f"2025-0{n}-01",
        )
        for n in range(1, 6)
    ]
    log(run, "-t", "Åbo", "-o", "Kulturförvaltningen", "--title", "Klart",
        "--start", "2025-01-01", "--end", "2025-06-30")  # fmt: skip
    _, said = ok(run, "orgs", "retire", "Kulturförvaltningen", "--on", "2025-12-31")
    note = said.splitlines()[-1]
    # Five: the first three by id and title, the rest counted.
    assert note.startswith(
        "Note: 5 collaborations already logged under Kulturförvaltningen go on after "
        f"31 December 2025: {names[0]} ('Utbyte 1'), {names[1]} ('Utbyte 2'), "
        f"{names[2]} ('Utbyte 3') and 2 more."
    )
    flagged = past_departure(run)
    assert [f["collaboration"] for f in flagged] == names
    assert {(f["organisation"], f["retired_on"]) for f in flagged} == {
        ("kulturforvaltningen", "2025-12-31")
    }
    ok(run, "collaborations", "edit", str(names[0]), "--org", "SLK")
    assert [f["collaboration"] for f in past_departure(run)] == names[1:]


def test_nothing_to_say_when_every_collaboration_ended_in_time(run: Run) -> None:
    log(run, "-t", "Bergen", "-o", "SLK", "--title", "Klart",
        "--start", "2024-01-01", "--end", "2026-02-12")  # fmt: skip
    _, said = ok(run, "towns", "retire", "Bergen", "--decision", "KF 2026-02-12 §9",
                 "--decided-on", "2026-02-12")  # fmt: skip
    assert "Note" not in said and past_departure(run) == []


def test_logging_what_goes_on_after_a_town_left_or_an_org_retired_says_so(run: Run) -> None:
    # S:t Petersburg's partnership ended on 10 March 2022 (the shipped data).
    result = run("log-collaboration", "-t", "S:t Petersburg", "-o", "SLK", "-a", "culture",
                 "--title", "Arkiv", "--start", "2021-05-01")  # fmt: skip
    assert result.exit_code == 0, result.output
    assert "Note: Saint Petersburg left on 10 March 2022, and the collaboration goes on" in (
        " ".join(result.stderr.split())
    )
    cid = int(result.stdout)
    assert [f["collaboration"] for f in past_departure(run)] == [cid]
    _, said = ok(run, "collaborations", "edit", str(cid), "--end", "2022-03-10")
    assert "Note" not in said and past_departure(run) == []
    ok(run, "orgs", "retire", "Higab", "--on", "2025-12-31")
    result = run("log-collaboration", "-t", "Åbo", "-o", "Higab", "-a", "culture",
                 "--title", "Hus", "--start", "2025-05-01", "--end", "2026-05-01")  # fmt: skip
    assert result.exit_code == 0, result.output
    assert "Note: Higab's last day was 31 December 2025" in " ".join(result.stderr.split())


def test_the_intake_says_which_rows_go_on_after(run: Run, tmp_path: Path) -> None:
    ok(run, "orgs", "retire", "Higab", "--on", "2025-12-31")
    path = tmp_path / "in.csv"
    path.write_text(
        "Start Date,End Date,Area,Title,Towns,Organisation\n"
        "2021-05-01,,culture,Arkiv,S:t Petersburg,SLK\n"
        "2021-05-01,2022-01-31,culture,Klart,S:t Petersburg,SLK\n"
        "2025-05-01,2026-03-01,culture,Hus,Åbo,Higab\n",
        encoding="utf-8",
    )
    _, said = ok(run, "collaborations", "import", str(path))
    said = " ".join(said.split())
    assert "Note: 2 rows go on after a town of theirs left or their organisation's last day" in (
        said
    )
    assert "are stored all the same: line 2, line 4." in said
    assert len(past_departure(run)) == 2
