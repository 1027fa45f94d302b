"""The audit trail read back, hidden records brought back, and hidden records purged."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, time
from typing import Any

from sqlalchemy import func
from sqlmodel import Session, SQLModel, col, select

from vanort_cli.errors import NotFoundError, RuleError
from vanort_cli.i18n import messages as m
from vanort_cli.i18n import values as value_words
from vanort_cli.store.models import (
    Area,
    AuditEntry,
    Collaboration,
    CollaborationTown,
    Evaluation,
    Meeting,
    Organisation,
    OrganisationAlias,
    Participant,
    PreparationDone,
    Seminar,
    Town,
    TownAlias,
    TownDecision,
)

HIDDEN = {"include_hidden": True}

# A column holding another record's id, the key its name is shown under, and
# the table it names a record of: `"organisation_id": 3` gets
# `"organisation": "Kulturförvaltningen"` beside it.
REFERENCES = {
    "town_id": ("town", "town"),
    "host_town_id": ("host_town", "town"),
    "organisation_id": ("organisation", "organisation"),
    "area_id": ("area", "area"),
}
# The column that names a record of each table, as the audit trail stored it.
NAME_COLUMNS = {
    "town": "name_sv",
    "organisation": "name",
    "area": "name_en",
    "collaboration": "title",
    "meeting": "year",
    "town_alias": "alias",
    "organisation_alias": "alias",
    "town_decision": "reference",
    "participant": "name",
    "seminar": "title",
}


# The models whose records are named, by table.
NAMED_MODELS = {
    str(model.__tablename__): model
    for model in (
        Town,
        Organisation,
        Area,
        Collaboration,
        Meeting,
        TownAlias,
        OrganisationAlias,
        TownDecision,
        Participant,
        Seminar,
    )
}
# The audit trail is read and named this many entries at a time: the history of
# a registry of any size is never held in memory.
BATCH = 1000


def history_tables() -> list[str]:
    """The registry's tables whose changes the history holds (all but its own)."""
    return sorted(t for t in SQLModel.metadata.tables if t != AuditEntry.__tablename__)


def _names(session: Session, entries: list[AuditEntry]) -> dict[str, dict[int, str]]:
    """The names of the records these entries name or refer to, by table and id:
    as the record is now, else (a merged organisation, a purged record) as the
    audit trail last recorded it."""
    wanted: dict[str, set[int]] = {table: set() for table in NAME_COLUMNS}
    for entry in entries:
        if entry.table_name in wanted and entry.record_id is not None:
            wanted[entry.table_name].add(entry.record_id)
        for values in (entry.old, entry.new):
            for key, value in (_values(values) or {}).items():
                if key in REFERENCES and isinstance(value, int):
                    wanted[REFERENCES[key][1]].add(value)
                elif key == "collaboration_id" and isinstance(value, int):
                    wanted["collaboration"].add(value)
    names: dict[str, dict[int, str]] = {table: {} for table in NAME_COLUMNS}
    for table, ids in wanted.items():
        if not ids:
            continue
        model = NAMED_MODELS[table]
        column = NAME_COLUMNS[table]
        found = session.exec(
            select(getattr(model, "id"), getattr(model, column))  # noqa: B009
            .where(col(getattr(model, "id")).in_(sorted(ids)))  # noqa: B009
            .execution_options(**HIDDEN)
        )
        for record_id, value in found:
            if value is not None:
                names[table][record_id] = str(value)
        missing = sorted(ids - set(names[table]))
        if missing:  # gone from the table: the last name the audit trail recorded
            recorded = session.exec(
                select(AuditEntry)
                .where(
                    AuditEntry.table_name == table,
                    col(AuditEntry.record_id).in_(missing),
                )
                .order_by(col(AuditEntry.id))
            )
            for entry in recorded:
                for values in (entry.old, entry.new):
                    value = (_values(values) or {}).get(column)
                    if value is not None and entry.record_id is not None:
                        names[table][entry.record_id] = str(value)
    return names


def _named_record(entry: AuditEntry) -> tuple[str, int] | None:
    """The record an entry names: its own, or for a town of a collaboration the
    collaboration's."""
    if entry.table_name in NAME_COLUMNS and entry.record_id is not None:
        return entry.table_name, entry.record_id
    if entry.table_name == "collaboration_town":
        values = {**(_values(entry.old) or {}), **(_values(entry.new) or {})}
        collaboration = values.get("collaboration_id")
        if isinstance(collaboration, int):
            return "collaboration", collaboration
    return None


