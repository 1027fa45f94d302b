"""`vanort history` and `vanort restore-record`: the audit trail and deleted records."""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import date
from typing import Annotated, Any

import typer

from vanort_cli.cli import completion
from vanort_cli.cli.common import (
    IDS,
    ForceOption,
    LimitOption,
    OutputOption,
    date_option,
    id_argument,
    reading,
    value_argument,
    writing,
)
from vanort_cli.cli.table_output import (
    TableFormat,
    TableFormatOption,
    choose_format,
    emit_table,
    page_footer,
    rows_to_list,
)
from vanort_cli.i18n import N_, Joined, Worded, values
from vanort_cli.i18n import messages as m
from vanort_cli.output.columns import Column, field
from vanort_cli.output.console import say
from vanort_cli.output.text import NO, YES

# A field of the history by the heading the tables give it (Swedish in Swedish);
# a field no table shows keeps its name.
FIELD_HEADINGS = {
    "title": N_("Title"),
    "start_date": N_("Start"),
    "end_date": N_("End"),
    "organisation": N_("Organisation"),
    "area": N_("Area"),
    "kind": N_("Kind"),
    "town": N_("Town"),
    "host_town": N_("Host"),
    "status": N_("Status"),
    "year": N_("Year"),
    "place": N_("Place"),
    "theme": N_("Theme"),
    "note": N_("Note"),
    "name": N_("Name"),
    "name_sv": N_("Swedish name"),
    "name_en": N_("English name"),
    "name_local": N_("Local name"),
    "official_name": N_("Official name"),
    "municipality_code": N_("Municipality code"),
    "twinned_since": N_("Twinned since"),
    "country": N_("Country"),
    "role": N_("Role"),
    "decision": N_("Decision"),
    "description": N_("Description"),
    "contact": N_("Contact"),
    "reported_by": N_("Reported by"),
    "reported_on": N_("Reported on"),
    "source": N_("Source"),
    "confirmed": N_("Confirmed"),
    "reference": N_("Reference"),
    "decided_on": N_("Decided on"),
    "speaker": N_("Speaker"),
    "step": N_("Step"),
    "done_on": N_("Done on"),
    "action": N_("Action"),
    "body": N_("Body"),
    "key": N_("Key"),
}
# Values shown by their words, as the tables show them: (table, field) -> family.
VALUE_WORDS = {
    ("meeting", "status"): values.MEETING_STATUS,
    ("town", "kind"): values.TOWN_KIND,
    ("town", "status"): values.TOWN_STATUS,
    ("town_decision", "action"): values.DECISION_ACTION,
    ("town_decision", "status"): values.TOWN_STATUS,
    ("organisation", "kind"): values.ORGANISATION_KIND,
    ("collaboration", "kind"): values.COLLABORATION_KIND,
}
NOTHING = "–"  # an empty value, as the tables show one
_TIME = re.compile(r"^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})")


def _heading(key: str) -> Worded | str:
    """A field by the heading the tables give it, worded when shown (a table in the
    reader's language, CSV in English); a field no table shows, by its name."""
    heading = FIELD_HEADINGS.get(key)
    return m.Prose(heading) if heading is not None else key


def _value(table: str, key: str, value: Any) -> Worded | str:
    """A value as the tables show it: "–" for none, a date and time to the
    minute, yes or no, a status or kind by its word."""
    if value is None or value == "":
        return NOTHING
    if isinstance(value, bool):
        return m.Prose(YES if value else NO)
    family = VALUE_WORDS.get((table, key))
    if family is not None and isinstance(value, str):
        return family.worded(value)
    if isinstance(value, str):
        found = _TIME.match(value)
        if found:
            return f"{found.group(1)} {found.group(2)}"
    return str(value)


def _changes(row: Mapping[str, Any]) -> Worded:
    """What changed, in one cell: `added: Title=…, …`, `deleted: …` or
    `Title: old → new, …` (so the table needs no column for the action). Fields go
    by the tables' headings and values by their words, worded when shown: a table
    in the reader's language, CSV in English."""
    from vanort_cli.services.history import REFERENCES

    table = str(row["table"])
    old, new = row["old"] or {}, row["new"] or {}
    # A referenced record by its name (town=Bergen), not by its id (town_id=4).
    keys = [
        k for k in (new or old) if k not in ("created_at", "updated_at") and k not in REFERENCES
    ]
    if row["action"] in ("insert", "delete"):
        shown = new if row["action"] == "insert" else old
        pairs = Joined(
            (
                Joined((_heading(k), "=", _value(table, k, shown[k])), "")
                for k in keys
                if shown[k] is not None
            ),
            ", ",
        )
        template = m.EN.HISTORY_ADDED if row["action"] == "insert" else m.EN.HISTORY_DELETED
        return m.Prose(template, values=pairs)
    return Joined(
        (
            Joined(
                (
                    _heading(k),
                    ": ",
                    _value(table, k, old.get(k)),
                    " → ",
                    _value(table, k, new.get(k)),
                ),
                "",
            )
            for k in keys
        ),
        ", ",
    )


