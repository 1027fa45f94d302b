"""Rules for the free text people type: titles, names, notes."""

from __future__ import annotations

import re
import unicodedata
from typing import Final

TITLE_MAX: Final = 300
TEXT_MAX: Final = 20_000
# Control characters (other than newline and tab in long texts) and the
# invisible bidirectional overrides that make a string display differently
# from what it is (CVE-2021-42574, "trojan source").
_BIDI_CONTROLS: Final = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
_SPACES: Final = re.compile(r"[ \t]+")


class TextError(ValueError):
    """A text that cannot be stored; the message says why."""


def clean_text(value: str, *, limit: int, multiline: bool = False) -> str:
    """The text as it will be stored: trimmed, checked for hidden characters and length.

    Raises TextError("empty" | "control" | "too-long").
    """
    allowed = {"\n", "\t"} if multiline else set()
    for ch in value:
        category = unicodedata.category(ch)
        # Cc: control characters; Cf: invisible format characters (direction marks,
        # zero-width spaces, soft hyphens); Zl/Zp: line and paragraph separators.
        hidden = category in ("Cf", "Zl", "Zp") or ch in _BIDI_CONTROLS
        if hidden or (category == "Cc" and ch not in allowed):
            raise TextError("control")
    cleaned = value.strip() if multiline else _SPACES.sub(" ", value).strip()
    if not cleaned:
        raise TextError("empty")
    if len(cleaned) > limit:
        raise TextError("too-long")
    return cleaned
