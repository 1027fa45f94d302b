"""Towns: listing them and the shapes in which they leave the registry."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict
from typing import Any

from sqlmodel import Session, select

from vanort_cli.domain.collaborations import Departure, TownDecisionFact, departure
from vanort_cli.domain.collation import swedish_sort_key, swedish_sorted
from vanort_cli.domain.membership import Membership, joined_on
from vanort_cli.domain.names import normalise
from vanort_cli.domain.refs import TownRef
from vanort_cli.i18n import Name
from vanort_cli.store.models import Town, TownAlias, TownDecision

HOME_TOWN = "goteborg"


def town_name(town: Town) -> Name:
    """The town's name as a person reads it: Åbo in Swedish, Turku in English, worded
    when it is shown (in a sentence formatted now, or a finding shown later).
    (Records keep both: `name` and `name_sv`.)"""
    return Name(town.name, town.name_sv)


def town_ref(town: Town) -> TownRef:
    """A town as other records name it: the `host` object of the JSON output."""
    return TownRef(key=town.key, name=town.name, name_sv=town.name_sv, country=town.country)


def town_departure(*, session: Session, town: Town) -> Departure:
    """Whether and when the town left: a twin town retired, a partnership ended."""
    if town.status not in ("retired", "ended"):
        return departure(kind=town.kind, status=town.status, decisions=[], rotation_until_year=None)
    facts = [
        TownDecisionFact(d.action, d.status, d.decided_on)
        for d in session.exec(select(TownDecision).where(TownDecision.town_id == town.id))
    ]
    return departure(
        kind=town.kind,
        status=town.status,
        decisions=facts,
        rotation_until_year=town.rotation_until_year,
    )


def _membership(town: Town, decisions: Sequence[TownDecision]) -> Membership:
    facts = [TownDecisionFact(d.action, d.status, d.decided_on) for d in decisions]
    joined = joined_on(
        twinned_since=town.twinned_since,
        established=[d.decided_on for d in decisions if d.action == "establish"],
    )
    decided = {d.decided_on for d in decisions if d.action == "establish"}
    return Membership(
        joined=joined,
        joined_day_known=joined is None or joined in decided,
        left=departure(
            kind=town.kind,
            status=town.status,
            decisions=facts,
            rotation_until_year=town.rotation_until_year,
        ),
    )


def town_membership(*, session: Session, town: Town) -> Membership:
    """When the town was a twin town or partner city: joined, and left."""
    decisions = session.exec(select(TownDecision).where(TownDecision.town_id == town.id)).all()
    return _membership(town, decisions)


def memberships(*, session: Session) -> dict[int, Membership]:
    """Every town's membership by id: two queries, whatever the number of towns."""
    decisions: dict[int, list[TownDecision]] = {}
    for decision in session.exec(select(TownDecision)):
        decisions.setdefault(decision.town_id, []).append(decision)
    return {
        town.id: _membership(town, decisions.get(town.id, []))
        for town in session.exec(select(Town))
        if town.id is not None
    }


def town_public(*, session: Session, town: Town) -> dict[str, Any]:
    aliases = session.exec(select(TownAlias.alias).where(TownAlias.town_id == town.id)).all()
    left = town_departure(session=session, town=town)
    return {
        **asdict(town_ref(town)),
        "name_local": town.name_local,
        "official_name": town.official_name,
        "municipality_code": town.municipality_code,
        "kind": town.kind,
        "status": town.status,
        # The day a twin town retired or a partnership ended (None: still here, or unknown).
        "left_on": left.on,
        "twinned_since": town.twinned_since,
        "rotation_position": town.rotation_position,
        "rotation_from_year": town.rotation_from_year,
        "rotation_until_year": town.rotation_until_year,
        "aliases": swedish_sorted(list(set(aliases))),
        "source": town.source,
        "note": town.note,
        "note_sv": town.note_sv,
    }


def folded_together(spellings: Sequence[str]) -> list[tuple[str, str]]:
    """Each spelling that is an earlier one once case, accents and punctuation are
    set aside (`Tromso` after `Tromsø`), with that earlier one: a name finds the
    town in every such spelling, so it is not stored again."""
    first: dict[str, str] = {}
    same: list[tuple[str, str]] = []
    for spelling in spellings:
        earlier = first.setdefault(normalise(spelling), spelling)
        if earlier != spelling:
            same.append((spelling, earlier))
    return same


def list_towns(*, session: Session) -> list[Town]:
    """Twin towns in rotation order first, then the partner cities by name."""
    towns = session.exec(select(Town)).all()
    return sorted(
        towns,
        key=lambda t: (
            t.kind != "twin",
            t.rotation_position if t.rotation_position is not None else 10**6,
            swedish_sort_key(t.name_sv),
        ),
    )


def towns_by_id(*, session: Session) -> dict[int, Town]:
    return {t.id: t for t in session.exec(select(Town)) if t.id is not None}
