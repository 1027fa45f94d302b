"""The history written by the database: triggers on every recorded table.

Whatever client changes a row (vanort, psql, the sqlite3 shell, a script), the
database itself writes the history entry, in the same transaction as the change:
the table, the record, the action, the values before and after (only the changed
ones for an update), the time, and who.

- On PostgreSQL, who is the session's login role (`session_user`), which the
  client cannot choose. Two functions, `vanort_history()` (updates and deletes,
  a row at a time) and `vanort_history_inserted()` (inserts, once a statement
  from its transition table, so that a COPY of many rows is one INSERT … SELECT),
  are `SECURITY DEFINER` with a pinned `search_path` and EXECUTE revoked from
  PUBLIC: they write the history as the tables' owner, which after
  `db roles --setup` is a role that cannot log in (store/roles.py), so no login
  writes, changes or deletes history rows of its own.
- On SQLite there are no roles: whoever can write the file can do anything to
  it. vanort writes its claim (store/claim.py: the process's login, VANORT_USER,
  the command) into `vanort_claim` at the start of each writing transaction and
  removes it before the commit; a change made with no claim, by any other
  client, is recorded with origin "outside".

vanort's claim reaches the PostgreSQL trigger as settings of the transaction
(`vanort.claimed_by`, `vanort.command`); the history shows them as claims.

The SQL is generated from the models, so a new table or column is recorded
without anyone remembering to; `expected_sqlite_triggers` is what the file must
hold, compared statement by statement when a registry is opened.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from sqlalchemy import Table

HISTORY_TABLE = "audit_entry"
CLAIM_TABLE = "vanort_claim"
META_TABLE = "vanort_meta"
# Rows of vanort_meta that the schema writes for itself, not settings: not history.
OWN_FACTS = ("application", "schema_version")
# Columns whose change alone is no change worth a history entry.
NOT_A_CHANGE = ("updated_at",)
FUNCTION = "vanort_history"
# On PostgreSQL, inserts are recorded once a statement, from its transition table
# (`postgres_inserted_function`): its function and trigger are named so.
INSERTED_FUNCTION = "vanort_history_inserted"
CLAIMED_BY_SETTING = "vanort.claimed_by"
COMMAND_SETTING = "vanort.command"
OUTSIDE_LOGIN = "unknown"
# What the history holds for a personal column's value (a contact's name, e-mail,
# phone): that it was set or changed, and by whom, never the person
# (`models.PERSONAL`), so a contact removed is gone from the registry.
PERSONAL_VALUE = "(personal data)"


def personal_columns(table: Table) -> list[str]:
    return [c.name for c in table.columns if c.info.get("personal")]


def recorded_tables() -> list[Table]:
    """Every table of the registry but the history itself, in a stable order."""
    from sqlmodel import SQLModel

    from vanort_cli.store import models  # noqa: F401  (the tables are registered)

    return [t for name, t in sorted(SQLModel.metadata.tables.items()) if name != HISTORY_TABLE]


# -- SQLite ---------------------------------------------------------------------------

CLAIM_DDL = (
    f"CREATE TABLE IF NOT EXISTS {CLAIM_TABLE} ("
    "login TEXT NOT NULL, claimed_by TEXT, command TEXT, suspended INTEGER NOT NULL DEFAULT 0)"
)
# Microseconds as SQLAlchemy writes them, so the history sorts with older entries.
_SQLITE_NOW = "strftime('%Y-%m-%d %H:%M:%f', 'now')"
_UNSUSPENDED = f"NOT EXISTS (SELECT 1 FROM {CLAIM_TABLE} WHERE suspended)"


def _sqlite_json(column: Any, row: str) -> str:
    """A column's value as JSON text, as the ORM recorded it before schema 5:
    booleans as true/false, times with a T."""
    from sqlalchemy import Boolean, DateTime

    value = f"{row}.{column.name}"
    if column.info.get("personal"):
        return f"CASE WHEN {value} IS NULL THEN 'null' ELSE json_quote('{PERSONAL_VALUE}') END"
    kind = getattr(column.type, "impl_instance", column.type)  # under a TypeDecorator
    if isinstance(kind, Boolean):
        return f"CASE WHEN {value} IS NULL THEN 'null' WHEN {value} THEN 'true' ELSE 'false' END"
    if isinstance(kind, DateTime):  # stored in UTC (sqlmodel's UTCDateTime)
        return f"json_quote(replace({value}, ' ', 'T') || '+00:00')"
    return f"json_quote({value})"


def _sqlite_whole(table: Table, row: str) -> str:
    pairs = ", ".join(f"'{c.name}', json({_sqlite_json(c, row)})" for c in table.columns)
    return f"json_object({pairs})"


def _sqlite_entry(table: Table, *, action: str, record: str, old: str, new: str) -> str:
    return (
        f"INSERT INTO {HISTORY_TABLE} "
        "(at, who, given_name, table_name, record_id, action, old, new, command, origin) "
        f"SELECT {_SQLITE_NOW}, "
        f"coalesce((SELECT login FROM {CLAIM_TABLE}), '{OUTSIDE_LOGIN}'), "
        f"(SELECT claimed_by FROM {CLAIM_TABLE}), '{table.name}', {record}, {action}, "
        f"{old}, {new}, (SELECT command FROM {CLAIM_TABLE}), "
        f"CASE WHEN EXISTS (SELECT 1 FROM {CLAIM_TABLE}) THEN 'vanort' ELSE 'outside' END"
    )


def _sqlite_triggers(table: Table) -> dict[str, str]:
    name = table.name
    has_id = "id" in table.columns
    hideable = "deleted_at" in table.columns
    when = _UNSUSPENDED
    if name == META_TABLE:
        facts = ", ".join(f"'{key}'" for key in OWN_FACTS)
        when_new, when_old = (
            f"{when} AND NEW.key NOT IN ({facts})",
            f"{when} AND OLD.key NOT IN ({facts})",
        )
    else:
        when_new = when_old = when
    record = "NEW.id" if has_id else "NULL"
    inserted = _sqlite_entry(
        table, action="'insert'", record=record, old="NULL", new=_sqlite_whole(table, "NEW")
    )
    deleted = _sqlite_entry(
        table,
        action="'delete'",
        record="OLD.id" if has_id else "NULL",
        old=_sqlite_whole(table, "OLD"),
        new="NULL",
    )
    compared = [c for c in table.columns if c.name not in NOT_A_CHANGE]
    # Compared as stored, shown as the history shows them (a personal value hidden).
    rows = ", ".join(
        f"('{c.name}', {_sqlite_json(c, 'OLD')}, {_sqlite_json(c, 'NEW')}, "
        f"OLD.{c.name} IS NOT NEW.{c.name})"
        for c in compared
    )
    # A setting has no id: its key is named in the values, as the ORM recorded it.
    keep = " OR column1 = 'key'" if name == META_TABLE else ""
    changed = f"(SELECT {{}} FROM (VALUES {rows}) WHERE column4{keep})"
    old = changed.format("json_group_object(column1, json(column2))")
    new = changed.format("json_group_object(column1, json(column3))")
    count = f"(SELECT count(*) FROM (VALUES {rows}) WHERE column4)"
    action = (
        "CASE WHEN OLD.deleted_at IS NULL AND NEW.deleted_at IS NOT NULL THEN 'hide' "
        "WHEN OLD.deleted_at IS NOT NULL AND NEW.deleted_at IS NULL THEN 'restore' "
        "ELSE 'update' END"
        if hideable
        else "'update'"
    )
    updated = (
        _sqlite_entry(table, action=action, record=record, old=old, new=new) + f" WHERE {count} > 0"
    )
    return {
        f"{FUNCTION}_{name}_{event.lower()}": (
            f"CREATE TRIGGER {FUNCTION}_{name}_{event.lower()} AFTER {event} ON {name} "
            f"FOR EACH ROW WHEN {condition} BEGIN {body}; END"
        )
        for event, condition, body in (
            ("INSERT", when_new, inserted),
            ("DELETE", when_old, deleted),
            ("UPDATE", when_new, updated),
        )
    }


def expected_sqlite_triggers() -> dict[str, str]:
    """Each history trigger of a SQLite registry, by name: its CREATE statement."""
    found: dict[str, str] = {}
    for table in recorded_tables():
        found.update(_sqlite_triggers(table))
    return found


def install_sqlite(connection: Any) -> None:
    """Create the claim table and (again) every history trigger, in the caller's
    transaction: a registry upgraded by this vanort records as this vanort does."""
    connection.exec_driver_sql(CLAIM_DDL)
    existing = connection.exec_driver_sql(
        "SELECT name FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'vanort_history_%'"
    ).scalars()
    for name in list(existing):
        connection.exec_driver_sql(f'DROP TRIGGER "{name}"')
    for statement in expected_sqlite_triggers().values():
        connection.exec_driver_sql(statement)


def sqlite_claim_statement() -> str:
    return f"INSERT INTO {CLAIM_TABLE} (login, claimed_by, command, suspended) VALUES (?, ?, ?, ?)"


# -- PostgreSQL -----------------------------------------------------------------------


def _postgres_personal() -> str:
    """The personal columns of the trigger's table, as a CASE on TG_TABLE_NAME."""
    personal = "".join(
        f"WHEN '{table.name}' THEN ARRAY[{', '.join(repr(c) for c in columns)}]::text[] "
        for table in recorded_tables()
        if (columns := personal_columns(table))
    )
    return f"CASE TG_TABLE_NAME {personal}ELSE ARRAY[]::text[] END"


