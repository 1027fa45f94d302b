"""Shell completion of values: towns, organisations, areas, kinds, statuses and years,
asked for as bash, zsh and fish ask (Typer's variables), read from the registry
without ever creating or changing it.

Most are asked of the CLI in-process (`complete`), through the app the command line
gets (`for_command_line`, which reads the same variables) with the variables set as
a shell sets them: some hundred processes cost the suite forty seconds of start-up.
The tests named in IN_A_PROCESS ask a process of their own, as a shell does: the
variables read at start-up, stdout and stderr of a real process, one of each shell,
and a registry left as it was once the process has ended."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from contextlib import closing
from pathlib import Path

import pytest
from typer.testing import CliRunner

from conftest import Run, file_digest

IN_A_PROCESS = {
    "test_towns_are_offered_in_english_in_english",
    "test_zsh_gets_quoted_values_with_the_name_beside_another_spelling",
    "test_fish_gets_one_value_a_line_with_its_name",
    "test_completion_leaves_the_registry_byte_identical",
}


@pytest.fixture(autouse=True)
def _where(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> None:
    """Whether this test's completions are asked of a process of their own."""
    monkeypatch.setattr(
        sys.modules[__name__], "_OWN_PROCESS", request.node.originalname in IN_A_PROCESS
    )


_OWN_PROCESS = False


def complete(words: str, shell: str = "bash", **env: str) -> subprocess.CompletedProcess[str]:
    """What vanort offers for the last word of `words` (empty after a trailing space)."""
    variables = {
        "_VANORT_COMPLETE": f"complete_{shell}",
        "VANORT_TODAY": "2026-11-27",
    }
    if shell == "bash":
        count = len(words.split())
        variables |= {
            "COMP_WORDS": words,
            "COMP_CWORD": str(count if words.endswith(" ") else count - 1),
        }
    else:
        variables |= {"_TYPER_COMPLETE_ARGS": words, "_TYPER_COMPLETE_FISH_ACTION": "get-args"}
    if _OWN_PROCESS:
        result = subprocess.run(
            [sys.executable, "-m", "vanort_cli"],
            capture_output=True,
            text=True,
            env={**os.environ, **variables, **env},
            timeout=120,
        )
    else:
        result = _in_process({**variables, **env})
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    return result


def _in_process(variables: dict[str, str]) -> subprocess.CompletedProcess[str]:
    """`vanort` with no arguments and these variables, as entry.main runs it."""
    from vanort_cli.cli.app import for_command_line

    with pytest.MonkeyPatch.context() as patch:
        for name, value in variables.items():
            patch.setenv(name, value)
        patch.setattr(sys, "argv", ["vanort"])
        done = CliRunner().invoke(for_command_line([]), [], prog_name="vanort")
    assert done.exception is None or isinstance(done.exception, SystemExit), repr(done.exception)
    return subprocess.CompletedProcess(["vanort"], done.exit_code, done.stdout, done.stderr)


def offers(words: str, **env: str) -> list[str]:
    """The values bash is offered, as bash inserts them."""
    return [line for line in complete(words, **env).stdout.splitlines() if line]


# -- towns ------------------------------------------------------------------------


def test_towns_are_offered_in_english_in_english() -> None:
    towns = offers("vanort collaborations list --town ")
    assert {"Gothenburg", "Turku", "Aarhus", "Bergen", "Kiel"} <= set(towns)
    assert not {"Göteborg", "Åbo", "Århus"} & set(towns)


def test_towns_are_offered_in_swedish_in_swedish() -> None:
    towns = offers("vanort collaborations list --town ", VANORT_LANG="sv")
    assert {"Göteborg", "Åbo", "Århus", "Bergen", "Kraków"} <= set(towns)
    assert not {"Gothenburg", "Turku", "Aarhus"} & set(towns)
    # `--lang` on the line being completed counts too.
    assert "Åbo" in offers("vanort --lang sv collaborations list --town ")


