"""The records a service hands to whatever shows them: a collaboration, and the
towns, organisation and area it names.

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


@dataclass(frozen=True, slots=True)
class TownRef:
    """A twin town or partner city as a collaboration names it."""

    key: str
    name: str  # English (Turku)
    name_sv: str  # Swedish (Åbo)
    country: str
    kind: str  # twin | partner


@dataclass(frozen=True, slots=True)
class OrganisationRef:
    """An administration or company of the City."""

    key: str
    name: str
    kind: str  # forvaltning | bolag


@dataclass(frozen=True, slots=True)
class AreaRef:
    """An area of collaboration (culture, education...)."""

    key: str
    name: str  # English
    name_sv: str


@dataclass(frozen=True, slots=True, kw_only=True)
class CollaborationRecord:
    """A collaboration as commands show it (`collaborations list` and `show`, the
    report's items, the export): its towns in Swedish alphabetical order."""

    id: int
    title: str
    towns: tuple[TownRef, ...]
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
