"""The one renderer: every command hands its data here with a format.

Data goes to stdout, messages to stderr. JSON has stable snake_case keys and
ISO 8601 dates; CSV neutralises spreadsheet formulas; tables are for people
and lose colour when NO_COLOR is set or stdout is not a terminal.
"""

from __future__ import annotations

import enum
import json
import os
import re
import stat
import sys
import unicodedata
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, TextIO

from rich.cells import cell_len
from rich.console import Console, ConsoleOptions, RenderableType
from rich.segment import Segment
from rich.table import Table
from rich.text import Text

from vanort_cli.domain.text import FORMULA_START
from vanort_cli.i18n import N_, Worded, gettext, is_swedish, pick, speaking
from vanort_cli.i18n import messages as m


class Format(enum.StrEnum):
    table = "table"
    json = "json"
    jsonl = "jsonl"  # JSON Lines: one compact object a line, for streams and jq
    csv = "csv"
    markdown = "markdown"
    xlsx = "xlsx"  # a workbook: only to a file (-o), never to a terminal


@dataclass(frozen=True)
class Column:
    """One column: its CSV key, its table header, and how to get its value from a row.

    When a table is too wide for the terminal, the columns of the lowest `priority`
    are left out first (of equal ones, the rightmost). A `nowrap` column (ids,
    dates, years, codes) keeps each cell on one line; the others wrap between words.

    What people read is in their language, what machines read is not: `header`
    (English, a catalog entry) is translated where a table is drawn, while CSV and
    JSON keep `key`; `value` is what CSV, JSON and xlsx write, and `show` (if
    given) what a table shows instead: a town by its name in the language, a
    status by its word (see `field(words=...)`).

    `empty` is what a table or record for people shows for an empty value (an
    ongoing collaboration's end: "ongoing", in the language); machine formats
    (CSV, JSON, xlsx) leave the cell empty, so that what they write reads back as
    data.
    """

    key: str
    header: str | Worded
    value: Callable[[Mapping[str, Any]], Any]
    priority: int = 0
    nowrap: bool = False
    empty: str = ""
    show: Callable[[Mapping[str, Any]], Any] | None = None

    def shown(self, row: Mapping[str, Any]) -> str:
        """The cell's text for people, in their language."""
        text = shown_text((self.show or self.value)(row))
        return text or (gettext(self.empty) if self.empty else "")

    @property
    def heading(self) -> str:
        """The header as people read it, in their language."""
        return gettext(str(self.header))

    def file_value(self, row: Mapping[str, Any]) -> Any:
        """A cell of a file for people (`--excel` CSV, xlsx): in Swedish the words and
        names the table shows (hållet, projekt, Åbo), headed as it is
        (`file_heading`); else, and for every other column (dates stay dates), the
        value machines read."""
        if self.show is not None and is_swedish():
            return shown_text(self.show(row))
        return self.value(row)

    @property
    def file_heading(self) -> str:
        """The header of a file for people (`--excel` CSV, xlsx): in Swedish the
        Swedish header, which `collaborations import` reads back as it reads the
        key; in English the key, as every English file has had it (and import,
        scripts and people read it alike). A column headed by its own key
        (`collaborations export`) keeps it in both."""
        if is_swedish() and str(self.header) != self.key:
            return self.heading
        return self.key


def word(words: Mapping[str, str], value: Any) -> Any:
    """A value of a fixed set (a status, a kind) as people read it: its word in the
    language (`words` maps each value to its English word, a catalog entry); any
    other value as it is."""
    if isinstance(value, str) and value in words:
        return gettext(words[value])
    return value


def field(
    name: str,
    header: str | None = None,
    *,
    priority: int = 0,
    nowrap: bool = False,
    words: Mapping[str, str] | None = None,
) -> Column:
    """A column showing `row[name]`, headed by `header` (default: from the name).
    With `words` (a mapping of `messages`, in English: `m.EN.MEETING_STATUS_WORDS`),
    a table shows each value by its word in the language, and CSV and JSON keep
    the value."""
    return Column(
        name,
        header or name.replace("_", " ").capitalize(),
        lambda row: row.get(name),
        priority=priority,
        nowrap=nowrap,
        show=None if words is None else (lambda row: word(words, row.get(name))),
    )


# -- text that is safe to show ------------------------------------------------------
# What a person's terminal would act on instead of showing: control characters
# (ESC, BEL, CSI, carriage return...), invisible format characters (bidirectional
# overrides, zero-width spaces), line and paragraph separators, and what is not a
# character at all (unassigned, private use, surrogates). Text from the registry,
# a file or the command line is shown with these as visible escapes: `\x1b`.
_INVISIBLE_CATEGORIES = frozenset({"Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp"})


