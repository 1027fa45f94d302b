"""The roles a PostgreSQL registry enforces: reader, reporter, editor and web.

The rules live in the database itself, as GRANTs and row-level security, so
that a reporter connecting with `psql` can do no more than through vanort:

- vanort_reader reads everything and writes nothing;
- vanort_reporter reads, logs collaborations (and their towns), and edits or
  deletes softly (`deleted_at`, restorable) only the collaborations of the
  organisations it is bound to (`reporter_organisation`); a reporter bound to
  none yet keeps the rule of schema 4, its own rows (`owner_role` is the
  database role that inserted the row), until staff bind it;
- vanort_editor (Stadsledningskontoret) changes every row of every table;
- vanort_web is `vanort serve`'s login, never the owner: it reads what readers
  read and writes only what the reporters' web writes, for any organisation
  (the web checks each personal link itself; the database confines it to these
  tables and columns): collaborations and their towns (soft delete), a round's
  answers, and the web's own tables (WEB_TABLES); never contacts, meetings,
  towns, organisations, settings or the history;
- the history is written by the database's triggers (store/history_triggers.py)
  and by no login: after `db roles --setup` every table and function belongs to
  vanort_schema, a role that cannot log in, and the trigger function writes the
  history as that owner.

No login may choose an id or move a sequence: the ids are identity columns
(store/postgres.py), the groups may insert and update every column but the id
and the owner role, and no group has USAGE on any sequence.

The login that sets the roles up (the database owner, with CREATEROLE) is not
left owning anything: it takes vanort_schema only for the length of a
transaction that needs the owner (set-up, an upgrade, binding a reporter, a
`db import`), with `owner_transaction`. A superuser, or a login that may grant
itself vanort_schema, is outside what the database can hold back.

The SQL is data here (`setup_statements`), built from the table lists below; a
test checks that every table of the registry is in exactly one of them, so a
new table cannot arrive without a decision on who may change it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from vanort_cli.i18n import messages as m
from vanort_cli.i18n import values

READER = "vanort_reader"
REPORTER = "vanort_reporter"
EDITOR = "vanort_editor"
WEB = "vanort_web"
GROUPS = (READER, REPORTER, EDITOR, WEB)
# Owns every table and function after `db roles --setup`; cannot log in.
OWNER = "vanort_schema"
# `--as reporter` names a group by its last word.
GROUP_BY_NAME = {"reader": READER, "reporter": REPORTER, "editor": EDITOR, "web": WEB}

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
    "reporting_round",
)
# A round's answers: a reporter answers only for the organisations it is bound
# to (row-level security), never for one it is not bound to. (schema 7)
ROUND_TABLES = ("round_organisation", "round_collaboration")
# The columns of an organisation's place in a round that are its answer.
ANSWER_COLUMNS = ("answered_on", "answered_by", "answer")
# Personal data (contacts, and the addresses letters went to): editors only, not
# even read by readers and reporters.
PERSONAL_TABLES = ("organisation_contact", "round_letter")
# The web's own tables (schema 8: the reporters' links, the web's sessions): read
# and written by the web and by editors (the CLI makes and revokes links), not read
# by readers or reporters (a link's hash and a session are the web's secrets). The
# web gets SELECT, INSERT, UPDATE and DELETE on each, every column but the id.
WEB_TABLES: tuple[str, ...] = ("round_link", "web_session")
# Written by the database's triggers only.
AUDIT_TABLE = "audit_entry"
# Which organisations a reporter login reports for: read by every group (the
# row-level security of collaborations asks it), written only by the owner.
BINDING_TABLE = "reporter_organisation"
ALL_TABLES = (
    *REPORTER_TABLES,
    *EDITOR_TABLES,
    *ROUND_TABLES,
    *PERSONAL_TABLES,
    *WEB_TABLES,
    AUDIT_TABLE,
    BINDING_TABLE,
)
# Columns no group may write: the id (identity) and who stored a row (the server's).
NOT_WRITTEN = ("id", "owner_role")
# Rows of vanort_meta that are the schema's own, not a setting an editor may change.
SCHEMA_KEYS = ("application", "schema_version")

# A collaboration this reporter answers for: one of the organisations it is bound
# to, or, while it is bound to none, one it stored itself.
BOUND = f"EXISTS (SELECT 1 FROM {BINDING_TABLE} b WHERE b.login = current_user)"
REPORTS_FOR = (
    f"organisation_id IN (SELECT b.organisation_id FROM {BINDING_TABLE} b "
    f"WHERE b.login = current_user) OR (NOT {BOUND} AND owner_role = current_user)"
)
OWN = f"owner_role = current_user AND ({REPORTS_FOR})"
# An organisation's place in a round that this reporter answers for: bound only.
ANSWERS_FOR = (
    f"organisation_id IN (SELECT b.organisation_id FROM {BINDING_TABLE} b "
    "WHERE b.login = current_user)"
)
ANSWERS_FOR_LINK = (
    "EXISTS (SELECT 1 FROM round_organisation r WHERE r.id = round_organisation_id AND "
    f"r.organisation_id IN (SELECT b.organisation_id FROM {BINDING_TABLE} b "
    "WHERE b.login = current_user))"
)
OWN_LINK = (
    "EXISTS (SELECT 1 FROM collaboration c WHERE c.id = collaboration_id AND "
    f"(c.organisation_id IN (SELECT b.organisation_id FROM {BINDING_TABLE} b "
    f"WHERE b.login = current_user) OR (NOT {BOUND} AND c.owner_role = current_user)))"
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
        Policy(
            "vanort_reporter_update",
            "collaboration",
            "UPDATE",
            (REPORTER,),
            REPORTS_FOR,
            REPORTS_FOR,
        ),
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
        # The web writes for any organisation: which one a request may change is
        # decided by its personal link, which only the web can check.
        Policy("vanort_web_insert", "collaboration", "INSERT", (WEB,), check="true"),
        Policy("vanort_web_update", "collaboration", "UPDATE", (WEB,), "true", "true"),
        Policy("vanort_web_insert", "collaboration_town", "INSERT", (WEB,), check="true"),
        Policy("vanort_web_update", "collaboration_town", "UPDATE", (WEB,), "true", "true"),
        Policy("vanort_web_delete", "collaboration_town", "DELETE", (WEB,), using="true"),
        Policy("vanort_web_update", "round_organisation", "UPDATE", (WEB,), "true", "true"),
        Policy("vanort_web_insert", "round_collaboration", "INSERT", (WEB,), check="true"),
        Policy("vanort_editor_all", "collaboration_town", "ALL", (EDITOR,), "true", "true"),
        Policy(
            "vanort_reporter_update",
            "round_organisation",
            "UPDATE",
            (REPORTER,),
            ANSWERS_FOR,
            ANSWERS_FOR,
        ),
        Policy(
            "vanort_reporter_insert",
            "round_collaboration",
            "INSERT",
            (REPORTER,),
            check=ANSWERS_FOR_LINK,
        ),
    ]
    found += [
        Policy("vanort_read", table, "SELECT", GROUPS, using="true") for table in ROUND_TABLES
    ]
    found += [
        Policy("vanort_editor_all", table, "ALL", (EDITOR,), "true", "true")
        for table in ROUND_TABLES
    ]
    settings = f"key NOT IN ({', '.join(repr(key) for key in SCHEMA_KEYS)})"
    found.append(
        Policy("vanort_editor_settings", "vanort_meta", "ALL", (EDITOR,), settings, settings)
    )
    found += [
        Policy("vanort_web_all", table, "ALL", (WEB, EDITOR), "true", "true")
        for table in WEB_TABLES
    ]
    return found


def _columns(table: str, columns: dict[str, list[str]]) -> str:
    return ", ".join(c for c in columns[table] if c not in NOT_WRITTEN)


def _web_grants(columns: dict[str, list[str]]) -> list[str]:
    """What the web may write: the same columns a reporter may, for any organisation
    (its policies), and its own tables."""
    statements = [
        f"GRANT {command} ({_columns(table, columns)}) ON TABLE {table} TO {WEB}"
        for table in REPORTER_TABLES
        for command in ("INSERT", "UPDATE")
    ]
    # Correcting a collaboration's towns replaces them; the collaboration itself
    # is only ever deleted softly (`deleted_at`).
    statements.append(f"GRANT DELETE ON TABLE collaboration_town TO {WEB}")
    answer = ", ".join(ANSWER_COLUMNS)
    statements.append(f"GRANT UPDATE ({answer}) ON TABLE round_organisation TO {WEB}")
    statements.append(
        f"GRANT INSERT ({_columns('round_collaboration', columns)}) "
        f"ON TABLE round_collaboration TO {WEB}"
    )
    for table in WEB_TABLES:
        written = _columns(table, columns)
        statements.append(f"GRANT SELECT, DELETE ON TABLE {table} TO {WEB}")
        statements.append(f"GRANT INSERT ({written}), UPDATE ({written}) ON TABLE {table} TO {WEB}")
    return statements


def setup_statements(
    *,
    schema: str,
    missing_groups: Sequence[str],
    sequences: dict[str, str],
    columns: dict[str, list[str]],
    functions: Sequence[str],
) -> list[str]:
    """Every statement of `db roles --setup`, in order, run by a login that is (for
    the transaction) a member of OWNER.

    They converge: everything vanort grants its groups is revoked first and
    granted again, and every policy dropped and created again, all in one
    transaction, so a second run leaves the database exactly as it was.
    `sequences`: table -> the sequence of its id; `columns`: table -> its columns;
    `functions`: vanort's functions, as `name(argument types)`."""
    groups = ", ".join(GROUPS)
    tables = ", ".join(ALL_TABLES)
    readable = ", ".join(t for t in ALL_TABLES if t not in (*PERSONAL_TABLES, *WEB_TABLES))
    edited = (*REPORTER_TABLES, *EDITOR_TABLES, *ROUND_TABLES, *PERSONAL_TABLES, *WEB_TABLES)
    statements = [f"CREATE ROLE {group} NOLOGIN" for group in missing_groups]
    statements += [
        # The owner needs the schema's CREATE right to be given the tables.
        f"GRANT USAGE, CREATE ON SCHEMA {schema} TO {OWNER}",
        *(f"ALTER TABLE {table} OWNER TO {OWNER}" for table in ALL_TABLES),
        *(f"ALTER FUNCTION {function} OWNER TO {OWNER}" for function in functions),
        f"REVOKE ALL ON TABLE {tables} FROM {groups}",
        f"GRANT USAGE ON SCHEMA {schema} TO {groups}",
        f"GRANT SELECT ON TABLE {readable} TO {groups}",
        f"GRANT SELECT ON TABLE {', '.join(PERSONAL_TABLES)} TO {EDITOR}",
    ]
    for table in REPORTER_TABLES:
        statements.append(
            f"GRANT INSERT ({_columns(table, columns)}) ON TABLE {table} TO {REPORTER}"
        )
        statements.append(
            f"GRANT UPDATE ({_columns(table, columns)}) ON TABLE {table} TO {REPORTER}"
        )
    # A reporter deletes a collaboration softly; a town of one it answers for goes.
    statements.append(f"GRANT DELETE ON TABLE collaboration_town TO {REPORTER}")
    answer = ", ".join(ANSWER_COLUMNS)
    statements.append(f"GRANT UPDATE ({answer}) ON TABLE round_organisation TO {REPORTER}")
    statements.append(
        f"GRANT INSERT ({_columns('round_collaboration', columns)}) "
        f"ON TABLE round_collaboration TO {REPORTER}"
    )
    statements += _web_grants(columns)
    for table in edited:
        statements.append(f"GRANT INSERT ({_columns(table, columns)}) ON TABLE {table} TO {EDITOR}")
        statements.append(f"GRANT UPDATE ({_columns(table, columns)}) ON TABLE {table} TO {EDITOR}")
    statements.append(f"GRANT DELETE ON TABLE {', '.join(edited)} TO {EDITOR}")
    if WEB_TABLES:
        statements.append(f"GRANT SELECT ON TABLE {', '.join(WEB_TABLES)} TO {EDITOR}")
    if sequences:
        # Identity columns need no right on their sequence: no one may move one.
        statements.append(f"REVOKE ALL ON SEQUENCE {', '.join(sequences.values())} FROM {groups}")
    secured = sorted({policy.table for policy in policies()})
    statements += [f"ALTER TABLE {table} ENABLE ROW LEVEL SECURITY" for table in secured]
    for policy in policies():
        statements.append(f"DROP POLICY IF EXISTS {policy.name} ON {policy.table}")
        statements.append(policy.sql())
    return statements


