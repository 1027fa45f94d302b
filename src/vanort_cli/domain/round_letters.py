"""Whether a round's letter or reminder is due to a contact, and under which
Message-ID: the rule that makes sending idempotent and resumable.

Pure: the service passes in the contact's past letters of the round as plain
values (tests/unit/test_round_letters.py).

- A letter (the first asking) is sent once a contact and round: one already sent
  is skipped unless `again`.
- A reminder is sent once a contact and day: a crash resumes that day's reminder,
  and next week's reminder goes out.
- A letter recorded but not marked sent (written to a file, or sent when the
  connection dropped before the server's answer was recorded) is sent again
  under the SAME Message-ID, so a recipient who did receive it sees one message.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Final, Literal

LetterKind = Literal["letter", "reminder"]
KINDS: Final = ("letter", "reminder")


@dataclass(frozen=True)
class PastLetter:
    """A letter or reminder recorded for the contact in the round."""

    id: int
    kind: LetterKind
    day: date  # the day it was written (recorded)
    sent: bool


@dataclass(frozen=True)
class Due:
    """What to do for the contact: `reuse` names the unsent record to send under
    its own Message-ID; neither `reuse` nor `skip`: a new letter."""

    reuse: int | None = None
    skip: bool = False


def due(past: Iterable[PastLetter], *, kind: LetterKind, day: date, again: bool = False) -> Due:
    """The step for one contact. Letters: an unsent one is resumed, a sent one
    skipped unless `again`. Reminders: the same, for the reminders of `day` only."""
    mine = [p for p in past if p.kind == kind and (kind == "letter" or p.day == day)]
    unsent = [p for p in mine if not p.sent]
    if unsent:
        return Due(reuse=max(p.id for p in unsent))
    if any(p.sent for p in mine) and not (again and kind == "letter"):
        return Due(skip=True)
    return Due()
