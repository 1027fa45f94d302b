"""`vanort round ...`: the yearly reporting round (P4, P10)."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Annotated

import typer

from vanort_cli.cli.common import (
    ForceOption,
    OutputOption,
    RecordFormat,
    RecordFormatOption,
    RowsFormat,
    RowsFormatOption,
    TodayOption,
    as_format,
    command_group,
    date_option,
    org_argument,
    org_option,
    reading,
    today_or,
    writing,
    year_argument,
)
from vanort_cli.cli.table_output import (
    ExcelOption,
    TableFormat,
    TableFormatOption,
    choose_format,
    emit_table,
)
from vanort_cli.errors import UsageError
from vanort_cli.i18n import N_
from vanort_cli.i18n import messages as m
from vanort_cli.output.columns import Column
from vanort_cli.output.console import say
from vanort_cli.output.emit import emit_record, emit_rows
from vanort_cli.store.identity import current_user

if TYPE_CHECKING:
    from vanort_cli.domain.rounds import Asked
    from vanort_cli.services.rounds import Answered, RoundOverview

app = command_group(
    "The yearly reporting round: ask the administrations and companies for their "
    "collaborations, and know who answered."
)

RoundYearArgument = Annotated[int, year_argument(help="The year the round asks about.")]

# A round not closed shows this where its closing day would be.
_OPEN = N_("open")

# `round show`: one round, as a record. `round list`: one a line; on a narrow
# terminal the days it was opened and closed yield first, the counts stay.
ROUND_FIELDS: list[Column[RoundOverview]] = [
    Column("year", "Year", lambda r: r.year, priority=9, nowrap=True),
    Column("deadline", "Deadline", lambda r: r.deadline, priority=7, nowrap=True),
    Column("opened_on", "Opened", lambda r: r.opened_on, priority=3, nowrap=True),
    Column("closed_on", "Closed", lambda r: r.closed_on, priority=4, nowrap=True, empty=_OPEN),
    Column("asked", "Asked", lambda r: r.asked, priority=8, nowrap=True),
    Column(
        "answered_with_collaborations",
        "With collaborations",
        lambda r: r.answered_with_collaborations,
        priority=6,
    ),
    Column("answered_nothing", "Nothing", lambda r: r.answered_nothing, priority=6),
    Column("did_not_answer", "Not answered", lambda r: r.did_not_answer, priority=8),
    Column("late", "Late", lambda r: r.late, priority=8, nowrap=True),
]


def _answer(row: Asked) -> str:
    """What it answered, in words: "3 collaborations", "nothing", or nothing yet."""
    if row.answer == "collaborations":
        return str(m.ROUND_ANSWER_COLLABORATIONS.format(count=row.collaborations))
    if row.answer == "nothing":
        return str(m.ROUND_ANSWER_NOTHING)
    return ""


# `round status`: on a narrow terminal the organisation, whether it is late and
# what it answered stay; the day it was reminded yields first, then the day it
# was asked. The table's answer cell holds the count ("3 collaborations"); files
# keep the answer and the count in columns of their own.
_ORGANISATION: Column[Asked] = Column(
    "organisation", "Organisation", lambda r: r.organisation, priority=9
)
_ANSWER: Column[Asked] = Column("answer", "Answer", lambda r: r.answer, priority=7, show=_answer)
_COUNT: Column[Asked] = Column("collaborations", "Collaborations", lambda r: r.collaborations)
_DAYS: list[Column[Asked]] = [
    Column("asked_on", "Asked", lambda r: r.asked_on, priority=5, nowrap=True),
    Column("reminded_on", "Reminded", lambda r: r.reminded_on, priority=4, nowrap=True),
    Column("answered_on", "Answered", lambda r: r.answered_on, priority=6, nowrap=True),
]
_LATE: Column[Asked] = Column("late", "Late", lambda r: r.late, priority=8, nowrap=True)
STATUS_TABLE: list[Column[Asked]] = [_ORGANISATION, *_DAYS, _ANSWER, _LATE]
STATUS_COLUMNS: list[Column[Asked]] = [_ORGANISATION, *_DAYS, _ANSWER, _COUNT, _LATE]


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

    Prints the names of the organisations asked now, one a line.

    [bold]Examples[/]

      vanort round open 2026 --deadline 2027-01-31
      vanort round open 2026 --org Kulturförvaltningen
    """
    from vanort_cli.services.rounds import held
    from vanort_cli.services.rounds import open_round as open_it

    day = today_or(today)
    with writing(ctx) as session:
        new = held(session=session, year=year) is None
        opened, added = open_it(
            session=session, year=year, deadline=deadline, today=day, organisations=org or []
        )
        deadline_day, names = opened.deadline, [o.name for o in added]
    said = m.ROUND_OPENED_NEW if new else m.ROUND_ADDED
    say(said.format(year=year, count=len(names), deadline=deadline_day))
    if new and deadline_day < day:
        say(m.ROUND_DEADLINE_PASSED.format(date=deadline_day))
    for name in names:
        typer.echo(name)


