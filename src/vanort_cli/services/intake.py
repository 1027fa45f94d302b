"""Importing an administration's file of collaborations (P4, P10): every row
matched against the registry, duplicates skipped, and the rest stored in bulk.

The rows are read as a stream, in batches. Each batch is checked (names,
the towns' and organisation's standing on the start day, duplicates of the
registry and of earlier rows); while no row so far has a problem, the batch is
written with a few multi-row INSERTs (collaborations, their towns and their
audit entries) instead of an ORM flush per row. Once a row has a problem,
nothing more is written and the caller rolls the whole transaction back: an
import stores every row of the file, or none.
"""

from __future__ import annotations

from array import array
from bisect import bisect_right
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import cache
from itertools import islice
from typing import Any, overload

from sqlalchemy import Date, Integer, Select, Table, and_, bindparam, func, or_, select
from sqlmodel import Session

from vanort_cli.domain.collaborations import (
    CollaborationIdentity,
    fold_title,
    identity,
    reaches_past,
    standing_on,
    starts_after_retirement,
)
from vanort_cli.domain.membership import Membership
from vanort_cli.domain.merges import Merges
from vanort_cli.domain.names import normalise
from vanort_cli.domain.refs import TownRef
from vanort_cli.exchange.sheet import ImportTable
from vanort_cli.i18n import Day
from vanort_cli.i18n import messages as m
from vanort_cli.i18n.messages import Prose
from vanort_cli.services.intake_rows import Draft, Layout, Problem, Skip, draft_row, read_header
from vanort_cli.services.lookup import match_area, match_organisation, match_town
from vanort_cli.services.merges import former_names, organisation_merges
from vanort_cli.services.towns import town_membership
from vanort_cli.store.audit import audit_rows
from vanort_cli.store.backend import backend_of
from vanort_cli.store.bulk import insert_rows, insert_rows_returning_ids
from vanort_cli.store.models import (
    Area,
    AuditEntry,
    Collaboration,
    CollaborationTown,
    Organisation,
    Town,
    utc_now,
)

BATCH = 1000
HOME_TOWN = "goteborg"
COLLABORATIONS: Table = Collaboration.__table__  # type: ignore[attr-defined]
LINKS: Table = CollaborationTown.__table__  # type: ignore[attr-defined]
AUDIT: Table = AuditEntry.__table__  # type: ignore[attr-defined]


class StoredIds(Sequence[int]):
    """The ids an import gave its rows, in the order it stored them, kept as runs
    of consecutive ids: an import's ids follow one another (on SQLite always), so
    300,000 of them take a few bytes, not 8 bytes each (an array) or ~36 (a list)."""

    def __init__(self, ids: Iterable[int] = ()) -> None:
        self._firsts: array[int] = array("q")  # the first id of each run
        self._starts: array[int] = array("q")  # where each run begins, counted in ids
        self._count = 0
        self.extend(ids)

    def extend(self, ids: Iterable[int]) -> None:
        for stored_id in ids:
            if not self._count or stored_id != self[-1] + 1:
                self._firsts.append(stored_id)
                self._starts.append(self._count)
            self._count += 1

    def __len__(self) -> int:
        return self._count

    @overload
    def __getitem__(self, index: int) -> int: ...
    @overload
    def __getitem__(self, index: slice) -> list[int]: ...
    def __getitem__(self, index: int | slice) -> int | list[int]:
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(self._count))]
        if index < 0:
            index += self._count
        if not 0 <= index < self._count:
            raise IndexError(index)
        run = bisect_right(self._starts, index) - 1
        return self._firsts[run] + index - self._starts[run]

    def __iter__(self) -> Iterator[int]:
        ends = [*self._starts[1:], self._count] if self._starts else []
        for first, start, end in zip(self._firsts, self._starts, ends, strict=True):
            yield from range(first, first + end - start)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Sequence):
            return NotImplemented
        return len(self) == len(other) and all(a == b for a, b in zip(self, other, strict=True))

    __hash__ = None  # type: ignore[assignment]  # mutable, as a list

    def __repr__(self) -> str:
        return f"StoredIds({list(self)!r})"


# How many lines of the rows a note is about a summary names (cli/intake.py): the
# rest it counts.
NAMED_LINES = 10


