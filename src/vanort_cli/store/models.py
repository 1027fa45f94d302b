"""The registry's tables (SQLModel). Every schema change is a migration in
`migrations.py`; `SCHEMA_VERSION` there says which one these tables are.

Queries over these tables stay portable (no SQLite-only SQL) so that a shared
registry on PostgreSQL needs only a different URL.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import FetchedValue, Index, Table, event, text
from sqlalchemy.engine import Connection
from sqlmodel import Field, SQLModel, UniqueConstraint
from sqlmodel._compat import SQLModelConfig  # the type of SQLModel.model_config


def utc_now() -> datetime:
    return datetime.now(UTC)


class TableModel(SQLModel):
    """What every table below is built on: SQLModel, its pydantic validator built
    when first used rather than when the class is defined.

    vanort makes its rows with the tables' constructors, which do not validate
    (SQLModel's table models never do), so a command may never need the
    validators; building them for all the tables was a fifth of the cost of
    importing this module, paid by every command that reads the registry."""

    model_config = SQLModelConfig(defer_build=True)


class Meta(TableModel, table=True):
    """Facts about the registry itself: which application wrote it, and its schema version."""

    __tablename__ = "vanort_meta"
    key: str = Field(primary_key=True, max_length=64)
    value: str


class Town(TableModel, table=True):
    """A twin town (vänort) or partner city (partnerstad), Göteborg included."""

    __tablename__ = "town"
    id: int | None = Field(default=None, primary_key=True)
    key: str = Field(unique=True, index=True, max_length=64)
    name: str  # English / local name: Gothenburg, Aarhus, Bergen, Turku
    name_sv: str  # Swedish name: Göteborg, Århus, Bergen, Åbo
    name_local: str | None = None
    country: str = Field(max_length=2)  # ISO 3166-1 alpha-2
    municipality_code: str | None = None
    official_name: str | None = None
    kind: str = "twin"  # twin | partner
    status: str = "active"  # active | dormant | retired
    twinned_since: int | None = None
    rotation_position: int | None = None  # None: never in the meeting rotation
    # The meeting years the town takes part in (None: no bound), so that a town
    # that joins or leaves changes only the meetings after the decision.
    rotation_from_year: int | None = None
    rotation_until_year: int | None = None
    source: str | None = None
    note: str | None = None
    note_sv: str | None = None  # the note in Swedish, shown in Swedish output (schema 6)


class TownDecision(TableModel, table=True):
    """A decision on a town: establishing, retiring, a change of status (P7)."""

    __tablename__ = "town_decision"
    id: int | None = Field(default=None, primary_key=True)
    town_id: int = Field(foreign_key="town.id", index=True)
    action: str  # establish | retire | status
    body: str  # KF (Kommunfullmäktige, City Council) | KS (Kommunstyrelsen)
    reference: str | None = None  # e.g. "KF 2027-03-16 §12" or a diary number
    decided_on: date | None = None
    status: str | None = None  # the status the decision set
    note: str | None = None
    source: str | None = None
    created_at: datetime = Field(default_factory=utc_now)


class TownAlias(TableModel, table=True):
    """A spelling people use for a town; `normalised` is unique across all towns."""

    __tablename__ = "town_alias"
    id: int | None = Field(default=None, primary_key=True)
    town_id: int = Field(foreign_key="town.id", index=True)
    alias: str
    normalised: str = Field(unique=True)


LIVE_MEETING_YEAR = "ux_meeting_live_year"


class Meeting(TableModel, table=True):
    """A recorded twin-town meeting. Years without a record are computed."""

    __tablename__ = "meeting"
    __table_args__ = (
        # One live record a year; deleted (hidden) ones stay beside it until purged.
        # Partial indexes exist in both SQLite and PostgreSQL (PostgreSQL's
        # condition is added when the table is created there: `_partial_on_postgresql`).
        Index(
            LIVE_MEETING_YEAR,
            "year",
            unique=True,
            sqlite_where=text("deleted_at IS NULL"),
        ),
        {"sqlite_autoincrement": True},  # an id is never reused
    )
    id: int | None = Field(default=None, primary_key=True)
    year: int = Field(index=True)
    host_town_id: int = Field(foreign_key="town.id")
    status: str  # held | planned | postponed | cancelled
    start_date: date | None = None
    end_date: date | None = None
    place: str | None = None
    theme: str | None = None
    note: str | None = None
    source: str | None = None
    confirmed: bool = True  # False: the record itself is uncertain (see its note)
    created_at: datetime = Field(default_factory=utc_now)
    updated_at: datetime = Field(default_factory=utc_now)
    deleted_at: datetime | None = None  # hidden, until `vanort db purge`
    # A postponed meeting's new year, once staff set it (`meeting reschedule`),
    # and whether the cycle then runs on from the new year (True) or keeps the
    # regular years (False). Both None while the new date is not set. (schema 2)
    rescheduled_to: int | None = None
    shift_cycle: bool | None = None


@event.listens_for(Meeting.__table__, "before_create")  # type: ignore[attr-defined]
def _partial_on_postgresql(table: Table, connection: Connection, **_: Any) -> None:
    """Give the live-year index its condition on PostgreSQL too.

    Written in the Index above, `postgresql_where` would import SQLAlchemy's
    PostgreSQL dialect (17 ms) on every start, to check the option's name; here
    it is set only where the dialect is already loaded."""
    if connection.dialect.name == "postgresql":
        for index in table.indexes:
            if index.name == LIVE_MEETING_YEAR:
                index.dialect_kwargs["postgresql_where"] = text("deleted_at IS NULL")


class Organisation(TableModel, table=True):
    """An administration (förvaltning) or company (bolag) that reports collaborations."""

    __tablename__ = "organisation"
    id: int | None = Field(default=None, primary_key=True)
    key: str = Field(unique=True, index=True, max_length=128)
    name: str
    kind: str  # forvaltning | bolag
    confirmed: bool = True
    source: str | None = None
    # No collaboration may start after this day (a reorganisation); history stays. (schema 2)
    retired_on: date | None = None
    note: str | None = None
    note_sv: str | None = None  # the note in Swedish, shown in Swedish output (schema 6)
    # The day it came into being, as precisely as it is known: ISO 8601 with
    # reduced precision ("2021", "2021-10" or "2021-10-01"), never a day invented
    # for a year. None: unknown, which counts as before any year asked about.
    # Its end is `retired_on`. (schema 7)
    since: str | None = Field(default=None, max_length=10)


# A column holding personal data: the history records that it changed, and by
# whom, but never its value (store/history_triggers.py), so that removing a
# contact removes the person from the registry completely.
PERSONAL = {"personal": True}


class OrganisationContact(TableModel, table=True):
    """A person at an administration or company whom the office writes to (the
    reporting round). Personal data: never in a report, and removed for good.
    (schema 7)"""

    __tablename__ = "organisation_contact"
    id: int | None = Field(default=None, primary_key=True)
    organisation_id: int = Field(foreign_key="organisation.id", index=True)
    name: str = Field(sa_column_kwargs={"info": PERSONAL})
    email: str = Field(sa_column_kwargs={"info": PERSONAL})
    phone: str | None = Field(default=None, sa_column_kwargs={"info": PERSONAL})
    language: str = Field(default="sv", max_length=2)  # sv | en: the letters' language
    is_primary: bool = False  # the one the round's letter goes to ("primary" is an SQL word)


class OrganisationAlias(TableModel, table=True):
    __tablename__ = "organisation_alias"
    id: int | None = Field(default=None, primary_key=True)
    organisation_id: int = Field(foreign_key="organisation.id", index=True)
    alias: str
    normalised: str = Field(unique=True)


class Area(TableModel, table=True):
    """An area a collaboration covers, from the vocabulary in data/areas.toml."""

    __tablename__ = "area"
    id: int | None = Field(default=None, primary_key=True)
    key: str = Field(unique=True, index=True, max_length=64)
    name_en: str
    name_sv: str
    aliases: str = ""  # comma-separated extra spellings


class Collaboration(TableModel, table=True):
    """An area-focused collaboration with one or more towns (P3, P8, P10)."""

    __tablename__ = "collaboration"
    __table_args__ = (
        # The duplicate check narrows by organisation and start day (schema 3).
        Index("ix_collaboration_org_start", "organisation_id", "start_date"),
        # Reports cite ids: a deleted collaboration's id must never name another one.
        {"sqlite_autoincrement": True},
    )
    id: int | None = Field(default=None, primary_key=True)
    title: str
    description: str | None = None
    organisation_id: int = Field(foreign_key="organisation.id", index=True)
    area_id: int = Field(foreign_key="area.id", index=True)
    kind: str = "project"  # project | network | exchange | study-visit | other
    start_date: date
    end_date: date | None = None  # None: ongoing
    contact: str | None = None
    reported_by: str
    reported_on: date
    created_at: datetime = Field(default_factory=utc_now)
    updated_at: datetime = Field(default_factory=utc_now)
    deleted_at: datetime | None = None  # hidden, until `vanort db purge`
    # The database role that reported it, on a PostgreSQL server: filled in by
    # the server itself (DEFAULT current_user), so that row-level security can
    # let a reporter change its own collaborations only. None on SQLite. (schema 4)
    owner_role: str | None = Field(
        default=None, sa_column_kwargs={"server_default": FetchedValue()}
    )


class CollaborationTown(TableModel, table=True):
    """Which towns a collaboration is with."""

    __tablename__ = "collaboration_town"
    __table_args__ = (UniqueConstraint("collaboration_id", "town_id"),)
    id: int | None = Field(default=None, primary_key=True)
    collaboration_id: int = Field(foreign_key="collaboration.id", index=True)
    town_id: int = Field(foreign_key="town.id", index=True)


class Participant(TableModel, table=True):
    """A member of a town's delegation to a meeting (P5: the presidium decides Göteborg's)."""

    __tablename__ = "participant"
    id: int | None = Field(default=None, primary_key=True)
    meeting_id: int = Field(foreign_key="meeting.id", index=True)
    town_id: int = Field(foreign_key="town.id")
    name: str
    role: str | None = None
    decision: str | None = None  # the presidium's decision reference


class Seminar(TableModel, table=True):
    """A seminar on a current issue held at a meeting (P2)."""

    __tablename__ = "seminar"
    id: int | None = Field(default=None, primary_key=True)
    meeting_id: int = Field(foreign_key="meeting.id", index=True)
    title: str
    speaker: str | None = None
    organisation_id: int | None = Field(default=None, foreign_key="organisation.id")


class PreparationDone(TableModel, table=True):
    """A step of a Göteborg-hosted meeting's preparation timeline, marked done."""

    __tablename__ = "preparation_done"
    __table_args__ = (UniqueConstraint("meeting_id", "step"),)
    id: int | None = Field(default=None, primary_key=True)
    meeting_id: int = Field(foreign_key="meeting.id", index=True)
    step: str
    done_on: date