def _history_head(name: str, schema: str) -> str:
    """What both history functions open with: run as their owner, with a fixed
    search path and UTC, and the claim, the command and the table's personal
    columns read into variables (the body's own variables follow)."""
    return f"""
CREATE OR REPLACE FUNCTION {name}() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER
SET search_path = {schema}, pg_temp
SET TimeZone = 'UTC'
AS $history$
DECLARE
    claimed text := nullif(current_setting('{CLAIMED_BY_SETTING}', true), '');
    command text := nullif(current_setting('{COMMAND_SETTING}', true), '');
    personal text[] := {_postgres_personal()};"""


def postgres_function(schema: str) -> str:
    """The trigger function of every recorded table's updates and deletes, one row
    at a time (see the module's comment)."""
    facts = ", ".join(f"'{key}'" for key in OWN_FACTS)
    return (
        _history_head(FUNCTION, schema)
        + f"""
    whole json := CASE WHEN TG_OP = 'DELETE' THEN to_json(OLD) ELSE to_json(NEW) END;
    old_values json;
    new_values json;
    act text := lower(TG_OP);
BEGIN
    IF TG_TABLE_NAME = '{META_TABLE}' AND whole->>'key' IN ({facts}) THEN
        RETURN NULL;
    END IF;
    IF TG_OP = 'DELETE' THEN
        old_values := whole;
    ELSE
        SELECT json_object_agg(o.key, o.value ORDER BY o.n),
               json_object_agg(o.key, w.value ORDER BY o.n)
          INTO old_values, new_values
          FROM json_each(to_json(OLD)) WITH ORDINALITY AS o(key, value, n)
          JOIN json_each(whole) AS w ON w.key = o.key
         WHERE (o.value::text IS DISTINCT FROM w.value::text
                AND o.key NOT IN ({", ".join(f"'{c}'" for c in NOT_A_CHANGE)}))
            OR (TG_TABLE_NAME = '{META_TABLE}' AND o.key = 'key');
        IF old_values IS NULL OR (TG_TABLE_NAME = '{META_TABLE}'
                AND old_values->>'value' IS NOT DISTINCT FROM new_values->>'value') THEN
            RETURN NULL;
        END IF;
        IF (new_values::jsonb) ? 'deleted_at' THEN
            act := CASE WHEN new_values->>'deleted_at' IS NULL THEN 'restore' ELSE 'hide' END;
        ELSE
            act := 'update';
        END IF;
    END IF;
    IF cardinality(personal) > 0 THEN
        SELECT json_object_agg(key, CASE WHEN key = ANY(personal) AND value::text <> 'null'
                                    THEN to_json('{PERSONAL_VALUE}'::text) ELSE value END)
          INTO old_values FROM json_each(old_values);
        SELECT json_object_agg(key, CASE WHEN key = ANY(personal) AND value::text <> 'null'
                                    THEN to_json('{PERSONAL_VALUE}'::text) ELSE value END)
          INTO new_values FROM json_each(new_values);
    END IF;
    INSERT INTO {HISTORY_TABLE}
        (at, who, given_name, table_name, record_id, action, old, new, db_role, command, origin)
    VALUES (clock_timestamp(), session_user, claimed, TG_TABLE_NAME,
            CASE WHEN TG_TABLE_NAME = '{META_TABLE}' THEN NULL ELSE (whole->>'id')::integer END,
            act, old_values::text, new_values::text, session_user, command,
            CASE WHEN command IS NULL THEN 'outside' ELSE 'vanort' END);
    RETURN NULL;
END
$history$
"""
    )