class NotedLines:
    """The lines of the rows a note of an import is about (a dormant town, a former
    name, a departure), in the file's order: how many, and the first NAMED_LINES
    of them, the only ones a summary names. An import of 300,000 rows may name a
    dormant town in 46,000: keeping every line made its memory grow with the file."""

    __slots__ = ("_last", "count", "first")

    def __init__(self) -> None:
        self.count = 0
        self.first: list[int] = []
        self._last: int | None = None

    def add(self, number: int) -> None:
        self.count += 1
        if len(self.first) < NAMED_LINES:
            self.first.append(number)

    def add_once(self, number: int) -> None:
        """Note a row's line, once however many of its towns (and its organisation)
        say so: a row's notes come one after another, the rows in the file's order,
        so a row already noted was the last one noted."""
        if number != self._last:
            self.add(number)
            self._last = number

    def __bool__(self) -> bool:
        return self.count > 0


@dataclass(frozen=True)
class Duplicate:
    number: int  # the row skipped
    existing_id: int | None  # the live collaboration it repeats
    earlier: int | None  # or the earlier row of the file it repeats


@dataclass
class ImportOutcome:
    """What an import did, or (a dry run, or with problems) would have done."""

    place: str
    description: str
    rows: int = 0  # rows after the header, empty ones included
    new: int = 0  # rows that are (or would be) stored
    # The ids given to them (none in a dry run), as runs of consecutive ids.
    ids: StoredIds = field(default_factory=lambda: StoredIds())
    duplicates: list[Duplicate] = field(default_factory=list)
    empty_rows: int = 0
    total_rows: list[int] = field(default_factory=list)
    ignored_columns: list[str] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    # Rows naming a dormant partner city (stored, with a note), by town.
    dormant: dict[TownRef, NotedLines] = field(default_factory=dict)
    # Rows naming an organisation by a former name (a rename, a merge): by the name
    # typed and the organisation's name now.
    former_names: dict[tuple[str, str], NotedLines] = field(default_factory=dict)
    # Rows that go on after a town of theirs left or their organisation's last day
    # (stored: they began before; `check` flags them).
    past_departure: NotedLines = field(default_factory=NotedLines)
    nothing_in_file: bool = False  # not one row under the header
    # Empty rows at the end of a sheet are no rows at all (Excel keeps formatted ones).
    trailing_empty: int = 0


@dataclass(frozen=True, slots=True)
class _TownFacts:
    """What checking a row asks of a town, read off its record once an import
    (an ORM attribute costs more than a row's check can spare)."""

    id: int
    key: str
    status: str
    twin: bool
    ref: TownRef
    membership: Membership


@dataclass
class _Ready:
    """A row checked against the registry, by the ids it will be stored with."""

    draft: Draft
    organisation_id: int
    area_id: int
    town_ids: list[int]
    identity: CollaborationIdentity


