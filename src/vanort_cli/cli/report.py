"""`vanort report [--year YEAR]`: the City's combined picture of a year (P9, P10)."""

from __future__ import annotations

import enum
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, TextIO

import typer
from rich.text import Text

from vanort_cli.cli import completion
from vanort_cli.cli.columns import COLLAB_COLUMNS
from vanort_cli.cli.common import (
    ForceOption,
    ScreenOrFileOption,
    TodayOption,
    reading,
    state,
    today_or,
    year_option,
)
from vanort_cli.cli.table_output import protected_paths
from vanort_cli.domain.collation import swedish_sort_key
from vanort_cli.errors import UsageError
from vanort_cli.files import write_text_atomically
from vanort_cli.i18n import N_, gettext, pick
from vanort_cli.i18n import messages as m
from vanort_cli.output.columns import Column, field
from vanort_cli.output.console import console
from vanort_cli.output.csv_rows import write_csv
from vanort_cli.output.json_stream import write_json_document
from vanort_cli.output.tables import rows_table

if TYPE_CHECKING:
    from vanort_cli.exchange.xlsx import Sheet


class ReportFormat(enum.StrEnum):
    table = "table"
    json = "json"
    csv = "csv"
    markdown = "markdown"
    html = "html"
    xlsx = "xlsx"


EXTENSIONS = {
    ".json": ReportFormat.json,
    ".csv": ReportFormat.csv,
    ".xlsx": ReportFormat.xlsx,
    ".md": ReportFormat.markdown,
    ".markdown": ReportFormat.markdown,
    ".html": ReportFormat.html,
    ".htm": ReportFormat.html,
    ".txt": ReportFormat.table,
}

MEETING_COLUMNS = [
    field("year", "Year", priority=9, nowrap=True),
    Column("host", "Host", lambda r: r["host"]["name_sv"], priority=9),
    field("status", "Status", priority=8, nowrap=True),
    field("source", "Source", priority=1, nowrap=True),
    field("start_date", "Start", priority=7, nowrap=True),
    field("end_date", "End", priority=6, nowrap=True),
    field("place", "Place", priority=5),
    field("theme", "Theme", priority=4),
    field("note", "Note", priority=2),
]
COUNT_COLUMNS = {
    "by_town": [
        Column("town", "Town", lambda r: r["name_sv"], priority=9),
        field("kind", "Kind", priority=5, nowrap=True),
    ],
    "by_organisation": [
        field("name", "Organisation", priority=9),
        field("kind", "Kind", priority=5, nowrap=True),
    ],
    "by_area": [field("name", "Area", priority=9), field("name_sv", "Swedish name", priority=6)],
    "by_kind": [field("kind", "Kind", priority=9, nowrap=True)],
}
# A table for people names the towns and areas in the reader's language (Turku,
# Åbo): the host, the town and the area are the names `_shown` puts in the rows.
TABLE_MEETING_COLUMNS = [
    Column("host", "Host", lambda r: r["host_name"], priority=9) if c.key == "host" else c
    for c in MEETING_COLUMNS
]
TABLE_COUNT_COLUMNS = {
    **COUNT_COLUMNS,
    "by_town": [field("town", "Town", priority=9), field("kind", "Kind", priority=5, nowrap=True)],
    "by_area": [field("area", "Area", priority=9)],
}
# The words a table shows for the values JSON, CSV and xlsx keep as they are.
STATUS_WORDS = {
    "held": N_("held"),
    "planned": N_("planned"),
    "expected": N_("expected"),
    "postponed": N_("postponed"),
    "cancelled": N_("cancelled"),
    "unrecorded": N_("unrecorded"),
}
SOURCE_WORDS = {"recorded": N_("recorded"), "rotation": N_("rotation")}
KIND_WORDS = {
    "by_town": {"twin": N_("twin"), "partner": N_("partner")},
    "by_organisation": {"forvaltning": N_("forvaltning"), "bolag": N_("bolag")},
    "by_kind": {
        "project": N_("project"),
        "network": N_("network"),
        "exchange": N_("exchange"),
        "study-visit": N_("study-visit"),
        "other": N_("other"),
    },
}
# A table lists at most this many collaborations (the newest) unless --all: the
# counts are the picture; a registry-sized list belongs in -f csv or json.
TABLE_LIMIT = 50
# The columns of `collaborations list`, in the same order, and whether each is new.
CSV_COLUMNS = [*COLLAB_COLUMNS, Column("new_this_year", "New", lambda r: r.get("new_this_year"))]
# Every organisation and how many collaborations it reported during the year (P10).
ORGANISATION_COLUMNS = [
    field("name", "Organisation"),
    field("kind", "Kind"),
    field("reported", "Reported"),
]
# The first sheet of the workbook: the report in figures.
SUMMARY_COLUMNS = [
    field("year", "Year"),
    field("start", "Start"),
    field("end", "End"),
    field("generated_on", "Compiled on"),
    field("meetings", "Meetings"),
    field("collaborations", "Collaborations"),
    field("new_this_year", "Reported this year"),
    field("reporting_organisations", "Organisations reporting"),
    field("organisations_without_reports", "Organisations not reporting"),
]


