"""What only a registry on a PostgreSQL server does: created and seeded once under
concurrent first use, other tables and newer schemas refused untouched, the
driver missing, a server that refuses or is not there, and the same folding and
Swedish order as on SQLite."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

import pg_server
from vanort_cli.cli.app import app
from vanort_cli.domain.names import normalise
from vanort_cli.store import migrations


def invoke(*args: str) -> object:
    return CliRunner().invoke(app, list(args))


def scalar(url: str, sql: str) -> object:
    import psycopg

    with psycopg.connect(url) as connection:
        row = connection.execute(sql).fetchone()  # type: ignore[arg-type]
        return None if row is None else row[0]


def tables(url: str) -> set[str]:
    import psycopg

    with psycopg.connect(url) as connection:
        rows = connection.execute(
            "select tablename from pg_tables where schemaname = 'public'"
        ).fetchall()
    return {name for (name,) in rows}


def test_two_processes_opening_a_new_database_at_once_seed_it_once(
    pg_database: str, tmp_path: Path
) -> None:
    environment = {**os.environ, "VANORT_DB": pg_database, "NO_COLOR": "1", "VANORT_LANG": "en"}
    processes = [
        subprocess.Popen(
            [sys.executable, "-m", "vanort_cli", "towns", "list", "-f", "json"],
            env=environment,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(3)
    ]
    outputs = [process.communicate(timeout=120) for process in processes]
    assert all(process.returncode == 0 for process in processes), outputs
    seeded = len(json.loads(outputs[0][0]))
    assert all(len(json.loads(out)) == seeded for out, _ in outputs)
    assert scalar(pg_database, "select count(*) from town") == seeded
    assert scalar(pg_database, "select count(*) from vanort_meta where key = 'schema_version'") == 1
    assert scalar(pg_database, "select count(*) from meeting") == scalar(
        pg_database, "select count(distinct year) from meeting"
    )


def test_a_database_with_other_tables_is_refused_untouched(pg_database: str) -> None:
    import psycopg

    with psycopg.connect(pg_database, autocommit=True) as connection:
        connection.execute("create table payroll (id int primary key, salary int)")
    result = invoke("--db", pg_database, "towns", "list")
    assert result.exit_code == 1  # type: ignore[attr-defined]
    assert "not a vanort registry" in result.stderr  # type: ignore[attr-defined]
    assert tables(pg_database) == {"payroll"}


def test_a_registry_with_a_table_beside_it_is_refused(pg_database: str) -> None:
    assert invoke("--db", pg_database, "db", "init").exit_code == 0  # type: ignore[attr-defined]
    import psycopg

    with psycopg.connect(pg_database, autocommit=True) as connection:
        connection.execute("create table wipe (id int)")
    result = invoke("--db", pg_database, "towns", "list")
    assert result.exit_code == 1  # type: ignore[attr-defined]
    assert "table wipe" in result.stderr  # type: ignore[attr-defined]
    assert "pg-fixture-secret" not in result.stderr  # type: ignore[attr-defined]


def test_a_schema_from_a_newer_vanort_is_refused_untouched(pg_database: str) -> None:
    assert invoke("--db", pg_database, "db", "init").exit_code == 0  # type: ignore[attr-defined]
    import psycopg

    newer = migrations.SCHEMA_VERSION + 1
    with psycopg.connect(pg_database, autocommit=True) as connection:
        connection.execute(
            "update vanort_meta set value = %s where key = 'schema_version'", (str(newer),)
        )
    before = scalar(pg_database, "select count(*) from audit_entry")
    result = invoke("--db", pg_database, "log-collaboration", "-t", "Bergen", "-o", "SLK")
    assert result.exit_code == 1  # type: ignore[attr-defined]
    assert "newer vanort" in result.stderr  # type: ignore[attr-defined]
    assert scalar(pg_database, "select value from vanort_meta where key='schema_version'") == str(
        newer
    )
    assert scalar(pg_database, "select count(*) from audit_entry") == before


def test_a_schema3_registry_on_the_server_is_upgraded_by_the_same_step(pg_database: str) -> None:
    """Schema 3 as a server held it: without the role columns and the fold function."""
    assert invoke("--db", pg_database, "db", "init").exit_code == 0  # type: ignore[attr-defined]
    import psycopg

    with psycopg.connect(pg_database, autocommit=True) as connection:
        connection.execute("alter table collaboration drop column owner_role")
        connection.execute("alter table audit_entry drop column db_role")
        connection.execute("drop function vanort_fold(text)")
        # ... and without what schema 5 added: the history's triggers and columns.
        connection.execute("drop function vanort_history() cascade")
        connection.execute("drop function vanort_history_inserted() cascade")
        connection.execute("alter table audit_entry drop column command")
        connection.execute("alter table audit_entry drop column origin")
        connection.execute("drop table reporter_organisation")
        # ... and without schema 6's Swedish notes.
        connection.execute("alter table town drop column note_sv")
        connection.execute("alter table organisation drop column note_sv")
        # ... and without schema 7's lifespans, contacts and rounds.
        connection.execute("alter table organisation drop column since")
        # ... and without schema 8's links and sessions.
        connection.execute("drop table web_session")
        connection.execute("drop table round_link")
        for table in (
            "round_letter",
            "round_collaboration",
            "round_organisation",
            "reporting_round",
            "organisation_contact",
        ):
            connection.execute(f"drop table {table}")
        connection.execute("update vanort_meta set value = '3' where key = 'schema_version'")
    logged = invoke(
        "--db", pg_database, "log-collaboration", "-t", "Bergen", "-o", "SLK", "-a", "culture",
        "--title", "Café",
    )  # fmt: skip
    assert logged.exit_code == 0, logged.output  # type: ignore[attr-defined]
    version = scalar(pg_database, "select value from vanort_meta where key='schema_version'")
    assert version == str(migrations.SCHEMA_VERSION)
    assert scalar(pg_database, "select owner_role from collaboration") == "postgres"
    # The upgraded registry's history is written by its triggers again.
    assert scalar(pg_database, "select count(*) from audit_entry where origin = 'vanort'") > 0
    found = invoke("--db", pg_database, "collaborations", "list", "--search", "CAFE", "-f", "json")
    assert [c["title"] for c in json.loads(found.stdout)] == ["Café"]  # type: ignore[attr-defined]
    # Schema 6 on the server: the shipped notes get their Swedish.
    bergen = "select note_sv from town where key = 'bergen'"
    assert str(scalar(pg_database, bergen)).startswith("Kommunenummer 4601 sedan 2020")
    # Schema 7 on the server: the shipped start dates, and the round's tables.
    since = "select since from organisation where key = 'socialforvaltningen-hisingen'"
    assert scalar(pg_database, since) == "2021"
    assert scalar(pg_database, "select count(*) from reporting_round") == 0


def test_the_database_role_is_recorded_as_owner_and_in_the_audit_trail(
    pg_database: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("VANORT_USER", "anna")
    logged = invoke(
        "--db", pg_database, "log-collaboration", "-t", "Bergen", "-o", "SLK", "-a", "culture",
        "--title", "Parker",
    )  # fmt: skip
    assert logged.exit_code == 0, logged.output  # type: ignore[attr-defined]
    assert scalar(pg_database, "select owner_role from collaboration") == "postgres"
    assert scalar(pg_database, "select count(*) from audit_entry where db_role = 'postgres'") > 0
    assert scalar(pg_database, "select count(*) from audit_entry where db_role is null") == 0


def test_without_the_driver_a_postgresql_url_says_what_to_install(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setitem(sys.modules, "psycopg", None)  # import psycopg -> ImportError
    result = invoke("--db", "postgresql://anna:s3cret@db.example/vanort", "towns", "list")
    assert result.exit_code == 1  # type: ignore[attr-defined]
    lines = result.stderr.strip().splitlines()  # type: ignore[attr-defined]
    assert len(lines) == 1 and "pip install 'vanort[postgresql]'" in lines[0]
    assert "s3cret" not in result.output  # type: ignore[attr-defined]


def test_a_wrong_password_is_one_line_and_never_shown(
    postgres_server: pg_server.PostgresServer, pg_database: str
) -> None:
    wrong = pg_database.replace(pg_server.SUPERUSER_PASSWORD, "n0t-the-Passw0rd")
    result = invoke("--db", wrong, "towns", "list")
    assert result.exit_code == 1  # type: ignore[attr-defined]
    lines = result.stderr.strip().splitlines()  # type: ignore[attr-defined]
    assert len(lines) == 1 and "did not let postgres in" in lines[0], lines
    assert "n0t-the-Passw0rd" not in result.output  # type: ignore[attr-defined]
    assert "***" in lines[0]


def test_a_password_from_pgpassword_is_used_and_not_shown(
    postgres_server: pg_server.PostgresServer, pg_database: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    database = pg_database.rsplit("/", 1)[1]
    monkeypatch.setenv("PGPASSWORD", pg_server.SUPERUSER_PASSWORD)
    url = f"postgresql://postgres@{pg_server.HOST}:{postgres_server.port}/{database}"
    result = invoke("--db", url, "towns", "list", "-f", "json")
    assert result.exit_code == 0, result.output  # type: ignore[attr-defined]
    monkeypatch.setenv("PGPASSWORD", "wrong-one")
    refused = invoke("--db", url, "towns", "list")
    assert refused.exit_code == 1 and "wrong-one" not in refused.output  # type: ignore[attr-defined]


def test_a_server_that_is_down_is_one_line() -> None:
    port = pg_server.free_port()
    result = invoke("--db", f"postgresql://u:secret@127.0.0.1:{port}/vanort", "towns", "list")
    assert result.exit_code == 1  # type: ignore[attr-defined]
    lines = result.stderr.strip().splitlines()  # type: ignore[attr-defined]
    assert len(lines) == 1 and f"No PostgreSQL server answers at 127.0.0.1:{port}" in lines[0]
    assert "secret" not in result.output  # type: ignore[attr-defined]


def test_an_unknown_database_is_one_line(postgres_server: pg_server.PostgresServer) -> None:
    result = invoke("--db", postgres_server.url("no_such_registry"), "towns", "list")
    assert result.exit_code == 1  # type: ignore[attr-defined]
    lines = result.stderr.strip().splitlines()  # type: ignore[attr-defined]
    assert len(lines) == 1 and "no database no_such_registry" in lines[0]
    assert pg_server.SUPERUSER_PASSWORD not in result.output  # type: ignore[attr-defined]


NAMES = [
    "Göteborg Energi",
    "ÅRHUS",
    "Ærøskøbing",
    "Straße_Łódź",
    "Café  Crème",
    "Øresund–bron",
    "naïve co-op",
    "Ölands Bank",
    "Zürich",
    "  Ägir  ",
]


def test_vanort_fold_on_the_server_is_normalise(pg_database: str) -> None:
    assert invoke("--db", pg_database, "db", "init").exit_code == 0  # type: ignore[attr-defined]
    import psycopg

    with psycopg.connect(pg_database) as connection:
        folded = [
            connection.execute("select vanort_fold(%s)", (name,)).fetchone()[0]  # type: ignore[index]
            for name in NAMES
        ]
        assert connection.execute("select vanort_fold(null)").fetchone() == (None,)
    assert folded == [normalise(name) for name in NAMES]


def test_search_and_swedish_order_are_the_same_as_on_sqlite(
    pg_database: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("VANORT_TODAY", "2026-05-04")
    sqlite = str(tmp_path / "registry.db")
    titles = ["Öl", "Zeta", "Ärlig", "Åbo", "alfa", "Café", "cafeteria", "Aarhus", "Ängel", "Ödla"]
    answers: dict[str, list[object]] = {}
    for db in (sqlite, pg_database):
        for title in titles:
            logged = invoke(
                "--db", db, "log-collaboration", "-t", "Bergen", "-o", "SLK", "-a", "culture",
                "--title", title,
            )  # fmt: skip
            assert logged.exit_code == 0, logged.output  # type: ignore[attr-defined]
        for name in ("Östra", "Zorn", "Åkeriet", "Älvstaden", "Alfa"):
            added = invoke("--db", db, "orgs", "add", name, "--kind", "bolag")
            assert added.exit_code == 0, added.output  # type: ignore[attr-defined]
        answers[db] = [
            json.loads(invoke("--db", db, *command, "-f", "json").stdout)  # type: ignore[attr-defined]
            for command in (
                ("collaborations", "list", "--search", "CAFÉ"),
                ("collaborations", "list", "--search", "ar"),
                ("orgs", "list"),
                ("towns", "list"),
                ("report", "--year", "2026"),
            )
        ]
    assert sorted(c["title"] for c in answers[sqlite][0]) == ["Café", "cafeteria"]
    names = [o["name"] for o in answers[sqlite][2] if o["kind"] == "bolag"]
    assert names.index("Zorn") < names.index("Åkeriet") < names.index("Älvstaden")
    assert names.index("Älvstaden") < names.index("Östra")
    assert without_times(answers[pg_database]) == without_times(answers[sqlite])


def without_times(value: object) -> object:
    """The answer without the moments of writing, which differ between the two runs."""
    if isinstance(value, dict):
        return {
            k: without_times(v) for k, v in value.items() if k not in ("created_at", "updated_at")
        }
    if isinstance(value, list):
        return [without_times(v) for v in value]
    return value


def test_a_schema8_registry_on_the_server_records_inserts_by_statement(pg_database: str) -> None:
    """Schema 8 recorded inserts with the row trigger; schema 9 with one trigger a
    statement: after the upgrade each insert is recorded once, as before."""
    from vanort_cli.store.history_triggers import recorded_tables

    assert invoke("--db", pg_database, "db", "init").exit_code == 0  # type: ignore[attr-defined]
    import psycopg

    with psycopg.connect(pg_database, autocommit=True) as connection:
        for table in recorded_tables():
            connection.execute(f"drop trigger vanort_history_inserted on {table.name}")  # type: ignore[arg-type]
            connection.execute(f"drop trigger vanort_history on {table.name}")  # type: ignore[arg-type]
            connection.execute(
                f"create trigger vanort_history after insert or update or delete "  # type: ignore[arg-type]
                f"on {table.name} for each row execute function vanort_history()"
            )
        connection.execute("drop function vanort_history_inserted()")
        connection.execute("update vanort_meta set value = '8' where key = 'schema_version'")
    logged = invoke(
        "--db", pg_database, "log-collaboration", "-t", "Bergen", "-o", "SLK", "-a", "culture",
        "--title", "Café",
    )  # fmt: skip
    assert logged.exit_code == 0, logged.output  # type: ignore[attr-defined]
    assert scalar(pg_database, "select value from vanort_meta where key='schema_version'") == "9"
    recorded = "select count(*) from audit_entry where table_name = 'collaboration' and action = "
    assert scalar(pg_database, recorded + "'insert'") == 1
    assert scalar(pg_database, recorded + "'insert' and new::json->>'title' = 'Café'") == 1
    triggers = scalar(
        pg_database,
        "select string_agg(tgname || ':' || tgtype, ',' order by tgname) from pg_trigger "
        "where tgrelid = 'collaboration'::regclass and tgname like 'vanort%'",
    )
    # 25: a row trigger after update or delete (1 + 8 + 16); 4: a statement trigger after insert.
    assert triggers == "vanort_history:25,vanort_history_inserted:4"
