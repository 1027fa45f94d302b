"""The registry's names, read once: finding towns, organisations and areas by any
of the names people use, and naming them by id in the records commands show.

This is the one name cache: per kind, a book of every spelling (to find a record
by what someone typed) and of each record's reference by id (to name it in a
collaboration record, a count, a trend), built from the same rows, kept for a
session until a flush changes names, and shared by every session that reads the
same rows."""

from __future__ import annotations

from collections import OrderedDict, defaultdict
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any, Generic, TypeVar, cast

from sqlalchemy import Select, event
from sqlalchemy import select as sa_select
from sqlmodel import Session, select

from vanort_cli.domain.collation import swedish_sort_key, swedish_sorted
from vanort_cli.domain.merges import merged_away
from vanort_cli.domain.names import build_index, match_name, normalise
from vanort_cli.domain.refs import AreaRef, CollaborationTownRef, OrganisationRef
from vanort_cli.errors import NotFoundError
from vanort_cli.i18n import is_swedish, pick
from vanort_cli.i18n import messages as m
from vanort_cli.store.models import Area, Organisation, OrganisationAlias, Town, TownAlias

NAME_BOOKS = "vanort_name_books"  # session.info key
NAMED = (Town, TownAlias, Organisation, OrganisationAlias, Area)


def _not_found(
    what: str,
    name: str,
    suggestions: tuple[str, ...],
    command: str,
    known: list[str] | None = None,
) -> NotFoundError:
    # The kind of name in the language ("town": "ort"), as the sentences say it.
    said = m.NAMED_WHAT.get(what, what)
    if suggestions:
        hint = m.DID_YOU_MEAN.format(names=", ".join(suggestions))
    elif known:
        hint = m.KNOWN_ARE.format(what=said, names=", ".join(known))
    else:
        hint = ""
    # Echo what was typed on one short line, whatever it contained.
    shown = "".join(ch if ch.isprintable() else "?" for ch in name)
    shown = shown if len(shown) <= 60 else shown[:57] + "..."
    return NotFoundError(
        m.UNKNOWN_NAME.format(what=said, name=shown),
        " ".join(filter(None, [hint, m.SEE_LIST.format(command=command)])),
    )


Ref = TypeVar("Ref", CollaborationTownRef, OrganisationRef, AreaRef)


@dataclass(frozen=True)
class _NameBook(Generic[Ref]):
    """The records of one kind with every spelling of their names, folded once,
    and each one's reference by id.

    It holds ids and references, not database records, so that one book serves
    every session that sees the same names (`_book_for`); a session takes its
    records by id."""

    ids: dict[str, int]
    spellings: dict[str, list[str]]
    display: dict[str, str]  # the names suggested in English
    index: dict[str, str]
    refs: dict[int, Ref]  # each record as records name it (domain/records.py)
    display_sv: dict[str, str] | None = None  # ... and in Swedish, if they differ

    def find(self, typed: str) -> tuple[int | None, tuple[str, ...]]:
        """The id `typed` names, else the closest names in the language of the command."""
        display = self.display_sv if self.display_sv is not None and is_swedish() else None
        found = match_name(typed, self.spellings, display or self.display, self.index)
        return (self.ids[found.key] if found.key else None), found.suggestions


def _rows_of(model: type[Any], *columns: str) -> Select[Any]:
    table = model.__table__
    return sa_select(*(table.c[column] for column in columns)).order_by(table.c.id)


# The names as the registry holds them, one query per table, in id order; a
# book is built from these rows and nothing else.
_NAME_ROWS: dict[str, tuple[Select[Any], ...]] = {
    "town": (
        _rows_of(Town, "id", "key", "name", "name_sv", "country", "kind"),
        _rows_of(TownAlias, "town_id", "alias"),
    ),
    "organisation": (
        _rows_of(Organisation, "id", "key", "name", "kind"),
        _rows_of(OrganisationAlias, "organisation_id", "alias"),
    ),
    "area": (_rows_of(Area, "id", "key", "name_en", "name_sv", "aliases"),),
}
Rows = tuple[tuple[tuple[Any, ...], ...], ...]
# Books built in this process, by the rows they were built from: a session whose
# names read the same rows takes the book as it is, whichever registry, session
# or process wrote them. The last few are kept (a process may open a few registries).
_BOOKS: OrderedDict[tuple[str, Rows], _NameBook[Any]] = OrderedDict()
_BOOKS_KEPT = 8


