"""The audit trail and soft deletion, installed on every session in one place.

On SQLite and PostgreSQL the database writes the history itself, by triggers
(store/history_triggers.py), whatever client makes the change. On any other
server, which vanort knows no more of, every flush records, for each changed row
of the registry's tables, who changed it, when, and its old and new values, in
the same transaction as the change.

Meetings and collaborations are never deleted by a command: they are hidden
(`deleted_at`), and every query leaves hidden rows out unless it asks for them
with the execution option `include_hidden`.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from datetime import date, datetime
from typing import Any, TypeVar

from sqlalchemy import event, inspect
from sqlalchemy.orm import ORMExecuteState, Session, UOWTransaction, with_loader_criteria
from sqlmodel import SQLModel

from vanort_cli.store.identity import given_name, os_user
from vanort_cli.store.models import AuditEntry, Collaboration, Meeting, Meta, utc_now

# Settings in vanort_meta (the evaluation's due days) are policy and audited like
# everything else; the schema version and application id are written by the
# upgrade itself, outside any session.
NOT_AUDITED = (AuditEntry,)
HIDEABLE = (Meeting, Collaboration)
SKIP_AUDIT = "skip_audit"  # session.info key: the seeding of a new registry
INCLUDE_HIDDEN = "include_hidden"


def _jsonable(value: Any) -> Any:
    if isinstance(value, datetime | date):
        return value.isoformat()
    return value


def _values(obj: SQLModel) -> dict[str, Any]:
    mapper = inspect(obj).mapper
    return {c.key: _jsonable(getattr(obj, c.key)) for c in mapper.column_attrs}


def _changes(obj: SQLModel) -> tuple[dict[str, Any], dict[str, Any]]:
    old: dict[str, Any] = {}
    new: dict[str, Any] = {}
    state = inspect(obj)
    for attr in state.mapper.column_attrs:
        history = state.attrs[attr.key].history
        if history.has_changes():
            old[attr.key] = _jsonable(history.deleted[0]) if history.deleted else None
            new[attr.key] = _jsonable(history.added[0]) if history.added else None
    old.pop("updated_at", None)
    new.pop("updated_at", None)
    return old, new


def _action(new: dict[str, Any]) -> str:
    if "deleted_at" in new:
        return "hide" if new["deleted_at"] is not None else "restore"
    return "update"


def audit_rows(
    inserted: Iterable[tuple[str, int, dict[str, Any]]], *, at: datetime
) -> list[dict[str, Any]]:
    """Audit entries for rows inserted in bulk (an import), outside the ORM: the
    same who, when and values as a flush would record. `inserted`: (table name,
    record id, the row's values)."""
    who, given = os_user(), given_name()
    return [
        {
            "at": at,
            "who": who,
            "given_name": given if given != who else None,
            "table_name": table,
            "record_id": record_id,
            "action": "insert",
            "old": None,
            "new": json.dumps(values, ensure_ascii=False, default=_jsonable),
        }
        for table, record_id, values in inserted
    ]


def _record_changes(session: Session, _context: UOWTransaction) -> None:
    if session.info.get(SKIP_AUDIT):
        return
    from vanort_cli.store.backend import backend_of

    connection = session.connection()
    if backend_of(connection).records_history:
        return  # the database's triggers record it
    # Who is the operating-system user, always: VANORT_USER is what the person
    # says they are, kept beside it, and can say anything.
    who, given = os_user(), given_name()
    at = utc_now()
    rows: list[dict[str, Any]] = []

    def add(obj: Any, action: str, old: dict[str, Any] | None, new: dict[str, Any] | None) -> None:
        if isinstance(obj, Meta):  # a setting has no id: name it in the values
            old = None if old is None else {"key": obj.key, **old}
            new = None if new is None else {"key": obj.key, **new}
        rows.append(
            {
                "at": at,
                "who": who,
                "given_name": given if given != who else None,
                "table_name": obj.__tablename__,
                "record_id": getattr(obj, "id", None),
                "action": action,
                "old": json.dumps(old, ensure_ascii=False) if old is not None else None,
                "new": json.dumps(new, ensure_ascii=False) if new is not None else None,
            }
        )

    for obj in session.new:
        if isinstance(obj, SQLModel) and not isinstance(obj, NOT_AUDITED):
            add(obj, "insert", None, _values(obj))
    for obj in session.dirty:
        if isinstance(obj, SQLModel) and not isinstance(obj, NOT_AUDITED):
            old, new = _changes(obj)
            if new:
                add(obj, _action(new), old, new)
    for obj in session.deleted:
        if isinstance(obj, SQLModel) and not isinstance(obj, NOT_AUDITED):
            add(obj, "delete", _values(obj), None)
    if rows:
        connection.execute(AuditEntry.__table__.insert(), rows)  # type: ignore[attr-defined]


def _hide_deleted(state: ORMExecuteState) -> None:
    if not state.is_select or state.execution_options.get(INCLUDE_HIDDEN, False):
        return
    state.statement = state.statement.options(
        *(
            with_loader_criteria(model, lambda cls: cls.deleted_at.is_(None), include_aliases=True)
            for model in HIDEABLE
        )
    )


AnySession = TypeVar("AnySession", bound=Session)


def install(session: AnySession) -> AnySession:
    """Give a session the audit trail and the hiding of deleted rows."""
    event.listen(session, "after_flush", _record_changes)
    event.listen(session, "do_orm_execute", _hide_deleted)
    return session