# The names a record had, from the history: (table, id) -> [(entry id, name), ...].
NamesThen = dict[tuple[str, int], list[tuple[int, str]]]


def _names_then(session: Session, entries: list[AuditEntry]) -> NamesThen:
    """For the records these entries name, every name the history gave them up to
    the newest of the entries: what each was called when it was changed."""
    wanted: dict[str, set[int]] = {}
    for entry in entries:
        named = _named_record(entry)
        if named is not None:
            wanted.setdefault(named[0], set()).add(named[1])
    if not wanted:
        return {}
    newest = max(entry.id or 0 for entry in entries)
    found: NamesThen = {}
    for table, ids in wanted.items():
        column = NAME_COLUMNS[table]
        recorded = session.exec(
            select(AuditEntry.id, AuditEntry.record_id, AuditEntry.old, AuditEntry.new)
            .where(
                AuditEntry.table_name == table,
                col(AuditEntry.record_id).in_(sorted(ids)),
                col(AuditEntry.id) <= newest,
            )
            .order_by(col(AuditEntry.id))
        )
        for entry_id, record_id, old, new in recorded:
            # After the change: its new name; a deleted record: the name it had.
            value = (_values(new) or {}).get(column, (_values(old) or {}).get(column))
            if value is not None and entry_id is not None and record_id is not None:
                found.setdefault((table, record_id), []).append((entry_id, str(value)))
    return found


def _record_name(
    entry: AuditEntry, names: dict[str, dict[int, str]], then: NamesThen
) -> str | None:
    """The record's name when the change was made: the last name the history gave
    it up to this entry, else (a shipped record never renamed) its name now."""
    named = _named_record(entry)
    if named is None:
        return None
    earlier = [name for entry_id, name in then.get(named, []) if entry_id <= (entry.id or 0)]
    if earlier:
        return earlier[-1]
    return names[named[0]].get(named[1])


def _named(values: dict[str, Any] | None, names: dict[str, dict[int, str]]) -> Any:
    """The values with the name of each referenced record right after its id."""
    if values is None:
        return None
    out: dict[str, Any] = {}
    for key, value in values.items():
        out[key] = value
        if key in REFERENCES and REFERENCES[key][0] not in values:
            name_key, table = REFERENCES[key]
            out[name_key] = names[table].get(value) if isinstance(value, int) else None
    return out


@dataclass(frozen=True)
class HistoryFilter:
    table: str | None = None
    record_id: int | None = None
    since: date | None = None


def _history_query(where: HistoryFilter) -> Any:
    query = select(AuditEntry)
    if where.table is not None:
        query = query.where(AuditEntry.table_name == where.table)
    if where.record_id is not None:
        query = query.where(AuditEntry.record_id == where.record_id)
    if where.since is not None:
        query = query.where(AuditEntry.at >= datetime.combine(where.since, time(), UTC))
    return query


def count_history(*, session: Session, where: HistoryFilter) -> int:
    counted = select(func.count()).select_from(_history_query(where).subquery())
    return int(session.exec(counted).one())


def stream_history(
    *, session: Session, where: HistoryFilter, newest_first: bool = False, limit: int | None = None
) -> Iterator[dict[str, Any]]:
    """The audit trail, oldest first (or newest first, at most `limit`), a batch
    at a time. Each entry keeps the stored ids and adds names: `record_name`
    (the town, organisation, area, collaboration title or meeting year changed)
    and, beside each `town_id`, `host_town_id`, `organisation_id` and `area_id`
    in `old` and `new`, the name of that record."""
    order = col(AuditEntry.id).desc() if newest_first else col(AuditEntry.id)
    query = _history_query(where).order_by(order)
    if limit is not None:
        query = query.limit(limit)
    result = session.exec(query.execution_options(yield_per=BATCH))
    for batch in result.partitions(BATCH):
        entries = list(batch)
        names = _names(session, entries)
        then = _names_then(session, entries)
        for r in entries:
            yield {
                "id": r.id,
                "at": r.at,
                **_who(r),
                "table": r.table_name,
                "record_id": r.record_id,
                "record_name": _record_name(r, names, then),
                "action": r.action,
                "old": _named(_values(r.old), names),
                "new": _named(_values(r.new), names),
            }
        for entry in entries:  # a batch's entries are not kept by the session
            session.expunge(entry)


