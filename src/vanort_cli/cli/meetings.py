"""`vanort meeting ...`: recording the meetings as they really were (P2, P6)."""

from __future__ import annotations

import enum
from collections.abc import Mapping
from datetime import date
from typing import Annotated, Any

import typer

from vanort_cli import messages as m
from vanort_cli.cli.common import (
    RecordFormat,
    RecordFormatOption,
    RowsFormat,
    RowsFormatOption,
    TodayOption,
    as_format,
    command_group,
    parse_date_option,
    reading,
    today_or,
    writing,
)
from vanort_cli.output import Column, console, emit_record, emit_rows, field, rows_table, say

app = command_group("Record, show, list and delete twin-town meetings.")


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

      vanort meeting record 2027 --host Åbo --start 2027-09-14 --end 2027-09-15
      vanort meeting record 2021 --host Bergen --status postponed
      vanort meeting record 2022 --host Bergen --status held \\
          --theme "Grön omställning"
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
    ctx: typer.Context,
    year: YearArgument,
    today: TodayOption = None,
    format: RecordFormatOption = RecordFormat.table,
) -> None:
    """Show the record of YEAR's meeting: host, dates, delegations, seminars, and for a
    Göteborg-hosted meeting its preparation timeline and evaluation.

    [bold]Example[/]

      vanort meeting show 2017
    """
    from vanort_cli.services.delegation import meeting_details
    from vanort_cli.services.meetings import get_meeting, meeting_public

    with reading(ctx) as session:
        meeting = get_meeting(session=session, year=year)
        shown = meeting_public(session=session, meeting=meeting)
        shown |= meeting_details(session=session, meeting=meeting, today=today_or(today))
    emit_record(shown, as_format(format), MEETING_FIELDS, title=m.MEETING_TITLE.format(year=year))
    if format is RecordFormat.table:
        show_details(shown)


PARTICIPANT_COLUMNS = [
    Column("town", "Town", lambda r: r["town"]["name_sv"]),
    field("name", "Name"),
    field("role", "Role"),
    field("decision", "Decision"),
]
SEMINAR_COLUMNS = [
    field("title", "Title"),
    field("speaker", "Speaker"),
    field("organisation", "Organisation"),
]
PREPARATION_COLUMNS = [
    field("due", "Due"),
    field("name", "Step"),
    field("step", "Key"),
    field("status", "Status"),
    field("done_on", "Done on"),
]
DETAIL_TABLES = {
    "participants": PARTICIPANT_COLUMNS,
    "seminars": SEMINAR_COLUMNS,
    "preparation": PREPARATION_COLUMNS,
}


def show_details(shown: Mapping[str, Any]) -> None:
    """The lists that belong to a meeting, each as its own table."""
    out = console()
    for key, columns in DETAIL_TABLES.items():
        if shown.get(key):
            out.print(rows_table(shown[key], columns, m.MEETING_PROFILE_TITLES[key]))
    evaluation = shown.get("evaluation")
    if evaluation:
        out.print(m.EVALUATION_LINE.format(**evaluation))


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

      vanort meeting delete 2027 --yes
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


participant_app = command_group(
    "A meeting's delegations (P5: the City Council's presidium decides Göteborg's)."
)
seminar_app = command_group("The seminars on current issues held at a meeting (P2).")
app.add_typer(participant_app, name="participant")
app.add_typer(seminar_app, name="seminar")


@participant_app.command("add")
def participant_add(
    ctx: typer.Context,
    year: YearArgument,
    name: Annotated[str, typer.Option(help="The participant's name.")],
    town: Annotated[str, typer.Option(help="The town whose delegation they belong to.")],
    role: Annotated[str | None, typer.Option(help="E.g. 'KF ordförande'.")] = None,
    decision: Annotated[
        str | None,
        typer.Option(metavar="REF", help="The presidium's decision (for Göteborg's delegation)."),
    ] = None,
) -> None:
    """Add a participant to YEAR's meeting.

    [bold]Example[/]

      vanort meeting participant add 2017 --name "Anna Svensson" --town Göteborg \\
          --role "KF ordförande" --decision "KF presidium 2017-02-01 §3"
    """
    from vanort_cli.models import Town
    from vanort_cli.services.delegation import add_participant

    with writing(ctx) as session:
        added = add_participant(
            session=session, year=year, name=name, town=town, role=role, decision=decision
        )
        member_of = session.get(Town, added.town_id)
        town_name = member_of.name_sv if member_of else town
        shown_name = added.name
    say(m.PARTICIPANT_ADDED.format(name=shown_name, town=town_name, year=year))


@participant_app.command("remove")
def participant_remove(
    ctx: typer.Context,
    year: YearArgument,
    name: Annotated[str, typer.Option(help="The participant's name.")],
    town: Annotated[str | None, typer.Option(help="Their town, if the name is not unique.")] = None,
) -> None:
    """Remove a participant from YEAR's meeting.

    [bold]Example[/]

      vanort meeting participant remove 2017 --name "Anna Svensson"
    """
    from vanort_cli.services.delegation import remove_participant

    with writing(ctx) as session:
        remove_participant(session=session, year=year, name=name, town=town)
    say(m.PARTICIPANT_REMOVED.format(name=name, year=year))


@seminar_app.command("add")
def seminar_add(
    ctx: typer.Context,
    year: YearArgument,
    title: Annotated[str, typer.Option(help="The seminar's title.")],
    speaker: Annotated[str | None, typer.Option(help="Who speaks.")] = None,
    org: Annotated[str | None, typer.Option(help="The City organisation behind it.")] = None,
) -> None:
    """Add a seminar to YEAR's meeting.

    [bold]Example[/]

      vanort meeting seminar add 2017 --title "Klimatanpassade hamnar" \\
          --org "Kretslopp och vatten" --speaker "Eva Lind"
    """
    from vanort_cli.services.delegation import add_seminar

    with writing(ctx) as session:
        add_seminar(session=session, year=year, title=title, speaker=speaker, org=org)
    say(m.SEMINAR_ADDED.format(title=title.strip(), year=year))


@seminar_app.command("remove")
def seminar_remove(
    ctx: typer.Context,
    year: YearArgument,
    title: Annotated[str, typer.Option(help="The seminar's title.")],
) -> None:
    """Remove a seminar from YEAR's meeting.

    [bold]Example[/]

      vanort meeting seminar remove 2017 --title "Klimatanpassade hamnar"
    """
    from vanort_cli.services.delegation import remove_seminar

    with writing(ctx) as session:
        remove_seminar(session=session, year=year, title=title)
    say(m.SEMINAR_REMOVED.format(title=title, year=year))


@app.command("step-done")
def step_done(
    ctx: typer.Context,
    year: YearArgument,
    step: Annotated[str, typer.Argument(metavar="STEP", help="The step's key, e.g. invitations.")],
    on: Annotated[
        date | None,
        typer.Option(metavar="DATE", parser=parse_date_option, help="When. Default: today."),
    ] = None,
) -> None:
    """Mark a preparation step of a Göteborg-hosted meeting done (steps: data/preparation.toml).

    [bold]Example[/]

      vanort meeting step-done 2017 save-the-date --on 2016-09-15
    """
    from vanort_cli.services.delegation import mark_step_done

    with writing(ctx) as session:
        today = today_or(None)
        mark_step_done(session=session, year=year, step=step, on=on or today, today=today)
    say(m.STEP_DONE.format(step=step, year=year))
