"""A registry or backup whose tables were altered outside vanort is refused when it
is opened, upgraded or restored, with one line naming it and the first difference,
and left as it was (store/schema_check.py). Real doctored SQLite files (with
`PRAGMA writable_schema`, as an attacker would) and real doctored PostgreSQL
databases."""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest

import pg_server
from conftest import Run, checkpoint, file_digest
from vanort_cli.store.migrations import SCHEMA_VERSION

FIXTURES = Path(__file__).parent / "fixtures"


def rewrite_sql(path: Path, name: str, change: Callable[[str], str]) -> None:
    """Write a changed CREATE statement for `name` straight into sqlite_master."""
    with sqlite3.connect(path) as db:
        (sql,) = db.execute("select sql from sqlite_master where name = ?", (name,)).fetchone()
        changed = change(sql)
        assert changed != sql, "the doctoring must change something"
        db.execute("PRAGMA writable_schema = ON")
        db.execute("update sqlite_master set sql = ? where name = ?", (changed, name))
        # The schema cookie tells other connections to read the schema again.
        (cookie,) = db.execute("PRAGMA schema_version").fetchone()
        db.execute(f"PRAGMA schema_version = {cookie + 1}")
    with sqlite3.connect(path) as db:
        assert db.execute("PRAGMA integrity_check").fetchone() == ("ok",)


def rebuild(path: Path, table: str, change: Callable[[str], str]) -> None:
    """Give `table` a changed definition the way the sqlite3 shell would: a new table,
    the rows copied, the old one dropped, the new one renamed, its indexes made again."""
    with sqlite3.connect(path) as db:
        db.execute("PRAGMA foreign_keys = OFF")
        (sql,) = db.execute("select sql from sqlite_master where name = ?", (table,)).fetchone()
        found = db.execute(
            "select sql from sqlite_master where type = 'index' and tbl_name = ?", (table,)
        )
        indexes = [sql for (sql,) in found if sql is not None]
        changed = change(sql)
        assert changed != sql, "the doctoring must change something"
        db.execute(changed.replace(f"CREATE TABLE {table} ", "CREATE TABLE doctored ", 1))
        columns = ", ".join(row[1] for row in db.execute("PRAGMA table_info(doctored)"))
        db.execute(f"insert into doctored ({columns}) select {columns} from {table}")
        db.execute(f"drop table {table}")
        db.execute(f"alter table doctored rename to {table}")
        for index in indexes:
            db.execute(index)
    with sqlite3.connect(path) as db:
        assert db.execute("PRAGMA integrity_check").fetchone() == ("ok",)


def add_check_0(sql: str) -> str:
    return sql.rstrip().removesuffix(")") + ", CHECK(0))"


# Each doctoring of a fresh registry, and a word the refusal must name.
DOCTORINGS: dict[str, tuple[Callable[[Path], None], str]] = {
    "check(0)": (lambda p: rewrite_sql(p, "collaboration", add_check_0), "check(0)"),
    "retyped column": (
        lambda p: rebuild(p, "meeting", lambda s: s.replace("year INTEGER", "year TEXT")),
        "meeting.year",
    ),
    "dropped not null": (
        lambda p: rewrite_sql(
            p, "collaboration", lambda s: s.replace("title VARCHAR NOT NULL", "title VARCHAR")
        ),
        "collaboration.title",
    ),
    "dropped unique": (
        lambda p: rebuild(p, "town_alias", lambda s: s.replace(", \n\tUNIQUE (normalised)", "")),
        "unique(normalised)",
    ),
    "changed default": (
        lambda p: rewrite_sql(
            p,
            "area",
            lambda s: s.replace("name_sv VARCHAR NOT NULL", "name_sv VARCHAR NOT NULL DEFAULT 'x'"),
        ),
        "area.name_sv",
    ),
    "collation": (
        lambda p: rewrite_sql(
            p,
            "town",
            lambda s: s.replace(
                '"key" VARCHAR(64) NOT NULL', '"key" VARCHAR(64) NOT NULL COLLATE NOCASE'
            ),
        ),
        "town.key",
    ),
    "without rowid": (
        lambda p: rebuild(p, "vanort_meta", lambda s: s.rstrip() + " WITHOUT ROWID"),
        "without rowid",
    ),
    "changed index": (
        lambda p: rewrite_sql(
            p, "ux_meeting_live_year", lambda s: s.replace(" WHERE deleted_at IS NULL", "")
        ),
        "ux_meeting_live_year",
    ),
    "extra column": (
        lambda p: (
            sqlite3.connect(p).execute("ALTER TABLE town ADD COLUMN spare TEXT").connection.commit()
        ),
        "town.spare",
    ),
    "missing column": (
        lambda p: (
            # The history's triggers name every column: SQLite drops none they name.
            sqlite3.connect(p)
            .executescript(
                "DROP TRIGGER vanort_history_meeting_insert;"
                " DROP TRIGGER vanort_history_meeting_update;"
                " DROP TRIGGER vanort_history_meeting_delete;"
                " ALTER TABLE meeting DROP COLUMN theme;"
            )
            .connection.commit()
        ),
        "meeting.theme",
    ),
}