class Evaluation(TableModel, table=True):
    """The consolidated report and analysis after a Göteborg-hosted meeting (P11), once done."""

    __tablename__ = "evaluation"
    id: int | None = Field(default=None, primary_key=True)
    meeting_id: int = Field(foreign_key="meeting.id", unique=True)
    reference: str
    done_on: date


class AuditEntry(TableModel, table=True):
    """One change to one record: who, when (UTC), and the values before and after."""

    __tablename__ = "audit_entry"
    __table_args__ = {"sqlite_autoincrement": True}
    id: int | None = Field(default=None, primary_key=True)
    at: datetime = Field(default_factory=utc_now, index=True)
    who: str  # the operating-system user (on a server: the database role too)
    given_name: str | None = None  # VANORT_USER, the name the person gave, if any (schema 2)
    table_name: str = Field(index=True)
    record_id: int | None = Field(default=None, index=True)
    action: str  # insert | update | delete | hide | restore
    old: str | None = None  # JSON of the changed fields' old values
    new: str | None = None  # JSON of the changed fields' new values
    # The database role that made the change, on a PostgreSQL server: filled in by
    # the server (DEFAULT current_user), beside `who` and `given_name`. (schema 4)
    db_role: str | None = Field(default=None, sa_column_kwargs={"server_default": FetchedValue()})
    # Written by the database's own triggers from schema 5 (store/history_triggers.py):
    # the command vanort says it ran (a claim, like `given_name`), and how the change
    # came: "vanort" (a vanort that made its claim), "outside" (any other client,
    # such as psql or the sqlite3 shell), "imported" (kept from a `db import`
    # document as it was recorded), or None (recorded by vanort before schema 5).
    command: str | None = None
    origin: str | None = None


