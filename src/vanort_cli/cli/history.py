"""`vanort history` and `vanort restore-record`: the audit trail and deleted records."""

from __future__ import annotations

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
from vanort_cli.i18n import messages as m
from vanort_cli.i18n import values
from vanort_cli.output.columns import Column, field
from vanort_cli.output.console import say


def _changes(row: Mapping[str, Any]) -> m.Prose | str:
    """What changed, in one cell: `added: k=v, ...`, `deleted: k=v, ...` or
    `k: old → new, ...` (so the table needs no column for the action). The words
    are worded when shown: a table in the reader's language, CSV in English."""
    from vanort_cli.services.history import REFERENCES

    old, new = row["old"] or {}, row["new"] or {}
    # A referenced record by its name (town=Bergen), not by its id (town_id=4).
    keys = [
        k for k in (new or old) if k not in ("created_at", "updated_at") and k not in REFERENCES
    ]
    if row["action"] == "insert":
        values = ", ".join(f"{k}={new[k]}" for k in keys if new[k] is not None)
        return m.Prose(m.EN.HISTORY_ADDED, values=values)
    if row["action"] == "delete":
        values = ", ".join(f"{k}={old[k]}" for k in keys if old[k] is not None)
        return m.Prose(m.EN.HISTORY_DELETED, values=values)
    return ", ".join(f"{k}: {old.get(k)} → {new.get(k)}" for k in keys)


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
