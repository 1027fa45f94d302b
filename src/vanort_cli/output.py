"""The one renderer: every command hands its data here with a format.

Data goes to stdout, messages to stderr. JSON has stable snake_case keys and
ISO 8601 dates; CSV neutralises spreadsheet formulas; tables are for people
and lose colour when NO_COLOR is set or stdout is not a terminal.
"""

from __future__ import annotations

import csv
import enum
import json
import re
import sys
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, TextIO

from rich.console import Console
from rich.table import Table
from rich.text import Text


class Format(enum.StrEnum):
    table = "table"
    json = "json"
    csv = "csv"
    markdown = "markdown"


@dataclass(frozen=True)
class Column:
    """One column: its CSV key, its table header, and how to get its value from a row."""

    key: str
    header: str
    value: Callable[[Mapping[str, Any]], Any]


def field(name: str, header: str | None = None) -> Column:
    """A column showing `row[name]`, headed by `header` (default: from the name)."""
    return Column(name, header or name.replace("_", " ").capitalize(), lambda row: row.get(name))


def console(file: TextIO | None = None) -> Console:
    """A console for stdout (default) that never truncates when it is not a terminal."""
    target = file or sys.stdout
    is_terminal = target.isatty()
    return Console(
        file=target,
        width=None if is_terminal else 10_000,
        soft_wrap=not is_terminal,
        highlight=False,
    )


def error_console() -> Console:
    return Console(file=sys.stderr, highlight=False, soft_wrap=True)


def say(text: str) -> None:
    """A message for the person at the terminal, on stderr."""
    error_console().print(Text(text))


def show_error(text: str) -> None:
    error_console().print(Text("Error: ", style="bold red") + Text(text))


def to_jsonable(value: Any) -> Any:
    if isinstance(value, datetime):
        return value.isoformat(timespec="seconds")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, enum.Enum):
        return value.value
    raise TypeError(f"cannot render {type(value).__name__}")


def as_text(value: Any) -> str:
    """A cell's text: dates as ISO 8601, nothing as empty, lists joined."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, date | datetime):
        return str(to_jsonable(value))
    if isinstance(value, list | tuple):
        return ", ".join(as_text(v) for v in value)
    if isinstance(value, Mapping):
        return str(value.get("name_sv") or value.get("name") or value.get("key") or "")
    return str(value)


# OWASP CSV injection: a cell a spreadsheet would read as a formula.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def csv_safe(text: str) -> str:
    return "'" + text if text.startswith(_FORMULA_START) else text


def write_json(data: Any, out: TextIO | None = None) -> None:
    target = out or sys.stdout
    target.write(json.dumps(data, default=to_jsonable, ensure_ascii=False, indent=2) + "\n")


def write_csv(rows: Sequence[Mapping[str, Any]], columns: Sequence[Column], out: TextIO) -> None:
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow([c.key for c in columns])
    for row in rows:
        writer.writerow([csv_safe(as_text(c.value(row))) for c in columns])


def rows_table(
    rows: Sequence[Mapping[str, Any]], columns: Sequence[Column], title: str | None = None
) -> Table:
    table = Table(title=title, title_justify="left", header_style="bold")
    # A column with nothing in it only takes room from the others.
    shown = [c for c in columns if any(as_text(c.value(row)) for row in rows)] or list(columns)
    for column in shown:
        table.add_column(column.header, overflow="fold")
    for row in rows:
        table.add_row(*(Text(as_text(c.value(row))) for c in shown))
    return table


def record_table(record: Mapping[str, Any], fields: Sequence[Column]) -> Table:
    table = Table(show_header=False, box=None, padding=(0, 2, 0, 0))
    table.add_column(style="bold")
    table.add_column()
    for column in fields:
        text = as_text(column.value(record))
        if text:
            table.add_row(Text(column.header), Text(text))
    return table


def emit_rows(
    rows: Sequence[Mapping[str, Any]],
    fmt: Format,
    columns: Sequence[Column],
    *,
    title: str | None = None,
    footer: str | None = None,
) -> None:
    """A list of records: a table, a JSON array, or CSV with a header row."""
    if fmt is Format.json:
        write_json(list(rows))
    elif fmt is Format.csv:
        write_csv(rows, columns, sys.stdout)
    else:
        out = console()
        out.print(rows_table(rows, columns, title))
        if footer:
            out.print(Text(footer, style="dim"))
        return
    if footer:
        say(footer)


def emit_record(
    record: Mapping[str, Any],
    fmt: Format,
    fields: Sequence[Column],
    *,
    title: str | None = None,
    footer: str | None = None,
) -> None:
    """One record: a two-column table for people, a JSON object for scripts."""
    if fmt is Format.json:
        write_json(dict(record))
        return
    out = console()
    if title:
        out.print(Text(title, style="bold"))
    out.print(record_table(record, fields))
    if footer:
        out.print(Text(footer, style="dim"))


# -- Markdown ---------------------------------------------------------------------
# Characters that would let a title become a heading, emphasis, a link, HTML or
# a table cell boundary; user text is escaped so it is always read as text.
_MD_SPECIAL = str.maketrans({c: "\\" + c for c in "\\`*_{}[]()<>#+!|~@"} | {"&": "&amp;"})
# GitHub-flavoured Markdown turns bare addresses into links; an escaped ':' or
# '.' keeps them text.
_AUTOLINK = re.compile(r"(?i)\b(https?|ftp|mailto)(:)|\b(www)(\.)")


def md_escape(value: Any) -> str:
    """User text as inert Markdown: one line, special characters escaped."""
    text = " ".join(as_text(value).split())
    escaped = text.translate(_MD_SPECIAL)
    escaped = _AUTOLINK.sub(lambda g: f"{g[1] or g[3]}\\{g[2] or g[4]}", escaped)
    # A leading "-" would start a list, "1." a numbered one.
    if escaped[:1] in {"-", "="}:
        escaped = "\\" + escaped
    numbered = re.match(r"^(\d+)([.)])", escaped)
    if numbered:
        escaped = f"{numbered[1]}\\{numbered[2]}{escaped[numbered.end() :]}"
    return escaped


def md_table(headers: Sequence[str], rows: Sequence[Sequence[Any]]) -> str:
    """A Markdown table; cells are escaped."""
    lines = [
        "| " + " | ".join(headers) + " |",
        "|" + "|".join("---" for _ in headers) + "|",
    ]
    lines += ["| " + " | ".join(md_escape(cell) for cell in row) + " |" for row in rows]
    return "\n".join(lines)