def _word(words: dict[str, str], value: Any) -> Any:
    """A value of a fixed set (a status, a kind) by its word in the reader's language."""
    return gettext(words[value]) if isinstance(value, str) and value in words else value


def _named(ref: dict[str, Any]) -> str:
    """A town or an area by its name in the reader's language (Turku, Åbo)."""
    return pick(str(ref.get("name") or ref.get("name_sv") or ""), str(ref.get("name_sv") or ""))


def _meetings_shown(meetings: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The meetings as a table shows them: the host's name, the status and the
    source in the reader's language."""
    return [
        {
            **r,
            "host_name": _named(r["host"]),
            "status": _word(STATUS_WORDS, r["status"]),
            "source": _word(SOURCE_WORDS, r["source"]),
        }
        for r in meetings
    ]


def _counts_shown(key: str, rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """A count's rows as a table shows them: names and kinds in the reader's
    language, equal counts in the alphabetical order of what is shown."""
    words = KIND_WORDS.get(key, {})
    shown = [
        {**row, "kind": _word(words, row.get("kind")), "town": _named(row), "area": _named(row)}
        for row in rows
    ]
    name = {"by_town": "town", "by_area": "area", "by_kind": "kind"}.get(key, "name")
    return sorted(shown, key=lambda r: (-r["count"], swedish_sort_key(str(r[name]))))


def _write_table(report: dict[str, Any], out: TextIO, *, every: bool = False) -> None:
    screen = console(out)
    c = report["collaborations"]
    if report["meetings"]:
        title = m.REPORT_MEETINGS.format(**report)
        screen.print(rows_table(_meetings_shown(report["meetings"]), TABLE_MEETING_COLUMNS, title))
    else:
        screen.print(Text(m.REPORT_NO_MEETING.format(**report)))
    screen.print(
        Text(
            m.REPORT_SUMMARY.format(
                year=report["year"], total=c["total"], new=len(c["new_this_year"])
            )
        )
    )
    for key, columns in TABLE_COUNT_COLUMNS.items():
        if c[key]:
            screen.print(
                rows_table(
                    _counts_shown(key, c[key]),
                    [*columns, field("count", "Count", priority=9, nowrap=True)],
                    m.REPORT_COUNTS[key],
                )
            )
    total = len(c["items"])
    if total and (every or total <= TABLE_LIMIT):
        screen.print(rows_table(list(c["items"]), COLLAB_COLUMNS, m.REPORT_ITEMS.format(**report)))
    elif total:
        newest = list(c["items"].newest(TABLE_LIMIT))
        title = m.REPORT_ITEMS_NEWEST.format(shown=len(newest), **report)
        screen.print(rows_table(newest, COLLAB_COLUMNS, title))
        screen.print(Text(m.REPORT_ITEMS_CAPPED.format(shown=len(newest), total=total)))
    reporters = ", ".join(o["name"] for o in c["reporting_organisations"]) or "—"
    screen.print(Text(m.REPORT_REPORTERS.format(year=report["year"], names=reporters)))
    silent = ", ".join(o["name"] for o in c["organisations_without_reports"]) or "—"
    screen.print(Text(m.REPORT_SILENT.format(year=report["year"], names=silent)))


def _csv_rows(report: dict[str, Any]) -> list[dict[str, Any]]:
    new = set(report["collaborations"]["new_this_year"])
    return [{**i, "new_this_year": i["id"] in new} for i in report["collaborations"]["items"]]


def _write_csv(report: dict[str, Any], out: TextIO) -> None:
    write_csv(_csv_rows(report), CSV_COLUMNS, out)


def report_sheets(report: dict[str, Any]) -> list[Sheet]:
    """The report as a workbook: one sheet per section, with the columns of its table
    (and of the CSV), counts as numbers."""
    from vanort_cli.exchange.xlsx import Sheet

    c = report["collaborations"]
    year = report["year"]
    titles = {key: title.format(year=year) for key, title in m.REPORT_SHEETS.items()}
    summary = [
        {
            "year": year,
            "start": report["period"]["start"],
            "end": report["period"]["end"],
            "generated_on": report["generated_on"],
            "meetings": len(report["meetings"]),
            "collaborations": c["total"],
            "new_this_year": len(c["new_this_year"]),
            "reporting_organisations": len(c["reporting_organisations"]),
            "organisations_without_reports": len(c["organisations_without_reports"]),
        }
    ]
    organisations = [{**o, "reported": o["count"]} for o in c["reporting_organisations"]] + [
        {**o, "reported": 0} for o in c["organisations_without_reports"]
    ]
    sheets = [
        Sheet(titles["summary"], summary, SUMMARY_COLUMNS),
        Sheet(titles["meetings"], report["meetings"], MEETING_COLUMNS),
    ]
    count = field("count", "Count")
    sheets += [Sheet(titles[key], c[key], [*COUNT_COLUMNS[key], count]) for key in COUNT_COLUMNS]
    sheets += [
        Sheet(titles["items"], _csv_rows(report), CSV_COLUMNS),
        Sheet(titles["organisations"], organisations, ORGANISATION_COLUMNS),
    ]
    return sheets


def _write_markdown(report: dict[str, Any], out: TextIO) -> None:
    from vanort_cli.reports.memo import annual_memo
    from vanort_cli.services.report import materialised

    out.write(annual_memo(materialised(report)))


def _write_html(report: dict[str, Any], out: TextIO) -> None:
    from vanort_cli.reports.html import annual_html
    from vanort_cli.services.report import materialised

    out.write(annual_html(materialised(report)))


def _write_consolidated_html(report: dict[str, Any], out: TextIO) -> None:
    from vanort_cli.reports.html import consolidated_html
    from vanort_cli.services.report import materialised

    out.write(consolidated_html(materialised(report)))


def _write_json(report: dict[str, Any], out: TextIO) -> None:
    """The report as JSON, its collaborations written as they are read."""
    write_json_document(report, out)


WRITERS: dict[ReportFormat, Callable[[dict[str, Any], TextIO], None]] = {
    ReportFormat.table: _write_table,
    ReportFormat.json: _write_json,
    ReportFormat.csv: _write_csv,
    ReportFormat.markdown: _write_markdown,
    ReportFormat.html: _write_html,
}


def _write_consolidated_markdown(report: dict[str, Any], out: TextIO) -> None:
    from vanort_cli.reports.memo import consolidated_memo

    out.write(consolidated_memo(report))


EVALUATION_WRITERS: dict[ReportFormat, Callable[[dict[str, Any], TextIO], None]] = {
    ReportFormat.json: _write_json,
    ReportFormat.markdown: _write_consolidated_markdown,
    ReportFormat.html: _write_consolidated_html,
}


def choose_format(
    chosen: ReportFormat | None, output: Path | None, default: ReportFormat = ReportFormat.table
) -> ReportFormat:
    """--format if given, else from the output file's extension, else a table."""
    if chosen is not None:
        return chosen
    if output is not None:
        by_extension = EXTENSIONS.get(output.suffix.lower())
        if by_extension is None:
            accepted = ", ".join(EXTENSIONS)
            raise UsageError(m.TABLE_EXTENSION.format(path=output, accepted=accepted))
        return by_extension
    return default


def report(
    ctx: typer.Context,
    year: Annotated[
        int | None,
        year_option(
            "--year",
            "-y",
            help="The year to report. Default: this year.",
            autocompletion=completion.years_so_far,
        ),
    ] = None,
    evaluation: Annotated[
        int | None,
        year_option(
            "--evaluation",
            help="Instead: the draft of the consolidated report and analysis after the "
            "meeting Gothenburg hosted in YEAR (P11); markdown, html or json.",
        ),
    ] = None,
    format: Annotated[
        ReportFormat | None,
        typer.Option(
            "--format",
            "-f",
            metavar="FORMAT",
            case_sensitive=False,
            help="table, json, csv (one row per collaboration), markdown (a memo for the "
            "City Council), html (the memo with charts, printable on A4) or xlsx (a "
            "workbook, a sheet per section; needs -o). "
            "Default: from the -o file's extension, else table.",
        ),
    ] = None,
    output: ScreenOrFileOption = None,
    force: ForceOption = False,
    every: Annotated[
        bool,
        typer.Option("--all", help="In a table, list every collaboration (else the 50 newest)."),
    ] = False,
    today: TodayOption = None,
) -> None:
    """The year's meetings and the collaborations active during it, counted by town,
    organisation, area and kind, with those newly reported, who reported them and who
    did not (P10).

    [bold]Examples[/]

      vanort report
      vanort report --year 2026
      vanort report --year 2026 --format markdown -o vanortsrapport-2026.md
      vanort report --year 2026 --format json | jq .collaborations.total
      vanort report --year 2026 -o vanortsrapport-2026.xlsx
      vanort report --year 2026 -o vanortsrapport-2026.html
      vanort report --evaluation 2017 -o samlad-redovisning-2017.md
    """
    if year is not None and evaluation is not None:
        raise UsageError(m.REPORT_YEAR_OR_EVALUATION)
    day = today_or(today)
    if evaluation is not None:
        chosen = choose_format(format, output, default=ReportFormat.markdown)
        if chosen not in EVALUATION_WRITERS:
            raise UsageError(m.EVALUATION_FORMATS)
        from vanort_cli.services.consolidated import consolidated_report

        build = partial(consolidated_report, year=evaluation, today=day)
        write = EVALUATION_WRITERS[chosen]
    else:
        from vanort_cli.services.report import annual_report

        chosen = choose_format(format, output)
        if chosen is ReportFormat.xlsx and output is None:
            # Checked before the report is made: a workbook is never shown on a terminal.
            raise UsageError(m.XLSX_NEEDS_OUTPUT)
        build = partial(annual_report, year=day.year if year is None else year, today=day)
        write = WRITERS.get(chosen, WRITERS[ReportFormat.json])  # xlsx: see below
        if chosen is ReportFormat.table:
            write = partial(_write_table, every=every)
    # The collaborations are read from the registry as they are written.
    with reading(ctx) as session:
        data = build(session=session)
        if chosen is ReportFormat.xlsx and output is not None:
            from vanort_cli.exchange.xlsx import write_workbook

            write_workbook(output, report_sheets(data), force=force, protected=protected_paths(ctx))
            typer.echo(m.REPORT_WRITTEN.format(path=output, format=chosen.value), err=True)
            return
        if output is None:
            write(data, typer.get_text_stream("stdout"))
            return
        registry_file = state(ctx).registry.location.path
        write_text_atomically(
            output,
            lambda handle: write(data, handle),
            force=force,
            protected=[registry_file] if registry_file else [],
        )
    typer.echo(m.REPORT_WRITTEN.format(path=output, format=chosen.value), err=True)
