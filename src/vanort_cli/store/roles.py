"""The roles a PostgreSQL registry enforces: reader, reporter and editor.

The rules live in the database itself, as GRANTs and row-level security, so
that a reporter connecting with `psql` can do no more than through vanort:

- vanort_reader reads everything and writes nothing;
- vanort_reporter reads, logs collaborations (and their towns), and edits or
  deletes only the collaborations it reported itself (`owner_role` is the
  database role that inserted the row);
- vanort_editor (Stadsledningskontoret) changes every row of every table;
- the audit trail takes new rows from reporters and editors and is changed or
  deleted by no one but the database owner.

The SQL is data here (`setup_statements`), built from the table lists below; a
test checks that every table of the registry is in exactly one of them, so a
new table cannot arrive without a decision on who may change it.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from vanort_cli.i18n import messages as m
from vanort_cli.i18n import values

READER = "vanort_reader"
REPORTER = "vanort_reporter"
EDITOR = "vanort_editor"
GROUPS = (READER, REPORTER, EDITOR)
# `--as reporter` names a group by its last word.
GROUP_BY_NAME = {"reader": READER, "reporter": REPORTER, "editor": EDITOR}

# Tables a reporter writes, only for its own collaborations (row-level security).
REPORTER_TABLES = ("collaboration", "collaboration_town")
# Tables only editors write, every row of them.
EDITOR_TABLES = (
    "meeting",
    "participant",
    "seminar",
    "preparation_done",
    "evaluation",
    "town",
    "town_alias",
    "town_decision",
    "organisation",
    "organisation_alias",
    "area",
    "vanort_meta",
)
# Appended to by writers, changed by no one.
AUDIT_TABLE = "audit_entry"
ALL_TABLES = (*REPORTER_TABLES, *EDITOR_TABLES, AUDIT_TABLE)
# Rows of vanort_meta that are the schema's own, not a setting an editor may change.
SCHEMA_KEYS = ("application", "schema_version")

# "Your own" collaboration: the role that inserted it is the one connected now.
OWN = "owner_role = current_user"
OWN_LINK = (
    "EXISTS (SELECT 1 FROM collaboration c WHERE c.id = collaboration_id AND c.owner_role "
    "= current_user)"
)


@dataclass(frozen=True)
class Policy:
    name: str
    table: str
    command: str  # SELECT | INSERT | UPDATE | DELETE | ALL
    roles: tuple[str, ...]
    using: str | None = None
    check: str | None = None

    def sql(self) -> str:
        text = (
            f"CREATE POLICY {self.name} ON {self.table} FOR {self.command} "
            f"TO {', '.join(self.roles)}"
        )
        if self.using is not None:
            text += f" USING ({self.using})"
        if self.check is not None:
            text += f" WITH CHECK ({self.check})"
        return text


def policies() -> list[Policy]:
    """The row-level security of the tables whose rows differ in who may change them."""
    found = [
        Policy("vanort_read", table, "SELECT", GROUPS, using="true")
        for table in (*REPORTER_TABLES, AUDIT_TABLE, "vanort_meta")
    ]
    found += [
        Policy("vanort_reporter_insert", "collaboration", "INSERT", (REPORTER,), check=OWN),
        Policy("vanort_reporter_update", "collaboration", "UPDATE", (REPORTER,), OWN, OWN),
        Policy("vanort_reporter_delete", "collaboration", "DELETE", (REPORTER,), using=OWN),
        Policy(
            "vanort_reporter_insert", "collaboration_town", "INSERT", (REPORTER,), check=OWN_LINK
        ),
        Policy(
            "vanort_reporter_update",
            "collaboration_town",
            "UPDATE",
            (REPORTER,),
            OWN_LINK,
            OWN_LINK,
        ),
        Policy(
            "vanort_reporter_delete", "collaboration_town", "DELETE", (REPORTER,), using=OWN_LINK
        ),
        Policy("vanort_editor_all", "collaboration", "ALL", (EDITOR,), "true", "true"),
        Policy("vanort_editor_all", "collaboration_town", "ALL", (EDITOR,), "true", "true"),
        # A new history row names the role that wrote it (`db_role`, the server's
        # default): no one can write history in another role's name.
        Policy(
            "vanort_append",
            AUDIT_TABLE,
            "INSERT",
            (REPORTER, EDITOR),
            check="db_role = current_user",
        ),
    ]
    settings = f"key NOT IN ({', '.join(repr(key) for key in SCHEMA_KEYS)})"
    found.append(
        Policy("vanort_editor_settings", "vanort_meta", "ALL", (EDITOR,), settings, settings)
    )
    return found


def setup_statements(
    *, schema: str, missing_groups: Sequence[str], sequences: dict[str, str]
) -> list[str]:
    """Every statement of `db roles --setup`, in order.

    They converge: everything vanort grants its groups is revoked first and
    granted again, and every policy dropped and created again, all in one
    transaction, so a second run leaves the database exactly as it was.
    `sequences`: table -> the sequence of its id (from pg_get_serial_sequence)."""
    groups = ", ".join(GROUPS)
    tables = ", ".join(ALL_TABLES)
    statements = [f"CREATE ROLE {group} NOLOGIN" for group in missing_groups]
    statements += [
        f"REVOKE ALL ON TABLE {tables} FROM {groups}",
        f"GRANT USAGE ON SCHEMA {schema} TO {groups}",
        f"GRANT SELECT ON TABLE {tables} TO {groups}",
        f"GRANT INSERT, UPDATE, DELETE ON TABLE {', '.join(REPORTER_TABLES)} TO {REPORTER}",
        f"GRANT INSERT, UPDATE, DELETE ON TABLE {', '.join(REPORTER_TABLES + EDITOR_TABLES)} "
        f"TO {EDITOR}",
        f"GRANT INSERT ON TABLE {AUDIT_TABLE} TO {REPORTER}, {EDITOR}",
    ]
    if sequences:
        statements.append(f"REVOKE ALL ON SEQUENCE {', '.join(sequences.values())} FROM {groups}")
    reporter_sequences = [sequences[t] for t in (*REPORTER_TABLES, AUDIT_TABLE) if t in sequences]
    if reporter_sequences:
        statements.append(f"GRANT USAGE ON SEQUENCE {', '.join(reporter_sequences)} TO {REPORTER}")
    if sequences:
        statements.append(f"GRANT USAGE ON SEQUENCE {', '.join(sequences.values())} TO {EDITOR}")
    secured = sorted({policy.table for policy in policies()})
    statements += [f"ALTER TABLE {table} ENABLE ROW LEVEL SECURITY" for table in secured]
    for policy in policies():
        statements.append(f"DROP POLICY IF EXISTS {policy.name} ON {policy.table}")
        statements.append(policy.sql())
    return statements


# What `db roles --setup` compares before and after, to say whether it changed anything.
STATE_QUERIES = (
    "SELECT rolname, rolcanlogin::text, rolinherit::text FROM pg_roles "
    "WHERE rolname IN ('vanort_reader', 'vanort_reporter', 'vanort_editor') ORDER BY 1",
    "SELECT nspname, array_to_string(ARRAY(SELECT a::text FROM unnest(nspacl) a ORDER BY 1), ' ') "
    "FROM pg_namespace WHERE nspname = current_schema()",
    "SELECT relname, relrowsecurity::text, "
    "array_to_string(ARRAY(SELECT a::text FROM unnest(relacl) a ORDER BY 1), ' ') "
    "FROM pg_class WHERE relnamespace = current_schema()::regnamespace ORDER BY 1",
    "SELECT tablename, policyname, permissive, roles::text, cmd, coalesce(qual, ''), "
    "coalesce(with_check, '') FROM pg_policies WHERE schemaname = current_schema() ORDER BY 1, 2",
)

# Each table's id sequence (serial or identity), as a name to use in SQL.
SEQUENCES_QUERY = (
    "SELECT t.relname, s.oid::regclass::text FROM pg_depend d "
    "JOIN pg_class s ON s.oid = d.objid AND s.relkind = 'S' "
    "JOIN pg_class t ON t.oid = d.refobjid "
    "WHERE d.deptype IN ('a', 'i') AND t.relnamespace = current_schema()::regnamespace"
)
MEMBERS_QUERY = (
    "SELECT g.rolname, r.rolname FROM pg_roles g "
    "JOIN pg_auth_members am ON am.roleid = g.oid JOIN pg_roles r ON r.oid = am.member "
    "WHERE g.rolname IN ('vanort_reader', 'vanort_reporter', 'vanort_editor') ORDER BY 1, 2"
)
# The most a role may do through vanort's groups, the editor first.
GROUP_OF_CURRENT_USER = (
    "SELECT g FROM unnest(ARRAY['vanort_editor', 'vanort_reporter', 'vanort_reader']) g "
    "WHERE EXISTS (SELECT 1 FROM pg_roles WHERE rolname = g) "
    "AND pg_has_role(current_user, g, 'MEMBER') LIMIT 1"
)


# -- running them -----------------------------------------------------------------

Execute = Callable[[str, dict[str, Any]], list[tuple[Any, ...]]]


def _query(connection: Any) -> Execute:
    """Run SQL on a SQLAlchemy connection through the driver (psycopg's %(name)s)."""

    def run(sql: str, parameters: dict[str, Any]) -> list[tuple[Any, ...]]:
        result = connection.exec_driver_sql(sql, parameters or None)
        return [tuple(row) for row in result.all()] if result.returns_rows else []

    return run


def _state(run: Execute) -> list[list[tuple[Any, ...]]]:
    return [run(query, {}) for query in STATE_QUERIES]


def setup(connection: Any) -> bool:
    """Create vanort's groups and their rules; True when anything changed."""
    from sqlalchemy import exc as sa_exc

    run = _query(connection)
    quote = connection.dialect.identifier_preparer.quote
    before = _state(run)
    existing = {row[0] for row in before[0]}
    sequences = {
        str(table): str(sequence)
        for table, sequence in run(SEQUENCES_QUERY, {})
        if table in ALL_TABLES
    }
    schema = quote(str(run("SELECT current_schema()", {})[0][0]))
    statements = setup_statements(
        schema=schema,
        missing_groups=[group for group in GROUPS if group not in existing],
        sequences=sequences,
    )
    try:
        for statement in statements:
            run(statement, {})
    except sa_exc.DBAPIError as error:
        who = run_after_failure(connection, "SELECT current_user")
        raise _setup_refused(error, who) from None
    return _state(run) != before


def run_after_failure(connection: Any, sql: str) -> str:
    """A value read after a failed statement, on a fresh connection (this one's
    transaction is aborted)."""
    with connection.engine.connect() as other:
        return str(other.exec_driver_sql(sql).scalar())


def _setup_refused(error: Exception, who: str) -> Exception:
    from vanort_cli.errors import RuleError

    reason = str(getattr(error, "orig", error)).strip().splitlines()[0]
    return RuleError(m.ROLES_SETUP_REFUSED.format(user=who, reason=reason))


def grant(connection: Any, *, login: str, group: str) -> bool:
    """Add the login role `login` to `group`; False when it already was in it."""
    from vanort_cli.errors import NotFoundError, RuleError

    run = _query(connection)
    groups = {row[0] for row in run(STATE_QUERIES[0], {})}
    if group not in groups:
        raise RuleError(m.ROLES_NOT_SET_UP.format(group=group))
    found = run("SELECT rolcanlogin FROM pg_roles WHERE rolname = %(name)s", {"name": login})
    if not found:
        raise NotFoundError(m.ROLES_NO_SUCH_LOGIN.format(login=login, group=group))
    if login in GROUPS:
        raise RuleError(m.ROLES_GROUP_AS_LOGIN.format(login=login))
    member = run(
        "SELECT pg_has_role(%(login)s, %(group)s, 'MEMBER')", {"login": login, "group": group}
    )
    if member and member[0][0]:
        return False
    quote = connection.dialect.identifier_preparer.quote
    run(f"GRANT {group} TO {quote(login)}", {})
    return True


def members(connection: Any) -> list[dict[str, str]]:
    """Who is in which of vanort's groups."""
    return [
        {"role": group, "login": login} for group, login in _query(connection)(MEMBERS_QUERY, {})
    ]


# -- refusals -----------------------------------------------------------------------

# What each group may do (its role's words, i18n.values.ROLE), and what a change
# to a table needs.
MAY = {group: name for name, group in GROUP_BY_NAME.items()}
ACTION_BY_TABLE = {
    **dict.fromkeys(
        ("meeting", "participant", "seminar", "preparation_done", "evaluation"),
        (
            "ROLE_ACTION_MEETINGS",
            EDITOR,
        ),
    ),
    **dict.fromkeys(("town", "town_alias", "town_decision"), ("ROLE_ACTION_TOWNS", EDITOR)),
    **dict.fromkeys(
        ("organisation", "organisation_alias", "area"), ("ROLE_ACTION_ORGANISATIONS", EDITOR)
    ),
    "vanort_meta": ("ROLE_ACTION_SETTINGS", EDITOR),
}


def is_refusal(error: BaseException) -> bool:
    """A PostgreSQL permission error (42501: no privilege, or a row-level security
    check), or an update that row-level security made match no row."""
    from sqlalchemy.orm.exc import StaleDataError

    if isinstance(error, StaleDataError):
        return True
    return getattr(getattr(error, "orig", None), "sqlstate", None) == "42501"


def refused_table(error: BaseException) -> str | None:
    """The table a refused statement was about, from PostgreSQL's message or the
    statement itself."""
    import re

    text = str(getattr(error, "orig", error))
    found = re.search(r"""\btable\s+['"]?([a-z_]+)""", text)
    return found.group(1) if found else None


def describe_refusal(error: BaseException, *, group: str | None, user: str) -> str:
    """One line: the role, what it may do, and what the refused change needs."""
    table = refused_table(error)
    if group is None:
        return m.ROLE_NONE.format(user=user)
    may = values.ROLE.word(MAY[group])
    if table == AUDIT_TABLE:
        action, needed = m.ROLE_ACTION_HISTORY, m.ROLE_OWNER
    elif table in ACTION_BY_TABLE:
        name, needed = ACTION_BY_TABLE[table]
        action = getattr(m, name)
    elif table in REPORTER_TABLES and group == READER:
        action, needed = m.ROLE_ACTION_COLLABORATIONS, REPORTER
    elif table in REPORTER_TABLES:
        action, needed = m.ROLE_ACTION_OTHERS_COLLABORATION, EDITOR
    else:
        action, needed = m.ROLE_ACTION_SCHEMA, m.ROLE_OWNER
    return m.ROLE_REFUSED.format(role=group, may=may, action=action, needed=needed)


def translate_refusal(error: BaseException, engine: Any) -> str | None:
    """For the PostgreSQL backend's error translation: the one line for a refusal by
    the server's roles, or None when `error` is something else. The role's vanort
    group is read on a fresh connection, the failed one's transaction being aborted."""
    if engine is None or not is_refusal(error):
        return None
    try:
        with engine.connect() as connection:
            group = connection.exec_driver_sql(GROUP_OF_CURRENT_USER).scalar()
            user = str(connection.exec_driver_sql("SELECT current_user").scalar())
    except Exception:  # the server is gone: say what was refused without the role
        group, user = None, "?"
    from sqlalchemy.orm.exc import StaleDataError

    if isinstance(error, StaleDataError) and group == EDITOR:
        return None  # an editor sees every row: a row deleted meanwhile, not a refusal
    return describe_refusal(error, group=group, user=user)