class ReporterOrganisation(TableModel, table=True):
    """A reporter login bound to an organisation it reports for (PostgreSQL: row-level
    security lets the login change only those organisations' collaborations). (schema 5)"""

    __tablename__ = "reporter_organisation"
    __table_args__ = (UniqueConstraint("login", "organisation_id"),)
    id: int | None = Field(default=None, primary_key=True)
    login: str = Field(index=True, max_length=128)
    organisation_id: int = Field(foreign_key="organisation.id", index=True)


class ReportingRound(TableModel, table=True):
    """The yearly round in which the office asks the administrations and companies
    for their collaborations with the twin towns (P4, P10). One a year. (schema 7)"""

    __tablename__ = "reporting_round"
    id: int | None = Field(default=None, primary_key=True)
    year: int = Field(unique=True, index=True)
    deadline: date
    opened_on: date
    closed_on: date | None = None  # frozen: answers after it are still taken, marked late


class RoundOrganisation(TableModel, table=True):
    """An organisation asked in a round, and what it answered. (schema 7)"""

    __tablename__ = "round_organisation"
    __table_args__ = (UniqueConstraint("round_id", "organisation_id"),)
    id: int | None = Field(default=None, primary_key=True)
    round_id: int = Field(foreign_key="reporting_round.id", index=True)
    organisation_id: int = Field(foreign_key="organisation.id", index=True)
    asked_on: date | None = None  # its letter written or sent
    reminded_on: date | None = None  # its latest reminder written or sent
    answered_on: date | None = None
    answered_by: str | None = None
    answer: str | None = None  # collaborations | nothing; None: not answered


