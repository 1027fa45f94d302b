"""Rules for the free text people type: titles, names, notes."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from typing import Final

TITLE_MAX: Final = 300
TEXT_MAX: Final = 20_000
# Control characters (other than newline and tab in long texts) and the
# invisible bidirectional overrides that make a string display differently
# from what it is (CVE-2021-42574, "trojan source").
_BIDI_CONTROLS: Final = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
# Letters that show as nothing at all (Hangul fillers, the blank braille pattern):
# a name made of them looks empty, or like another name.
_BLANK_LETTERS: Final = frozenset("\u115f\u1160\u3164\uffa0\u2800")
_SPACES: Final = re.compile(r"[ \t]+")
# What a spreadsheet takes for the start of a formula (or, tab and CR, for a
# cell to shift): a cell written for people starts with ' instead (OWASP
# "CSV injection"), and an import takes the ' off again.
FORMULA_START: Final = ("=", "+", "-", "@", "\t", "\r")


def _is_noncharacter(ch: str) -> bool:
    """U+FDD0..U+FDEF and the last two code points of every plane (U+FFFE, U+FFFF...)."""
    code = ord(ch)
    return 0xFDD0 <= code <= 0xFDEF or code & 0xFFFE == 0xFFFE


class TextError(ValueError):
    """A text that cannot be stored; the message says why."""


def clean_text(value: str, *, limit: int, multiline: bool = False) -> str:
    """The text as it will be stored: trimmed, checked for hidden characters and length.

    Raises TextError("empty" | "control" | "not-a-character" | "too-long");
    "control" when the text has both kinds of character.
    """
    # Printable ASCII has none of the characters below; an import checks many
    # thousands of cells, each distinct character is judged once.
    # A printable text (Unicode's letters, marks, numbers, punctuation, symbols and
    # the space: no control, format, separator, private, unassigned or surrogate
    # character) has none of them but the blank letters.
    if not (value.isprintable() and _BLANK_LETTERS.isdisjoint(value)):
        found = {_character_problem(ch, multiline) for ch in set(value)}
        for problem in ("control", "not-a-character"):
            if problem in found:
                raise TextError(problem)
    if multiline or ("  " not in value and "\t" not in value):
        cleaned = value.strip()  # no run of spaces to make one
    else:
        cleaned = _SPACES.sub(" ", value).strip()
    if not cleaned:
        raise TextError("empty")
    if len(cleaned) > limit:
        raise TextError("too-long")
    return cleaned


@lru_cache(maxsize=4096)
def _character_problem(ch: str, multiline: bool) -> str | None:
    category = unicodedata.category(ch)
    # Cc: control characters; Cf: invisible format characters (direction marks,
    # zero-width spaces, soft hyphens); Zl/Zp: line and paragraph separators.
    hidden = category in ("Cf", "Zl", "Zp") or ch in _BIDI_CONTROLS
    if hidden or (category == "Cc" and not (multiline and ch in "\n\t")):
        return "control"
    # Co: private use; Cn: unassigned (noncharacters among them); Cs: surrogates.
    # What they look like depends on the font, if they show at all.
    if category in ("Co", "Cn", "Cs") or ch in _BLANK_LETTERS or _is_noncharacter(ch):
        return "not-a-character"
    return None
