"""Upgrades: a registry of every released schema opens in this vanort with every row kept."""

from __future__ import annotations

import json
import shutil
import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import Connection, text

from conftest import Run
from vanort_cli.store import migrations
from vanort_cli.store.upgrades.shipped_data import load_corrections

FIXTURES = Path(__file__).parent / "fixtures"


def dump(path: Path) -> dict[str, list[tuple]]:
    with sqlite3.connect(path) as connection:
        tables = [
            t
            for (t,) in connection.execute(
                "select name from sqlite_master where type='table' and name not like 'sqlite_%'"
            )
        ]
        return {
            t: sorted(connection.execute(f"select * from {t}").fetchall(), key=repr) for t in tables
        }


@pytest.fixture
def schema1(tmp_path: Path) -> Path:
    copy = tmp_path / "old.db"
    shutil.copy(FIXTURES / "registry-schema1.db", copy)
    return copy


def test_the_schema1_fixture_has_data_in_every_table(schema1: Path) -> None:
    assert all(rows for rows in dump(schema1).values()), "every table must hold data"


def dump_with_columns(path: Path) -> dict[str, tuple[list[str], dict[int, tuple]]]:
    """Each table's column names and its rows by id."""
    with sqlite3.connect(path) as connection:
        tables = [
            t
            for (t,) in connection.execute(
                "select name from sqlite_master where type='table' and name not like 'sqlite_%'"
                " and name != 'vanort_meta'"
            )
        ]
        result = {}
        for table in tables:
            cursor = connection.execute(f"select * from {table}")
            columns = [d[0] for d in cursor.description]
            result[table] = (columns, {row[0]: row for row in cursor.fetchall()})
        return result


def corrected_fields() -> set[tuple[str, str]]:
    corrections = load_corrections("schema2_corrections.toml")
    return {(c["table"], c["field"]) for c in corrections["set"]}


def test_schema1_opens_with_every_row_kept(run: Run, schema1: Path) -> None:
    """Every row survives the upgrade; only the shipped facts that the release
    corrects change, and rows are only ever added beside them."""
    before = dump_with_columns(schema1)
    for command in (
        ["db", "check"],
        ["next-meeting"],
        ["report", "--year", "2025"],
        ["history"],
        ["check"],
    ):
        result = run("--db", str(schema1), *command)
        assert result.exit_code in (0, 1), result.output
        assert "Traceback" not in result.output
    after = dump_with_columns(schema1)
    allowed = corrected_fields()
    for table, (columns, rows) in before.items():
        after_columns, after_rows = after[table]
        assert after_columns[: len(columns)] == columns, table
        for row_id, row in rows.items():
            kept = after_rows[row_id]
            for column, old, new in zip(columns, row, kept, strict=False):
                assert old == new or (table, column) in allowed, (table, row_id, column)


SHIPPED_FIELDS = {
    "town": [
        "key",
        "name",
        "name_sv",
        "name_local",
        "country",
        "municipality_code",
        "official_name",
        "kind",
        "status",
        "twinned_since",
        "note",
        "source",
    ],
    "organisation": ["key", "name", "kind", "confirmed", "source", "note", "retired_on"],
    "area": ["key", "name_en", "name_sv", "aliases"],
}


def shipped_facts(path: Path) -> dict[str, dict[str, tuple]]:
    with sqlite3.connect(path) as connection:
        facts = {
            table: {
                row[0]: row
                for row in connection.execute(f"select {', '.join(fields)} from {table}")
            }
            for table, fields in SHIPPED_FIELDS.items()
        }
        facts["town_alias"] = set(
            connection.execute(
                "select t.key, a.normalised from town_alias a join town t on t.id = a.town_id"
            )
        )
        facts["organisation_alias"] = set(
            connection.execute(
                "select o.key, a.normalised from organisation_alias a"
                " join organisation o on o.id = a.organisation_id"
            )
        )
        facts["decision"] = set(
            connection.execute(
                "select t.key, d.action, d.body, d.decided_on, d.status from town_decision d"
                " join town t on t.id = d.town_id"
            )
        )
        facts["meeting"] = {
            row[0]: row for row in connection.execute("select year, note, source from meeting")
        }
    return facts


