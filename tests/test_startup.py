"""Start-up stays light: what `--help`, `--version` and completion import, and the
name lookup a process keeps between sessions."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from vanort_cli import version_line
from vanort_cli.services import lookup
from vanort_cli.services.lookup import find_organisation, find_town
from vanort_cli.services.vocabulary import add_organisation, rename_organisation
from vanort_cli.store.location import resolve_location
from vanort_cli.store.registry import Registry

# What a light path must not import: the database stack, pydantic (SQLModel's
# and Typer's conversions) and the exchange formats.
HEAVY = (
    "sqlalchemy",
    "sqlmodel",
    "pydantic",
    "openpyxl",
    "icalendar",
    "rich.progress",
    "matplotlib",
)
COMPLETION = {"_VANORT_COMPLETE": "complete_bash", "COMP_WORDS": "vanort ", "COMP_CWORD": "1"}


def imported(args: list[str], extra_env: dict[str, str] | None = None) -> tuple[set[str], str]:
    """The modules `python -m vanort_cli ARGS` imports (by -X importtime), and its stdout."""
    env = {**os.environ, **(extra_env or {})}
    result = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "vanort_cli", *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    modules = set(re.findall(r"^import time:.*\|\s*(\S+)\s*$", result.stderr, re.MULTILINE))
    assert modules, result.stderr[-2000:]
    return modules, result.stdout


def heavy_in(modules: set[str]) -> list[str]:
    return sorted(m for m in modules if any(m == h or m.startswith(h + ".") for h in HEAVY))


@pytest.mark.parametrize(
    "args",
    [["--help"], ["next-meeting", "--help"], ["meeting", "show", "--help"], ["db", "--help"]],
    ids=" ".join,
)
def test_help_imports_neither_the_database_stack_nor_pydantic(args: list[str]) -> None:
    modules, out = imported(args)
    assert "Usage" in out
    assert heavy_in(modules) == []


def test_version_imports_not_even_the_app() -> None:
    modules, out = imported(["--version"])
    assert out.strip() == version_line()
    assert heavy_in(modules) == []
    assert "typer" not in modules and "vanort_cli.cli.app" not in modules


@pytest.mark.parametrize(
    ("words", "expected"),
    [("vanort ", "next-meeting"), ("vanort meeting ", "record"), ("vanort --db x.db ", "report")],
)
def test_completion_imports_neither_the_database_stack_nor_pydantic(
    words: str, expected: str
) -> None:
    env = {**COMPLETION, "COMP_WORDS": words, "COMP_CWORD": str(len(words.split()))}
    modules, out = imported([], env)
    assert expected in out.split()
    assert heavy_in(modules) == []


@pytest.mark.parametrize(
    ("words", "expected"),
    [
        ("vanort collaborations list --town ", "Gothenburg"),
        ("vanort log-collaboration --org slk", "SLK"),
        ("vanort collaborations list --area cult", "Culture"),
        ("vanort meeting show ", "2013"),
        ("vanort report --year ", "2013"),
    ],
)
def test_completing_values_reads_the_registry_without_the_database_stack(
    words: str, expected: str
) -> None:
    """Towns, organisations, areas and years come from the registry (the autouse
    fixture's VANORT_DB) through the standard library's sqlite3 alone."""
    count = len(words.split())
    cword = count if words.endswith(" ") else count - 1
    env = {**COMPLETION, "COMP_WORDS": words, "COMP_CWORD": str(cword)}
    modules, out = imported([], env)
    assert expected in out.split()
    assert heavy_in(modules) == []
    assert "vanort_cli.store.registry" not in modules and "vanort_cli.store.models" not in modules


def test_an_option_value_is_still_checked_after_the_help_shortcuts(db_path: Path) -> None:
    """Text options skip Typer's conversion; every other value is still converted."""
    env = {**os.environ, "VANORT_DB": str(db_path)}
    result = subprocess.run(
        [sys.executable, "-m", "vanort_cli", "schedule", "--from", "nineteen"],
        capture_output=True,
        text=True,
        env=env,
    )
    assert result.returncode == 2 and "--from" in result.stderr


# -- the name lookup a process keeps ----------------------------------------------


def test_sessions_share_the_name_book_until_the_names_change(db_path: Path) -> None:
    registry = Registry(resolve_location(str(db_path)))
    try:
        with registry.reading() as session:
            book = lookup._book_for(session, "organisation")
            org = find_organisation(session=session, name="Boplats Göteborg")
            town = find_town(session=session, name="Aarhus")
        with registry.reading() as session:
            # The same rows: the same book, and records of this session.
            assert lookup._book_for(session, "organisation") is book
            again = find_organisation(session=session, name="Boplats Göteborg")
            assert again.id == org.id and again in session
            assert find_town(session=session, name="Århus").id == town.id

        with registry.writing() as session:
            rename_organisation(session=session, name="Boplats Göteborg", new_name="Bostadsplats")
        with registry.reading() as session:
            assert lookup._book_for(session, "organisation") is not book
            assert find_organisation(session=session, name="Bostadsplats").id == org.id
            # The old name stays an alias.
            assert find_organisation(session=session, name="Boplats Göteborg").id == org.id
    finally:
        registry.close()


def test_a_name_added_by_another_process_is_found_by_the_next_session(db_path: Path) -> None:
    registry = Registry(resolve_location(str(db_path)))
    try:
        with registry.reading() as session:
            lookup._book_for(session, "organisation")
        env = {**os.environ, "VANORT_DB": str(db_path)}
        added = subprocess.run(
            [sys.executable, "-m", "vanort_cli", "orgs", "add", "Lärdomsförvaltningen",
             "--kind", "forvaltning"],
            capture_output=True, text=True, env=env,
        )  # fmt: skip
        assert added.returncode == 0, added.stderr
        with registry.reading() as session:
            org = find_organisation(session=session, name="lardomsforvaltningen")
            assert org.name == "Lärdomsförvaltningen"
    finally:
        registry.close()


def test_a_name_added_in_a_session_is_found_in_it_and_forgotten_on_rollback(
    db_path: Path,
) -> None:
    registry = Registry(resolve_location(str(db_path)))
    try:
        with pytest.raises(RuntimeError), registry.writing() as session:
            add_organisation(session=session, name="Tillfälliga bolaget", kind="bolag", aliases=[])
            assert find_organisation(session=session, name="Tillfälliga bolaget").id is not None
            raise RuntimeError("roll back")
        with registry.reading() as session:
            found, _ = lookup.match_organisation(session=session, name="Tillfälliga bolaget")
            assert found is None
    finally:
        registry.close()


def test_the_live_year_index_is_partial_on_postgresql_without_importing_its_dialect() -> None:
    code = (
        "import sys\n"
        "import vanort_cli.store.models\n"
        "loaded = 'sqlalchemy.dialects.postgresql' in sys.modules\n"
        "from sqlalchemy import create_mock_engine\n"
        "from sqlmodel import SQLModel\n"
        "out = []\n"
        "engine = create_mock_engine('postgresql://', lambda sql, *a, **k: "
        "out.append(str(sql.compile(dialect=engine.dialect))))\n"
        "SQLModel.metadata.create_all(engine, checkfirst=False)\n"
        "print(loaded, [s for s in out if 'ux_meeting_live_year' in s])\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == (
        "False ['CREATE UNIQUE INDEX ux_meeting_live_year ON meeting (year) "
        "WHERE deleted_at IS NULL']"
    )