@pytest.fixture
def registry(db_path: Path) -> Path:
    checkpoint(db_path)
    return db_path


def refused(result: object, path: Path, word: str) -> None:
    output = result.output  # type: ignore[attr-defined]
    assert result.exit_code == 1, output  # type: ignore[attr-defined]
    assert "altered outside vanort" in output and str(path) in output, output
    assert word in output, output
    assert "Traceback" not in output and "Unexpected" not in output
    assert len(output.strip().splitlines()) == 1, output


@pytest.mark.parametrize("doctoring", sorted(DOCTORINGS))
def test_a_doctored_backup_is_not_restored(
    doctoring: str, run: Run, registry: Path, tmp_path: Path
) -> None:
    backup = tmp_path / "doctored.db"
    assert run("db", "backup", str(backup)).exit_code == 0
    doctor, word = DOCTORINGS[doctoring]
    doctor(backup)
    before = file_digest(registry)
    result = run("db", "restore", str(backup))
    refused(result, backup, word)
    assert file_digest(registry) == before
    assert not list(tmp_path.glob("*before-restore*"))
    assert run("log-collaboration", "-t", "Åbo", "-o", "SLK", "-a", "culture",
               "--title", "Efter", "--start", "2026-03-01").exit_code == 0  # fmt: skip


@pytest.mark.parametrize("doctoring", sorted(DOCTORINGS))
def test_a_doctored_registry_is_not_opened_and_db_check_says_so(
    doctoring: str, run: Run, registry: Path
) -> None:
    doctor, word = DOCTORINGS[doctoring]
    doctor(registry)
    checkpoint(registry)
    before = file_digest(registry)
    refused(run("next-meeting"), registry, word)
    refused(run("db", "check"), registry, word)
    refused(run("log-collaboration", "-t", "Åbo", "-o", "SLK", "-a", "culture",
                "--title", "Efter", "--start", "2026-03-01"), registry, word)  # fmt: skip
    assert file_digest(registry) == before


def test_spelling_alone_is_no_difference(run: Run, registry: Path) -> None:
    """Quotes, case, spaces and comments are how a definition is written, not what it is."""
    rewrite_sql(
        registry,
        "collaboration",
        lambda s: s.replace(
            "title VARCHAR NOT NULL", '"TITLE"  varchar /* a comment */ not NULL'
        ).replace("\n\t", "\n   "),
    )
    rewrite_sql(
        registry, "ix_collaboration_org_start", lambda s: s.replace("INDEX", "INDEX IF NOT EXISTS")
    )
    result = run("db", "check")
    assert result.exit_code == 0, result.output


def test_an_upgrade_compares_the_tables_it_leaves(run: Run, tmp_path: Path) -> None:
    """A registry of an older schema is compared after its upgrade: an alteration
    made before it is refused, and the upgrade undone."""
    old = tmp_path / "old.db"
    shutil.copy(FIXTURES / "registry-schema3.db", old)
    old.chmod(0o600)
    rewrite_sql(old, "area", lambda s: s.replace("name_sv VARCHAR NOT NULL", "name_sv VARCHAR"))
    before = file_digest(old)
    refused(run("--db", str(old), "towns", "list"), old, "area.name_sv")
    assert file_digest(old) == before
    with sqlite3.connect(old) as db:
        assert db.execute(
            "select value from vanort_meta where key = 'schema_version'"
        ).fetchone() == ("3",)


