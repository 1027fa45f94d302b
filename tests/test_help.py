"""Every command's help reads like a person wrote it, and every example in it works.

The command tree is walked, so a new command is checked without being listed here:
its help must render at 80 columns without Python types, carry an Examples section,
and each example must succeed, in order, on a fresh registry of its own. The same
holds in Swedish: its help fits 80 columns too, and shows the same commands in
its examples, with Swedish titles and names where the English has English ones;
those that differ from the English run as well, in Swedish.
"""

from __future__ import annotations

import inspect
import re
import shlex
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import typer
from hypothesis import given
from hypothesis import strategies as st
from typer.testing import CliRunner, Result

from conftest import Run
from vanort_cli import i18n
from vanort_cli.cli.app import app
from vanort_cli.cli.usage import polish, reflow

WIDTH = 80


def _walk(command: Any, path: tuple[str, ...] = ()) -> Iterator[tuple[tuple[str, ...], Any]]:
    yield path, command
    for name, sub in getattr(command, "commands", {}).items():
        yield from _walk(sub, (*path, name))


TREE = dict(_walk(typer.main.get_command(app)))
LEAVES = [path for path, command in TREE.items() if not hasattr(command, "commands")]
LANGUAGES = ["en", "sv"]
# The heading of a command's examples, as each language writes it.
EXAMPLES_HEADING = {"en": r"Examples?", "sv": r"Exempel"}
USAGE = {"en": "Usage:", "sv": "Användning:"}


def tree_in(lang: str) -> dict[tuple[str, ...], Any]:
    """The command tree with its help in `lang`, as `vanort` shows it."""
    root = typer.main.get_command(app)
    with i18n.speaking(lang):
        polish(root)
    return dict(_walk(root))


def _name(path: tuple[str, ...]) -> str:
    return " ".join(("vanort", *path))


SWEDISH_TREE = tree_in("sv")


# An example: optional VAR=value assignments, then `vanort ...`.
EXAMPLE = re.compile(r"^(?:[A-Z_][A-Z0-9_]*=\S*\s+)*vanort(?:\s|$)")
ASSIGNMENT = re.compile(r"^[A-Z_][A-Z0-9_]*=")


def example_lines(command: Any) -> list[list[str]]:
    """The examples in a command's help, each as its lines as written (an example
    continued with a trailing backslash has several)."""
    text = "\n".join(filter(None, [command.help, command.epilog]))
    examples: list[list[str]] = []
    continued = False
    for line in inspect.cleandoc(text).splitlines():
        stripped = line.strip()
        if continued:
            examples[-1].append(stripped)
        elif line[:1].isspace() and EXAMPLE.match(stripped):
            examples.append([stripped])
        else:
            continue
        continued = stripped.endswith("\\")
    return examples


def examples(command: Any) -> list[str]:
    """Each example as one command line, continuations joined."""
    return [
        " ".join(line.removesuffix("\\").strip() for line in lines)
        for lines in example_lines(command)
    ]


def render_help(path: tuple[str, ...], lang: str = "en") -> Result:
    return CliRunner().invoke(app, ["--lang", lang, *path, "--help"], env={"COLUMNS": str(WIDTH)})


# -- 1. the help itself --------------------------------------------------------

# Typer's own labels: <bool>, <str>, <list[str]>, <table|json>, <datetime>, <file> ...
PYTHON_TYPE = re.compile(r"<[a-z][a-z_\[\]|, .-]*>")
USAGE_BRACES = re.compile(r"\{[A-Z][A-Z_|]*\}")


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("path", list(TREE), ids=_name)
def test_help_reads_like_a_person_wrote_it(path: tuple[str, ...], lang: str) -> None:
    result = render_help(path, lang)
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines, "no help at all"
    too_wide = [line for line in lines if len(line) > WIDTH]
    assert not too_wide, too_wide
    assert not PYTHON_TYPE.search(result.stdout), PYTHON_TYPE.findall(result.stdout)
    assert not USAGE_BRACES.search(result.stdout)
    assert f"{USAGE[lang]} {_name(path)}" in result.stdout
    if path in LEAVES:
        assert re.search(rf"^\s*{EXAMPLES_HEADING[lang]}\s*$", result.stdout, re.MULTILINE), (
            f"{_name(path)} --help has no Examples section"
        )
        assert examples(TREE[path]), f"{_name(path)} --help has no `vanort ...` example"
    # Each example line is shown whole, so that it can be copied at 80 columns.
    shown = {line.strip() for line in lines}
    tree = TREE if lang == "en" else SWEDISH_TREE
    for example in example_lines(tree[path]):
        for line in example:
            assert line in shown, f"wrapped at {WIDTH} columns: {line!r}"