def _who(row: Mapping[str, Any]) -> m.Prose | str:
    """`anna`, `anna (claims: Anna Svensson)`, `unknown (outside vanort)` or
    `anna (imported)`: the role or login that made the change, as the database
    recorded it, then what was claimed or how it came. Never the claim alone."""
    who = str(row["who"])
    if row.get("origin") == "outside":
        return m.Prose(m.EN.HISTORY_WHO_OUTSIDE, who=who)
    if row.get("origin") == "imported":
        return m.Prose(m.EN.HISTORY_WHO_IMPORTED, who=who)
    given = row.get("claimed_by")
    return m.Prose(m.EN.HISTORY_WHO_CLAIMS, who=who, given=given) if given else who


def _when(row: Mapping[str, Any]) -> str:
    """The date and time (the header says UTC); on a narrow terminal the column
    wraps at the space, date over time, and neither is ever split."""
    return str(row["at"].strftime("%Y-%m-%d %H:%M:%S"))


# On a narrow terminal what changed stays, with the record's name, when and who;
# the internal table name and id leave first. (The table has no column for the
# action: the change says it; the JSON keeps `action`.)
HISTORY_COLUMNS = [
    # Wraps at the space, date over time, where the width is short.
    Column("at", "When (UTC)", _when, priority=8),
    Column("who", "Who", _who, priority=9),  # who made it outlasts when and which record
    field("table", "Table", priority=2, nowrap=True),
    field("record_id", "Id", priority=1, nowrap=True),
    field("record_name", "Record", priority=8),
    Column("changes", "Change", _changes, priority=9),
]


def parse_table_option(value: str) -> str:
    """Typer parser for --table: a table of the registry; exit 2 if not."""
    from vanort_cli.services.history import history_tables

    tables = history_tables()
    if value not in tables:
        raise typer.BadParameter(
            m.HISTORY_UNKNOWN_TABLE.format(table=value, tables=", ".join(tables))
        )
    return value


def history(
    ctx: typer.Context,
    table: Annotated[
        str | None,
        typer.Option(
            metavar="TABLE",
            parser=parse_table_option,
            help="Only this table: town, town_decision, meeting, participant, seminar, "
            "collaboration, collaboration_town, organisation, evaluation, ...",
        ),
    ] = None,
    id: Annotated[
        int | None,
        typer.Option("--id", metavar="ID", callback=IDS.check, help="Only this record id."),
    ] = None,
    since: Annotated[date | None, date_option(help="Only changes from DATE on.")] = None,
    limit: LimitOption = None,
    all_: Annotated[bool, typer.Option("--all", help="Every change, also in a table.")] = False,
    format: TableFormatOption = None,
    output: OutputOption = None,
    force: ForceOption = False,
) -> None:
    """Every change to the registry: who made it (the database role on a server, the
    operating-system login on a file), when (UTC), which record, and its old and
    new values. The history is written by the database itself, so a change made
    with psql or the sqlite3 shell is here too; the name a person gave
    (VANORT_USER) is shown beside the login as a claim.

    Towns, organisations and areas are named: the JSON keeps each id
    (`organisation_id`) and adds the name beside it (`organisation`), and
    `record_name` names the record changed. A table shows the 50 newest
    changes; json, jsonl and csv give them all, oldest first.

    [bold]Examples[/]

      vanort history --table collaboration --id 1
      vanort history --since 2026-11-01 --format json
      vanort history --format jsonl > historik.jsonl
    """
    from vanort_cli.services.history import HistoryFilter, count_history, stream_history

    chosen = choose_format(format, output, default=TableFormat.table)
    limit = rows_to_list(limit, all_, chosen, output)
    where = HistoryFilter(table=table, record_id=id, since=since)
    with reading(ctx) as session:
        footer = page_footer(limit, chosen, lambda: count_history(session=session, where=where))
        rows = stream_history(
            session=session, where=where, newest_first=limit is not None, limit=limit
        )
        emit_table(
            ctx,
            rows,
            HISTORY_COLUMNS,
            fmt=chosen,
            output=output,
            force=force,
            title=m.HISTORY_TITLE,
            sheet=m.HISTORY_TITLE,
            footer=footer,
        )


def restore_record(
    ctx: typer.Context,
    kind: Annotated[
        str,
        value_argument(
            words=values.RECORD_KIND, metavar="KIND", help="A meeting or a collaboration."
        ),
    ],
    key: Annotated[
        int,
        # A year is also a whole number from 1 on: the larger range takes both.
        id_argument(
            metavar="YEAR|ID",
            help="The meeting's year or the collaboration's id.",
            autocompletion=completion.restorable,
        ),
    ],
) -> None:
    """Bring back a deleted meeting (by year) or collaboration (by id).

    [bold]Examples[/]

      vanort restore-record collaboration 1
      vanort restore-record meeting 2027
    """
    from vanort_cli.services.history import restore_record as restore

    with writing(ctx) as session:
        what = restore(session=session, kind=kind, key=key)
    say(m.RESTORED_RECORD.format(what=what))