def _town_book(rows: Rows) -> _NameBook[CollaborationTownRef]:
    towns, aliases = rows
    id_to_key = {town[0]: town[1] for town in towns}
    spellings: dict[str, list[str]] = defaultdict(list)
    for town_id, alias in aliases:
        spellings[id_to_key[town_id]].append(alias)
    for _id, key, name, name_sv, _country, _kind in towns:
        spellings[key] += [name, name_sv]
    return _NameBook(
        {key: i for i, key in id_to_key.items()},
        spellings,
        {key: name for _id, key, name, *_ in towns},
        build_index(spellings),
        {
            i: CollaborationTownRef(key, name, name_sv, country, kind)
            for i, key, name, name_sv, country, kind in towns
        },
        {key: name_sv for _id, key, _name, name_sv, *_ in towns},
    )


def _organisation_book(rows: Rows) -> _NameBook[OrganisationRef]:
    orgs, aliases = rows
    id_to_key = {org[0]: org[1] for org in orgs}
    spellings: dict[str, list[str]] = defaultdict(list)
    for org_id, alias in aliases:
        spellings[id_to_key[org_id]].append(alias)
    # An organisation merged into another is found by none of its names: they
    # find the one it joined (its record stays, for the years it ran its work).
    owners = {normalise(alias): org_id for org_id, alias in aliases}
    away = merged_away({org[0]: org[2] for org in orgs}, owners)
    for org_id, key, name, _kind in orgs:
        if org_id not in away:
            spellings[key].append(name)
    return _NameBook(
        {key: i for i, key in id_to_key.items()},
        spellings,
        {key: name for _id, key, name, _kind in orgs},
        build_index(spellings),
        {i: OrganisationRef(key, name, kind) for i, key, name, kind in orgs},
    )


def _area_book(rows: Rows) -> _NameBook[AreaRef]:
    (areas,) = rows
    spellings = {
        key: [name_en, name_sv, *filter(None, aliases.split(","))]
        for _id, key, name_en, name_sv, aliases in areas
    }
    return _NameBook(
        {key: area_id for area_id, key, *_ in areas},
        spellings,
        {key: name_en for _id, key, name_en, _name_sv, _aliases in areas},
        build_index(spellings),
        {i: AreaRef(key, name_en, name_sv) for i, key, name_en, name_sv, _aliases in areas},
        {key: name_sv for _id, key, _name_en, name_sv, _aliases in areas},
    )


_BUILDERS: dict[str, Callable[[Rows], _NameBook[Any]]] = {
    "town": _town_book,
    "organisation": _organisation_book,
    "area": _area_book,
}
_KINDS: dict[str, type[Any]] = {"town": Town, "organisation": Organisation, "area": Area}


def _book_for(session: Session, kind: str) -> _NameBook[Any]:
    """The book of `kind`'s names as `session` sees them.

    Reading the rows is one small query per table; folding them into an index
    is what costs, so a book is built once per process for the same rows. The
    rows are compared whole, so a name changed by any session or process is
    seen by the next session, and a rolled-back change is forgotten."""
    rows: Rows = tuple(
        tuple(tuple(row) for row in session.execute(query)) for query in _NAME_ROWS[kind]
    )
    key = (kind, rows)
    book = _BOOKS.get(key)
    if book is None:
        book = _BUILDERS[kind](rows)
        _BOOKS[key] = book
        while len(_BOOKS) > _BOOKS_KEPT:
            _BOOKS.popitem(last=False)
    else:
        _BOOKS.move_to_end(key)
    return book


