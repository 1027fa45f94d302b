"""`vanort meeting ...`: recording the meetings as they really were (P2, P6)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import TYPE_CHECKING, Annotated, Any, Protocol, cast

import typer

from vanort_cli.cli.common import (
    RecordFormat,
    RecordFormatOption,
    RowsFormat,
    RowsFormatOption,
    TodayOption,
    YearArgument,
    YesOption,
    as_format,
    command_group,
    date_option,
    org_option,
    reading,
    today_or,
    town_option,
    value_argument,
    value_option,
    writing,
    year_option,
)
from vanort_cli.cli.common import confirm as ask  # `meeting confirm` is a command here
from vanort_cli.domain.followup import TimelineStep
from vanort_cli.domain.refs import TownRef
from vanort_cli.domain.rotation import RECORDED_STATUSES, RecordedStatus
from vanort_cli.i18n import messages as m
from vanort_cli.i18n import pick, values
from vanort_cli.output.columns import Column, word
from vanort_cli.output.console import console, say
from vanort_cli.output.emit import emit_record, emit_rows
from vanort_cli.output.json_stream import json_ready, write_json
from vanort_cli.output.tables import rows_table
from vanort_cli.store.shipped import preparation_words

if TYPE_CHECKING:  # named in annotations only: not imported by `--help` and completion
    from vanort_cli.domain.meetings import EvaluationDone, MeetingDetails, MeetingRecord
    from vanort_cli.domain.report import Participant, Seminar

app = command_group("Record, show, list and delete twin-town meetings.")
# The statuses a meeting is recorded with (the others are computed).
RECORDED_STATUS = values.MEETING_STATUS.only(*RECORDED_STATUSES)


FirstDayOption = Annotated[date | None, date_option(help="First day.")]
LastDayOption = Annotated[date | None, date_option(help="Last day.")]
ParticipantTownOption = Annotated[
    str | None, town_option(help="Their town, if the name is not unique.")
]
RoleOption = Annotated[str | None, typer.Option(help="E.g. 'KF ordförande'.")]
DecisionOption = Annotated[
    str | None,
    typer.Option(metavar="REF", help="The presidium's decision (for Gothenburg's delegation)."),
]
SpeakerOption = Annotated[str | None, typer.Option(metavar="NAME", help="Who speaks.")]
SeminarOrgOption = Annotated[str | None, org_option(help="The City organisation behind it.")]


class Moving(Protocol):
    """A meeting as a schedule's year or a record has it: its host, and whether it moved."""

    @property
    def host(self) -> TownRef: ...
    @property
    def status(self) -> str: ...
    @property
    def rescheduled_to(self) -> int | None: ...
    @property
    def shift_cycle(self) -> bool | None: ...
    @property
    def postponed_from(self) -> int | None: ...


def host_name(row: Moving) -> str:
    """A meeting's host by its name in the reader's language (Åbo / Turku)."""
    return pick(row.host.name, row.host.name_sv)


def moved(row: Moving) -> str:
    """A postponed or rescheduled meeting's other year, in words (for people)."""
    if row.postponed_from:
        return m.MOVED_FROM.format(year=row.postponed_from)
    if row.status != "postponed":
        return ""
    if row.rescheduled_to is None:
        return m.MOVED_NOT_SET
    template = m.MOVED_TO_SHIFT if row.shift_cycle else m.MOVED_TO_KEEP
    return template.format(year=row.rescheduled_to)


MEETING_FIELDS: list[Column[MeetingRecord]] = [
    Column("year", "Year", lambda r: r.year, priority=9, nowrap=True),
    Column("host", "Host", lambda r: r.host.name_sv, priority=9, show=host_name),
    Column(
        "status",
        "Status",
        lambda r: r.status,
        priority=8,
        nowrap=True,
        show=lambda r: word(values.MEETING_STATUS, r.status),
    ),
    Column("moved", "Rescheduled", moved, priority=7),
    Column("start_date", "Start", lambda r: r.start_date, priority=6, nowrap=True),
    Column("end_date", "End", lambda r: r.end_date, priority=5, nowrap=True),
    Column("place", "Place", lambda r: r.place, priority=4),
    Column("theme", "Theme", lambda r: r.theme, priority=4),
    Column("organiser", "Organiser", lambda r: r.organiser, priority=2),
    Column("confirmed", "Confirmed", lambda r: r.confirmed, priority=3, nowrap=True),
    Column("note", "Note", lambda r: r.note, priority=1),
    Column("source", "Source", lambda r: r.source, priority=1),
]
MEETING_COLUMNS = [
    c for c in MEETING_FIELDS if c.key not in {"note", "source", "organiser", "moved"}
]


