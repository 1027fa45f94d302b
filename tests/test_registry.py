"""Where the registry lives, how it is created, and what it refuses to touch."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from conftest import Run, checkpoint, file_digest
from vanort_cli.store import migrations
from vanort_cli.store.location import mask_password

SECRETS = [
    ("sqlite+pysqlcipher://:MyPassphrase@/v.db", "MyPassphrase"),
    ("postgresql://staff:s3cret@db.example/vanort", "s3cret"),
    ("postgresql://staff:p@ss@db.example/vanort", "p@ss"),
    ("postgresql://staff@db.example/vanort?password=s3cret", "s3cret"),
    ("postgresql://staff@db.example/vanort?sslmode=require&pass%77ord=s3cret", "s3cret"),
    ("postgresql://staff@db.example/vanort?options=-c%20password%3Ds3cret", "s3cret"),
    ("sqlite:///v.db?password=s3cret", "s3cret"),
    ("mysql://root:s3cret@localhost/vanort", "s3cret"),
]


@pytest.mark.parametrize(("url", "secret"), SECRETS)
def test_no_credential_is_ever_printed(run: Run, url: str, secret: str) -> None:
    masked = mask_password(url)
    assert secret not in masked and "***" in masked
    for command in (["db", "path"], ["towns", "list"], ["db", "check"]):
        result = run("--db", url, *command)
        assert secret not in result.output, (command, result.output)
        assert "Traceback" not in result.output
        # The location is shown, masked: saying nothing would keep a secret too.
        assert masked in result.output, (command, result.output)


def test_db_path_prints_the_resolved_location_and_creates_nothing(run: Run, tmp_path: Path) -> None:
    target = tmp_path / "elsewhere.db"
    result = run("--db", str(target), "db", "path")
    assert result.exit_code == 0 and result.stdout.strip() == str(target)
    assert not target.exists()


def test_db_option_takes_a_sqlite_url(run: Run, tmp_path: Path) -> None:
    target = tmp_path / "url.db"
    assert run("--db", f"sqlite:///{target}", "db", "init").exit_code == 0
    result = run("--db", f"sqlite:///{target}", "towns", "list", "-f", "json")
    assert result.exit_code == 0, result.output
    assert target.exists()


@pytest.mark.parametrize("how", ["option", "env", "url"])
def test_a_mistyped_registry_path_is_refused_and_nothing_is_created(
    run: Run, monkeypatch: pytest.MonkeyPatch, tmp_path: Path, db_path: Path, how: str
) -> None:
    """A typo in --db or VANORT_DB must never start a second, empty registry."""
    typo = tmp_path / "registy-typo.db"
    before = file_digest(db_path)
    args = ["log-collaboration", "-t", "Åbo", "-o", "SLK", "-a", "culture", "--title", "Lost"]
    if how == "option":
        result = run("--db", str(typo), *args)
    elif how == "url":
        result = run("--db", f"sqlite:///{typo}", *args)
    else:
        monkeypatch.setenv("VANORT_DB", str(typo))
        result = run(*args)
    assert result.exit_code == 1
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.output
    assert f"No registry at {typo}" in result.stderr and "db init" in result.stderr
    assert not typo.exists() and not list(tmp_path.glob("registy-typo*"))
    assert file_digest(db_path) == before
    # The command it names does create it, on purpose.
    assert run("--db", str(typo), "db", "init").exit_code == 0
    assert run("--db", str(typo), *args).exit_code == 0


def test_db_init_is_idempotent_and_seeds_once(run: Run, db_path: Path) -> None:
    assert run("db", "init").exit_code == 0
    assert run("db", "init").exit_code == 0
    with sqlite3.connect(db_path) as connection:
        assert connection.execute("select count(*) from town").fetchone()[0] >= 4
        assert connection.execute("select count(*) from meeting").fetchone()[0] == 3
        version = connection.execute(
            "select value from vanort_meta where key='schema_version'"
        ).fetchone()[0]
    assert version == str(migrations.SCHEMA_VERSION)


def test_a_new_registry_is_private_to_its_owner(run: Run, db_path: Path) -> None:
    run("db", "init")
    assert db_path.stat().st_mode & 0o777 == 0o600


def test_a_registry_from_a_newer_vanort_is_refused_and_untouched(run: Run, db_path: Path) -> None:
    run("db", "init")
    with sqlite3.connect(db_path) as connection:
        connection.execute("update vanort_meta set value='99' where key='schema_version'")
    checkpoint(db_path)
    before = file_digest(db_path)
    result = run("next-meeting")
    assert result.exit_code == 1
    assert "newer vanort" in result.stderr and "99" in result.stderr
    assert file_digest(db_path) == before


def test_a_sqlite_file_of_another_application_is_refused(run: Run, tmp_path: Path) -> None:
    other = tmp_path / "other.db"
    with sqlite3.connect(other) as connection:
        connection.execute("create table invoices (id integer)")
    before = file_digest(other)
    result = run("--db", str(other), "next-meeting")
    assert result.exit_code == 1 and "not a vanort registry" in result.stderr
    assert file_digest(other) == before


@pytest.mark.parametrize("content", [b"hello, this is a text file\n", b"\x00" * 200])
def test_a_file_that_is_not_sqlite_is_refused(run: Run, tmp_path: Path, content: bytes) -> None:
    other = tmp_path / "notes.txt"
    other.write_bytes(content)
    result = run("--db", str(other), "towns", "list")
    assert result.exit_code == 1
    assert str(other) in result.stderr
    assert other.read_bytes() == content


def test_a_directory_or_missing_directory_is_refused(run: Run, tmp_path: Path) -> None:
    as_dir = run("--db", str(tmp_path), "towns", "list")
    assert as_dir.exit_code == 1 and "is a directory" in as_dir.stderr
    missing = run("--db", str(tmp_path / "nowhere" / "r.db"), "towns", "list")
    assert missing.exit_code == 1 and "does not exist" in missing.stderr
    assert not (tmp_path / "nowhere").exists()


def test_shipped_data_carries_sources_and_marks_what_is_unconfirmed(run: Run) -> None:
    meetings = json.loads(run("meeting", "list", "-f", "json").stdout)
    assert [(m["year"], m["host"]["key"]) for m in meetings] == [
        (2013, "bergen"),
        (2015, "aarhus"),
        (2017, "goteborg"),
    ]
    assert all(m["source"] for m in meetings)
    assert [m["confirmed"] for m in meetings] == [True, True, False]


@pytest.mark.parametrize(
    ("db", "says"),
    [
        ("", "is empty"),
        ("sqlite://", "in-memory"),
        ("sqlite:///:memory:", "in-memory"),
        ("sqlite:///x.db?mode=ro", "not supported"),
    ],
)
def test_a_registry_that_would_not_keep_its_data_is_a_usage_error(
    run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, db: str, says: str
) -> None:
    monkeypatch.chdir(tmp_path)
    result = run("--db", db, "meeting", "record", "2027", "--host", "Bergen")
    assert result.exit_code == 2, result.output
    assert says in result.stderr
    assert not (tmp_path / ":memory:").exists()
    assert not (tmp_path / "x.db?mode=ro").exists()


def test_a_server_url_without_its_driver_is_one_line_with_the_password_masked(run: Run) -> None:
    result = run("--db", "postgresql+nosuchdriver://u:secret@localhost/x", "next-meeting")
    assert result.exit_code == 1
    assert "secret" not in result.output and "Traceback" not in result.output
    assert len(result.stderr.strip().splitlines()) == 1


@pytest.mark.parametrize(
    "url",
    [
        "postgresql://host/db?password=s3cret",
        "postgresql:///db?user=u&password=s3cret",
        "postgresql://us/er:s3cret@host/db",
        "mysql://u:p@s3cret@localhost/x",
    ],
)
def test_no_form_of_url_password_is_printed(run: Run, url: str) -> None:
    masked = mask_password(url)
    assert "s3cret" not in masked and "***" in masked
    for args in (["db", "path"], ["next-meeting"]):
        result = run("--db", url, *args)
        assert "s3cret" not in result.output
        assert masked in result.output, (args, result.output)  # shown, not kept quiet