@dataclass
class _SessionBook:
    """A book and the records one session has taken from it by id."""

    book: _NameBook[Any]
    records: dict[int, Any]


def _session_book(session: Session, kind: str) -> _SessionBook:
    """One book per kind and session (an import looks up thousands of names),
    until a flush changes names (`forget_names`)."""
    books: dict[str, _SessionBook] = session.info.setdefault(NAME_BOOKS, {})
    if kind not in books:
        books[kind] = _SessionBook(_book_for(session, kind), {})
    return books[kind]


@dataclass(frozen=True)
class Names:
    """The towns, organisations and areas by id, as records name them."""

    towns: Mapping[int, CollaborationTownRef]
    organisations: Mapping[int, OrganisationRef]
    areas: Mapping[int, AreaRef]
    # Each town's place in Swedish alphabetical order of the Swedish names, the
    # order a record lists its towns in (a key for sorted()).
    town_order: Mapping[int, int]


def names_by_id(*, session: Session) -> Names:
    """The registry's names as `session` sees them, from the session's books."""
    towns: Mapping[int, CollaborationTownRef] = _session_book(session, "town").book.refs
    alphabetical = sorted(towns, key=lambda i: swedish_sort_key(towns[i].name_sv))
    return Names(
        towns=towns,
        organisations=_session_book(session, "organisation").book.refs,
        areas=_session_book(session, "area").book.refs,
        town_order={town_id: place for place, town_id in enumerate(alphabetical)},
    )


def _find(session: Session, kind: str, typed: str) -> tuple[Any, tuple[str, ...]]:
    """The record `typed` names in `session`, else None and the closest spellings."""
    entry = _session_book(session, kind)
    record_id, suggestions = entry.book.find(typed)
    if record_id is None:
        return None, suggestions
    if record_id not in entry.records:
        entry.records[record_id] = session.get(_KINDS[kind], record_id)
    return entry.records[record_id], suggestions


def forget_names(session: Session, _context: Any = None) -> None:
    """Drop the session's books after a flush that may have changed names."""
    if any(isinstance(o, NAMED) for o in (*session.new, *session.dirty, *session.deleted)):
        session.info.pop(NAME_BOOKS, None)


# Every session's books are dropped after such a flush. Registered here, on the
# class, so that the store below never needs to know that a name cache exists:
# a session can hold books only once this module has been imported.
event.listen(Session, "after_flush", forget_names)


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
    town, suggestions = _find(session, "town", name)
    if town is None:
        fits = TOWN_HINTS[hint]
        known = swedish_sorted(
            [pick(t.name, t.name_sv) for t in session.exec(select(Town)) if fits(t)]
        )
        raise _not_found("town", name, suggestions, "towns list", known)
    return cast(Town, town)


def find_organisation(*, session: Session, name: str) -> Organisation:
    org, suggestions = _find(session, "organisation", name)
    if org is None:
        error = _not_found("organisation", name, suggestions, "orgs list")
        error.hint = f"{error.hint} {m.ADD_ORGANISATION}"
        raise error
    return cast(Organisation, org)


def find_area(*, session: Session, name: str) -> Area:
    area, suggestions = _find(session, "area", name)
    if area is None:
        known = swedish_sorted([pick(a.name_en, a.name_sv) for a in session.exec(select(Area))])
        raise _not_found("area", name, suggestions, "areas list", known)
    return cast(Area, area)


def match_town(*, session: Session, name: str) -> tuple[Town | None, tuple[str, ...]]:
    """The town `name` names, else None and the closest spellings (for an import's
    messages, which name the closest without raising)."""
    return cast(tuple[Town | None, tuple[str, ...]], _find(session, "town", name))


def match_organisation(
    *, session: Session, name: str
) -> tuple[Organisation | None, tuple[str, ...]]:
    return cast(tuple[Organisation | None, tuple[str, ...]], _find(session, "organisation", name))


def match_area(*, session: Session, name: str) -> tuple[Area | None, tuple[str, ...]]:
    return cast(tuple[Area | None, tuple[str, ...]], _find(session, "area", name))
