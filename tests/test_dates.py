"""Dates as the CLI reads them (the rules themselves: tests/unit/test_dates.py)."""

import pytest

from conftest import file_digest


def test_the_cli_refuses_a_two_digit_year_and_lists_the_accepted_forms(run, db_path) -> None:
    before = file_digest(db_path)
    args = ["-t", "Åbo", "-o", "SLK", "-a", "culture", "--title", "X", "--start", "26-03-01"]
    result = run("log-collaboration", *args)
    assert result.exit_code == 2
    line = result.stderr.strip()
    assert "\n" not in line and "26-03-01" in line and "two-digit year" in line
    for form in ("2026-03-01", "20260301", "1/3/2026", "1 mars 2026", "1 March 2026"):
        assert form in line
    assert file_digest(db_path) == before


REFUSALS = [
    ("1 mars", "'1 mars' has no year", "'1 mars' saknar årtal"),
    ("12/03", "'12/03' has no year", "'12/03' saknar årtal"),
    ("=TODAY()", "'=TODAY()' is not a date.", "'=TODAY()' är inget datum."),
    ("mars 2026", "'mars 2026' has no day", "'mars 2026' saknar dag"),
    ("2026", "'2026' has no month or day", "'2026' saknar månad och dag"),
    ("2026-02-30", "'2026-02-30' is no day of the calendar", "är ingen dag i kalendern"),
    (
        "1800-01-01",
        "'1800-01-01' is outside the years vanort handles: 1946 to",
        "'1800-01-01' ligger utanför de år som vanort hanterar: 1946–",
    ),
]


@pytest.mark.parametrize(("value", "english", "swedish"), REFUSALS)
def test_a_refused_date_names_what_is_wrong_in_both_languages(
    run, db_path, value: str, english: str, swedish: str
) -> None:
    before = file_digest(db_path)
    for lang, said in (("en", english), ("sv", swedish)):
        args = ["-t", "Åbo", "-o", "SLK", "-a", "culture", "--title", "X", "--start", value]
        result = run("--lang", lang, "log-collaboration", *args)
        assert result.exit_code == 2, result.output
        line = result.stderr.strip()
        assert "\n" not in line and said in line, line
    assert file_digest(db_path) == before


@pytest.mark.parametrize(
    "args",
    [
        ("report", "--year", "1800"),
        ("schedule", "--from", "1900"),
        ("schedule", "--to", "3000"),
        ("meeting", "show", "1800"),
        ("calendar", "--from", "1800", "-o", "x.ics"),
        ("next-meeting", "--today", "1800-01-01"),
    ],
)
def test_every_year_limit_is_the_same_and_said_the_same_way(run, args: tuple[str, ...]) -> None:
    """One range for every year and date a person types: 1946 (P1) to a century on."""
    for lang, said in (("en", "vanort handles: 1946 to"), ("sv", "vanort hanterar: 1946–")):
        result = run("--lang", lang, *args)
        assert result.exit_code == 2, result.output
        assert said in result.stderr, result.stderr