@app.command("record")
def record(
    ctx: typer.Context,
    year: YearArgument,
    host: Annotated[
        str | None, town_option(help="The host town, in any spelling (needed for a new record).")
    ] = None,
    status: Annotated[
        str | None,
        value_option(
            words=RECORDED_STATUS,
            metavar="STATUS",
            help="The meeting's status. Default for a new record: held for a past year, "
            "planned otherwise.",
        ),
    ] = None,
    start: FirstDayOption = None,
    end: LastDayOption = None,
    place: Annotated[str | None, typer.Option(help="Where it is held.")] = None,
    theme: Annotated[str | None, typer.Option(help="The theme of the meeting.")] = None,
    note: Annotated[str | None, typer.Option(help="Any note.")] = None,
    source: Annotated[str | None, typer.Option(help="Where this fact comes from.")] = None,
    confirmed: Annotated[
        bool,
        typer.Option(
            "--confirmed", help="Confirm the record (as `meeting confirm`); nothing else does."
        ),
    ] = False,
    today: TodayOption = None,
    format: RecordFormatOption = RecordFormat.table,
) -> None:
    """Create or update the record of YEAR's meeting.

    Only the options given change an existing record. A meeting moved to a later year
    is recorded as [bold]postponed[/] in its regular year; `vanort meeting reschedule`
    then sets its new year. A [bold]cancelled[/] meeting passes the turn. A record
    that is not confirmed (the shipped 2017 meeting) stays so until --confirmed or
    `vanort meeting confirm`: changing its host or dates does not confirm it.

    [bold]Examples[/]

      vanort meeting record 2027 --host Åbo --start 2027-09-14 --end 2027-09-15
      vanort meeting record 2021 --host Bergen --status postponed
      vanort meeting record 2022 --host Bergen --status held --theme "Grön stad"
      vanort meeting record 2017 --host Göteborg --status held --confirmed
    """
    from vanort_cli.services.meetings import MeetingChanges, meeting_public, record_meeting
    from vanort_cli.services.schedule import hold_to_rotation, recorded_meetings

    changes = MeetingChanges(
        host=host,
        # One of RECORDED_STATUS: its parser gives nothing else.
        status=cast("RecordedStatus | None", status),
        start_date=start,
        end_date=end,
        place=place,
        theme=theme,
        note=note,
        source=source,
        confirmed=confirmed or None,
    )
    with writing(ctx) as session:
        before = recorded_meetings(session=session)
        meeting, created = record_meeting(
            session=session, year=year, changes=changes, today=today_or(today)
        )
        # Still recorded, as staff may be recording what really happened.
        warning = hold_to_rotation(
            session=session,
            before=before,
            meeting=meeting,
            confirmed=confirmed,
            today=today_or(today),
        )
        shown = meeting_public(session=session, meeting=meeting)
    template = m.MEETING_RECORDED if created else m.MEETING_UPDATED
    status_word = values.MEETING_STATUS.word(shown.status)
    say(template.format(year=year, host=host_name(shown), status=status_word))
    if warning:
        say(warning)
    if not shown.confirmed:
        say(m.MEETING_STILL_UNCONFIRMED.format(year=year))
    emit_record(shown, as_format(format), MEETING_FIELDS)


@app.command("confirm")
def confirm(ctx: typer.Context, year: YearArgument) -> None:
    """Confirm that the record of YEAR's meeting is right, e.g. the shipped 2017 meeting,
    whose year the sources do not settle.

    Until then `vanort check` reports the evaluation after an unconfirmed Gothenburg
    meeting as a warning; once confirmed the evaluation duty (P11) applies in full.
    If the year is wrong, record the meeting in its real year and delete this one.

    [bold]Example[/]

      vanort meeting confirm 2017
    """
    from vanort_cli.services.meetings import confirm_meeting, meeting_public

    with writing(ctx) as session:
        meeting = confirm_meeting(session=session, year=year)
        host = host_name(meeting_public(session=session, meeting=meeting))
    say(m.MEETING_CONFIRMED.format(year=year, host=host))


