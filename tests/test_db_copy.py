"""`vanort db copy --to`: a registry moved whole from SQLite to PostgreSQL and back.

The contract: a year of a registry copied to PostgreSQL and back to a new SQLite
file holds the same rows in every table, history included, and every command
answers the same on all three; a target holding anything is refused untouched;
the password of a URL is never shown.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from conftest import Builder, Run, file_digest
from pg_server import SUPERUSER_PASSWORD, PostgresServer
from test_db_export_import import COMPARED, STAFF_WORK, as_recorded, comparable
from vanort_cli.store.registry_json import registry_tables

TODAY = "2026-12-31"
ORGS = ["Kulturförvaltningen", "SLK", "Park- och naturförvaltningen", "Kretslopp och vatten"]
TOWN_SETS = [["Åbo"], ["Bergen", "Århus"], ["Tromsø"], ["Åbo", "Bergen"]]
AREAS = ["culture", "education", "climate-environment"]


@pytest.fixture(autouse=True)
def _today(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("VANORT_TODAY", TODAY)


def ok(run: Run, *args: str) -> str:
    result = run(*args)
    assert result.exit_code == 0, (args, result.output)
    assert SUPERUSER_PASSWORD not in result.output
    return result.stdout


def a_year_of_work(run: Run) -> None:
    """What a year of staff's work leaves in a registry: every table filled, rows
    edited, hidden and purged, a setting, a town and an organisation added."""
    for args in STAFF_WORK:
        ok(run, *args)
    for n in range(36):
        month = n // 3 + 1
        towns = [a for town in TOWN_SETS[n % 4] for a in ("-t", town)]
        ok(
            run,
            "log-collaboration",
            *towns,
            "-o",
            ORGS[n % 4],
            "-a",
            AREAS[n % 3],
            "--title",
            f"Samarbete {n} – {'ÅÄÖ' if n % 2 else 'øæ'}",
            "--start",
            f"2026-{month:02d}-{(n % 28) + 1:02d}",
            "--reported-on",
            f"2026-{month:02d}-28",
        )
    for collaboration in ("5", "9", "14"):
        ok(run, "collaborations", "edit", collaboration, "--end", "2026-12-01")
    ok(run, "collaborations", "delete", "20", "--yes")


@pytest.fixture
def a_year(built_registry: Callable[[str, Builder, dict[str, str]], None]) -> None:
    """This test's registry holds `a_year_of_work`, done through the CLI once per
    test process and copied for each test that starts from it."""
    built_registry(
        "db-copy-a-year", lambda run, _folder: a_year_of_work(run), {"VANORT_TODAY": TODAY}
    )


def export(run: Run, db: str) -> dict[str, Any]:
    document: dict[str, Any] = json.loads(ok(run, "--db", db, "db", "export", "--history"))
    return document


def test_a_year_goes_to_postgresql_and_back(
    a_year: None, run: Run, db_path: Path, tmp_path: Path, pg_database: str
) -> None:
    result = run("db", "copy", "--to", pg_database)
    assert result.exit_code == 0, result.output
    assert SUPERUSER_PASSWORD not in result.output
    assert "***" in result.stderr and "history included" in result.stderr
    back = tmp_path / "back.db"
    ok(run, "--db", pg_database, "db", "copy", "--to", str(back))

    original, on_server, returned = (
        export(run, db) for db in (str(db_path), pg_database, str(back))
    )
    for table in registry_tables():
        name = table.name
        if name == "audit_entry":  # the history as recorded, and the copies themselves
            history = as_recorded(original["tables"][name], "table_name")
            assert as_recorded(on_server["tables"][name], "table_name") == history
            assert as_recorded(returned["tables"][name], "table_name") == history
            continue
        assert on_server["tables"][name] == original["tables"][name], name
        assert returned["tables"][name] == original["tables"][name], name
    assert original["tables"]["audit_entry"], "the history came along"
    assert len(original["tables"]["collaboration"]) == 38  # purged ones are gone
    for args in COMPARED:
        answers = [
            comparable(args, ok(run, "--db", db, *args))
            for db in (str(db_path), pg_database, str(back))
        ]
        assert answers[0] == answers[1] == answers[2], args


def test_the_copy_goes_on_where_the_registry_stopped(
    a_year: None, run: Run, pg_database: str
) -> None:
    """Ids are never given twice: the server's sequences go past the copied rows."""
    ok(run, "db", "copy", "--to", pg_database)
    source_ids = json.loads(ok(run, "collaborations", "list", "-f", "json"))
    highest = max(row["id"] for row in source_ids)
    ok(run, "--db", pg_database, "log-collaboration", "-t", "Åbo", "-o", "SLK", "-a", "culture",
       "--title", "Efter flytten", "--start", "2026-12-30")  # fmt: skip
    new = json.loads(ok(run, "--db", pg_database, "collaborations", "list", "-f", "json"))
    assert max(row["id"] for row in new) == highest + 1
    ok(run, "--db", pg_database, "orgs", "add", "Nytt bolag AB", "--kind", "bolag")
    history = json.loads(ok(run, "--db", pg_database, "history", "-f", "json"))
    assert len({entry["id"] for entry in history}) == len(history)


