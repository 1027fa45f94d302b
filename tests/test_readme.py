"""The README is the front door, and it is tested like code: it must be there, hold
the two set-up commands, and every `vanort` command in its shell blocks must run,
one after another as a reader would type them, on a fresh default registry.

(The first release's README was emptied by a commit meant to extend it, and
nothing noticed. This test notices.)
"""

from __future__ import annotations

import re
import shlex
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import typer

from conftest import Run
from vanort_cli.cli.app import app
from vanort_cli.cli.common import OPTION_ALIASES

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


# -- the README's claims about options, tried (issue 23) ----------------------------

_INLINE = re.compile(r"`(vanort [^`]+)`")
ROOT_VALUES = {"--db", "--lang"}  # the root's options that take a value


def every_readme_command(text: str) -> list[list[str]]:
    """Every `vanort ...` of the README: its sh and bash blocks (the PostgreSQL ones
    too) and its inline code, as argument lists (placeholders such as DATE kept)."""
    commands = []
    for language, body in blocks(text):
        if language not in ("sh", "bash"):
            continue
        for line in body.replace("\\\n", " ").splitlines():
            words = shlex.split(line.replace("$(", "X").replace(")", ""), comments=True)
            if words and words[0] == "vanort":
                commands.append(words[1:])
    for span in _INLINE.findall(" ".join(text.split())):
        commands.append(shlex.split(span)[1:])
    return commands


def resolve(args: list[str]) -> tuple[Any, list[Any], list[str]]:
    """The command `args` names, its parameters with the root's, and the rest of `args`."""
    command = typer.main.get_command(app)
    params = list(command.params)
    rest = list(args)
    while rest and rest[0] in ROOT_VALUES:
        rest = rest[2:]
    while rest and rest[0] in getattr(command, "commands", {}):
        command = command.commands[rest.pop(0)]
        params += list(command.params)
    return command, params, [w.split("=", 1)[0] if w.startswith("--") else w for w in rest]


def test_every_option_the_readme_gives_a_command_is_one_it_takes() -> None:
    """Also the commands that cannot run here (a PostgreSQL server, placeholders)."""
    commands = every_readme_command(README.read_text(encoding="utf-8"))
    assert len(commands) >= 80
    for args in commands:
        _command, params, rest = resolve(args)
        by_name = {o: p for p in params for o in [*p.opts, *getattr(p, "secondary_opts", [])]}
        words = iter(rest)
        for word in words:
            if word in ("|", ">"):
                break
            if not word.startswith("-") or word == "-" or word in ("-h", "--help"):
                continue
            name = word if word in by_name else f"--{OPTION_ALIASES.get(word[2:], '')}"
            assert name in by_name, f"vanort {shlex.join(args)}: {word} is not an option"
            param = by_name[name]
            if getattr(param, "is_flag", False):
                continue
            value = next(words, None)
            # Typer builds an option's Click type when it parses; its descriptor knows
            # the choices before.
            descriptor = getattr(param, "type_descriptor", None)
            choices = getattr(descriptor, "choices", None)
            if choices and value is not None and value.isidentifier():
                assert value.lower() in [str(c).lower() for c in choices], (
                    f"vanort {shlex.join(args)}: {name} does not take {value}"
                )


@dataclass(frozen=True)
class Claim:
    """A sentence of the README (whitespace aside) and the commands that prove it:
    each with the exit code it must give. A README edit that changes the sentence
    fails here until the claim is brought along."""

    says: str
    tries: tuple[tuple[int, tuple[str, ...]], ...]


def ok(*args: str) -> tuple[int, tuple[str, ...]]:
    return 0, args


def usage(*args: str) -> tuple[int, tuple[str, ...]]:
    return 2, args


def refused(*args: str) -> tuple[int, tuple[str, ...]]:
    return 1, args


