"""Issue 9, an attacker's findings: hostile text in the registry, lookalike names,
values that overflow or cannot be decoded, and CSV files that would lose data."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import Run, checkpoint, file_digest

OSC_TITLE = "\x1b]0;pwned\x07"
RED = "\x1b[31m"
CSI = "\x9b"
RAW = ("\x1b", "\x07", "\x9b")


def _no_raw_controls(text: str) -> None:
    for raw in RAW:
        assert raw not in text, repr(text)


def _vanort(
    *args: str | bytes, db: Path, env: dict[str, str] | None = None, **kw: object
) -> subprocess.CompletedProcess[bytes]:
    """The real program in its own process: argv bytes, encodings and closed streams."""
    environment = {k: v for k, v in os.environ.items() if not k.startswith("VANORT_")}
    environment |= {"VANORT_DB": str(db), "NO_COLOR": "1", "VANORT_TODAY": "2026-11-27"}
    environment |= env or {}
    return subprocess.run(  # type: ignore[call-overload, no-any-return]
        [sys.executable, "-m", "vanort_cli", *args],
        capture_output=True,
        env=environment,
        timeout=60,
        **kw,
    )


# -- 1. terminal escapes -------------------------------------------------------------


@pytest.fixture
def hostile_registry(run: Run, db_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Hostile text written straight into the registry, as a restored or
    hand-edited file could hold it."""
    monkeypatch.setenv("VANORT_TODAY", "2026-11-27")
    logged = run(
        "log-collaboration",
        *("--town", "Bergen", "--org", "SLK", "--area", "culture"),
        *("--title", "Harbour days", "--start", "2026-01-01"),
    )
    assert logged.exit_code == 0, logged.output
    evil = f"Evil{OSC_TITLE}{RED}{CSI}\u202eTown"
    with sqlite3.connect(db_path) as db:
        db.execute("UPDATE town SET name_sv = ?, name = ? WHERE key = 'bergen'", (evil, evil))
        db.execute("UPDATE organisation SET name = ? WHERE id = 1", (evil,))
        db.execute("UPDATE collaboration SET title = ?, description = ?", (evil, evil))
        db.execute(
            "UPDATE meeting SET place = ?, theme = ?, note = ? WHERE year = 2017", (evil,) * 3
        )
        db.execute("UPDATE audit_entry SET new = ?, given_name = ?", (evil, evil))
    return db_path


HUMAN_COMMANDS = [
    ("towns", "list"),
    ("towns", "show", "Evil"),
    ("towns", "show", "Bergen"),
    ("orgs", "list"),
    ("collaborations", "list"),
    ("collaborations", "show", "1"),
    ("history",),
    ("report", "--year", "2026", "--today", "2026-11-27"),
    ("report", "--year", "2026", "--today", "2026-11-27", "--format", "markdown"),
    ("report", "--year", "2017", "--today", "2026-11-27", "--format", "markdown"),
    ("meeting", "show", "2017"),
    ("schedule", "--from", "2010", "--to", "2030"),
    ("next-meeting", "--today", "2026-11-27"),
]


@pytest.mark.parametrize("args", HUMAN_COMMANDS, ids=" ".join)
def test_no_escape_sequence_reaches_the_screen(
    run: Run, hostile_registry: Path, args: tuple[str, ...]
) -> None:
    result = run(*args)
    assert result.exit_code in (0, 1), result.output
    _no_raw_controls(result.stdout)
    _no_raw_controls(result.stderr)


def test_hostile_text_is_shown_as_visible_escapes(run: Run, hostile_registry: Path) -> None:
    result = run("collaborations", "show", "1")
    assert "\\x1b]0;pwned\\x07" in result.stdout
    assert "\\u202e" in result.stdout


def test_machine_formats_escape_controls_their_own_way(run: Run, hostile_registry: Path) -> None:
    result = run("collaborations", "list", "--format", "json")
    assert result.exit_code == 0
    _no_raw_controls(result.stdout)
    assert json.loads(result.stdout)[0]["title"].startswith(f"Evil{OSC_TITLE}")
    result = run("collaborations", "list", "--format", "csv")
    assert result.exit_code == 0
    assert '"Evil\x1b]0;pwned\x07' in result.stdout  # a quoted CSV cell, as written


