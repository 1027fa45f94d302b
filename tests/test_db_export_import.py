"""`vanort db export` and `vanort db import`: the whole registry as one JSON document.

The round trip is the contract: export, import into a new path, export again gives
the same document (but for its time), and the commands answer the same on both
registries. A registry holding what staff recorded is never overwritten, and a
document that cannot be imported leaves no registry behind.
"""

from __future__ import annotations

import json
import shutil
import sqlite3
import tempfile
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from conftest import Run, checkpoint, file_digest
from vanort_cli.cli.app import app
from vanort_cli.store.migrations import SCHEMA_VERSION
from vanort_cli.store.registry_json import FORMAT_NAME, STAFF_ONLY_TABLES, registry_tables

TODAY = "2026-11-27"
# A registry with something in every table: hidden and purged rows, a setting,
# a town and an organisation added, a meeting with its delegation and seminar,
# a preparation step and an evaluation, contacts, an organisation's start and a round.
STAFF_WORK: list[list[str]] = [
    ["log-collaboration", "-t", "Åbo", "-t", "Bergen", "-o", "Kulturförvaltningen",
     "-a", "culture", "--title", "Nordiska litteraturdagar", "--start", "2026-03-01"],
    ["log-collaboration", "-t", "Århus", "-o", "Kulturförvaltningen", "-a", "culture",
     "--title", "Hidden one", "--start", "2025-01-01"],
    ["log-collaboration", "-t", "Bergen", "-o", "Kulturförvaltningen", "-a", "culture",
     "--title", "Purged one", "--start", "2025-01-01", "--end", "2025-06-30"],
    ["collaborations", "delete", "3", "--yes"],
    ["db", "purge", "--before", "2100-01-01", "--yes"],
    ["collaborations", "delete", "2", "--yes"],
    ["orgs", "add", "Park- och naturförvaltningen", "--kind", "forvaltning", "--alias", "PoN"],
    ["towns", "add", "Tromsø", "--kind", "twin", "--country", "NO", "--after", "Bergen",
     "--decision", "KF 2025-12-11 §12", "--decided-on", "2025-12-11", "--alias", "Tromsoe"],
    ["meeting", "participant", "add", "2017", "--name", "Anna Svensson", "--town", "Göteborg",
     "--role", "KF ordförande", "--decision", "KF presidium 2017-02-01 §3"],
    ["meeting", "seminar", "add", "2017", "--title", "Klimatanpassade hamnar",
     "--org", "Kretslopp och vatten", "--speaker", "Eva Lind"],
    ["meeting", "step-done", "2017", "save-the-date", "--on", "2016-09-15"],
    ["evaluation", "done", "2017", "--reference", "Dnr 0123/18", "--on", "2018-03-20"],
    ["evaluation", "due-days", "120"],
    ["meeting", "record", "2029", "--host", "Åbo", "--status", "planned"],
    ["meeting", "delete", "2029", "--yes"],
    # The reporting round's (schema 7): contacts, one removed; a start; a round.
    ["orgs", "contact", "add", "Kulturförvaltningen", "--name", "Anna Berg",
     "--email", "anna.berg@kultur.goteborg.se", "--lang", "en"],
    ["orgs", "contact", "add", "Kulturförvaltningen", "--name", "Bo Ek",
     "--email", "bo.ek@kultur.goteborg.se", "--phone", "031-365 00 00"],
    ["orgs", "contact", "remove", "Kulturförvaltningen", "anna.berg@kultur.goteborg.se", "--yes"],
    ["orgs", "edit", "Higab", "--since", "1995-03"],
    ["round", "open", "2026", "--deadline", "2027-01-31"],
]  # fmt: skip
COMPARED: list[list[str]] = [
    ["schedule", "--from", "2013", "--to", "2045", "-f", "json"],
    ["collaborations", "list", "-f", "json"],
    ["towns", "list", "-f", "json"],
    ["orgs", "list", "-f", "json"],
    ["report", "--year", "2026", "-f", "json"],
    ["history", "-f", "json"],
    ["evaluation", "list", "-f", "json"],
    ["meeting", "show", "2017", "-f", "json"],
    ["orgs", "contact", "list", "-f", "json"],
    ["orgs", "show", "Higab", "-f", "json"],
]