LOG = ("log-collaboration", "-t", "Åbo", "-o", "SLK", "-a", "culture", "--title", "Bokmässa")
STREAMED = ("collaborations list", "history", "schedule")
CLAIMS = (
    Claim(
        "`collaborations list`, `history` and `schedule` write `--format json`, `jsonl`",
        tuple(ok(*c.split(), "--format", f) for c in STREAMED for f in ("json", "jsonl", "csv")),
    ),
    Claim(
        "and `report --year` writes `json` and `csv`",
        (
            ok("report", "--year", "2026", "--format", "json"),
            ok("report", "--year", "2026", "-f", "csv"),
        ),
    ),
    Claim(
        "`--all` lists every one, and `-f csv` or `-f json` give them all to a script",
        (ok("report", "--all"), ok("report", "-f", "csv"), ok("report", "-f", "json")),
    ),
    Claim(
        "`--limit N` for another number, `--all` for every one (the report's table: `--all`)",
        (
            ok("collaborations", "list", "--limit", "3"),
            ok("collaborations", "list", "--all"),
            ok("history", "--limit", "3"),
            ok("history", "--all"),
        ),
    ),
    Claim(
        "`collaborations list` filters in the database: `--year`, `--town`, `--org`, "
        "`--area`, `--ongoing`, and `--search TEXT`",
        (
            ok(
                "collaborations",
                "list",
                "--year",
                "2026",
                "--town",
                "Åbo",
                "--org",
                "SLK",
                "--area",
                "culture",
                "--ongoing",
                "--search",
                "bok",
            ),
        ),
    ),
    Claim(
        "(`.json`, `.jsonl`, `.csv`, `.xlsx`, `.md` and `.html` for the report, `.svg` and "
        "`.png` for the schedule's picture, `.txt`) and never overwrites a file without "
        "`--force`.",
        (
            *(
                ok("report", "--year", "2026", "-o", f"r.{e}")
                for e in ("json", "csv", "xlsx", "md", "html", "txt")
            ),
            ok("history", "-o", "h.jsonl"),
            ok("schedule", "-o", "s.svg"),
            ok("schedule", "-o", "s.png"),
            refused("report", "--year", "2026", "-o", "r.json"),
            ok("report", "--year", "2026", "-o", "r.json", "--force"),
        ),
    ),
    Claim(
        "`-o -` writes to standard output instead, in the format `--format` names",
        (
            ok("report", "-f", "json", "-o", "-"),
            ok("schedule", "-f", "csv", "-o", "-"),
            ok("history", "-f", "jsonl", "-o", "-"),
            ok("calendar", "-o", "-"),
            ok("db", "export", "-o", "-"),
            ok("collaborations", "export", "-o", "-", "--format", "json"),
            ok("collaborations", "list", "--output", "-", "-f", "csv"),
        ),
    ),
    Claim(
        "A workbook is never written there",
        (usage("report", "-f", "xlsx", "-o", "-"), usage("collaborations", "template", "-o", "-")),
    ),
    Claim(
        "`collaborations list`, `schedule` and `report --year` write a workbook with "
        "`--format xlsx` (or a file name ending in `.xlsx`)",
        (
            ok("collaborations", "list", "--format", "xlsx", "--output", "l.xlsx"),
            ok("schedule", "--format", "xlsx", "-o", "s.xlsx"),
            ok("report", "--year", "2026", "--format", "xlsx", "-o", "r2.xlsx"),
            ok("collaborations", "list", "--output", "l.csv", "--excel"),
            ok("schedule", "-o", "s.csv", "--excel"),
            ok("schedule", "-o", "s.json"),
            ok("schedule", "-o", "s.txt"),
        ),
    ),
    Claim(
        "`--format xlsx` without a file is refused",
        (usage("schedule", "--format", "xlsx"), usage("collaborations", "list", "-f", "xlsx")),
    ),
    Claim(
        "(`--format` overrides it); the filters are those of `collaborations list` (`--year`, "
        "`--town`, `--org`, `--area`, `--ongoing`). Here `-o` is the file, so `--org` has no "
        "short form.",
        (
            ok(
                "collaborations",
                "export",
                "-o",
                "e.txt",
                "--format",
                "csv",
                "--year",
                "2026",
                "--town",
                "Åbo",
                "--org",
                "SLK",
                "--area",
                "culture",
                "--ongoing",
            ),
        ),
    ),
    Claim(
        "the first sheet, or `--sheet NAME`",
        (ok("collaborations", "import", "x.xlsx", "--sheet", "Collaborations", "--dry-run"),),
    ),
    Claim(
        "`--delimiter` and `--encoding` override them",
        (
            ok(
                "collaborations",
                "import",
                "x.csv",
                "--delimiter",
                ",",
                "--encoding",
                "utf-8",
                "--dry-run",
                "--format",
                "json",
            ),
        ),
    ),
    Claim(
        "`--allow-duplicate` imports them all the same",
        (ok("collaborations", "import", "x.csv", "--allow-duplicate"),),
    ),
    Claim(
        "`--allow-duplicate` logs it anyway",
        (
            ok(*LOG[:-1], "Stadsvandring"),
            refused(*LOG[:-1], "Stadsvandring"),
            ok(*LOG[:-1], "Stadsvandring", "--allow-duplicate"),
        ),
    ),
    Claim(
        "`db export` writes the whole registry as one JSON document (UTF-8, to stdout without `-o`",
        (ok("db", "export"), ok("db", "export", "--history", "-o", "d.json")),
    ),
    Claim(
        "`2026-03-01` (ISO 8601), `20260301`, `1/3/2026` (day first, as in Sweden), "
        "`1 mars 2026` or `1 March 2026`. A two-digit year (`26-03-01`) is refused",
        (
            *(
                ok("next-meeting", "--today", d)
                for d in ("2026-03-01", "20260301", "1/3/2026", "1 mars 2026", "1 March 2026")
            ),
            usage("next-meeting", "--today", "26-03-01"),
        ),
    ),
    Claim(
        "| 2 | usage: an option or argument that cannot be read (a malformed date, a "
        "two-digit year, a year that is not a number or outside 1946 to a century ahead, "
        "an unknown option or command) |",
        (
            usage("next-meeting", "--today", "2026-13-45"),
            usage("meeting", "show", "twenty"),
            usage("meeting", "show", "1900"),
            usage("next-meeting", "--bogus"),
            usage("bogus"),
            refused("towns", "show", "Atlantis"),
        ),
    ),
    Claim(
        "`vanort db purge --before DATE --yes`",
        (
            usage("db", "purge", "--before", "2026-01-01"),
            ok("db", "purge", "--before", "2026-01-01", "--yes"),
        ),
    ),
)