@pytest.mark.parametrize(
    ("lang", "typed", "expected"),
    [
        ("en", "abo", ["Åbo"]),  # case and accents aside
        ("sv", "ABO", ["Åbo"]),
        ("sv", "tur", ["Turku"]),  # the other language's name, as it was begun
        ("sv", "aarh", ["Aarhus"]),
        ("en", "arh", ["Århus"]),
        ("en", "gbg", ["Gbg"]),  # another spelling (an alias)
        ("en", "port", ["Port\\ Elizabeth"]),
        ("en", "nel", ["Nelson\\ Mandela\\ Bay"]),  # bash gets the space escaped
        ("en", "zz", []),
    ],
)
def test_a_town_is_offered_in_the_spelling_that_was_begun(
    lang: str, typed: str, expected: list[str]
) -> None:
    assert offers(f"vanort log-collaboration --town {typed}", VANORT_LANG=lang) == expected


@pytest.mark.parametrize(
    "words",
    [
        "vanort meeting record 2027 --host tu",
        "vanort collaborations export --town tu",
        "vanort collaborations edit 1 -t tu",
        "vanort meeting participant add 2027 --name X --town tu",
        "vanort towns show tu",
        "vanort towns add Y --after tu",
        "vanort towns record-decision tu",
    ],
)
def test_every_town_value_is_completed(words: str) -> None:
    assert offers(words) == ["Turku"]


# -- organisations and areas ----------------------------------------------------------


def test_organisations_by_name_abbreviation_and_word() -> None:
    orgs = offers("vanort collaborations list --org ")
    assert {"Stadsledningskontoret", "Kulturförvaltningen", "Göteborgs\\ Hamn"} <= set(orgs)
    assert offers("vanort log-collaboration --org kultur") == ["Kulturförvaltningen"]
    assert offers("vanort log-collaboration --org slk") == ["SLK"]
    # No name begins so: the names with a word that does.
    assert offers("vanort log-collaboration --org hamn") == ["Göteborgs\\ Hamn"]
    assert offers("vanort orgs show stadsl") == ["Stadsledningskontoret"]
    assert offers("vanort orgs merge SLK --into kultur") == ["Kulturförvaltningen"]
    assert offers("vanort meeting seminar add 2027 --title T --org kultur") == [
        "Kulturförvaltningen"
    ]


def test_an_organisation_added_a_moment_ago_is_offered(run: Run) -> None:
    added = run("orgs", "add", "Lärdomsförvaltningen", "--kind", "forvaltning")
    assert added.exit_code == 0, added.output
    assert offers("vanort log-collaboration --org lard") == ["Lärdomsförvaltningen"]


def test_areas_by_name_in_either_language_key_or_alias() -> None:
    assert {"Culture", "Education", "Climate\\ and\\ environment"} <= set(
        offers("vanort collaborations list --area ")
    )
    assert offers("vanort collaborations list -a kl", VANORT_LANG="sv") == ["Klimat\\ och\\ miljö"]
    assert offers("vanort collaborations list -a cli", VANORT_LANG="sv") == [
        "Climate\\ and\\ environment"
    ]
    assert offers("vanort collaborations list -a climate-env") == ["climate-environment"]
    assert offers("vanort collaborations list -a skola") == ["skola"]


# -- kinds and statuses: fixed values --------------------------------------------------


@pytest.mark.parametrize(
    ("words", "expected"),
    [
        ("vanort log-collaboration --kind ", ["project", "network", "exchange", "study-visit",
                                              "other"]),
        ("vanort collaborations edit 1 --kind s", ["study-visit"]),
        ("vanort towns add Y --kind ", ["twin", "partner"]),
        # In English its words (as an English table shows them), its keys on a prefix.
        ("vanort orgs add Y --kind ", ["administration", "company"]),
        ("vanort orgs add Y --kind forv", ["forvaltning"]),
        ("vanort meeting record 2027 --status ", ["held", "planned", "postponed", "cancelled"]),
        ("vanort towns set-status Kiel ", ["active", "dormant", "ended"]),
        ("vanort restore-record ", ["meeting", "collaboration"]),
    ],
)  # fmt: skip
def test_kinds_and_statuses(words: str, expected: list[str]) -> None:
    assert offers(words) == expected