@app.command("reschedule")
def reschedule(
    ctx: typer.Context,
    year: YearArgument,
    to: Annotated[int, year_option("--to", help="The year the meeting takes place.")],
    shift_cycle: Annotated[
        bool | None,
        typer.Option(
            "--shift-cycle/--keep-cycle",
            help="Whether the cycle continues from the new year (--shift-cycle) or keeps "
            "its regular years (--keep-cycle). Default: as chosen before, else keep.",
            show_default=False,
        ),
    ] = None,
    start: FirstDayOption = None,
    end: LastDayOption = None,
    today: TodayOption = None,
    format: RecordFormatOption = RecordFormat.table,
) -> None:
    """Set the new year of YEAR's postponed meeting.

    The new year gets a meeting record of its own (planned, or held if it is past),
    with the same host. Staff choose what the cycle does: with --keep-cycle every
    other meeting keeps its year and host; with --shift-cycle the cycle continues two
    years after the new one. Run it again to move the meeting or change the choice;
    `vanort schedule` says which applies.

    [bold]Examples[/]

      vanort meeting record 2027 --host Åbo --status postponed
      vanort meeting reschedule 2027 --to 2028
      vanort meeting reschedule 2027 --to 2029 --shift-cycle
    """
    from vanort_cli.services.meetings import Rescheduling, meeting_public, reschedule_meeting
    from vanort_cli.services.schedule import postponement_note

    asked = Rescheduling(year=year, to=to, shift_cycle=shift_cycle, start_date=start, end_date=end)
    with writing(ctx) as session:
        _, target = reschedule_meeting(session=session, rescheduling=asked, today=today_or(today))
        shown = meeting_public(session=session, meeting=target)
        note = postponement_note(session=session, year=year)
    say(m.MEETING_RESCHEDULED.format(year=year, host=host_name(shown), to=to))
    say(note)
    emit_record(shown, as_format(format), MEETING_FIELDS)


@app.command("show")
def show(
    ctx: typer.Context,
    year: YearArgument,
    today: TodayOption = None,
    format: RecordFormatOption = RecordFormat.table,
) -> None:
    """Show the record of YEAR's meeting: host, dates, delegations, seminars, and for a
    Gothenburg-hosted meeting its preparation timeline and evaluation.

    [bold]Example[/]

      vanort meeting show 2017
    """
    from vanort_cli.services.delegation import meeting_details
    from vanort_cli.services.meetings import get_meeting, meeting_public

    with reading(ctx) as session:
        meeting = get_meeting(session=session, year=year)
        shown = meeting_public(session=session, meeting=meeting)
        details = meeting_details(session=session, meeting=meeting, today=today_or(today))
    if format is RecordFormat.json:
        write_json(_meeting_json(shown, details))
        return
    emit_record(shown, as_format(format), MEETING_FIELDS, title=m.MEETING_TITLE.format(year=year))
    show_details(
        participants=details.participants,
        seminars=details.seminars,
        preparation=details.hosting.preparation if details.hosting else None,
        evaluation=details.hosting.evaluation if details.hosting else None,
    )


def _meeting_json(shown: MeetingRecord, details: MeetingDetails) -> dict[str, Any]:
    """The record and its lists, as one object; the preparation and evaluation only
    for a meeting Göteborg hosts, as the JSON has always had them."""
    hosting = {} if details.hosting is None else json_ready(details.hosting)
    return {
        **json_ready(shown),
        "participants": json_ready(details.participants),
        "seminars": json_ready(details.seminars),
        **hosting,
    }


PARTICIPANT_COLUMNS: list[Column[Participant]] = [
    Column(
        "town",
        "Town",
        lambda r: r.town.name_sv,
        priority=8,
        show=lambda r: pick(r.town.name, r.town.name_sv),
    ),
    Column("name", "Name", lambda r: r.name, priority=9),
    Column("role", "Role", lambda r: r.role, priority=7),
    Column("decision", "Decision", lambda r: r.decision, priority=5),
]
SEMINAR_COLUMNS: list[Column[Seminar]] = [
    Column("title", "Title", lambda r: r.title, priority=9),
    Column("speaker", "Speaker", lambda r: r.speaker, priority=7),
    Column("organisation", "Organisation", lambda r: r.organisation, priority=6),
]
PREPARATION_COLUMNS: list[Column[TimelineStep]] = [
    Column("due", "Due", lambda r: r.due, priority=8, nowrap=True),
    Column("name", "Step", lambda r: r.name, priority=9, show=lambda r: pick(r.name, r.name_sv)),
    Column(
        "step",
        "Key",
        lambda r: r.step,
        priority=1,
        nowrap=True,
        show=lambda r: preparation_words().word(r.step),
    ),
    Column(
        "status",
        "Status",
        lambda r: r.status,
        priority=8,
        nowrap=True,
        show=lambda r: word(values.STEP_STATUS, r.status),
    ),
    Column("done_on", "Done on", lambda r: r.done_on, priority=6, nowrap=True),
]


