"""Issue 22, the smaller rules: a date with a sign is refused, not read without
it; a lookalike name of any kind is refused like a Cyrillic one; `db import`
holds every value to the rules the commands hold it to; and text that reached
the registry past vanort never drives a terminal, in any format."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import Run, checkpoint, file_digest

TODAY = "2026-11-27"


@pytest.fixture(autouse=True)
def _today(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("VANORT_TODAY", TODAY)


def refused(run: Run, db_path: Path, code: int, *args: str) -> str:
    """A refusal: its one line, and the registry byte-identical after it."""
    checkpoint(db_path)
    before = file_digest(db_path)
    result = run(*args)
    assert result.exit_code == code, result.output
    assert "Traceback" not in result.output and "Unexpected" not in result.output
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 or code != 2, result.stderr
    checkpoint(db_path)
    assert file_digest(db_path) == before
    return result.stderr


# -- a date with a sign ----------------------------------------------------------------

LOG = ("log-collaboration", "-t", "Bergen", "-o", "SLK", "-a", "culture", "--title", "Hamn")


@pytest.mark.parametrize("signed", ["-2026-01-01", "+2026-01-01", "\u22122026-01-01", "1/-3/2026"])
def test_a_date_option_with_a_sign_is_refused(run: Run, db_path: Path, signed: str) -> None:
    assert run("db", "init").exit_code == 0
    said = refused(run, db_path, 2, *LOG, f"--start={signed}")
    assert f"'{signed}' is not a date" in said
    said = refused(run, db_path, 2, *LOG, "--start", "2026-01-01", f"--end={signed}")
    assert "is not a date" in said


def test_a_spreadsheet_date_with_a_sign_is_refused(run: Run, db_path: Path, tmp_path: Path) -> None:
    assert run("db", "init").exit_code == 0
    sheet = tmp_path / "samarbeten.csv"
    sheet.write_text(
        "title,organisation,area,towns,start_date,end_date\n"
        "Hamn,SLK,culture,Bergen,-2026-01-01,\n"
        "Kaj,SLK,culture,Bergen,2026-01-01,+2026-06-30\n",
        encoding="utf-8",
    )
    said = refused(run, db_path, 1, "collaborations", "import", str(sheet))
    assert "line 2, start_date '-2026-01-01': not a date" in said
    assert "line 3, end_date '+2026-06-30': not a date" in said


# -- lookalike names ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "lookalike",
    [
        "Ku1turförvaltningen",  # a digit one for the l
        "KuIturförvaltningen",  # a capital I for the l
        "Kultur förva1tningen",
        "\u039aulturförvaltningen",  # a Greek capital kappa
        "Kulturf\u00f6rvaltning\u0435n",  # a Cyrillic e, as before
    ],
)
def test_a_lookalike_organisation_of_any_kind_is_refused(
    run: Run, db_path: Path, lookalike: str
) -> None:
    assert run("db", "init").exit_code == 0
    said = refused(run, db_path, 1, "orgs", "add", lookalike, "--kind", "forvaltning")
    assert "is already a name of Kulturförvaltningen" in said


def test_a_lookalike_town_with_a_digit_needs_allow_similar(run: Run, db_path: Path) -> None:
    assert run("db", "init").exit_code == 0
    add = ("towns", "add", "G0teborg", "--country", "SE", "--kind", "partner")
    add += ("--decided-on", "2026-01-01", "--decision", "KS 2026-01-01 §1")
    said = refused(run, db_path, 1, *add)
    assert "Gothenburg" in said and "--allow-similar" in said


def test_a_name_with_a_capital_i_is_still_its_own(run: Run, db_path: Path) -> None:
    # The capital I read as an l must not hide an exact name, nor refuse a new one.
    assert run("db", "init").exit_code == 0
    added = run("orgs", "add", "IT-förvaltningen", "--kind", "forvaltning")
    assert added.exit_code == 0, added.output
    said = refused(run, db_path, 1, "orgs", "add", "IT förvaltningen", "--kind", "forvaltning")
    assert "is already a name of IT-förvaltningen" in said


# -- text that reached the registry past vanort, on its way to a terminal ----------------

# What a terminal acts on instead of showing: an OSC 8 link, a colour (CSI), the C1
# CSI and NEL, direction overrides (RLO, LRI) and BEL.
EVIL = (
    "Evil\x1b]8;;http://x.example\x1b\\link\x1b]8;;\x1b\\\x1b[38;5;199m\x9b\x85"
    "\u202eTown\u2066x\u2069\x07"
)
RAW = ("\x1b", "\x9b", "\x85", "\u202e", "\u2066", "\u2069", "\x07")
# On a terminal Rich writes its own styles (bold, dim) with ESC: what must not
# reach it is the text's own sequences, which Rich never writes.
RAW_ON_TERMINAL = ("\x1b]", "\x1b\\", "\x1b[38;5;199m", *RAW[1:])
TERMINAL_COMMANDS = [
    ("collaborations", "list", "-f", "csv"),
    ("collaborations", "list", "-f", "json"),
    ("collaborations", "list", "-f", "jsonl"),
    ("collaborations", "list"),
    ("collaborations", "show", "1"),
    ("collaborations", "show", "1", "-f", "json"),
    ("history",),
    ("history", "-f", "csv"),
    ("history", "-f", "json"),
    ("report", "--year", "2026", "-f", "csv"),
    ("report", "--year", "2026", "-f", "markdown"),
    ("report", "--year", "2026", "-f", "html"),
    ("report", "--year", "2026", "-f", "json"),
    ("report", "--year", "2026"),
    ("towns", "list", "-f", "csv"),
    ("orgs", "list", "-f", "csv"),
    ("meeting", "list", "-f", "csv"),
    ("meeting", "show", "2017"),
    ("schedule", "-f", "csv"),
    ("calendar", "-o", "-"),
    ("db", "export"),
]


def _vanort(db: Path, *args: str, terminal: bool) -> tuple[int, bytes, bytes]:
    """The real program in its own process, its stdout a pseudo-terminal (as a
    person's screen) or a pipe; its exit code, stdout and stderr."""
    import os
    import pty
    import select
    import subprocess
    import sys

    environment = {k: v for k, v in os.environ.items() if not k.startswith(("VANORT_", "TTY_"))}
    environment |= {"VANORT_DB": str(db), "VANORT_TODAY": TODAY, "COLUMNS": "200"}
    command = [sys.executable, "-m", "vanort_cli", *args]
    if not terminal:
        done = subprocess.run(command, capture_output=True, env=environment, timeout=60)
        return done.returncode, done.stdout, done.stderr
    parent, child = pty.openpty()
    process = subprocess.Popen(
        command, stdout=child, stderr=subprocess.PIPE, stdin=subprocess.DEVNULL, env=environment
    )
    os.close(child)
    out = b""
    while select.select([parent], [], [], 60)[0]:
        try:
            chunk = os.read(parent, 65536)
        except OSError:  # the child closed its end (Linux says EIO)
            break
        if not chunk:
            break
        out += chunk
    os.close(parent)
    assert process.stderr is not None
    err = process.stderr.read()
    return process.wait(timeout=60), out, err


@pytest.fixture
def past_vanort(run: Run, db_path: Path) -> Path:
    """A registry holding hostile text written past vanort, with the sqlite3 module
    (as psql, the sqlite3 shell or a hand-edited file could write it)."""
    import json
    import sqlite3

    assert run("db", "init").exit_code == 0
    logged = run(*LOG, "--start", "2026-01-01")
    assert logged.exit_code == 0, logged.output
    with sqlite3.connect(db_path) as db:
        db.execute("UPDATE town SET name_sv = ?, name = ? WHERE key = 'bergen'", (EVIL, EVIL))
        db.execute("UPDATE organisation SET name = ? WHERE key = 'stadsledningskontoret'", (EVIL,))
        db.execute(
            "UPDATE collaboration SET title = ?, description = ?, contact = ?, reported_by = ?",
            (EVIL,) * 4,
        )
        db.execute(
            "UPDATE meeting SET place = ?, theme = ?, note = ? WHERE year = 2017", (EVIL,) * 3
        )
        db.execute(
            "UPDATE audit_entry SET new = ?, given_name = ?", (json.dumps({"t": EVIL}), EVIL)
        )
    return db_path


@pytest.mark.parametrize("args", TERMINAL_COMMANDS, ids=" ".join)
def test_no_raw_control_reaches_a_terminal_in_any_format(
    past_vanort: Path, args: tuple[str, ...]
) -> None:
    code, out, err = _vanort(past_vanort, *args, terminal=True)
    assert code == 0, err
    shown = out.decode("utf-8")
    for raw in RAW_ON_TERMINAL:
        assert raw not in shown, (raw, shown[:300])
        assert raw not in err.decode("utf-8")
    assert "Evil" in shown


def test_a_terminal_is_shown_the_escapes_visibly(past_vanort: Path) -> None:
    _, out, _ = _vanort(past_vanort, "collaborations", "list", "-f", "csv", terminal=True)
    assert "\\x1b]8;;http://x.example\\x1b\\link" in out.decode() and "\\u202e" in out.decode()


def test_a_pipe_or_file_keeps_the_data_exactly(past_vanort: Path, tmp_path: Path) -> None:
    import csv
    import io
    import json

    # CSV and HTML are data: to a pipe or a file they hold what the registry holds.
    _, out, _ = _vanort(past_vanort, "collaborations", "list", "-f", "csv", terminal=False)
    rows = list(csv.DictReader(io.StringIO(out.decode("utf-8"))))
    assert rows[0]["title"] == EVIL
    # JSON writes every such character as a \u escape, to a file or a terminal
    # alike: valid JSON, the same text when read, harmless when `cat`.
    for args in (("collaborations", "list", "-f", "json"), ("db", "export")):
        _, out, _ = _vanort(past_vanort, *args, terminal=False)
        assert not any(raw.encode() in out for raw in RAW), args
        assert "\\u202e" in out.decode()
    exported = tmp_path / "registry.json"
    code, _, err = _vanort(past_vanort, "db", "export", "-o", str(exported), terminal=False)
    assert code == 0, err
    document = json.loads(exported.read_text(encoding="utf-8"))
    assert document["tables"]["collaboration"][0]["title"] == EVIL


def test_db_copy_holds_the_values_to_the_same_rules(
    run: Run, past_vanort: Path, tmp_path: Path
) -> None:
    # `db copy` reads the registry as `db import` reads a document: the rules apply.
    target = tmp_path / "copy.db"
    said = refused(run, past_vanort, 2, "db", "copy", "--to", str(target))
    assert "table organisation, row 1 (id 1): name " in said and "holds control" in said
    assert not target.exists()
