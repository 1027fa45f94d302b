"""`vanort round ...`: the yearly reporting round (P4, P10)."""

from __future__ import annotations

from datetime import date
from typing import Annotated

import typer

from vanort_cli.cli.common import (
    TodayOption,
    command_group,
    date_option,
    org_option,
    today_or,
    writing,
    year_argument,
)
from vanort_cli.i18n import messages as m
from vanort_cli.output.console import say

app = command_group(
    "The yearly reporting round: ask the administrations and companies for their "
    "collaborations, and know who answered."
)

RoundYearArgument = Annotated[int, year_argument(help="The year the round asks about.")]


@app.command("open")
def open_round(
    ctx: typer.Context,
    year: RoundYearArgument,
    deadline: Annotated[
        date | None,
        date_option("--deadline", help="The last day to answer. Needed to open a round."),
    ] = None,
    org: Annotated[
        list[str] | None,
        org_option(
            "--org",
            help="Ask only this organisation (repeatable); on an open round, add it. "
            "Default: every administration and company that existed during YEAR and "
            "is not retired.",
        ),
    ] = None,
    today: TodayOption = None,
) -> None:
    """Open the reporting round for a year: who is asked, and by when.

    [bold]Examples[/]

      vanort round open 2026 --deadline 2027-01-31
      vanort round open 2026 --org "Park- och naturförvaltningen"
    """
    from vanort_cli.services.rounds import open_round as open_it

    day = today_or(today)
    with writing(ctx) as session:
        opened, added = open_it(
            session=session, year=year, deadline=deadline, today=day, organisations=org or []
        )
        deadline_day, names = opened.deadline, [o.name for o in added]
    say(m.ROUND_OPENED.format(year=year, count=len(names), deadline=deadline_day))
    for name in names:
        typer.echo(name)


# `round letters` and `round remind` (cli/round_letters.py).
from vanort_cli.cli import round_letters  # noqa: E402 - after the group they join

round_letters.register(app)
