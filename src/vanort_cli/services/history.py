"""The audit trail read back, hidden records brought back, and hidden records purged."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, time
from typing import Any

from sqlmodel import Session, col, select

from vanort_cli import messages as m
from vanort_cli.errors import NotFoundError, RuleError
from vanort_cli.models import (
    AuditEntry,
    Collaboration,
    CollaborationTown,
    Evaluation,
    Meeting,
    Participant,
    PreparationDone,
    Seminar,
)

HIDDEN = {"include_hidden": True}


def history(
    *, session: Session, table: str | None, record_id: int | None, since: date | None
) -> list[dict[str, Any]]:
    query = select(AuditEntry)
    if table is not None:
        query = query.where(AuditEntry.table_name == table)
    if record_id is not None:
        query = query.where(AuditEntry.record_id == record_id)
    if since is not None:
        query = query.where(AuditEntry.at >= datetime.combine(since, time(), UTC))
    rows = session.exec(query.order_by(col(AuditEntry.id))).all()
    return [
        {
            "id": r.id,
            "at": r.at,
            "who": r.who,
            "table": r.table_name,
            "record_id": r.record_id,
            "action": r.action,
            "old": json.loads(r.old) if r.old else None,
            "new": json.loads(r.new) if r.new else None,
        }
        for r in rows
    ]


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
        raise NotFoundError(m.NOTHING_TO_RESTORE.format(kind=kind, key=key))
    record.deleted_at = None
    session.add(record)
    session.flush()
    return f"{kind} {key}"


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
