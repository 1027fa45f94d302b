"""`vanort meeting ...`: recording the meetings as they really were (P2, P6)."""

from __future__ import annotations

import enum
from datetime import date
from typing import Annotated

import typer

from vanort_cli import messages as m
from vanort_cli.cli.common import (
    CONTEXT_SETTINGS,
    RecordFormat,
    RecordFormatOption,
    RowsFormat,
    RowsFormatOption,
    TodayOption,
    as_format,
    parse_date_option,
    reading,
    today_or,
    writing,
)
from vanort_cli.output import Column, emit_record, emit_rows, field, say

app = typer.Typer(
    help="Record, show, list and delete twin-town meetings.",
    context_settings=CONTEXT_SETTINGS,
    no_args_is_help=True,
    rich_markup_mode="rich",
)


class Status(enum.StrEnum):
    held = "held"
    planned = "planned"
    postponed = "postponed"
    cancelled = "cancelled"


YearArgument = Annotated[int, typer.Argument(metavar="YEAR", help="The meeting year.")]

MEETING_FIELDS = [
    field("year", "Year"),
    Column("host", "Host", lambda r: r["host"]["name_sv"]),
    field("status", "Status"),
    field("start_date", "Start"),
    field("end_date", "End"),
    field("place", "Place"),
    field("theme", "Theme"),
    field("organiser", "Organiser"),
    Column("confirmed", "Confirmed", lambda r: r["confirmed"]),
    field("note", "Note"),
    field("source", "Source"),
]
MEETING_COLUMNS = [c for c in MEETING_FIELDS if c.key not in {"note", "source", "organiser"}]


@app.command("record")
def record(
    ctx: typer.Context,
    year: YearArgument,
    host: Annotated[
        str | None, typer.Option(help="The host town, in any spelling (needed for a new record).")
    ] = None,
    status: Annotated[
        Status | None,
        typer.Option(
            help="held, planned, postponed or cancelled. Default for a new record: "
            "held for a past year, planned otherwise."
        ),
    ] = None,
    start: Annotated[
        date | None, typer.Option(metavar="DATE", parser=parse_date_option, help="First day.")
    ] = None,
    end: Annotated[
        date | None, typer.Option(metavar="DATE", parser=parse_date_option, help="Last day.")
    ] = None,
    place: Annotated[str | None, typer.Option(help="Where it is held.")] = None,
    theme: Annotated[str | None, typer.Option(help="The theme of the meeting.")] = None,
    note: Annotated[str | None, typer.Option(help="Any note.")] = None,
    source: Annotated[str | None, typer.Option(help="Where this fact comes from.")] = None,
    today: TodayOption = None,
    format: RecordFormatOption = RecordFormat.table,
) -> None:
    """Create or update the record of YEAR's meeting.

    Only the options given change an existing record. A meeting moved to a later year
    is recorded as [bold]postponed[/] in its regular year and recorded again, held or
    planned, in the year it takes place; a [bold]cancelled[/] meeting passes the turn.

    [bold]Examples[/]

      vanort meeting record 2027 --host Åbo --status planned --start 2027-09-14 --end 2027-09-15
      vanort meeting record 2021 --host Bergen --status postponed
      vanort meeting record 2022 --host Bergen --status held --theme "Grön omställning"
    """
    from vanort_cli.services.meetings import MeetingChanges, meeting_public, record_meeting

    changes = MeetingChanges(
        host=host,
        status=status.value if status else None,
        start_date=start,
        end_date=end,
        place=place,
        theme=theme,
        note=note,
        source=source,
    )
    with writing(ctx) as session:
        meeting, created = record_meeting(
            session=session, year=year, changes=changes, today=today_or(today)
        )
        shown = meeting_public(session=session, meeting=meeting)
    template = m.MEETING_RECORDED if created else m.MEETING_UPDATED
    say(template.format(year=year, host=shown["host"]["name_sv"], status=shown["status"]))
    emit_record(shown, as_format(format), MEETING_FIELDS)


@app.command("show")
def show(
    ctx: typer.Context, year: YearArgument, format: RecordFormatOption = RecordFormat.table
) -> None:
    """Show the record of YEAR's meeting.

    [bold]Example[/]

      vanort meeting show 2017
    """
    from vanort_cli.services.meetings import get_meeting, meeting_public

    with reading(ctx) as session:
        shown = meeting_public(session=session, meeting=get_meeting(session=session, year=year))
    emit_record(shown, as_format(format), MEETING_FIELDS, title=m.MEETING_TITLE.format(year=year))


@app.command("list")
def list_(ctx: typer.Context, format: RowsFormatOption = RowsFormat.table) -> None:
    """List the recorded meetings (computed years are in `vanort schedule`).

    [bold]Example[/]

      vanort meeting list --format json
    """
    from vanort_cli.services.meetings import list_meetings, meeting_public

    with reading(ctx) as session:
        rows = [meeting_public(session=session, meeting=x) for x in list_meetings(session=session)]
    emit_rows(rows, as_format(format), MEETING_COLUMNS, title=m.MEETINGS_TITLE)


@app.command("delete")
def delete(
    ctx: typer.Context,
    year: YearArgument,
    yes: Annotated[bool, typer.Option("--yes", "-y", help="Do not ask for confirmation.")] = False,
) -> None:
    """Delete the record of YEAR's meeting; the year is then computed from the rotation.

    [bold]Example[/]

      vanort meeting delete 2019 --yes
    """
    from vanort_cli.services.meetings import delete_meeting, get_meeting, meeting_public

    with reading(ctx) as session:
        shown = meeting_public(session=session, meeting=get_meeting(session=session, year=year))
    # Ask before taking the write lock, so that other writers need not wait for a person.
    question = m.CONFIRM_DELETE_MEETING.format(year=year, host=shown["host"]["name_sv"])
    if not yes and not typer.confirm(question, default=False, err=True):
        say(m.NOT_DELETED)
        raise typer.Exit(1)
    with writing(ctx) as session:
        delete_meeting(session=session, year=year)
    say(m.MEETING_DELETED.format(year=year))
