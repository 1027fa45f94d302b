"""`vanort serve`'s own PostgreSQL role (issue 25), attacked from the outside as in
test_round_roles.py: the web's login through plain SQL as with psql may write
collaborations and a round's answers for any organisation, and nothing else; and
the real server started with that login serves its pages."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import httpx
import pytest
from typer.testing import CliRunner, Result

import pg_server
from vanort_cli.cli.app import app
from web_server import serving

PASSWORD = "web-role-test-pw"
TODAY = "2026-12-07"


@dataclass
class Server:
    """A set-up registry, a round for 2026, and `web` a login granted --as web."""

    server: pg_server.PostgresServer
    database: str
    owner: str
    web: str
    eva: str

    def url(self, login: str) -> str:
        return self.server.url(self.database, user=login, password=PASSWORD)

    def sql(self, login: str) -> Any:
        import psycopg

        return psycopg.connect(self.url(login), autocommit=True)

    def one(self, sql: str, *parameters: Any) -> Any:
        with self.server.connect(self.database) as connection:
            return connection.execute(sql, list(parameters)).fetchone()


def cli(url: str, *args: str) -> Result:
    return CliRunner().invoke(app, ["--db", url, *args], env={"VANORT_TODAY": TODAY})


@pytest.fixture(scope="module")
def registry(postgres_server: pg_server.PostgresServer) -> Iterator[Server]:
    with pg_server.owned_database(
        postgres_server, "webrole", ("web", "eva"), password=PASSWORD
    ) as (database, names):
        found = Server(postgres_server, database, **names)
        owner = found.url(found.owner)
        pg_server.set_up_roles(
            lambda *args: cli(owner, *args),
            (names["web"], "web"),
            (names["eva"], "editor"),
        )
        opened = cli(found.url(found.eva), "round", "open", "2026", "--deadline", "2027-01-31")
        assert opened.exit_code == 0, opened.output
        yield found


def test_setup_again_changes_nothing_and_the_list_shows_the_web(registry: Server) -> None:
    owner = registry.url(registry.owner)
    again = cli(owner, "db", "roles", "--setup")
    assert again.exit_code == 0, again.output
    assert "nothing changed" in again.output, again.output
    listed = cli(owner, "db", "roles", "--list", "--format", "csv")
    assert listed.exit_code == 0, listed.output
    assert f"vanort_web,{registry.web}," in listed.stdout
    assert registry.one("SELECT rolcanlogin FROM pg_roles WHERE rolname = 'vanort_web'") == (False,)


def test_the_web_writes_collaborations_and_answers_for_any_organisation(
    registry: Server,
) -> None:
    import psycopg

    kultur = registry.one("SELECT id FROM organisation WHERE name = 'Kulturförvaltningen'")[0]
    slk = registry.one("SELECT id FROM organisation WHERE name = 'Stadsledningskontoret'")[0]
    area = registry.one("SELECT id FROM area ORDER BY id LIMIT 1")[0]
    town = registry.one("SELECT id FROM town WHERE name = 'Bergen'")[0]
    with registry.sql(registry.web) as connection:
        collaboration = connection.execute(
            "INSERT INTO collaboration (title, organisation_id, area_id, kind, start_date, "
            "reported_by, reported_on, created_at, updated_at) VALUES "
            "('Nordiska litteraturdagar', %s, %s, 'project', '2026-03-01', 'web', %s, "
            "now(), now()) RETURNING id",
            [kultur, area, TODAY],
        ).fetchone()[0]
        connection.execute(
            "INSERT INTO collaboration_town (collaboration_id, town_id) VALUES (%s, %s)",
            [collaboration, town],
        )
        for organisation in (kultur, slk):  # any organisation: the link decides, not the role
            changed = connection.execute(
                "UPDATE round_organisation SET answer = 'collaborations', answered_on = %s, "
                "answered_by = 'Kerstin' WHERE organisation_id = %s",
                [TODAY, organisation],
            )
            assert changed.rowcount == 1
        place = connection.execute(
            "SELECT id FROM round_organisation WHERE organisation_id = %s", [kultur]
        ).fetchone()[0]
        connection.execute(
            "INSERT INTO round_collaboration (round_organisation_id, collaboration_id) "
            "VALUES (%s, %s)",
            [place, collaboration],
        )
        # Deleted softly, restorable; never for good.
        connection.execute(
            "UPDATE collaboration SET deleted_at = now() WHERE id = %s", [collaboration]
        )
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            connection.execute("DELETE FROM collaboration WHERE id = %s", [collaboration])
        # The answer, not when the office asked.
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            connection.execute("UPDATE round_organisation SET asked_on = %s", [TODAY])
    history = registry.one(
        "SELECT count(*) FROM audit_entry WHERE db_role = %s AND table_name = 'collaboration'",
        registry.web,
    )
    assert history[0] >= 2  # written by the triggers, as the owner, for the web's changes


@pytest.mark.parametrize(
    "sql",
    [
        "SELECT email FROM organisation_contact",
        "SELECT recipient FROM round_letter",
        "UPDATE meeting SET note = 'x'",
        "UPDATE town SET name = 'x'",
        "UPDATE organisation SET name = 'x'",
        "INSERT INTO organisation (key, name, kind) VALUES ('x', 'x', 'bolag')",
        "UPDATE reporting_round SET deadline = '2030-01-01'",
        "INSERT INTO audit_entry (at, who, table_name, action) "
        "VALUES (now(), 'x', 'meeting', 'insert')",
        "DELETE FROM audit_entry",
        "UPDATE vanort_meta SET value = '1' WHERE key = 'schema_version'",
        "DELETE FROM vanort_meta WHERE key = 'application'",
        "INSERT INTO reporter_organisation (login, organisation_id) VALUES ('x', 1)",
        "DROP TABLE collaboration",
        "CREATE TABLE web_owned (id int)",
    ],
)
def test_the_web_changes_nothing_else(registry: Server, sql: str) -> None:
    import psycopg

    with registry.sql(registry.web) as connection:
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            connection.execute(sql)
        # Being in the group is all it is: it is never the owner.
        assert connection.execute(
            "SELECT pg_has_role(current_user, 'vanort_schema', 'MEMBER')"
        ).fetchone() == (False,)


def test_vanort_serve_runs_as_the_web_login_and_reads(registry: Server) -> None:
    with serving(registry.url(registry.web)) as base:
        home = httpx.get(base + "/", timeout=10)
    assert home.status_code == 200, home.text
    assert "<html" in home.text