def _escape(ch: str) -> str:
    code = ord(ch)
    if code <= 0xFF:
        return f"\\x{code:02x}"
    return f"\\u{code:04x}" if code <= 0xFFFF else f"\\U{code:08x}"


def visible(text: str, *, newlines: bool = True) -> str:
    """`text` with everything a terminal would act on, or not show, made visible.

    A newline is kept when `newlines` (a record's description, a message); in a
    table cell it is a space, like a tab.
    """
    if text.isprintable():
        return text
    shown = []
    for ch in text:
        if ch == "\n" and newlines:
            shown.append(ch)
        elif ch in "\n\t":
            shown.append(" ")
        elif unicodedata.category(ch) in _INVISIBLE_CATEGORIES:
            shown.append(_escape(ch))
        else:
            shown.append(ch)
    return "".join(shown)


class SafeConsole(Console):
    """A console that shows every text it prints through `visible`: whatever a
    command prints, from the registry or a file, cannot drive the terminal. Rich's
    own styling and cursor control are separate segments and pass untouched."""

    def render(self, renderable: Any, options: ConsoleOptions | None = None) -> Iterator[Segment]:
        for segment in super().render(renderable, options):
            if segment.control or segment.text.isprintable():
                yield segment
            else:
                yield Segment(visible(segment.text), segment.style, segment.control)


def _is_regular_file(target: TextIO) -> bool:
    try:
        return stat.S_ISREG(os.fstat(target.fileno()).st_mode)
    except (AttributeError, OSError, ValueError):
        return False


def console(file: TextIO | None = None) -> Console:
    """A console for stdout (default) that never truncates when it is not a terminal.

    Whether stdout is a terminal is Rich's answer: a tty, or TTY_COMPATIBLE=1 (with
    COLUMNS for its width, as tests render "on an 80-column terminal"). A file on
    disk is never a terminal, whatever the environment says.
    """
    target = file or sys.stdout
    is_terminal = not _is_regular_file(target) and Console(file=target).is_terminal
    return SafeConsole(
        file=target,
        width=None if is_terminal else 10_000,
        soft_wrap=not is_terminal,
        highlight=False,
    )


def error_console() -> Console:
    return SafeConsole(file=sys.stderr, highlight=False, soft_wrap=True)


def say(text: str) -> None:
    """A message for the person at the terminal, on stderr."""
    error_console().print(Text(text))


def show_error(text: str) -> None:
    """An error: always one line (a newline in a value it quotes is shown as \\n),
    so that scripts and people can read it as one."""
    error_console().print(
        Text(m.ERROR_PREFIX, style="bold red") + Text(visible(text, newlines=False))
    )


def to_jsonable(value: Any) -> Any:
    if isinstance(value, Worded):
        # Scripts read the same JSON whatever the reader's language.
        with speaking("en"):
            return str(value)
    if isinstance(value, datetime):
        return value.isoformat(timespec="seconds")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, enum.Enum):
        return value.value
    raise TypeError(f"cannot render {type(value).__name__}")


# Yes and no, as machines read them and (translated) as people do.
YES, NO = N_("yes"), N_("no")


def as_text(value: Any) -> str:
    """A cell's text for machines (CSV, xlsx): dates as ISO 8601, nothing as
    empty, lists joined, a town by its Swedish name, a sentence in English; the
    same in every language."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return YES if value else NO
    if isinstance(value, date | datetime | Worded):
        return str(to_jsonable(value))
    if isinstance(value, list | tuple):
        return ", ".join(as_text(v) for v in value)
    if isinstance(value, Mapping):
        return str(value.get("name_sv") or value.get("name") or value.get("key") or "")
    return str(value)


def shown_text(value: Any) -> str:
    """A cell's text for people, in their language: as `as_text`, but yes and no,
    a sentence (`Worded`) and a town's or an area's name (`name` / `name_sv`) in
    the language."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return gettext(YES if value else NO)
    if isinstance(value, Worded):
        return str(value)
    if isinstance(value, list | tuple):
        return ", ".join(shown_text(v) for v in value)
    if isinstance(value, Mapping):
        if value.get("name_sv") or value.get("name"):
            return pick(str(value.get("name") or value["name_sv"]), str(value.get("name_sv") or ""))
        return str(value.get("key") or "")
    return as_text(value)