@pytest.fixture(autouse=True)
def _today(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("VANORT_TODAY", TODAY)


def ok(run: Run, *args: str) -> str:
    result = run(*args)
    assert result.exit_code == 0, (args, result.output)
    return result.stdout


def refused(run: Run, code: int, *args: str) -> str:
    """The one line of a refused command."""
    result = run(*args)
    assert result.exit_code == code, (args, result.output)
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    assert "Traceback" not in result.output
    return lines[0]


def _the_import_itself(table: str, new: Any) -> bool:
    """The history entry an import adds: the setting `imported_at` it records."""
    if isinstance(new, str):
        new = json.loads(new)
    return table == "vanort_meta" and isinstance(new, dict) and new.get("key") == "imported_at"


def as_recorded(entries: list[dict[str, Any]], table_key: str = "table") -> list[dict[str, Any]]:
    """A history as it was recorded: an import keeps every entry of a document but
    gives it an id of its own and marks it imported, and records itself once."""
    return [
        {key: value for key, value in entry.items() if key not in ("id", "origin")}
        for entry in entries
        if not _the_import_itself(entry[table_key], entry["new"])
    ]


def without_time(path: Path) -> dict[str, Any]:
    """The document but for its time, with its history as recorded (`as_recorded`)."""
    document = json.loads(path.read_text(encoding="utf-8"))
    document.pop("exported_at")
    if "audit_entry" in document["tables"]:
        entries = document["tables"]["audit_entry"]
        document["tables"]["audit_entry"] = as_recorded(entries, "table_name")
    document["id_sequences"].pop("audit_entry", None)
    return document  # type: ignore[no-any-return]


def comparable(command: list[str], output: str) -> Any:
    """A command's answer, the history's as recorded (`as_recorded`)."""
    if command[0] == "history":
        return as_recorded(json.loads(output))
    return output


@pytest.fixture
def worked(run: Run) -> None:
    for command in STAFF_WORK:
        ok(run, *command)


def test_round_trip_with_history(run: Run, tmp_path: Path, worked: None) -> None:
    first, second, copy = tmp_path / "a.json", tmp_path / "b.json", tmp_path / "copy.db"
    ok(run, "db", "export", "--history", "-o", str(first))
    ok(run, "--db", str(copy), "db", "import", str(first))
    ok(run, "--db", str(copy), "db", "export", "--history", "-o", str(second))
    assert without_time(first) == without_time(second)
    # Written the same, line for line, up to the history (whose ids are new).
    lines = [text.read_text().split('"audit_entry"')[0] for text in (first, second)]
    assert lines[0].splitlines()[5:] == lines[1].splitlines()[5:]
    assert first.stat().st_mode & 0o777 == 0o600  # private, like the registry
    for command in COMPARED:
        here, there = ok(run, *command), ok(run, "--db", str(copy), *command)
        assert comparable(command, here) == comparable(command, there), command
    imported = json.loads(ok(run, "--db", str(copy), "history", "-f", "json"))
    assert {e["origin"] for e in imported[:-1]} == {"imported"}
    assert imported[-1]["origin"] == "vanort" and "db import" in imported[-1]["command"]
    ok(run, "--db", str(copy), "db", "check")


def test_the_document_holds_every_row_and_id(run: Run, tmp_path: Path, worked: None) -> None:
    target = tmp_path / "registry.json"
    ok(run, "db", "export", "--history", "-o", str(target))
    document = json.loads(target.read_text(encoding="utf-8"))
    assert document["format"] == FORMAT_NAME
    assert document["version"] == 1
    assert document["schema_version"] == SCHEMA_VERSION
    assert document["history"] is True
    assert list(document["tables"]) == [t.name for t in registry_tables()]
    with sqlite3.connect(tmp_path / "registry.db") as db:
        for table in registry_tables():
            rows = document["tables"][table.name]
            if table.name == "vanort_meta":  # the settings only
                assert rows == [{"key": "evaluation_due_days", "value": "120"}]
                continue
            count = db.execute(f"select count(*) from {table.name}").fetchone()[0]
            assert len(rows) == count, table.name
            assert all(list(row) == [c.name for c in table.columns] for row in rows)
    collaborations = {row["id"]: row for row in document["tables"]["collaboration"]}
    assert set(collaborations) == {1, 2}  # 3 was purged
    assert collaborations[2]["deleted_at"] is not None
    assert collaborations[1]["start_date"] == "2026-03-01"
    assert collaborations[1]["created_at"].endswith("+00:00")
    assert document["id_sequences"]["collaboration"] == 3
    meetings = document["tables"]["meeting"]
    assert [m["year"] for m in meetings if m["deleted_at"]] == [2029]


def test_an_id_purged_before_the_export_is_never_given_again(
    run: Run, tmp_path: Path, worked: None
) -> None:
    target, copy = tmp_path / "registry.json", tmp_path / "copy.db"
    ok(run, "db", "export", "-o", str(target))
    ok(run, "--db", str(copy), "db", "import", str(target))
    ok(run, "--db", str(copy), *STAFF_WORK[0], "--allow-duplicate")
    listed = json.loads(ok(run, "--db", str(copy), "collaborations", "list", "-f", "json"))
    assert max(row["id"] for row in listed) == 4


def test_without_history_the_copy_starts_a_history_of_its_own(
    run: Run, tmp_path: Path, worked: None
) -> None:
    first, second, copy = tmp_path / "a.json", tmp_path / "b.json", tmp_path / "copy.db"
    ok(run, "db", "export", "-o", str(first))
    document = json.loads(first.read_text(encoding="utf-8"))
    assert "audit_entry" not in document["tables"] and document["history"] is False
    result = run("--db", str(copy), "db", "import", str(first))
    assert result.exit_code == 0, result.output
    assert "no history" in result.stderr
    ok(run, "--db", str(copy), "db", "export", "-o", str(second))
    assert without_time(first) == without_time(second)
    # Its history starts with the import itself.
    [entry] = json.loads(ok(run, "--db", str(copy), "history", "-f", "json"))
    assert _the_import_itself(entry["table"], entry["new"])
    for command in COMPARED[:5]:
        assert ok(run, *command) == ok(run, "--db", str(copy), *command), command
    # With no history to show it, the copy still counts as holding staff's records.
    line = refused(run, 1, "--db", str(copy), "db", "import", str(first))
    assert "earlier import" in line


def test_export_to_stdout_is_the_same_document(run: Run, tmp_path: Path) -> None:
    target = tmp_path / "registry.json"
    ok(run, "db", "export", "-o", str(target))
    shown = json.loads(ok(run, "db", "export"))
    shown.pop("exported_at")
    assert shown == without_time(target)


def test_export_never_overwrites_without_force(run: Run, tmp_path: Path) -> None:
    target = tmp_path / "registry.json"
    target.write_text("keep", encoding="utf-8")
    assert "already exists" in refused(run, 1, "db", "export", "-o", str(target))
    assert target.read_text(encoding="utf-8") == "keep"
    ok(run, "db", "export", "-o", str(target), "--force")
    line = refused(run, 1, "db", "export", "-o", str(tmp_path / "registry.db"), "--force")
    assert "is the registry itself" in line


def test_a_registry_with_only_the_shipped_data_is_filled(
    run: Run, tmp_path: Path, worked: None
) -> None:
    target, fresh = tmp_path / "registry.json", tmp_path / "fresh.db"
    ok(run, "db", "export", "--history", "-o", str(target))
    ok(run, "--db", str(fresh), "db", "init")
    ok(run, "--db", str(fresh), "next-meeting")  # reading leaves it as shipped
    ok(run, "--db", str(fresh), "db", "import", str(target))
    history = ["history", "-f", "json"]
    assert comparable(history, ok(run, "--db", str(fresh), *history)) == comparable(
        history, ok(run, *history)
    )


@pytest.mark.parametrize(
    ("work", "found"),
    [
        (["evaluation", "due-days", "90"], "1 entry in its history"),
        (["meeting", "confirm", "2017"], "in its history"),
        (["orgs", "add", "Nya förvaltningen", "--kind", "forvaltning"], "in its history"),
    ],
)
def test_a_registry_with_staff_records_is_refused_untouched(
    run: Run, tmp_path: Path, db_path: Path, work: list[str], found: str
) -> None:
    target = tmp_path / "registry.json"
    ok(run, "db", "export", "-o", str(target))
    ok(run, *work)
    checkpoint(db_path)
    before = file_digest(db_path)
    line = refused(run, 1, "db", "import", str(target))
    assert found in line and "vanort --db NEW.db db import" in line
    checkpoint(db_path)
    assert file_digest(db_path) == before


def test_rows_written_past_vanort_count_as_staff_records(
    run: Run, tmp_path: Path, db_path: Path
) -> None:
    target = tmp_path / "registry.json"
    ok(run, "db", "export", "-o", str(target))
    with sqlite3.connect(db_path) as db:
        db.execute(
            "insert into evaluation (meeting_id, reference, done_on) values (3, 'x', '2018-01-01')"
        )
    # The file's own triggers recorded the row as a change made outside vanort.
    assert "1 entry in its history" in refused(run, 1, "db", "import", str(target))


def exported(run: Run, tmp_path: Path) -> dict[str, Any]:
    target = tmp_path / "good.json"
    ok(run, "db", "export", "--history", "-o", str(target))
    return json.loads(target.read_text(encoding="utf-8"))  # type: ignore[no-any-return]


def edits() -> list[tuple[str, Any, int, str]]:
    """(name, how to spoil a good document, exit code, what the one line says)."""

    def set_key(key: str, value: Any) -> Any:
        return lambda d: d.update({key: value})

    def first_row(table: str, column: str, value: Any) -> Any:
        return lambda d: d["tables"][table][0].update({column: value})

    def drop(table: str) -> Any:
        return lambda d: d["tables"].pop(table)

    def duplicate_first(table: str) -> Any:
        return lambda d: d["tables"][table].append(dict(d["tables"][table][0]))

    return [
        ("not ours", set_key("format", "something-else"), 2, "not a registry document"),
        ("format version", set_key("version", 2), 1, "version 2 of the registry document"),
        ("newer schema", set_key("schema_version", SCHEMA_VERSION + 1), 1, "Upgrade vanort"),
        ("older schema", set_key("schema_version", 1), 1, "which upgrades it"),
        ("no schema", set_key("schema_version", "2"), 1, "schema_version"),
        ("tables", set_key("tables", []), 1, "has no tables"),
        ("unknown table", lambda d: d["tables"].update({"towns": []}), 1, "'towns' is not a table"),
        ("missing table", drop("meeting"), 1, "lacks the table meeting"),
        ("unknown column", first_row("town", "population", 1), 1, "'population' is not a column"),
        ("missing column", lambda d: d["tables"]["town"][0].pop("note"), 1, "note is missing"),
        ("null id", first_row("town", "id", None), 1, "id needs a value"),
        ("null name", first_row("town", "name", None), 1, "name needs a value"),
        ("text for number", first_row("meeting", "year", "2013"), 1, "not a whole number"),
        ("bool for number", first_row("meeting", "year", True), 1, "not a whole number"),
        ("huge number", first_row("meeting", "year", 2**70), 1, "not a whole number"),
        ("lone surrogate", first_row("area", "name_en", "\ud800"), 1, "not text"),
        ("bad date", first_row("meeting", "start_date", "13/5"), 1, "not a date"),
        ("bad time", first_row("meeting", "created_at", "yesterday"), 1, "not an ISO 8601 time"),
        ("bad bool", first_row("meeting", "confirmed", 1), 1, "not true or false"),
        ("broken link", first_row("meeting", "host_town_id", 999), 1, "names no row of table town"),
        ("own facts", lambda d: d["tables"]["vanort_meta"].append(
            {"key": "schema_version", "value": "9"}), 1, "not a setting"),
        ("sequences", set_key("id_sequences", {"town": 3}), 1, "id_sequences"),
        ("duplicate id", duplicate_first("area"), 1, "breaks a rule of the registry"),
        ("row", lambda d: d["tables"]["area"].append([1, 2]), 1, "not a row"),
    ]  # fmt: skip


@pytest.mark.parametrize(("name", "spoil", "code", "says"), edits(), ids=[e[0] for e in edits()])
def test_a_document_that_cannot_be_imported_leaves_no_registry(
    run: Run, tmp_path: Path, name: str, spoil: Any, code: int, says: str
) -> None:
    document = exported(run, tmp_path)
    spoil(document)
    target, copy = tmp_path / "bad.json", tmp_path / "copy.db"
    target.write_text(json.dumps(document), encoding="utf-8")
    line = refused(run, code, "--db", str(copy), "db", "import", str(target))
    assert says in line, line
    assert not any(tmp_path.glob("copy.db*")), name


@pytest.mark.parametrize(
    ("content", "says"),
    [
        (b'{"format": "vanort-registry", ', "is not a JSON document (line 1"),
        (b"", "is not a JSON document"),
        (b"\xff\xfe\x00", "not UTF-8"),
        (b"[1, 2]", "not a registry document"),
        (b"[" * 100_000, "is not a JSON document"),
    ],
)
def test_a_file_that_is_not_a_document_is_a_usage_error(
    run: Run, tmp_path: Path, db_path: Path, content: bytes, says: str
) -> None:
    target = tmp_path / "broken.json"
    target.write_bytes(content)
    checkpoint(db_path)
    before = file_digest(db_path)
    assert says in refused(run, 2, "db", "import", str(target))
    assert says in refused(run, 2, "--db", str(tmp_path / "new.db"), "db", "import", str(target))
    assert not (tmp_path / "new.db").exists()
    assert file_digest(db_path) == before


def test_a_missing_file_or_a_folder_is_a_usage_error(run: Run, tmp_path: Path) -> None:
    assert "Cannot read" in refused(run, 2, "db", "import", str(tmp_path / "nothing.json"))
    assert "is not a file" in refused(run, 2, "db", "import", str(tmp_path))


# -- any registry's text survives the trip -----------------------------------------------

# Any text the registry takes: what the text rules (domain/text.py) refuse would
# never be logged, and a round trip of nothing proves nothing.
TEXT = st.text(
    alphabet=st.characters(
        exclude_categories=("Cc", "Cf", "Co", "Cn", "Cs", "Zl", "Zp"),
        exclude_characters="\u115f\u1160\u3164\uffa0\u2800",  # letters that show as nothing
    ),
    min_size=1,
    max_size=30,
).filter(lambda s: s.strip() != "")


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    titles=st.lists(TEXT, min_size=1, max_size=4),
    descriptions=st.lists(st.none() | TEXT, min_size=4, max_size=4),
    hidden=st.sets(st.integers(1, 4)),
)
def test_round_trip_of_any_collaborations(
    _fresh_registry: Path, titles: list[str], descriptions: list[str | None], hidden: set[int]
) -> None:
    runner = CliRunner()
    with tempfile.TemporaryDirectory() as folder:
        here = Path(folder)
        source, copy = here / "source.db", here / "copy.db"

        def invoke(db: Path, *args: str) -> str:
            result = runner.invoke(app, ["--db", str(db), *args])
            assert result.exit_code == 0, (args, result.output)
            return result.stdout

        # The source starts as `db init` leaves a registry (conftest's copy of one:
        # creating and seeding it was a fifth of each example); the copy is still
        # created by `db import` itself.
        shutil.copy(_fresh_registry, source)
        source.chmod(0o600)
        for title, description in zip(titles, descriptions, strict=False):
            extra = ["--description", description] if description else []
            log = ["log-collaboration", "-t", "Åbo", "-o", "SLK", "-a", "culture"]
            invoke(
                source, *log, "--title", title, "--start", "2026-01-01", "--allow-duplicate", *extra
            )
        for number in sorted(hidden & set(range(1, len(titles) + 1))):
            invoke(source, "collaborations", "delete", str(number), "--yes")
        invoke(source, "db", "export", "--history", "-o", str(here / "a.json"))
        invoke(copy, "db", "import", str(here / "a.json"))
        invoke(copy, "db", "export", "--history", "-o", str(here / "b.json"))
        assert without_time(here / "a.json") == without_time(here / "b.json")
        listed = ["collaborations", "list", "-f", "json"]
        assert invoke(source, *listed) == invoke(copy, *listed)


