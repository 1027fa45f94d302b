"""Bring the shipped facts of an existing registry up to a release's corrections.

A migration step calls `apply_corrections` with a frozen corrections file (see
schema2_corrections.toml). It works on the bare connection with explicit SQL,
since a migration must not depend on the ORM models of a later schema, and it
records every change in the audit trail, so staff can see in `vanort history`
what the upgrade corrected and why nothing of theirs was touched.
"""

from __future__ import annotations

import json
import tomllib
from datetime import UTC, date, datetime
from importlib import resources
from typing import Any

from sqlalchemy import Connection, text

from vanort_cli.domain.names import normalise

UPGRADE_USER = "vanort upgrade"
_KEY_COLUMN = {"town": "key", "organisation": "key", "meeting": "year"}
_ALIAS_TABLE = {
    "town": ("town_alias", "town_id"),
    "organisation": ("organisation_alias", "organisation_id"),
}


def load_corrections(name: str) -> dict[str, Any]:
    with resources.files("vanort_cli.store.upgrades").joinpath(name).open("rb") as handle:
        return tomllib.load(handle)


def apply_corrections(connection: Connection, corrections: dict[str, Any], *, why: str) -> None:
    """Apply one release's corrections; fields staff have changed are left as they are."""
    audit = _Audit(connection, why)
    for change in corrections.get("set", []):
        _set_field(connection, audit, change)
    for alias in corrections.get("alias", []):
        _add_alias(connection, audit, alias["table"], alias["key"], alias["alias"])
    for row in corrections.get("insert_town", []):
        _insert_town(connection, audit, row)
    for row in corrections.get("insert_organisation", []):
        _insert_organisation(connection, audit, row)
    for row in corrections.get("insert_area", []):
        _insert_area(connection, audit, row)


class _Audit:
    """Rows for audit_entry, written like the session's own audit trail."""

    def __init__(self, connection: Connection, why: str) -> None:
        self.connection = connection
        self.who = f"{UPGRADE_USER} ({why})"
        self.at = _timestamp()

    def record(
        self,
        table: str,
        record_id: int,
        action: str,
        old: dict[str, Any] | None,
        new: dict[str, Any],
    ) -> None:
        self.connection.execute(
            text(
                "INSERT INTO audit_entry (at, who, table_name, record_id, action, old, new) "
                "VALUES (:at, :who, :table, :id, :action, :old, :new)"
            ),
            {
                "at": self.at,
                "who": self.who,
                "table": table,
                "id": record_id,
                "action": action,
                "old": json.dumps(old, ensure_ascii=False) if old is not None else None,
                "new": json.dumps(_jsonable(new), ensure_ascii=False),
            },
        )


def _timestamp() -> str:
    """Now, in UTC, as SQLAlchemy writes a DateTime into SQLite."""
    return datetime.now(UTC).strftime("%Y-%m-%d %H:%M:%S.%f")


def _jsonable(values: dict[str, Any]) -> dict[str, Any]:
    return {k: v.isoformat() if isinstance(v, date) else v for k, v in values.items()}


def _row_id(connection: Connection, table: str, key: Any) -> int | None:
    hidden = " AND deleted_at IS NULL" if table == "meeting" else ""
    found = connection.execute(
        text(f"SELECT id FROM {table} WHERE {_KEY_COLUMN[table]} = :key{hidden}"), {"key": key}
    ).scalar()
    return int(found) if found is not None else None


