"""`vanort db ...`: where the registry is, and setting it up for scripts."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Annotated, TextIO

import typer

from vanort_cli.cli.common import (
    ForceOption,
    RecordFormat,
    RecordFormatOption,
    RowsFormat,
    RowsFormatOption,
    ScreenOrFileOption,
    as_format,
    command_group,
    date_option,
    file_argument,
    reading,
    state,
    value_option,
    writing,
)
from vanort_cli.errors import UsageError
from vanort_cli.i18n import messages as m
from vanort_cli.i18n import values
from vanort_cli.output.columns import field
from vanort_cli.output.console import data_stream, say
from vanort_cli.output.emit import emit_rows
from vanort_cli.output.json_stream import write_json

app = command_group(
    "The registry file: where it is, creating, backing up, restoring, checking and moving it."
)


@app.command("path")
def path(ctx: typer.Context) -> None:
    """Print where the registry is (a database URL's password is masked).

    Chosen by --db, else the VANORT_DB variable, else a file in your user data
    directory. Nothing is created.

    [bold]Example[/]

      vanort db path
    """
    from vanort_cli.store.location import resolve_location

    typer.echo(resolve_location(state(ctx).db_option).display)


@app.command("init")
def init(ctx: typer.Context) -> None:
    """Create and seed the registry if it does not exist yet; safe to run again.

    The default registry in your user data directory is created on first use.
    A registry anywhere else (--db or VANORT_DB) is created only by this
    command, so that a mistyped path never starts a second, empty registry.

    [bold]Example[/]

      vanort --db ./shared-registry.db db init
    """
    from vanort_cli.store.migrations import SCHEMA_VERSION

    state(ctx).may_create = True
    registry = state(ctx).registry
    with reading(ctx):
        pass
    say(m.REGISTRY_READY.format(location=registry.location.display, version=SCHEMA_VERSION))


@app.command("backup")
def backup(
    ctx: typer.Context,
    file: Annotated[Path, file_argument(help="Where to write the copy.")],
    force: ForceOption = False,
) -> None:
    """Write a consistent copy of the registry, even while others write to it.

    On PostgreSQL the copy is a pg_dump archive in custom format, made by
    pg_dump (from the PostgreSQL client tools), and restored by `db restore`.

    [bold]Example[/]

      vanort db backup ~/backups/vanort-$(date +%F).db
    """
    registry = state(ctx).registry
    written = registry.backend.backup(registry=registry, target=file, force=force)
    say(m.BACKUP_WRITTEN.format(path=written))


@app.command("restore")
def restore(
    ctx: typer.Context,
    file: Annotated[Path, file_argument(help="A backup made by `db backup`.")],
) -> None:
    """Replace the registry with a backup; what it replaces is saved next to it first.

    Refuses a file that is not a vanort registry, a damaged one, or one from a newer vanort.
    On PostgreSQL it takes a `db backup` archive and restores it with pg_restore in
    one transaction; what it replaces is saved beside the archive.

    [bold]Example[/]

      vanort db restore ~/backups/vanort-2026-11-27.db
    """
    registry = state(ctx).registry
    saved = registry.backend.restore(registry=registry, source=file)
    say(m.RESTORED.format(source=file, saved=saved))


@app.command("check")
def check(ctx: typer.Context, format: RecordFormatOption = RecordFormat.table) -> None:
    """The registry's integrity, schema version and the number of rows in each table.

    Exit 1 when the integrity check fails, or the registry holds schema objects
    vanort does not create. Warns when others than its owner can read it.
    On PostgreSQL: the server's version, the schema version and the rows.

    [bold]Example[/]

      vanort db check --format json
    """
    registry = state(ctx).registry
    result = registry.backend.check(registry=registry)
    if result.get("private") is False:
        say(m.REGISTRY_READABLE_BY_OTHERS.format(path=result["path"]))
    if registry.read_only:
        say(m.DB_CHECK_DISK_FULL.format(location=registry.location.display))
    if format is RecordFormat.json:
        write_json(result)
    else:
        labels = m.DB_CHECK_LABELS
        rows = [{"what": labels.get(k, k), "value": v} for k, v in result.items() if k != "counts"]
        rows += [
            {"what": m.DB_CHECK_ROWS.format(table=k), "value": v}
            for k, v in result["counts"].items()
        ]
        emit_rows(
            rows,
            as_format(format),
            [field("what", "What", priority=8), field("value", "Value", priority=9)],
        )


@app.command("copy")
def copy(
    ctx: typer.Context,
    to: Annotated[
        str,
        typer.Option(
            "--to",
            metavar="URL_OR_PATH",
            help="The empty database (postgresql://USER@HOST:PORT/DB) or new file to copy to.",
        ),
    ],
    format: RecordFormatOption = RecordFormat.table,
) -> None:
    """Copy the whole registry, history included, to an empty database or a new file.

    Moves a registry from SQLite to PostgreSQL (--to postgresql://USER@HOST/DB),
    or back. The copy is made through the document of `db export`, in one
    transaction on the target, and kept only when every table holds as many
    rows as the registry's. A target holding anything staff recorded is
    refused, untouched. Prints the rows of each table in both.

    [bold]Example[/]

      vanort db copy --to ./registry-copy.db
    """

    from vanort_cli.services.registry_copy import copy_registry
    from vanort_cli.store.location import resolve_location

    result = copy_registry(source=state(ctx).registry, target_location=resolve_location(to))
    rows = [{"table": t.table, "source": t.source, "target": t.target} for t in result.tables]
    if format is RecordFormat.json:
        write_json(rows)
    else:
        emit_rows(
            rows,
            as_format(format),
            [
                field("table", "Table", priority=9),
                field("source", "Rows in the registry", priority=8),
                field("target", "Rows in the copy", priority=8),
            ],
        )
    say(
        m.REGISTRY_COPIED.format(
            source=result.source, target=result.target, rows=result.rows, tables=len(result.tables)
        )
    )


@app.command("purge")
def purge(
    ctx: typer.Context,
    before: Annotated[date, date_option(help="Purge what was hidden before DATE.")],
    yes: Annotated[
        bool, typer.Option("--yes", "-y", help="Required: purging cannot be undone.")
    ] = False,
) -> None:
    """Delete for good the meetings and collaborations deleted (hidden) before DATE.

    Their history stays in `vanort history`.

    [bold]Example[/]

      vanort db purge --before 2026-01-01 --yes
    """
    from vanort_cli.services.history import purge as purge_hidden

    if not yes:
        raise UsageError(m.CONFIRM_PURGE_NEEDS_YES)
    with writing(ctx) as session:
        counts = purge_hidden(session=session, before=before)
    say(m.PURGED.format(before=before, **counts))


@app.command("export")
def export(
    ctx: typer.Context,
    output: ScreenOrFileOption = None,
    history: Annotated[
        bool, typer.Option("--history", help="Include the history (who changed what, when).")
    ] = False,
    force: ForceOption = False,
) -> None:
    """Write the whole registry as one JSON document, for `db import` elsewhere.

    Every table, row and id, deleted (hidden) rows and settings included; the
    history only with --history. The format is described in the README
    ("Moving a registry").

    [bold]Examples[/]

      vanort db export -o registry.json
      vanort db export --history -o registry-with-history.json
    """
    from datetime import UTC, datetime

    from vanort_cli import __version__
    from vanort_cli.files import OWNER_ONLY, check_target, replaced_atomically
    from vanort_cli.store.registry_json import write_document

    counts: dict[str, int] = {}

    def write(handle: TextIO) -> None:
        counts.update(
            write_document(
                session.connection(),
                handle,
                history=history,
                exported_at=datetime.now(UTC).replace(microsecond=0),
                application=f"vanort {__version__}",
            )
        )

    with reading(ctx) as session:
        if output is None:
            write(data_stream(typer.get_text_stream("stdout")))
            return
        check_target(output, force=force, protected=state(ctx).registry.backend.protected_paths())
        # The whole registry, names of people included: private like the registry itself.
        with (
            replaced_atomically(output, mode=OWNER_ONLY) as temporary,
            temporary.open("w", encoding="utf-8", newline="") as handle,
        ):
            write(handle)
    say(
        m.REGISTRY_EXPORTED.format(
            path=output,
            rows=sum(counts.values()),
            tables=len(counts),
            history=m.EXPORT_WITH_HISTORY if history else m.EXPORT_WITHOUT_HISTORY,
        )
    )


@app.command("import")
def import_(
    ctx: typer.Context,
    file: Annotated[Path, file_argument(help="A document written by `db export`.")],
) -> None:
    """Create the registry from a document written by `db export`.

    The registry (--db, VANORT_DB or the default) must not exist yet, or hold
    nothing but the shipped data: a registry with anything staff recorded is
    refused, untouched. The document is checked whole first; then its rows,
    ids and history (if exported) replace the registry's in one transaction.

    [bold]Example[/]

      vanort --db new-registry.db db import registry.json
    """
    from datetime import UTC, datetime

    from vanort_cli.errors import RuleError
    from vanort_cli.services.registry_rules import check_values
    from vanort_cli.store.registry_json import read_file, replace_contents, staff_records

    document = read_file(file)
    check_values(document)
    app_state = state(ctx)
    app_state.may_create = True
    registry = app_state.registry
    # The registry this command created for the import goes with it when it fails.
    with (
        registry.backend.removed_if_failed(registry.close),
        registry.writing() as session,
    ):
        connection = session.connection()
        found = staff_records(connection)
        if found is not None:
            raise RuleError(
                m.IMPORT_INTO_USED_REGISTRY.format(
                    location=registry.location.display, found=found, path=file
                )
            )
        replace_contents(connection, document, now=datetime.now(UTC))
    say(
        m.REGISTRY_IMPORTED.format(
            rows=document.count(),
            path=file,
            location=registry.location.display,
            history=m.IMPORT_HISTORY_KEPT if document.has_history else m.IMPORT_NO_HISTORY,
        )
    )


@app.command("roles")
def roles(
    ctx: typer.Context,
    setup: Annotated[
        bool,
        typer.Option("--setup", help="Create the four roles and their rules (the owner, once)."),
    ] = False,
    grant: Annotated[
        str | None,
        typer.Option("--grant", metavar="LOGIN", help="Add this existing login role to a role."),
    ] = None,
    as_: Annotated[
        str | None,
        value_option(
            "--as", words=values.ROLE, metavar="ROLE", help="The role the login of --grant joins."
        ),
    ] = None,
    org: Annotated[
        list[str] | None,
        typer.Option(
            "--org",
            metavar="ORG",
            help="With --grant LOGIN --as reporter: an organisation it reports for "
            "(repeat for more).",
        ),
    ] = None,
    list_: Annotated[
        bool, typer.Option("--list", help="Every login, its role and its organisations.")
    ] = False,
    format: RowsFormatOption = RowsFormat.table,
) -> None:
    """Who may change what on a PostgreSQL registry; the database enforces it.

    Four roles: vanort_reader reads everything; vanort_reporter also logs
    collaborations, and edits or deletes (restorably) those of the
    organisations it is bound to with --org; vanort_editor
    (Stadsledningskontoret) changes everything; vanort_web is the login of
    `vanort serve`: it writes collaborations and round answers for any
    organisation, and reads no contact. No login writes the history:
    the database does. --setup is run once by the database owner (with
    CREATEROLE); it gives every table to vanort_schema, a role that cannot log
    in. --list (or no option) shows every login, its role and organisations.

    [bold]Examples[/]

      export VANORT_DB=postgresql://owner@db.example/vanort
      vanort db roles --setup
      vanort db roles --grant anna --as reporter --org Kulturförvaltningen
      vanort db roles --grant vanort_serve --as web
      vanort db roles --list
    """
    from vanort_cli.store import roles as server_roles

    if setup and grant is not None:
        raise UsageError(m.ROLES_ONE_ACTION)
    if grant is not None and as_ is None:
        raise UsageError(m.ROLES_GRANT_NEEDS_AS.format(login=grant))
    if as_ is not None and grant is None:
        raise UsageError(m.ROLES_AS_NEEDS_GRANT.format(group=server_roles.GROUP_BY_NAME[as_]))
    if org and as_ != "reporter":
        raise UsageError(m.ROLES_ORG_NEEDS_REPORTER)
    if list_ and (setup or grant is not None):
        raise UsageError(m.ROLES_ONE_ACTION)
    registry = state(ctx).registry
    where = registry.location.display
    registry.backend.require_roles()
    if setup:
        with writing(ctx) as session:
            changed = server_roles.setup(session.connection())
        say((m.ROLES_SET_UP if changed else m.ROLES_UNCHANGED).format(location=where))
        return
    if grant is not None and as_ is not None:
        from vanort_cli.services.lookup import find_organisation

        group = server_roles.GROUP_BY_NAME[as_]
        with writing(ctx) as session:
            organisations = [find_organisation(session=session, name=name) for name in org or ()]
            added = server_roles.grant(session.connection(), login=grant, group=group)
            bound = server_roles.bind(
                session.connection(),
                login=grant,
                organisation_ids=[o.id for o in organisations if o.id is not None],
            )
        if added or not bound:
            message = m.ROLES_GRANTED if added else m.ROLES_ALREADY_MEMBER
            say(message.format(login=grant, group=group))
        if organisations:
            names = ", ".join(o.name for o in organisations)
            say(m.ROLES_BOUND.format(login=grant, organisations=names))
        return
    with reading(ctx) as session:
        rows = server_roles.members(session.connection())
    if not rows and format is RowsFormat.table:
        say(m.ROLES_NO_MEMBERS)
        return
    emit_rows(
        rows,
        as_format(format),
        [
            field("role", "Role", priority=9),
            field("login", "Login", priority=8),
            field("organisations", "Organisations", priority=7),
        ],
    )
