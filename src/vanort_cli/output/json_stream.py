"""JSON and JSON Lines, streamed: a list is written as it is produced, never
held whole in memory."""

from __future__ import annotations

import dataclasses
import json
import sys
import unicodedata
from collections.abc import Iterable, Mapping
from typing import Any, TextIO

from vanort_cli.output.text import INVISIBLE_CATEGORIES, to_jsonable


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
    return escape_invisible(text)


def escape_invisible(text: str) -> str:
    # Indented JSON has line breaks of its own (never inside a string, which
    # json escapes): text that is printable but for them needs nothing escaped.
    if text.isprintable() or text.replace("\n", "").isprintable():
        return text
    return "".join(
        json.dumps(ch)[1:-1]
        if ch != "\n" and unicodedata.category(ch) in INVISIBLE_CATEGORIES
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


def json_ready(value: Any) -> Any:
    """A typed record (a dataclass) as the JSON writers take it: a dict of its fields
    in the order they are declared, each made ready in turn; a list or tuple as a
    list. Rows still to be read (`domain.report.SessionRows`, a generator) stay so,
    each made ready as it is read, for `write_json_document` to stream. A mapping
    is taken as it is (a record already in the shape JSON writes); dates, text
    and numbers are written by `json_text`."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: json_ready(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, list | tuple):
        return [json_ready(item) for item in value]
    if _streamed(value):
        return (json_ready(item) for item in value)
    return value


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
        target.write(escape_invisible(json.dumps(row, default=to_jsonable, ensure_ascii=False)))
        target.write("\n")
        count += 1
    return count
