"""The record the City can trust (issue 22), attacked from the outside: a real
PostgreSQL server, each role through vanort and through plain SQL as with psql,
the owner login, and SQLite files changed with the sqlite3 module, never
through vanort. After each attack the history is read back as a user would."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner, Result

import pg_server
from vanort_cli.cli.app import app
from vanort_cli.store import roles

PASSWORD = "trust-test-pw"


@dataclass
class Server:
    """A registry set up by a plain owner login (CREATEROLE), with Anna a reporter
    bound to Kulturförvaltningen, Bo a reporter bound to none, Eva an editor."""

    server: pg_server.PostgresServer
    database: str
    owner: str
    anna: str
    bo: str
    eva: str

    def url(self, login: str) -> str:
        return self.server.url(self.database, user=login, password=PASSWORD)

    def sql(self, login: str) -> Any:
        import psycopg

        return psycopg.connect(self.url(login), autocommit=True)

    def history(self, *args: str) -> list[dict[str, Any]]:
        result = cli(self.url(self.owner), "history", "--format", "json", *args)
        assert result.exit_code == 0, result.output
        entries: list[dict[str, Any]] = json.loads(result.stdout)
        return entries

    def snapshot(self) -> dict[str, Any]:
        with self.server.connect(self.database) as connection:
            return {
                table: connection.execute(f"SELECT * FROM {table} ORDER BY 1").fetchall()
                for table in roles.ALL_TABLES
            }


def cli(url: str, *args: str, env: dict[str, str] | None = None) -> Result:
    return CliRunner().invoke(app, ["--db", url, *args], env=env)


def refused_line(result: Result) -> str:
    assert result.exit_code == 1, result.output
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert "Traceback" not in result.output and "Unexpected" not in result.output
    return lines[0]


@pytest.fixture(scope="module")
def registry(postgres_server: pg_server.PostgresServer) -> Iterator[Server]:
    with pg_server.owned_database(
        postgres_server, "trust", ("anna", "bo", "eva"), password=PASSWORD
    ) as (database, names):
        found = Server(postgres_server, database, **names)
        owner = found.url(found.owner)
        pg_server.set_up_roles(
            lambda *args: cli(owner, *args),
            (names["anna"], "reporter", "--org", "Kulturförvaltningen"),
            (names["bo"], "reporter"),
            (names["eva"], "editor"),
        )
        yield found


def log(registry: Server, login: str, title: str, org: str = "Kulturförvaltningen") -> int:
    result = cli(
        registry.url(login),
        "log-collaboration",
        *("-t", "Bergen", "-o", org, "-a", "culture", "--title", title),
    )
    assert result.exit_code == 0, result.output
    return int(result.stdout.strip())


# -- the history is written by the database ----------------------------------------------


def test_a_change_made_with_psql_is_in_the_history_as_its_role(registry: Server) -> None:
    own = log(registry, registry.anna, "Anna's, to be changed past vanort")
    with registry.sql(registry.anna) as connection:
        connection.execute(
            "UPDATE collaboration SET title = 'Changed with psql', reported_by = 'The Mayor' "
            "WHERE id = %s",
            [own],
        )
    [entry] = [
        e
        for e in registry.history("--table", "collaboration", "--id", str(own))
        if e["action"] == "update"
    ]
    assert entry["who"] == entry["db_role"] == registry.anna
    assert entry["origin"] == "outside" and entry["claimed_by"] is None
    assert entry["new"] == {"title": "Changed with psql", "reported_by": "The Mayor"}
    table = cli(registry.url(registry.owner), "history", "--table", "collaboration", "--all")
    assert f"{registry.anna} (outside vanort)" in table.stdout


def test_a_claim_is_shown_as_a_claim_beside_the_role(registry: Server) -> None:
    result = cli(
        registry.url(registry.eva),
        *("meeting", "record", "2045", "--host", "Bergen", "--status", "planned"),
        env={"VANORT_USER": "Ed Editor"},
    )
    assert result.exit_code == 0, result.output
    entry = registry.history("--table", "meeting")[-1]
    assert entry["who"] == entry["db_role"] == registry.eva
    assert entry["claimed_by"] == "Ed Editor" and entry["origin"] == "vanort"
    assert "meeting record" in entry["command"]
    assert entry["login"] is None
    csv = cli(registry.url(registry.owner), "history", "--table", "meeting", "--format", "csv")
    assert f"{registry.eva} (claims: Ed Editor)" in csv.stdout


def test_no_login_writes_changes_or_empties_the_history(registry: Server) -> None:
    import psycopg

    log(registry, registry.anna, "Before the forgery")
    before = registry.snapshot()
    forged = (
        "INSERT INTO audit_entry (at, who, given_name, table_name, record_id, action, db_role) "
        "VALUES ('2020-01-01', 'eva', 'Ed Editor', 'meeting', 1, 'update', 'eva')"
    )
    for login in (registry.anna, registry.bo, registry.eva, registry.owner):
        with registry.sql(login) as connection:
            for statement in (
                forged,
                "UPDATE audit_entry SET who = 'nobody'",
                "DELETE FROM audit_entry",
                "TRUNCATE audit_entry",
                "ALTER TABLE audit_entry DISABLE TRIGGER ALL",
                "ALTER TABLE collaboration DISABLE TRIGGER vanort_history",
                "ALTER TABLE collaboration DISABLE TRIGGER vanort_history_inserted",
                "SELECT vanort_history()",
                "SELECT vanort_history_inserted()",
            ):
                with pytest.raises(psycopg.errors.InsufficientPrivilege):
                    connection.execute(statement)
    assert registry.snapshot() == before


def test_the_owner_is_a_role_that_cannot_log_in(registry: Server) -> None:
    with registry.server.connect(registry.database) as connection:
        owners = connection.execute(
            "SELECT DISTINCT relowner::regrole::text FROM pg_class "
            "WHERE relnamespace = current_schema()::regnamespace AND relkind IN ('r', 'S')"
        ).fetchall()
        assert owners == [(roles.OWNER,)]
        assert connection.execute(
            "SELECT rolcanlogin FROM pg_roles WHERE rolname = %s", [roles.OWNER]
        ).fetchone() == (False,)
        member = connection.execute(
            "SELECT pg_has_role(%s, %s, 'MEMBER')", [registry.owner, roles.OWNER]
        ).fetchone()
        assert member == (False,)  # the set-up login took it only for its transaction
        functions = connection.execute(
            "SELECT prosecdef, proconfig, proacl::text, proowner::regrole::text FROM pg_proc "
            "WHERE proname IN ('vanort_history', 'vanort_history_inserted')"
        ).fetchall()
        assert len(functions) == 2
        for definer, config, acl, owner in functions:
            assert definer and any(c.startswith("search_path=") for c in config)
            # EXECUTE is not PUBLIC's: no "=X/owner" item in the function's ACL.
            assert not any(item.startswith("=") for item in acl.strip("{}").split(","))
            assert owner == roles.OWNER


def test_reporters_delete_softly_and_nobody_chooses_ids(registry: Server) -> None:
    import psycopg

    own = log(registry, registry.anna, "Anna's, deleted softly")
    before = registry.snapshot()
    with (
        registry.sql(registry.anna) as connection,
        pytest.raises(psycopg.errors.InsufficientPrivilege),
    ):
        connection.execute("DELETE FROM collaboration WHERE id = %s", [own])
    for login in (registry.anna, registry.eva):
        with registry.sql(login) as connection:
            for statement in (
                "INSERT INTO collaboration (id, title, organisation_id, area_id, kind, "
                "start_date, reported_by, reported_on) "
                "VALUES (100000, 'x', 1, 1, 'project', '2026-01-01', 'x', '2026-01-01')",
                "SELECT nextval(pg_get_serial_sequence('collaboration', 'id'))",
                "SELECT setval(pg_get_serial_sequence('audit_entry', 'id'), 2000000000)",
                "UPDATE collaboration SET id = 99999 WHERE id = 1",
            ):
                with pytest.raises(psycopg.errors.InsufficientPrivilege):
                    connection.execute(statement)
    assert registry.snapshot() == before
    deleted = cli(registry.url(registry.anna), "collaborations", "delete", str(own), "--yes")
    assert deleted.exit_code == 0, deleted.output
    assert registry.history("--table", "collaboration", "--id", str(own))[-1]["action"] == "hide"
    restored = cli(registry.url(registry.anna), "restore-record", "collaboration", str(own))
    assert restored.exit_code == 0, restored.output
    # A colleague's next row is stored as ever.
    log(registry, registry.bo, "Bo's, after the attempts", org="SLK")


# -- reporters answer for their own organisation --------------------------------------------


def test_a_bound_reporter_logs_only_for_her_organisation(registry: Server) -> None:
    import psycopg

    log(registry, registry.anna, "Nordic literature days")
    before = registry.snapshot()
    line = refused_line(
        cli(
            registry.url(registry.anna),
            *("log-collaboration", "-t", "Bergen", "-o", "SLK", "-a", "culture"),
            *("--title", "For another administration"),
        )
    )
    assert "Kulturförvaltningen" in line and "vanort_editor" in line
    with registry.sql(registry.anna) as connection:
        slk = connection.execute(
            "SELECT id FROM organisation WHERE name = 'Stadsledningskontoret'"
        ).fetchone()
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            connection.execute(
                "INSERT INTO collaboration (title, organisation_id, area_id, kind, start_date, "
                "reported_by, reported_on) VALUES ('x', %s, 1, 'project', '2026-01-01', 'x', "
                "'2026-01-01')",
                [slk[0]],
            )
        # Moving one of hers to another organisation is refused too.
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            connection.execute("UPDATE collaboration SET organisation_id = %s", [slk[0]])
    assert registry.snapshot() == before
    listing = cli(registry.url(registry.owner), "db", "roles", "--list", "--format", "json")
    rows = json.loads(listing.stdout)
    assert {
        "role": "vanort_reporter",
        "login": registry.anna,
        "organisations": "Kulturförvaltningen",
    } in rows
    shown = cli(registry.url(registry.owner), "collaborations", "show", "1", "--format", "json")
    assert json.loads(shown.stdout)["stored_by"] == registry.anna


def test_check_names_the_reporters_bound_to_no_organisation(registry: Server) -> None:
    result = cli(registry.url(registry.owner), "check", "--format", "json")
    found = [f for f in json.loads(result.stdout)["findings"] if f["code"] == "reporter_not_bound"]
    assert [f["logins"] for f in found] == [[registry.bo]]


# -- SQLite: the file records what any client does ----------------------------------------------


def vanort(
    path: Path, *args: str, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "vanort_cli", "--db", str(path), *args],
        capture_output=True,
        text=True,
        env={**os.environ, **(env or {})},
        check=False,
    )


@pytest.fixture
def sqlite_registry(tmp_path: Path) -> Path:
    path = tmp_path / "registry.db"
    assert vanort(path, "db", "init").returncode == 0
    return path


def test_on_sqlite_the_login_is_the_process_owner_not_its_environment(
    sqlite_registry: Path,
) -> None:
    import pwd

    real = pwd.getpwuid(os.getuid()).pw_name
    env = {"LOGNAME": "mayor", "USER": "mayor", "VANORT_USER": "The Mayor"}
    logged = vanort(
        sqlite_registry,
        *("log-collaboration", "-t", "Bergen", "-o", "SLK", "-a", "culture", "--title", "T"),
        env=env,
    )
    assert logged.returncode == 0, logged.stderr
    entry = json.loads(vanort(sqlite_registry, "history", "--format", "json").stdout)[0]
    assert entry["who"] == entry["login"] == real
    assert entry["claimed_by"] == "The Mayor" and entry["db_role"] is None
    assert entry["origin"] == "vanort" and "log-collaboration" in entry["command"]


def test_on_sqlite_a_change_made_past_vanort_is_recorded_as_outside(sqlite_registry: Path) -> None:
    with sqlite3.connect(sqlite_registry) as connection:
        connection.execute(
            "UPDATE town SET note = 'set with the sqlite3 shell' WHERE key = 'bergen'"
        )
        connection.execute("DELETE FROM area WHERE key = 'culture'")
    connection.close()
    entries = json.loads(vanort(sqlite_registry, "history", "--format", "json").stdout)
    assert [(e["table"], e["action"], e["origin"], e["who"]) for e in entries] == [
        ("town", "update", "outside", "unknown"),
        ("area", "delete", "outside", "unknown"),
    ]
    assert entries[0]["new"] == {"note": "set with the sqlite3 shell"}
    assert entries[1]["old"]["key"] == "culture"
    # The claim never outlives vanort's own transaction.
    with sqlite3.connect(sqlite_registry) as connection:
        assert connection.execute("SELECT count(*) FROM vanort_claim").fetchone() == (0,)
    connection.close()


def test_on_sqlite_a_doctored_history_trigger_is_refused(sqlite_registry: Path) -> None:
    with sqlite3.connect(sqlite_registry) as connection:
        connection.execute("DROP TRIGGER vanort_history_collaboration_update")
        connection.execute(
            "CREATE TRIGGER vanort_history_collaboration_update AFTER UPDATE ON collaboration "
            "BEGIN DELETE FROM audit_entry; END"
        )
    connection.close()
    before = sqlite_registry.read_bytes()
    result = vanort(sqlite_registry, "collaborations", "list")
    assert result.returncode == 1
    assert "trigger vanort_history_collaboration_update" in result.stderr
    assert sqlite_registry.read_bytes() == before


def test_db_import_keeps_a_documents_history_as_imported_never_as_new(
    sqlite_registry: Path, tmp_path: Path
) -> None:
    logged = vanort(
        sqlite_registry,
        *("log-collaboration", "-t", "Bergen", "-o", "SLK", "-a", "culture", "--title", "Real"),
    )
    assert logged.returncode == 0, logged.stderr
    document = tmp_path / "registry.json"
    exported = vanort(sqlite_registry, "db", "export", "-o", str(document), "--history")
    assert exported.returncode == 0, exported.stderr
    data = json.loads(document.read_text(encoding="utf-8"))
    forged = dict(data["tables"]["audit_entry"][0])
    forged.update(id=999, who="ed", given_name="Ed Editor", at="2001-01-01T00:00:00+00:00")
    data["tables"]["audit_entry"].append(forged)
    document.write_text(json.dumps(data), encoding="utf-8")
    target = tmp_path / "imported.db"
    imported = vanort(target, "db", "import", str(document))
    assert imported.returncode == 0, imported.stderr
    entries = json.loads(vanort(target, "history", "--format", "json").stdout)
    from_document = [e for e in entries if e["origin"] == "imported"]
    assert len(from_document) == len(data["tables"]["audit_entry"])
    assert {"ed"} <= {e["who"] for e in from_document}
    # The import itself is history of the registry it went into, by whoever ran it.
    [own] = [e for e in entries if e["origin"] != "imported"]
    assert own["origin"] == "vanort" and "db import" in own["command"]
    table = vanort(target, "history", "--all").stdout
    assert "ed (imported)" in table


def test_the_owner_backs_up_and_restores_a_set_up_registry_and_the_rules_hold(
    registry: Server, tmp_path: Path
) -> None:
    """pg_dump must read the id sequences, which only vanort_schema may: the owner
    login takes it for as long as the tool runs, and is no member after."""
    import psycopg

    owner = registry.url(registry.owner)
    archive = tmp_path / "registry.dump"
    backed_up = cli(owner, "db", "backup", str(archive))
    assert backed_up.exit_code == 0, backed_up.output
    log(registry, registry.anna, "After the backup, before the restore")
    restored = cli(owner, "db", "restore", str(archive))
    assert restored.exit_code == 0, restored.output
    titles = json.loads(cli(owner, "collaborations", "list", "--all", "-f", "json").stdout)
    assert "After the backup, before the restore" not in {c["title"] for c in titles}
    with registry.server.connect(registry.database) as connection:
        member = connection.execute(
            "SELECT pg_has_role(%s, %s, 'MEMBER')", [registry.owner, roles.OWNER]
        ).fetchone()
        assert member == (False,)
    log(registry, registry.anna, "After the restore")
    with (
        registry.sql(registry.anna) as connection,
        pytest.raises(psycopg.errors.InsufficientPrivilege),
    ):
        connection.execute("DELETE FROM audit_entry")
