"""`-o -` is the standard output on every command that writes (issue 23): the data
on stdout in the format --format (or the command's default) names, the messages on
stderr, and never a file named `-`. A workbook, which is bytes and not text, is
refused in one line for `-o -`, as it is without -o."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import typer

from conftest import Run
from vanort_cli.cli.app import app

pytestmark = pytest.mark.both_backends


def output_commands() -> dict[str, str]:
    """Every command that takes --output, found in the command tree itself (so that
    a new one is tried too): its words, and the name that takes -o (`--output`)."""
    found: dict[str, str] = {}

    def walk(command: object, words: list[str]) -> None:
        for name, sub in getattr(command, "commands", {}).items():
            walk(sub, [*words, name])
        for param in getattr(command, "params", []):
            if "--output" in getattr(param, "opts", ()):
                found[" ".join(words)] = "--output"

    walk(typer.main.get_command(app), [])
    return found


# What each command writes to stdout with `-o -` and its arguments: (arguments,
# how to read stdout). A command that takes --output and is missing here fails
# test_every_command_that_writes_is_tried.
TEXT = {
    "schedule": (["--from", "2013", "--to", "2019", "-f", "csv"], "csv"),
    "calendar": (["--from", "2025", "--to", "2027"], "ics"),
    "report": (["--year", "2026", "-f", "json"], "json"),
    "history": (["-f", "jsonl"], "jsonl"),
    "collaborations list": (["-f", "json"], "json"),
    "collaborations export": (["-f", "json"], "json"),
    "db export": ([], "json"),
    "round status": (["2026", "-f", "json"], "json"),
}
# What must be in the registry first.
NEEDS = {"round status": ["round", "open", "2026", "--deadline", "2099-12-31"]}
# Commands whose only format is a workbook: `-o -` is refused (exit 2), one line.
BINARY_ONLY = {"collaborations template", "round workbooks"}
# Commands that write a file a recipient into a directory: `-o -` is refused too.
DIRECTORY_ONLY = {"round letters", "round remind"}


def test_every_command_that_writes_is_tried() -> None:
    assert set(output_commands()) == set(TEXT) | BINARY_ONLY | DIRECTORY_ONLY


@pytest.mark.parametrize("command", sorted(DIRECTORY_ONLY))
def test_letters_to_stdout_are_refused_in_one_line(
    run: Run, command: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("VANORT_MAIL_FROM", "slk@goteborg.se")
    assert run("round", "open", "2026", "--deadline", "2099-12-31").exit_code == 0
    result = run(*command.split(), "2026", "-o", "-")
    assert result.exit_code == 2, result.output
    assert result.stdout == ""
    assert len(result.stderr.strip().splitlines()) == 1
    assert "-o letters" in result.stderr
    assert not (tmp_path / "-").exists()


@pytest.mark.parametrize("command", sorted(TEXT))
def test_dash_writes_the_format_to_stdout_and_no_file(
    run: Run, command: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    arguments, kind = TEXT[command]
    if command in NEEDS:
        assert run(*NEEDS[command]).exit_code == 0
    result = run(*command.split(), *arguments, "--output", "-")
    assert result.exit_code == 0, result.output
    assert not (tmp_path / "-").exists()
    out = result.stdout
    if kind == "json":
        json.loads(out)
    elif kind == "jsonl":
        for line in out.splitlines():
            json.loads(line)
    elif kind == "csv":
        assert out.splitlines()[0].startswith("year,host")
    else:
        assert out.startswith("BEGIN:VCALENDAR")
    # Nothing but data on stdout: the "written to" lines are for files only.
    assert "Wrote" not in out and "written" not in out.lower()


@pytest.mark.parametrize("short", ["-o", "--output"])
def test_the_short_and_long_option_both_take_dash(
    run: Run, short: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    result = run("schedule", "--from", "2013", "--to", "2015", "-f", "json", short, "-")
    assert result.exit_code == 0, result.output
    assert [row["year"] for row in json.loads(result.stdout)] == [2013, 2015]
    assert not (tmp_path / "-").exists()


def test_export_to_stdout_is_csv_by_default_as_import_reads_it(
    run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    logged = run(
        "log-collaboration", "-t", "Åbo", "-o", "SLK", "-a", "culture", "--title", "Bokmässa"
    )
    assert logged.exit_code == 0, logged.output
    result = run("collaborations", "export", "-o", "-")
    assert result.exit_code == 0, result.output
    header, row = result.stdout.splitlines()
    assert header.startswith("id,title,towns,organisation")
    assert "Bokmässa" in row
    assert not (tmp_path / "-").exists()
    (tmp_path / "back.csv").write_text(result.stdout, encoding="utf-8")
    dry = run("collaborations", "import", "back.csv", "--dry-run", "--allow-duplicate")
    assert dry.exit_code == 0, dry.output


@pytest.mark.parametrize(
    "args",
    [
        ("report", "--year", "2026", "-f", "xlsx", "-o", "-"),
        ("schedule", "-f", "xlsx", "-o", "-"),
        ("collaborations", "list", "-f", "xlsx", "--output", "-"),
        ("collaborations", "export", "-f", "xlsx", "-o", "-"),
        ("history", "-f", "xlsx", "-o", "-"),
        ("collaborations", "template", "-o", "-"),
        ("round", "workbooks", "2026", "-o", "-"),
    ],
)
def test_a_workbook_to_stdout_is_refused_in_one_line(
    run: Run, args: tuple[str, ...], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    result = run(*args)
    assert result.exit_code == 2, result.output
    assert result.stdout == ""
    assert len(result.stderr.strip().splitlines()) == 1
    assert "xlsx" in result.stderr
    assert not (tmp_path / "-").exists()


@pytest.mark.sqlite_only
@pytest.mark.parametrize(
    "args",
    [
        ("db", "backup", "-"),
        ("db", "backup", "./-"),
        ("schedule", "-f", "csv", "-o", "sub/-"),
        ("db", "copy", "--to", "-"),
        ("--db", "-", "db", "init"),
    ],
)
def test_no_command_writes_a_file_named_dash(
    run: Run, args: tuple[str, ...], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "sub").mkdir()
    result = run(*args)
    assert result.exit_code == 2, result.output
    assert len(result.stderr.strip().splitlines()) == 1
    assert "Traceback" not in result.output
    assert not (tmp_path / "-").exists() and not (tmp_path / "sub" / "-").exists()