# OWASP CSV injection: a cell a spreadsheet would read as a formula.


def csv_safe(text: str) -> str:
    return "'" + text if text.startswith(FORMULA_START) else text


def json_text(data: Any) -> str:
    """`data` as JSON; letters stay as they are, and every character `visible` would
    escape is a \\u escape (JSON itself only escapes the C0 controls).

    Written by orjson, byte for byte what `json.dumps(..., indent=2,
    ensure_ascii=False)` writes: the standard library indents in pure Python,
    which made the JSON of a large history or report ten times slower than
    reading it. What orjson cannot write (an integer beyond 64 bits) falls back
    to the standard library."""
    import orjson

    # Indented as the standard library indents; dates through `to_jsonable` (ISO
    # 8601, times to the second); keys that are not text written as text.
    options = orjson.OPT_INDENT_2 | orjson.OPT_PASSTHROUGH_DATETIME | orjson.OPT_NON_STR_KEYS
    try:
        text = orjson.dumps(data, default=to_jsonable, option=options).decode()
    except TypeError:  # orjson.JSONEncodeError is a TypeError
        text = json.dumps(data, default=to_jsonable, ensure_ascii=False, indent=2)
    return _escape_invisible(text)


def _escape_invisible(text: str) -> str:
    # Indented JSON has line breaks of its own (never inside a string, which
    # json escapes): text that is printable but for them needs nothing escaped.
    if text.isprintable() or text.replace("\n", "").isprintable():
        return text
    return "".join(
        json.dumps(ch)[1:-1]
        if ch != "\n" and unicodedata.category(ch) in _INVISIBLE_CATEGORIES
        else ch
        for ch in text
    )


def write_json(data: Any, out: TextIO | None = None) -> None:
    target = out or sys.stdout
    target.write(json_text(data) + "\n")


def write_json_stream(rows: Iterable[Any], out: TextIO | None = None) -> int:
    """A JSON array written item by item, as `write_json` writes the whole list
    (the same bytes), so that a registry of any size is never held in memory.
    Returns how many items it wrote."""
    target = out or sys.stdout
    count = 0
    for row in rows:
        target.write(",\n" if count else "[\n")
        target.write("  " + json_text(row).replace("\n", "\n  "))
        count += 1
    target.write("\n]\n" if count else "[]\n")
    return count


def write_json_document(data: Any, out: TextIO | None = None) -> None:
    """A JSON document whose lists may be read as they are written (a generator,
    a query's rows), byte for byte what `write_json` writes of the same data with
    every such list read into memory first."""
    target = out or sys.stdout
    _write_value(data, target, 0)
    target.write("\n")


def _streamed(value: Any) -> bool:
    """Rows still to be read (a generator, a query's rows): a list or tuple is in
    memory already and is written whole, by orjson."""
    return isinstance(value, Iterable) and not isinstance(
        value, str | bytes | Mapping | list | tuple
    )


def _holds_stream(value: Any) -> bool:
    """Whether rows still to be read hide in this value (in it, or in a mapping in it)."""
    if isinstance(value, Mapping):
        return any(_holds_stream(v) for v in value.values())
    return _streamed(value)


def _write_value(value: Any, out: TextIO, level: int) -> None:
    inner = "  " * (level + 1)
    if isinstance(value, Mapping) and _holds_stream(value):
        out.write("{")
        for n, (key, item) in enumerate(value.items()):
            out.write(("\n" if n == 0 else ",\n") + inner + json_text(str(key)) + ": ")
            _write_value(item, out, level + 1)
        out.write(("\n" + "  " * level + "}") if value else "}")
    elif _streamed(value):
        count = 0
        for item in value:
            out.write(("[\n" if count == 0 else ",\n") + inner)
            _write_value(item, out, level + 1)
            count += 1
        out.write(("\n" + "  " * level + "]") if count else "[]")
    else:
        out.write(json_text(value).replace("\n", "\n" + "  " * level))


def write_jsonl(rows: Iterable[Any], out: TextIO | None = None) -> int:
    """JSON Lines: each item as one compact line. Returns how many it wrote."""
    target = out or sys.stdout
    count = 0
    for row in rows:
        target.write(_escape_invisible(json.dumps(row, default=to_jsonable, ensure_ascii=False)))
        target.write("\n")
        count += 1
    return count