def test_the_history_of_vanorts_own_upgrades_is_shipped_data(
    run: Run, tmp_path: Path, db_path: Path
) -> None:
    target = tmp_path / "registry.json"
    ok(run, "db", "export", "-o", str(target))
    with sqlite3.connect(db_path) as db:
        db.execute(
            "insert into audit_entry (at, who, table_name, record_id, action, new) values "
            "('2026-11-27 10:00:00.000000', 'vanort upgrade (shipped-data corrections)', "
            "'town', 1, 'update', '{}')"
        )
    ok(run, "db", "import", str(target))


def test_a_registry_upgraded_from_schema_1_makes_the_round_trip(run: Run, tmp_path: Path) -> None:
    """The schema-1 fixture has rows in every table, ids with gaps, and upgrade history."""
    old, copy = tmp_path / "old.db", tmp_path / "copy.db"
    shutil.copy(Path(__file__).parent / "fixtures" / "registry-schema1.db", old)
    first, second = tmp_path / "a.json", tmp_path / "b.json"
    ok(run, "--db", str(old), "db", "export", "--history", "-o", str(first))
    document = json.loads(first.read_text(encoding="utf-8"))
    # Every table staff filled then: the contacts' and the round's came with schema 7.
    schema_7 = {"organisation_contact", "reporting_round", "round_organisation",
                "round_collaboration", "round_letter"}  # fmt: skip
    assert all(document["tables"][t] for t in STAFF_ONLY_TABLES if t not in schema_7)
    ok(run, "--db", str(copy), "db", "import", str(first))
    ok(run, "--db", str(copy), "db", "export", "--history", "-o", str(second))
    assert without_time(first) == without_time(second)
    for command in COMPARED:
        here, there = ok(run, "--db", str(old), *command), ok(run, "--db", str(copy), *command)
        assert comparable(command, here) == comparable(command, there), command
