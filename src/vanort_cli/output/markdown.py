"""Markdown for the memos: user text escaped so that it is read as text and
nothing else."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

from vanort_cli.output.text import shown_text, visible

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


def md_table(headers: Sequence[str], rows: Iterable[Sequence[Any]]) -> str:
    """A Markdown table; cells are escaped."""
    return "\n".join(md_table_lines(headers, rows))


def md_table_lines(headers: Sequence[str], rows: Iterable[Sequence[Any]]) -> Iterator[str]:
    """`md_table`'s lines, as the rows come: a listing of any length is written
    without being held."""
    yield "| " + " | ".join(headers) + " |"
    yield "|" + "|".join("---" for _ in headers) + "|"
    for row in rows:
        yield "| " + " | ".join(md_escape(cell) for cell in row) + " |"
