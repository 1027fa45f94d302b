"""Where a table command's rows go: the screen, or a file (-o) in the format its
extension names, an Excel workbook included. Shared by `collaborations list` and
`schedule`; `report` has its own sections but the same rules."""

from __future__ import annotations

import enum
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Annotated, Any, TypeVar

import typer

from vanort_cli.cli.common import state
from vanort_cli.errors import UsageError
from vanort_cli.i18n import Worded
from vanort_cli.i18n import messages as m
from vanort_cli.output.columns import Column, Format
from vanort_cli.output.console import console, data_stream, say
from vanort_cli.output.csv_rows import write_csv
from vanort_cli.output.emit import emit_rows
from vanort_cli.output.tables import rows_table

# A table on a terminal shows this many rows, the newest, unless told otherwise:
# a person reads a screenful, and a registry can hold a million.
TABLE_PAGE = 50


class TableFormat(enum.StrEnum):
    table = "table"
    json = "json"
    jsonl = "jsonl"
    csv = "csv"
    xlsx = "xlsx"


# The format each extension of an output file names, for every command that writes
# files (`collaborations list`, `schedule`, `history`, `report`, `collaborations
# export`): a command takes those of its own formats, so that `.json` means JSON
# and `.txt` a table wherever -o is given.
EXTENSIONS = {
    ".csv": "csv",
    ".xlsx": "xlsx",
    ".json": "json",
    ".jsonl": "jsonl",
    ".md": "markdown",
    ".markdown": "markdown",
    ".html": "html",
    ".htm": "html",
    ".txt": "table",
}
# A command's formats: an enum of some of the names above.
F = TypeVar("F", bound=enum.StrEnum)
R = TypeVar("R")  # a row: a record (domain/records.py), or a mapping of its fields

TableFormatOption = Annotated[
    TableFormat | None,
    typer.Option(
        "--format",
        "-f",
        metavar="FORMAT",
        case_sensitive=False,
        help="table, json, jsonl (JSON Lines), csv or xlsx (an Excel workbook, to a file "
        "only). Default: from the output file's extension, else table.",
    ),
]
ExcelOption = Annotated[
    bool,
    typer.Option(
        "--excel",
        help="CSV for Swedish Excel: UTF-8 with a byte-order mark, ';' between cells, "
        "CRLF line ends.",
    ),
]


def choose_format(
    chosen: F | None,
    output: Path | None,
    *,
    default: F,
    excel: bool = False,
    also: Sequence[str] = (),
) -> F:
    """--format if given, else from -o's extension, else csv with --excel, else
    `default`; always one of `default`'s kind, the formats the command writes. An
    xlsx workbook only to a file, --excel only for csv. `also`: the other
    extensions the command takes (`schedule`'s pictures), for the message."""
    formats = type(default)
    if chosen is None and output is not None:
        name = EXTENSIONS.get(output.suffix.lower())
        if name is None or name not in formats._value2member_map_:
            accepted = [e for e, f in EXTENSIONS.items() if f in formats._value2member_map_]
            raise UsageError(
                m.TABLE_EXTENSION.format(path=output, accepted=", ".join([*accepted, *also]))
            )
        chosen = formats(name)
    if chosen is None:
        chosen = formats("csv") if excel else default
    if excel and chosen != "csv":
        raise UsageError(m.EXCEL_IS_CSV.format(format=chosen.value))
    if chosen == "xlsx" and output is None:
        raise UsageError(m.XLSX_NEEDS_OUTPUT)
    return chosen


def rows_to_list(
    limit: int | None, every: bool, fmt: TableFormat, output: Path | None
) -> int | None:
    """How many rows a listing command shows (None: all): --limit N; else a page
    of TABLE_PAGE for a table on the screen, unless --all."""
    if every and limit is not None:
        raise UsageError(m.LIMIT_AND_ALL)
    if limit is None and not every and fmt is TableFormat.table and output is None:
        return TABLE_PAGE
    return limit


def page_footer(limit: int | None, fmt: TableFormat, count: Callable[[], int]) -> str | None:
    """The line under a table that shows a page: how many rows there are, and how
    to get the rest. `count` is asked only when a page is shown."""
    if limit is None or fmt is not TableFormat.table:
        return None
    total = count()
    return m.TABLE_PAGE_FOOTER.format(shown=limit, count=total) if total > limit else None


def protected_paths(ctx: typer.Context) -> list[Path]:
    """The registry's own files, never to be written over by -o."""
    return state(ctx).registry.backend.protected_paths()


def emit_table(
    ctx: typer.Context,
    rows: Iterable[R],
    columns: Sequence[Column[R]],
    *,
    fmt: TableFormat,
    output: Path | None,
    force: bool = False,
    excel: bool = False,
    title: str,
    sheet: str,
    footer: str | Worded | None = None,
) -> None:
    """The rows on the screen (`emit_rows`), or written to `output` as `fmt`. The
    machine formats are written as the rows come, so `rows` may be a generator
    over a registry of any size."""
    if output is None:
        if fmt is TableFormat.csv:
            write_csv(rows, columns, data_stream(), excel=excel)
            if footer:
                say(str(footer))
        else:
            emit_rows(rows, Format(fmt.value), columns, title=title, footer=footer)
        return
    if fmt is TableFormat.xlsx:
        from vanort_cli.exchange.xlsx import Sheet, write_workbook

        listed = list(rows)  # a workbook is built whole (and Excel holds a million rows)
        write_workbook(
            output, [Sheet(sheet, listed, columns)], force=force, protected=protected_paths(ctx)
        )
        count = len(listed)
    else:
        from vanort_cli.files import write_text_atomically
        from vanort_cli.output.json_stream import write_json_stream, write_jsonl

        written = [0]

        def write(out: Any) -> None:
            if fmt is TableFormat.csv:
                written[0] = write_csv(rows, columns, out, excel=excel)
            elif fmt is TableFormat.json:
                written[0] = write_json_stream(rows, out)
            elif fmt is TableFormat.jsonl:
                written[0] = write_jsonl(rows, out)
            else:
                listed = list(rows)
                written[0] = len(listed)
                console(out).print(rows_table(listed, columns, title))

        write_text_atomically(output, write, force=force, protected=protected_paths(ctx))
        count = written[0]
    say(m.TABLE_WRITTEN.format(count=count, path=output, format=fmt.value))
    if footer:
        say(str(footer))
