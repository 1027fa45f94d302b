"""Who is at the keyboard: recorded as the reporter of collaborations and in the audit trail."""

from __future__ import annotations

import getpass
import os
import unicodedata

USER_ENV = "VANORT_USER"
MAX_LENGTH = 100


def current_user() -> str:
    """The name the person gave (VANORT_USER), else the operating system's user name:
    who reported a collaboration, as the report should name them."""
    return given_name() or os_user()


def os_user() -> str:
    """The operating system's user name: who the audit trail holds responsible.

    Unlike VANORT_USER, anyone can set it only by logging in as someone else.
    """
    try:
        raw = getpass.getuser()
    except (KeyError, OSError):
        raw = ""
    return _printable(raw) or "unknown"


def given_name() -> str | None:
    """VANORT_USER, the name the person says they are, or None when not set."""
    return _printable(os.environ.get(USER_ENV, "")) or None


def _printable(raw: str) -> str:
    """The name as plain printable text: it lands in the audit trail and on screens, so
    control and invisible characters are dropped and the length is capped."""
    # Separators and control characters become spaces; invisible format marks go.
    cleaned = "".join(
        " " if unicodedata.category(ch) in ("Cc", "Zl", "Zp") else ch
        for ch in raw
        if unicodedata.category(ch) not in ("Cf", "Cs", "Co", "Cn")
    )
    return " ".join(cleaned.split())[:MAX_LENGTH]
