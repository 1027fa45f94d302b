"""Finding towns, organisations and areas by any of the names people use."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Generic, TypeVar, cast

from sqlmodel import Session, select

from vanort_cli import messages as m
from vanort_cli.domain.collation import swedish_sorted
from vanort_cli.domain.names import build_index, match_name
from vanort_cli.errors import NotFoundError
from vanort_cli.models import Area, Organisation, OrganisationAlias, Town, TownAlias

Record = TypeVar("Record")
NAME_BOOKS = "vanort_name_books"  # session.info key
NAMED = (Town, TownAlias, Organisation, OrganisationAlias, Area)


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


@dataclass(frozen=True)
class _NameBook(Generic[Record]):
    """The records of one kind with every spelling of their names, folded once."""

    records: dict[str, Record]
    spellings: dict[str, list[str]]
    display: dict[str, str]
    index: dict[str, str]

    def find(self, typed: str) -> tuple[Record | None, tuple[str, ...]]:
        found = match_name(typed, self.spellings, self.display, self.index)
        return (self.records[found.key] if found.key else None), found.suggestions


def _book(
    records: dict[str, Record],
    spellings: dict[str, list[str]],
    display: dict[str, str],
) -> _NameBook[Record]:
    return _NameBook(records, spellings, display, build_index(spellings))


def _cached(session: Session, kind: str, make: Callable[[], _NameBook[Any]]) -> _NameBook[Any]:
    """One name book per kind and session: an import looks up thousands of names."""
    books: dict[str, _NameBook[Any]] = session.info.setdefault(NAME_BOOKS, {})
    if kind not in books:
        books[kind] = make()
    return books[kind]


def forget_names(session: Session, _context: Any = None) -> None:
    """Drop the cached name books after a flush that may have added names."""
    if any(isinstance(o, NAMED) for o in (*session.new, *session.dirty, *session.deleted)):
        session.info.pop(NAME_BOOKS, None)


def _town_book(session: Session) -> _NameBook[Town]:
    towns = {t.key: t for t in session.exec(select(Town))}
    spellings: dict[str, list[str]] = defaultdict(list)
    id_to_key = {t.id: t.key for t in towns.values()}
    for alias in session.exec(select(TownAlias)):
        spellings[id_to_key[alias.town_id]].append(alias.alias)
    for town in towns.values():
        spellings[town.key] += [town.name, town.name_sv]
    return _book(towns, spellings, {t.key: t.name_sv for t in towns.values()})


def _organisation_book(session: Session) -> _NameBook[Organisation]:
    orgs = {o.key: o for o in session.exec(select(Organisation))}
    id_to_key = {o.id: o.key for o in orgs.values()}
    spellings: dict[str, list[str]] = defaultdict(list)
    for alias in session.exec(select(OrganisationAlias)):
        spellings[id_to_key[alias.organisation_id]].append(alias.alias)
    for org in orgs.values():
        spellings[org.key].append(org.name)
    return _book(orgs, spellings, {o.key: o.name for o in orgs.values()})


def _area_book(session: Session) -> _NameBook[Area]:
    areas = {a.key: a for a in session.exec(select(Area))}
    spellings = {
        a.key: [a.name_en, a.name_sv, *filter(None, a.aliases.split(","))] for a in areas.values()
    }
    return _book(areas, spellings, {a.key: a.name_en for a in areas.values()})


def _current(town: Town) -> bool:
    return town.status not in ("retired", "ended")


# Which towns an unknown name's hint lists: those that fit what the command asks for.
TOWN_HINTS: dict[str, Callable[[Town], bool]] = {
    # The twin towns and partner cities of today (a meeting's host, a delegation).
    "current": _current,
    # A collaboration is with another town than Göteborg.
    "collaboration": lambda t: _current(t) and t.key != "goteborg",
    # The twin towns in the meeting rotation.
    "twin": lambda t: _current(t) and t.kind == "twin",
    "partner": lambda t: t.kind == "partner",
    "any": lambda t: True,
}


def find_town(*, session: Session, name: str, hint: str = "current") -> Town:
    """The town that `name` names, in any known spelling; else NotFoundError with
    hints: the closest names, else the towns that fit (`TOWN_HINTS[hint]`), in
    Swedish alphabetical order."""
    book = _cached(session, "town", lambda: _town_book(session))
    town, suggestions = book.find(name)
    if town is None:
        fits = TOWN_HINTS[hint]
        known = swedish_sorted([t.name_sv for t in book.records.values() if fits(t)])
        raise _not_found("town", name, suggestions, "towns list", known)
    return cast(Town, town)


def find_organisation(*, session: Session, name: str) -> Organisation:
    book = _cached(session, "organisation", lambda: _organisation_book(session))
    org, suggestions = book.find(name)
    if org is None:
        error = _not_found("organisation", name, suggestions, "orgs list")
        error.hint = f"{error.hint} {m.ADD_ORGANISATION}"
        raise error
    return cast(Organisation, org)


def find_area(*, session: Session, name: str) -> Area:
    book = _cached(session, "area", lambda: _area_book(session))
    area, suggestions = book.find(name)
    if area is None:
        known = sorted(a.name_en for a in book.records.values())
        raise _not_found("area", name, suggestions, "areas list", known)
    return cast(Area, area)


def match_town(*, session: Session, name: str) -> tuple[Town | None, tuple[str, ...]]:
    """The town `name` names, else None and the closest spellings (for an import's
    messages, which name the closest without raising)."""
    book = _cached(session, "town", lambda: _town_book(session))
    return cast(tuple[Town | None, tuple[str, ...]], book.find(name))


def match_organisation(
    *, session: Session, name: str
) -> tuple[Organisation | None, tuple[str, ...]]:
    book = _cached(session, "organisation", lambda: _organisation_book(session))
    return cast(tuple[Organisation | None, tuple[str, ...]], book.find(name))


def match_area(*, session: Session, name: str) -> tuple[Area | None, tuple[str, ...]]:
    book = _cached(session, "area", lambda: _area_book(session))
    return cast(tuple[Area | None, tuple[str, ...]], book.find(name))
