"""Hostile and malformed input through the real CLI: never a traceback, exit 0, 1 or 2,
and a refused command leaves the registry file byte-for-byte as it was."""

from __future__ import annotations

from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import Run, checkpoint, file_digest

# What the operating system can pass as an argument: no NUL, no lone surrogates.
ANY_TEXT = st.text(
    alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"),
    max_size=40,
)
HOSTILE = st.one_of(
    ANY_TEXT,
    st.sampled_from(
        [
            "",
            " ",
            "'); DROP TABLE town;--",
            '" OR 1=1 --',
            "Robert'); DELETE FROM meeting;--",
            "\u202eevil\u202c",
            "\u200fÅbo",
            '=HYPERLINK("http://x")',
            "-1",
            "--help",
            "\x1b[31m",
            "x" * 100_000,
            "0000-00-00",
            "2026-02-30",
            "99999-01-01",
            "Göteborg\nBergen",
        ]
    ),
)
DATES = st.one_of(
    st.sampled_from(
        [
            "0000-00-00",
            "2026-02-30",
            "99999-01-01",
            "",
            "2026-13-01",
            "-1",
            "2026-01-01",
            "1 March 2027",
            "31/12/2026",
        ]
    ),
    ANY_TEXT,
)
YEARS = st.one_of(
    st.sampled_from(["-1", str(10**12), "0", "1945", "2027", "2017", "1e3", "", "abc"]),
    st.integers(-(10**15), 10**15).map(str),
)

COMMANDS = st.one_of(
    st.tuples(st.just("log-collaboration"), HOSTILE, HOSTILE, HOSTILE, HOSTILE, DATES).map(
        lambda a: [
            "log-collaboration",
            "-t",
            a[1],
            "-o",
            a[2],
            "-a",
            a[3],
            "--title",
            a[4],
            "--start",
            a[5],
        ]
    ),
    st.tuples(YEARS, HOSTILE, DATES, DATES, HOSTILE).map(
        lambda a: [
            "meeting",
            "record",
            a[0],
            "--host",
            a[1],
            "--start",
            a[2],
            "--end",
            a[3],
            "--theme",
            a[4],
        ]
    ),
    st.tuples(HOSTILE).map(lambda a: ["towns", "show", a[0]]),
    st.tuples(HOSTILE, HOSTILE).map(lambda a: ["orgs", "add", a[0], "--kind", a[1]]),
    st.tuples(YEARS, YEARS).map(lambda a: ["schedule", "--from", a[0], "--to", a[1]]),
    st.tuples(YEARS, HOSTILE).map(lambda a: ["report", "--year", a[0], "--format", a[1]]),
    st.tuples(DATES).map(lambda a: ["next-meeting", "--today", a[0]]),
    st.tuples(YEARS, HOSTILE, HOSTILE).map(
        lambda a: ["meeting", "participant", "add", a[0], "--name", a[1], "--town", a[2]]
    ),
    st.tuples(HOSTILE, HOSTILE, DATES).map(
        lambda a: [
            "towns",
            "add",
            a[0],
            "--kind",
            "twin",
            "--country",
            "NO",
            "--decision",
            a[1],
            "--decided-on",
            a[2],
        ]
    ),
    st.tuples(YEARS, HOSTILE).map(lambda a: ["collaborations", "edit", a[0], "--title", a[1]]),
)


@settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(COMMANDS)
def test_hostile_arguments_never_crash_and_refusals_change_nothing(
    run: Run, db_path: Path, args: list[str]
) -> None:
    if not db_path.exists():
        assert run("db", "init").exit_code == 0
    checkpoint(db_path)
    before = file_digest(db_path)
    result = run(*args)
    assert result.exit_code in (0, 1, 2), (args, result.output[-500:])
    assert "Traceback" not in result.output, (args, result.output[-2000:])
    assert result.exception is None or isinstance(result.exception, SystemExit), (
        args,
        repr(result.exception),
    )
    if result.exit_code != 0:
        checkpoint(db_path)
        assert file_digest(db_path) == before, args
