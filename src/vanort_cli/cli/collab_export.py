"""`vanort collaborations export`: every collaboration, every field, in a file
that `collaborations import` reads back (CSV, xlsx or JSON)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from vanort_cli.cli import completion
from vanort_cli.cli.common import (
    ForceOption,
    area_option,
    org_option,
    output_option,
    reading,
    today_or,
    town_option,
    year_option,
)
from vanort_cli.cli.table_output import ExcelOption, choose_format, protected_paths
from vanort_cli.exchange.export import ExportFormat
from vanort_cli.i18n import messages as m
from vanort_cli.output.console import data_stream, say

# The filters `collaborations list` and `collaborations export` share.
YearFilter = Annotated[
    int | None,
    year_option(
        "--year", help="Only those active during YEAR.", autocompletion=completion.years_so_far
    ),
]
TownFilter = Annotated[str | None, town_option("--town", "-t", help="Only those with TOWN.")]
OngoingFilter = Annotated[bool, typer.Option("--ongoing", help="Only those not yet ended.")]


def export(
    ctx: typer.Context,
    output: Annotated[
        Path | None,
        output_option(
            "--output",
            "-o",
            help="The file to write, whole or not at all: .csv, .xlsx or .json; - writes "
            "CSV (or --format json) to standard output.",
        ),
    ],
    format: Annotated[
        ExportFormat | None,
        typer.Option(
            "--format",
            "-f",
            case_sensitive=False,
            help="Default: from FILE's extension.",
        ),
    ] = None,
    excel: ExcelOption = False,
    force: ForceOption = False,
    year: YearFilter = None,
    town: TownFilter = None,
    org: Annotated[
        str | None, org_option("--org", help="Only those of this administration or company.")
    ] = None,
    area: Annotated[
        str | None, area_option("--area", "-a", help="Only those in this area.")
    ] = None,
    ongoing: OngoingFilter = False,
) -> None:
    """Export the collaborations, every field, to a file that import reads back.

    One row per collaboration with the columns id, title, towns, organisation,
    area, kind, start_date, end_date, description, contact, reported_by,
    reported_on, created_at, updated_at. Several towns share one cell,
    separated by "; "; an ongoing collaboration has an empty end_date. The
    format follows FILE's extension (.csv, .xlsx, .json); --excel writes the CSV
    as Swedish Excel reads it (BOM, ';', CRLF). Filters as in `list`.

    [bold]Examples[/]

      vanort collaborations export -o samarbeten.xlsx
      vanort collaborations export -o samarbeten.csv --excel
      vanort collaborations export -o pagaende.json --ongoing
      vanort collaborations export -o - --format json
    """
    from vanort_cli.exchange.export import export_row, write_export, write_export_text
    from vanort_cli.services.collaboration_records import (
        CollaborationFilter,
        find_collaborations,
    )
    from vanort_cli.services.meetings import check_year

    # The default is taken only for `-o -` (output None): a file's extension names
    # the format (or is refused).
    chosen = choose_format(format, output, default=ExportFormat.csv, excel=excel)
    today = today_or(None)
    if year is not None:
        check_year(year, today)
    where = CollaborationFilter(
        year=year, town=town, org=org, area=area, ongoing_on=today if ongoing else None
    )
    with reading(ctx) as session:
        rows = [export_row(r) for r in find_collaborations(session=session, where=where)]
    if output is None:
        write_export_text(rows, chosen, data_stream(), excel=excel)
        return
    write_export(output, rows, chosen, excel=excel, force=force, protected=protected_paths(ctx))
    say(m.EXPORT_WRITTEN.format(count=len(rows), format=chosen.value, path=output))
