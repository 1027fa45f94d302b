"""A value's kind is declared with its option (cli/common.py), never guessed from its name.

Every whole-number parameter of the command tree says which numbers it takes, a
parameter shown as a YEAR or an ID takes only years or ids, and an option's name
decides nothing: a new `--to` that is not a year is not checked as one.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from typing import Annotated, Any

import pytest
import typer
from typer.testing import CliRunner

from conftest import Run
from vanort_cli.cli import typer_adapter as adapter
from vanort_cli.cli.app import app
from vanort_cli.cli.common import INTEGERS, WholeNumbers, year_option
from vanort_cli.cli.usage import polish


def _walk(command: Any, path: tuple[str, ...] = ()) -> Iterator[tuple[str, Any]]:
    for param in command.params:
        yield " ".join(("vanort", *path, param.name or "")), param
    for name, sub in getattr(command, "commands", {}).items():
        yield from _walk(sub, (*path, name))


PARAMS = list(_walk(typer.main.get_command(app)))
WHOLE_NUMBERS = [(where, p) for where, p in PARAMS if adapter.annotation(p) is int]


def numbers_of(param: Any) -> WholeNumbers | None:
    return WholeNumbers.of(adapter.declared_callback(param))


def test_the_tree_has_whole_number_parameters_to_check() -> None:
    assert len(WHOLE_NUMBERS) >= 30, [where for where, _ in WHOLE_NUMBERS]


def test_every_whole_number_says_which_numbers_it_takes() -> None:
    """So that SQLite never sees a number it cannot store (an OverflowError, exit 1)."""
    unchecked = [where for where, param in WHOLE_NUMBERS if numbers_of(param) is None]
    assert not unchecked, (
        f"give these a WholeNumbers check (cli/common.py: YEARS, IDS, LIMITS, INTEGERS): "
        f"{unchecked}"
    )


@pytest.mark.parametrize(
    ("metavar", "smallest", "largest"),
    # A year: 1946 to a century after today, as every date (domain/dates.py).
    [("YEAR", 1946, date.today().year + 100), ("ID", 1, 2**63 - 1)],
)
def test_a_value_shown_as_a_year_or_an_id_is_checked_as_one(
    metavar: str, smallest: int, largest: int
) -> None:
    shown = [(where, p) for where, p in PARAMS if p.metavar == metavar]
    assert shown
    wrong = [
        where
        for where, param in shown
        if (numbers := numbers_of(param)) is None or numbers.bounds() != (smallest, largest)
    ]
    assert not wrong, wrong


def _tiny_app() -> typer.Typer:
    tiny = typer.Typer()

    @tiny.command()
    def move(
        to: Annotated[int | None, typer.Option("--to", callback=INTEGERS.check)] = None,
        year: Annotated[int | None, year_option("--when", help="A year.")] = None,
    ) -> None:
        typer.echo(f"{to} {year}")

    return tiny


def test_an_option_named_to_is_not_taken_for_a_year() -> None:
    """`to`, `year`, `id` are names like any other: the declaration decides."""
    command: Any = typer.main.get_command(_tiny_app())
    polish(command)
    to, when = (next(p for p in command.params if p.name == name) for name in ("to", "year"))
    assert to.metavar == "NUMBER" and when.metavar == "YEAR"
    assert numbers_of(to) is INTEGERS
    result = CliRunner().invoke(_tiny_app(), ["--to", "99999", "--when", "2026"])
    assert result.exit_code == 0, result.output
    assert result.stdout == "99999 2026\n"
    refused = CliRunner().invoke(_tiny_app(), ["--when", "0"])
    assert refused.exit_code == 2
    assert "0 is outside the years vanort handles: 1946 to " in refused.output


@pytest.mark.parametrize(
    ("args", "line"),
    [
        (
            ("meeting", "reschedule", "2021", "--to", "0"),
            "--to: 0 is outside the years vanort handles",
        ),
        (("history", "--limit", "0"), "--limit: 0 is not a number of rows to show"),
        (("history", "--id", "-5"), "--id: -5 is not a record id"),
        (("restore-record", "meeting", "0"), "YEAR|ID: 0 is not a record id"),
        (
            ("collaborations", "list", "--year", "10000"),
            "--year: 10000 is outside the years vanort handles",
        ),
    ],
)
def test_each_kind_refuses_in_its_own_words(run: Run, args: tuple[str, ...], line: str) -> None:
    result = run(*args)
    assert result.exit_code == 2, result.output
    assert line in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1, result.stderr
