"""`vanort report [--year YEAR]`: the City's combined picture of a year (P9, P10)."""

from __future__ import annotations

import enum
from collections.abc import Callable, Iterator, Sequence
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, TextIO, TypeVar

import typer
from rich.text import Text

from vanort_cli.cli import completion
from vanort_cli.cli.columns import COLLAB_COLUMNS
from vanort_cli.cli.common import (
    ForceOption,
    ScreenOrFileOption,
    TodayOption,
    reading,
    today_or,
    year_option,
)
from vanort_cli.cli.table_output import choose_format, protected_paths
from vanort_cli.domain.collation import swedish_sort_key
from vanort_cli.domain.records import CollaborationRecord
from vanort_cli.errors import UsageError
from vanort_cli.files import write_text_atomically
from vanort_cli.i18n import messages as m
from vanort_cli.i18n import pick, values
from vanort_cli.output.columns import Column, field
from vanort_cli.output.console import console, data_stream
from vanort_cli.output.csv_rows import write_csv
from vanort_cli.output.json_stream import json_ready, write_json_document
from vanort_cli.output.tables import rows_table

if TYPE_CHECKING:
    from vanort_cli.domain.refs import AreaRef, TownRef
    from vanort_cli.domain.report import (
        AnnualReport,
        Collaborations,
        ConsolidatedReport,
        ReportMeeting,
    )
    from vanort_cli.exchange.xlsx import Sheet

Report = TypeVar("Report", "AnnualReport", "ConsolidatedReport")


class ReportFormat(enum.StrEnum):
    table = "table"
    json = "json"
    csv = "csv"
    markdown = "markdown"
    html = "html"
    xlsx = "xlsx"


MEETING_COLUMNS = [
    field("year", "Year", priority=9, nowrap=True),
    Column("host", "Host", lambda r: r["host"]["name_sv"], priority=9),
    field("status", "Status", priority=8, nowrap=True, words=values.MEETING_STATUS),
    field("source", "Source", priority=1, nowrap=True, words=values.SCHEDULE_SOURCE),
    field("start_date", "Start", priority=7, nowrap=True),
    field("end_date", "End", priority=6, nowrap=True),
    field("place", "Place", priority=5),
    field("theme", "Theme", priority=4),
    field("note", "Note", priority=2),
]
# The kinds by their words in a table (and in a Swedish workbook); JSON, CSV and
# an English workbook keep their keys.
TOWN_KIND = field("kind", "Kind", priority=5, nowrap=True, words=values.TOWN_KIND)
COUNT_COLUMNS = {
    "by_town": [Column("town", "Town", lambda r: r["name_sv"], priority=9), TOWN_KIND],
    "by_organisation": [
        field("name", "Organisation", priority=9),
        field("kind", "Kind", priority=5, nowrap=True, words=values.ORGANISATION_KIND),
    ],
    "by_area": [
        # A Swedish workbook names the area in Swedish here too, as its other sheets do.
        Column(
            "name", "Area", lambda r: r["name"], 9, show=lambda r: pick(r["name"], r["name_sv"])
        ),
        field("name_sv", "Swedish name", priority=6),
    ],
    "by_kind": [field("kind", "Kind", priority=9, nowrap=True, words=values.COLLABORATION_KIND)],
}
# A table for people names the towns and areas in the reader's language (Turku,
# Åbo): the host, the town and the area are the names `_shown` puts in the rows.
TABLE_MEETING_COLUMNS = [
    Column("host", "Host", lambda r: r["host_name"], priority=9) if c.key == "host" else c
    for c in MEETING_COLUMNS
]
TABLE_COUNT_COLUMNS = {
    **COUNT_COLUMNS,
    "by_town": [field("town", "Town", priority=9), TOWN_KIND],
    "by_area": [field("area", "Area", priority=9)],
}
# A table lists at most this many collaborations (the newest) unless --all: the
# counts are the picture; a registry-sized list belongs in -f csv or json.
TABLE_LIMIT = 50
# A collaboration of the report, and whether it was reported during the year.
ReportItem = tuple[CollaborationRecord, bool]


def _record(item: ReportItem) -> CollaborationRecord:
    return item[0]


