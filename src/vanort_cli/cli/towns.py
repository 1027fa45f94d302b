"""`vanort towns ...`: the twin towns and partner cities (P1)."""

from __future__ import annotations

from typing import Annotated

import typer

from vanort_cli import messages as m
from vanort_cli.cli.common import (
    CONTEXT_SETTINGS,
    RecordFormat,
    RecordFormatOption,
    RowsFormat,
    RowsFormatOption,
    as_format,
    reading,
)
from vanort_cli.output import emit_record, emit_rows, field

app = typer.Typer(
    help="The twin towns (and partner cities) in the registry.",
    context_settings=CONTEXT_SETTINGS,
    no_args_is_help=True,
    rich_markup_mode="rich",
)

TOWN_COLUMNS = [
    field("key", "Key"),
    field("name_sv", "Swedish name"),
    field("name", "Name"),
    field("country", "Country"),
    field("kind", "Kind"),
    field("status", "Status"),
    field("rotation_position", "Rotation"),
    field("twinned_since", "Since"),
]

TOWN_FIELDS = [
    field("key", "Key"),
    field("name_sv", "Swedish name"),
    field("name", "Name"),
    field("name_local", "Local name"),
    field("official_name", "Official name"),
    field("country", "Country"),
    field("municipality_code", "Municipality code"),
    field("kind", "Kind"),
    field("status", "Status"),
    field("twinned_since", "Twinned since"),
    field("rotation_position", "Rotation position"),
    field("aliases", "Spellings"),
    field("note", "Note"),
    field("source", "Source"),
]


@app.command("list")
def list_(ctx: typer.Context, format: RowsFormatOption = RowsFormat.table) -> None:
    """List the towns: twin towns in rotation order, then partner cities.

    [bold]Examples[/]

      vanort towns list
      vanort towns list --format json
    """
    from vanort_cli.services.towns import list_towns, town_public

    with reading(ctx) as session:
        rows = [town_public(session=session, town=t) for t in list_towns(session=session)]
    emit_rows(rows, as_format(format), TOWN_COLUMNS, title=m.TOWNS_TITLE)


@app.command("show")
def show(
    ctx: typer.Context,
    town: Annotated[str, typer.Argument(metavar="TOWN", help="Any spelling: Åbo, abo, Turku.")],
    format: RecordFormatOption = RecordFormat.table,
) -> None:
    """Show one town, found by any of its spellings.

    [bold]Examples[/]

      vanort towns show GBG
      vanort towns show arhus --format json
    """
    from vanort_cli.services.lookup import find_town
    from vanort_cli.services.towns import town_public

    with reading(ctx) as session:
        shown = town_public(session=session, town=find_town(session=session, name=town))
    emit_record(shown, as_format(format), TOWN_FIELDS, title=shown["name_sv"])
