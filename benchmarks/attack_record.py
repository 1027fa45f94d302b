"""The "record" category of the attack suite (benchmarks/attack.py): can anyone
change the registry without the history saying so, forge the history, choose
ids, report for another organisation, or read a password off the process list?

On SQLite: changes made with the sqlite3 module (past vanort), a spoofed
LOGNAME, a doctored history trigger, a forged `db import` document. On
PostgreSQL (a server given by a superuser URL, or a throwaway one started with
tests/pg_server.py): direct SQL as a bound reporter, an editor and the owner
login: update, hard delete, insert/update/delete/truncate the history, explicit
ids, sequences, switching the triggers off, logging for another organisation;
and the process list read while `db backup` runs.

Each case is "held" when the attack was refused or recorded as the README
promises, and a failure otherwise.
"""

from __future__ import annotations

import json
import os
import pwd
import sqlite3
import subprocess
import sys
import threading
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
PASSWORD = "attack-record-secret-7f3a"


def _vanort(db: str | Path, *args: str, env: dict[str, str] | None = None) -> Any:
    base = {k: v for k, v in os.environ.items() if not k.startswith("VANORT_")}
    base.update(NO_COLOR="1", COLUMNS="200", **(env or {}))
    return subprocess.run(
        [sys.executable, "-m", "vanort_cli", "--db", str(db), *args],
        capture_output=True,
        text=True,
        env=base,
        check=False,
        cwd=ROOT,
    )


def _history(db: str | Path) -> list[dict[str, Any]]:
    done = _vanort(db, "history", "--format", "json")
    return list(json.loads(done.stdout)) if done.returncode == 0 else []


class Cases:
    """Counts cases tried and held, and names each one that failed."""

    def __init__(self, category: Any) -> None:
        self.category = category

    def case(self, name: str, held: Callable[[], bool]) -> None:
        self.category.tried += 1
        try:
            ok = held()
        except Exception as error:  # an attack that crashed the check is a failure too
            ok = False
            name = f"{name} ({type(error).__name__}: {error})"
        if not ok:
            self.category.fail(name)


# -- SQLite ----------------------------------------------------------------------------


def sqlite_cases(cases: Cases, work: Path) -> None:
    db = work / "record.db"
    if db.exists():
        db.unlink()
    _vanort(db, "db", "init")
    real = pwd.getpwuid(os.getuid()).pw_name

    def spoofed_login() -> bool:
        done = _vanort(
            db,
            *("log-collaboration", "-t", "Bergen", "-o", "SLK", "-a", "culture", "--title", "A"),
            env={"LOGNAME": "mayor", "USER": "mayor"},
        )
        entry = _history(db)[-2]  # the collaboration, then its town
        return done.returncode == 0 and entry["who"] == real and entry["login"] == real

    def shell_update_recorded() -> bool:
        with sqlite3.connect(db) as connection:
            connection.execute("UPDATE collaboration SET title = 'forged' WHERE id = 1")
        connection.close()
        last = _history(db)[-1]
        return last["origin"] == "outside" and last["new"] == {"title": "forged"}

    def shell_delete_recorded() -> bool:
        with sqlite3.connect(db) as connection:
            connection.execute("DELETE FROM collaboration_town")
            connection.execute("DELETE FROM collaboration")
        connection.close()
        last = _history(db)[-1]
        return last["action"] == "delete" and last["origin"] == "outside"

    def doctored_trigger_refused() -> bool:
        copy = work / "record-doctored.db"
        copy.write_bytes(db.read_bytes())
        with sqlite3.connect(copy) as connection:
            connection.execute("DROP TRIGGER vanort_history_town_update")
            connection.execute(
                "CREATE TRIGGER vanort_history_town_update AFTER UPDATE ON town "
                "BEGIN DELETE FROM audit_entry; END"
            )
        connection.close()
        before = copy.read_bytes()
        done = _vanort(copy, "towns", "list")
        return done.returncode == 1 and "trigger" in done.stderr and copy.read_bytes() == before

    def forged_import_marked() -> bool:
        document = work / "record.json"
        _vanort(db, "db", "export", "--history", "-o", str(document))
        data = json.loads(document.read_text(encoding="utf-8"))
        forged = dict(data["tables"]["audit_entry"][0])
        forged.update(id=10_000, who="ed", given_name="Ed Editor", at="2001-01-01T00:00:00+00:00")
        data["tables"]["audit_entry"].append(forged)
        document.write_text(json.dumps(data), encoding="utf-8")
        target = work / "record-imported.db"
        if target.exists():
            target.unlink()
        done = _vanort(target, "db", "import", str(document))
        entries = _history(target)
        eds = [e for e in entries if e["who"] == "ed"]
        return done.returncode == 0 and bool(eds) and all(e["origin"] == "imported" for e in eds)

    cases.case("sqlite: LOGNAME=mayor is recorded as the real login", spoofed_login)
    cases.case("sqlite: an UPDATE with the sqlite3 module is recorded", shell_update_recorded)
    cases.case("sqlite: a DELETE with the sqlite3 module is recorded", shell_delete_recorded)
    cases.case("sqlite: a doctored history trigger is refused", doctored_trigger_refused)
    cases.case("sqlite: a forged db import history is marked imported", forged_import_marked)


# -- PostgreSQL ------------------------------------------------------------------------


@contextmanager
def postgres_superuser_url(given: str | None) -> Iterator[str | None]:
    """The superuser URL given, or a throwaway server's (None: none can start here)."""
    if given:
        yield given
        return
    sys.path.insert(0, str(ROOT / "tests"))
    try:
        import pg_server
    except ImportError:
        yield None
        return
    if pg_server.find_binary("initdb") is None:
        yield None
        return
    with pg_server.running() as server:
        yield server.superuser_url


