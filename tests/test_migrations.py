"""Upgrades: a registry of every released schema opens in this vanort with every row kept."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import Connection, text

from conftest import Run
from vanort_cli import migrations

FIXTURES = Path(__file__).parent / "fixtures"


def dump(path: Path) -> dict[str, list[tuple]]:
    with sqlite3.connect(path) as connection:
        tables = [
            t
            for (t,) in connection.execute(
                "select name from sqlite_master where type='table' and name not like 'sqlite_%'"
            )
        ]
        return {
            t: sorted(connection.execute(f"select * from {t}").fetchall(), key=repr) for t in tables
        }


@pytest.fixture
def schema1(tmp_path: Path) -> Path:
    copy = tmp_path / "old.db"
    shutil.copy(FIXTURES / "registry-schema1.db", copy)
    return copy


def test_the_schema1_fixture_has_data_in_every_table(schema1: Path) -> None:
    assert all(rows for rows in dump(schema1).values()), "every table must hold data"


def test_schema1_opens_with_every_row_kept(run: Run, schema1: Path) -> None:
    before = dump(schema1)
    for command in (
        ["db", "check"],
        ["next-meeting"],
        ["report", "--year", "2025"],
        ["history"],
        ["check"],
    ):
        result = run("--db", str(schema1), *command)
        assert result.exit_code in (0, 1), result.output
        assert "Traceback" not in result.output
    after = dump(schema1)
    for table, rows in before.items():
        if table == "vanort_meta":
            continue
        width = len(rows[0])
        # New columns come at the end of a row; what was there is kept as it was.
        assert sorted((row[:width] for row in after[table]), key=repr) == rows, table


def test_an_upgrade_backs_up_then_runs_each_step_and_keeps_every_row(
    run: Run, schema1: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The mechanism itself, with a made-up schema 2 that adds a column."""
    original = schema1.read_bytes()
    before = dump(schema1)

    def add_web_page(connection: Connection) -> None:
        connection.execute(text("ALTER TABLE town ADD COLUMN web_page VARCHAR"))

    monkeypatch.setattr(migrations, "SCHEMA_VERSION", 2)
    monkeypatch.setattr(migrations, "MIGRATIONS", {2: add_web_page})
    # The made-up schema's tables are the released schema 1's.
    import vanort_cli.db

    monkeypatch.setattr(vanort_cli.db, "_use_wal", lambda engine: None)
    result = run("--db", str(schema1), "towns", "list", "-f", "json")
    assert result.exit_code == 0, result.output
    [backup] = list(schema1.parent.glob("old.db.schema1-*.bak"))
    assert backup.read_bytes() == original
    after = dump(schema1)
    assert after["vanort_meta"] != before["vanort_meta"]
    assert ("schema_version", "2") in after["vanort_meta"]
    for table, rows in before.items():
        if table in ("vanort_meta", "town"):
            continue
        assert after[table] == rows, table
    assert [row[:-1] for row in after["town"]] == before["town"]  # the new column at the end


def test_an_upgrade_that_fails_changes_nothing(
    run: Run, schema1: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = dump(schema1)

    def broken(connection: Connection) -> None:
        connection.execute(text("ALTER TABLE town ADD COLUMN half_done VARCHAR"))
        raise RuntimeError("step failed halfway")

    monkeypatch.setattr(migrations, "SCHEMA_VERSION", 2)
    monkeypatch.setattr(migrations, "MIGRATIONS", {2: broken})
    result = run("--db", str(schema1), "towns", "list")
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert dump(schema1) == before
