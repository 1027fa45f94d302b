"""`db backup`, `db restore` and `db check` on a PostgreSQL registry: the server's
own tools (pg_dump and pg_restore, custom format), and one line when they are missing."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

import pg_server
from conftest import Run
from pg_server import SUPERUSER_PASSWORD
from vanort_cli.store.migrations import SCHEMA_VERSION
from vanort_cli.store.models import COUNTED_TABLES

pytestmark = [
    pytest.mark.skipif(
        shutil.which("pg_dump") is None or shutil.which("pg_restore") is None,
        reason="pg_dump and pg_restore are not on the PATH",
    )
]


def ok(run: Run, *args: str) -> str:
    result = run(*args)
    assert result.exit_code == 0, (args, result.output)
    assert SUPERUSER_PASSWORD not in result.output
    return result.stdout


def log(run: Run, db: str, title: str) -> None:
    ok(run, "--db", db, "log-collaboration", "-t", "Åbo", "-o", "SLK", "-a", "culture",
       "--title", title, "--start", "2026-03-01")  # fmt: skip


def titles(run: Run, db: str) -> list[str]:
    rows = json.loads(ok(run, "--db", db, "collaborations", "list", "-f", "json"))
    return sorted(row["title"] for row in rows)


def test_check_reports_the_server_the_schema_and_the_rows(run: Run, pg_database: str) -> None:
    log(run, pg_database, "Ett")
    found = json.loads(ok(run, "--db", pg_database, "db", "check", "--format", "json"))
    assert found["server_version"].split(".")[0].isdigit()
    assert found["schema_version"] == SCHEMA_VERSION
    assert set(found["counts"]) == set(COUNTED_TABLES)
    assert found["counts"]["collaboration"] == 1 and found["counts"]["town"] > 0
    assert "***" in found["location"]
    table = ok(run, "--db", pg_database, "db", "check")
    assert "Server version" in table and "Rows in collaboration" in table


def test_backup_and_restore(run: Run, pg_database: str, tmp_path: Path) -> None:
    log(run, pg_database, "Före")
    archive = tmp_path / "registry.dump"
    result = run("--db", pg_database, "db", "backup", str(archive))
    assert result.exit_code == 0, result.output
    assert archive.read_bytes()[:5] == b"PGDMP"  # pg_dump's custom format
    assert archive.stat().st_mode & 0o077 == 0  # names of people: private
    log(run, pg_database, "Efter")

    result = run("--db", pg_database, "db", "restore", str(archive))
    assert result.exit_code == 0, result.output
    assert SUPERUSER_PASSWORD not in result.output
    assert titles(run, pg_database) == ["Före"]
    saved = list(tmp_path.glob("registry.dump.before-restore-*.bak"))
    assert len(saved) == 1 and saved[0].read_bytes()[:5] == b"PGDMP"
    # The registry goes on after a restore: ids from where the backup left them.
    log(run, pg_database, "Igen")
    assert titles(run, pg_database) == ["Före", "Igen"]

    # What the restore replaced can itself be restored.
    ok(run, "--db", pg_database, "db", "restore", str(saved[0]))
    assert titles(run, pg_database) == ["Efter", "Före"]


def test_backup_refuses_an_existing_file_without_force(
    run: Run, pg_database: str, tmp_path: Path
) -> None:
    archive = tmp_path / "registry.dump"
    archive.write_text("keep me")
    result = run("--db", pg_database, "db", "backup", str(archive))
    assert result.exit_code == 1
    assert archive.read_text() == "keep me"
    ok(run, "--db", pg_database, "db", "backup", str(archive), "--force")
    assert archive.read_bytes()[:5] == b"PGDMP"


def test_restore_refuses_what_is_not_a_backup(
    run: Run, pg_database: str, db_path: Path, tmp_path: Path
) -> None:
    log(run, pg_database, "Kvar")
    for not_a_dump in (db_path, tmp_path / "missing.dump"):
        result = run("--db", pg_database, "db", "restore", str(not_a_dump))
        assert result.exit_code == 1, result.output
        assert "Nothing was restored" in result.stderr or "does not exist" in result.stderr
    assert titles(run, pg_database) == ["Kvar"]
    assert not list(tmp_path.glob("*.bak"))


def test_without_the_tools_one_line_says_how_to_install_them(
    run: Run, pg_database: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    ok(run, "--db", pg_database, "db", "init")
    monkeypatch.setenv("PATH", str(tmp_path / "empty-bin"))
    archive = tmp_path / "registry.dump"
    for args in (["db", "backup", str(archive)], ["db", "restore", str(archive)]):
        result = run("--db", pg_database, *args)
        assert result.exit_code == 1
        assert len(result.stderr.strip().splitlines()) == 1
        assert "apt-get install postgresql-client" in result.stderr
    assert not archive.exists()


def _processes() -> dict[int, tuple[int, bytes]]:
    """Every process's parent and command line, as any local user can read them
    (/proc/*/stat and /proc/*/cmdline)."""
    found: dict[int, tuple[int, bytes]] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
                parent = int(stat.rsplit(")", 1)[1].split()[1])
                found[int(entry.name)] = (parent, (entry / "cmdline").read_bytes())
            except (OSError, ValueError, IndexError):  # ended meanwhile
                continue
    return found


@pytest.mark.parametrize("where", ["userinfo", "query"])
def test_no_password_reaches_the_process_list_while_a_backup_runs(
    where: str, pg_database: str, postgres_server: pg_server.PostgresServer, tmp_path: Path
) -> None:
    """pg_dump is held at its first table (a lock taken here) while the process list
    is read, so the test sees it running; the password is in no command line."""
    name = pg_database.rsplit("/", 1)[1]
    keeper = f"keeper_{name}"  # roles are the server's, shared by parallel tests
    role_password = "keeper-Secret-7319"
    postgres_server.execute(
        f"CREATE ROLE {keeper} LOGIN SUPERUSER PASSWORD '{role_password}'", name
    )
    try:
        plain = postgres_server.url(name, user=keeper, password="")
        url = (
            plain.replace(f"{keeper}@", f"{keeper}:{role_password}@")
            if where == "userinfo"
            else f"{plain}?password={role_password}"
        )
        environment = {**os.environ, "VANORT_DB": url}
        environment.pop("PGPASSWORD", None)
        created = subprocess.run(
            [sys.executable, "-m", "vanort_cli", "db", "init"], env=environment,
            capture_output=True, text=True)  # fmt: skip
        assert created.returncode == 0, created.stderr
        target = tmp_path / "registry.dump"
        with postgres_server.connect(name) as holder:
            holder.execute("BEGIN")
            holder.execute("LOCK TABLE town IN ACCESS EXCLUSIVE MODE")
            backup = subprocess.Popen(
                [sys.executable, "-m", "vanort_cli", "db", "backup", str(target)],
                env=environment,
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                text=True,
            )
            seen: dict[int, tuple[int, bytes]] = {}

            def ours() -> list[bytes]:  # the pg_dump this backup started (others run too)
                return [line for parent, line in seen.values() if parent == backup.pid]

            deadline = time.monotonic() + 60
            while time.monotonic() < deadline and backup.poll() is None and not ours():
                seen.update(_processes())
                time.sleep(0.01)
            for _ in range(20):  # and again while pg_dump waits for the table
                seen.update(_processes())
                time.sleep(0.01)
            holder.execute("COMMIT")
        stdout, stderr = backup.communicate(timeout=60)
        dumps = ours()
        assert dumps and all(b"pg_dump" in line for line in dumps), (dumps, stderr)
        assert all(keeper.encode() in line and b"dbname=" in line for line in dumps), dumps
        leaked = [line for _, line in seen.values() if role_password.encode() in line]
        assert not leaked, leaked
        assert backup.returncode == 0, stderr
        assert target.read_bytes()[:5] == b"PGDMP"
        assert role_password not in stdout + stderr
    finally:
        postgres_server.execute(f"DROP OWNED BY {keeper}; DROP ROLE {keeper}", name)
