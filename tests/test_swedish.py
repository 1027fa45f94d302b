"""No English in Swedish, no Swedish in English, outside the names of things.

A sweep runs `--help` of every command (the command tree is walked, so a new
command is swept without being listed here) and a set of typical errors, once in
Swedish and once in English. What is not prose is taken out first: `code spans`,
the examples (commands, kept as written in both languages), option names, URLs,
file paths, environment variables, and the names of towns and organisations as
the registry spells them. What is left must not hold a function word of the
other language; each offending line is reported with its command.
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import typer
from typer.testing import CliRunner, Result

from vanort_cli.cli.app import app


def words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Words that English prose cannot do without, and Swedish never uses; and a few
# more that a short English message would use ("Unknown town 'X'. See ...").
ENGLISH_WORDS = words(
    "the and with of to is are not for this that from which when your or be has was "
    "will can cannot an it at on should must there their its "
    "unknown known see you if but into than were would have had only been does"
)
# Words that Swedish prose cannot do without (and terms of the City's own), and a
# few more that a short Swedish message would use.
SWEDISH_WORDS = words(
    "och eller inte för med att är som vänort förvaltning samarbete "
    "okänd okänt okända finns saknas ska inga inget också redan måste"
)
# The labels that Typer, click and vanort put around the prose.
ENGLISH_LABELS = ("Usage:", "Options", "Arguments", "Commands", "Examples", "Example", "[default:",
                  "[required]", "[env var:", "Error:")  # fmt: skip
SWEDISH_LABELS = ("Användning:", "Alternativ", "Argument", "Kommandon", "Exempel", "[standard:",
                  "[krävs]", "[miljövariabel:", "Fel:")  # fmt: skip

FOREIGN = {"sv": (ENGLISH_WORDS, ENGLISH_LABELS), "en": (SWEDISH_WORDS, SWEDISH_LABELS)}

BOX = re.compile(r"[│╭╮╰╯─]")
CODE = re.compile(r"`[^`]*`")
URL = re.compile(r"\b[a-z][a-z0-9+.-]*://\S+", re.IGNORECASE)
PATH = re.compile(r"\S*[/\\]\S*|(?<!\S)~\S*|\S+\.(?:csv|xlsx|json|jsonl|ics|md|db|txt|po|mo)\b")
OPTION = re.compile(r"(?<![\w-])--?[A-Za-z][\w-]*")
ENV_VAR = re.compile(r"\b[A-Z][A-Z0-9]*_[A-Z0-9_]+\b|\b(?:LANG|HOME|PATH)\b")
EXAMPLE = re.compile(r"^(?:[A-Z_][A-Z0-9_]*=\S*\s+)*vanort(?:\s|$)")
WORD = re.compile(r"\w+(?:[-'’]\w+)*")


def _walk(command: Any, path: tuple[str, ...] = ()) -> Iterator[tuple[str, ...]]:
    yield path
    for name, sub in getattr(command, "commands", {}).items():
        yield from _walk(sub, (*path, name))


COMMANDS = list(_walk(typer.main.get_command(app)))


def registry_names(registry: Path) -> list[str]:
    """Every spelling of every town and organisation in the registry, longest first
    (so that "Göteborgs Hamn" goes before "Göteborg")."""
    queries = (
        "SELECT name FROM town UNION SELECT name_sv FROM town "
        "UNION SELECT name_local FROM town UNION SELECT official_name FROM town "
        "UNION SELECT alias FROM town_alias UNION SELECT name FROM organisation "
        "UNION SELECT alias FROM organisation_alias"
    )
    with sqlite3.connect(f"file:{registry}?mode=ro", uri=True) as connection:
        names = {row[0] for row in connection.execute(queries) if row[0]}
    return sorted(names, key=len, reverse=True)


def prose(text: str, names: list[str], command: str = "") -> Iterator[tuple[str, str]]:
    """Each line of `text` as written, and what is left of it once everything that
    is not prose in the reader's language is taken out."""
    continued = False
    for line in text.splitlines():
        bare = BOX.sub(" ", line).strip()
        if continued or EXAMPLE.match(bare):
            continued = bare.endswith("\\")
            continue
        left = bare.replace(command, " ") if command else bare
        left = CODE.sub(" ", left)
        left = URL.sub(" ", left)
        left = PATH.sub(" ", left)
        left = OPTION.sub(" ", left)
        left = ENV_VAR.sub(" ", left)
        for name in names:
            left = re.sub(rf"(?<!\w){re.escape(name)}(?!\w)", " ", left)
        yield line.strip(), left


def foreign(text: str, lang: str, names: list[str], command: str = "") -> list[str]:
    """The lines of `text` (in `lang`) that hold words or labels of the other language."""
    words, labels = FOREIGN[lang]
    found = []
    for line, left in prose(text, names, command):
        hits = [w for w in WORD.findall(left) if w.lower() in words]
        hits += [label for label in labels if re.search(_label(label), left)]
        if hits:
            found.append(f"{line!r}: {', '.join(hits)}")
    return found


def _label(label: str) -> str:
    end = r"(?!\w)" if label[-1].isalnum() else ""
    return rf"(?<!\w){re.escape(label)}{end}"


def invoke(lang: str, *args: str, columns: int = 1000) -> Result:
    # Wide, so that no phrase or code span is wrapped across two lines.
    return CliRunner().invoke(app, ["--lang", lang, *args], env={"COLUMNS": str(columns)})


