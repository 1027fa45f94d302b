"""Schema versions, and the steps that bring an older registry up to date.

Why not alembic: vanort's registry is small and every upgrade must run
automatically, inside the command that opens the file, in one transaction with
a backup taken first. An ordered list of small, named functions recorded in
`vanort_meta` (the pattern of simonw/llm) does that with no extra dependency or
import cost, and each step's comment says why it exists. The steps use only
portable SQL through SQLAlchemy, so they run on PostgreSQL as well; what one
database needs beyond the models, its backend adds after the steps
(`after_upgrade`, store/backend.py).

A new registry is created from the current models (`SQLModel.metadata`) and
stamped with SCHEMA_VERSION. Schema 1 is the first released schema; each later
version adds its step here and a fixture of the old schema under
tests/fixtures/, with a test that upgrading it keeps every row.
"""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy import Connection, text

SCHEMA_VERSION = 9
APPLICATION_ID = "vanort"


def _schema2_postponements_and_retired_organisations(connection: Connection) -> None:
    """Schema 2: a postponed meeting can be rescheduled (its new year, and whether
    the cycle shifts with it), an organisation can be retired after a
    reorganisation while its history stays, and the audit trail keeps the name a
    person gave (VANORT_USER) beside the OS user. New columns are nullable, so
    every existing row keeps its meaning: nothing rescheduled, nothing retired."""
    for statement in (
        "ALTER TABLE meeting ADD COLUMN rescheduled_to INTEGER",
        "ALTER TABLE meeting ADD COLUMN shift_cycle BOOLEAN",
        "ALTER TABLE organisation ADD COLUMN retired_on DATE",
        "ALTER TABLE organisation ADD COLUMN note VARCHAR",
        # The audit trail's "who" is the OS user; VANORT_USER is kept beside it.
        "ALTER TABLE audit_entry ADD COLUMN given_name VARCHAR",
    ):
        connection.execute(text(statement))
    # The shipped data's corrections of 2026-11-27 (data-sources.md): the
    # administrations after the 2021 and 2023 reorganisations, the partner
    # cities' start years, St Petersburg's ended partnership, Bergen's
    # municipality codes, the spelling "Tallin", welfare technology as an area.
    from vanort_cli.store.upgrades.shipped_data import apply_corrections, load_corrections

    corrections = load_corrections("schema2_corrections.toml")
    apply_corrections(connection, corrections, why="shipped-data corrections of 2026-11-27")


def _schema3_duplicate_lookup_index(connection: Connection) -> None:
    """Schema 3: an index on a collaboration's organisation and start day, the
    two fields every duplicate check narrows by (log-collaboration, import). An
    import of many rows asks for them batch after batch; without the index each
    question read every collaboration of the organisations, so a large import
    cost grew with the square of its rows. No row changes."""
    connection.execute(
        text(
            "CREATE INDEX IF NOT EXISTS ix_collaboration_org_start "
            "ON collaboration (organisation_id, start_date)"
        )
    )


def _schema4_database_roles(connection: Connection) -> None:
    """Schema 4: a registry on a PostgreSQL server is shared by the whole City,
    and the database decides who may change what. A collaboration keeps the
    database role that reported it (`owner_role`), so that row-level security
    can let a reporter edit its own only, and the audit trail keeps the role
    that made each change (`db_role`) beside the OS user and VANORT_USER. Both
    are filled in by the server on PostgreSQL (the defaults its backend sets after
    every upgrade: store/postgres.py) and stay empty on SQLite, where there are no
    roles; existing rows keep None: no one is made their owner."""
    for statement in (
        "ALTER TABLE collaboration ADD COLUMN owner_role VARCHAR",
        "ALTER TABLE audit_entry ADD COLUMN db_role VARCHAR",
    ):
        connection.execute(text(statement))


def _schema5_history_by_the_database(connection: Connection) -> None:
    """Schema 5: the history is written by the database itself, by triggers on
    every recorded table (store/history_triggers.py, installed by each backend
    after the steps), so a change made with psql or the sqlite3 shell is recorded
    too. Each entry keeps the command vanort says it ran and how the change came
    (`origin`); entries recorded before keep None in both, their meaning
    unchanged. A reporter login can be bound to the organisations it reports for
    (`reporter_organisation`); no login is bound by the upgrade, so every
    reporter keeps working as before until staff bind it."""
    for statement in (
        "ALTER TABLE audit_entry ADD COLUMN command VARCHAR",
        "ALTER TABLE audit_entry ADD COLUMN origin VARCHAR",
    ):
        connection.execute(text(statement))
    from sqlmodel import SQLModel

    table = SQLModel.metadata.tables["reporter_organisation"]
    table.create(connection)