def _csv_cell(text: str, delimiter: str = ",") -> str:
    """A cell as CSV writes it: quoted when it holds a separator, a quote, a line
    break, or a character `visible` would escape (so that a reader sees the cell
    holds more than plain text; the data itself is kept as it is)."""
    if text.isprintable() and not any(ch in text for ch in (",", '"', delimiter)):
        return text
    return '"' + text.replace('"', '""') + '"'


# CSV as Swedish Excel reads and writes it: UTF-8 with a byte-order mark (without
# it Excel takes Windows-1252 and shows "Ã¥" for "å"), ";" between cells (the
# comma is the decimal sign in a Swedish locale) and CRLF line ends.
EXCEL_BOM = "\ufeff"


def write_csv(
    rows: Iterable[Mapping[str, Any]],
    columns: Sequence[Column],
    out: TextIO,
    *,
    excel: bool = False,
) -> int:
    """A header row of the columns' keys, then a row per record, as the rows come;
    every cell formula-safe. `excel`: as Swedish Excel expects (see EXCEL_BOM),
    for people, so headed and worded in their language (`Column.file_heading`,
    `Column.file_value`). Returns how many rows it wrote."""
    delimiter, end = (";", "\r\n") if excel else (",", "\n")
    if excel:
        out.write(EXCEL_BOM)
    headers = (c.file_heading if excel else c.key for c in columns)
    out.write(delimiter.join(_csv_cell(h, delimiter) for h in headers) + end)
    count = 0
    for row in rows:
        cells = (
            _csv_cell(csv_safe(as_text(c.file_value(row) if excel else c.value(row))), delimiter)
            for c in columns
        )
        out.write(delimiter.join(cells) + end)
        count += 1
    return count


def _longest_word(text: str) -> int:
    return max((cell_len(word) for word in text.split()), default=0)


def _longest_line(text: str) -> int:
    return max((cell_len(line) for line in text.splitlines()), default=0)


# Narrower than this, a column of text wraps into a tall strip that is hard to read.
_COMFORTABLE_WIDTH = 16


def _table_overhead(count: int) -> int:
    """The borders and padding of a table of `count` columns (Rich's default box)."""
    return 3 * count + 1