class _Registry:
    """What an import asks of the registry, each question asked once."""

    def __init__(self, session: Session) -> None:
        self.session = session
        self._towns: dict[str, tuple[Town | None, tuple[str, ...]]] = {}
        self._orgs: dict[str, tuple[Organisation | None, tuple[str, ...]]] = {}
        self._areas: dict[str, tuple[Area | None, tuple[str, ...]]] = {}
        self._memberships: dict[int, Membership] = {}
        self._facts: dict[str, tuple[_TownFacts | None, tuple[str, ...]]] = {}
        self._is_former: dict[tuple[str, int], bool] = {}
        self._former: dict[int, set[str]] = {}  # folded former names, by organisation
        self._merges: Merges | None = None
        self.floor: int | None = None  # the largest id before this import
        # The line of each row this import stored, by its id, as runs in which
        # the id and the line both go up by one: the first id of each run, its
        # first line and its length. An import stores its rows in the file's
        # order and their ids follow one another (on SQLite always), so a run
        # ends only where the file has a row not stored (a duplicate, a total
        # row): a few bytes for a whole file, where arrays of ids and lines took
        # 16 bytes a row and a dict of every row's identity ~0.8 KB.
        self._run_ids: array[int] = array("q")
        self._run_lines: array[int] = array("q")
        self._run_lengths: array[int] = array("q")

    def stored(self, ids: Sequence[int], lines: Sequence[int]) -> None:
        """Note the ids this import gave the rows of these lines."""
        pairs = sorted(zip(ids, lines, strict=True))
        if self._run_ids and pairs and pairs[0][0] <= self._last_id():
            # Never on SQLite (ids follow the largest); kept right on any server.
            pairs = sorted([*self._pairs(), *pairs])
            self._run_ids, self._run_lines, self._run_lengths = (
                array("q"),
                array("q"),
                array("q"),
            )
        for stored_id, line in pairs:
            if (
                self._run_ids
                and stored_id == self._last_id() + 1
                and line == self._run_lines[-1] + self._run_lengths[-1]
            ):
                self._run_lengths[-1] += 1
            else:
                self._run_ids.append(stored_id)
                self._run_lines.append(line)
                self._run_lengths.append(1)

    def _last_id(self) -> int:
        return self._run_ids[-1] + self._run_lengths[-1] - 1

    def _pairs(self) -> Iterator[tuple[int, int]]:
        runs = zip(self._run_ids, self._run_lines, self._run_lengths, strict=True)
        for first_id, first_line, length in runs:
            for at in range(length):
                yield first_id + at, first_line + at

    def line_of(self, stored_id: int) -> int | None:
        """The line of the file a row this import stored came from; None for a row
        it did not store."""
        run = bisect_right(self._run_ids, stored_id) - 1
        if run < 0:
            return None
        at = stored_id - self._run_ids[run]
        return self._run_lines[run] + at if at < self._run_lengths[run] else None

    def town(self, name: str) -> tuple[Town | None, tuple[str, ...]]:
        if name not in self._towns:
            self._towns[name] = match_town(session=self.session, name=name)
        return self._towns[name]

    def town_facts(self, name: str) -> tuple[_TownFacts | None, tuple[str, ...]]:
        """`town`, as the facts a row's check needs (the membership too)."""
        if name not in self._facts:
            town, close = self.town(name)
            facts = None
            if town is not None:
                assert town.id is not None
                facts = _TownFacts(
                    town.id,
                    town.key,
                    town.status,
                    town.kind == "twin",
                    TownRef(
                        key=town.key, name=town.name, name_sv=town.name_sv, country=town.country
                    ),
                    self.membership(town),
                )
            self._facts[name] = facts, close
        return self._facts[name]

    def organisation(self, name: str) -> tuple[Organisation | None, tuple[str, ...]]:
        if name not in self._orgs:
            self._orgs[name] = match_organisation(session=self.session, name=name)
        return self._orgs[name]

    def former_name(self, typed: str, org: Organisation) -> bool:
        """Whether `typed` is a former name of `org` (asked once an organisation)."""
        assert org.id is not None
        asked = typed, org.id
        if asked not in self._is_former:
            if org.id not in self._former:
                self._former[org.id] = set(former_names(session=self.session, org=org))
            self._is_former[asked] = normalise(typed) in self._former[org.id]
        return self._is_former[asked]

    def past_last_day(self, org: Organisation, start: date, end: date | None) -> bool:
        """Whether a collaboration of `org` goes on after its last day (an
        organisation merged into another is not at an end: its work goes on)."""
        if org.retired_on is None or not reaches_past(start, end, org.retired_on):
            return False
        if self._merges is None:
            self._merges = organisation_merges(session=self.session)
        return org.id not in self._merges

    def area(self, name: str) -> tuple[Area | None, tuple[str, ...]]:
        if name not in self._areas:
            self._areas[name] = match_area(session=self.session, name=name)
        return self._areas[name]

    def membership(self, town: Town) -> Membership:
        assert town.id is not None
        if town.id not in self._memberships:
            self._memberships[town.id] = town_membership(session=self.session, town=town)
        return self._memberships[town.id]

    def live(self, wanted: dict[tuple[int, date], set[str]]) -> dict[CollaborationIdentity, int]:
        """The live collaborations of these organisations and start days whose
        folded titles are among those wanted, those this import stored included:
        the oldest id of each identity. Asked of the database, through its index on
        organisation and start day (schema 3), batch by batch, so that no identity
        of every row is held in memory. Only a row whose title is wanted has its
        towns read: the other rows of a day of an organisation grow in number with
        the registry, and reading their towns made each row of a large import
        cost more than one of a small one."""
        connection = self.session.connection()
        c = COLLABORATIONS.c
        if self.floor is None:
            self.floor = connection.execute(select(func.max(c.id))).scalar_one() or 0
        found: dict[int, tuple[int, str, date]] = {}
        for chunk in _chunks(sorted(wanted), _PAIRS):
            chunk += [chunk[-1]] * (_PAIRS - len(chunk))  # one shape of query for all
            asked = {f"o{i}": o for i, (o, _) in enumerate(chunk)}
            asked |= {f"d{i}": d for i, (_, d) in enumerate(chunk)}
            for row in connection.execute(_live_query(), asked):
                titles = wanted.get((row.organisation_id, row.start_date))
                if titles is None or fold_title(row.title) not in titles:
                    continue  # the same day and organisation, another collaboration
                # A row added since the import began is its own or, on a server,
                # another client's (not known when the import began: left out).
                if row.id <= self.floor or self.line_of(row.id) is not None:
                    found[row.id] = (row.organisation_id, row.title, row.start_date)
        towns: dict[int, set[int]] = {i: set() for i in found}
        ids = sorted(found)
        for chunk in _chunks(ids, 500):
            for link in connection.execute(
                select(LINKS.c.collaboration_id, LINKS.c.town_id).where(
                    LINKS.c.collaboration_id.in_(chunk)
                )
            ):
                towns[link.collaboration_id].add(link.town_id)
        known: dict[CollaborationIdentity, int] = {}
        for collaboration_id in ids:  # oldest first: the oldest is the one named
            org_id, title, start = found[collaboration_id]
            key = identity(
                organisation_id=org_id,
                title=title,
                town_ids=towns[collaboration_id],
                start_date=start,
            )
            known.setdefault(key, collaboration_id)
        return known