def postgres_inserted_function(schema: str) -> str:
    """The trigger function of every recorded table's inserts, once a statement:
    one INSERT … SELECT over the statement's transition table (`inserted`), which
    COPY and INSERT … SELECT fill as any INSERT does, so that an import of 100,000
    rows writes its history in one statement rather than 100,000 calls. Each entry
    is the one `postgres_function` wrote for the row: the same values, the same
    text, a time of its own, in the order the rows were inserted."""
    facts = ", ".join(f"'{key}'" for key in OWN_FACTS)
    return (
        _history_head(INSERTED_FUNCTION, schema)
        + f"""
BEGIN
    -- Two queries, each planned only for the tables that run it (PL/pgSQL keeps a
    -- plan a table): the settings, whose key is its record and some of whose rows
    -- are the schema's own, and every other table, whose record is its id, read
    -- from the row rather than parsed again from its JSON.
    IF TG_TABLE_NAME = '{META_TABLE}' THEN
        INSERT INTO {HISTORY_TABLE}
            (at, who, given_name, table_name, record_id, action, old, new, db_role, command,
             origin)
        SELECT clock_timestamp(), session_user, claimed, TG_TABLE_NAME, NULL, 'insert', NULL,
               to_json(n)::text, session_user, command,
               CASE WHEN command IS NULL THEN 'outside' ELSE 'vanort' END
          FROM inserted AS n
         WHERE n.key NOT IN ({facts});
    ELSE
        INSERT INTO {HISTORY_TABLE}
            (at, who, given_name, table_name, record_id, action, old, new, db_role, command,
             origin)
        SELECT clock_timestamp(), session_user, claimed, TG_TABLE_NAME, w.id, 'insert', NULL,
               CASE WHEN cardinality(personal) = 0 THEN w.whole::text
                    ELSE (SELECT json_object_agg(key,
                                     CASE WHEN key = ANY(personal) AND value::text <> 'null'
                                     THEN to_json('{PERSONAL_VALUE}'::text) ELSE value END)
                            FROM json_each(w.whole))::text END,
               session_user, command,
               CASE WHEN command IS NULL THEN 'outside' ELSE 'vanort' END
          FROM (SELECT n.id, to_json(n) AS whole FROM inserted AS n) AS w;
    END IF;
    RETURN NULL;
END
$history$
"""
    )