# What `db roles --setup` compares before and after, to say whether it changed anything.
STATE_QUERIES = (
    "SELECT rolname, rolcanlogin::text, rolinherit::text FROM pg_roles "
    f"WHERE rolname IN ({', '.join(repr(g) for g in GROUPS)}) ORDER BY 1",
    "SELECT nspname, array_to_string(ARRAY(SELECT a::text FROM unnest(nspacl) a ORDER BY 1), ' ') "
    "FROM pg_namespace WHERE nspname = current_schema()",
    "SELECT relname, relrowsecurity::text, relowner::regrole::text, "
    "array_to_string(ARRAY(SELECT a::text FROM unnest(relacl) a ORDER BY 1), ' ') "
    "FROM pg_class WHERE relnamespace = current_schema()::regnamespace ORDER BY 1",
    "SELECT attrelid::regclass::text, attname, "
    "array_to_string(ARRAY(SELECT a::text FROM unnest(attacl) a ORDER BY 1), ' ') "
    "FROM pg_attribute WHERE attacl IS NOT NULL "
    "AND attrelid IN (SELECT oid FROM pg_class "
    "WHERE relnamespace = current_schema()::regnamespace) "
    "ORDER BY 1, 2",
    "SELECT p.proname, p.proowner::regrole::text, p.prosecdef::text, "
    "array_to_string(ARRAY(SELECT a::text FROM unnest(p.proacl) a ORDER BY 1), ' ') "
    "FROM pg_proc p WHERE p.pronamespace = current_schema()::regnamespace ORDER BY 1",
    "SELECT rolname, rolcanlogin::text FROM pg_roles WHERE rolname = 'vanort_schema'",
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
    f"WHERE g.rolname IN ({', '.join(repr(g) for g in GROUPS)}) ORDER BY 1, 2"
)
# The most a role may do through vanort's groups, the editor first.
GROUP_OF_CURRENT_USER = (
    "SELECT g FROM unnest(ARRAY['vanort_editor', 'vanort_web', 'vanort_reporter', "
    "'vanort_reader']) g "
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
    """Create vanort's groups, give every table and function to OWNER and set the
    rules; True when anything changed."""
    from sqlalchemy import exc as sa_exc

    from vanort_cli.store.history_triggers import FUNCTION, INSERTED_FUNCTION

    run = _query(connection)
    quote = connection.dialect.identifier_preparer.quote
    before = _state(run)
    existing = {row[0] for row in before[0]}
    sequences = {
        str(table): str(sequence)
        for table, sequence in run(SEQUENCES_QUERY, {})
        if table in ALL_TABLES
    }
    columns: dict[str, list[str]] = {}
    for table, column in run(COLUMNS_QUERY, {}):
        columns.setdefault(str(table), []).append(str(column))
    schema = quote(str(run("SELECT current_schema()", {})[0][0]))
    statements = setup_statements(
        schema=schema,
        missing_groups=[group for group in GROUPS if group not in existing],
        sequences=sequences,
        columns=columns,
        functions=("vanort_fold(text)", f"{FUNCTION}()", f"{INSERTED_FUNCTION}()"),
    )
    try:
        if not run("SELECT 1 FROM pg_roles WHERE rolname = %(owner)s", {"owner": OWNER}):
            run(f"CREATE ROLE {OWNER} NOLOGIN", {})
        granted = _join_owner(connection)
        for statement in statements:
            run(statement, {})
        _leave_owner(connection, granted)
        # The login that sets up owns nothing after it, and reads as a reader:
        # what it changes goes through an editor's login, or `become_owner`.
        login = str(run("SELECT current_user", {})[0][0])
        is_reader = run("SELECT pg_has_role(current_user, %(r)s, 'MEMBER')", {"r": READER})
        if not is_reader[0][0]:
            run(f"GRANT {READER} TO {quote(login)}", {})
    except sa_exc.DBAPIError as error:
        who = run_after_failure(connection, "SELECT current_user")
        raise _setup_refused(error, who) from None
    return _state(run) != before


# From the catalogue, not information_schema.columns, which lists only the columns
# the current login may use: after the first setup the login that sets up reads
# as a reader, and personal tables (organisation_contact) would be missing.
COLUMNS_QUERY = (
    "SELECT c.relname, a.attname FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid "
    "WHERE c.relnamespace = current_schema()::regnamespace AND c.relkind IN ('r', 'p') "
    "AND a.attnum > 0 AND NOT a.attisdropped ORDER BY c.relname, a.attnum"
)
OWNER_OF_SCHEMA = (
    "SELECT tableowner FROM pg_tables WHERE schemaname = current_schema() "
    "AND tablename = 'vanort_meta'"
)


def _join_owner(connection: Any) -> str | None:
    """Make the connected login a member of OWNER for this transaction: the login
    it granted, to revoke before the commit, or None when it already was one."""
    run = _query(connection)
    member = run("SELECT pg_has_role(current_user, %(owner)s, 'MEMBER')", {"owner": OWNER})
    if member and member[0][0]:
        return None
    login = str(run("SELECT current_user", {})[0][0])
    quote = connection.dialect.identifier_preparer.quote
    run(f"GRANT {OWNER} TO {quote(login)}", {})
    return login


def _leave_owner(connection: Any, granted: str | None) -> None:
    if granted is not None:
        quote = connection.dialect.identifier_preparer.quote
        _query(connection)(f"REVOKE {OWNER} FROM {quote(granted)}", {})


def become_owner(connection: Any) -> str | None:
    """For a transaction that needs the tables' owner (an upgrade, binding a
    reporter, a `db import`): when OWNER owns them, act as OWNER until
    `stop_being_owner`, so that new objects are its too. The connected login must
    be able to take the role (CREATEROLE, or a superuser); else the first
    statement that needs it is refused as it would have been.

    Returns what `stop_being_owner` undoes: None when nothing was done (the login
    owns the tables itself), "" when it acts as OWNER through a membership it
    already had, else the login it granted OWNER to."""
    run = _query(connection)
    owner = run(OWNER_OF_SCHEMA, {})
    if not owner or owner[0][0] != OWNER:
        return None
    granted = _join_owner(connection)
    run(f"SET LOCAL ROLE {OWNER}", {})
    return granted or ""


@contextmanager
def owner_for_tools(engine: Any) -> Iterator[list[str]]:
    """For pg_dump and pg_restore, which cannot share vanort's transaction: when
    OWNER owns the tables, the connected login is made a member of it for as
    long as the tool runs (committed, then revoked), and the tool is told to act
    as it (`--role`). Yields the tool's extra arguments."""
    from sqlalchemy import text

    with engine.begin() as connection:
        owner = connection.execute(text(OWNER_OF_SCHEMA)).scalar()
        granted = _join_owner(connection) if owner == OWNER else None
    try:
        yield [f"--role={OWNER}"] if owner == OWNER else []
    finally:
        if granted is not None:
            with engine.begin() as connection:
                _leave_owner(connection, granted)


def stop_being_owner(connection: Any, granted: str | None) -> None:
    """Undo `become_owner` within the same transaction."""
    if granted is None:
        return
    _query(connection)("RESET ROLE", {})
    _leave_owner(connection, granted or None)


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


def bind(connection: Any, *, login: str, organisation_ids: Sequence[int]) -> int:
    """Bind the reporter `login` to these organisations (it reports for them, and
    only for them); how many bindings are new. Needs the owner (`become_owner`)."""
    run = _query(connection)
    granted = become_owner(connection)
    added = 0
    for organisation_id in organisation_ids:
        added += len(
            run(
                f"INSERT INTO {BINDING_TABLE} (login, organisation_id) "
                "VALUES (%(login)s, %(org)s) ON CONFLICT DO NOTHING RETURNING id",
                {"login": login, "org": organisation_id},
            )
        )
    stop_being_owner(connection, granted)
    return added


BINDINGS_QUERY = (
    f"SELECT b.login, o.name FROM {BINDING_TABLE} b "
    "JOIN organisation o ON o.id = b.organisation_id ORDER BY 1, 2"
)


def members(connection: Any) -> list[dict[str, str]]:
    """Who is in which of vanort's groups, and the organisations a reporter reports
    for ("" for none: a reporter bound to none keeps to the rows it stored)."""
    run = _query(connection)
    bound: dict[str, list[str]] = {}
    for login, name in run(BINDINGS_QUERY, {}):
        bound.setdefault(str(login), []).append(str(name))
    return [
        {"role": group, "login": login, "organisations": "; ".join(bound.get(login, []))}
        for group, login in run(MEMBERS_QUERY, {})
    ]


def unbound_reporters(connection: Any) -> list[str]:
    """Reporter logins bound to no organisation yet (`check` names them)."""
    return [
        row["login"]
        for row in members(connection)
        if row["role"] == REPORTER and not row["organisations"]
    ]


def organisations_of(connection: Any) -> list[str]:
    """The organisations the connected login reports for, by name."""
    rows = _query(connection)(
        f"SELECT o.name FROM {BINDING_TABLE} b JOIN organisation o ON o.id = b.organisation_id "
        "WHERE b.login = current_user ORDER BY 1",
        {},
    )
    return [str(row[0]) for row in rows]


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
    "reporting_round": ("ROLE_ACTION_ROUNDS", EDITOR),
    # Personal data: read and written by editors only.
    **dict.fromkeys(PERSONAL_TABLES, ("ROLE_ACTION_CONTACTS", EDITOR)),
    **dict.fromkeys(WEB_TABLES, ("ROLE_ACTION_ROUNDS", EDITOR)),
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


def describe_refusal(
    error: BaseException, *, group: str | None, user: str, organisations: Sequence[str] = ()
) -> str:
    """One line: the role, what it may do, and what the refused change needs."""
    table = refused_table(error)
    if group is None:
        return m.ROLE_NONE.format(user=user)
    may = values.ROLE.word(MAY[group], long=True)
    if table == AUDIT_TABLE:
        action, needed = m.ROLE_ACTION_HISTORY, m.ROLE_OWNER
    elif table in ACTION_BY_TABLE:
        name, needed = ACTION_BY_TABLE[table]
        action = getattr(m, name)
    elif group == WEB and table in ROUND_TABLES:
        # The web writes a round's answers only; when it was asked is the office's.
        action, needed = m.ROLE_ACTION_ROUNDS, EDITOR
    elif group == WEB:
        # The web writes every column of a collaboration but the id and owner.
        action, needed = m.ROLE_ACTION_SCHEMA, m.ROLE_OWNER
    elif table in ROUND_TABLES and group == REPORTER:
        # A reporter answers a round for the organisations it is bound to, only.
        return m.ROLE_REFUSED_ANSWER.format(
            user=user, organisations=", ".join(organisations) or "-", needed=EDITOR
        )
    elif table in ROUND_TABLES:
        action, needed = m.ROLE_ACTION_ANSWERS, REPORTER
    elif table in REPORTER_TABLES and group == READER:
        action, needed = m.ROLE_ACTION_COLLABORATIONS, REPORTER
    elif table in REPORTER_TABLES and organisations:
        return m.ROLE_REFUSED_ORGANISATIONS.format(
            user=user, organisations=", ".join(organisations), needed=EDITOR
        )
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
            organisations = organisations_of(connection) if group == REPORTER else []
    except Exception:  # the server is gone: say what was refused without the role
        group, user, organisations = None, "?", []
    from sqlalchemy.orm.exc import StaleDataError

    if isinstance(error, StaleDataError) and group == EDITOR:
        return None  # an editor sees every row: a row deleted meanwhile, not a refusal
    return describe_refusal(error, group=group, user=user, organisations=organisations)