# The organisations and start days a query asks for.
_PAIRS = 100


@cache
def _live_query() -> Select[Any]:
    """The live collaborations of _PAIRS organisations and start days, each pair a
    term that searches the index on both (SQLite scans the table for a row-value
    IN); always of one shape, so that it is compiled and prepared once."""
    c = COLLABORATIONS.c
    terms = [
        and_(
            c.organisation_id == bindparam(f"o{i}", type_=Integer),
            c.start_date == bindparam(f"d{i}", type_=Date),
        )
        for i in range(_PAIRS)
    ]
    return select(c.id, c.organisation_id, c.title, c.start_date).where(
        c.deleted_at.is_(None), or_(*terms)
    )


def _chunks(items: Iterable[Any], size: int) -> Iterator[list[Any]]:
    iterator = iter(items)
    while chunk := list(islice(iterator, size)):
        yield chunk


def import_sheet(
    *,
    session: Session,
    sheet: ImportTable,
    today: date,
    reporter: str,
    allow_duplicates: bool = False,
    dry_run: bool = False,
    progress: Callable[[int], None] | None = None,
) -> ImportOutcome:
    """Check every row of `sheet` and, unless `dry_run` or a row has a problem,
    store the new ones in the caller's transaction. The caller must roll back
    when the outcome has problems (rows of the file may already be written)."""
    outcome = ImportOutcome(place=sheet.place, description=sheet.description)
    layout, problems = read_header(sheet.header)
    outcome.problems += problems
    outcome.ignored_columns = layout.ignored
    if problems:
        return outcome
    registry = _Registry(session)
    # Rows of the file that are not in the database to be found there: a dry
    # run's, or those after a problem (nothing more is written); and the first
    # row of each identity that repeats a live collaboration. The rows stored
    # are found in the database.
    unstored: dict[CollaborationIdentity, int] = {}
    for batch in _chunks(sheet.rows, BATCH):
        outcome.rows += len(batch)
        ready = _check_batch(batch, layout, registry, today, outcome)
        storing = not dry_run and not outcome.problems
        if allow_duplicates:
            fresh = ready
        else:
            fresh = _fresh(ready, registry, unstored, outcome, storing=storing)
        outcome.new += len(fresh)
        if fresh and storing:
            stored = _store(session, fresh, today=today, reporter=reporter)
            if not allow_duplicates:
                registry.stored(stored, [row.draft.number for row in fresh])
            outcome.ids.extend(stored)
        if progress is not None:
            progress(len(batch))
    # In the order of the file, whatever stage of the check found them.
    outcome.problems.sort(key=lambda p: p.number or 0)
    outcome.rows -= outcome.trailing_empty
    outcome.nothing_in_file = outcome.rows == outcome.empty_rows + len(outcome.total_rows)
    return outcome


