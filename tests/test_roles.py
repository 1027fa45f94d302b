"""The roles a PostgreSQL registry enforces, against a real server: set up by the
owner, then each role through the CLI and through plain SQL (as with psql)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner, Result

import pg_server
from vanort_cli.cli.app import app
from vanort_cli.store import roles

PASSWORD = "role-test-pw"


@dataclass
class Server:
    """A registry database owned by a plain login (not a superuser), its roles set
    up, and a login for each role: two reporters, an editor and a reader."""

    server: pg_server.PostgresServer
    database: str
    owner: str
    anna: str  # reporter
    bo: str  # reporter
    eva: str  # editor
    rut: str  # reader

    def url(self, login: str) -> str:
        return self.server.url(self.database, user=login, password=PASSWORD)

    def sql(self, login: str) -> Any:
        import psycopg

        return psycopg.connect(self.url(login), autocommit=True)

    def snapshot(self) -> dict[str, Any]:
        """Every table's rows, to prove that a refused change wrote nothing."""
        with self.server.connect(self.database) as connection:
            return {
                table: connection.execute(f"SELECT * FROM {table} ORDER BY 1").fetchall()
                for table in roles.ALL_TABLES
            }


def cli(url: str, *args: str) -> Result:
    return CliRunner().invoke(app, ["--db", url, *args])


def refused(result: Result) -> str:
    """The one line of a refusal, exit 1."""
    assert result.exit_code == 1, result.output
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert "Traceback" not in result.output
    return lines[0]


@pytest.fixture(scope="module")
def registry(postgres_server: pg_server.PostgresServer) -> Iterator[Server]:
    with pg_server.owned_database(
        postgres_server, "roles", ("anna", "bo", "eva", "rut"), password=PASSWORD
    ) as (database, names):
        found = Server(postgres_server, database, **names)
        owner = found.url(found.owner)
        result = cli(owner, "db", "init")
        assert result.exit_code == 0, result.output
        result = cli(owner, "db", "roles", "--setup")
        assert result.exit_code == 0, result.output
        assert "Roles set up" in result.stderr
        for login, role in (("anna", "reporter"), ("bo", "reporter"), ("eva", "editor")):
            result = cli(owner, "db", "roles", "--grant", names[login], "--as", role)
            assert result.exit_code == 0, result.output
        result = cli(owner, "db", "roles", "--grant", names["rut"], "--as", "reader")
        assert f"{names['rut']} is now in vanort_reader" in result.stderr
        yield found


def log(registry: Server, login: str, title: str) -> int:
    result = cli(
        registry.url(login),
        "log-collaboration",
        "-t",
        "Bergen",
        "-o",
        "SLK",
        "-a",
        "culture",
        "--title",
        title,
    )
    assert result.exit_code == 0, result.output
    return int(result.stdout.strip())


# -- set-up --------------------------------------------------------------------------


def test_a_second_setup_changes_nothing_and_says_so(registry: Server) -> None:
    before = registry.snapshot()
    result = cli(registry.url(registry.owner), "db", "roles", "--setup")
    assert result.exit_code == 0, result.output
    assert "nothing changed" in result.stderr
    assert registry.snapshot() == before


def test_grant_to_a_member_missing_login_and_listing(registry: Server) -> None:
    owner = registry.url(registry.owner)
    result = cli(owner, "db", "roles", "--grant", registry.anna, "--as", "reporter")
    assert result.exit_code == 0
    assert "already in vanort_reporter; nothing changed" in result.stderr
    line = refused(cli(owner, "db", "roles", "--grant", "no_such_login", "--as", "editor"))
    assert "CREATE ROLE" in line and "no_such_login" in line
    listing = cli(owner, "db", "roles", "--format", "json")
    assert {"role": "vanort_editor", "login": registry.eva, "organisations": ""} in __import__(
        "json"
    ).loads(listing.stdout)


def test_setup_by_a_login_without_the_right_is_one_line(registry: Server) -> None:
    line = refused(cli(registry.url(registry.anna), "db", "roles", "--setup"))
    assert "database owner" in line


def test_roles_on_sqlite_are_refused_in_one_line(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["db", "roles", "--setup"])
    assert "database server" in refused(result)


# -- a reporter --------------------------------------------------------------------------


def test_reporter_logs_and_edits_its_own_not_a_colleagues(registry: Server) -> None:
    own = log(registry, registry.anna, "Anna's exchange")
    theirs = log(registry, registry.bo, "Bo's exchange")
    anna = registry.url(registry.anna)
    result = cli(anna, "collaborations", "edit", str(own), "--title", "Anna's, edited")
    assert result.exit_code == 0, result.output

    before = registry.snapshot()
    line = refused(cli(anna, "collaborations", "edit", str(theirs), "--title", "Taken"))
    assert line == (
        "Error: vanort_reporter may log and edit its own collaborations; changing a "
        "collaboration someone else reported needs vanort_editor."
    )
    refused(cli(anna, "collaborations", "delete", str(theirs), "--yes"))
    assert registry.snapshot() == before


def test_reporter_cannot_record_a_meeting(registry: Server) -> None:
    before = registry.snapshot()
    line = refused(cli(registry.url(registry.bo), "meeting", "record", "2041", "--host", "Bergen"))
    assert line == (
        "Error: vanort_reporter may log and edit its own collaborations; recording "
        "meetings needs vanort_editor."
    )
    assert registry.snapshot() == before


