"""Who is at the keyboard: recorded as the reporter of collaborations and in the audit trail."""

from __future__ import annotations

import os
import unicodedata

USER_ENV = "VANORT_USER"
MAX_LENGTH = 100


def current_user() -> str:
    """The name the person gave (VANORT_USER), else the operating system's user name:
    who reported a collaboration, as the report should name them."""
    return given_name() or os_user()


def os_user() -> str:
    """The login of the operating system's account running this process: who the
    history holds responsible on SQLite.

    Read from the process's user id, never from LOGNAME or USER, which anyone can
    set: `LOGNAME=mayor vanort ...` is still recorded as whoever ran it.
    """
    uid = os.getuid()
    try:
        import pwd

        raw = pwd.getpwuid(uid).pw_name
    except (KeyError, ImportError):  # an account without a passwd entry (a container)
        raw = f"uid {uid}"
    return _printable(raw) or f"uid {uid}"


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
