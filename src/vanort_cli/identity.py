"""Who is at the keyboard: recorded as the reporter of collaborations and in the audit trail."""

from __future__ import annotations

import getpass
import os
import unicodedata

USER_ENV = "VANORT_USER"
MAX_LENGTH = 100


def current_user() -> str:
    """VANORT_USER, else the operating system's user name, as plain printable text.

    The name lands in the audit trail and on screens, so control and invisible
    characters are dropped and the length is capped, whatever the environment says.
    """
    try:
        raw = os.environ.get(USER_ENV) or getpass.getuser()
    except (KeyError, OSError):
        raw = ""
    # Separators and control characters become spaces; invisible format marks go.
    cleaned = "".join(
        " " if unicodedata.category(ch) in ("Cc", "Zl", "Zp") else ch
        for ch in raw
        if unicodedata.category(ch) not in ("Cf", "Cs", "Co", "Cn")
    )
    cleaned = " ".join(cleaned.split())[:MAX_LENGTH]
    return cleaned or "unknown"