def test_an_untouched_older_registry_upgrades_and_is_accepted(run: Run, tmp_path: Path) -> None:
    for version in (1, 2, 3):
        old = tmp_path / f"schema{version}.db"
        shutil.copy(FIXTURES / f"registry-schema{version}.db", old)
        old.chmod(0o600)
        result = run("--db", str(old), "db", "check", "-f", "json")
        assert result.exit_code == 0, (version, result.output)
        assert f'"schema_version": {SCHEMA_VERSION}' in result.stdout


# -- PostgreSQL --------------------------------------------------------------------

PG_DOCTORINGS = {
    "check": ("ALTER TABLE collaboration ADD CONSTRAINT never CHECK (false) NOT VALID", "CHECK"),
    "retyped column": ("ALTER TABLE meeting ALTER COLUMN place TYPE text", "meeting.place"),
    "dropped not null": (
        "ALTER TABLE collaboration ALTER COLUMN title DROP NOT NULL",
        "collaboration.title",
    ),
    "dropped unique": (
        "ALTER TABLE town_alias DROP CONSTRAINT town_alias_normalised_key",
        "unique",
    ),
    "changed default": ("ALTER TABLE area ALTER COLUMN name_sv SET DEFAULT 'x'", "area.name_sv"),
    "extra column": ("ALTER TABLE town ADD COLUMN spare text", "town.spare"),
    "missing column": ("ALTER TABLE meeting DROP COLUMN theme", "meeting.theme"),
    "changed index": (
        "DROP INDEX ix_collaboration_org_start;"
        " CREATE INDEX ix_collaboration_org_start ON collaboration (start_date)",
        "ix_collaboration_org_start",
    ),
    "dropped foreign key": (
        "ALTER TABLE seminar DROP CONSTRAINT seminar_meeting_id_fkey",
        "foreign key",
    ),
}


def pg_refused(result: object, word: str) -> None:
    output = result.output  # type: ignore[attr-defined]
    assert result.exit_code == 1, output  # type: ignore[attr-defined]
    assert "altered outside vanort" in output and word in output, output
    assert pg_server.SUPERUSER_PASSWORD not in output
    assert "Traceback" not in output and len(output.strip().splitlines()) == 1, output


def _database(url: str) -> str:
    return url.rsplit("/", 1)[1]


def _log(run: Run, url: str, title: str) -> object:
    return run("--db", url, "log-collaboration", "-t", "Åbo", "-o", "SLK", "-a", "culture",
               "--title", title, "--start", "2026-03-01")  # fmt: skip


@pytest.mark.parametrize("doctoring", sorted(PG_DOCTORINGS))
def test_a_doctored_database_is_not_opened(
    doctoring: str, run: Run, pg_database: str, postgres_server: pg_server.PostgresServer
) -> None:
    assert run("--db", pg_database, "db", "check").exit_code == 0  # created, accepted
    sql, word = PG_DOCTORINGS[doctoring]
    postgres_server.execute(sql, _database(pg_database))
    pg_refused(run("--db", pg_database, "next-meeting"), word)
    pg_refused(run("--db", pg_database, "db", "check"), word)
    pg_refused(_log(run, pg_database, "Efter"), word)


@pytest.mark.skipif(shutil.which("pg_dump") is None, reason="pg_dump is not on the PATH")
def test_a_doctored_archive_is_not_restored(
    run: Run, pg_database: str, postgres_server: pg_server.PostgresServer, tmp_path: Path
) -> None:
    """The archive is restored, found altered, and what it replaced put back."""
    assert _log(run, pg_database, "Före").exit_code == 0  # type: ignore[attr-defined]
    other = postgres_server.create_database()
    assert _log(run, other, "Doktorerad").exit_code == 0  # type: ignore[attr-defined]
    postgres_server.execute(PG_DOCTORINGS["check"][0], _database(other))
    archive = tmp_path / "doctored.dump"
    subprocess.run(
        [str(shutil.which("pg_dump")), "--format=custom", "--file", str(archive), "--dbname",
         postgres_server.url(_database(other), password="")],
        check=True, env={**os.environ, "PGPASSWORD": pg_server.SUPERUSER_PASSWORD},
    )  # fmt: skip
    pg_refused(run("--db", pg_database, "db", "restore", str(archive)), "CHECK")
    assert not list(tmp_path.glob("*before-restore*"))
    listed = run("--db", pg_database, "collaborations", "list", "-f", "json")
    assert listed.exit_code == 0, listed.output
    assert "Före" in listed.stdout and "Doktorerad" not in listed.stdout
    assert _log(run, pg_database, "Efter").exit_code == 0  # type: ignore[attr-defined]
