"""`vanort log-collaboration` and `vanort collaborations ...` (P3, P4, P8, P10)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date
from typing import TYPE_CHECKING, Annotated, Any

import typer

from vanort_cli.cli.collab_export import OngoingFilter, TownFilter, YearFilter, export
from vanort_cli.cli.columns import COLLAB_COLUMNS, COLLAB_FIELDS, COLLAB_LINE_COLUMNS, town_names
from vanort_cli.cli.common import (
    ForceOption,
    LimitOption,
    LongOutputOption,
    RecordFormat,
    RecordFormatOption,
    YesOption,
    area_option,
    as_format,
    command_group,
    confirm,
    date_option,
    id_argument,
    org_option,
    reading,
    today_or,
    town_option,
    value_option,
    writing,
    year_option,
)
from vanort_cli.cli.table_output import (
    ExcelOption,
    TableFormat,
    TableFormatOption,
    choose_format,
    emit_table,
    page_footer,
    rows_to_list,
)
from vanort_cli.i18n import messages as m
from vanort_cli.i18n import pick, values
from vanort_cli.output.columns import Column
from vanort_cli.output.console import say
from vanort_cli.output.emit import emit_record
from vanort_cli.store.identity import current_user

if TYPE_CHECKING:
    from sqlmodel import Session

    from vanort_cli.services.collaboration_records import CollaborationFilter
    from vanort_cli.services.collaborations import CollaborationNote

app = command_group(
    "List, show, edit and delete the logged collaborations; import, export and the template."
)


TownOption = Annotated[
    list[str] | None,
    town_option("--town", "-t", help="A town, in any spelling; repeat for several."),
]
OrgOption = Annotated[str | None, org_option("--org", "-o", help="The administration or company.")]
AreaOption = Annotated[
    str | None, area_option("--area", "-a", help="The area (see `vanort areas list`).")
]
TitleOption = Annotated[str | None, typer.Option(help="A short title.")]
DescriptionOption = Annotated[str | None, typer.Option(help="What it is about.")]
KindOption = Annotated[
    str | None,
    value_option(
        words=values.COLLABORATION_KIND,
        metavar="KIND",
        help="The form of collaboration. Default: project.",
    ),
]
ContactOption = Annotated[str | None, typer.Option(help="A contact person or address.")]
StartOption = Annotated[date | None, date_option(help="First day. Default: today.")]
EndOption = Annotated[date | None, date_option(help="Last day. Leave out while ongoing.")]
ReportedByOption = Annotated[
    str | None,
    typer.Option(metavar="NAME", help="Who reports it. Default: VANORT_USER, else your user name."),
]
ReportedOnOption = Annotated[
    date | None, date_option(help="When it was reported (not in the future). Default: today.")
]
AllowDuplicateOption = Annotated[
    bool,
    typer.Option(
        "--allow-duplicate",
        help="Store it even if a live collaboration has the same organisation, title "
        "(ignoring case and accents), towns and start.",
    ),
]


def log_collaboration(
    ctx: typer.Context,
    town: TownOption = None,
    org: OrgOption = None,
    area: AreaOption = None,
    title: TitleOption = None,
    description: DescriptionOption = None,
    start: StartOption = None,
    end: EndOption = None,
    kind: KindOption = None,
    contact: ContactOption = None,
    reported_by: ReportedByOption = None,
    reported_on: ReportedOnOption = None,
    allow_duplicate: AllowDuplicateOption = False,
    round_year: Annotated[
        int | None,
        year_option(
            "--round",
            help="It is (part of) the organisation's answer to the reporting round for "
            "YEAR (`vanort round status YEAR`).",
        ),
    ] = None,
    format: RecordFormatOption = RecordFormat.table,
) -> None:
    """Report a collaboration with one or more twin towns or partner cities.

    Prints the new collaboration's id (with --format json, the stored record).
    Required: --town, --org, --area and --title. With --round YEAR it is the
    organisation's answer to that year's reporting round, logged and recorded
    together or not at all.

    Refused: the same collaboration as a live one (same organisation, title
    ignoring case and accents, towns and start; --allow-duplicate logs it
    anyway), a start after a twin town retired, a partnership ended or the
    organisation was retired, and a --reported-on in the future. A dormant
    partner city is logged with a note.

    [bold]Examples[/]

      vanort log-collaboration --town Åbo --org Kulturförvaltningen \\
          --area culture --title "Nordic Literature Days" \\
          --start 2026-03-01 --end 2026-06-30
      vanort log-collaboration -t Bergen -t Aarhus -o SLK -a "urban development" \\
          --title "Climate-adapted harbours" --kind network
    """
    from vanort_cli.services.collaborations import CollaborationInput
    from vanort_cli.services.collaborations import log_collaboration as log

    given = CollaborationInput(
        towns=town or [],
        org=org,
        area=area,
        title=title,
        description=description,
        start_date=start,
        end_date=end,
        kind=kind,
        contact=contact,
        reported_by=reported_by,
        reported_on=reported_on,
    )
    today = today_or(None)
    answered = None
    with writing(ctx) as session:
        stored = log(
            session=session,
            given=given,
            today=today,
            reporter=current_user(),
            allow_duplicate=allow_duplicate,
        )
        if round_year is not None:
            from vanort_cli.services.rounds import answer_with_logged

            # In the same transaction: refused here, the collaboration is not logged.
            answered = answer_with_logged(
                session=session,
                year=round_year,
                collaboration_id=stored.record.id,
                today=today,
                by=stored.record.reported_by,
            )
    shown = stored.record
    say(m.COLLAB_LOGGED.format(id=shown.id, title=shown.title, towns=town_names(shown)))
    _say_notes(stored.notes)
    if answered is not None:
        from vanort_cli.cli.rounds import say_if_late

        say(m.ROUND_LOGGED_AS_ANSWER.format(name=answered.organisation, year=answered.year))
        say_if_late(answered)
    if format is RecordFormat.json:
        emit_record(shown, as_format(format), COLLAB_FIELDS)
    else:
        typer.echo(shown.id)


def _say_notes(notes: Sequence[CollaborationNote]) -> None:
    """What the checks of a stored collaboration found, in the reader's language."""
    for note in notes:
        if note.code == "town_dormant" and note.town is not None:
            say(m.COLLAB_TOWN_DORMANT.format(town=pick(note.town.name, note.town.name_sv)))
        elif note.code == "org_renamed":
            say(m.COLLAB_ORG_RENAMED.format(typed=note.typed, org=note.organisation))
        elif note.code == "org_merged":
            say(m.COLLAB_ORG_MERGED.format(typed=note.typed, org=note.organisation))
        elif note.code == "town_left" and note.town is not None:
            town = pick(note.town.name, note.town.name_sv)
            say(m.COLLAB_PAST_TOWN_LEFT.format(town=town, date=note.last_day))
        elif note.code == "org_retired":
            say(m.COLLAB_PAST_ORG_RETIRED.format(org=note.organisation, date=note.last_day))


