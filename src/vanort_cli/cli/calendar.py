"""`vanort calendar -o FILE`: the meetings, Göteborg's preparation and the evaluations
as an iCalendar file for Outlook and Google Calendar (P6, P11)."""

from __future__ import annotations

import os
from datetime import UTC, date, datetime, time
from pathlib import Path
from typing import Annotated, TextIO

import typer

from vanort_cli.cli.common import (
    TODAY_ENV,
    ForceOption,
    TodayOption,
    output_option,
    reading,
    state,
    today_or,
    year_option,
)
from vanort_cli.i18n import messages as m
from vanort_cli.output.console import data_stream, is_terminal, say


def _stamp(today: date | None, day: date) -> datetime:
    """DTSTAMP: when the file was made. A day fixed by --today or VANORT_TODAY gives
    its midnight (UTC), so that the same registry and day give the same bytes."""
    if today is not None or os.environ.get(TODAY_ENV):
        return datetime.combine(day, time(), UTC)
    return datetime.now(UTC).replace(microsecond=0)


def calendar(
    ctx: typer.Context,
    output: Annotated[
        Path | None,
        output_option(
            "--output",
            "-o",
            show_default=False,
            help="The .ics file to write; - writes it to standard output.",
        ),
    ],
    from_year: Annotated[
        int | None,
        year_option("--from", help="First meeting year. Default: last year (--to if earlier)."),
    ] = None,
    to_year: Annotated[
        int | None,
        year_option(
            "--to",
            help="Last meeting year. Default: one full cycle past the next meeting, "
            "as `vanort schedule` shows.",
        ),
    ] = None,
    force: ForceOption = False,
    today: TodayOption = None,
) -> None:
    """Write the meetings, Gothenburg's preparation and the evaluations as a calendar
    file (.ics) for Outlook and Google Calendar.

    Each meeting of `vanort schedule` is an all-day event over its dates, or a
    tentative whole-year entry while its dates are unknown; each dated preparation
    step of a meeting Gothenburg hosts falls on its due day, and each evaluation
    (P11) on the day it is due, in the command's language. Import a newer file and the events
    already imported are updated, not doubled.

    [bold]Examples[/]

      vanort calendar -o vanort.ics
      vanort calendar --from 2025 --to 2041 -o vanort-2025-2041.ics
      vanort calendar -o - > vanort-idag.ics
    """
    from vanort_cli.exchange.ics import calendar_bytes, calendar_events
    from vanort_cli.services.calendar import calendar_rows

    day = today_or(today)
    target = output  # None: -o -, the standard output
    if target is not None:
        from vanort_cli.files import check_target

        # Before the registry is read: a path that cannot be written is said at once.
        protected = state(ctx).registry.backend.protected_paths()
        check_target(target, force=force, protected=protected)
    with reading(ctx) as session:
        rows = calendar_rows(session=session, first_year=from_year, last_year=to_year, today=day)
    events = calendar_events(rows.meetings, rows.preparation, rows.evaluations)
    data = calendar_bytes(events, stamp=_stamp(today, day))
    if target is None:
        text_stream = typer.get_text_stream("stdout")
        if is_terminal(text_stream):
            # Shown, not saved: what the terminal would act on is made visible.
            data_stream(text_stream).write(data.decode("utf-8"))
            text_stream.flush()
            return
        stream = typer.get_binary_stream("stdout")
        stream.write(data)
        stream.flush()
        return
    from vanort_cli.files import write_text_atomically

    def write(handle: TextIO) -> None:
        handle.write(data.decode("utf-8"))  # its CRLF line ends kept: newline=""

    write_text_atomically(target, write, force=force, protected=protected)
    say(
        m.CALENDAR_WRITTEN.format(
            events=len(events), first=rows.first_year, last=rows.last_year, path=target
        )
    )


def register(app: typer.Typer) -> None:
    app.command("calendar")(calendar)