# The columns of `collaborations list`, in the same order, and whether each is new.
CSV_COLUMNS: list[Column[ReportItem]] = [
    *(c.through(_record) for c in COLLAB_COLUMNS),
    # yes/no for machines, ja/nej in a Swedish workbook.
    Column("new_this_year", "New", lambda item: item[1], show=lambda item: item[1]),
]
# Every organisation and how many collaborations it reported during the year (P10).
ORGANISATION_COLUMNS = [
    field("name", "Organisation"),
    field("kind", "Kind", words=values.ORGANISATION_KIND),
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


def _named(ref: TownRef | AreaRef) -> str:
    """A town or an area by its name in the reader's language (Turku, Åbo)."""
    return pick(ref.name or ref.name_sv, ref.name_sv)


def _meetings_shown(meetings: Sequence[ReportMeeting]) -> list[dict[str, Any]]:
    """The meetings as a table shows them: the host's name in the reader's language
    (the status and the source are worded by their columns)."""
    return [{**json_ready(r), "host_name": _named(r.host)} for r in meetings]


def _largest_first(
    rows: list[dict[str, Any]], name: Callable[[dict[str, Any]], str]
) -> list[dict[str, Any]]:
    """Largest count first; equal counts in the alphabetical order of what is shown."""
    return sorted(rows, key=lambda r: (-r["count"], swedish_sort_key(name(r))))


def _counts_shown(c: Collaborations) -> dict[str, list[dict[str, Any]]]:
    """The counts' rows as a table shows them, by section: names in the reader's
    language (kinds are worded by their columns), equal counts in the alphabetical
    order of what is shown (a form by its word)."""
    return {
        "by_town": _largest_first(
            [{"town": _named(t), "kind": t.kind, "count": t.count} for t in c.by_town],
            lambda r: str(r["town"]),
        ),
        "by_organisation": _largest_first(
            [{"name": o.name, "kind": o.kind, "count": o.count} for o in c.by_organisation],
            lambda r: str(r["name"]),
        ),
        "by_area": _largest_first(
            [{"area": _named(a), "count": a.count} for a in c.by_area], lambda r: str(r["area"])
        ),
        "by_kind": _largest_first(
            [{"kind": k.kind, "count": k.count} for k in c.by_kind],
            lambda r: values.COLLABORATION_KIND.word(r["kind"]),
        ),
    }


def _summary(report: AnnualReport) -> str:
    """How many collaborations the year has and how many were reported in it: in
    the past tense for a year that is over, as what the registry holds so far for
    this year or a later one; "it" about one, never "none of them"."""
    c = report.collaborations
    over = report.year < report.generated_on.year
    if c.total == 0:
        message = m.REPORT_SUMMARY_NONE if over else m.REPORT_SUMMARY_NONE_SO_FAR
    elif c.total == 1:
        message = m.REPORT_SUMMARY_ONE if over else m.REPORT_SUMMARY_ONE_SO_FAR
    else:
        message = m.REPORT_SUMMARY if over else m.REPORT_SUMMARY_SO_FAR
    return str(message.format(year=report.year, total=c.total, new=len(c.new_this_year)))


def _write_table(report: AnnualReport, out: TextIO, *, every: bool = False) -> None:
    screen = console(out)
    c = report.collaborations
    year = report.year
    if report.meetings:
        title = m.REPORT_MEETINGS.format(year=year)
        screen.print(rows_table(_meetings_shown(report.meetings), TABLE_MEETING_COLUMNS, title))
    else:
        screen.print(Text(m.REPORT_NO_MEETING.format(year=year)))
    screen.print(Text(_summary(report)))
    shown = _counts_shown(c)
    for key, columns in TABLE_COUNT_COLUMNS.items():
        if shown[key]:
            screen.print(
                rows_table(
                    shown[key],
                    [*columns, field("count", "Count", priority=9, nowrap=True)],
                    m.REPORT_COUNTS[key],
                )
            )
    total = len(c.items)
    if total and (every or total <= TABLE_LIMIT):
        title = m.REPORT_ITEMS.format(year=year)
        screen.print(rows_table(list(c.items), COLLAB_COLUMNS, title))
    elif total:
        newest = list(c.items.newest(TABLE_LIMIT))
        title = m.REPORT_ITEMS_NEWEST.format(shown=len(newest), year=year)
        screen.print(rows_table(newest, COLLAB_COLUMNS, title))
        screen.print(Text(m.REPORT_ITEMS_CAPPED.format(shown=len(newest), total=total)))
    reporters = ", ".join(o.name for o in c.reporting_organisations) or "—"
    screen.print(Text(m.REPORT_REPORTERS.format(year=year, names=reporters)))
    screen.print(Text(_round_lines(report)))


def _round_lines(report: AnnualReport) -> str:
    """The year's round (P10) as the memo says it: who answered how, or that no
    round was held (then nobody knows who was asked, and no one is called silent)."""
    from vanort_cli.reports.words import Year, no_round, round_answers, round_intro

    held = report.reporting_round
    if held is None:
        said = no_round([Year(report.year)], compiled=report.generated_on)
    else:
        path = "reporting_round"
        said = [
            round_intro(held, report.year, path=path, year_path=None),
            *round_answers(held, compiled=report.generated_on, path=path),
        ]
    return "\n".join(str(s) for s in said)


def _csv_rows(report: AnnualReport) -> Iterator[ReportItem]:
    """One row per collaboration, as it is read, with whether it is new."""
    new = set(report.collaborations.new_this_year)
    return ((i, i.id in new) for i in report.collaborations.items)


def _write_csv(report: AnnualReport, out: TextIO) -> None:
    write_csv(_csv_rows(report), CSV_COLUMNS, out)


def report_sheets(report: AnnualReport) -> list[Sheet[Any]]:
    """The report as a workbook: one sheet per section, with the columns of its table
    (and of the CSV), counts as numbers."""
    from vanort_cli.exchange.xlsx import Sheet

    c = report.collaborations
    year = report.year
    titles = {key: title.format(year=year) for key, title in m.REPORT_SHEETS.items()}
    summary = [
        {
            "year": year,
            "start": report.period.start,
            "end": report.period.end,
            "generated_on": report.generated_on,
            "meetings": len(report.meetings),
            "collaborations": c.total,
            "new_this_year": len(c.new_this_year),
            "reporting_organisations": len(c.reporting_organisations),
            "organisations_without_reports": len(c.organisations_without_reports),
        }
    ]
    organisations = [{**json_ready(o), "reported": o.count} for o in c.reporting_organisations]
    organisations += [{**json_ready(o), "reported": 0} for o in c.organisations_without_reports]
    counted: dict[str, Sequence[Any]] = {
        "by_town": c.by_town,
        "by_organisation": c.by_organisation,
        "by_area": c.by_area,
        "by_kind": c.by_kind,
    }
    sheets: list[Sheet[Any]] = [
        Sheet(titles["summary"], summary, SUMMARY_COLUMNS),
        Sheet(titles["meetings"], json_ready(report.meetings), MEETING_COLUMNS),
    ]
    count = field("count", "Count")
    sheets += [
        Sheet(titles[key], json_ready(counted[key]), [*COUNT_COLUMNS[key], count])
        for key in COUNT_COLUMNS
    ]
    sheets += [
        Sheet(titles["items"], list(_csv_rows(report)), CSV_COLUMNS),
        Sheet(titles["organisations"], organisations, ORGANISATION_COLUMNS),
    ]
    return sheets


def _write_markdown(report: AnnualReport, out: TextIO) -> None:
    from vanort_cli.reports.memo import annual_memo_parts

    out.writelines(annual_memo_parts(report))


def _write_html(report: AnnualReport, out: TextIO) -> None:
    from vanort_cli.reports.html import annual_html_parts

    out.writelines(annual_html_parts(report))


def _write_consolidated_html(report: ConsolidatedReport, out: TextIO) -> None:
    from vanort_cli.reports.html import consolidated_html

    out.write(consolidated_html(report))


def _write_json(report: AnnualReport | ConsolidatedReport, out: TextIO) -> None:
    """The report as JSON, its collaborations written as they are read."""
    write_json_document(json_ready(report), out)


WRITERS: dict[ReportFormat, Callable[[AnnualReport, TextIO], None]] = {
    ReportFormat.table: _write_table,
    ReportFormat.json: _write_json,
    ReportFormat.csv: _write_csv,
    ReportFormat.markdown: _write_markdown,
    ReportFormat.html: _write_html,
}


def _write_consolidated_markdown(report: ConsolidatedReport, out: TextIO) -> None:
    from vanort_cli.reports.memo import consolidated_memo

    out.write(consolidated_memo(report))


EVALUATION_WRITERS: dict[ReportFormat, Callable[[ConsolidatedReport, TextIO], None]] = {
    ReportFormat.json: _write_json,
    ReportFormat.markdown: _write_consolidated_markdown,
    ReportFormat.html: _write_consolidated_html,
}


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

        evaluated = partial(consolidated_report, year=evaluation, today=day)
        _deliver(ctx, evaluated, EVALUATION_WRITERS[chosen], chosen, output, force=force)
        return
    from vanort_cli.services.report import annual_report

    chosen = choose_format(format, output, default=ReportFormat.table)
    annual = partial(annual_report, year=day.year if year is None else year, today=day)
    if chosen is ReportFormat.xlsx:
        if output is None:
            # Checked before the report is made: a workbook is never shown on a terminal.
            raise UsageError(m.XLSX_NEEDS_OUTPUT)
        from vanort_cli.exchange.xlsx import write_workbook

        with reading(ctx) as session:
            sheets = report_sheets(annual(session=session))
            write_workbook(output, sheets, force=force, protected=protected_paths(ctx))
        typer.echo(m.REPORT_WRITTEN.format(path=output, format=chosen.value), err=True)
        return
    write = partial(_write_table, every=every) if chosen is ReportFormat.table else WRITERS[chosen]
    _deliver(ctx, annual, write, chosen, output, force=force)


def _deliver(
    ctx: typer.Context,
    build: Callable[..., Report],
    write: Callable[[Report, TextIO], None],
    chosen: ReportFormat,
    output: Path | None,
    *,
    force: bool,
) -> None:
    """Make the report in a session and write it to the screen or to `output`, before
    the session closes: its collaborations are read from the registry as they are
    written."""
    with reading(ctx) as session:
        made = build(session=session)
        if output is None:
            stdout = typer.get_text_stream("stdout")
            # A table is drawn by Rich, which shows such text visibly itself.
            write(made, stdout if chosen is ReportFormat.table else data_stream(stdout))
            return
        write_text_atomically(
            output, lambda handle: write(made, handle), force=force, protected=protected_paths(ctx)
        )
    typer.echo(m.REPORT_WRITTEN.format(path=output, format=chosen.value), err=True)
