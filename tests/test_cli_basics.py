"""Version, help and start-up: what every user and every script meets first."""

from __future__ import annotations

import subprocess
import sys

import pytest

from conftest import Run
from vanort_cli import __version__

pytestmark = pytest.mark.both_backends

COMMANDS = [
    ["next-meeting"],
    ["schedule"],
    ["meeting", "record"],
    ["meeting", "show"],
    ["meeting", "list"],
    ["meeting", "delete"],
    ["towns", "list"],
    ["towns", "show"],
    ["db", "path"],
    ["db", "init"],
    ["log-collaboration"],
    ["collaborations", "list"],
    ["collaborations", "show"],
    ["collaborations", "edit"],
    ["collaborations", "delete"],
    ["orgs", "list"],
    ["orgs", "add"],
    ["areas", "list"],
    ["report"],
    ["towns", "add"],
    ["towns", "retire"],
    ["towns", "set-status"],
    ["towns", "record-decision"],
    ["meeting", "participant", "add"],
    ["meeting", "participant", "remove"],
    ["meeting", "seminar", "add"],
    ["meeting", "seminar", "remove"],
    ["meeting", "step-done"],
    ["evaluation", "list"],
    ["evaluation", "done"],
    ["evaluation", "due-days"],
    ["check"],
    ["history"],
    ["restore-record"],
    ["db", "backup"],
    ["db", "restore"],
    ["db", "check"],
    ["db", "purge"],
    ["collaborations", "import"],
]


def test_version(run: Run) -> None:
    result = run("--version")
    assert result.exit_code == 0 and result.stdout.strip() == f"vanort {__version__}"


@pytest.mark.parametrize("flag", ["-h", "--help"])
def test_help_lists_the_commands(run: Run, flag: str) -> None:
    result = run(flag)
    assert result.exit_code == 0
    for name in (
        "next-meeting",
        "schedule",
        "meeting",
        "towns",
        "db",
        "log-collaboration",
        "collaborations",
        "orgs",
        "areas",
        "report",
        "evaluation",
        "check",
    ):
        assert name in result.stdout


@pytest.mark.parametrize("command", COMMANDS, ids=" ".join)
def test_every_command_has_help_with_an_example(run: Run, command: list[str]) -> None:
    result = run(*command, "-h")
    assert result.exit_code == 0, result.output
    assert "Example" in result.stdout
    assert f"vanort {' '.join(command)}" in result.stdout


def test_help_does_not_import_the_database_layer() -> None:
    """`--help` and completion stay fast: SQLAlchemy loads only when a command needs it."""
    code = (
        "import sys\n"
        "from vanort_cli.cli.app import app\n"
        "try:\n    app(['--help'], prog_name='vanort')\nexcept SystemExit:\n    pass\n"
        "heavy = [m for m in ('sqlalchemy', 'sqlmodel') if m in sys.modules]\n"
        "sys.stderr.write(repr(heavy))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.stderr.strip() == "[]", result.stderr


def test_python_dash_m_runs_the_cli() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "vanort_cli", "--version"], capture_output=True, text=True
    )
    assert result.returncode == 0 and result.stdout.strip() == f"vanort {__version__}"


def test_an_unknown_command_is_a_usage_error(run: Run) -> None:
    result = run("next-meting")
    assert result.exit_code == 2