class FittedTable:
    """Rows as a table that fits the width it is printed in.

    No word, date or id is ever broken across lines: each column is at least as
    wide as its longest word (a `nowrap` column, its longest cell). When even that
    does not fit, the least important columns are left out and a footer names them.
    On a console that is not a terminal the width is unlimited, so nothing is.
    """

    def __init__(
        self, rows: Sequence[Mapping[str, Any]], columns: Sequence[Column], title: str | None
    ) -> None:
        self.title = title
        # A column with nothing in it only takes room from the others.
        self.columns = [c for c in columns if any(c.shown(row) for row in rows)] or list(columns)
        self.cells = [[visible(c.shown(row), newlines=False) for c in self.columns] for row in rows]

    def _widths(self, index: int) -> tuple[int, int, int]:
        """The narrowest, a comfortable and the widest width of this column's content."""
        column = self.columns[index]
        texts = [row[index] for row in self.cells]
        heading = column.heading
        narrowest = max(
            [_longest_word(heading), 1]
            + [_longest_line(t) if column.nowrap else _longest_word(t) for t in texts]
        )
        widest = max([_longest_line(heading), 1] + [_longest_line(t) for t in texts])
        return narrowest, min(widest, max(narrowest, _COMFORTABLE_WIDTH)), widest

    def fit(self, width: int) -> tuple[list[int], list[int] | None]:
        """The columns shown (by index) and their widths, or None for natural widths."""
        ranges = [self._widths(i) for i in range(len(self.columns))]
        shown = list(range(len(self.columns)))
        # Columns leave until the others fit at a width that reads well (text
        # squeezed to its longest word wraps into a tall, narrow strip).
        while (
            len(shown) > 1
            and sum(ranges[i][1] for i in shown) + _table_overhead(len(shown)) > width
        ):
            # The least important column leaves; of equal ones, the rightmost.
            shown.remove(min(reversed(shown), key=lambda i: self.columns[i].priority))
        room = width - _table_overhead(len(shown))
        if sum(ranges[i][2] for i in shown) <= room:
            return shown, None
        widths = [min(ranges[i][1], max(ranges[i][0], room)) for i in shown]
        # The room left goes to the columns that can use it, in proportion to how
        # much more they could take.
        spare = room - sum(widths)
        wants = [ranges[i][2] - w for i, w in zip(shown, widths, strict=True)]
        total_want = sum(wants)
        if spare > 0 and total_want:
            given = [spare * want // total_want for want in wants]
            for k in sorted(range(len(shown)), key=lambda k: -wants[k])[: spare - sum(given)]:
                given[k] += 1
            widths = [w + g for w, g in zip(widths, given, strict=True)]
        return shown, widths

    def __rich_console__(
        self, console: Console, options: ConsoleOptions
    ) -> Iterator[RenderableType]:
        shown, widths = self.fit(options.max_width)
        title = visible(self.title) if self.title else None
        table = Table(title=title, title_justify="left", header_style="bold")
        for k, i in enumerate(shown):
            column = self.columns[i]
            table.add_column(
                column.heading,
                overflow="fold",
                no_wrap=column.nowrap,
                width=None if widths is None else widths[k],
            )
        for row in self.cells:
            table.add_row(*(Text(row[i]) for i in shown))
        yield table
        left_out = [
            self.columns[i].heading.lower() for i in range(len(self.columns)) if i not in shown
        ]
        if left_out:
            yield Text(
                m.COLUMNS_LEFT_OUT.format(width=options.max_width, columns=", ".join(left_out)),
                style="dim",
            )


def rows_table(
    rows: Sequence[Mapping[str, Any]], columns: Sequence[Column], title: str | None = None
) -> FittedTable:
    """Rows as a table for people; see FittedTable for how it fits the terminal."""
    return FittedTable(rows, columns, title)


def record_table(record: Mapping[str, Any], fields: Sequence[Column]) -> Table:
    table = Table(show_header=False, box=None, padding=(0, 2, 0, 0))
    table.add_column(style="bold", no_wrap=True)
    table.add_column()
    for column in fields:
        text = visible(column.shown(record))
        if text:
            table.add_row(Text(column.heading), Text(text))
    return table


def emit_rows(
    rows: Iterable[Mapping[str, Any]],
    fmt: Format,
    columns: Sequence[Column],
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
        write_csv(rows, columns, sys.stdout)
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
    record: Mapping[str, Any],
    fmt: Format,
    fields: Sequence[Column],
    *,
    title: str | None = None,
    footer: str | Worded | None = None,
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


# -- Markdown ---------------------------------------------------------------------
# User text is escaped so that it is always read as text: it cannot become a
# heading, a list, emphasis, a link, HTML or a table cell boundary. Only what
# Markdown would read as markup is escaped, with a backslash (never an HTML
# entity), so "Göteborg & Co" and "-17" stay as they are.
_MD_ALWAYS = str.maketrans({c: "\\" + c for c in "\\`*_[]<|~@"})
# "&amp;" or "&#38;" would be read as a character reference.
_ENTITY = re.compile(r"&(?=#?[0-9A-Za-z]+;)")
# A "#" that starts the text or a word could open or close a heading.
_HASH = re.compile(r"(^|\s)#")
# GitHub-flavoured Markdown turns bare addresses into links; an escaped ':' or
# '.' keeps them text.
_AUTOLINK = re.compile(r"(?i)\b(https?|ftp|mailto)(:)|\b(www)(\.)")
# What opens a block at the start of a line: a list item ("- ", "+ ", "1. "), a
# quote (">"), a setext heading's underline ("===").
_BLOCK_START = re.compile(r"^(?:([-+])(?=\s|$)|(\d+)([.)])(?=\s|$)|(>)|(=+|-+)$)")


def md_escape(value: Any) -> str:
    """User text as inert Markdown for people (see `shown_text`): one line, markup
    characters escaped."""
    text = visible(" ".join(shown_text(value).split()), newlines=False)
    escaped = text.translate(_MD_ALWAYS)
    escaped = _ENTITY.sub(r"\\&", escaped)
    escaped = _HASH.sub(lambda g: g[1] + "\\#", escaped)
    escaped = _AUTOLINK.sub(lambda g: f"{g[1] or g[3]}\\{g[2] or g[4]}", escaped)
    block = _BLOCK_START.match(escaped)
    if block and block[2]:
        return f"{block[2]}\\{block[3]}{escaped[block.end() :]}"
    return "\\" + escaped if block else escaped


def md_table(headers: Sequence[str], rows: Sequence[Sequence[Any]]) -> str:
    """A Markdown table; cells are escaped."""
    lines = [
        "| " + " | ".join(headers) + " |",
        "|" + "|".join("---" for _ in headers) + "|",
    ]
    lines += ["| " + " | ".join(md_escape(cell) for cell in row) + " |" for row in rows]
    return "\n".join(lines)
