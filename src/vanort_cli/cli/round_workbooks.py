"""`vanort round workbooks`: one workbook per organisation asked in a round."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from vanort_cli.cli.common import TodayOption, org_option, reading, today_or
from vanort_cli.cli.rounds import RoundYearArgument
from vanort_cli.i18n import messages as m


def workbooks(
    ctx: typer.Context,
    year: RoundYearArgument,
    output: Annotated[
        Path,
        typer.Option(
            "--output",
            "-o",
            metavar="DIR",
            help="The directory to write the workbooks to (made if it does not exist).",
        ),
    ],
    org: Annotated[
        list[str] | None,
        org_option("--org", help="Only this organisation's workbook (repeatable)."),
    ] = None,
    force: Annotated[
        bool, typer.Option("--force", help="Replace workbooks already in DIR.")
    ] = False,
    today: TodayOption = None,
) -> None:
    """Write each organisation's workbook for the round, in its contact's language.

    One .xlsx per organisation asked in the round for YEAR (or each --org),
    named from its key: the template's sheets and drop-downs with the
    organisation filled in, and its collaborations active during YEAR listed
    with their ids to confirm, correct or end, and new ones added below.
    In its primary contact's language; Swedish when it has no contact.
    `vanort collaborations import FILE` reads it back as its answer.

    [bold]Examples[/]

      vanort round workbooks 2026 -o arbetsböcker
      vanort round workbooks 2026 -o arbetsböcker --org SLK --force
    """
    from vanort_cli.errors import RuleError, UsageError
    from vanort_cli.files import check_target, replaced_atomically
    from vanort_cli.output.console import say
    from vanort_cli.services.round_workbooks import round_workbooks

    day = today_or(today)
    if str(output) == "-":  # standard output, by every program's convention: never a folder
        raise UsageError(m.ROUND_WORKBOOKS_DASH)
    if output.exists() and not output.is_dir():
        raise RuleError(m.ROUND_WORKBOOKS_NOT_A_DIRECTORY.format(path=output))
    with reading(ctx) as session:
        books = round_workbooks(session=session, year=year, today=day, organisations=org or [])
    output.mkdir(parents=True, exist_ok=True)
    # Every target checked before any is written: a refusal writes nothing.
    for book in books:
        check_target(output / book.filename, force=force)
    for book in books:
        with replaced_atomically(output / book.filename) as temporary:
            temporary.write_bytes(book.content)
    english = sum(1 for b in books if b.language == "en")
    say(
        m.ROUND_WORKBOOKS_WRITTEN.format(
            count=len(books),
            year=year,
            directory=output,
            swedish=len(books) - english,
            english=english,
        )
    )


def register(rounds: typer.Typer) -> None:
    rounds.command("workbooks")(workbooks)
