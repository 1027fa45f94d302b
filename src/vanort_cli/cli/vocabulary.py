"""`vanort orgs ...` and `vanort areas ...`: the names collaborations are filed under."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Annotated, Any

import typer

from vanort_cli.cli import contacts
from vanort_cli.cli.common import (
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
    value_option,
    writing,
)
from vanort_cli.i18n import gettext, values
from vanort_cli.i18n import messages as m
from vanort_cli.output.columns import Column, field, text_in_language
from vanort_cli.output.console import say
from vanort_cli.output.emit import emit_profile, emit_rows
from vanort_cli.output.text import as_text

orgs_app = command_group("The City's administrations and companies.")
areas_app = command_group("The areas a collaboration can cover.")
orgs_app.add_typer(contacts.app, name="contact")


def _org_status(row: Mapping[str, Any]) -> str:
    """`retiring on 2026-12-31` until its last day, `retired on 2026-12-31` after it
    (the JSON and CSV keep `status`, as of today, and `retired_on` apart)."""
    retired = row["status"] == "retired"
    if row["retired_on"] is None:
        return values.ORGANISATION_STATUS.word(row["status"])
    template = m.ORG_STATUS_RETIRED_ON if retired else m.ORG_STATUS_RETIRING
    return template.format(date=as_text(row["retired_on"]))


def _org_source(row: Mapping[str, Any]) -> Any:
    """Where the organisation comes from; one added by staff says so in the language."""
    source = row.get("source")
    return gettext(source) if source == m.EN.ADDED_BY_STAFF else source


# The day an organisation came into being, as precisely as known ("2021",
# "2021-10"); a table says when it is not known, JSON and CSV leave it empty.
SINCE_COLUMN = Column(
    "since", "Since", lambda r: r["since"], priority=2, nowrap=True, empty=m.EN.SINCE_UNKNOWN
)
# On a narrow terminal the name, status and other names stay; the key (a slug of
# the name) leaves first.
ORG_COLUMNS = [
    field("key", "Key", priority=1, nowrap=True),
    field("name", "Name", priority=9),
    field("kind", "Kind", priority=6, nowrap=True, words=values.ORGANISATION_KIND),
    Column("status", "Status", lambda r: r["status"], priority=8, show=_org_status),
    SINCE_COLUMN,
    field("aliases", "Also known as", priority=7),
]
ORG_CSV_COLUMNS = [
    field("key"),
    field("name"),
    field("kind"),
    field("status"),
    field("retired_on"),
    field("since"),
    field("aliases"),
]
ORG_FIELDS = [
    field("key", "Key"),
    field("name", "Name"),
    field("kind", "Kind", words=values.ORGANISATION_KIND),
    Column("status", "Status", lambda r: r["status"], show=_org_status),
    SINCE_COLUMN,
    field("aliases", "Also known as"),
    field("collaborations", "Collaborations"),
    text_in_language("note", "Note"),
    Column("source", "Source", lambda r: r.get("source"), show=_org_source),
]
ORG_PROFILE_TABLES = {
    "collaborations_by_year": [field("year", "Year"), field("count", "Collaborations")],
    "contacts": [
        field("id", "Id", nowrap=True),
        field("name", "Name"),
        field("email", "E-mail"),
        field("phone", "Phone"),
        field("language", "Language", nowrap=True),
        Column("primary", "Written to", lambda r: r["primary"], nowrap=True),
    ],
}
OrgArgument = Annotated[str, org_argument(help="The organisation, by any of its names.")]
SinceOption = Annotated[
    str | None,
    typer.Option(
        "--since",
        metavar="DATE",
        help="The day it came into being, as precisely as known: a year (2021), a "
        "month (2021-10) or a day (2021-10-01); unknown if not known.",
    ),
]
OrgNoteOption = Annotated[
    str | None, typer.Option(help="A note on the organisation (replaces its note).")
]
AREA_COLUMNS = [
    field("key", "Key", priority=1, nowrap=True),
    field("name", "English", priority=9),
    field("name_sv", "Swedish", priority=8),
]


@orgs_app.command("list")
def list_orgs(
    ctx: typer.Context, today: TodayOption = None, format: RowsFormatOption = RowsFormat.table
) -> None:
    """List the administrations and companies that can report collaborations.

    [bold]Example[/]

      vanort orgs list --format csv
    """
    from vanort_cli.services.vocabulary import list_organisations

    with reading(ctx) as session:
        rows = list_organisations(session=session, today=today_or(today))
    columns = ORG_CSV_COLUMNS if format is RowsFormat.csv else ORG_COLUMNS
    emit_rows(rows, as_format(format), columns, title=m.ORGS_TITLE)


@orgs_app.command("add")
def add_org(
    ctx: typer.Context,
    name: Annotated[str, typer.Argument(metavar="NAME", help="The organisation's name.")],
    kind: Annotated[
        str,
        value_option(
            "--kind",
            words=values.ORGANISATION_KIND,
            metavar="KIND",
            help="An administration or a company (the keys forvaltning and bolag too).",
        ),
    ],
    alias: Annotated[
        list[str] | None,
        typer.Option("--alias", metavar="NAME", help="Another name or abbreviation; repeatable."),
    ] = None,
    since: SinceOption = None,
) -> None:
    """Add an administration or company, with the other names people use for it.

    [bold]Examples[/]

      vanort orgs add "Park- och naturförvaltningen" --kind forvaltning \\
          --alias PoN
      vanort orgs add "Klimatförvaltningen" --kind forvaltning --since 2027-01
    """
    from vanort_cli.services.vocabulary import add_organisation

    with writing(ctx) as session:
        org = add_organisation(
            session=session, name=name, kind=kind, aliases=alias or [], since=since
        )
        key, shown_name = org.key, org.name
    say(m.ORG_ADDED.format(name=shown_name, kind=values.ORGANISATION_KIND.word(kind), key=key))
    typer.echo(key)


@orgs_app.command("show")
def show_org(
    ctx: typer.Context,
    org: OrgArgument,
    today: TodayOption = None,
    format: RecordFormatOption = RecordFormat.table,
) -> None:
    """Show one organisation: its names, kind, start, status, source and note, how
    many collaborations it had each year, and its contacts.

    [bold]Examples[/]

      vanort orgs show SLK
      vanort orgs show kulturforvaltningen --format json
    """
    from vanort_cli.services.vocabulary import organisation_profile

    with reading(ctx) as session:
        shown = organisation_profile(session=session, name=org, today=today_or(today))
    emit_profile(
        shown,
        as_format(format),
        ORG_FIELDS,
        title=shown["name"],
        tables=ORG_PROFILE_TABLES,
        titles={**m.ORG_PROFILE_TITLES, "contacts": m.ORG_CONTACTS_TITLE},
    )


@orgs_app.command("edit")
def edit_org(ctx: typer.Context, org: OrgArgument, since: SinceOption = None) -> None:
    """Change what is known of an organisation: the day it came into being
    (--since unknown forgets it). Recorded in `vanort history`.

    A start after one of its collaborations began, or after its last day, is
    refused: correct the collaboration first.

    [bold]Examples[/]

      vanort orgs edit Higab --since 1995
      vanort orgs edit Higab --since unknown
    """
    from vanort_cli.errors import UsageError
    from vanort_cli.services.vocabulary import set_organisation_since

    if since is None:
        raise UsageError(m.ORG_EDIT_NOTHING)
    with writing(ctx) as session:
        changed, before = set_organisation_since(session=session, name=org, since=since)
        name, after = changed.name, changed.since
    was = before or m.SINCE_UNKNOWN
    if after is None:
        say(m.ORG_SINCE_CLEARED.format(name=name, before=was))
    else:
        say(m.ORG_SINCE_SET.format(name=name, since=after, before=was))


@orgs_app.command("rename")
def rename_org(
    ctx: typer.Context,
    old: Annotated[str, org_argument(metavar="OLD", help="The organisation, by any name.")],
    new: Annotated[str, typer.Argument(metavar="NEW", help="Its new name.")],
    note: OrgNoteOption = None,
) -> None:
    """Rename an organisation; the old name stays an alias, so old reports and
    imports still find it. Its key stays. Recorded in `vanort history`.

    [bold]Example[/]

      vanort orgs rename Higab "Higab AB"
    """
    from vanort_cli.services.vocabulary import rename_organisation

    with writing(ctx) as session:
        org, old_name = rename_organisation(session=session, name=old, new_name=new, note=note)
        key, new_name = org.key, org.name
    say(m.ORG_RENAMED.format(old=old_name, new=new_name))
    typer.echo(key)


@orgs_app.command("merge")
def merge_orgs(
    ctx: typer.Context,
    source: Annotated[str, org_argument(help="The organisation that is merged away.")],
    into: Annotated[str, org_option("--into", help="The organisation that takes over.")],
    on: Annotated[
        date | None,
        date_option("--on", help="The first day the other one runs its work. Default: today."),
    ] = None,
) -> None:
    """Merge an organisation into another from a day, in one transaction: its
    names find the other from then on, and a search by either name finds the
    collaborations of both. Every change is recorded in `vanort history`.

    What was reported stays true: the merged organisation keeps its record
    (retired on the eve of --on) and the collaborations it began, so a report of
    the years before counts them under it; from --on, reports count those still
    going on under the other. Collaborations begun on or after --on move.

    [bold]Example[/]

      vanort orgs merge Exploateringsförvaltningen \\
          --into Stadsfastighetsförvaltningen --on 2023-01-01
    """
    from vanort_cli.services.vocabulary import merge_organisations

    today = today_or(None)
    with writing(ctx) as session:
        merged = merge_organisations(
            session=session, source=source, target=into, on=on or today, today=today
        )
    say(
        m.ORG_MERGED.format(
            source=merged.source,
            target=merged.target,
            date=merged.on,
            kept=merged.kept,
        )
    )
    if merged.moved:
        say(m.ORG_MERGE_MOVED.format(moved=merged.moved, date=merged.on, target=merged.target))
    for moved, other in merged.now_duplicates:
        say(m.ORG_MERGE_DUPLICATES.format(id=moved, other=other))


@orgs_app.command("retire")
def retire_org(
    ctx: typer.Context,
    org: OrgArgument,
    on: Annotated[
        date,
        date_option("--on", help="Its last day: a collaboration may start on DATE at the latest."),
    ],
    note: OrgNoteOption = None,
) -> None:
    """Retire an organisation (a reorganisation) after DATE, its last day; its
    collaborations and names stay.

    A collaboration starting after DATE is logged under the organisation that
    takes over its work. Until DATE, `orgs show` says it is retiring.

    [bold]Example[/]

      vanort orgs retire "Förvaltningen för funktionsstöd" --on 2025-12-31
    """
    from vanort_cli.cli.towns import say_outlasting
    from vanort_cli.services.departures import outlasting_organisation
    from vanort_cli.services.vocabulary import retire_organisation

    with writing(ctx) as session:
        retired = retire_organisation(session=session, name=org, on=on, note=note)
        name, retired_on = retired.name, retired.retired_on
        outlasting = outlasting_organisation(session=session, org=retired)
    message = m.ORG_RETIRING if retired_on and retired_on >= today_or(None) else m.ORG_RETIRED
    say(message.format(name=name, date=retired_on))
    say_outlasting(outlasting)


@areas_app.command("list")
def list_areas(ctx: typer.Context, format: RowsFormatOption = RowsFormat.table) -> None:
    """List the areas, with their Swedish and English names.

    [bold]Example[/]

      vanort areas list
    """
    from vanort_cli.services.vocabulary import list_areas as areas

    with reading(ctx) as session:
        rows = areas(session=session)
    emit_rows(rows, as_format(format), AREA_COLUMNS, title=m.AREAS_TITLE)