def test_an_upgraded_registry_has_the_shipped_facts_of_a_new_one(
    run: Run, schema1: Path, db_path: Path
) -> None:
    """Migration 2 and data/ agree: the corrections reach old registries too."""
    assert run("--db", str(schema1), "db", "check").exit_code == 0
    upgraded, fresh = shipped_facts(schema1), shipped_facts(db_path)
    for table in SHIPPED_FIELDS:
        for key, row in fresh[table].items():
            assert upgraded[table].get(key) == row, (table, key)
    for table in ("town_alias", "organisation_alias", "decision"):
        assert fresh[table] <= upgraded[table], fresh[table] - upgraded[table]
    for year in (2013, 2015, 2017):
        assert upgraded["meeting"][year] == fresh["meeting"][year]


def test_the_upgrade_keeps_what_staff_changed_and_says_what_it_corrected(
    run: Run, schema1: Path
) -> None:
    with sqlite3.connect(schema1) as connection:
        connection.execute("update town set note = 'Staff: code checked' where key = 'bergen'")
        connection.execute(
            "update organisation set name = 'Konsumentförvaltningen'"
            " where key = 'forvaltningen-for-konsument-och-medborgarservice'"
        )
    assert run("--db", str(schema1), "db", "check").exit_code == 0
    with sqlite3.connect(schema1) as connection:
        assert connection.execute("select note from town where key = 'bergen'").fetchone() == (
            "Staff: code checked",
        )
        # Renamed by staff: neither its name nor its key is touched.
        assert connection.execute(
            "select key from organisation where name = 'Konsumentförvaltningen'"
        ).fetchone() == ("forvaltningen-for-konsument-och-medborgarservice",)
        assert connection.execute(
            "select twinned_since from town where key = 'chicago'"
        ).fetchone() == (1987,)
    history = json.loads(run("--db", str(schema1), "history", "-f", "json").stdout)
    upgrade = [e for e in history if e["who"].startswith("vanort upgrade")]
    assert upgrade, "the corrections are in the history"
    with sqlite3.connect(schema1) as connection:
        (bergen,) = connection.execute("select id from town where key = 'bergen'").fetchone()
    touched = [(e["table"], e["record_id"], *e["new"]) for e in upgrade]
    assert ("town", bergen, "source") in touched  # not changed by staff: corrected
    assert ("town", bergen, "note") not in touched  # changed by staff: kept
    found = json.loads(run("--db", str(schema1), "towns", "show", "Tallin", "-f", "json").stdout)
    assert found["key"] == "tallinn"