def test_every_claim_is_in_the_readme_and_holds(
    run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    text = " ".join(README.read_text(encoding="utf-8").split())
    monkeypatch.chdir(tmp_path)
    (tmp_path / "x.csv").write_text(
        "title,organisation,area,towns\nBokmässa,SLK,culture,Åbo\n", encoding="utf-8"
    )
    # A workbook to import: an export of one collaboration, which import reads back.
    assert run(*LOG[:-1], "Ungdomsturnering").exit_code == 0
    assert run("collaborations", "export", "-o", "x.xlsx").exit_code == 0
    for claim in CLAIMS:
        assert " ".join(claim.says.split()) in text, f"the README no longer says {claim.says!r}"
        for code, args in claim.tries:
            result = run(*args)
            shown = f"{claim.says}\nvanort {shlex.join(args)}\n{result.output}"
            assert result.exit_code == code, shown
            assert "Traceback" not in result.output, shown
    assert not (tmp_path / "-").exists()


def test_json_is_the_same_in_both_languages(run: Run) -> None:
    """ "`--format json` is byte for byte the same in Swedish and English"."""
    assert "`--format json` is byte for byte the same in Swedish and English" in " ".join(
        README.read_text(encoding="utf-8").split()
    )
    for args in (
        ("next-meeting",),
        ("schedule", "--from", "2013", "--to", "2031"),
        ("towns", "list"),
    ):
        swedish = (
            run("--lang", "sv", *args, "--today", "2026-11-27", "--format", "json")
            if args[0] != "towns"
            else run("--lang", "sv", *args, "--format", "json")
        )
        english = (
            run("--lang", "en", *args, "--today", "2026-11-27", "--format", "json")
            if args[0] != "towns"
            else run("--lang", "en", *args, "--format", "json")
        )
        assert swedish.exit_code == english.exit_code == 0, swedish.output
        assert swedish.stdout == english.stdout
