"""Who is at the keyboard: recorded as the reporter of collaborations and in the audit trail."""

from __future__ import annotations

import getpass
import os

USER_ENV = "VANORT_USER"


def current_user() -> str:
    """VANORT_USER, else the operating system's user name."""
    try:
        return os.environ.get(USER_ENV) or getpass.getuser()
    except (KeyError, OSError):
        return "unknown"