def _set_field(connection: Connection, audit: _Audit, change: dict[str, Any]) -> None:
    table, field = change["table"], change["field"]
    row_id = _row_id(connection, table, change["key"])
    if row_id is None:
        return  # staff deleted or renamed it: theirs
    current = connection.execute(
        text(f"SELECT {field} FROM {table} WHERE id = :id"), {"id": row_id}
    ).scalar()
    if current is not None and current != change.get("old"):
        return  # staff changed it: theirs
    for other, value in change.get("only_if", {}).items():
        held = connection.execute(
            text(f"SELECT {other} FROM {table} WHERE id = :id"), {"id": row_id}
        ).scalar()
        if held != value:
            return  # the row says something else than what this change is for
    if "only_if_name" in change:
        name = connection.execute(
            text(f"SELECT name FROM {table} WHERE id = :id"), {"id": row_id}
        ).scalar()
        if name != change["only_if_name"]:
            return
    new = change["new"]
    if field == "key" and _row_id(connection, table, new) is not None:
        return  # the new key is taken already
    connection.execute(
        text(f"UPDATE {table} SET {field} = :new WHERE id = :id"), {"new": new, "id": row_id}
    )
    audit.record(table, row_id, "update", {field: current}, {field: new})


def _taken(connection: Connection, table: str, name: str) -> bool:
    alias_table, _ = _ALIAS_TABLE[table]
    return (
        connection.execute(
            text(f"SELECT 1 FROM {alias_table} WHERE normalised = :n"), {"n": normalise(name)}
        ).first()
        is not None
    )


def _add_alias(connection: Connection, audit: _Audit, table: str, key: str, alias: str) -> None:
    owner_id = _row_id(connection, table, key)
    folded = normalise(alias)
    if owner_id is None or not folded or _taken(connection, table, alias):
        return
    alias_table, owner_column = _ALIAS_TABLE[table]
    result = connection.execute(
        text(
            f"INSERT INTO {alias_table} ({owner_column}, alias, normalised) "
            "VALUES (:owner, :alias, :normalised)"
        ),
        {"owner": owner_id, "alias": alias, "normalised": folded},
    )
    new = {owner_column: owner_id, "alias": alias, "normalised": folded}
    audit.record(alias_table, int(result.lastrowid or 0), "insert", None, new)


def _insert(connection: Connection, audit: _Audit, table: str, values: dict[str, Any]) -> int:
    columns = ", ".join(values)
    params = ", ".join(f":{c}" for c in values)
    statement = text(f"INSERT INTO {table} ({columns}) VALUES ({params})")
    result = connection.execute(statement, _jsonable(values))
    row_id = int(result.lastrowid or 0)
    audit.record(table, row_id, "insert", None, values)
    return row_id


def _is_new(connection: Connection, table: str, row: dict[str, Any], names: list[str]) -> bool:
    if _row_id(connection, table, row["key"]) is not None:
        return False
    return not any(_taken(connection, table, name) for name in names)


def _insert_town(connection: Connection, audit: _Audit, row: dict[str, Any]) -> None:
    names = [row["name"], row["name_sv"], *row.get("aliases", [])]
    if not _is_new(connection, "town", row, names):
        return
    values = {k: v for k, v in row.items() if k not in ("aliases", "decisions")}
    town_id = _insert(connection, audit, "town", values)
    for name in names:
        _add_alias(connection, audit, "town", row["key"], name)
    for decision in row.get("decisions", []):
        values = {"town_id": town_id, **_jsonable(decision), "created_at": _timestamp()}
        _insert(connection, audit, "town_decision", values)


def _insert_organisation(connection: Connection, audit: _Audit, row: dict[str, Any]) -> None:
    names = [row["name"], *row.get("aliases", [])]
    if not _is_new(connection, "organisation", row, names):
        return
    _insert(connection, audit, "organisation", {k: v for k, v in row.items() if k != "aliases"})
    for name in names:
        _add_alias(connection, audit, "organisation", row["key"], name)


def _insert_area(connection: Connection, audit: _Audit, row: dict[str, Any]) -> None:
    exists = connection.execute(
        text("SELECT 1 FROM area WHERE key = :key"), {"key": row["key"]}
    ).first()
    if exists is None:
        values = {**row, "aliases": ",".join(row.get("aliases", []))}
        _insert(connection, audit, "area", values)