def test_a_date_option_is_echoed_visibly(run: Run) -> None:
    result = run("history", "--since", f"x{OSC_TITLE}")
    assert result.exit_code == 2
    _no_raw_controls(result.stderr)


# -- 2. lookalike names ----------------------------------------------------------------


def test_a_lookalike_town_needs_allow_similar(run: Run, db_path: Path) -> None:
    checkpoint(db_path)
    before = file_digest(db_path)
    add = ("towns", "add", "Bergеn", "--country", "NO", "--kind", "partner")
    add += ("--decided-on", "2026-01-01", "--decision", "KS 2026-01-01 §1")
    result = run(*add)
    assert result.exit_code == 1, result.output
    assert "Bergen" in result.stderr and "--allow-similar" in result.stderr
    checkpoint(db_path)
    assert file_digest(db_path) == before


def test_a_lookalike_organisation_is_refused(run: Run) -> None:
    result = run("orgs", "add", "Stadsledningskоntoret", "--kind", "forvaltning")
    assert result.exit_code == 1, result.output
    assert "Stadsledningskontoret" in result.stderr


@pytest.mark.parametrize(
    "blank",
    [
        "\u3164",
        "\u2800",
        "\u115f",
        "\u1160",
        "\uffa0",
        "\uffff",
        "\ufdd0",
        "\ue000",
        "\U000f0000",
        "\u0378",
    ],
)
def test_blank_looking_and_private_use_characters_are_refused(run: Run, blank: str) -> None:
    result = run("orgs", "add", f"Kultur{blank}", "--kind", "forvaltning")
    assert result.exit_code == 1, result.output
    assert "blank-looking" in result.stderr
    result = run("orgs", "add", blank, "--kind", "forvaltning")
    assert result.exit_code == 1, result.output


# -- 3. values that overflow, cannot be decoded, or have nowhere to go ---------------


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (("history", "--id", "100000000000000000000"), "9223372036854775807"),
        (("restore-record", "collaboration", "9223372036854775808"), "9223372036854775807"),
        (("collaborations", "show", "0"), "not a record id"),
        (("collaborations", "show", "99999999999999999999"), "not a record id"),
        (("meeting", "show", "99999999999999999999"), "outside the years vanort handles"),
        (("meeting", "show", "--", "-1"), "outside the years vanort handles"),
        (("meeting", "show", "-1"), "outside the years vanort handles"),
        (("report", "--year", "-1"), "outside the years vanort handles"),
        (("schedule", "--from", "99999999999999999999"), "outside the years vanort handles"),
        (("evaluation", "due-days", "99999999999999999999"), "largest 9223372036854775807"),
    ],
)
def test_an_integer_out_of_range_is_a_usage_error(
    run: Run, db_path: Path, args: tuple[str, ...], says: str
) -> None:
    checkpoint(db_path)
    before = file_digest(db_path)
    result = run(*args)
    assert result.exit_code == 2, result.output
    assert says in result.stderr and "Unexpected" not in result.stderr
    checkpoint(db_path)
    assert file_digest(db_path) == before


def test_an_undecodable_argument_names_its_option(db_path: Path) -> None:
    for title in (b"bad\xff",):
        args = [b"log-collaboration", b"-t", b"Bergen", b"-o", b"SLK", b"-a", b"culture"]
        result = _vanort(*args, b"--title", title, db=db_path)
        assert result.returncode == 2, result.stderr
        assert b"--title" in result.stderr and b"UTF-8" in result.stderr
        assert b"Traceback" not in result.stderr
        result = _vanort(*args, b"--title=" + title, db=db_path)
        assert result.returncode == 2 and b"--title" in result.stderr


def test_an_ascii_terminal_still_gets_the_list(db_path: Path) -> None:
    result = _vanort("towns", "list", db=db_path, env={"PYTHONIOENCODING": "ascii"})
    assert result.returncode == 0, result.stderr
    assert b"G\\xf6teborg" in result.stdout


