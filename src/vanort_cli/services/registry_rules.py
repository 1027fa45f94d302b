"""A registry document's values held to the rules the commands hold them to
(`db import`, `db copy`).

`store/registry_json.py` checks a document's shape: its tables, columns, value
types and links. This adds what a value must be to be stored by any command or
by `collaborations import`: text by `domain.text.clean_text` (no control or
hidden direction characters, nothing that is not a character, no longer than
the command's limit, not empty where it needs text); a kind, status, body or
action one of those the commands allow; an end on or after its start (a
meeting's dates in its year). Each rule is
asked of its owner, never restated here; the first value that breaks one is
refused with one line naming the file, the table, the row and its id, and the
column. The history (audit_entry) is left to the history's own import.

Not held: the rules of a moment rather than of a value. A report dated after
today was refused on the day it was recorded, by that day; a document from a
registry whose clock (or VANORT_TODAY) was ahead holds such dates rightly.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from vanort_cli.domain.contacts import LANGUAGES, ContactValueError, read_email, read_phone
from vanort_cli.domain.rotation import RECORDED_STATUSES
from vanort_cli.domain.rounds import ANSWERS, read_since
from vanort_cli.domain.text import TEXT_MAX, TITLE_MAX, TextError, clean_text
from vanort_cli.errors import UsageError
from vanort_cli.i18n import messages as m
from vanort_cli.i18n import values
from vanort_cli.services.collaborations import COLLABORATION_KINDS
from vanort_cli.services.governance import BODIES
from vanort_cli.services.vocabulary import ORGANISATION_KINDS
from vanort_cli.store.registry_json import HISTORY_TABLE, RegistryDocument


@dataclass(frozen=True)
class TextRule:
    """How the commands take a column's text: its longest, whether it may hold
    lines, and whether it may be empty (only a column no command asks for)."""

    limit: int = TITLE_MAX
    multiline: bool = False
    may_be_empty: bool = False


# Every text column is a line of at most TITLE_MAX characters, as the commands'
# names, titles, places and references are; these are what differ.
_LONG_TEXT = TextRule(limit=TEXT_MAX, multiline=True)
TEXT_RULES: Mapping[tuple[str, str], TextRule] = {
    ("collaboration", "description"): _LONG_TEXT,
    ("meeting", "note"): _LONG_TEXT,
    ("town", "note"): _LONG_TEXT,
    ("town_decision", "note"): _LONG_TEXT,
    ("organisation", "note"): _LONG_TEXT,
    # The extra spellings of an area, comma-separated: the shipped data leaves most empty.
    ("area", "aliases"): TextRule(limit=TEXT_MAX, may_be_empty=True),
    ("vanort_meta", "value"): TextRule(limit=TEXT_MAX),
}
# The values a column allows, from where the commands take them.
CHOICES: Mapping[tuple[str, str], tuple[str, ...]] = {
    ("collaboration", "kind"): COLLABORATION_KINDS,
    ("organisation", "kind"): ORGANISATION_KINDS,
    ("meeting", "status"): RECORDED_STATUSES,
    ("town", "kind"): values.TOWN_KIND.keys,
    ("town", "status"): values.TOWN_STATUS.keys,
    ("town_decision", "status"): values.TOWN_STATUS.keys,
    ("town_decision", "action"): values.DECISION_ACTION.keys,
    ("town_decision", "body"): BODIES,
    ("organisation_contact", "language"): LANGUAGES,
    ("round_organisation", "answer"): ANSWERS,
}
# The tables whose rows have a first and a last day.
DATED = ("collaboration", "meeting")

# What `clean_text` found, by the name of its sentence (worded when shown).
_TEXT_PROBLEMS = {
    "empty": "REGISTRY_JSON_EMPTY",
    "control": "REGISTRY_JSON_CONTROL",
    "not-a-character": "REGISTRY_JSON_NOT_A_CHARACTER",
    "too-long": "REGISTRY_JSON_TOO_LONG",
}


def check_values(document: RegistryDocument) -> None:
    """Refuse the document (exit 2) at its first value that a command would refuse."""
    for table, rows in document.tables.items():
        if table == HISTORY_TABLE:
            continue  # imported as history, by its own rules
        for number, row in enumerate(rows, start=1):
            problem = _row_problem(table, row)
            if problem is not None:
                column, text = problem
                where = m.REGISTRY_JSON_WHERE_ID.format(
                    table=table, number=number, id=row.get("id", row.get("key"))
                )
                raise UsageError(
                    m.REGISTRY_JSON_REFUSED_VALUE.format(
                        path=document.source,
                        where=where,
                        column=column,
                        value=_shown(row[column]),
                        problem=text,
                    )
                )


def _shown(value: Any) -> str:
    """The value as the line quotes it: JSON, its controls as escapes, cut short."""
    text = json.dumps(value if isinstance(value, str) else str(value))
    return text if len(text) <= 60 else text[:56] + '..."'


def _row_problem(table: str, row: Mapping[str, Any]) -> tuple[str, str] | None:
    for column, value in row.items():
        if isinstance(value, str):
            rule = TEXT_RULES.get((table, column), TextRule())
            if not (value == "" and rule.may_be_empty):
                try:
                    clean_text(value, limit=rule.limit, multiline=rule.multiline)
                except TextError as error:
                    sentence = getattr(m, _TEXT_PROBLEMS[str(error)])
                    return column, sentence.format(limit=rule.limit)
        allowed = CHOICES.get((table, column))
        if allowed is not None and value is not None and value not in allowed:
            return column, m.REGISTRY_JSON_NOT_A_CHOICE.format(choices=", ".join(allowed))
    if table in DATED:
        start, end = row["start_date"], row["end_date"]
        if start is not None and end is not None and end < start:
            return "end_date", m.REGISTRY_JSON_END_BEFORE_START.format(start=start)
    return _lifespan_or_contact_problem(table, row) or _meeting_problem(table, row)


def _lifespan_or_contact_problem(table: str, row: Mapping[str, Any]) -> tuple[str, str] | None:
    """An organisation's start and a contact's address and number, read as
    `orgs edit --since` and `orgs contact add` read them."""
    if table == "organisation" and row["since"] is not None:
        try:
            if read_since(row["since"]) != row["since"]:
                raise ValueError(row["since"])
        except ValueError:
            return "since", m.REGISTRY_JSON_NOT_A_SINCE
    if table == "organisation_contact":
        try:
            read_email(row["email"])
        except ContactValueError:
            return "email", m.REGISTRY_JSON_NOT_AN_EMAIL
        try:
            if row["phone"] is not None:
                read_phone(row["phone"])
        except ContactValueError:
            return "phone", m.REGISTRY_JSON_NOT_A_PHONE
    return None


def _meeting_problem(table: str, row: Mapping[str, Any]) -> tuple[str, str] | None:
    if table == "meeting":
        for column in ("start_date", "end_date"):
            day = row[column]
            if day is not None and day.year != row["year"]:
                return column, m.REGISTRY_JSON_NOT_IN_YEAR.format(year=row["year"])
    return None