def _command_of(example: str) -> tuple[list[str], list[str]]:
    """An example's command and the options it gives, its values left out: what
    the two languages' examples have in common."""
    tokens = shlex.split(example)
    words = []
    for token in tokens:
        if not re.fullmatch(r"[a-z][a-z-]*", token):
            break
        words.append(token)
    return words, sorted(t.split("=")[0] for t in tokens if t.startswith("-"))


def test_the_swedish_help_shows_the_english_commands_in_its_examples() -> None:
    """The examples are the same commands in both languages, with Swedish titles
    and names in Swedish (`--title "Nordiska litteraturdagar"`); those that differ
    from the English run below too."""
    differ = {
        _name(path): (examples(SWEDISH_TREE[path]), examples(command))
        for path, command in TREE.items()
        if [_command_of(e) for e in examples(SWEDISH_TREE[path])]
        != [_command_of(e) for e in examples(command)]
    }
    assert not differ, differ
    # ... and the Swedish help really is Swedish, not the English left in place.
    assert "[bold]Exempel[/]" in SWEDISH_TREE[("meeting", "record")].help
    assert "[bold]Exempel[/]" in SWEDISH_TREE[()].epilog
    titled = examples(SWEDISH_TREE[("log-collaboration",)])
    assert any("Nordiska litteraturdagar" in e for e in titled), titled


def test_switches_show_no_metavar_and_values_say_what_they_are() -> None:
    out = render_help(("meeting", "record")).stdout
    assert re.search(r"--help\s+-h\s+Show this", out)
    assert re.search(r"--host\s+TOWN\s", out)
    assert re.search(r"--place\s+TEXT\s", out)
    assert re.search(r"--format\s+-f\s+\[table\|json\]\s", out)
    assert "Usage: vanort meeting record [OPTIONS] YEAR" in out


def test_paragraphs_are_not_broken_mid_sentence() -> None:
    out = render_help(("check",)).stdout
    # Typer kept the docstring's own line breaks: 'when there' / 'are no findings'.
    assert not re.search(r"when there\s*\n\s*are no findings", out)
    assert not re.search(r"hosting_without_dates\s*\n\s*\(errors\)", out)


WORD = st.text(alphabet="abcåø,.()", min_size=1, max_size=8)
LINE = st.lists(WORD, min_size=1, max_size=6).map(" ".join)
PROSE = st.lists(st.lists(LINE, min_size=1, max_size=3).map("\n".join), min_size=1, max_size=4)
BLOCK = "  vanort towns list\n  vanort towns show Åbo \\\n      --format json"


@given(paragraphs=PROSE, with_examples=st.booleans())
def test_reflow_joins_prose_lines_and_keeps_indented_blocks(
    paragraphs: list[str], with_examples: bool
) -> None:
    text = "\n\n".join([*paragraphs, *([BLOCK] if with_examples else [])])
    once = reflow(text)
    assert reflow(once) == once
    assert once.split() == text.split()
    # One line per prose paragraph, and the examples as written.
    lines = [line for line in once.splitlines() if line.strip()]
    assert len(lines) == len(paragraphs) + (3 if with_examples else 0)
    assert BLOCK in once or not with_examples


# -- 2. every example runs on a fresh registry -----------------------------------