def postgres_cases(cases: Cases, superuser_url: str) -> None:
    import psycopg
    from sqlalchemy.engine import make_url

    tag = uuid.uuid4().hex[:8]
    names = {who: f"{who}_{tag}" for who in ("owner", "anna", "eva")}
    database = f"attack_{tag}"
    admin = psycopg.connect(superuser_url, autocommit=True)
    for name in names.values():
        admin.execute(f"CREATE ROLE {name} LOGIN PASSWORD '{PASSWORD}'")
    admin.execute(f"ALTER ROLE {names['owner']} CREATEROLE")
    admin.execute(f"CREATE DATABASE {database} OWNER {names['owner']}")
    base = make_url(superuser_url)

    def url(login: str) -> str:
        return base.set(username=login, password=PASSWORD, database=database).render_as_string(
            hide_password=False
        )

    owner = url(names["owner"])
    try:
        for args in (
            ("db", "init"),
            ("db", "roles", "--setup"),
            ("db", "roles", "--grant", names["anna"], "--as", "reporter"),
            ("db", "roles", "--grant", names["eva"], "--as", "editor"),
        ):
            _vanort(owner, *args)
        _vanort(
            owner,
            "db",
            "roles",
            "--grant",
            names["anna"],
            "--as",
            "reporter",
            "--org",
            "Kulturförvaltningen",
        )
        logged = _vanort(
            url(names["anna"]),
            *("log-collaboration", "-t", "Bergen", "-o", "Kulturförvaltningen", "-a", "culture"),
            *("--title", "Anna's own"),
        )
        own = int(logged.stdout.strip() or 0)

        def refused(login: str, sql: str) -> Callable[[], bool]:
            def attempt() -> bool:
                with psycopg.connect(url(login), autocommit=True) as connection:
                    try:
                        connection.execute(sql)
                    except psycopg.errors.InsufficientPrivilege:
                        return True
                    return False

            return attempt

        def recorded_update() -> bool:
            with psycopg.connect(url(names["anna"]), autocommit=True) as connection:
                connection.execute(
                    "UPDATE collaboration SET title = 'psql', reported_by = 'Mayor' WHERE id = %s",
                    [own],
                )
            last = _history(owner)[-1]
            return last["db_role"] == names["anna"] and last["origin"] == "outside"

        forged = (
            "INSERT INTO audit_entry (at, who, table_name, action, db_role) "
            "VALUES ('2001-01-01', 'eva', 'meeting', 'update', 'eva')"
        )
        cases.case("pg reporter: UPDATE own row with psql is recorded", recorded_update)
        cases.case(
            "pg reporter: hard DELETE refused",
            refused(names["anna"], f"DELETE FROM collaboration WHERE id = {own}"),
        )
        for who in ("anna", "eva", "owner"):
            login = names[who]
            for label, sql in (
                ("insert history", forged),
                ("update history", "UPDATE audit_entry SET who = 'x'"),
                ("delete history", "DELETE FROM audit_entry"),
                ("truncate history", "TRUNCATE audit_entry"),
                ("switch triggers off", "ALTER TABLE collaboration DISABLE TRIGGER ALL"),
                (
                    "explicit id",
                    "INSERT INTO collaboration (id, title, organisation_id, area_id, kind, "
                    "start_date, reported_by, reported_on) VALUES (999999, 'x', 1, 1, "
                    "'project', '2026-01-01', 'x', '2026-01-01')",
                ),
                (
                    "advance a sequence",
                    "SELECT setval(pg_get_serial_sequence('audit_entry', 'id'), 2000000000)",
                ),
            ):
                cases.case(f"pg {who}: {label} refused", refused(login, sql))

        def other_organisation_refused() -> bool:
            done = _vanort(
                url(names["anna"]),
                *("log-collaboration", "-t", "Bergen", "-o", "SLK", "-a", "culture"),
                *("--title", "For another"),
            )
            return done.returncode == 1 and "Kulturförvaltningen" in done.stderr

        cases.case(
            "pg reporter: logging for another organisation refused", other_organisation_refused
        )

        def password_not_in_process_list() -> bool:
            seen: list[str] = []
            stop = threading.Event()

            def watch() -> None:
                while not stop.is_set():
                    for cmdline in Path("/proc").glob("[0-9]*/cmdline"):
                        try:
                            text = (
                                cmdline.read_bytes().replace(b"\0", b" ").decode(errors="replace")
                            )
                        except OSError:
                            continue
                        if PASSWORD in text and "attack_record" not in text:
                            seen.append(text[:200])
                    time.sleep(0.005)

            watcher = threading.Thread(target=watch)
            watcher.start()
            target = Path(os.environ.get("TMPDIR", "/tmp")) / f"attack-{tag}.dump"
            try:
                done = _vanort(owner, "db", "backup", str(target))
            finally:
                stop.set()
                watcher.join()
                target.unlink(missing_ok=True)
            # A run of vanort itself carries the URL it was given: only children count.
            children = [s for s in seen if "vanort_cli" not in s]
            return done.returncode == 0 and not children

        cases.case(
            "pg: no password on a child's command line during db backup",
            password_not_in_process_list,
        )
    finally:
        admin.execute(f"DROP DATABASE IF EXISTS {database} WITH (FORCE)")
        for name in names.values():
            admin.execute(f"DROP ROLE IF EXISTS {name}")
        admin.close()


def attack_record(category: Any, work: Path, pg_url: str | None) -> Any:
    cases = Cases(category)
    sqlite_cases(cases, work)
    with postgres_superuser_url(pg_url) as superuser:
        if superuser is None:
            category.notes.append("no PostgreSQL server: the server cases were not run")
        else:
            postgres_cases(cases, superuser)
    category.figures["held"] = category.tried - len(category.failures)
    return category
