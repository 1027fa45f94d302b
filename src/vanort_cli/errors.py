"""The one error type of vanort, and the exit codes it carries.

Exit codes (documented in the README):
  0  success
  1  the command could not be done: unknown name, a rule of the registry or the
     policy refused it, or the registry file is unusable
  2  usage: an option or argument that cannot be read (malformed date, year,
     format), as for any command-line tool
"""

from __future__ import annotations

import errno
from typing import ClassVar


class VanortError(Exception):
    """Something the user can fix; shown as one line on stderr, never a traceback."""

    exit_code: ClassVar[int] = 1

    def __init__(self, message: str, hint: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint

    def __str__(self) -> str:
        return f"{self.message} {self.hint}" if self.hint else self.message


class UsageError(VanortError):
    """A value on the command line that cannot be read."""

    exit_code = 2


class NotFoundError(VanortError):
    """A name, year or id that the registry does not know."""


class RuleError(VanortError):
    """A change that the registry's rules or the policy do not allow."""


class RegistryError(VanortError):
    """The registry file or database cannot be used as it is."""


def os_reason(error: OSError) -> str:
    """Why the operating system refused, in the language of the command: its own
    words (strerror) are English whatever the locale."""
    from vanort_cli.i18n import messages as m

    name = errno.errorcode.get(error.errno or 0, "")
    reasons: dict[str, str] = m.OS_REASONS
    return reasons.get(name) or str(error.strerror or error)
