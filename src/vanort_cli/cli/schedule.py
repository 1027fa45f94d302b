"""`vanort next-meeting` and `vanort schedule`: the meeting rotation (P2, P6)."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from vanort_cli.cli.common import (
    ForceOption,
    OutputOption,
    RecordFormat,
    RecordFormatOption,
    TodayOption,
    as_format,
    reading,
    today_or,
    year_option,
)
from vanort_cli.cli.meetings import host_name, moved
from vanort_cli.cli.table_output import (
    ExcelOption,
    TableFormat,
    TableFormatOption,
    choose_format,
    emit_table,
    protected_paths,
)
from vanort_cli.errors import RuleError, UsageError
from vanort_cli.i18n import messages as m
from vanort_cli.i18n import values
from vanort_cli.output.columns import Column, word
from vanort_cli.output.console import say
from vanort_cli.output.emit import emit_record
from vanort_cli.output.json_stream import json_ready, write_json

if TYPE_CHECKING:  # named in annotations only: not imported by `--help` and completion
    from vanort_cli.domain.meetings import NextMeeting
    from vanort_cli.domain.report import MeetingYear

# `schedule -o` with one of these draws the rotation instead of writing its rows.
PICTURE_SUFFIXES = (".svg", ".png")


def _dates(row: MeetingYear) -> str:
    start, end = row.start_date, row.end_date
    if start and end and start != end:
        return f"{start.isoformat()} – {end.isoformat()}"
    day = start or end
    return day.isoformat() if day else ""


def _home_turn(row: NextMeeting) -> str:
    year, years = row.gothenburg_next_year, row.years_until_gothenburg
    if year is None:
        turn = m.HOME_NOT_IN_ROTATION
    elif years == 0:
        turn = m.HOME_TURN_THIS_YEAR.format(year=year)
    elif years == 1:
        turn = m.HOME_TURN_NEXT_YEAR.format(year=year)
    else:
        turn = m.HOME_TURN.format(year=year, years=years)
    postponed = row.gothenburg_postponed_year
    if postponed is not None:
        return m.HOME_TURN_POSTPONED.format(year=postponed, turn=turn)
    return turn


def _status(row: MeetingYear) -> str:
    return str(word(values.MEETING_STATUS, row.status))


NEXT_MEETING_FIELDS: list[Column[NextMeeting]] = [
    Column("year", "Year", lambda r: r.year),
    Column("host", "Host", lambda r: r.host.name_sv, show=host_name),
    Column("status", "Status", lambda r: r.status, show=_status),
    Column("moved", "Rescheduled", moved),
    Column("dates", "Dates", _dates),
    Column("place", "Place", lambda r: r.place),
    Column("theme", "Theme", lambda r: r.theme),
    Column("organiser", "Organiser", lambda r: r.organiser),
    Column("gothenburg", "Gothenburg hosts", _home_turn),
]

# On a narrow terminal the year, host, status and where a postponed meeting went
# stay; the host's key leaves first, then whether a year is computed (its status
# says so too) and the theme.
SCHEDULE_COLUMNS: list[Column[MeetingYear]] = [
    Column("year", "Year", lambda r: r.year, priority=9, nowrap=True),
    Column("host", "Host", lambda r: r.host.name_sv, priority=9, show=host_name),
    Column("host_key", "Host key", lambda r: r.host.key, priority=0, nowrap=True),
    Column("status", "Status", lambda r: r.status, priority=8, nowrap=True, show=_status),
    Column(
        "source",
        "Source",
        lambda r: r.source,
        priority=2,
        nowrap=True,
        show=lambda r: word(values.SCHEDULE_SOURCE, r.source),
    ),
    Column("start_date", "Start", lambda r: r.start_date, priority=6, nowrap=True),
    Column("end_date", "End", lambda r: r.end_date, priority=5, nowrap=True),
    Column("place", "Place", lambda r: r.place, priority=4),
    Column("theme", "Theme", lambda r: r.theme, priority=3),
    Column("rescheduled_to", "Moved to", lambda r: r.rescheduled_to, priority=7, nowrap=True),
    Column("shift_cycle", "Cycle moved", lambda r: r.shift_cycle, priority=1, nowrap=True),
    Column("postponed_from", "Moved from", lambda r: r.postponed_from, priority=7, nowrap=True),
]


def next_meeting(
    ctx: typer.Context,
    today: TodayOption = None,
    format: RecordFormatOption = RecordFormat.table,
) -> None:
    """When the next twin-town meeting is, who hosts it, and when Gothenburg's turn comes.

    The next meeting is this year's while it has not ended, else the following one.
    Years without a recorded meeting are computed from the rotation; the basis note
    says which.

    [bold]Examples[/]

      vanort next-meeting
      vanort next-meeting --format json | jq .gothenburg_next_year
      vanort next-meeting --today 2030-06-01
    """
    from vanort_cli.services.schedule import next_meeting as compute

    with reading(ctx) as session:
        answer = compute(session=session, today=today_or(today))
    if format is RecordFormat.json:
        write_json(_next_meeting_json(answer))
        return
    emit_record(
        answer,
        as_format(format),
        NEXT_MEETING_FIELDS,
        title=m.NEXT_MEETING_TITLE,
        footer=str(answer.basis),
    )
    from vanort_cli.cli.meetings import show_details

    show_details(preparation=answer.preparation)


def _next_meeting_json(answer: NextMeeting) -> dict[str, Any]:
    """The answer's fields in order; `preparation` only for a meeting Göteborg hosts,
    as the JSON has always had it."""
    shown = json_ready(answer)
    if answer.preparation is None:
        del shown["preparation"]
    return dict(shown)


def schedule(
    ctx: typer.Context,
    from_year: Annotated[
        int | None, year_option("--from", help="First year. Default: the latest recorded meeting.")
    ] = None,
    to_year: Annotated[
        int | None, year_option("--to", help="Last year. Default: one full cycle ahead.")
    ] = None,
    today: TodayOption = None,
    format: TableFormatOption = None,
    output: OutputOption = None,
    excel: ExcelOption = False,
    force: ForceOption = False,
) -> None:
    """Every meeting year in a range, recorded and computed, with host and status.

    With -o FILE.svg or FILE.png: the rotation as a picture, for a slide (default
    range: ten years either side of this year; --format does not apply).

    [bold]Examples[/]

      vanort schedule
      vanort schedule --from 2013 --to 2041
      vanort schedule --format csv > schedule.csv
      vanort schedule --from 2025 --to 2041 -o motesschema.xlsx
      vanort schedule -o rotation.svg
    """
    from vanort_cli.services.schedule import basis_note, meeting_schedule

    if output is not None and output.suffix.lower() in PICTURE_SUFFIXES:
        if format is not None or excel:
            raise UsageError(m.PICTURE_NOT_A_FORMAT.format(path=output))
        _write_picture(ctx, output, from_year, to_year, today_or(today), force=force)
        return
    chosen = choose_format(
        format, output, default=TableFormat.table, excel=excel, also=PICTURE_SUFFIXES
    )
    with reading(ctx) as session:
        rows = meeting_schedule(
            session=session, first_year=from_year, last_year=to_year, today=today_or(today)
        )
        basis = basis_note(session=session)
    emit_table(
        ctx,
        rows,
        SCHEDULE_COLUMNS,
        fmt=chosen,
        output=output,
        force=force,
        excel=excel,
        title=m.SCHEDULE_TITLE,
        sheet=m.SCHEDULE_SHEET,
        footer=basis,
    )


def _write_picture(
    ctx: typer.Context,
    output: Path,
    from_year: int | None,
    to_year: int | None,
    today: date,
    *,
    force: bool,
) -> None:
    """The rotation from `from_year` to `to_year` as a picture (the timeline of the report)."""
    from vanort_cli.reports.rotation_picture import write_rotation_picture
    from vanort_cli.services.overview import picture_range, rotation_between

    first, last = picture_range(from_year, to_year, today)
    with reading(ctx) as session:
        rotation = rotation_between(session=session, first=first, last=last, today=today)
    if not rotation.meetings:
        raise RuleError(m.PICTURE_NO_MEETINGS.format(first=first, last=last))
    write_rotation_picture(output, rotation, force=force, protected=protected_paths(ctx))
    say(m.PICTURE_WRITTEN.format(first=first, last=last, path=output))


def register(app: typer.Typer) -> None:
    app.command("next-meeting")(next_meeting)
    app.command("schedule")(schedule)
