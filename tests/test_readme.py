"""The README is the front door, and it is tested like code: it must be there, hold
the two set-up commands, and every `vanort` command in its shell blocks must run,
one after another as a reader would type them, on a fresh default registry.

(The first release's README was emptied by a commit meant to extend it, and
nothing noticed. This test notices.)
"""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import pytest

from conftest import Run

README = Path(__file__).resolve().parents[1] / "README.md"
INSTALL_AND_RUN = (
    "python3 -m venv .venv && .venv/bin/pip install . && .venv/bin/vanort next-meeting"
)
TEST_COMMAND = (
    "python3 -m venv .venv && .venv/bin/pip install -e '.[test]' && .venv/bin/python -m pytest"
)
# What the README must tell a newcomer (issue 8), by the headings that hold it.
SECTIONS = (
    "## Install and run",
    "## Run the tests",
    "## A five-minute tour",
    "## The meeting rotation",
    "## Importing collaborations from a file",
    "## Where the registry lives",
    "## Output",
    "## Safekeeping",
    "## Exit codes",
)
_FENCE = re.compile(r"^(\s*)```(\w*)\s*$")


def blocks(text: str) -> list[tuple[str, str]]:
    """The fenced blocks of a Markdown text: (language, body), indentation removed."""
    found: list[tuple[str, str]] = []
    lines = text.splitlines()
    index = 0
    while index < len(lines):
        opening = _FENCE.match(lines[index])
        if not opening:
            index += 1
            continue
        indent, language = opening.groups()
        body: list[str] = []
        index += 1
        while index < len(lines) and not _FENCE.match(lines[index]):
            body.append(lines[index][len(indent) :])
            index += 1
        found.append((language, "\n".join(body)))
        index += 1
    return found


def shell_commands(text: str) -> list[list[str]]:
    """Every `vanort ...` command of the sh blocks, continuation lines joined and
    comments dropped, as the argument lists a shell would pass."""
    commands = []
    for language, body in blocks(text):
        if language != "sh":
            continue
        for line in body.replace("\\\n", " ").splitlines():
            words = shlex.split(line, comments=True)
            if words and words[0] == "vanort":
                commands.append(words[1:])
    return commands


def test_the_readme_is_there_and_substantial() -> None:
    text = README.read_text(encoding="utf-8")
    assert len(text.splitlines()) >= 200, "the README has been cut down: restore it"
    for heading in SECTIONS:
        assert heading in text, f"the README lost its section {heading!r}"


def test_the_readme_holds_both_set_up_commands() -> None:
    commands = [body.strip() for language, body in blocks(README.read_text()) if language == "sh"]
    assert INSTALL_AND_RUN in commands
    assert TEST_COMMAND in commands


def test_the_readme_shows_the_main_commands() -> None:
    used = {" ".join(command[:2]) for command in shell_commands(README.read_text())}
    for command in (
        "next-meeting",
        "log-collaboration --town",
        "report",
        "check --verbose",
        "collaborations import",
        "db backup",
        "db restore",
        "meeting reschedule",
    ):
        assert any(u.startswith(command) for u in used), command


def test_every_readme_command_runs_in_order_on_a_fresh_registry(
    run: Run, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    text = README.read_text(encoding="utf-8")
    work = tmp_path / "reader"
    work.mkdir()
    monkeypatch.chdir(work)
    # The reader's registry is the default one, created on first use.
    monkeypatch.delenv("VANORT_DB")
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "home-data"))
    for language, body in blocks(text):
        if language == "csv":
            imports = [c for c in shell_commands(text) if c[:2] == ["collaborations", "import"]]
            (work / imports[0][2]).write_text(body + "\n", encoding="utf-8")
    commands = shell_commands(text)
    assert len(commands) >= 40
    for args in commands:
        result = run(*args)
        shown = f"vanort {shlex.join(args)}\n{result.output}"
        assert result.exit_code == 0, shown
        assert "Traceback" not in result.output, shown
    assert (tmp_path / "home-data" / "vanort" / "registry.db").exists()


def test_the_readmes_pictures_are_in_the_repository_with_the_command_that_makes_them() -> None:
    text = README.read_text(encoding="utf-8")
    pictures = re.findall(r"!\[[^\]]+\]\(([^)]+)\)", text)
    assert {"docs/rotation.png", "docs/report-page1.png"} <= set(pictures)
    for picture in pictures:
        content = (README.parent / picture).read_bytes()
        assert content.startswith(b"\x89PNG\r\n\x1a\n"), picture
    assert "python docs/make_pictures.py" in text
    assert (README.parent / "docs" / "make_pictures.py").is_file()