def show_details(
    *,
    participants: Sequence[Participant] = (),
    seminars: Sequence[Seminar] = (),
    preparation: Sequence[TimelineStep] | None = None,
    evaluation: EvaluationDone | None = None,
) -> None:
    """The lists that belong to a meeting, each as its own table."""
    out = console()
    titles = m.MEETING_PROFILE_TITLES
    if participants:
        out.print(rows_table(participants, PARTICIPANT_COLUMNS, titles["participants"]))
    if seminars:
        out.print(rows_table(seminars, SEMINAR_COLUMNS, titles["seminars"]))
    if preparation:
        out.print(rows_table(preparation, PREPARATION_COLUMNS, titles["preparation"]))
    if evaluation:
        out.print(
            m.EVALUATION_LINE.format(reference=evaluation.reference, done_on=evaluation.done_on)
        )


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
    yes: YesOption = False,
) -> None:
    """Delete the record of YEAR's meeting; the year is then computed from the rotation.

    [bold]Example[/]

      vanort meeting delete 2027 --yes
    """
    from vanort_cli.services.meetings import delete_meeting, get_meeting, meeting_public

    with reading(ctx) as session:
        shown = meeting_public(session=session, meeting=get_meeting(session=session, year=year))
    # Ask before taking the write lock, so that other writers need not wait for a person.
    question = m.CONFIRM_DELETE_MEETING.format(year=year, host=host_name(shown))
    if not yes and not ask(question):
        say(m.NOT_DELETED)
        raise typer.Exit(1)
    with writing(ctx) as session:
        origin = delete_meeting(session=session, year=year)
        origin_year = origin.year if origin else None
    say(m.MEETING_DELETED.format(year=year))
    if origin_year is not None:
        say(m.MEETING_RESCHEDULE_UNDONE.format(year=origin_year))


participant_app = command_group(
    "A meeting's delegations (P5: the City Council's presidium decides Gothenburg's)."
)
seminar_app = command_group("The seminars on current issues held at a meeting (P2).")
app.add_typer(participant_app, name="participant")
app.add_typer(seminar_app, name="seminar")


@participant_app.command("add")
def participant_add(
    ctx: typer.Context,
    year: YearArgument,
    name: Annotated[str, typer.Option(metavar="NAME", help="The participant's name.")],
    town: Annotated[str, town_option(help="The town whose delegation they belong to.")],
    role: RoleOption = None,
    decision: DecisionOption = None,
) -> None:
    """Add a participant to YEAR's meeting.

    [bold]Example[/]

      vanort meeting participant add 2017 --name "Anna Svensson" --town Göteborg \\
          --role "KF ordförande" --decision "KF presidium 2017-02-01 §3"
    """
    from vanort_cli.services.delegation import add_participant

    with writing(ctx) as session:
        added = add_participant(
            session=session, year=year, name=name, town=town, role=role, decision=decision
        )
    town_name = pick(added.town.name, added.town.name_sv)
    say(m.PARTICIPANT_ADDED.format(name=added.name, town=town_name, year=year))


@participant_app.command("remove")
def participant_remove(
    ctx: typer.Context,
    year: YearArgument,
    name: Annotated[str, typer.Option(metavar="NAME", help="The participant's name.")],
    town: ParticipantTownOption = None,
) -> None:
    """Remove a participant from YEAR's meeting.

    [bold]Example[/]

      vanort meeting participant remove 2017 --name "Anna Svensson"
    """
    from vanort_cli.services.delegation import remove_participant

    with writing(ctx) as session:
        remove_participant(session=session, year=year, name=name, town=town)
    say(m.PARTICIPANT_REMOVED.format(name=name, year=year))