# What an example needs in a fresh registry before it can succeed: vanort commands
# run first (in the same registry), and files in the working directory. Kept small:
# prefer an example that works on the seeded registry as it is.
A_COLLABORATION = [
    "log-collaboration",
    "--town",
    "Åbo",
    "--org",
    "Kulturförvaltningen",
    "--area",
    "culture",
    "--title",
    "Nordic Literature Days",
    "--start",
    "2026-03-01",
]
# A round open for 2026 whatever day the examples run on.
A_ROUND = ["round", "open", "2026", "--deadline", "2027-01-31", "--today", "2026-01-01"]
A_CONTACT = [
    "orgs", "contact", "add", "Kulturförvaltningen", "--name", "Anna Berg",
    "--email", "anna.berg@kultur.goteborg.se",
]  # fmt: skip
SETUP: dict[str, list[list[str]]] = {
    "vanort orgs contact edit": [A_CONTACT],
    "vanort orgs contact remove": [A_CONTACT],
    "vanort collaborations show": [A_COLLABORATION],
    "vanort collaborations edit": [A_COLLABORATION],
    "vanort collaborations delete": [A_COLLABORATION],
    "vanort history": [A_COLLABORATION],
    # Something deleted to bring back.
    "vanort restore-record": [
        A_COLLABORATION,
        ["collaborations", "delete", "1", "--yes"],
        ["meeting", "record", "2027", "--host", "Åbo", "--status", "planned"],
        ["meeting", "delete", "2027", "--yes"],
    ],
    "vanort meeting delete": [["meeting", "record", "2027", "--host", "Åbo"]],
    "vanort meeting participant remove": [
        ["meeting", "participant", "add", "2017", "--name", "Anna Svensson", "--town", "Åbo"]
    ],
    "vanort meeting seminar remove": [
        ["meeting", "seminar", "add", "2017", "--title", "Klimatanpassade hamnar"]
    ],
    "vanort db restore": [["db", "backup", "~/backups/vanort-2026-11-27.db"]],
    **{f"vanort round {name}": [A_ROUND] for name in ("show", "list", "status", "answer", "close")},
    "vanort db import": [["db", "export", "-o", "registry.json"]],
    # A round to write to (on a day its deadline has not passed).
    "vanort round letters": [A_ROUND],
    "vanort round remind": [A_ROUND],
    "vanort round workbooks": [A_ROUND],
    "vanort round links": [A_ROUND],
}
SETUP_FILES: dict[str, dict[str, str]] = {
    "vanort collaborations import": {
        "kulturforvaltningen-2026.csv": (
            "towns,organisation,area,title,start_date\n"
            "Åbo;Bergen,Kulturförvaltningen,culture,Nordic Literature Days,2026-03-01\n"
        )
    },
}
# Examples whose exit code may be 1 on a fresh registry, and why.
# Examples that need a PostgreSQL server, not a SQLite file; they run in
# tests/test_roles.py against the test server.
SERVER_ONLY = {"vanort db roles"}
# A command that runs until it is stopped: tests/test_web_basics.py starts it, with
# its example's options, on a free port.
LONG_RUNNING = {"vanort serve"}
RUNNABLE = [
    path
    for path, command in TREE.items()
    if examples(command) and _name(path) not in SERVER_ONLY | LONG_RUNNING
]


