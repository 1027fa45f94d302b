"""The shipped data in data/: read, and loaded into a new registry."""

from __future__ import annotations

from sqlmodel import Session, select

from vanort_cli.domain.names import normalise
from vanort_cli.store.models import (
    Area,
    Meeting,
    Organisation,
    OrganisationAlias,
    Town,
    TownAlias,
    TownDecision,
)
from vanort_cli.store.shipped import data_dir as data_dir
from vanort_cli.store.shipped import load as load


def add_town_aliases(session: Session, town: Town, names: list[str]) -> None:
    """Record the spellings of a town, skipping those another town already has."""
    assert town.id is not None
    taken = {a.normalised for a in session.exec(select(TownAlias))}
    for name in [town.name, town.name_sv, *(names or [])]:
        folded = normalise(name)
        if folded and folded not in taken:
            session.add(TownAlias(town_id=town.id, alias=name, normalised=folded))
            taken.add(folded)


def add_organisation_aliases(session: Session, org: Organisation, names: list[str]) -> None:
    assert org.id is not None
    taken = {a.normalised for a in session.exec(select(OrganisationAlias))}
    for name in [org.name, *(names or [])]:
        folded = normalise(name)
        if folded and folded not in taken:
            session.add(OrganisationAlias(organisation_id=org.id, alias=name, normalised=folded))
            taken.add(folded)


def seed_registry(session: Session) -> None:
    """Fill a new, empty registry with the shipped towns, meetings, organisations and areas."""
    towns: dict[str, Town] = {}
    for row in load("towns")["towns"]:
        fields = {k: v for k, v in row.items() if k not in ("aliases", "decisions")}
        town = Town(**fields)
        session.add(town)
        session.flush()
        add_town_aliases(session, town, row.get("aliases", []))
        towns[town.key] = town
        if town.kind == "twin" and town.id is not None:
            # P7: the 1946 twinning predates the records vanort was seeded from.
            session.add(
                TownDecision(
                    town_id=town.id,
                    action="establish",
                    body="KF",
                    reference=None,
                    decided_on=None,
                    status="active",
                    note="Twinned in 1946; no decision reference is known.",
                    source=town.source,
                )
            )
        for decision in row.get("decisions", []):
            assert town.id is not None
            session.add(TownDecision(town_id=town.id, **decision))
    for row in load("meetings")["meetings"]:
        fields = {k: v for k, v in row.items() if k != "host"}
        host_id = towns[row["host"]].id
        assert host_id is not None
        session.add(Meeting(host_town_id=host_id, **fields))
    for row in load("organisations")["organisations"]:
        fields = {k: v for k, v in row.items() if k != "aliases"}
        org = Organisation(**fields)
        session.add(org)
        session.flush()
        add_organisation_aliases(session, org, row.get("aliases", []))
    for row in load("areas")["areas"]:
        session.add(
            Area(
                key=row["key"],
                name_en=row["name_en"],
                name_sv=row["name_sv"],
                aliases=",".join(row.get("aliases", [])),
            )
        )
    session.flush()
