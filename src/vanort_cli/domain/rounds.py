"""The reporting round's rules (P4, P10): who exists in a year, who is late, in
which order the office reads the status, and what a year's report says of it.

Pure: the commands pass `today` in, and the registry's rows arrive as plain
values, so every rule here is property-tested (tests/unit/test_rounds.py).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Final, Literal

from vanort_cli.domain.collation import swedish_sort_key

# A start as precisely as it is known: a year, a year and month, or a day (ISO
# 8601's reduced precision). Never a day invented for a year.
_SINCE: Final = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")

Answer = Literal["collaborations", "nothing"]
ANSWERS: Final = ("collaborations", "nothing")


def read_since(text: str) -> str:
    """`since` as stored: "2021", "2021-10" or "2021-10-01" (month and day with two
    digits); ValueError for anything else, or for a month or day that does not exist."""
    found = _SINCE.match(text.strip())
    if found is None:
        raise ValueError(text)
    year, month, day = (int(part) if part else None for part in found.groups())
    assert year is not None
    date(year, month or 1, day or 1)  # raises ValueError for 2021-13 or 2021-02-30
    return found.group(0)


def since_first_day(since: str) -> date:
    """The first day `since` may mean: 2021 -> 2021-01-01, 2021-10 -> 2021-10-01."""
    parts = [int(part) for part in since.split("-")]
    month, day = [*parts[1:], 1, 1][:2]
    return date(parts[0], month, day)


def existed_in(year: int, *, since: str | None, retired_on: date | None) -> bool:
    """Whether an organisation existed during `year`: it came into being in or
    before the year (an unknown start counts as before any year asked about) and
    was not retired before the year began (`retired_on` is its last day)."""
    started = since is None or since_first_day(since).year <= year
    ended = retired_on is not None and retired_on.year < year
    return started and not ended


def is_late(
    *, deadline: date, answered_on: date | None, today: date, closed_on: date | None = None
) -> bool:
    """Late: answered after the deadline, or after the round was closed (a closed
    round still takes answers, marked late); not answered, and the deadline passed
    or the round is closed. The deadline day itself is in time."""
    cut = deadline if closed_on is None else min(deadline, closed_on)
    if answered_on is not None:
        return answered_on > cut
    return today > deadline or closed_on is not None


@dataclass(frozen=True)
class Asked:
    """An organisation asked in a round, as `round status` shows it."""

    organisation: str
    asked_on: date | None
    reminded_on: date | None
    answered_on: date | None
    answer: Answer | None
    collaborations: int
    late: bool


def status_order(rows: Iterable[Asked]) -> list[Asked]:
    """The late first (those still silent before those who answered late), then
    those still to answer, then those who answered; by name within each."""

    def rank(row: Asked) -> tuple[int, tuple[object, ...]]:
        silent = row.answer is None
        group = (0 if silent else 1) if row.late else (2 if silent else 3)
        return group, swedish_sort_key(row.organisation)

    return sorted(rows, key=rank)


@dataclass(frozen=True)
class RoundCounts:
    """How many were asked in a round, and how they stand: `round show` and
    `round list`. The three answers add up to the organisations asked; the late
    are counted among them (a late answer is still an answer)."""

    asked: int
    answered_with_collaborations: int
    answered_nothing: int
    did_not_answer: int
    late: int


def count_answers(rows: Iterable[Asked]) -> RoundCounts:
    """The organisations asked in a round (`status`'s rows) counted by answer."""
    listed = list(rows)
    answers = [row.answer for row in listed]
    return RoundCounts(
        asked=len(listed),
        answered_with_collaborations=answers.count("collaborations"),
        answered_nothing=answers.count("nothing"),
        did_not_answer=answers.count(None),
        late=sum(1 for row in listed if row.late),
    )


@dataclass(frozen=True)
class RoundSummary:
    """What a year's report says of its round: the organisations by answer, each
    list in Swedish alphabetical order."""

    answered_with_collaborations: list[str]
    answered_nothing: list[str]
    did_not_answer: list[str]


def summarise(rows: Sequence[tuple[str, Answer | None]]) -> RoundSummary:
    """(organisation, answer) pairs -> the three lists of the report."""

    def named(answer: Answer | None) -> list[str]:
        return sorted({name for name, given in rows if given == answer}, key=swedish_sort_key)

    return RoundSummary(named("collaborations"), named("nothing"), named(None))
