"""Collaborations already logged that go on after their town left (a twin town
retired, a partnership ended) or after their organisation's last day: what
retiring or ending says, and what `check` flags until they are ended or corrected."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Literal

from sqlmodel import Session, col, select

from vanort_cli.domain.collaborations import reaches_past
from vanort_cli.i18n import Name
from vanort_cli.services.merges import organisation_merges
from vanort_cli.services.towns import town_departure, town_name
from vanort_cli.store.models import Collaboration, CollaborationTown, Organisation, Town


@dataclass(frozen=True)
class Outlasting:
    """A live collaboration that goes on after `last_day`, the day its `party` (a
    town or its organisation) left."""

    id: int
    title: str
    start_date: date
    end_date: date | None  # None: ongoing
    party_kind: Literal["town", "organisation"]
    party_key: str
    party: Name | str  # a town's name in the reader's language; an organisation's name
    last_day: date


def _past(
    rows: Iterable[Collaboration],
    last_day: date,
    kind: Literal["town", "organisation"],
    key: str,
    name: Name | str,
) -> list[Outlasting]:
    found = [
        Outlasting(c.id, c.title, c.start_date, c.end_date, kind, key, name, last_day)
        for c in rows
        if c.id is not None and reaches_past(c.start_date, c.end_date, last_day)
    ]
    return sorted(found, key=lambda o: (o.start_date, o.id))


def outlasting_town(*, session: Session, town: Town) -> list[Outlasting]:
    """The town's collaborations that go on after the day it left (none while it
    has not left, or left on a day nobody recorded)."""
    left = town_departure(session=session, town=town)
    if not left.left or left.on is None:
        return []
    rows = session.exec(
        select(Collaboration)
        .join(CollaborationTown, col(CollaborationTown.collaboration_id) == Collaboration.id)
        .where(CollaborationTown.town_id == town.id)
    ).all()
    return _past(rows, left.on, "town", town.key, town_name(town))


def outlasting_organisation(*, session: Session, org: Organisation) -> list[Outlasting]:
    """The organisation's collaborations that go on after its last day."""
    if org.retired_on is None:
        return []
    rows = session.exec(select(Collaboration).where(Collaboration.organisation_id == org.id)).all()
    return _past(rows, org.retired_on, "organisation", org.key, org.name)


def all_outlasting(*, session: Session) -> list[Outlasting]:
    """Every such collaboration in the registry, towns first, for `check`."""
    found: list[Outlasting] = []
    for town in session.exec(
        select(Town).where(col(Town.status).in_(("retired", "ended"))).order_by(col(Town.key))
    ):
        found.extend(outlasting_town(session=session, town=town))
    merged = organisation_merges(session=session)
    for org in session.exec(
        select(Organisation)
        .where(col(Organisation.retired_on).is_not(None))
        .order_by(col(Organisation.key))
    ):
        # A merged organisation's work goes on under the one it joined: not a loose end.
        if org.id not in merged:
            found.extend(outlasting_organisation(session=session, org=org))
    return found