def test_a_closed_stdout_is_no_traceback(db_path: Path) -> None:
    result = subprocess.run(
        ["sh", "-c", 'exec "$@" >&-', "sh", sys.executable, "-m", "vanort_cli", "towns", "list"],
        capture_output=False,
        stderr=subprocess.PIPE,
        env={**os.environ, "VANORT_DB": str(db_path)},
        timeout=60,
    )
    assert b"Traceback" not in result.stderr and b"Unexpected" not in result.stderr


def test_a_home_that_does_not_exist_is_one_line(run: Run) -> None:
    result = run("--db", "~nosuchuser_vanort/x.db", "next-meeting")
    assert result.exit_code == 2, result.output
    assert "~nosuchuser_vanort" in result.stderr and len(result.stderr.splitlines()) == 1


# -- 3 and 4. import files that are not CSV files, or would lose data ----------------

HEADER = "towns,organisation,area,title"


def _import(run: Run, db_path: Path, path: Path | str) -> str:
    checkpoint(db_path)
    before = file_digest(db_path)
    result = run("collaborations", "import", str(path))
    assert result.exit_code in (1, 2), result.output
    assert "Unexpected" not in result.stderr and "Errno" not in result.stderr
    lines = result.stderr.strip().splitlines()
    if len(lines) > 1:  # rows with problems: what was read, each problem, one error last
        assert result.exit_code == 1
        assert lines[0].startswith("Read ") and lines[-1].startswith("Error: Nothing was")
    checkpoint(db_path)
    assert file_digest(db_path) == before
    return result.stderr


def test_not_a_regular_file_is_refused_at_once(run: Run, db_path: Path, tmp_path: Path) -> None:
    assert "not a file" in _import(run, db_path, "/dev/zero")
    assert "not a file" in _import(run, db_path, tmp_path)
    fifo = tmp_path / "pipe.csv"
    os.mkfifo(fifo)
    assert "not a file" in _import(run, db_path, fifo)


@pytest.mark.parametrize(
    ("content", "says"),
    [
        ("", "is empty"),
        ("\n\n", "is empty"),
        (HEADER + "\n", "no rows to import"),
        (HEADER + "\nBergen,SLK,culture,Harbour days,surplus\n", "line 2: cell 5 has a value"),
        (HEADER + ",Title\nBergen,SLK,culture,Harbour days,x\n", "'title' and 'Title' are the"),
        (HEADER + ",end_dat\nBergen,SLK,culture,Days,2026-01-01\n", "did you mean end_date?"),
        (HEADER + ",kommentar\nBergen,SLK,culture,Days,x\n", "does not know the column"),
        (HEADER + "\nBergen,SLK,culture,Bad\x1b[31m\n", "line 2, title 'Bad?[31m': contains"),
        (HEADER + "\nBergen,SLK,culture,\n", "line 2, title: empty"),
        (HEADER + ",reported_on\nBergen,SLK,culture,X,2099-01-01\n", "reported_on '2099-01-01'"),
        ("Titel;Område\nX;kultur\n", "lacks the columns Vänorter (towns), Förvaltning/bolag"),
    ],
)
def test_an_import_never_drops_data_silently(
    run: Run, db_path: Path, tmp_path: Path, content: str, says: str
) -> None:
    path = tmp_path / "import.csv"
    path.write_text(content, encoding="utf-8")
    assert says in _import(run, db_path, path)


def test_a_windows_1252_file_is_read_as_such(run: Run, tmp_path: Path) -> None:
    path = tmp_path / "latin1.csv"
    path.write_bytes((HEADER + "\nBergen,SLK,culture,Göteborgsdagar\n").encode("cp1252"))
    result = run("collaborations", "import", str(path))
    assert result.exit_code == 0, result.output
    assert "Windows-1252" in result.stderr
    listed = run("collaborations", "list", "-f", "json").stdout
    assert json.loads(listed)[0]["title"] == "Göteborgsdagar"
