"""How one record names another: a town, an organisation or an area by its key
and names, the shape every command's JSON gives them (`host`, `towns`,
`organisation`, `area`)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class TownRef:
    key: str
    name: str  # English or local: Gothenburg, Turku
    name_sv: str  # Göteborg, Åbo
    country: str  # ISO 3166-1 alpha-2


@dataclass(frozen=True, slots=True)
class CollaborationTownRef(TownRef):
    """A town as a collaboration, a count or the name books name it: with its kind."""

    kind: str  # twin | partner


@dataclass(frozen=True, slots=True)
class OrganisationRef:
    key: str
    name: str
    kind: str  # forvaltning | bolag


@dataclass(frozen=True, slots=True)
class AreaRef:
    key: str
    name: str  # English
    name_sv: str