@app.command("list")
def list_(
    ctx: typer.Context,
    year: YearFilter = None,
    town: TownFilter = None,
    org: OrgOption = None,
    area: AreaOption = None,
    ongoing: OngoingFilter = False,
    search: Annotated[
        str | None,
        typer.Option(
            metavar="TEXT",
            help="Only those with TEXT in the title or description (any case and accents).",
        ),
    ] = None,
    limit: LimitOption = None,
    all_: Annotated[bool, typer.Option("--all", help="Every one, also in a table.")] = False,
    format: TableFormatOption = None,
    output: LongOutputOption = None,
    excel: ExcelOption = False,
    force: ForceOption = False,
) -> None:
    """List collaborations, filtered by year, town, organisation, area, ongoing or text.

    A table shows the 50 newest and says how many there are; --all shows
    every one. json, jsonl and csv list them all, oldest first, as they
    are read (a registry of any size). An ongoing collaboration's end is "ongoing"
    in the table and empty in csv, json and xlsx. (Here -o is --org: write a
    file with --output.)

    [bold]Examples[/]

      vanort collaborations list --year 2026 --town Bergen
      vanort collaborations list --search litteratur --all
      vanort collaborations list --ongoing --format csv > ongoing.csv
      vanort collaborations list --year 2026 --output samarbeten-2026.xlsx
    """
    from vanort_cli.services.collaboration_records import (
        CollaborationFilter,
        count_collaborations,
    )

    chosen = choose_format(format, output, default=TableFormat.table, excel=excel)
    limit = rows_to_list(limit, all_, chosen, output)
    today = today_or(None)
    if year is not None:
        # Only for a year: the meetings' module brings the report's domain (~10 ms).
        from vanort_cli.services.meetings import check_year

        check_year(year, today)
    where = CollaborationFilter(
        year=year,
        town=town,
        org=org,
        area=area,
        ongoing_on=today if ongoing else None,
        search=search,
    )
    with reading(ctx) as session:
        footer = page_footer(
            limit, chosen, lambda: count_collaborations(session=session, where=where)
        )
        newest_first = limit is not None
        lines = chosen is TableFormat.csv and not excel
        rows, columns = _listed(session, where, newest_first, limit, lines=lines)
        emit_table(
            ctx,
            rows,
            columns,
            fmt=chosen,
            output=output,
            force=force,
            excel=excel,
            title=m.COLLABS_TITLE,
            sheet=m.EXPORT_SHEET,
            footer=footer,
        )