def postgres_statements(schema: str) -> list[str]:
    """The functions and the triggers on every recorded table, convergent: run
    again after every upgrade, they leave the same objects. Inserts are recorded
    once a statement (`postgres_inserted_function`), updates and deletes one row
    at a time (`postgres_function`), which also drops the row trigger of schema
    5 to 8 that recorded inserts too."""
    statements = [
        postgres_function(schema),
        f"REVOKE ALL ON FUNCTION {FUNCTION}() FROM PUBLIC",
        postgres_inserted_function(schema),
        f"REVOKE ALL ON FUNCTION {INSERTED_FUNCTION}() FROM PUBLIC",
    ]
    for table in recorded_tables():
        statements.append(f"DROP TRIGGER IF EXISTS {FUNCTION} ON {table.name}")
        statements.append(
            f"CREATE TRIGGER {FUNCTION} AFTER UPDATE OR DELETE ON {table.name} "
            f"FOR EACH ROW EXECUTE FUNCTION {FUNCTION}()"
        )
        statements.append(f"DROP TRIGGER IF EXISTS {INSERTED_FUNCTION} ON {table.name}")
        statements.append(
            f"CREATE TRIGGER {INSERTED_FUNCTION} AFTER INSERT ON {table.name} "
            f"REFERENCING NEW TABLE AS inserted "
            f"FOR EACH STATEMENT EXECUTE FUNCTION {INSERTED_FUNCTION}()"
        )
    return statements


def postgres_triggers() -> tuple[str, ...]:
    """The names of the history's triggers on each recorded table."""
    return (FUNCTION, INSERTED_FUNCTION)