@pytest.mark.parametrize(
    ("words", "expected"),
    [
        (
            "vanort log-collaboration --kind ",
            ["projekt", "nätverk", "erfarenhetsutbyte", "studiebesök", "annat"],
        ),
        ("vanort collaborations edit 1 --kind stu", ["studiebesök"]),
        # Typed without its ring, or in capitals: offered as a Swede reads it; typed
        # in English, in the spelling that matches (as a town is, completion.matching).
        ("vanort meeting record 2027 --status inst", ["inställt"]),
        ("vanort meeting record 2027 --status INST", ["inställt"]),
        ("vanort meeting record 2027 --status canc", ["cancelled"]),
        ("vanort meeting record 2027 --status ", ["hållet", "planerat", "uppskjutet",
                                                  "inställt"]),
        ("vanort towns add Y --kind ", ["vänort", "partnerstad"]),
        ("vanort orgs add Y --kind ", ["förvaltning", "bolag"]),
        ("vanort towns set-status Kiel v", ["vilande"]),
        ("vanort restore-record ", ["möte", "samarbete"]),
        ("vanort db roles --as rap", ["rapportör"]),
        ("vanort meeting step-done 2033 ", ["save-the-date", "tema", "inbjudningar", "program",
                                            "delegation"]),
        ("vanort meeting step-done 2033 the", ["theme"]),
        ("vanort meeting step-done 2033 TE", ["tema"]),
    ],
)  # fmt: skip
def test_kinds_and_statuses_in_swedish(words: str, expected: list[str]) -> None:
    """The words a Swedish table shows are offered, whatever was typed (issue 23)."""
    assert offers(words, VANORT_LANG="sv") == expected
    assert offers(words.replace("vanort ", "vanort --lang sv ", 1)) == expected


# -- years -------------------------------------------------------------------------------


def test_meeting_years_recorded_and_computed_with_their_hosts() -> None:
    years = offers("vanort meeting show ")
    # Recorded (2013-2017), computed since, and two cycles of four towns ahead.
    assert years == [str(year) for year in range(2013, 2042, 2)]
    assert offers("vanort meeting show 201") == ["2013", "2015", "2017", "2019"]
    for words in (
        "vanort meeting confirm 202",
        "vanort meeting reschedule 2027 --to 202",
        "vanort evaluation done 202",
        "vanort report --evaluation 202",
        "vanort schedule --from 202",
        "vanort calendar --to 202",
    ):
        assert offers(words) == ["2021", "2023", "2025", "2027", "2029"], words
    fish = complete("vanort meeting show 202", shell="fish", VANORT_LANG="sv").stdout
    assert "2025\tGöteborg" in fish.splitlines()


def test_report_years_run_back_from_this_year() -> None:
    assert offers("vanort report --year ") == [str(year) for year in range(2026, 2012, -1)]
    assert offers("vanort collaborations list --year 202")[:2] == ["2026", "2025"]


def test_a_hidden_meeting_is_offered_for_restoring(run: Run) -> None:
    assert offers("vanort restore-record meeting ") == []
    deleted = run("meeting", "delete", "2015", "--yes")
    assert deleted.exit_code == 0, deleted.output
    assert offers("vanort restore-record meeting ") == ["2015"]
    assert offers("vanort restore-record collaboration ") == []
    # Its kind as a Swede types it (completion reads the word as typed).
    assert offers("vanort restore-record möte ", VANORT_LANG="sv") == ["2015"]
    assert offers("vanort restore-record MOTE ") == ["2015"]
    assert offers("vanort restore-record samarbete ") == []


