"""One renderer per shape: rows, a record or a profile, in the format asked
for (table for people, JSON, JSON Lines or CSV for scripts)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any, TypeVar

from rich.text import Text

from vanort_cli.i18n import Worded
from vanort_cli.output.columns import Column, Format
from vanort_cli.output.console import console, data_stream, say
from vanort_cli.output.csv_rows import write_csv
from vanort_cli.output.json_stream import json_ready, write_json, write_json_stream, write_jsonl
from vanort_cli.output.tables import record_table, rows_table

R = TypeVar("R")  # a row: a record (domain/records.py), or a mapping of its fields


def emit_rows(
    rows: Iterable[R],
    fmt: Format,
    columns: Sequence[Column[R]],
    *,
    title: str | None = None,
    footer: str | Worded | None = None,
) -> None:
    """Records: a table, a JSON array, JSON Lines, or CSV with a header row. The
    machine formats are written as the rows come (a generator is never listed);
    a table needs them all, so a caller hands it a page (see `table_page`)."""
    if fmt is Format.json:
        write_json_stream(rows)
    elif fmt is Format.jsonl:
        write_jsonl(rows)
    elif fmt is Format.csv:
        write_csv(rows, columns, data_stream())
    else:
        rows = list(rows)
        out = console()
        out.print(rows_table(rows, columns, title))
        if footer:
            out.print(Text(str(footer), style="dim"))
        return
    if footer:
        say(str(footer))


def emit_record(
    record: R,
    fmt: Format,
    fields: Sequence[Column[R]],
    *,
    title: str | None = None,
    footer: str | Worded | None = None,
) -> None:
    """One record: a two-column table for people, a JSON object for scripts (a
    record's fields, in order)."""
    if fmt is Format.json:
        # As a dict of its fields: orjson would write only a subclass's own slots.
        write_json(dict(record) if isinstance(record, Mapping) else json_ready(record))
        return
    out = console()
    if title:
        out.print(Text(title, style="bold"))
    out.print(record_table(record, fields))
    if footer:
        out.print(Text(str(footer), style="dim"))


def emit_profile(
    record: Mapping[str, Any],
    fmt: Format,
    fields: Sequence[Column],
    *,
    title: str,
    tables: Mapping[str, Sequence[Column]],
    titles: Mapping[str, str],
) -> None:
    """A record and its lists (a town's decisions, an organisation's years): for
    people the record, then a table of each list that has rows; for scripts one
    JSON object holding them all."""
    if fmt is Format.json:
        write_json(dict(record))
        return
    emit_record(record, fmt, fields, title=title)
    out = console()
    for key, columns in tables.items():
        if record[key]:
            out.print(rows_table(record[key], columns, titles[key]))
