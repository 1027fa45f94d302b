"""A value as text: for machines (ISO dates, English) and for people (their
language), with every invisible or control character made visible."""

from __future__ import annotations

import enum
import unicodedata
from collections.abc import Mapping
from dataclasses import fields, is_dataclass
from datetime import date, datetime
from typing import Any

from vanort_cli.i18n import N_, Worded, gettext, pick, speaking

# -- text that is safe to show ------------------------------------------------------
# What a person's terminal would act on instead of showing: control characters
# (ESC, BEL, CSI, carriage return...), invisible format characters (bidirectional
# overrides, zero-width spaces), line and paragraph separators, and what is not a
# character at all (unassigned, private use, surrogates). Text from the registry,
# a file or the command line is shown with these as visible escapes: `\x1b`.
INVISIBLE_CATEGORIES = frozenset({"Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp"})


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
        elif unicodedata.category(ch) in INVISIBLE_CATEGORIES:
            shown.append(_escape(ch))
        else:
            shown.append(ch)
    return "".join(shown)


def for_terminal(text: str) -> str:
    """Data written as text (CSV, HTML, iCalendar, a registry document) as a
    terminal is to show it: like `visible`, but its line ends (CRLF too) and tabs
    kept, since they are the data's own layout."""
    if text.replace("\n", "").replace("\t", "").isprintable():
        return text
    return "\r\n".join(
        "\t".join(visible(part) for part in line.split("\t")) for line in text.split("\r\n")
    )


# The fields of each dataclass met, in order (None: not a dataclass).
_FIELD_NAMES: dict[type, tuple[str, ...] | None] = {}


def _field_names(kind: type) -> tuple[str, ...] | None:
    """The fields of a dataclass, in order (None for any other type): worked out
    once a type, as JSON Lines asks for every record of a stream."""
    if kind not in _FIELD_NAMES:
        _FIELD_NAMES[kind] = tuple(f.name for f in fields(kind)) if is_dataclass(kind) else None
    return _FIELD_NAMES[kind]


def to_jsonable(value: Any) -> Any:
    # First what a listing meets on every row: a day, and a record of a type seen
    # before (a type is in _FIELD_NAMES only once it has passed the tests below).
    kind = type(value)
    if kind is date:
        return value.isoformat()
    known = _FIELD_NAMES.get(kind)
    if known is not None:
        return {name: getattr(value, name) for name in known}
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
    names = _field_names(type(value))
    if names is not None:
        # A record (domain/records.py): its fields in order, as orjson writes it.
        return {name: getattr(value, name) for name in names}
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


# A line names this many at most, and says how many more (check, letters).
NAMED_AT_MOST = 5


def few(names: list[str], at_most: int = NAMED_AT_MOST) -> str:
    """Names for one line: the first few, then "and 3 more" in the language."""
    from vanort_cli.i18n import messages as m

    first = ", ".join(names[:at_most])
    more = len(names) - at_most
    return m.OUTLASTING_MORE.format(listed=first, more=more) if more > 0 else first
