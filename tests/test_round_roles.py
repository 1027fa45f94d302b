"""The reporting round on a shared PostgreSQL registry (issue 24), attacked from
the outside as in test_record_trust.py: each role through plain SQL as with
psql. A reporter answers only for the organisations it is bound to; contacts
are personal data that only editors read; the history never holds a person."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pytest
from typer.testing import CliRunner, Result

import pg_server
from vanort_cli.cli.app import app

PASSWORD = "round-test-pw"
TODAY = "2026-12-07"


@dataclass
class Server:
    """A set-up registry with Anna a reporter bound to Kulturförvaltningen, Bo a
    reporter bound to none, Rut a reader and Eva an editor; a round for 2026."""

    server: pg_server.PostgresServer
    database: str
    owner: str
    anna: str
    bo: str
    rut: str
    eva: str

    def url(self, login: str) -> str:
        return self.server.url(self.database, user=login, password=PASSWORD)

    def sql(self, login: str) -> Any:
        import psycopg

        return psycopg.connect(self.url(login), autocommit=True)

    def org_id(self, name: str) -> int:
        with self.sql(self.owner) as connection:
            return int(
                connection.execute(
                    "SELECT id FROM organisation WHERE name = %s", [name]
                ).fetchone()[0]
            )


def cli(url: str, *args: str) -> Result:
    return CliRunner().invoke(app, ["--db", url, *args], env={"VANORT_TODAY": TODAY})


@pytest.fixture(scope="module")
def registry(postgres_server: pg_server.PostgresServer) -> Iterator[Server]:
    with pg_server.owned_database(
        postgres_server, "round", ("anna", "bo", "rut", "eva"), password=PASSWORD
    ) as (database, names):
        found = Server(postgres_server, database, **names)
        owner = found.url(found.owner)
        pg_server.set_up_roles(
            lambda *args: cli(owner, *args),
            (names["anna"], "reporter", "--org", "Kulturförvaltningen"),
            (names["bo"], "reporter"),
            (names["rut"], "reader"),
            (names["eva"], "editor"),
        )
        opened = cli(found.url(found.eva), "round", "open", "2026", "--deadline", "2027-01-31")
        assert opened.exit_code == 0, opened.output
        yield found


def test_a_reporter_answers_only_for_her_own_organisation(registry: Server) -> None:
    import psycopg

    kultur = registry.org_id("Kulturförvaltningen")
    slk = registry.org_id("Stadsledningskontoret")
    answer = (
        "UPDATE round_organisation SET answer = 'nothing', answered_on = %s "
        "WHERE organisation_id = %s"
    )
    with registry.sql(registry.anna) as connection:
        # Another organisation's place in the round is not hers to change: no row.
        assert connection.execute(answer, [TODAY, slk]).rowcount == 0
        assert connection.execute(answer, [TODAY, kultur]).rowcount == 1
        # What she may change is the answer, not when it was asked.
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            connection.execute(
                "UPDATE round_organisation SET asked_on = %s WHERE organisation_id = %s",
                [TODAY, kultur],
            )
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            connection.execute("UPDATE reporting_round SET deadline = '2030-01-01'")
    with registry.sql(registry.bo) as connection:
        # A reporter bound to no organisation answers for none.
        assert connection.execute(answer, [TODAY, slk]).rowcount == 0
        assert connection.execute(answer, [TODAY, kultur]).rowcount == 0
    with (
        registry.sql(registry.rut) as connection,
        pytest.raises(psycopg.errors.InsufficientPrivilege),
    ):
        connection.execute(answer, [TODAY, kultur])
    with registry.sql(registry.owner) as connection:
        answered = connection.execute(
            "SELECT o.name FROM round_organisation r JOIN organisation o "
            "ON o.id = r.organisation_id WHERE r.answer IS NOT NULL"
        ).fetchall()
    assert answered == [("Kulturförvaltningen",)]


def test_contacts_are_read_by_editors_only_and_the_history_keeps_no_person(
    registry: Server,
) -> None:
    import psycopg

    from vanort_cli.store.history_triggers import PERSONAL_VALUE

    kultur = registry.org_id("Kulturförvaltningen")
    with registry.sql(registry.eva) as connection:
        connection.execute(
            "INSERT INTO organisation_contact (organisation_id, name, email, language, is_primary) "
            "VALUES (%s, 'Kerstin Ek', 'kerstin.ek@kultur.goteborg.se', 'sv', true)",
            [kultur],
        )
        connection.execute(
            "UPDATE organisation_contact SET email = 'k.ek@kultur.goteborg.se', language = 'en'"
        )
        assert connection.execute("SELECT count(*) FROM organisation_contact").fetchone() == (1,)
    for login in (registry.anna, registry.bo, registry.rut):
        with registry.sql(login) as connection:
            with pytest.raises(psycopg.errors.InsufficientPrivilege):
                connection.execute("SELECT email FROM organisation_contact")
            with pytest.raises(psycopg.errors.InsufficientPrivilege):
                connection.execute("SELECT recipient FROM round_letter")
    with registry.sql(registry.eva) as connection:
        connection.execute("DELETE FROM organisation_contact")
    shown = cli(
        registry.url(registry.owner),
        "history",
        "--table",
        "organisation_contact",
        "--format",
        "json",
    )
    assert shown.exit_code == 0, shown.output
    entries = json.loads(shown.stdout)
    assert [e["action"] for e in entries] == ["delete", "update", "insert"] or [
        e["action"] for e in entries
    ] == ["insert", "update", "delete"]
    text = shown.stdout
    assert "Kerstin" not in text and "goteborg.se" not in text
    assert PERSONAL_VALUE in text
    update = next(e for e in entries if e["action"] == "update")
    # That the address changed is kept, and the language's change as it was.
    changes = json.dumps(update)
    assert "email" in changes and '"en"' in changes
    with registry.sql(registry.owner) as connection:
        raw = connection.execute(
            "SELECT coalesce(old, '') || coalesce(new, '') FROM audit_entry "
            "WHERE table_name = 'organisation_contact'"
        ).fetchall()
    assert raw and not any("Kerstin" in row[0] or "goteborg.se" in row[0] for row in raw)


def test_through_vanort_a_reporter_answers_for_hers_and_is_told_why_not_for_others(
    registry: Server,
) -> None:
    anna = registry.url(registry.anna)
    before = cli(registry.url(registry.owner), "round", "status", "2026", "-f", "json")
    refused = cli(anna, "round", "answer", "2026", "Stadsledningskontoret", "--nothing")
    assert refused.exit_code == 1, refused.output
    line = refused.stderr.strip()
    assert len(line.splitlines()) == 1 and "Traceback" not in refused.output
    assert "Kulturförvaltningen" in line, line
    after = cli(registry.url(registry.owner), "round", "status", "2026", "-f", "json")
    assert after.stdout == before.stdout
    logged = cli(
        anna,
        *("log-collaboration", "-t", "Bergen", "-o", "Kulturförvaltningen", "-a", "culture"),
        *("--title", "Nordiska litteraturdagar", "--start", "2026-03-01", "--round", "2026"),
    )
    assert logged.exit_code == 0, logged.output
    status = json.loads(
        cli(registry.url(registry.owner), "round", "status", "2026", "-f", "json").stdout
    )
    kultur = next(row for row in status if row["organisation"] == "Kulturförvaltningen")
    assert kultur["answer"] == "collaborations" and kultur["collaborations"] == 1
