"""One switch, one spelling across the commands (issue 23): `--allow-duplicate` on
log-collaboration, edit and import alike, the old `--allow-duplicates` of import
still accepted everywhere and shown nowhere."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import typer

from conftest import Run
from vanort_cli.cli.app import app
from vanort_cli.cli.common import OPTION_ALIASES


def declared_options() -> dict[str, set[str]]:
    """Every long option name of the command tree, with the commands that declare it."""
    names: dict[str, set[str]] = {}

    def walk(command: object, words: list[str]) -> None:
        for name, sub in getattr(command, "commands", {}).items():
            walk(sub, [*words, name])
        for param in getattr(command, "params", []):
            for opt in [*getattr(param, "opts", ()), *getattr(param, "secondary_opts", ())]:
                if opt.startswith("--"):
                    names.setdefault(opt[2:], set()).add(" ".join(words) or "vanort")

    walk(typer.main.get_command(app), [])
    return names


def test_no_switch_is_spelt_in_the_singular_and_the_plural() -> None:
    names = declared_options()
    pairs = {n for n in names if f"{n}s" in names}
    assert not pairs, {n: (names[n], names[f"{n}s"]) for n in pairs}


def test_an_alias_is_never_declared_and_always_names_a_declared_option() -> None:
    names = declared_options()
    for alias, canonical in OPTION_ALIASES.items():
        assert alias not in names
        assert canonical in names


def test_every_yes_takes_its_short_form() -> None:
    command = typer.main.get_command(app)
    found = []

    def walk(cmd: object, words: list[str]) -> None:
        for name, sub in getattr(cmd, "commands", {}).items():
            walk(sub, [*words, name])
        for param in getattr(cmd, "params", []):
            if "--yes" in getattr(param, "opts", ()):
                found.append((" ".join(words), sorted(param.opts)))

    walk(command, [])
    assert found and all(opts == ["--yes", "-y"] for _, opts in found), found


LOG = ("log-collaboration", "-t", "Åbo", "-o", "SLK", "-a", "culture", "--title", "Bokmässa")


@pytest.mark.parametrize("spelling", ["--allow-duplicate", "--allow-duplicates"])
def test_log_collaboration_takes_both_spellings(run: Run, spelling: str) -> None:
    assert run(*LOG).exit_code == 0
    refused = run(*LOG)
    assert refused.exit_code == 1, refused.output
    again = run(*LOG, spelling)
    assert again.exit_code == 0, again.output


@pytest.mark.parametrize("spelling", ["--allow-duplicate", "--allow-duplicates"])
def test_edit_takes_both_spellings(run: Run, spelling: str) -> None:
    assert run(*LOG).exit_code == 0
    assert run(*LOG, "--title", "Annat").exit_code == 0
    refused = run("collaborations", "edit", "2", "--title", "Bokmässa")
    assert refused.exit_code == 1, refused.output
    again = run("collaborations", "edit", "2", "--title", "Bokmässa", spelling)
    assert again.exit_code == 0, again.output


@pytest.mark.parametrize("spelling", ["--allow-duplicate", "--allow-duplicates"])
def test_import_takes_both_spellings(run: Run, spelling: str, tmp_path: Path) -> None:
    assert run(*LOG).exit_code == 0
    sheet = tmp_path / "in.csv"
    sheet.write_text("title,organisation,area,towns\nBokmässa,SLK,culture,Åbo\n", encoding="utf-8")
    skipped = run("collaborations", "import", str(sheet), "-f", "json")
    assert skipped.exit_code == 0, skipped.output
    assert len(json.loads(skipped.stdout)["duplicates"]) == 1
    imported = run("collaborations", "import", str(sheet), "-f", "json", spelling)
    assert imported.exit_code == 0, imported.output
    assert json.loads(imported.stdout)["duplicates"] == []


@pytest.mark.parametrize(
    "command", [["log-collaboration"], ["collaborations", "edit"], ["collaborations", "import"]]
)
def test_help_shows_the_one_spelling(run: Run, command: list[str]) -> None:
    shown = run(*command, "--help").stdout
    assert "--allow-duplicate" in shown
    assert "--allow-duplicates" not in shown
