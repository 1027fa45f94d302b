"""Hostile files get one clear refusal (issue 22): every workbook, CSV and JSON file in
tests/hostile_files.py, imported with the real CLI into a real SQLite registry,
is refused in one line naming the file and the problem, exit 2 (one, whose cell
openpyxl reads as #VALUE!, is that row's problem, exit 1), never "Unexpected",
the registry byte-identical; the cheap cases at once.

The cheap cases run the CLI in-process (`run`): what is refused, and how, is the
same there, and forty processes cost twenty seconds of start-up. The costly case
(a bomb a hang could hide in) and one cheap case run in a process of their own,
killed if they hang, for the exit code and stderr a shell sees."""

from __future__ import annotations

import io
import os
import sys
import time
import zipfile
from datetime import date
from pathlib import Path

import pytest
from tests.conftest import Run, checkpoint, file_digest
from tests.hostile_files import (
    BILLION_LAUGHS,
    HEADER,
    Hostile,
    Ran,
    hostile_csvs,
    hostile_jsons,
    hostile_workbooks,
    row,
    run_timed,
    sheet,
    workbook,
)

# A bound on a cheap refusal, process start-up included (about 0.4 s of processor
# time, half a second on an idle machine's clock): generous, so that a busy CI
# runner does not fail it, and still far below the minutes a bomb or a
# million-column header took. Measured on the processor, which other work on the
# machine does not stretch; the clock gets a bound of its own against a hang.
CHEAP_SECONDS = 5.0
HUNG_SECONDS = 60.0
CASES = hostile_workbooks() + hostile_csvs() + hostile_jsons()


def vanort(*args: str) -> Ran:
    """The real CLI in a process of its own, on the test's registry (VANORT_DB)."""
    return run_timed(
        [sys.executable, "-m", "vanort_cli", *args], env={**os.environ, "VANORT_LANG": "en"}
    )


def in_process(run: Run, *args: str) -> Ran:
    """The real CLI in this process (`run`), timed on the clock and on this
    process's processor, as `run_timed` times a process of its own."""
    start, cpu = time.perf_counter(), time.process_time()
    result = run(*args)
    seconds, cpu_seconds = time.perf_counter() - start, time.process_time() - cpu
    # An exception the CLI let escape is "Unexpected" to a user: never a refusal.
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(
        result.exception
    )
    return Ran(result.exit_code, result.stdout, result.stderr, seconds, cpu_seconds)


# In a process of their own: the costly case (killed by run_timed if it hangs) and
# one cheap one, for the exit code and the one line of stderr as a shell sees them.
IN_A_PROCESS = {"far.xlsx", CASES[0].file_name}


@pytest.mark.parametrize("case", CASES, ids=[c.file_name for c in CASES])
def test_a_hostile_file_is_refused_in_one_line(
    case: Hostile, tmp_path: Path, db_path: Path, run: Run, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / case.file_name
    path.write_bytes(case.make())
    checkpoint(db_path)
    before = file_digest(db_path)

    if case.file_name in IN_A_PROCESS or not case.cheap:
        done = vanort("collaborations", "import", str(path))
    else:
        monkeypatch.setenv("VANORT_LANG", "en")
        done = in_process(run, "collaborations", "import", str(path))

    said = done.stdout + done.stderr
    assert "Unexpected" not in said and "Traceback" not in said, said
    assert done.code == case.code, said
    assert case.says in done.stderr, done.stderr
    assert str(path) in done.stderr.splitlines()[-1]
    assert done.stdout == ""
    if case.code == 2:
        assert len(done.stderr.strip().splitlines()) == 1, done.stderr
    checkpoint(db_path)
    assert file_digest(db_path) == before
    assert done.seconds < HUNG_SECONDS
    if case.cheap:
        assert done.cpu_seconds < CHEAP_SECONDS, f"{done.cpu_seconds:.1f} s"


def test_openpyxl_reads_xml_through_defusedxml(tmp_path: Path) -> None:
    """Behind vanort's own check, openpyxl itself refuses an entity: defusedxml is
    installed and openpyxl uses it."""
    import openpyxl
    from defusedxml import EntitiesForbidden
    from openpyxl import load_workbook

    assert openpyxl.xml.DEFUSEDXML is True
    laughs = workbook(sheet(row(1, HEADER) + row(2, ["&lol9;"]), prolog=BILLION_LAUGHS))
    with pytest.raises(ValueError) as refused:
        load_workbook(io.BytesIO(laughs), read_only=True)
    causes = []
    error: BaseException | None = refused.value
    while error is not None:
        causes.append(error)
        error = error.__cause__ or error.__context__
    assert any(isinstance(e, EntitiesForbidden) for e in causes), causes


def test_the_limits_are_far_above_a_large_real_intake_workbook(tmp_path: Path) -> None:
    """A workbook of 20,000 full rows, as openpyxl saves it, passes the zip check
    with room to spare, at once."""
    from openpyxl import Workbook

    from vanort_cli.exchange import xlsx_guard
    from vanort_cli.exchange.sheet import MAX_COLUMNS, MAX_WORKBOOK_ROWS

    book = Workbook(write_only=True)
    rows = book.create_sheet("Samarbeten")
    rows.append([*HEADER, "Slutdatum", "Form", "Beskrivning", "Kontakt", "Rapporterad av"])
    rest = [date(2026, 6, 30), "projekt", "En beskrivning " * 8, "anna@goteborg.se", "Anna"]
    for n in range(20_000):
        rows.append([f"Läsfest {n}", "SLK", "Kultur", "Åbo och Bergen", date(2026, 3, 1), *rest])
    path = tmp_path / "stor.xlsx"
    book.save(path)
    data = path.read_bytes()
    parts = zipfile.ZipFile(io.BytesIO(data)).infolist()
    largest = max(parts, key=lambda p: p.file_size)
    assert largest.file_size * 10 < xlsx_guard.MAX_PART_BYTES
    assert largest.file_size < largest.compress_size * xlsx_guard.MAX_RATIO / 5
    assert sum(p.file_size for p in parts) * 20 < xlsx_guard.MAX_UNPACKED_BYTES
    # Ten times the rows and fifty times the columns of the intake fit.
    assert MAX_WORKBOOK_ROWS >= 10 * 20_000 and MAX_COLUMNS >= 50 * 10

    start = time.perf_counter()
    xlsx_guard.check_workbook(data, path)
    assert time.perf_counter() - start < CHEAP_SECONDS


def test_the_attack_suite_tries_hostile_files(tmp_path: Path) -> None:
    """A slice of benchmarks/attack.py's `files` category runs with the tests, so
    that the script keeps working and CI fails on any file it does not refuse."""
    import random

    from tests.test_attack_smoke import _attack

    attack = _attack()
    attack.TEMPLATE = tmp_path / "template.db"
    attack.init_registry(attack.TEMPLATE)
    files = attack.attack_files(tmp_path, random.Random(1), quick=True, jobs=2)
    assert files.tried == 8
    assert files.failures == []
