"""Start-up stays light: what `--help`, `--version` and completion import, and the
name lookup a process keeps between sessions."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

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


def python_prints(code: str) -> str:
    """What `python -c code` prints in a fresh interpreter (which must succeed): a
    process of its own, so that what it imports is its own to count."""
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    return result.stdout


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
    printed = python_prints(code)
    assert printed.strip() == (
        "False ['CREATE UNIQUE INDEX ux_meeting_live_year ON meeting (year) "
        "WHERE deleted_at IS NULL']"
    )


# -- what stays out of a light start (issue 26) -------------------------------------

# The tables (SQLModel classes, SQLAlchemy's mappers) and the Markdown machinery
# that Typer's help module imports for a markup mode vanort does not use.
NOT_ON_A_LIGHT_START = ("vanort_cli.store.models", "rich.markdown", "markdown_it")

# Runs the console script's entry point in a fresh process, as `vanort ARGS` does,
# and prints which of the modules it was given were imported.
DRIVER = (
    "import sys\n"
    "watched = sys.argv[1].split(',')\n"
    "sys.argv = ['vanort', *sys.argv[2:]]\n"
    "from vanort_cli.entry import main\n"
    "try:\n"
    "    main()\n"
    "except SystemExit as stop:\n"
    "    assert stop.code in (None, 0), stop.code\n"
    "sys.stdout.flush()\n"
    "sys.stderr.write('LOADED ' + ','.join(m for m in watched if m in sys.modules))\n"
)


def loaded_by(args: list[str], extra_env: dict[str, str]) -> tuple[list[str], str]:
    """Which of NOT_ON_A_LIGHT_START `vanort ARGS` imports, and what it printed."""
    env = {**os.environ, "COLUMNS": "80", **extra_env}
    result = subprocess.run(
        [sys.executable, "-c", DRIVER, ",".join(NOT_ON_A_LIGHT_START), *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    _, _, loaded = result.stderr.rpartition("LOADED ")
    return [m for m in loaded.strip().split(",") if m], result.stdout


@pytest.mark.parametrize("language", ["en", "sv"])
@pytest.mark.parametrize(
    ("args", "completing", "expected"),
    [
        (["--help"], None, "next-meeting"),
        (["--version"], None, "vanort"),
        (["next-meeting", "--help"], None, "--format"),
        (["meeting", "--help"], None, "record"),
        (["db", "path"], None, "registry.db"),
        ([], "vanort ", "next-meeting"),
        ([], "vanort meeting ", "record"),
    ],
    ids=lambda value: " ".join(value) if isinstance(value, list) else str(value),
)
def test_what_touches_no_table_imports_neither_the_tables_nor_markdown(
    args: list[str], completing: str | None, expected: str, language: str
) -> None:
    extra = {"VANORT_LANG": language}
    if completing is not None:
        cword = str(len(completing.split()))
        extra |= {**COMPLETION, "COMP_WORDS": completing, "COMP_CWORD": cword}
    loaded, out = loaded_by(args, extra)
    assert expected in out
    assert loaded == []


def test_a_command_that_reads_a_table_still_imports_the_tables() -> None:
    """The driver above sees the tables when they are imported."""
    loaded, out = loaded_by(["next-meeting", "--format", "json"], {})
    assert '"year"' in out
    assert loaded == ["vanort_cli.store.models"]


# Runs the entry point as the console script does, and says at exit whether the
# garbage collector is on.
GC_DRIVER = (
    "import atexit, gc, sys\n"
    "atexit.register(lambda: sys.stderr.write(f'COLLECTING {gc.isenabled()}'))\n"
    "sys.argv = ['vanort', *sys.argv[1:]]\n"
    "from vanort_cli.entry import main\n"
    "main()\n"
)


@pytest.mark.parametrize(
    "args", [["next-meeting"], ["towns", "list", "--format", "json"], ["--help"]]
)
def test_start_up_runs_without_the_collector_and_the_command_with_it(args: list[str]) -> None:
    """entry.main turns the garbage collector off for start-up; making the registry
    turns it back on, so a command's work (an import of many rows, the web server)
    runs with it, and only what ends without a registry (help) runs without."""
    result = subprocess.run(
        [sys.executable, "-c", GC_DRIVER, *args],
        capture_output=True,
        text=True,
        env={**os.environ, "COLUMNS": "80"},
        timeout=120,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    _, _, collecting = result.stderr.rpartition("COLLECTING ")
    assert collecting.strip() == str(args[-1] != "--help")


# -- the command line builds only the command it names ------------------------------


@pytest.mark.parametrize(
    ("argv", "word"),
    [
        (["next-meeting"], "next-meeting"),
        (["--db", "x.db", "meeting", "show", "2013"], "meeting"),
        (["--db=x.db", "--lang", "sv", "report", "--year", "2026"], "report"),
        (["--lang=en", "towns"], "towns"),
        (["--help"], None),
        (["--version"], None),
        (["-h", "next-meeting"], None),
        ([], None),
        (["--db"], None),
        (["bogus"], None),
        (["--", "next-meeting"], None),
    ],
)
def test_the_app_for_a_command_line_has_the_command_it_names(
    argv: list[str], word: str | None
) -> None:
    from vanort_cli.cli.app import app, for_command_line

    chosen = for_command_line(argv)

    def listed(typer_app: Any) -> list[str]:
        infos: list[Any] = [*typer_app.registered_commands, *typer_app.registered_groups]
        return [info.name for info in infos]

    if word is None and (not argv or {"-h", "--help"} & set(argv)):
        # The root's help: every command and group, the groups without their commands.
        assert listed(chosen) == listed(app)
        assert all(not listed(info.typer_instance) for info in chosen.registered_groups)
        return
    if word is None:
        assert chosen is app
        return
    assert listed(chosen) == [word]
    # The whole app is left as it was.
    assert len(app.registered_commands) + len(app.registered_groups) > 10


def test_completion_gets_the_whole_app(monkeypatch: pytest.MonkeyPatch) -> None:
    from vanort_cli.cli.app import app, for_command_line

    monkeypatch.setenv("_VANORT_COMPLETE", "complete_bash")
    assert for_command_line(["meeting"]) is app


@pytest.mark.parametrize(
    ("variables", "word"),
    [
        ({"COMP_WORDS": "vanort collaborations list --town ", "COMP_CWORD": "4"}, "collaborations"),
        ({"COMP_WORDS": "vanort --lang sv meeting show ", "COMP_CWORD": "4"}, "meeting"),
        ({"COMP_WORDS": "vanort meeting", "COMP_CWORD": "1"}, "(root)"),
        ({"COMP_WORDS": "vanort --lang sv ", "COMP_CWORD": "3"}, "(root)"),
        ({"COMP_WORDS": "vanort --bogus meeting ", "COMP_CWORD": "3"}, None),
        ({"COMP_WORDS": "vanort bogus ", "COMP_CWORD": "2"}, None),
    ],
)
def test_completion_within_a_command_gets_only_that_command(
    monkeypatch: pytest.MonkeyPatch, variables: dict[str, str], word: str | None
) -> None:
    """Only the command typed can be reached from what is typed: the rest is not built.
    (The completions themselves are those of the whole app: tests/test_completion.py.)"""
    from vanort_cli.cli.app import app, for_command_line

    monkeypatch.setenv("_VANORT_COMPLETE", "complete_bash")
    for name, value in variables.items():
        monkeypatch.setenv(name, value)
    chosen = for_command_line([])
    if word is None:
        assert chosen is app
        return
    infos: list[Any] = [*chosen.registered_commands, *chosen.registered_groups]
    if word == "(root)":
        # The command's name is completed: every command and group, without their own.
        everything: list[Any] = [*app.registered_commands, *app.registered_groups]
        assert [info.name for info in infos] == [info.name for info in everything]
        groups: list[Any] = list(chosen.registered_groups)
        assert all(not info.typer_instance.registered_commands for info in groups)
        return
    assert [info.name for info in infos] == [word]


@pytest.mark.parametrize("language", ["en", "sv"])
@pytest.mark.parametrize(
    "args",
    [
        ["next-meeting", "--help"],
        ["meeting", "--help"],
        ["meeting", "record", "--help"],
        ["meeting", "bogus"],
        ["next-meeting", "--format", "xml"],
        ["towns", "list", "extra"],
        ["--help"],
        ["-h", "next-meeting"],
        ["--", "--help"],
        [],
    ],
    ids=" ".join,
)
def test_a_command_says_the_same_from_the_command_line_as_in_the_whole_app(
    args: list[str], language: str
) -> None:
    """The command line builds only the command named (cli/app.py `for_command_line`);
    its help and its usage errors are word for word those of the whole app."""
    from typer.testing import CliRunner

    from vanort_cli.cli.app import app

    env = {"VANORT_LANG": language, "COLUMNS": "80", "NO_COLOR": "1", "TERM": "dumb"}
    whole = CliRunner().invoke(app, args, env=env, prog_name="vanort")
    alone = subprocess.run(
        [sys.executable, "-m", "vanort_cli", *args],
        capture_output=True,
        text=True,
        env={**os.environ, **env},
        timeout=120,
    )
    assert alone.returncode == whole.exit_code
    assert alone.stdout == whole.stdout
    assert alone.stderr == whole.stderr


def test_typers_help_module_leaves_the_real_markdown_to_others() -> None:
    """The stand-ins live only while typer.rich_utils is imported (cli/typer_adapter.py);
    a Markdown made through it, or imported afterwards, is rich's own."""
    code = (
        "import sys\n"
        "from vanort_cli.cli import typer_adapter\n"
        "rich_utils = typer_adapter.help_module()\n"
        "print('rich.markdown' in sys.modules, 'rich.traceback' in sys.modules)\n"
        "made = rich_utils._make_rich_text(text='*a*', markup_mode='markdown')\n"
        "from rich.markdown import Markdown\n"
        "print(type(made) is Markdown)\n"
        "import rich.traceback\n"
        "print(hasattr(rich.traceback, 'install'))\n"
    )
    printed = python_prints(code)
    assert printed.split() == ["False", "False", "True", "True"]


def test_typer_reads_parameters_by_the_name_the_adapter_replaces() -> None:
    """cli/typer_adapter.py `read_parameters_once` replaces the function Typer's tree
    builder calls; after an upgrade that renames or moves it, this fails (and start-up
    is slower again, not wrong)."""
    code = (
        "import typer.main, typer.utils\n"
        "before = typer.main.get_params_from_function is typer.utils.get_params_from_function\n"
        "import vanort_cli.cli.app\n"
        "after = typer.main.get_params_from_function\n"
        "print(before, getattr(after, '_vanort_once', False))\n"
    )
    printed = python_prints(code)
    assert printed.split() == ["True", "True"]
