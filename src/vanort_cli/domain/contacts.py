"""Reading a contact's e-mail address and phone number as people type them.

Strict enough that a letter is not sent to a typo (one @, a domain with a dot,
no spaces or angle brackets that would break a header), loose enough for the
addresses the City uses (first.last@goteborg.se, förnamn@bolag.se).
"""

from __future__ import annotations

import re
from typing import Final

LANGUAGES: Final = ("sv", "en")
_LOCAL: Final = re.compile(r"^[^\s@<>,;:\"()\[\]\\]+$")
_DOMAIN_LABEL: Final = re.compile(r"^[^\W_](?:[\w-]{0,61}[^\W_])?$")
_PHONE: Final = re.compile(r"^\+?[0-9][0-9 ()-]{4,24}$")
EMAIL_MAX: Final = 254


class ContactValueError(ValueError):
    """The value is not an address or number; str() is the value."""


def read_email(text: str) -> str:
    """The address as it will be used, with spaces around it removed and the
    domain in lower case; ContactValueError for anything that is not one."""
    address = text.strip()
    local, at, domain = address.rpartition("@")
    labels = domain.split(".")
    if (
        not at
        or len(address) > EMAIL_MAX
        or not _LOCAL.match(local)
        or local.startswith(".")
        or local.endswith(".")
        or ".." in local
        or len(labels) < 2
        or not all(_DOMAIN_LABEL.match(label) for label in labels)
    ):
        raise ContactValueError(text)
    return f"{local}@{domain.lower()}"


def read_phone(text: str) -> str:
    """A phone number as typed (031-365 00 00, +46 31 365 00 00); ContactValueError
    for text that is not one."""
    number = " ".join(text.split())
    if not _PHONE.match(number) or sum(ch.isdigit() for ch in number) < 5:
        raise ContactValueError(text)
    return number