def _values(text: str | None) -> dict[str, Any] | None:
    """An entry's old or new values. The database's triggers write JSON objects;
    anything else (a file written to past vanort) is shown as it is, never a crash."""
    if text is None:
        return None
    try:
        found = json.loads(text)
    except ValueError:
        return {"unreadable": text}
    return found if isinstance(found, dict) else {"unreadable": text}


def _who(entry: AuditEntry) -> dict[str, Any]:
    """Who made the change, as the database knows it, and what was claimed beside it.

    - `who`: the database role (PostgreSQL) or the operating-system login
      (SQLite) that made it; "unknown" for a change made to a SQLite file by a
      client other than vanort, which names no one;
    - `db_role` / `login`: the same, under the name of what it is (the other None);
    - `claimed_by`: the name the person gave (VANORT_USER), a claim;
    - `command`: the command vanort said it ran, a claim;
    - `origin`: "vanort", "outside" (psql, the sqlite3 shell, any other client),
      "imported" (from a `db import` document, as it was recorded there), or
      None for entries vanort recorded before schema 5.
    """
    on_server = entry.db_role is not None
    return {
        "who": entry.db_role if on_server else entry.who,
        "db_role": entry.db_role,
        "login": None if on_server or entry.origin == "outside" else entry.who,
        "claimed_by": entry.given_name,
        "command": entry.command,
        "origin": entry.origin,
    }


def history(
    *, session: Session, table: str | None, record_id: int | None, since: date | None
) -> list[dict[str, Any]]:
    """The whole audit trail that passes the filter, oldest first (see `stream_history`)."""
    where = HistoryFilter(table=table, record_id=record_id, since=since)
    return list(stream_history(session=session, where=where))


def restore_record(*, session: Session, kind: str, key: int) -> str:
    """Bring back a hidden meeting (by year) or collaboration (by id)."""
    record: Meeting | Collaboration | None
    if kind == "meeting":
        if session.exec(select(Meeting).where(Meeting.year == key)).first() is not None:
            raise RuleError(m.RESTORE_YEAR_TAKEN.format(year=key))
        record = session.exec(
            select(Meeting)
            .where(Meeting.year == key, col(Meeting.deleted_at).is_not(None))
            .order_by(col(Meeting.deleted_at).desc())
            .execution_options(**HIDDEN)
        ).first()
    elif kind == "collaboration":
        record = session.exec(
            select(Collaboration).where(Collaboration.id == key).execution_options(**HIDDEN)
        ).first()
    else:
        raise RuleError(m.RESTORE_KIND.format(kind=kind))
    if record is None or record.deleted_at is None:
        # The kind in the reader's words: "möte 2010", not "meeting 2010".
        raise NotFoundError(
            m.NOTHING_TO_RESTORE.format(kind=value_words.RECORD_KIND.word(kind), key=key)
        )
    record.deleted_at = None
    session.add(record)
    session.flush()
    return str(m.RESTORED_WHAT[kind].format(key=key))


def purge(*, session: Session, before: date) -> dict[str, int]:
    """Delete for good the records hidden before `before` (their history stays)."""
    cutoff = datetime.combine(before, time(), UTC)
    counts = {"meetings": 0, "collaborations": 0}
    for meeting in session.exec(
        select(Meeting)
        .where(col(Meeting.deleted_at).is_not(None), col(Meeting.deleted_at) < cutoff)
        .execution_options(**HIDDEN)
    ).all():
        for child in (Participant, Seminar, PreparationDone, Evaluation):
            for row in session.exec(select(child).where(child.meeting_id == meeting.id)):
                session.delete(row)
        session.flush()
        session.delete(meeting)
        counts["meetings"] += 1
    for collaboration in session.exec(
        select(Collaboration)
        .where(col(Collaboration.deleted_at).is_not(None), col(Collaboration.deleted_at) < cutoff)
        .execution_options(**HIDDEN)
    ).all():
        for link in session.exec(
            select(CollaborationTown).where(CollaborationTown.collaboration_id == collaboration.id)
        ):
            session.delete(link)
        session.flush()
        session.delete(collaboration)
        counts["collaborations"] += 1
    session.flush()
    return counts