def test_reporter_with_plain_sql(registry: Server) -> None:
    import psycopg

    own = log(registry, registry.anna, "Anna's SQL test")
    theirs = log(registry, registry.bo, "Bo's SQL test")
    before = registry.snapshot()
    with registry.sql(registry.anna) as connection:
        # A colleague's rows are out of reach: no row matches.
        assert (
            connection.execute(
                "UPDATE collaboration SET title = 'x' WHERE id = %s", [theirs]
            ).rowcount
            == 0
        )
        assert (
            connection.execute(
                "DELETE FROM collaboration_town WHERE collaboration_id = %s", [theirs]
            ).rowcount
            == 0
        )
        refusals = [
            # Who stored a row is the server's to say: no one writes owner_role.
            ("UPDATE collaboration SET owner_role = current_user WHERE id = %s", [theirs]),
            # A reporter deletes softly, her own too: no DELETE at all.
            ("DELETE FROM collaboration WHERE id = %s", [theirs]),
            ("DELETE FROM collaboration WHERE id = %s", [own]),
            # Giving one's own collaboration away.
            ("UPDATE collaboration SET owner_role = 'someone' WHERE id = %s", [own]),
            ("INSERT INTO collaboration_town (collaboration_id, town_id) VALUES (%s, 1)", [theirs]),
            ("UPDATE meeting SET note = 'x'", []),
            ("INSERT INTO town_alias (town_id, alias, normalised) VALUES (1, 'x', 'x')", []),
            ("UPDATE audit_entry SET who = 'nobody'", []),
            ("DELETE FROM audit_entry", []),
            (
                "INSERT INTO audit_entry (at, who, table_name, action, db_role) "
                "VALUES (now(), 'x', 'meeting', 'insert', 'someone_else')",
                [],
            ),
        ]
        for statement, parameters in refusals:
            with pytest.raises(psycopg.errors.InsufficientPrivilege):
                connection.execute(statement, parameters)
    assert registry.snapshot() == before


# -- a reader ------------------------------------------------------------------------------


def test_reader_reads_and_writes_nothing(registry: Server) -> None:
    import psycopg

    rut = registry.url(registry.rut)
    result = cli(rut, "collaborations", "list", "--format", "json")
    assert result.exit_code == 0, result.output
    before = registry.snapshot()
    line = refused(
        cli(rut, "log-collaboration", "-t", "Bergen", "-o", "SLK", "-a", "culture", "--title", "R")
    )
    assert line.startswith("Error: vanort_reader may read the registry; ")
    assert "vanort_reader" in refused(cli(rut, "meeting", "record", "2041", "--host", "Bergen"))
    with registry.sql(registry.rut) as connection:
        for table in roles.ALL_TABLES:
            with pytest.raises(psycopg.errors.InsufficientPrivilege):
                connection.execute(f"DELETE FROM {table}")
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            connection.execute(
                "INSERT INTO audit_entry (at, who, table_name, action) "
                "VALUES (now(), 'x', 'meeting', 'insert')"
            )
    assert registry.snapshot() == before


# -- contacts (personal data) -------------------------------------------------------------


def test_contacts_are_for_editors_only(registry: Server) -> None:
    address = "kontakt@slk.goteborg.se"
    eva = registry.url(registry.eva)
    result = cli(eva, "orgs", "contact", "add", "SLK", "--name", "Eva Ek", "--email", address)
    assert result.exit_code == 0, result.output
    shown = json.loads(cli(eva, "orgs", "show", "SLK", "--format", "json").stdout)
    assert [c["email"] for c in shown["contacts"]] == [address]
    before = registry.snapshot()
    for login in (registry.anna, registry.rut):
        url = registry.url(login)
        for args in (
            ["orgs", "contact", "list"],
            ["orgs", "contact", "add", "SLK", "--name", "X", "--email", "x@slk.goteborg.se"],
        ):
            line = refused(cli(url, *args))
            assert "reading or changing contacts (personal data) needs vanort_editor" in line
        # The organisation is shown without them: null, not an empty list.
        result = cli(url, "orgs", "show", "SLK", "--format", "json")
        assert result.exit_code == 0, result.output
        assert json.loads(result.stdout)["contacts"] is None and address not in result.output
        table = cli(url, "orgs", "show", "SLK")
        assert table.exit_code == 0 and "Stadsledningskontoret" in table.stdout
    assert registry.snapshot() == before


# -- an editor -------------------------------------------------------------------------------


def test_editor_records_meetings_and_edits_any_collaboration(registry: Server) -> None:
    import psycopg

    eva = registry.url(registry.eva)
    result = cli(eva, "meeting", "record", "2043", "--host", "Bergen", "--status", "planned")
    assert result.exit_code == 0, result.output
    theirs = log(registry, registry.bo, "Bo's, for the editor")
    result = cli(eva, "collaborations", "edit", str(theirs), "--title", "Edited by SLK")
    assert result.exit_code == 0, result.output
    with registry.sql(registry.eva) as connection:
        for statement in ("UPDATE audit_entry SET who = 'x'", "DELETE FROM audit_entry"):
            with pytest.raises(psycopg.errors.InsufficientPrivilege):
                connection.execute(statement)
        # Settings are the editor's; the schema's own rows are not (no row matches).
        changed = connection.execute(
            "UPDATE vanort_meta SET value = '99' WHERE key = 'schema_version'"
        ).rowcount
        assert changed == 0
    with registry.server.connect(registry.database) as connection:
        roles_in_history = {
            row[0]
            for row in connection.execute(
                "SELECT db_role FROM audit_entry WHERE table_name = 'meeting'"
            )
        }
    assert registry.eva in roles_in_history