class ExampleRunner:
    """Runs an example as a shell would, in-process: `VAR=value` assignments apply to
    it, what follows a pipe and redirections are dropped (the output stays with the
    test), `~` is a home directory inside the test's tmp dir, `$(date +%F)` is today,
    and the working directory is the test's own."""

    def __init__(self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
        self.home = tmp_path / "home"
        self.work = tmp_path / "work"
        self.registry = tmp_path / "registry.db"
        self.home.mkdir()
        self.work.mkdir()
        monkeypatch.setenv("HOME", str(self.home))
        monkeypatch.chdir(self.work)

    def args(self, line: str) -> tuple[list[str], dict[str, str]]:
        line = line.replace("$(date +%F)", date.today().isoformat())
        assert "$(" not in line, f"no stand-in for the command substitution in {line!r}"
        tokens = shlex.split(line)
        env: dict[str, str] = {}
        while tokens and ASSIGNMENT.match(tokens[0]):
            name, _, value = tokens.pop(0).partition("=")
            env[name] = value
        if "VANORT_DB" in env:
            # Whatever registry the example names, it runs on this test's fresh one.
            env["VANORT_DB"] = str(self.registry)
        if "|" in tokens:
            tokens = tokens[: tokens.index("|")]
        kept: list[str] = []
        skip_next = False
        for token in tokens:
            if skip_next:
                skip_next = False
            elif re.fullmatch(r"\d?>>?|<", token):
                skip_next = True
            elif not re.match(r"^\d?>>?\S|^<\S", token):
                kept.append(self.expand_home(token))
        assert kept[:1] == ["vanort"], line
        return kept[1:], env

    def expand_home(self, token: str) -> str:
        if not token.startswith("~/"):
            return token
        path = self.home / token[2:]
        # The example's directory is taken to exist, as in the reader's home.
        path.parent.mkdir(parents=True, exist_ok=True)
        return str(path)

    def run(self, line: str) -> Result:
        args, env = self.args(line)
        return CliRunner().invoke(app, args, env=env)


# Today, and a day some years on: an example must not go stale (a decision date
# that is "in the future" today may be refused; one in the past stays valid).
LATER = date(date.today().year + 5, 6, 1).isoformat()


@pytest.mark.parametrize("today", [None, LATER], ids=["today", "years-later"])
@pytest.mark.parametrize("path", RUNNABLE, ids=_name)
def test_every_example_runs_on_a_fresh_registry(
    path: tuple[str, ...],
    today: str | None,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    run: Run,
) -> None:
    runner = ExampleRunner(tmp_path, monkeypatch)
    if today:
        monkeypatch.setenv("VANORT_TODAY", today)
    for name, text in SETUP_FILES.get(_name(path), {}).items():
        (runner.work / name).write_text(text, encoding="utf-8")
    for setup in SETUP.get(_name(path), []):
        result = run(*[runner.expand_home(arg) for arg in setup])
        assert result.exit_code == 0, (setup, result.output)
    for example in examples(TREE[path]):
        result = runner.run(example)
        output = result.output
        assert "Traceback" not in output and "Unexpected" not in output, (example, output)
        assert result.exit_code == 0, (example, output)


# The commands whose Swedish examples are not the English ones (Swedish titles):
# they run too, in Swedish.
SWEDISH_RUNNABLE = [
    path for path in RUNNABLE if examples(SWEDISH_TREE[path]) != examples(TREE[path])
]


@pytest.mark.parametrize("path", SWEDISH_RUNNABLE, ids=_name)
def test_every_swedish_example_runs_on_a_fresh_registry(
    path: tuple[str, ...], tmp_path: Path, monkeypatch: pytest.MonkeyPatch, run: Run
) -> None:
    assert SWEDISH_RUNNABLE, "no Swedish example of its own: the test would test nothing"
    runner = ExampleRunner(tmp_path, monkeypatch)
    monkeypatch.setenv("VANORT_LANG", "sv")
    for name, text in SETUP_FILES.get(_name(path), {}).items():
        (runner.work / name).write_text(text, encoding="utf-8")
    for setup in SETUP.get(_name(path), []):
        result = run(*[runner.expand_home(arg) for arg in setup])
        assert result.exit_code == 0, (setup, result.output)
    for example in examples(SWEDISH_TREE[path]):
        result = runner.run(example)
        output = result.output
        assert "Traceback" not in output and "Unexpected" not in output, (example, output)
        assert result.exit_code == 0, (example, output)


# -- 3. usage errors in vanort's words ---------------------------------------------

LEAKS = ("Input should be", "Value error", "pydantic", "Traceback", "Possible options", "(s)")


def assert_usage_error(result: Result, *expected: str) -> None:
    assert result.exit_code == 2, result.output
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("Error: "), lines[0]
    for leak in LEAKS:
        assert leak not in lines[0], lines[0]
    for text in expected:
        assert text in lines[0], lines[0]


def test_a_year_that_is_not_a_number(run: Run) -> None:
    assert_usage_error(
        run("meeting", "show", "abc"), "Invalid value for YEAR: 'abc' is not a whole number."
    )


def test_an_option_that_is_not_a_number(run: Run) -> None:
    assert_usage_error(
        run("schedule", "--from", "x"), "Invalid value for --from: 'x' is not a whole number."
    )


def test_a_choice_that_is_not_one(run: Run) -> None:
    assert_usage_error(
        run("log-collaboration", "-t", "Åbo", "-o", "SLK", "-a", "culture", "--title", "X",
            "--kind", "workshop"),
        "Invalid value for --kind: 'workshop' is none of these: "
        "project, network, exchange, study-visit or other.",
    )  # fmt: skip
    assert_usage_error(
        run("towns", "list", "-f", "xml"), "Invalid value for --format: 'xml'. Accepted:"
    )
    assert_usage_error(
        run("restore-record", "town", "1"), "'town' is none of these: meeting or collaboration."
    )


def test_a_date_that_is_not_one(run: Run) -> None:
    assert_usage_error(
        run("meeting", "record", "2027", "--start", "16/3"), "Invalid value for --start: '16/3'"
    )


def test_an_unknown_option_lists_the_accepted_ones(run: Run) -> None:
    assert_usage_error(
        run("meeting", "list", "--bogus"),
        "Unknown option --bogus. Accepted: --format, --help.",
    )
    assert_usage_error(run("meeting", "list", "--formt"), "did you mean --format?")
    # of a group, and of vanort itself (parsed before any command runs)
    assert_usage_error(run("meeting", "--bogus"), "Unknown option --bogus. Accepted: --help.")
    assert_usage_error(run("--bogus"), "Unknown option --bogus. Accepted: --db,")


def test_an_unknown_command_lists_the_accepted_ones(run: Run) -> None:
    assert_usage_error(run("towns", "bogus"), "Unknown command 'bogus'. Accepted: list, show")
    assert_usage_error(run("meetng"), "did you mean 'meeting'?")


def test_a_missing_argument_or_option_says_what_it_is(run: Run) -> None:
    assert_usage_error(run("meeting", "show"), "Missing argument YEAR: the meeting year.")
    assert_usage_error(
        run("meeting", "participant", "add", "2033", "--town", "Åbo"),
        "Missing option --name: the participant's name.",
    )
    assert_usage_error(run("meeting", "record", "2027", "--host"), "--host needs a value: TOWN.")
    assert_usage_error(
        run("towns", "list", "--format"), "--format needs a value: one of table, json, csv."
    )
    assert_usage_error(run("--db"), "--db needs a value: PATH.")


def test_extra_arguments_say_what_the_command_takes(run: Run) -> None:
    assert_usage_error(
        run("meeting", "show", "2017", "2019"),
        "Unexpected argument '2019': `vanort meeting show` takes YEAR only.",
    )
    assert_usage_error(run("towns", "list", "x"), "`vanort towns list` takes no arguments.")


def test_a_switch_given_a_value(run: Run) -> None:
    assert_usage_error(
        run("meeting", "delete", "2017", "--yes=no"), "--yes is a switch and takes no value."
    )


def test_a_group_without_a_command_shows_its_help(run: Run) -> None:
    result = run("meeting")
    assert result.exit_code == 2
    assert "Usage: vanort meeting" in result.stdout
    assert "Error" not in result.stderr


# -- 4. usage errors in Swedish ------------------------------------------------------


def assert_swedish_usage_error(result: Result, *expected: str) -> None:
    assert result.exit_code == 2, result.output
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("Fel: "), lines[0]
    assert lines[0].endswith("--help`)"), lines[0]
    for text in expected:
        assert text in lines[0], lines[0]


def test_usage_errors_in_swedish(run: Run) -> None:
    def sv(*args: str) -> Result:
        return run("--lang", "sv", *args)

    assert_swedish_usage_error(
        sv("meeting", "show", "abc"),
        "Ogiltigt värde för ÅR: 'abc' är inget heltal. (se `vanort meeting show --help`)",
    )
    assert_swedish_usage_error(
        sv("meeting", "show", "10000"),
        "Ogiltigt värde för ÅR: 10000 ligger utanför de år som vanort hanterar: 1946–",
    )
    assert_swedish_usage_error(
        sv("meeting", "show", "-1"), "-1 ligger utanför de år som vanort hanterar"
    )
    assert_swedish_usage_error(sv("history", "--limit", "0"), "0 är inget antal rader att visa")
    assert_swedish_usage_error(
        sv("towns", "list", "-f", "xml"),
        "Ogiltigt värde för --format: 'xml'. Giltiga värden: table, json, csv.",
    )
    assert_swedish_usage_error(
        sv("meeting", "record", "2027", "--start", "16/3"), "Ogiltigt värde för --start: '16/3'"
    )
    assert_swedish_usage_error(
        sv("meeting", "list", "--bogus"),
        "Okänt alternativ --bogus. Giltiga alternativ: --format, --help.",
    )
    assert_swedish_usage_error(
        sv("collaborations", "list", "--to", "2"), "menade du --org eller --town?"
    )
    assert_swedish_usage_error(
        sv("towns", "bogus"), "Okänt kommando 'bogus'. Giltiga kommandon: list, show"
    )
    assert_swedish_usage_error(sv("meetng"), "menade du 'meeting'?")
    assert_swedish_usage_error(sv("meeting", "show"), "Argumentet ÅR saknas: mötesåret.")
    assert_swedish_usage_error(
        sv("meeting", "participant", "add", "2033", "--town", "Åbo"),
        "Alternativet --name saknas: deltagarens namn.",
    )
    assert_swedish_usage_error(
        sv("meeting", "record", "2027", "--host"), "--host behöver ett värde: ORT."
    )
    assert_swedish_usage_error(
        sv("towns", "list", "--format"), "--format behöver ett värde: något av table, json, csv."
    )
    assert_swedish_usage_error(
        sv("meeting", "show", "2017", "2019"),
        "Oväntat argument '2019': `vanort meeting show` tar bara ÅR.",
    )
    assert_swedish_usage_error(sv("towns", "list", "x"), "`vanort towns list` tar inga argument.")
    assert_swedish_usage_error(
        sv("meeting", "delete", "2017", "--yes=no"), "--yes är en flagga och tar inget värde."
    )


@pytest.mark.parametrize(
    ("help_text", "what"),
    [
        ("Mötesåret.", "mötesåret"),
        ("Deltagarens namn.", "deltagarens namn"),
        ("KF (kommunfullmäktige) eller KS.", "KF (kommunfullmäktige) eller KS"),
        ("Göteborgs delegation.", "Göteborgs delegation"),
        ("Åbo eller Bergen.", "Åbo eller Bergen"),
        ("CSV-filen att läsa.", "CSV-filen att läsa"),
        ("VANORT_USER, annars ditt namn.", "VANORT_USER, annars ditt namn"),
        ("held (hållet) eller planned.", "held (hållet) eller planned"),
    ],
)
def test_what_a_swedish_parameter_expects_reads_mid_sentence(help_text: str, what: str) -> None:
    from types import SimpleNamespace

    from vanort_cli.cli.usage import _what

    option: Any = SimpleNamespace(help=help_text)
    with i18n.speaking("sv"):
        assert _what(option) == what


def test_text_that_is_not_utf8_is_refused_in_swedish(db_path: Path) -> None:
    """Refused before the app is imported (vanort_cli.entry), in the language asked for."""
    import os
    import subprocess
    import sys

    result = subprocess.run(
        [sys.executable, "-m", "vanort_cli", b"--lang", b"sv", b"towns", b"show", b"x\xff"],
        capture_output=True,
        env={**os.environ, "VANORT_DB": str(db_path), "NO_COLOR": "1"},
        timeout=60,
    )
    assert result.returncode == 2, result.stderr
    assert result.stderr.decode().startswith(
        "Fel: Ogiltigt värde för ett argument: 'x\\xff' är inte UTF-8-text."
    ), result.stderr