# -- zsh and fish -------------------------------------------------------------------------


def test_zsh_gets_quoted_values_with_the_name_beside_another_spelling() -> None:
    out = complete("vanort collaborations list --town ", shell="zsh", VANORT_LANG="sv").stdout
    assert out.startswith("_arguments '*: :((")
    assert '"Åbo"' in out and '"Nelson Mandela Bay"' in out
    out = complete("vanort log-collaboration --org slk", shell="zsh").stdout
    assert '"SLK":"Stadsledningskontoret"' in out


def test_fish_gets_one_value_a_line_with_its_name() -> None:
    out = complete("vanort collaborations list --town tu", shell="fish", VANORT_LANG="sv")
    assert out.stdout.splitlines() == ["Turku\tÅbo"]


# -- the registry is only read ----------------------------------------------------------------


def test_the_registry_is_chosen_by_the_db_on_the_line(tmp_path: Path, db_path: Path) -> None:
    missing = tmp_path / "nowhere.db"
    words = f"vanort --db {db_path} collaborations list --town tu"
    assert offers(words, VANORT_DB=str(missing)) == ["Turku"]
    assert offers("vanort collaborations list --town tu", VANORT_DB=str(missing)) == []
    assert not missing.exists()


def test_without_a_registry_only_fixed_values_and_no_file(tmp_path: Path) -> None:
    missing = tmp_path / "new" / "registry.db"
    for env in ({"VANORT_DB": str(missing)}, {"VANORT_DB": ""}):
        assert offers("vanort collaborations list --town ", **env) == []
        assert offers("vanort collaborations list --org ", **env) == []
        assert offers("vanort meeting show ", **env) == []
        assert offers("vanort report --year ", **env) == []
        assert offers("vanort meeting record 2027 --status p", **env) == ["planned", "postponed"]
    assert not missing.parent.exists()
    # The default location (XDG_DATA_HOME, in the test's directory) is not made either.
    assert not (tmp_path / "xdg-data").exists()


@pytest.mark.parametrize("content", [b"not a registry at all\n" * 100, b"", b"SQLite format 3\x00"])
def test_a_file_that_is_no_registry_gives_fixed_values_quietly(
    tmp_path: Path, content: bytes
) -> None:
    bad = tmp_path / "bad.db"
    bad.write_bytes(content)
    env = {"VANORT_DB": str(bad)}
    # `complete` checks exit 0 and an empty stderr.
    assert offers("vanort collaborations list --town ", **env) == []
    assert offers("vanort meeting show ", **env) == []
    assert offers("vanort towns set-status Kiel d", **env) == ["dormant"]
    assert bad.read_bytes() == content


def test_completion_leaves_the_registry_byte_identical(db_path: Path) -> None:
    before = file_digest(db_path)
    files = sorted(db_path.parent.iterdir())
    for words in (
        "vanort collaborations list --town ",
        "vanort collaborations list --org ",
        "vanort collaborations list --area ",
        "vanort meeting show ",
        "vanort report --year ",
    ):
        assert offers(words)
    assert file_digest(db_path) == before
    assert sorted(db_path.parent.iterdir()) == files  # no -wal, -shm or journal left


def test_a_registry_in_use_is_read_through_its_wal_and_left_as_it_is(db_path: Path) -> None:
    with closing(sqlite3.connect(db_path, isolation_level=None)) as writer:
        assert writer.execute("PRAGMA journal_mode = WAL").fetchone()[0] == "wal"
        writer.execute(
            "INSERT INTO organisation_alias (organisation_id, alias, normalised) "
            "VALUES (1, 'Ledningen', 'ledningen')"
        )
        before = file_digest(db_path)
        # The change is in the WAL only, and vanort sees it.
        assert offers("vanort log-collaboration --org ledn") == ["Ledningen"]
        assert file_digest(db_path) == before