@pytest.fixture
def names(db_path: Path) -> list[str]:
    return registry_names(db_path)


# -- the sweep's own parts ----------------------------------------------------------


def test_what_is_not_prose_is_taken_out(names: list[str]) -> None:
    assert foreign("The registry is read.", "sv", names) == ["'The registry is read.': The, is"]
    assert foreign("Kör `vanort meeting show --help` för hjälp.", "sv", names) == []
    assert foreign("Se --to och -o, VANORT_DB, ~/a/b.db och https://x.se/the.", "sv", names) == []
    assert (
        foreign("  vanort orgs add 'Park- och naturförvaltningen' \\\n  --org x", "en", names) == []
    )
    # Names keep their words: an organisation's "och", a town's own spelling.
    assert foreign("Kretslopp och vatten hosts it.", "en", names) == []
    assert foreign("Stadsmiljöförvaltningen reported it.", "en", names) == []
    assert foreign("Reported by the förvaltning.", "en", names) == [
        "'Reported by the förvaltning.': förvaltning"
    ]
    assert foreign("│ Usage: vanort x │", "sv", names) == ["'│ Usage: vanort x │': Usage:"]
    # An identifier is one word: `cycle_not_eight_years` holds no "not".
    assert foreign("Koder: cycle_not_eight_years (varningar).", "sv", names) == []


# -- the help of every command ---------------------------------------------------------


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_the_help_of_every_command_is_in_one_language(lang: str, names: list[str]) -> None:
    found = []
    for path in COMMANDS:
        result = invoke(lang, *path, "--help")
        assert result.exit_code == 0, result.output
        command = " ".join(("vanort", *path))
        found += [
            f"{command} --help: {hit}" for hit in foreign(result.stdout, lang, names, command)
        ]
    assert not found, "\n".join(found)


def _texts(lang: str) -> dict[str, str]:
    """Every help text of the command tree as `vanort` shows it in `lang`, by where
    it is shown."""
    from vanort_cli import i18n
    from vanort_cli.cli.usage import polish

    root = typer.main.get_command(app)
    with i18n.speaking(lang):
        polish(root)
    texts = {}
    for path in COMMANDS:
        command: Any = root
        for name in path:
            command = command.commands[name]
        where = " ".join(("vanort", *path))
        texts[where] = command.help or ""
        texts[f"{where} (epilog)"] = command.epilog or ""
        for param in command.params:
            texts[f"{where} {param.name}"] = getattr(param, "help", None) or ""
    return texts


def test_every_help_text_is_worded_in_swedish() -> None:
    """A help text the catalog does not know is shown in English: say which."""
    english, swedish = _texts("en"), _texts("sv")
    same = [f"{where}: {text[:70]!r}" for where, text in english.items()
            if text and swedish[where] == text]  # fmt: skip
    assert not same, "\n".join(same)


def test_the_swedish_help_is_swedish() -> None:
    """The sweep above finds no English; this makes sure it looked at Swedish."""
    out = invoke("sv", "meeting", "record", "--help").stdout
    for label in ("Användning: vanort meeting record [ALTERNATIV] ÅR", "Argument", "Alternativ",
                  "Exempel", "[krävs]", "[standard: table]", "Mötesåret."):  # fmt: skip
        assert label in out, label
    assert "[miljövariabel: VANORT_DB]" in invoke("sv", "--help").stdout


# -- typical errors ---------------------------------------------------------------------

NOT_SQLITE = "notes.db"
ERRORS: dict[str, list[str]] = {
    "unknown town": ["towns", "show", "Xyzzy"],
    "unknown organisation": ["orgs", "show", "Nope"],
    "unknown town in a collaboration": [
        "log-collaboration",
        "-t",
        "Xyzzy",
        "-o",
        "SLK",
        "-a",
        "culture",
        "--title",
        "Hamnar",
    ],
    "malformed date": ["meeting", "record", "2027", "--start", "16/3"],
    "impossible date": ["meeting", "record", "2027", "--start", "2027-02-30"],
    "impossible year": ["meeting", "show", "10000"],
    "year not a number": ["meeting", "show", "abc"],
    "unknown option": ["meeting", "list", "--bogus"],
    "unknown option, close to one": ["meeting", "list", "--formt"],
    "unknown command": ["meetng"],
    "missing argument": ["meeting", "show"],
    "missing option": ["meeting", "participant", "add", "2033", "--town", "Åbo"],
    "option without its value": ["towns", "list", "--format"],
    "bad choice": ["towns", "list", "--format", "xml"],
    "extra argument": ["meeting", "show", "2017", "2019"],
    "switch given a value": ["meeting", "delete", "2017", "--yes=no"],
    "missing registry": ["--db", "/nonexistent/x.db", "towns", "list"],
    "registry that is not SQLite": ["--db", NOT_SQLITE, "towns", "list"],
}


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_typical_errors_are_in_one_language(
    lang: str, names: list[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / NOT_SQLITE).write_text("Mötesanteckningar, inte en databas.\n", encoding="utf-8")
    found = []
    for case, args in ERRORS.items():
        result = invoke(lang, *args, columns=200)
        assert result.exit_code != 0, (case, result.output)
        assert result.stderr.strip(), (case, result.output)
        command = "vanort " + " ".join(args)
        found += [f"{case} ({command}): {hit}" for hit in foreign(result.stderr, lang, names)]
    assert not found, "\n".join(found)
