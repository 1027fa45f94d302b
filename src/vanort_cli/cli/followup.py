"""`vanort evaluation ...` (P11) and `vanort check`: what the policy still asks of staff."""

from __future__ import annotations

from datetime import date
from typing import Annotated

import typer

from vanort_cli.cli.common import (
    INTEGERS,
    RecordFormat,
    RecordFormatOption,
    TodayOption,
    as_format,
    command_group,
    date_option,
    reading,
    today_or,
    writing,
    year_argument,
)
from vanort_cli.i18n import messages as m
from vanort_cli.i18n import values
from vanort_cli.output.columns import field, word
from vanort_cli.output.console import say
from vanort_cli.output.emit import emit_rows
from vanort_cli.output.json_stream import write_json
from vanort_cli.output.text import visible

app = command_group("The evaluation due after each meeting Gothenburg hosted (policy P11).")

EVALUATION_COLUMNS = [
    field("year", "Meeting", priority=9, nowrap=True),
    field("meeting_end", "Ended", priority=4, nowrap=True),
    field("due", "Due", priority=8, nowrap=True),
    field("status", "Status", priority=8, nowrap=True, words=values.EVALUATION_STATUS),
    field("reference", "Reference", priority=6),
    field("done_on", "Done on", priority=6, nowrap=True),
    field("confirmed", "Meeting confirmed", priority=3, nowrap=True),
]


@app.command("list")
def list_(
    ctx: typer.Context, today: TodayOption = None, format: RecordFormatOption = RecordFormat.table
) -> None:
    """Each held meeting Gothenburg hosted, with its evaluation's due date and status
    (due, overdue or done).

    [bold]Example[/]

      vanort evaluation list --format json
    """
    from vanort_cli.services.evaluation import due_days, list_evaluations

    with reading(ctx) as session:
        rows = list_evaluations(session=session, today=today_or(today))
        days = due_days(session=session)
    emit_rows(
        rows,
        as_format(format),
        EVALUATION_COLUMNS,
        title=m.EVALUATIONS_TITLE,
        footer=m.DUE_DAYS_SHOW.format(days=days),
    )


@app.command("done")
def done(
    ctx: typer.Context,
    year: Annotated[int, year_argument(help="The year of the meeting.")],
    reference: Annotated[
        str, typer.Option(metavar="REF", help="The report's reference, e.g. a diary number.")
    ],
    on: Annotated[date | None, date_option(help="When. Default: today.")] = None,
) -> None:
    """Record that the evaluation after YEAR's meeting in Gothenburg is done.

    [bold]Example[/]

      vanort evaluation done 2017 --reference "Dnr 0123/18" --on 2018-03-20
    """
    from vanort_cli.services.evaluation import mark_done

    with writing(ctx) as session:
        today = today_or(None)
        evaluation = mark_done(
            session=session, year=year, reference=reference, on=on or today, today=today
        )
        shown = evaluation.reference
    say(m.EVALUATION_DONE.format(year=year, reference=shown))


@app.command("due-days")
def due_days_command(
    ctx: typer.Context,
    days: Annotated[
        int | None,
        typer.Argument(
            metavar="DAYS", callback=INTEGERS.check, help="Set the deadline; leave out to show it."
        ),
    ] = None,
) -> None:
    """Show or set how many days after a Gothenburg-hosted meeting its evaluation is due
    (default 180).

    [bold]Examples[/]

      vanort evaluation due-days
      vanort evaluation due-days 120
    """
    from vanort_cli.services.evaluation import due_days, set_due_days

    if days is None:
        with reading(ctx) as session:
            typer.echo(due_days(session=session))
        return
    with writing(ctx) as session:
        set_due_days(session=session, days=days)
    say(m.DUE_DAYS_SET.format(days=days))


def check(
    ctx: typer.Context,
    today: TodayOption = None,
    verbose: Annotated[
        bool, typer.Option("--verbose", "-v", help="Say so when there are no findings.")
    ] = False,
    format: RecordFormatOption = RecordFormat.table,
) -> None:
    """Hold the registry against the policy: one line per finding, for cron.

    Exit 0 when no finding is an error, 1 when one is. Nothing is printed when there
    are no findings, unless --verbose. Codes: evaluation_overdue, hosting_without_dates
    (errors); evaluation_overdue_unconfirmed (the same duty after a meeting whose record
    is not confirmed, such as the shipped 2017 meeting, until `vanort meeting confirm`),
    preparation_step_late, meeting_unrecorded, meeting_not_closed,
    meeting_postponed_unscheduled, meeting_out_of_turn (a record, not confirmed, in a
    year or with a host the rotation did not expect), delegation_without_decision (one
    per member),
    twin_without_decision, cycle_not_eight_years, reporter_not_bound (a server's
    reporter login bound to no organisation), collaboration_past_departure (a
    collaboration that goes on after its town left or its organisation's last
    day, one per collaboration and town), round_unanswered (a round past its
    deadline, not closed, with organisations that have not answered),
    round_not_opened (the last year that ended has no reporting round)
    (warnings). A finding that can be fixed names the command that fixes it.

    [bold]Examples[/]

      vanort check
      vanort check --format json | jq '.findings[] | select(.severity == "error")'
    """
    from vanort_cli.services.check import run_checks

    with reading(ctx) as session:
        result = run_checks(session=session, today=today_or(today))
    if as_format(format).value == "json":
        write_json(result.json_ready())
    else:
        for item in result.findings:
            # The severity and the sentence in the reader's language; the code as it is.
            severity = word(values.SEVERITY, item.severity)
            line = f"{severity} {item.code}: {item.message}"
            typer.echo(visible(line, newlines=False))
        if not result.findings and verbose:
            say(m.CHECK_OK)
    if not result.ok:
        raise typer.Exit(1)