def _fresh(
    ready: list[_Ready],
    registry: _Registry,
    unstored: dict[CollaborationIdentity, int],
    outcome: ImportOutcome,
    *,
    storing: bool,
) -> list[_Ready]:
    """The rows of a batch that repeat neither a live collaboration nor an earlier
    row of the file; the others noted as duplicates (of the earlier row, when
    the file repeats itself)."""
    wanted: dict[tuple[int, date], set[str]] = {}
    for r in ready:
        if r.draft.start_date:
            group = (r.organisation_id, r.draft.start_date)
            titles = wanted.get(group)
            if titles is None:
                titles = wanted[group] = set()
            titles.add(r.identity.title)
    live = registry.live(wanted)
    floor = registry.floor or 0
    fresh: list[_Ready] = []
    batch: dict[CollaborationIdentity, int] = {}  # this batch's fresh rows
    for row in ready:
        number, key = row.draft.number, row.identity
        earlier = batch.get(key) or unstored.get(key)
        existing = live.get(key)
        if earlier is None and existing is not None and existing > floor:
            earlier = registry.line_of(existing)  # a row this import stored
        if earlier is not None:
            outcome.duplicates.append(Duplicate(number, None, earlier))
        elif existing is not None:
            outcome.duplicates.append(Duplicate(number, existing, None))
            unstored[key] = number
        else:
            fresh.append(row)
            batch[key] = number
            if not storing:
                unstored[key] = number
    return fresh


def _check_batch(
    batch: list[tuple[int, list[Any]]],
    layout: Layout,
    registry: _Registry,
    today: date,
    outcome: ImportOutcome,
) -> list[_Ready]:
    drafts: list[Draft] = []
    for number, cells in batch:
        drafted = draft_row(number, cells, layout, today=today)
        if isinstance(drafted, Skip) and not drafted.total_row:
            outcome.trailing_empty += 1  # counted once a row follows it
            continue
        outcome.empty_rows += outcome.trailing_empty
        outcome.trailing_empty = 0
        if isinstance(drafted, Skip):
            outcome.total_rows.append(number)
        elif isinstance(drafted, list):
            outcome.problems += drafted
        else:
            drafts.append(drafted)
    ready: list[_Ready] = []
    matched: list[tuple[Draft, Organisation, Area, list[int]]] = []
    for draft in drafts:
        found = _match(draft, layout, registry, outcome)
        if found is not None:
            matched.append((draft, *found))
    for draft, org, area, town_ids in matched:
        assert org.id is not None and area.id is not None and draft.start_date is not None
        key = identity(
            organisation_id=org.id,
            title=draft.title,
            town_ids=town_ids,
            start_date=draft.start_date,
        )
        ready.append(_Ready(draft, org.id, area.id, town_ids, key))
    return ready