@app.command("show")
def show(
    ctx: typer.Context,
    year: RoundYearArgument,
    today: TodayOption = None,
    format: RecordFormatOption = RecordFormat.table,
) -> None:
    """A year's round: its deadline, when it was opened and closed, and how many
    answered.

    [bold]Examples[/]

      vanort round show 2026
      vanort round show 2026 --format json | jq .did_not_answer
    """
    from vanort_cli.services.rounds import overview

    with reading(ctx) as session:
        shown = overview(session=session, year=year, today=today_or(today))
    emit_record(shown, as_format(format), ROUND_FIELDS, title=m.ROUND_SHOW_TITLE.format(year=year))


@app.command("list")
def list_(
    ctx: typer.Context,
    today: TodayOption = None,
    format: RowsFormatOption = RowsFormat.table,
) -> None:
    """Every reporting round, newest first, with how many answered.

    [bold]Examples[/]

      vanort round list
      vanort round list --format csv
    """
    from vanort_cli.services.rounds import overviews

    with reading(ctx) as session:
        rounds = overviews(session=session, today=today_or(today))
    if not rounds and format is RowsFormat.table:
        say(m.ROUND_NONE_YET)
        return
    emit_rows(rounds, as_format(format), ROUND_FIELDS, title=m.ROUND_LIST_TITLE)


@app.command("status")
def status(
    ctx: typer.Context,
    year: RoundYearArgument,
    today: TodayOption = None,
    format: TableFormatOption = None,
    output: OutputOption = None,
    excel: ExcelOption = False,
    force: ForceOption = False,
) -> None:
    """Each organisation asked in a year's round: when it was asked, reminded and
    answered, what it answered, and whether it is late; the late first.

    Late: answered after the deadline (or after the round was closed), or not
    answered and the deadline has passed.

    [bold]Examples[/]

      vanort round status 2026
      vanort round status 2026 --format json | jq '.[] | select(.late)'
      vanort round status 2026 -o svar-2026.xlsx
    """
    from vanort_cli.services.rounds import status as round_status

    chosen = choose_format(format, output, default=TableFormat.table, excel=excel)
    with reading(ctx) as session:
        rows = round_status(session=session, year=year, today=today_or(today))
    emit_table(
        ctx,
        rows,
        STATUS_TABLE if chosen is TableFormat.table else STATUS_COLUMNS,
        fmt=chosen,
        output=output,
        force=force,
        excel=excel,
        title=m.ROUND_STATUS_TITLE.format(year=year),
        sheet=m.ROUND_STATUS_SHEET.format(year=year),
    )


@app.command("answer")
def answer(
    ctx: typer.Context,
    year: RoundYearArgument,
    org: Annotated[str, org_argument(help="The administration or company that answered.")],
    nothing: Annotated[
        bool,
        typer.Option(
            "--nothing",
            help="It had no collaborations with the twin towns during YEAR.",
        ),
    ] = False,
    by: Annotated[
        str | None,
        typer.Option(
            "--by",
            metavar="NAME",
            help="Who records the answer. Default: VANORT_USER, else your user name.",
        ),
    ] = None,
    today: TodayOption = None,
) -> None:
    """Record an organisation's answer to a year's round: that it had no
    collaborations with the twin towns.

    An answer with collaborations is given by importing its workbook or CSV
    (`collaborations import`) or with `log-collaboration ... --round YEAR`. An
    answer after the deadline, or after the round was closed, is taken and
    marked late.

    [bold]Examples[/]

      vanort round answer 2026 Kulturförvaltningen --nothing
    """
    from vanort_cli.services.rounds import answer_nothing

    if not nothing:
        raise UsageError(m.ROUND_ANSWER_HOW.format(name=org, year=year))
    with writing(ctx) as session:
        answered = answer_nothing(
            session=session, year=year, name=org, today=today_or(today), by=by or current_user()
        )
    said = m.ROUND_ANSWERED_NOTHING_AGAIN if answered.again else m.ROUND_ANSWERED_NOTHING
    say(
        said.format(
            name=answered.organisation,
            year=year,
            date=answered.answered_on,
            by=answered.answered_by,
        )
    )
    say_if_late(answered)


def say_if_late(answered: Answered) -> None:
    """An answer after the deadline is taken, and the person recording it is told."""
    if answered.late:
        say(m.ROUND_ANSWER_LATE)


@app.command("close")
def close(ctx: typer.Context, year: RoundYearArgument, today: TodayOption = None) -> None:
    """Close a year's round: no letters, reminders or organisations are added to it
    any more. Answers are still taken, marked late.

    [bold]Examples[/]

      vanort round close 2026
    """
    from vanort_cli.services.rounds import close_round, status

    day = today_or(today)
    with writing(ctx) as session:
        closed = close_round(session=session, year=year, today=day)
        silent = sum(1 for row in status(session=session, year=year, today=day) if not row.answer)
        closed_on = closed.closed_on
    say(m.ROUND_CLOSED_NOW.format(year=year, date=closed_on, count=silent))


# The commands in the order of a round's work, the help's list as the office reads it.
ROUND_ORDER = (
    "open",
    "workbooks",
    "letters",
    "links",
    "answer",
    "status",
    "remind",
    "close",
    "show",
    "list",
)


def in_the_order_of_the_work() -> None:
    """Sort the group's commands (their modules register in any order)."""
    app.registered_commands.sort(key=lambda command: ROUND_ORDER.index(command.name or ""))
