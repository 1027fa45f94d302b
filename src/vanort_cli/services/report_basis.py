"""What every report counts from: which collaborations were active in a period or
reported in it (portable SQL), and the names of the towns, organisations and
areas they are counted by. Shared by the annual report, the evaluation draft and
the charts' trend (services/overview)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import ColumnElement, and_, or_
from sqlmodel import Session, col, select

from vanort_cli.domain.collation import swedish_sort_key
from vanort_cli.services.towns import town_ref
from vanort_cli.services.vocabulary import area_ref, organisation_ref
from vanort_cli.store.models import Area, Collaboration, Organisation, Town


def active_during(first: date, last: date) -> ColumnElement[bool]:
    """SQL: a live (not deleted) collaboration that overlaps `first` to `last`."""
    return and_(
        col(Collaboration.deleted_at).is_(None),
        col(Collaboration.start_date) <= last,
        or_(col(Collaboration.end_date).is_(None), col(Collaboration.end_date) >= first),
    )


def reported_during(first: date, last: date) -> ColumnElement[bool]:
    return and_(col(Collaboration.reported_on) >= first, col(Collaboration.reported_on) <= last)


@dataclass(frozen=True)
class Names:
    """Towns, organisations and areas by id, as reports name them (small tables, read once)."""

    towns: dict[int, dict[str, Any]]
    town_keys: dict[int, Any]  # each town's Swedish sort key
    organisations: dict[int, dict[str, Any]]
    areas: dict[int, dict[str, Any]]

    @classmethod
    def read(cls, session: Session) -> Names:
        towns = list(session.exec(select(Town)))
        return cls(
            towns={t.id or 0: {**town_ref(t), "kind": t.kind} for t in towns},
            town_keys={t.id or 0: swedish_sort_key(t.name_sv) for t in towns},
            organisations={
                o.id or 0: organisation_ref(o) for o in session.exec(select(Organisation))
            },
            areas={a.id or 0: area_ref(a) for a in session.exec(select(Area))},
        )
