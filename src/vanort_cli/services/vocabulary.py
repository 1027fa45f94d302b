"""Organisations (förvaltningar and bolag) and areas: the names collaborations are filed under."""

from __future__ import annotations

from typing import Any

from sqlmodel import Session, select

from vanort_cli import messages as m
from vanort_cli.domain.names import normalise, unique_key
from vanort_cli.domain.text import TITLE_MAX
from vanort_cli.errors import RuleError
from vanort_cli.models import Area, Organisation, OrganisationAlias
from vanort_cli.seed import add_organisation_aliases
from vanort_cli.services.text import checked

ORGANISATION_KINDS = ("forvaltning", "bolag")


def organisation_ref(org: Organisation) -> dict[str, Any]:
    return {"key": org.key, "name": org.name, "kind": org.kind}


def area_ref(area: Area) -> dict[str, Any]:
    return {"key": area.key, "name": area.name_en, "name_sv": area.name_sv}


def list_organisations(*, session: Session) -> list[dict[str, Any]]:
    aliases: dict[int, list[str]] = {}
    for alias in session.exec(select(OrganisationAlias)):
        aliases.setdefault(alias.organisation_id, []).append(alias.alias)
    orgs = sorted(session.exec(select(Organisation)), key=lambda o: (o.kind, normalise(o.name)))
    return [
        {
            **organisation_ref(o),
            "aliases": sorted(a for a in aliases.get(o.id or 0, []) if a != o.name),
            "confirmed": o.confirmed,
            "source": o.source,
        }
        for o in orgs
    ]


def add_organisation(*, session: Session, name: str, kind: str, aliases: list[str]) -> Organisation:
    """Add an administration or company; its name and aliases must be new."""
    name = checked(name, option="NAME", limit=TITLE_MAX)
    aliases = [checked(a, option="--alias", limit=TITLE_MAX) for a in aliases]
    if kind not in ORGANISATION_KINDS:
        raise RuleError(m.ORG_KIND.format(kind=kind))
    if not any(ch.isalpha() for ch in name):
        raise RuleError(m.ORG_NEEDS_LETTERS.format(name=name))
    # Compared without spaces too, so "Kultur förvaltningen" is Kulturförvaltningen.
    taken = {
        a.normalised.replace(" ", ""): a.organisation_id
        for a in session.exec(select(OrganisationAlias))
    }
    for spelling in [name, *aliases]:
        folded = normalise(spelling).replace(" ", "")
        if folded in taken:
            owner = session.get(Organisation, taken[folded])
            raise RuleError(m.ORG_EXISTS.format(name=spelling, owner=owner.name if owner else "?"))
    key = unique_key(name, session.exec(select(Organisation.key)), "organisation")
    org = Organisation(key=key, name=name, kind=kind, confirmed=True, source=m.ADDED_BY_STAFF)
    session.add(org)
    session.flush()
    add_organisation_aliases(session, org, aliases)
    session.flush()
    return org


def list_areas(*, session: Session) -> list[dict[str, Any]]:
    areas = session.exec(select(Area).order_by(Area.id)).all()  # type: ignore[arg-type]
    return [{**area_ref(a), "aliases": [x for x in a.aliases.split(",") if x]} for a in areas]
