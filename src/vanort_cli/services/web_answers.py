"""What the reporter's web page shows: an organisation's collaborations of a
round's year with what their forms need, and the choices drawn from the registry."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlmodel import Session, col, select

from vanort_cli.i18n import pick, values
from vanort_cli.services.collaborations import COLLABORATION_KINDS
from vanort_cli.services.round_workbooks import listed_collaborations
from vanort_cli.store.models import Area, Collaboration, CollaborationTown, Organisation, Town


@dataclass(frozen=True)
class Choices:
    towns: list[tuple[str, str]]  # key, name in the language of the moment
    areas: list[tuple[str, str]]
    kinds: list[tuple[str, str]]


def choices(*, session: Session) -> Choices:
    towns = [
        (t.key, pick(t.name, t.name_sv))
        for t in session.exec(select(Town))
        if t.key != "goteborg" and t.status != "retired"
    ]
    areas = [(a.key, pick(a.name_en, a.name_sv)) for a in session.exec(select(Area))]
    kinds = [(k, values.COLLABORATION_KIND.word(k)) for k in COLLABORATION_KINDS]
    return Choices(sorted(towns, key=lambda t: t[1]), areas, kinds)


def rows(*, session: Session, year: int, org: Organisation) -> list[dict[str, Any]]:
    """Each listed collaboration with its stored row, its towns' and area's keys."""
    found = []
    for item in listed_collaborations(session=session, year=year, org=org):
        stored = session.get(Collaboration, item.id)
        assert stored is not None
        town_keys = list(
            session.exec(
                select(Town.key)
                .join(CollaborationTown, col(CollaborationTown.town_id) == Town.id)
                .where(CollaborationTown.collaboration_id == item.id)
            )
        )
        area = session.get(Area, stored.area_id)
        found.append(
            {
                "item": item,
                "stored": stored,
                "town_keys": town_keys,
                "area_key": area.key if area else "",
            }
        )
    return found