class RoundCollaboration(TableModel, table=True):
    """A collaboration an organisation gave in its answer to a round (a row of its
    workbook or CSV, or one logged with --round), confirmed, changed or new. (schema 7)"""

    __tablename__ = "round_collaboration"
    __table_args__ = (UniqueConstraint("round_organisation_id", "collaboration_id"),)
    id: int | None = Field(default=None, primary_key=True)
    round_organisation_id: int = Field(foreign_key="round_organisation.id", index=True)
    collaboration_id: int = Field(foreign_key="collaboration.id", index=True)


class RoundLetter(TableModel, table=True):
    """A letter or reminder of a round to one contact: written to a file or sent.
    A letter sent is never sent again unless asked, so a send that stopped halfway
    resumes where it stopped. (schema 7)"""

    __tablename__ = "round_letter"
    __table_args__ = {"sqlite_autoincrement": True}
    id: int | None = Field(default=None, primary_key=True)
    round_id: int = Field(foreign_key="reporting_round.id", index=True)
    organisation_id: int = Field(foreign_key="organisation.id", index=True)
    # None once the contact is removed: the letter's record stays, the person goes.
    contact_id: int | None = Field(default=None, foreign_key="organisation_contact.id")
    recipient: str | None = Field(default=None, sa_column_kwargs={"info": PERSONAL})
    kind: str  # letter | reminder
    message_id: str  # the Message-ID header, the same if it is sent again
    written_at: datetime = Field(default_factory=utc_now)
    sent_at: datetime | None = None  # None: written to a file only, or not yet accepted


class RoundLink(TableModel, table=True):
    """A personal link to a round: an organisation's reporter (or a coordinator,
    organisation None) opens the web page with it, no login needed. Only the
    token's SHA-256 is kept, so a copy of the registry gives no way in. (schema 8)"""

    __tablename__ = "round_link"
    __table_args__ = {"sqlite_autoincrement": True}
    id: int | None = Field(default=None, primary_key=True)
    round_id: int = Field(foreign_key="reporting_round.id", index=True)
    organisation_id: int | None = Field(default=None, foreign_key="organisation.id", index=True)
    kind: str = Field(max_length=16)  # reporter | coordinator
    token_hash: str = Field(unique=True, max_length=64)  # sha256 hex of the token
    created_at: datetime = Field(default_factory=utc_now)
    expires_on: date  # the last day it opens (a closed round's grace ends sooner)
    revoked_at: datetime | None = None


class WebSession(TableModel, table=True):
    """A browser's session, given for a link once opened, so that the link's token
    leaves the address bar. Kept as hashes: the cookie's id and the CSRF token
    themselves are only in the browser. (schema 8)"""

    __tablename__ = "web_session"
    id: int | None = Field(default=None, primary_key=True)
    session_hash: str = Field(unique=True, max_length=64)
    link_id: int = Field(foreign_key="round_link.id", index=True)
    csrf_hash: str = Field(max_length=64)
    created_at: datetime = Field(default_factory=utc_now)
    expires_at: datetime


# The tables `db check` counts, in the order it shows them.
COUNTED_TABLES = (
    "town",
    "town_decision",
    "meeting",
    "participant",
    "seminar",
    "evaluation",
    "organisation",
    "area",
    "collaboration",
    "collaboration_town",
    "organisation_contact",
    "reporting_round",
    "round_organisation",
    "round_collaboration",
    "round_letter",
    "audit_entry",
)
