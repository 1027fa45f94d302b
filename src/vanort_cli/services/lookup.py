"""Finding towns, organisations and areas by any of the names people use."""

from __future__ import annotations

from collections import defaultdict

from sqlmodel import Session, select

from vanort_cli import messages as m
from vanort_cli.domain.names import match_name
from vanort_cli.errors import NotFoundError
from vanort_cli.models import Area, Organisation, OrganisationAlias, Town, TownAlias


def _not_found(
    what: str,
    name: str,
    suggestions: tuple[str, ...],
    command: str,
    known: list[str] | None = None,
) -> NotFoundError:
    if suggestions:
        hint = m.DID_YOU_MEAN.format(names=", ".join(suggestions))
    elif known:
        hint = m.KNOWN_ARE.format(what=what, names=", ".join(known))
    else:
        hint = ""
    # Echo what was typed on one short line, whatever it contained.
    shown = "".join(ch if ch.isprintable() else "?" for ch in name)
    shown = shown if len(shown) <= 60 else shown[:57] + "..."
    return NotFoundError(
        m.UNKNOWN_NAME.format(what=what, name=shown),
        " ".join(filter(None, [hint, m.SEE_LIST.format(command=command)])),
    )


def find_town(*, session: Session, name: str) -> Town:
    """The town that `name` names, in any known spelling; else NotFoundError with hints."""
    towns = {t.key: t for t in session.exec(select(Town))}
    spellings: dict[str, list[str]] = defaultdict(list)
    id_to_key = {t.id: t.key for t in towns.values()}
    for alias in session.exec(select(TownAlias)):
        spellings[id_to_key[alias.town_id]].append(alias.alias)
    for town in towns.values():
        spellings[town.key] += [town.name, town.name_sv]
    display = {t.key: t.name_sv for t in towns.values()}
    found = match_name(name, spellings, display)
    if found.key is None:
        twins = [t.name_sv for t in sorted(towns.values(), key=lambda t: t.key) if t.kind == "twin"]
        raise _not_found("town", name, found.suggestions, "towns list", twins)
    return towns[found.key]


def find_organisation(*, session: Session, name: str) -> Organisation:
    orgs = {o.key: o for o in session.exec(select(Organisation))}
    id_to_key = {o.id: o.key for o in orgs.values()}
    spellings: dict[str, list[str]] = defaultdict(list)
    for alias in session.exec(select(OrganisationAlias)):
        spellings[id_to_key[alias.organisation_id]].append(alias.alias)
    for org in orgs.values():
        spellings[org.key].append(org.name)
    found = match_name(name, spellings, {o.key: o.name for o in orgs.values()})
    if found.key is None:
        error = _not_found("organisation", name, found.suggestions, "orgs list")
        error.hint = f"{error.hint} {m.ADD_ORGANISATION}"
        raise error
    return orgs[found.key]


def find_area(*, session: Session, name: str) -> Area:
    areas = {a.key: a for a in session.exec(select(Area))}
    spellings = {
        a.key: [a.name_en, a.name_sv, *filter(None, a.aliases.split(","))] for a in areas.values()
    }
    found = match_name(name, spellings, {a.key: a.name_en for a in areas.values()})
    if found.key is None:
        known = sorted(a.name_en for a in areas.values())
        raise _not_found("area", name, found.suggestions, "areas list", known)
    return areas[found.key]
