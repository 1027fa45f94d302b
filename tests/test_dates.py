"""Dates as the CLI reads them (the rules themselves: tests/unit/test_dates.py)."""

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
