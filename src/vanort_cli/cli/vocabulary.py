"""`vanort orgs ...` and `vanort areas ...`: the names collaborations are filed under."""

from __future__ import annotations

import enum
from typing import Annotated

import typer

from vanort_cli import messages as m
from vanort_cli.cli.common import (
    RowsFormat,
    RowsFormatOption,
    as_format,
    command_group,
    reading,
    writing,
)
from vanort_cli.output import emit_rows, field, say

orgs_app = command_group("The City's administrations (förvaltningar) and companies (bolag).")
areas_app = command_group("The areas a collaboration can cover.")


class OrgKind(enum.StrEnum):
    forvaltning = "forvaltning"
    bolag = "bolag"


ORG_COLUMNS = [
    field("key", "Key"),
    field("name", "Name"),
    field("kind", "Kind"),
    field("aliases", "Also known as"),
]
AREA_COLUMNS = [field("key", "Key"), field("name", "English"), field("name_sv", "Swedish")]


@orgs_app.command("list")
def list_orgs(ctx: typer.Context, format: RowsFormatOption = RowsFormat.table) -> None:
    """List the administrations and companies that can report collaborations.

    [bold]Example[/]

      vanort orgs list --format csv
    """
    from vanort_cli.services.vocabulary import list_organisations

    with reading(ctx) as session:
        rows = list_organisations(session=session)
    emit_rows(rows, as_format(format), ORG_COLUMNS, title=m.ORGS_TITLE)


@orgs_app.command("add")
def add_org(
    ctx: typer.Context,
    name: Annotated[str, typer.Argument(metavar="NAME", help="The organisation's name.")],
    kind: Annotated[OrgKind, typer.Option(help="forvaltning (administration) or bolag (company).")],
    alias: Annotated[
        list[str] | None, typer.Option("--alias", help="Another name or abbreviation; repeatable.")
    ] = None,
) -> None:
    """Add an administration or company, with the other names people use for it.

    [bold]Example[/]

      vanort orgs add "Park- och naturförvaltningen" --kind forvaltning \\
          --alias PoN
    """
    from vanort_cli.services.vocabulary import add_organisation

    with writing(ctx) as session:
        org = add_organisation(session=session, name=name, kind=kind.value, aliases=alias or [])
        key, shown_name = org.key, org.name
    say(m.ORG_ADDED.format(name=shown_name, kind=kind.value, key=key))
    typer.echo(key)


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
