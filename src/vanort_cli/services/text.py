"""Checking the free text of a command's options, with messages that name the option."""

from __future__ import annotations

from vanort_cli.domain.text import TEXT_MAX, TextError, clean_text
from vanort_cli.errors import RuleError
from vanort_cli.i18n import messages as m


def checked(value: str, *, option: str, limit: int = TEXT_MAX, multiline: bool = False) -> str:
    try:
        return clean_text(value, limit=limit, multiline=multiline)
    except TextError as error:
        template = {
            "empty": m.TEXT_EMPTY,
            "control": m.TEXT_CONTROL,
            "not-a-character": m.TEXT_NOT_A_CHARACTER,
            "too-long": m.TEXT_TOO_LONG,
        }[str(error)]
        raise RuleError(template.format(option=option, limit=limit)) from None


def optional(
    value: str | None, *, option: str, limit: int = TEXT_MAX, multiline: bool = False
) -> str | None:
    """Like `checked`, for an option that may be left out (None)."""
    if value is None:
        return None
    return checked(value, option=option, limit=limit, multiline=multiline)