app.command("export")(export)

IdArgument = Annotated[int, id_argument(help="The collaboration's id.")]


def _listed(
    session: Session,
    where: CollaborationFilter,
    newest_first: bool,
    limit: int | None,
    *,
    lines: bool,
) -> tuple[Iterable[Any], Sequence[Column[Any]]]:
    """The rows a listing writes and their columns: for CSV for machines (`lines`)
    each row's cells, not its record, the same bytes (tests/test_json_golden.py)
    without making a record a row."""
    from vanort_cli.services.collaboration_records import (
        stream_collaboration_lines,
        stream_collaborations,
    )

    if lines:
        return stream_collaboration_lines(
            session=session, where=where, newest_first=newest_first, limit=limit
        ), COLLAB_LINE_COLUMNS
    return stream_collaborations(
        session=session, where=where, newest_first=newest_first, limit=limit
    ), COLLAB_COLUMNS


SHOW_FIELDS: list[Column[Any]] = [
    *COLLAB_FIELDS,
    Column("stored_by", "Stored by", lambda r: r.stored_by),
]


@app.command("show")
def show(
    ctx: typer.Context, id: IdArgument, format: RecordFormatOption = RecordFormat.table
) -> None:
    """Show one collaboration.

    [bold]Example[/]

      vanort collaborations show 1
    """
    from dataclasses import fields

    from vanort_cli.domain.records import ShownCollaboration
    from vanort_cli.services.collaboration_records import collaboration_record, stored_by
    from vanort_cli.services.collaborations import get_collaboration

    with reading(ctx) as session:
        found = get_collaboration(session=session, collaboration_id=id)
        base = collaboration_record(session=session, collaboration=found)
        record = {f.name: getattr(base, f.name) for f in fields(base) if f.init}
        shown = ShownCollaboration(
            **record, stored_by=stored_by(session=session, collaboration=found)
        )
    emit_record(shown, as_format(format), SHOW_FIELDS, title=f"#{id}")


@app.command("edit")
def edit(
    ctx: typer.Context,
    id: IdArgument,
    town: Annotated[
        list[str] | None, town_option("--town", "-t", help="Replace the towns; repeat for several.")
    ] = None,
    org: OrgOption = None,
    area: AreaOption = None,
    title: TitleOption = None,
    description: DescriptionOption = None,
    start: StartOption = None,
    end: EndOption = None,
    no_end: Annotated[
        bool, typer.Option("--no-end", help="Remove the end date: the collaboration is ongoing.")
    ] = False,
    kind: KindOption = None,
    contact: ContactOption = None,
    reported_by: ReportedByOption = None,
    reported_on: ReportedOnOption = None,
    allow_duplicate: AllowDuplicateOption = False,
    format: RecordFormatOption = RecordFormat.table,
) -> None:
    """Change a collaboration: only the options given change.

    New towns, organisation, title or start are checked as in log-collaboration.

    [bold]Examples[/]

      vanort collaborations edit 1 --end 2026-12-31
      vanort collaborations edit 1 --title "Nordic Literature Days 2026" \\
          --town Åbo --town Bergen
    """
    from vanort_cli.services.collaborations import CollaborationInput, edit_collaboration

    given = CollaborationInput(
        towns=town,
        org=org,
        area=area,
        title=title,
        description=description,
        start_date=start,
        end_date=end,
        kind=kind,
        contact=contact,
        reported_by=reported_by,
        reported_on=reported_on,
    )
    with writing(ctx) as session:
        changed = edit_collaboration(
            session=session,
            collaboration_id=id,
            given=given,
            clear_end=no_end,
            today=today_or(None),
            allow_duplicate=allow_duplicate,
        )
    say(m.COLLAB_UPDATED.format(id=id))
    _say_notes(changed.notes)
    emit_record(changed.record, as_format(format), COLLAB_FIELDS)


@app.command("delete")
def delete(
    ctx: typer.Context,
    id: IdArgument,
    yes: YesOption = False,
) -> None:
    """Delete a collaboration (asks first unless --yes).

    [bold]Example[/]

      vanort collaborations delete 1 --yes
    """
    from vanort_cli.services.collaborations import delete_collaboration, get_collaboration

    with reading(ctx) as session:
        title = get_collaboration(session=session, collaboration_id=id).title
    if not yes and not confirm(m.CONFIRM_DELETE_COLLAB.format(id=id, title=title)):
        say(m.NOT_DELETED)
        raise typer.Exit(1)
    with writing(ctx) as session:
        delete_collaboration(session=session, collaboration_id=id)
    say(m.COLLAB_DELETED.format(id=id))
