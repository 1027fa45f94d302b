"""A command that writes reports success only when the file it committed to is still
the registry: a registry deleted or replaced underneath it is an error, not
"Imported 20,000" with exit 0 (SQLiteFile.confirm_in_place)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from sqlalchemy import event
from sqlmodel import Session

from conftest import Run, checkpoint

LOG = ("log-collaboration", "-t", "Åbo", "-o", "SLK", "-a", "culture", "--start", "2026-03-01",
       "--title")  # fmt: skip


@pytest.fixture
def after_commit() -> Iterator[Callable[[Callable[[], None]], None]]:
    """Run a real file operation right after the command's commit, before its check."""
    hooks: list[Callable[[Session], None]] = []

    def install(action: Callable[[], None]) -> None:
        def hook(_session: Session) -> None:
            action()

        event.listen(Session, "after_commit", hook)
        hooks.append(hook)

    yield install
    for hook in hooks:
        event.remove(Session, "after_commit", hook)


def gone(result: object, path: Path) -> None:
    output = result.output  # type: ignore[attr-defined]
    assert result.exit_code == 1, output  # type: ignore[attr-defined]
    assert "deleted or replaced" in output and str(path) in output, output
    assert "Traceback" not in output and len(output.strip().splitlines()) == 1, output


def test_a_registry_replaced_during_a_write_is_an_error(
    run: Run, db_path: Path, tmp_path: Path, after_commit: Callable[[Callable[[], None]], None]
) -> None:
    checkpoint(db_path)
    other = tmp_path / "other.db"
    shutil.copy(db_path, other)
    after_commit(lambda: os.replace(other, db_path))
    gone(run(*LOG, "Borta"), db_path)


def test_a_registry_deleted_during_a_write_is_an_error(
    run: Run, db_path: Path, after_commit: Callable[[Callable[[], None]], None]
) -> None:
    after_commit(db_path.unlink)
    gone(run(*LOG, "Borta"), db_path)
    assert not db_path.exists()


def test_a_write_to_the_registry_in_place_succeeds(run: Run, db_path: Path) -> None:
    """A copy of the registry beside it, or its folder's other files, change nothing."""
    shutil.copy(db_path, db_path.with_name("copy.db"))
    result = run(*LOG, "Kvar")
    assert result.exit_code == 0, result.output
    assert "Kvar" in run("collaborations", "list").stdout


def test_deleting_the_registry_during_a_long_import_is_reported(
    db_path: Path, tmp_path: Path
) -> None:
    """The attack as it was found: `collaborations import` of many rows in another
    process, the registry file deleted while it writes.

    Found with 20,000 rows; 10,000 still leave the import most of its writing to do
    when the file goes: its write-ahead log passes 500 KB (where the file is
    deleted) within its first thousand rows, about a third of its run on an idle
    machine, and the import goes on writing the rest into the deleted file."""
    rows = ["Titel;Förvaltning/bolag;Område;Vänorter;Startdatum"]
    rows += [f"Projekt {n};SLK;Kultur;Åbo;2026-01-01" for n in range(10_000)]
    source = tmp_path / "stor.csv"
    source.write_text("\n".join(rows) + "\n", encoding="utf-8")
    checkpoint(db_path)
    process = subprocess.Popen(
        [sys.executable, "-m", "vanort_cli", "collaborations", "import", str(source)],
        env={**os.environ, "VANORT_DB": str(db_path)},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    # Once the import is writing (its rows reach the WAL), the file goes.
    journal = Path(f"{db_path}-wal")
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and process.poll() is None:
        if journal.exists() and journal.stat().st_size > 500_000:
            break
        time.sleep(0.005)
    assert process.poll() is None, "the import ended before the file could be deleted"
    db_path.unlink()
    stdout, stderr = process.communicate(timeout=120)
    assert process.returncode == 1, (stdout, stderr)
    assert "deleted or replaced" in stderr and "Imported" not in stdout + stderr
    assert "Traceback" not in stderr