def _match(
    draft: Draft, layout: Layout, registry: _Registry, outcome: ImportOutcome
) -> tuple[Organisation, Area, list[int]] | None:
    """The registry's records for a draft's names, checked on its start day."""
    problems: list[Problem] = []
    number, start = draft.number, draft.start_date
    assert start is not None

    def problem(key: str, value: str, text: Prose) -> None:
        problems.append(Problem(number, text, layout.label(key), value))

    org, close = registry.organisation(draft.organisation)
    if org is None:
        problem("organisation", draft.organisation, _unknown("orgs list", close, new_org=True))
    elif org.retired_on is not None and starts_after_retirement(start, org.retired_on):
        problem(
            "organisation",
            draft.organisation,
            Prose(m.EN.IMPORT_ORG_RETIRED, date=Day(org.retired_on), start=Day(start)),
        )
    else:
        if registry.former_name(draft.organisation, org):
            noted = outcome.former_names.get((draft.organisation, org.name))
            if noted is None:
                noted = outcome.former_names[draft.organisation, org.name] = NotedLines()
            noted.add(number)
        if registry.past_last_day(org, start, draft.end_date):
            outcome.past_departure.add_once(number)
    area, close = registry.area(draft.area)
    if area is None:
        problem("area", draft.area, _unknown("areas list", close))
    towns: dict[int, None] = {}  # the ids, in order, each once
    for name in draft.towns:
        town, close = registry.town_facts(name)
        if town is None:
            problem("towns", name, _unknown("towns list", close))
            continue
        if town.key == HOME_TOWN:
            problem("towns", name, Prose(m.EN.IMPORT_HOME_TOWN))
            continue
        membership = town.membership
        left = membership.left
        standing = standing_on(start, town.status, left, membership.joined)
        if standing == "not_yet" and membership.joined is not None:
            when = membership.joined_when
            what = m.EN.WHY_JOINED_TWIN if town.twin else m.EN.WHY_JOINED_PARTNER
            problem(
                "towns",
                name,
                Prose(
                    m.EN.IMPORT_TOWN_NOT_YET,
                    what=Prose(what),
                    when=Day(when) if isinstance(when, date) else when,
                    start=Day(start),
                ),
            )
        elif standing == "left" and left.on is not None:
            problem(
                "towns", name, Prose(m.EN.IMPORT_TOWN_LEFT, date=Day(left.on), start=Day(start))
            )
        elif standing == "left_undated":
            problem("towns", name, Prose(m.EN.IMPORT_TOWN_LEFT_UNDATED))
        elif standing == "dormant":
            lines = outcome.dormant.get(town.ref)
            if lines is None:  # not setdefault: a NotedLines made a row for nothing
                lines = outcome.dormant[town.ref] = NotedLines()
            lines.add(number)
        if (
            left.on is not None
            and standing == "ok"
            and reaches_past(start, draft.end_date, left.on)
        ):
            outcome.past_departure.add_once(number)
        towns.setdefault(town.id)
    if problems or org is None or area is None:
        outcome.problems += problems
        return None
    return org, area, list(towns)


def _unknown(command: str, close: tuple[str, ...], *, new_org: bool = False) -> Prose:
    if close:
        return Prose(m.EN.IMPORT_DID_YOU_MEAN_NAME, names=", ".join(close))
    if new_org:
        return Prose(m.EN.IMPORT_NOT_KNOWN_ORG, command=command, add=Prose(m.EN.ADD_ORGANISATION))
    return Prose(m.EN.IMPORT_NOT_KNOWN, command=command)


def _store(session: Session, rows: list[_Ready], *, today: date, reporter: str) -> list[int]:
    """Insert the rows with their towns and audit entries: three multi-row INSERTs."""
    connection = session.connection()
    now = utc_now()
    values = [
        {
            "title": r.draft.title,
            "description": r.draft.description,
            "organisation_id": r.organisation_id,
            "area_id": r.area_id,
            "kind": r.draft.kind,
            "start_date": r.draft.start_date,
            "end_date": r.draft.end_date,
            "contact": r.draft.contact,
            "reported_by": r.draft.reported_by or reporter,
            "reported_on": r.draft.reported_on or today,
            "created_at": now,
            "updated_at": now,
            "deleted_at": None,
        }
        for r in rows
    ]
    ids = insert_rows_returning_ids(connection, COLLABORATIONS, values)
    links = [
        {"collaboration_id": new_id, "town_id": town_id}
        for new_id, row in zip(ids, rows, strict=True)
        for town_id in row.town_ids
    ]
    if backend_of(connection).records_history:  # the database's triggers wrote the history
        insert_rows(connection, LINKS, links)
        return ids
    link_ids = insert_rows_returning_ids(connection, LINKS, links)
    stored = [
        ("collaboration", new_id, {"id": new_id, **v})
        for new_id, v in zip(ids, values, strict=True)
    ]
    stored += [
        ("collaboration_town", i, {"id": i, **v}) for i, v in zip(link_ids, links, strict=True)
    ]
    insert_rows(connection, AUDIT, audit_rows(stored, at=now))
    return ids