def test_an_upgrade_backs_up_then_runs_each_step_and_keeps_every_row(
    run: Run, schema1: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The mechanism itself, with a made-up schema 2 that adds a column."""
    before = dump(schema1)

    # A column the models have (schema 6's), so that `towns list` can read the towns.
    def add_swedish_note(connection: Connection) -> None:
        connection.execute(text("ALTER TABLE town ADD COLUMN note_sv VARCHAR"))

    monkeypatch.setattr(migrations, "SCHEMA_VERSION", 2)
    monkeypatch.setattr(migrations, "MIGRATIONS", {2: add_swedish_note})
    # The made-up schema's tables are the released schema 1's.
    from vanort_cli.store.sqlite import SQLiteFile

    monkeypatch.setattr(SQLiteFile, "tune", lambda self, engine: None)
    # Nor are its history triggers (schema 5) those of the made-up schema.
    monkeypatch.setattr(SQLiteFile, "after_upgrade", lambda self, connection: None)
    # ... and not the models': the comparison with them (schema_check) would refuse it.
    monkeypatch.setattr(SQLiteFile, "altered_tables", lambda self, connection: None)
    result = run("--db", str(schema1), "towns", "list", "-f", "json")
    assert result.exit_code == 0, result.output
    [backup] = list(schema1.parent.glob("old.db.schema1-*.bak"))
    assert dump(backup) == before
    after = dump(schema1)
    assert after["vanort_meta"] != before["vanort_meta"]
    assert ("schema_version", "2") in after["vanort_meta"]
    for table, rows in before.items():
        if table in ("vanort_meta", "town"):
            continue
        assert after[table] == rows, table
    assert [row[:-1] for row in after["town"]] == before["town"]  # the new column at the end


def test_an_upgrade_that_fails_changes_nothing(
    run: Run, schema1: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = dump(schema1)

    def broken(connection: Connection) -> None:
        connection.execute(text("ALTER TABLE town ADD COLUMN half_done VARCHAR"))
        raise RuntimeError("step failed halfway")

    monkeypatch.setattr(migrations, "SCHEMA_VERSION", 2)
    monkeypatch.setattr(migrations, "MIGRATIONS", {2: broken})
    result = run("--db", str(schema1), "towns", "list")
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert dump(schema1) == before


def test_the_upgrade_backup_holds_rows_still_in_the_wal(run: Run, schema1: Path) -> None:
    """The backup before the real upgrade (migration 2) is the whole registry: rows
    committed but not yet checkpointed from the -wal are in it, and it is one
    self-contained file (no -wal of its own) that opens read-only anywhere."""
    holder = sqlite3.connect(schema1)  # keeps the WAL from being checkpointed away
    try:
        holder.execute("PRAGMA journal_mode = WAL")
        holder.execute("PRAGMA wal_autocheckpoint = 0")
        holder.execute(
            "insert into organisation (key, name, kind, confirmed) "
            "values ('wal-only', 'Only in the WAL', 'forvaltning', 1)"
        )
        holder.commit()
        assert Path(f"{schema1}-wal").stat().st_size > 0
        before = dump(schema1)
        result = run("--db", str(schema1), "db", "check")
        assert result.exit_code == 0, result.output
    finally:
        holder.close()
    [backup] = list(schema1.parent.glob("old.db.schema1-*.bak"))
    assert not Path(f"{backup}-wal").exists()
    with sqlite3.connect(f"file:{backup}?mode=ro", uri=True) as copy:
        assert copy.execute("PRAGMA journal_mode").fetchone() == ("delete",)
        assert copy.execute("select name from organisation where key = 'wal-only'").fetchone()
    assert dump(backup) == before
    assert backup.stat().st_mode & 0o777 == 0o600


@pytest.fixture
def schema2(tmp_path: Path) -> Path:
    copy = tmp_path / "old2.db"
    shutil.copy(FIXTURES / "registry-schema2.db", copy)
    return copy


def test_schema2_opens_with_every_row_kept_and_the_duplicate_index(run: Run, schema2: Path) -> None:
    """Schema 3 adds an index and changes no row (the fixture is the schema-1
    fixture as the schema-2 vanort upgraded it)."""
    before = dump(schema2)
    assert all(rows for rows in before.values()), "every table must hold data"
    result = run("--db", str(schema2), "collaborations", "list", "-f", "json")
    assert result.exit_code == 0, result.output
    after = dump(schema2)
    for table, rows in before.items():
        if table != "vanort_meta":
            # Later schemas add columns at the end (schema 4): the old ones are kept;
            # schema 6's entries in the history come after the old ones.
            width = len(rows[0])
            kept = [row[:width] for row in after[table]]
            if table == "audit_entry":
                assert set(rows) <= set(kept), table
            else:
                assert kept == rows, table
    assert ("schema_version", str(migrations.SCHEMA_VERSION)) in after["vanort_meta"]
    with sqlite3.connect(schema2) as connection:
        indexes = {name for (name,) in connection.execute("select name from sqlite_master")}
    assert "ix_collaboration_org_start" in indexes
    assert run("--db", str(schema2), "db", "check").exit_code == 0


@pytest.fixture
def schema3(tmp_path: Path) -> Path:
    copy = tmp_path / "old3.db"
    shutil.copy(FIXTURES / "registry-schema3.db", copy)
    return copy


def test_schema3_opens_with_every_row_kept_and_the_role_columns(run: Run, schema3: Path) -> None:
    """Schema 4 adds a collaboration's owner role and the audit trail's database
    role, empty on SQLite; every old row and column is kept (the fixture is the
    schema-2 fixture as the schema-3 vanort upgraded it)."""
    before = dump_with_columns(schema3)
    assert all(rows for _, rows in before.values()), "every table must hold data"
    result = run("--db", str(schema3), "collaborations", "list", "-f", "json")
    assert result.exit_code == 0, result.output
    after = dump_with_columns(schema3)
    for table, (columns, rows) in before.items():
        after_columns, after_rows = after[table]
        assert after_columns[: len(columns)] == columns, table
        # Schema 6 records the Swedish notes it adds in the history: new entries.
        new = table == "audit_entry"
        assert {
            k: v[: len(columns)] for k, v in after_rows.items() if k in rows or not new
        } == rows, table
    assert after["collaboration"][0][len(before["collaboration"][0]) :] == ["owner_role"]
    # db_role from schema 4, command and origin from schema 5.
    assert after["audit_entry"][0][len(before["audit_entry"][0]) :] == [
        "db_role",
        "command",
        "origin",
    ]
    assert all(row[-1] is None for row in after["collaboration"][1].values())
    with sqlite3.connect(schema3) as connection:
        version = connection.execute(
            "select value from vanort_meta where key = 'schema_version'"
        ).fetchone()
    assert version == (str(migrations.SCHEMA_VERSION),)
    assert len(list(schema3.parent.glob("old3.db.schema3-*.bak"))) == 1
    assert run("--db", str(schema3), "db", "check").exit_code == 0


@pytest.fixture
def schema4(tmp_path: Path) -> Path:
    copy = tmp_path / "old4.db"
    shutil.copy(FIXTURES / "registry-schema4.db", copy)
    return copy


def test_schema4_keeps_every_row_and_its_history_is_then_written_by_the_file(
    run: Run, schema4: Path
) -> None:
    """Schema 5: the history's new columns (command, origin) are None on every old
    entry, a reporter_organisation table arrives empty, and from then on the
    file's own triggers record every change, also one made past vanort (the
    fixture is the schema-3 fixture as the schema-4 vanort upgraded it, with one
    collaboration logged by that vanort)."""
    before = dump_with_columns(schema4)
    result = run("--db", str(schema4), "collaborations", "list", "-f", "json")
    assert result.exit_code == 0, result.output
    after = dump_with_columns(schema4)
    for table, (columns, rows) in before.items():
        after_columns, after_rows = after[table]
        assert after_columns[: len(columns)] == columns, table
        # Schema 6 records the Swedish notes it adds in the history: new entries.
        new = table == "audit_entry"
        assert {
            k: v[: len(columns)] for k, v in after_rows.items() if k in rows or not new
        } == rows, table
    assert after["audit_entry"][0][len(before["audit_entry"][0]) :] == ["command", "origin"]
    assert all(row[-2:] == (None, None) for row in after["audit_entry"][1].values())
    assert len(list(schema4.parent.glob("old4.db.schema4-*.bak"))) == 1
    with sqlite3.connect(schema4) as connection:
        assert connection.execute("select count(*) from reporter_organisation").fetchone() == (0,)
        connection.execute("update collaboration set title = 'Changed past vanort' where id = 1")
    history = run("--db", str(schema4), "history", "--table", "collaboration", "-f", "json")
    newest = json.loads(history.stdout)[-1]
    assert newest["origin"] == "outside" and newest["who"] == "unknown"
    assert newest["new"] == {"title": "Changed past vanort"}
    assert run("--db", str(schema4), "db", "check").exit_code == 0


def test_what_a_killed_upgrade_left_is_cleared_by_the_next_one(run: Run, schema1: Path) -> None:
    """An upgrade killed while copying the registry leaves its temporary copy, the
    copy's journal and the empty name it reserved; the next upgrade, holding the
    write lock, clears them and keeps only its own whole copy."""
    stamp = "20261207T071855.544454Z"
    reserved = schema1.with_name(f"{schema1.name}.schema1-{stamp}.bak")
    reserved.touch()
    temporary = schema1.with_name(f".{reserved.name}.pqrmgb9_.tmp")
    temporary.write_bytes(b"half a copy")
    journal = schema1.with_name(f"{temporary.name}-journal")
    journal.write_bytes(b"journal")
    kept = schema1.with_name(f"{schema1.name}.schema1-20200101T000000.000000Z.bak")
    kept.write_bytes(b"a whole copy from an earlier upgrade")
    assert run("--db", str(schema1), "db", "check").exit_code == 0
    assert not reserved.exists() and not temporary.exists() and not journal.exists()
    assert kept.read_bytes() == b"a whole copy from an earlier upgrade"
    assert len(list(schema1.parent.glob("old.db.schema1-*.bak"))) == 2


@pytest.fixture
def schema5(tmp_path: Path) -> Path:
    copy = tmp_path / "old5.db"
    shutil.copy(FIXTURES / "registry-schema5.db", copy)
    return copy


def test_schema5_gets_the_swedish_notes_where_the_note_is_still_the_shipped_one(
    run: Run, schema5: Path
) -> None:
    """Schema 6: a town's and an organisation's note in Swedish (note_sv). The
    shipped rows get the Swedish of their note while the note is the one shipped;
    Kiel's note, rewritten by staff in the fixture, keeps no Swedish of ours; every
    old row and column is kept, and the history says what the upgrade added (the
    fixture is the schema-4 fixture as the schema-5 vanort upgraded it)."""
    before = dump_with_columns(schema5)
    result = run("--db", str(schema5), "towns", "list", "-f", "json")
    assert result.exit_code == 0, result.output
    after = dump_with_columns(schema5)
    for table, (columns, rows) in before.items():
        after_columns, after_rows = after[table]
        assert after_columns[: len(columns)] == columns, table
        kept = {k: v[: len(columns)] for k, v in after_rows.items() if k in rows}
        assert kept == rows, table
        assert table == "audit_entry" or len(after_rows) == len(rows), table
    assert after["town"][0][len(before["town"][0]) :] == ["note_sv"]
    assert after["organisation"][0][len(before["organisation"][0]) :] == ["note_sv", "since"]
    with sqlite3.connect(schema5) as connection:
        notes = dict(connection.execute("select key, note_sv from town"))
        orgs = dict(connection.execute("select key, note_sv from organisation"))
        upgrade_entries = connection.execute(
            "select count(*) from audit_entry where who like 'vanort upgrade (the shipped notes%'"
        ).fetchone()[0]
    assert notes["bergen"] is not None and notes["bergen"].startswith("Kommunenummer 4601 sedan")
    assert notes["kiel"] is None  # staff's own note
    assert notes["goteborg"] is None  # no note, no Swedish
    assert orgs["boplats-goteborg"].startswith("Placerat direkt under Göteborgs Stadshus AB")
    assert upgrade_entries == sum(v is not None for v in [*notes.values(), *orgs.values()])
    shown = run("--db", str(schema5), "--lang", "sv", "towns", "show", "Bergen").stdout
    assert "sedan 2020" in " ".join(shown.split())
    assert run("--db", str(schema5), "db", "check").exit_code == 0


def test_a_new_registry_has_the_swedish_notes_an_upgraded_one_gets(
    run: Run, schema5: Path, db_path: Path
) -> None:
    """Seeded from data/ or upgraded by schema6_swedish_notes.toml: the same notes."""
    assert run("--db", str(schema5), "towns", "list").exit_code == 0
    assert run("towns", "list").exit_code == 0
    query = "select key, note, note_sv from {} where key != 'kiel' order by key"
    for table in ("town", "organisation"):
        with sqlite3.connect(schema5) as old, sqlite3.connect(db_path) as new:
            upgraded = old.execute(query.format(table)).fetchall()
            seeded = dict((k, (n, sv)) for k, n, sv in new.execute(query.format(table)))
        for key, note, note_sv in upgraded:
            if key in seeded:  # the fixture has rows of its own (Tromsø)
                assert seeded[key] == (note, note_sv), key
        assert all(sv for _, (note, sv) in seeded.items() if note), table


def test_a_note_replaced_by_staff_drops_the_swedish_of_the_old_one(run: Run) -> None:
    retired = run("orgs", "retire", "Boplats Göteborg", "--on", "2026-06-30", "--note", "Wound up.")
    assert retired.exit_code == 0, retired.output
    shown = run("--lang", "sv", "orgs", "show", "Boplats Göteborg").stdout
    assert "Wound up." in shown and "Placerat direkt" not in shown


@pytest.fixture
def schema6(tmp_path: Path) -> Path:
    copy = tmp_path / "old6.db"
    shutil.copy(FIXTURES / "registry-schema6.db", copy)
    return copy


def test_schema6_gets_the_start_dates_and_the_round_tables(run: Run, schema6: Path) -> None:
    """Schema 7: organisations get `since` (the shipped ones whose start the sources
    give, at the precision they give it), and the tables of contacts and rounds;
    every old row and column is kept, the history says what the upgrade set (the
    fixture is the schema-5 fixture as the schema-6 vanort upgraded it)."""
    before = dump_with_columns(schema6)
    result = run("--db", str(schema6), "orgs", "list", "-f", "json")
    assert result.exit_code == 0, result.output
    after = dump_with_columns(schema6)
    for table, (columns, rows) in before.items():
        after_columns, after_rows = after[table]
        assert after_columns[: len(columns)] == columns, table
        kept = {k: v[: len(columns)] for k, v in after_rows.items() if k in rows}
        assert kept == rows, table
        assert table == "audit_entry" or len(after_rows) == len(rows), table
    assert after["organisation"][0][len(before["organisation"][0]) :] == ["since"]
    for table in (
        "organisation_contact",
        "reporting_round",
        "round_organisation",
        "round_collaboration",
        "round_letter",
    ):
        assert table in after and not after[table][1], table
    with sqlite3.connect(schema6) as connection:
        since = dict(connection.execute("select key, since from organisation"))
        entries = connection.execute(
            "select count(*) from audit_entry where who like 'vanort upgrade (the organisations%'"
        ).fetchone()[0]
    assert since["stadsbyggnadsforvaltningen"] == "2023"
    assert since["forvaltningen-for-demokrati-och-medborgarservice"] == "2021-10"
    assert since["socialforvaltningen-hisingen"] == "2021"
    assert since["stadsledningskontoret"] is None  # unknown stays unknown
    assert entries == sum(v is not None for v in since.values()) == 11
    assert run("--db", str(schema6), "db", "check").exit_code == 0


def test_a_new_registry_has_the_start_dates_an_upgraded_one_gets(
    run: Run, schema6: Path, db_path: Path
) -> None:
    """Seeded from data/ or upgraded by schema7_lifespans.toml: the same dates."""
    assert run("--db", str(schema6), "orgs", "list").exit_code == 0
    assert run("orgs", "list").exit_code == 0
    query = "select key, since from organisation order by key"
    with sqlite3.connect(schema6) as old, sqlite3.connect(db_path) as new:
        upgraded = dict(old.execute(query).fetchall())
        seeded = dict(new.execute(query).fetchall())
    assert {k: v for k, v in upgraded.items() if k in seeded} == seeded


@pytest.fixture
def schema7(tmp_path: Path) -> Path:
    copy = tmp_path / "old7.db"
    shutil.copy(FIXTURES / "registry-schema7.db", copy)
    return copy


def test_schema7_gets_the_link_and_session_tables(run: Run, schema7: Path) -> None:
    """Schema 8: the tables of the reporters' links and the web's sessions, empty;
    every old row and column is kept (the fixture is the schema-6 fixture as the
    schema-7 vanort upgraded it)."""
    before = dump_with_columns(schema7)
    result = run("--db", str(schema7), "orgs", "list", "-f", "json")
    assert result.exit_code == 0, result.output
    after = dump_with_columns(schema7)
    for table, (columns, rows) in before.items():
        after_columns, after_rows = after[table]
        assert after_columns == columns, table
        assert {k: v for k, v in after_rows.items() if k in rows} == rows, table
        assert table == "audit_entry" or len(after_rows) == len(rows), table
    for table in ("round_link", "web_session"):
        assert table in after and not after[table][1], table
    with sqlite3.connect(schema7) as connection:
        version = connection.execute(
            "select value from vanort_meta where key = 'schema_version'"
        ).fetchone()[0]
    assert version == str(migrations.SCHEMA_VERSION)
    assert run("--db", str(schema7), "db", "check").exit_code == 0


@pytest.fixture
def schema8(tmp_path: Path) -> Path:
    copy = tmp_path / "old8.db"
    shutil.copy(FIXTURES / "registry-schema8.db", copy)
    return copy


def test_schema8_is_upgraded_and_keeps_every_row(run: Run, schema8: Path) -> None:
    """Schema 9 changes only PostgreSQL's history triggers: a SQLite registry keeps
    every table, column and row, and records as before (the fixture is the
    schema-7 fixture as the schema-8 vanort upgraded it)."""
    before = dump_with_columns(schema8)
    result = run("--db", str(schema8), "orgs", "list", "-f", "json")
    assert result.exit_code == 0, result.output
    after = dump_with_columns(schema8)
    assert after.keys() == before.keys()
    for table, (columns, rows) in before.items():
        assert after[table] == (columns, rows) or table in ("vanort_meta", "audit_entry"), table
    with sqlite3.connect(schema8) as connection:
        version = connection.execute(
            "select value from vanort_meta where key = 'schema_version'"
        ).fetchone()[0]
    assert version == "9"
    assert run("--db", str(schema8), "db", "check").exit_code == 0