def _schema6_swedish_notes(connection: Connection) -> None:
    """Schema 6: a town's and an organisation's note in Swedish (`note_sv`)
    beside the English one, so that Swedish output does not quote English
    (issue 23). The shipped rows get the Swedish of the shipped note, but only
    while their English note is still the shipped one: a note staff wrote
    themselves has no Swedish of ours, and keeps none. Rows staff added keep
    None, and Swedish output shows their note as it is."""
    for statement in (
        "ALTER TABLE town ADD COLUMN note_sv VARCHAR",
        "ALTER TABLE organisation ADD COLUMN note_sv VARCHAR",
    ):
        connection.execute(text(statement))
    from vanort_cli.store.upgrades.shipped_data import apply_corrections, load_corrections

    corrections = load_corrections("schema6_swedish_notes.toml")
    apply_corrections(connection, corrections, why="the shipped notes in Swedish, issue 23")


def _schema7_reporting_round(connection: Connection) -> None:
    """Schema 7: the yearly reporting round (issue 24). An organisation's lifespan
    starts with `since` (its end is `retired_on`), so a report for a year before it
    existed does not list it as silent; it has contacts to write to; a round asks
    organisations (`reporting_round`, `round_organisation`), keeps what each
    answered (`round_collaboration`) and every letter written or sent
    (`round_letter`). Existing organisations keep an unknown start (None), which
    counts as before any year asked about, except the shipped ones whose start the
    sources give (data-sources.md, "Lifespans of organisations"), set only while
    staff have not set one themselves."""
    connection.execute(text("ALTER TABLE organisation ADD COLUMN since VARCHAR(10)"))
    from sqlmodel import SQLModel

    for name in (
        "organisation_contact",
        "reporting_round",
        "round_organisation",
        "round_collaboration",
        "round_letter",
    ):
        SQLModel.metadata.tables[name].create(connection)
    from vanort_cli.store.upgrades.shipped_data import apply_corrections, load_corrections

    corrections = load_corrections("schema7_lifespans.toml")
    apply_corrections(connection, corrections, why="the organisations' start dates, issue 24")


def _schema8_personal_links(connection: Connection) -> None:
    """Schema 8: the reporters' web (issue 25). Each organisation asked in a round
    gets a personal link (`round_link`), so a contact with no terminal and no
    database login answers in a browser; the link is exchanged for a session
    (`web_session`) on first use. Both keep only hashes of their secrets, so a copy
    of the registry opens nothing. New tables only: every existing row keeps its
    meaning, and no link exists until the office makes them (`round links`)."""
    from sqlmodel import SQLModel

    for name in ("round_link", "web_session"):
        SQLModel.metadata.tables[name].create(connection)


def _schema9_history_of_inserts_by_statement(connection: Connection) -> None:
    """Schema 9: on PostgreSQL the history of inserted rows is written once a
    statement, from the statement's transition table, instead of once a row
    (store/history_triggers.py), so that an import of 100,000 rows through COPY
    writes its history in one INSERT … SELECT rather than 100,000 trigger calls
    (issue 26). Every entry keeps what it held: the same values, claim, role,
    command and origin. The triggers are reinstalled by the backend after the
    steps, as after every upgrade; there is nothing to do here, and nothing on
    SQLite, whose triggers are unchanged. No row changes."""


# MIGRATIONS[n] brings a registry from version n - 1 to version n.
MIGRATIONS: dict[int, Callable[[Connection], None]] = {
    2: _schema2_postponements_and_retired_organisations,
    3: _schema3_duplicate_lookup_index,
    4: _schema4_database_roles,
    5: _schema5_history_by_the_database,
    6: _schema6_swedish_notes,
    7: _schema7_reporting_round,
    8: _schema8_personal_links,
    9: _schema9_history_of_inserts_by_statement,
}


def pending(version: int) -> list[tuple[int, Callable[[Connection], None]]] | None:
    """The steps to run on a registry at `version`, in order; None if vanort never wrote it."""
    if version < 1 or any(n not in MIGRATIONS for n in range(version + 1, SCHEMA_VERSION + 1)):
        return None
    return [(n, MIGRATIONS[n]) for n in range(version + 1, SCHEMA_VERSION + 1)]