def test_a_registry_in_use_is_refused_untouched(
    run: Run, db_path: Path, tmp_path: Path, pg_database: str
) -> None:
    ok(run, "--db", pg_database, "db", "init")
    ok(run, "--db", pg_database, "log-collaboration", "-t", "Åbo", "-o", "SLK", "-a", "culture",
       "--title", "Redan här", "--start", "2026-01-01")  # fmt: skip
    before = export(run, pg_database)
    ok(run, "log-collaboration", "-t", "Bergen", "-o", "SLK", "-a", "culture", "--title", "Källan")
    result = run("db", "copy", "--to", pg_database)
    assert result.exit_code == 1
    assert "holds what staff recorded" in result.stderr and "Nothing was copied" in result.stderr
    assert SUPERUSER_PASSWORD not in result.output
    after = export(run, pg_database)
    assert after["tables"] == before["tables"]

    used = tmp_path / "used.db"
    ok(run, "--db", str(used), "db", "init")
    ok(run, "--db", str(used), "evaluation", "due-days", "90")
    digest = file_digest(used)
    result = run("db", "copy", "--to", str(used))
    assert result.exit_code == 1 and "holds what staff recorded" in result.stderr
    assert file_digest(used) == digest

    result = run("db", "copy", "--to", str(db_path))
    assert result.exit_code == 1 and "the registry in use" in result.stderr


def test_a_database_of_something_else_is_refused_untouched(
    run: Run, postgres_server: PostgresServer, pg_database: str
) -> None:
    name = pg_database.rsplit("/", 1)[1]
    postgres_server.execute("CREATE TABLE payroll (id int primary key)", name)
    result = run("db", "copy", "--to", pg_database)
    assert result.exit_code == 1, result.output
    assert "not a vanort registry's" in result.stderr
    with postgres_server.connect(name) as connection:
        tables = connection.execute(
            "SELECT tablename FROM pg_tables WHERE schemaname = 'public'"
        ).fetchall()
    assert tables == [("payroll",)]


def test_a_registry_with_only_shipped_data_takes_the_copy(
    run: Run, tmp_path: Path, pg_database: str
) -> None:
    """As `db import`: a database `db init` (or `db roles --setup`) prepared is still empty."""
    ok(run, "--db", pg_database, "db", "init")
    ok(run, "log-collaboration", "-t", "Bergen", "-o", "SLK", "-a", "culture", "--title", "Med")
    ok(run, "db", "copy", "--to", pg_database)
    titles = [r["title"] for r in json.loads(ok(run, "--db", pg_database, "collaborations",
                                                 "list", "-f", "json"))]  # fmt: skip
    assert titles == ["Med"]


def test_a_failed_copy_leaves_no_new_file(run: Run, tmp_path: Path) -> None:
    missing_dir = tmp_path / "nowhere" / "copy.db"
    result = run("db", "copy", "--to", str(missing_dir))
    assert result.exit_code == 1
    assert not missing_dir.parent.exists()
