"""The records a service hands to whatever shows them: a collaboration, naming its
towns, organisation and area by the references of `domain/refs.py`.

They are typed so that a renderer (a table, CSV, xlsx, the export, the memo)
reads attributes mypy checks, not keys of a dict. Each is also the JSON that
scripts read: its fields, in their order, are the keys `--format json` writes
(orjson writes a dataclass field by field), so a field is never renamed,
reordered or added here without a new key being published.

They live in the domain, the lowest floor, so that every room that reads them
(services, exchange, reports, output, cli) may import them; they hold plain
values only, never a database row or cursor.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import NamedTuple

from vanort_cli.domain.refs import AreaRef, CollaborationTownRef, OrganisationRef


@dataclass(frozen=True, slots=True, kw_only=True)
class CollaborationRecord:
    """A collaboration as commands show it (`collaborations list` and `show`, the
    report's items, the export): its towns in Swedish alphabetical order."""

    id: int
    title: str
    towns: tuple[CollaborationTownRef, ...]
    organisation: OrganisationRef
    area: AreaRef
    kind: str  # project | network | exchange | study-visit | other
    start_date: date
    end_date: date | None  # None: ongoing
    # Said for scripts, which read it rather than test end_date for null.
    ongoing: bool = field(init=False)
    description: str | None
    contact: str | None
    reported_by: str
    reported_on: date
    created_at: datetime
    updated_at: datetime

    def __post_init__(self) -> None:
        object.__setattr__(self, "ongoing", self.end_date is None)


@dataclass(frozen=True)
class ShownCollaboration(CollaborationRecord):
    """One collaboration as `collaborations show` shows it: also which login stored
    it (the database role on a server, the operating-system login on a file), as
    the database recorded it, beside `reported_by`, the name anyone may type."""

    stored_by: str | None = None


class CollaborationLine(NamedTuple):
    """A collaboration as `collaborations list -f csv` writes it, a field a column
    (`cli.columns.COLLAB_COLUMNS`, whose keys are these fields' names): the
    record's towns, organisation and area already as the CSV names them. A plain
    tuple, made without a record a row, for a listing of any size."""

    id: int
    title: str
    towns: str  # the towns' Swedish names in Swedish alphabetical order, ", " between
    organisation: str  # its name
    organisation_kind: str
    area: str  # its English name
    kind: str
    start_date: date
    end_date: date | None
    reported_by: str
    reported_on: date