@participant_app.command("list")
def participant_list(
    ctx: typer.Context, year: YearArgument, format: RowsFormatOption = RowsFormat.table
) -> None:
    """List the delegations to YEAR's meeting, with each member's role and decision.

    [bold]Example[/]

      vanort meeting participant list 2017 --format json
    """
    from vanort_cli.services.delegation import participant_rows
    from vanort_cli.services.meetings import get_meeting

    with reading(ctx) as session:
        rows = participant_rows(session=session, meeting=get_meeting(session=session, year=year))
    emit_rows(
        rows, as_format(format), PARTICIPANT_COLUMNS, title=m.PARTICIPANTS_TITLE.format(year=year)
    )


@participant_app.command("edit")
def participant_edit(
    ctx: typer.Context,
    year: YearArgument,
    name: Annotated[str, typer.Option(metavar="NAME", help="The participant's name as recorded.")],
    town: ParticipantTownOption = None,
    new_name: Annotated[str | None, typer.Option(help="Correct the name.")] = None,
    role: RoleOption = None,
    decision: DecisionOption = None,
) -> None:
    """Change a participant of YEAR's meeting: name, role, or the presidium's decision.

    [bold]Examples[/]

      vanort meeting participant add 2017 --name "Ann Ek" --town Göteborg
      vanort meeting participant edit 2017 --name "Ann Ek" --decision "Dnr 12/17"
      vanort meeting participant edit 2017 --name "Ann Ek" --role "KF ordförande"
    """
    from vanort_cli.services.delegation import ParticipantChanges, edit_participant

    changes = ParticipantChanges(name=new_name, role=role, decision=decision)
    with writing(ctx) as session:
        changed = edit_participant(
            session=session, year=year, name=name, town=town, changes=changes
        )
    town_name = pick(changed.town.name, changed.town.name_sv)
    say(m.PARTICIPANT_UPDATED.format(name=changed.name, town=town_name, year=year))


@seminar_app.command("list")
def seminar_list(
    ctx: typer.Context, year: YearArgument, format: RowsFormatOption = RowsFormat.table
) -> None:
    """List the seminars held at YEAR's meeting.

    [bold]Example[/]

      vanort meeting seminar list 2017 --format json
    """
    from vanort_cli.services.delegation import seminar_rows
    from vanort_cli.services.meetings import get_meeting

    with reading(ctx) as session:
        rows = seminar_rows(session=session, meeting=get_meeting(session=session, year=year))
    emit_rows(rows, as_format(format), SEMINAR_COLUMNS, title=m.SEMINARS_TITLE.format(year=year))


@seminar_app.command("edit")
def seminar_edit(
    ctx: typer.Context,
    year: YearArgument,
    title: Annotated[str, typer.Option(help="The seminar's title as recorded.")],
    new_title: Annotated[str | None, typer.Option(help="Correct the title.")] = None,
    speaker: SpeakerOption = None,
    org: SeminarOrgOption = None,
) -> None:
    """Change a seminar of YEAR's meeting: title, speaker or organisation.

    [bold]Examples[/]

      vanort meeting seminar add 2017 --title Hamnar
      vanort meeting seminar edit 2017 --title Hamnar --speaker "Eva Lind"
    """
    from vanort_cli.services.delegation import SeminarChanges, edit_seminar

    changes = SeminarChanges(title=new_title, speaker=speaker, org=org)
    with writing(ctx) as session:
        changed = edit_seminar(session=session, year=year, title=title, changes=changes)
        shown = changed.title
    say(m.SEMINAR_UPDATED.format(title=shown, year=year))


@seminar_app.command("add")
def seminar_add(
    ctx: typer.Context,
    year: YearArgument,
    title: Annotated[str, typer.Option(help="The seminar's title.")],
    speaker: SpeakerOption = None,
    org: SeminarOrgOption = None,
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
    step: Annotated[
        str,
        value_argument(
            words=preparation_words,
            metavar="STEP",
            help="The step, by its key or its name as `meeting show` lists it.",
        ),
    ],
    on: Annotated[date | None, date_option(help="When. Default: today.")] = None,
) -> None:
    """Mark a preparation step of a Gothenburg-hosted meeting done.

    The steps, their keys and due dates are listed by `vanort meeting show YEAR`.

    [bold]Example[/]

      vanort meeting step-done 2017 save-the-date --on 2016-09-15
    """
    from vanort_cli.services.delegation import mark_step_done

    with writing(ctx) as session:
        today = today_or(None)
        mark_step_done(session=session, year=year, step=step, on=on or today, today=today)
    say(m.STEP_DONE.format(step=preparation_words().word(step), year=year))
