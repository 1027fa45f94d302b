"""An import into a PostgreSQL registry goes in bulk (store/pg_bulk.py): it
stores what the same import stores in a SQLite file, the collaborations, their
towns and every row's history, and a failure leaves nothing behind."""

from __future__ import annotations

import csv
import json
import random
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

import pg_server
from vanort_cli.cli.app import app

ROWS = 3000
# What differs between two runs of the same import, whatever the database, and
# the database role that only a server has (owner_role).
MOMENTS = ("created_at", "updated_at", "at", "id", "owner_role")


def invoke(*args: str) -> Any:
    return CliRunner().invoke(app, list(args))


def listed(db: str, *args: str) -> list[dict[str, Any]]:
    result = invoke("--db", db, *args, "-f", "json")
    assert result.exit_code == 0, result.output
    return list(json.loads(result.stdout))


def without(value: Any, keys: tuple[str, ...]) -> Any:
    if isinstance(value, dict):
        return {k: without(v, keys) for k, v in value.items() if k not in keys}
    if isinstance(value, list):
        return [without(v, keys) for v in value]
    return value


def write_file(path: Path, db: str, rows: int) -> None:
    """Rows of several towns each, in the spellings people write, and a few with
    what the history hides (a contact) or leaves empty."""
    orgs = [str(o["name"]) for o in listed(db, "orgs", "list")]
    areas = [str(a["name_sv"]) for a in listed(db, "areas", "list")]
    towns = [
        str(t["name_sv"])
        for t in listed(db, "towns", "list")
        if t["key"] != "goteborg" and t["status"] not in ("retired", "ended")
    ]
    chance = random.Random(26)
    with path.open("w", encoding="utf-8", newline="") as handle:
        out = csv.writer(handle)
        out.writerow(["Titel", "Förvaltning/bolag", "Område", "Vänorter", "Startdatum",
                      "Slutdatum", "Beskrivning", "Kontakt"])  # fmt: skip
        for n in range(rows):
            year = chance.randint(2015, 2026)
            out.writerow(
                [
                    f'Utbyte "citat" och \\N {n}' if n % 500 == 7 else f"Projekt {n}",
                    chance.choice(orgs),
                    chance.choice(areas),
                    ", ".join(chance.sample(towns, chance.randint(1, 3))),
                    f"{year}-{chance.randint(1, 12):02d}-{chance.randint(1, 28):02d}",
                    "" if n % 3 else f"{year + 1}-12-31",
                    "" if n % 4 else "Samarbete om vatten",
                    "" if n % 2 else f"kontakt{n}@goteborg.se",
                ]
            )


def history(db: str, table: str) -> list[dict[str, Any]]:
    entries = listed(db, "history", "--table", table)
    kept = ("table", "table_name", "record_id", "action", "new", "old", "origin", "command")
    return sorted(
        ({k: without(v, MOMENTS) for k, v in e.items() if k in kept} for e in entries),
        key=lambda e: (e.get("record_id") or 0, json.dumps(e, sort_keys=True)),
    )


@pytest.fixture
def pg_registry(postgres_server: pg_server.PostgresServer, _pg_template: str) -> str:
    return postgres_server.create_database(template=_pg_template)


def test_an_import_stores_on_the_server_what_it_stores_in_a_file(
    pg_registry: str, tmp_path: Path
) -> None:
    sqlite = str(tmp_path / "registry.db")
    assert invoke("--db", sqlite, "db", "init").exit_code == 0
    data = tmp_path / "in.csv"
    write_file(data, sqlite, ROWS)
    for db in (sqlite, pg_registry):
        result = invoke("--db", db, "collaborations", "import", str(data))
        assert result.exit_code == 0, result.output
    stored = {db: listed(db, "collaborations", "list", "--all") for db in (sqlite, pg_registry)}
    assert len(stored[sqlite]) == ROWS
    assert without(stored[pg_registry], MOMENTS[:2]) == without(stored[sqlite], MOMENTS[:2])
    for table in ("collaboration", "collaboration_town"):
        on_server, in_file = history(pg_registry, table), history(sqlite, table)
        assert len(in_file) >= ROWS
        assert len(on_server) == len(in_file)
        for server_entry, file_entry in zip(on_server, in_file, strict=True):
            assert server_entry == file_entry
    owners = {
        e["new"]["owner_role"] for e in listed(pg_registry, "history", "--table", "collaboration")
    }
    assert owners == {"postgres"}  # the server's default, as for any insert


def test_a_refused_row_on_the_server_leaves_nothing_behind(pg_registry: str) -> None:
    """The database refuses a row the checks let through (here: an organisation that
    does not exist): the rows copied before it and their history are gone too."""
    from sqlalchemy import func, select

    from vanort_cli.store import bulk
    from vanort_cli.store.location import resolve_location
    from vanort_cli.store.models import AuditEntry, Collaboration
    from vanort_cli.store.registry import Registry

    registry = Registry(resolve_location(pg_registry))
    table = Collaboration.__table__  # type: ignore[attr-defined]
    row = {"title": "t", "organisation_id": 1, "area_id": 1, "kind": "project",
           "start_date": "2026-01-01", "reported_by": "x", "reported_on": "2026-01-01"}  # fmt: skip
    rows = [dict(row, title=f"t{n}") for n in range(50)] + [dict(row, organisation_id=999999)]
    with (
        pytest.raises(Exception, match=r"foreign key|violates"),
        registry.engine.begin() as connection,
    ):
        ids = bulk.insert_rows_returning_ids(connection, table, rows[:50])
        assert ids == sorted(ids) and len(set(ids)) == 50
        bulk.insert_rows_returning_ids(connection, table, rows)
    with registry.engine.connect() as connection:
        assert connection.execute(select(func.count()).select_from(table)).scalar() == 0
        audit = AuditEntry.__table__  # type: ignore[attr-defined]
        written = select(func.count()).select_from(audit).where(audit.c.table_name == table.name)
        assert connection.execute(written).scalar() == 0
    registry.close()
