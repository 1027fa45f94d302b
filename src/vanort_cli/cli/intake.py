"""`vanort collaborations import` and `template`: the administrations' reports of
their collaborations, from the spreadsheets they keep (P4, P10)."""

from __future__ import annotations

import enum
import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from vanort_cli.cli.common import (
    STDOUT,
    file_argument,
    org_option,
    output_option,
    reading,
    state,
    today_or,
    writing,
    year_option,
)
from vanort_cli.i18n import messages as m
from vanort_cli.i18n import pick

if TYPE_CHECKING:
    from datetime import date

    from vanort_cli.exchange.round_workbook import RoundMark
    from vanort_cli.exchange.sheet import ImportTable
    from vanort_cli.services.intake import Duplicate, ImportOutcome
    from vanort_cli.services.round_answers import AnswerOutcome

# The problems shown before the rest are only counted: a file with a wrong
# column can have thousands, and the first fifty show what to correct.
SHOWN_PROBLEMS = 50
# A progress bar is worth drawing from this many rows on.
PROGRESS_FROM_ROWS = 2000


class SummaryFormat(enum.StrEnum):
    text = "text"
    json = "json"


DELIMITER_NAMES = {",": ",", "comma": ",", ";": ";", "semicolon": ";", "tab": "\t", "\\t": "\t"}


def import_collaborations(
    ctx: typer.Context,
    file: Annotated[
        Path,
        file_argument(
            help="An Excel workbook (.xlsx), a CSV file (.csv, .txt) with a header row, "
            "or the JSON of `collaborations export`."
        ),
    ],
    sheet: Annotated[
        str | None,
        typer.Option(metavar="NAME", help="The workbook's sheet to read. Default: the first."),
    ] = None,
    delimiter: Annotated[
        str | None,
        typer.Option(metavar="CHAR", help="The CSV delimiter: ',', ';' or tab. Default: detected."),
    ] = None,
    encoding: Annotated[
        str | None,
        typer.Option(
            metavar="NAME",
            help="The CSV encoding: utf-8, utf-16 or windows-1252. Default: detected.",
        ),
    ] = None,
    dry_run: Annotated[
        bool,
        typer.Option("--dry-run", help="Check the file and say what would happen; write nothing."),
    ] = False,
    allow_duplicates: Annotated[
        bool,
        typer.Option(
            "--allow-duplicate",
            help="Import rows that repeat a live collaboration or an earlier row too.",
        ),
    ] = False,
    format: Annotated[
        SummaryFormat,
        typer.Option(
            "--format", "-f", help="json: the summary on stdout, for scripts.", case_sensitive=False
        ),
    ] = SummaryFormat.text,
    round_year: Annotated[
        int | None,
        year_option(
            "--round",
            help="The file is an answer to the round for YEAR: of --org, else of the "
            "organisations its rows name. Implied by a round's workbook.",
        ),
    ] = None,
    org: Annotated[
        str | None,
        org_option("--org", help="With --round: the file is this organisation's answer."),
    ] = None,
) -> None:
    """Log the collaborations of an Excel or CSV file: every row, or none.

    Headers in Swedish or English, any case and order: `Titel` (title),
    `Förvaltning/bolag` (organisation), `Område` (area), `Vänorter` (towns;
    several separated by `,` `;` `/` or `och`), and optionally `Form` (kind),
    `Startdatum`, `Slutdatum`, `Beskrivning`, `Kontakt`, `Rapporterad av`,
    `Rapporteringsdatum`. CSV from Swedish Excel (semicolons, Windows-1252) is
    read as it is.

    A row that repeats a live collaboration or an earlier row (same organisation,
    title, towns and start) is skipped, so importing a file twice adds nothing.
    Every problem is listed at once, with its line and column; while any remain,
    nothing is imported (exit 1). Exit 2: the file cannot be read at all.

    A workbook of `vanort round workbooks` is its organisation's answer to the
    round: its listed rows update their collaborations by `Id` (only what
    changed), its new rows are added, and the answer is recorded. Importing it
    again changes nothing; as another organisation's answer it is refused.

    [bold]Examples[/]

      vanort collaborations import kulturforvaltningen-2026.csv --dry-run
      vanort collaborations import kulturforvaltningen-2026.csv
    """
    from vanort_cli.services.intake import import_sheet
    from vanort_cli.store.identity import current_user

    source = open_import_file(file, sheet=sheet, delimiter=delimiter, encoding=encoding)
    today = today_or(None)
    mark = _round_mark(file)
    if mark is not None or round_year is not None:
        import_answer_file(
            ctx,
            file,
            source,
            mark=mark,
            year=round_year,
            org=org,
            today=today,
            dry_run=dry_run,
            as_json=format is SummaryFormat.json,
        )
        return
    if org is not None:
        from vanort_cli.errors import UsageError

        raise UsageError(m.ROUND_ORG_WITHOUT_ROUND)
    session_of = reading if dry_run else writing
    with session_of(ctx) as session, _progress(source) as advance:
        outcome = import_sheet(
            session=session,
            sheet=source,
            today=today,
            reporter=current_user(),
            allow_duplicates=allow_duplicates,
            dry_run=dry_run,
            progress=advance,
        )
        if outcome.nothing_in_file and not outcome.problems:
            from vanort_cli.errors import UsageError

            raise UsageError(m.IMPORT_NO_ROWS.format(path=file))
        if outcome.problems:
            _report(outcome, file, dry_run=dry_run, as_json=format is SummaryFormat.json)
            from vanort_cli.errors import RuleError

            # Raised inside the session: a write rolls back what the rows before
            # the first problem stored.
            raise RuleError(m.IMPORT_REFUSED.format(path=file, count=len(outcome.problems)))
    _report(outcome, file, dry_run=dry_run, as_json=format is SummaryFormat.json)


def _round_mark(file: Path) -> RoundMark | None:
    """The mark of a round's workbook (exchange/round_workbook.py), if the file is one."""
    from vanort_cli.exchange.csv_in import is_workbook
    from vanort_cli.exchange.round_workbook import read_mark

    with file.open("rb") as handle:  # a CSV file is streamed, not held whole
        if not is_workbook(handle.read(8)):
            return None
    return read_mark(file.read_bytes(), path=file)


def import_answer_file(
    ctx: typer.Context,
    file: Path,
    source: ImportTable,
    *,
    mark: RoundMark | None,
    year: int | None,
    org: str | None,
    today: date,
    dry_run: bool,
    as_json: bool,
) -> None:
    """The file as an organisation's answer to a round (services/round_answers.py);
    its changes named in the history as that answer's."""
    from vanort_cli.errors import RuleError, UsageError
    from vanort_cli.services.round_answers import answering, command_name, import_answer
    from vanort_cli.store import claim
    from vanort_cli.store.identity import current_user

    registry = state(ctx).registry
    with registry.reading() as session:
        who = answering(session=session, mark=mark, year=year, org=org, path=file)
        name = command_name(ctx.command_path, who)
        whose = who.organisation.name if who.organisation is not None else None
    # After state(): the claim the writing transaction makes names the answer.
    claim.name_commands_with(lambda: name)
    session_of = registry.reading if dry_run else registry.writing
    with session_of() as session:
        outcome = import_answer(
            session=session,
            sheet=source,
            who=who,
            today=today,
            reporter=current_user(),
            dry_run=dry_run,
        )
        intake = outcome.intake
        if intake.nothing_in_file and not intake.problems:
            if whose is None:
                raise UsageError(m.ROUND_ANSWER_NO_ROWS_ANYONE.format(path=file, year=who.year))
            raise UsageError(
                m.ROUND_ANSWER_NO_ROWS.format(
                    path=file, org=whose, year=who.year, org_arg=_quoted(whose)
                )
            )
        if intake.problems:
            _report(intake, file, dry_run=dry_run, as_json=as_json, closing=False)
            raise RuleError(m.IMPORT_REFUSED.format(path=file, count=len(intake.problems)))
    _report(intake, file, dry_run=dry_run, as_json=as_json, closing=False, answer=outcome)
    _report_answer(outcome, file, year=who.year, dry_run=dry_run)


def _quoted(name: str) -> str:
    """A name as the shell takes it in the command a message suggests."""
    return f'"{name}"' if any(not (c.isalnum() or c in "-_.") for c in name) else name


def _report_answer(outcome: AnswerOutcome, file: Path, *, year: int, dry_run: bool) -> None:
    from vanort_cli.output.console import say

    intake = outcome.intake
    if dry_run:
        say(m.ROUND_ANSWER_DRY_RUN.format(updated=len(outcome.updated), new=intake.new, year=year))
        return
    if outcome.nothing_changed:
        for org in outcome.answers:
            say(m.ROUND_ANSWER_NOTHING_CHANGED.format(path=file, org=org, year=year))
        return
    if outcome.updated:
        which = _listed(
            [f"#{u.id} ({', '.join(_field_names(u.fields))})" for u in outcome.updated], shown=20
        )
        say(m.ROUND_ANSWER_UPDATED.format(count=len(outcome.updated), which=which))
    if outcome.confirmed:
        say(m.ROUND_ANSWER_CONFIRMED.format(count=len(outcome.confirmed)))
    if intake.ids:
        say(m.IMPORT_DONE.format(count=len(intake.ids), path=file, ids=_ids_text(intake.ids)))
    if outcome.not_returned:
        which = _listed([f"#{i}" for i in outcome.not_returned])
        say(m.ROUND_ANSWER_NOT_RETURNED.format(count=len(outcome.not_returned), which=which))
    for org, ids in outcome.answers.items():
        say(m.ROUND_ANSWER_RECORDED.format(org=org, year=year, count=len(ids)))


def _field_names(keys: tuple[str, ...]) -> list[str]:
    """The fields changed, by the headers of the language (Slutdatum, End date)."""
    from vanort_cli.exchange.columns import BY_KEY

    return [BY_KEY[key].heading for key in keys]


def open_import_file(
    file: Path, *, sheet: str | None, delimiter: str | None, encoding: str | None
) -> ImportTable:
    """The import file's header and rows, by what its bytes are (a workbook sent
    as .csv is still read as one); UsageError if it cannot be read at all."""
    import codecs
    import stat

    from vanort_cli.errors import UsageError, os_reason
    from vanort_cli.exchange.csv_in import is_workbook, read_csv, read_csv_file
    from vanort_cli.exchange.json_in import looks_like_json, read_json
    from vanort_cli.exchange.sheet import MAX_IMPORT_BYTES
    from vanort_cli.exchange.xlsx_in import read_xlsx

    chosen_delimiter = None
    if delimiter is not None:
        chosen_delimiter = DELIMITER_NAMES.get(delimiter.strip().lower() or delimiter)
        if chosen_delimiter is None:
            raise UsageError(m.IMPORT_BAD_DELIMITER.format(value=delimiter))
    if encoding is not None:
        try:
            encoding = codecs.lookup(encoding).name
        except LookupError:
            raise UsageError(m.IMPORT_UNKNOWN_ENCODING.format(encoding=encoding)) from None
    try:
        # Only a regular file: a folder, a device (/dev/zero) or a pipe that never
        # ends is refused before it is read.
        status = file.stat()
        if not stat.S_ISREG(status.st_mode):
            raise UsageError(m.IMPORT_NOT_A_FILE.format(path=file))
        if status.st_size > MAX_IMPORT_BYTES:
            raise UsageError(
                m.IMPORT_TOO_LARGE.format(
                    path=file, size=status.st_size // 2**20, limit=MAX_IMPORT_BYTES // 2**20
                )
            )
        # A CSV file is streamed (exchange/csv_in.py): its first bytes say what it
        # is; the other kinds, and a file they cannot tell, are read whole.
        with file.open("rb") as handle:
            data = handle.read(HEAD_BYTES)
        if not _streamed_as_csv(data, file, sheet=sheet, whole=status.st_size <= HEAD_BYTES):
            data = file.read_bytes()
        else:
            return read_csv_file(file, delimiter=chosen_delimiter, encoding=encoding)
    except OSError as error:
        raise UsageError(m.IMPORT_UNREADABLE.format(path=file, reason=os_reason(error))) from None
    if not data.strip():
        raise UsageError(m.IMPORT_EMPTY_FILE.format(path=file))
    if is_workbook(data):
        return read_xlsx(data, path=file, sheet=sheet)
    if file.suffix.lower() == ".xlsx":  # named a workbook, and no zip file at all
        raise UsageError(m.IMPORT_NOT_WORKBOOK.format(path=file, reason=m.IMPORT_NOT_ZIP))
    if file.suffix.lower() == ".json" or looks_like_json(data):
        return read_json(data, path=str(file))
    if sheet is not None:
        raise UsageError(m.IMPORT_SHEET_ON_CSV.format(path=file))
    return read_csv(data, path=str(file), delimiter=chosen_delimiter, encoding=encoding)


# The bytes read to tell what kind of file an import file is.
HEAD_BYTES = 1 << 16


def _streamed_as_csv(head: bytes, file: Path, *, sheet: str | None, whole: bool) -> bool:
    """Whether the file whose first bytes are `head` is a CSV file `open_import_file`
    would read, decided as it decides on the whole file; else it is read whole."""
    from vanort_cli.exchange.csv_in import is_workbook
    from vanort_cli.exchange.json_in import looks_like_json

    if whole or not head.strip(b" \t\r\n\x0b\x0c") or is_workbook(head):
        return False
    if not head.lstrip(b"\xef\xbb\xbf \t\r\n"):  # all space so far: JSON or not?
        return False
    return (
        sheet is None
        and file.suffix.lower() not in (".xlsx", ".json")
        and not looks_like_json(head)
    )


@contextmanager
def _progress(source: ImportTable) -> Iterator[Callable[[int], None] | None]:
    """A progress bar on stderr for a large file read at a terminal; else nothing."""
    if source.size_hint < PROGRESS_FROM_ROWS or not sys.stderr.isatty():
        yield None
        return
    from rich.progress import Progress

    from vanort_cli.output.console import error_console

    with Progress(console=error_console(), transient=True) as progress:
        task = progress.add_task(m.IMPORT_PROGRESS, total=source.size_hint)
        yield lambda rows: progress.advance(task, rows)


def _report(
    outcome: ImportOutcome,
    file: Path,
    *,
    dry_run: bool,
    as_json: bool,
    closing: bool = True,
    answer: AnswerOutcome | None = None,
) -> None:
    """The summary on stderr in the reader's language; with --format json, also the
    summary for scripts on stdout (the same in every language). `closing`: with
    the last line on what was imported (an answer to a round says its own)."""
    from vanort_cli.output.console import say
    from vanort_cli.output.json_stream import write_json
    from vanort_cli.services.intake_rows import describe

    place = outcome.place
    if as_json:
        summary = _summary(outcome, file, dry_run=dry_run)
        if answer is not None:
            summary["round"] = {
                "updated": [u.id for u in answer.updated],
                "confirmed": answer.confirmed,
                "not_returned": answer.not_returned,
                "answers": answer.answers,
                "nothing_changed": answer.nothing_changed,
            }
        write_json(summary)
    say(m.IMPORT_READ.format(path=file, kind=outcome.description, rows=outcome.rows))
    for problem in outcome.problems[:SHOWN_PROBLEMS]:
        say(describe(problem, place))
    if len(outcome.problems) > SHOWN_PROBLEMS:
        say(m.IMPORT_MORE_PROBLEMS.format(count=len(outcome.problems) - SHOWN_PROBLEMS))
    if outcome.problems:
        return
    for town, noted in outcome.dormant.items():
        which = _listed_places(place, noted.first, count=noted.count)
        name = pick(town.name, town.name_sv)
        say(m.IMPORT_DORMANT.format(town=name, count=noted.count, which=which))
    if departing := outcome.past_departure:
        which = _listed_places(place, departing.first, count=departing.count)
        say(m.IMPORT_PAST_DEPARTURE.format(count=departing.count, which=which))
    for (typed, org), noted in outcome.former_names.items():
        which = _listed_places(place, noted.first, count=noted.count)
        say(m.IMPORT_FORMER_ORG_NAME.format(typed=typed, org=org, count=noted.count, which=which))
    if outcome.ignored_columns:
        say(m.IMPORT_IGNORED_COLUMNS.format(columns=", ".join(outcome.ignored_columns)))
    if outcome.empty_rows:
        say(m.IMPORT_EMPTY_ROWS.format(count=outcome.empty_rows))
    if outcome.total_rows:
        which = _listed_places(place, outcome.total_rows)
        say(m.IMPORT_TOTAL_ROWS.format(count=len(outcome.total_rows), which=which))
    if outcome.duplicates:
        which = _listed([_duplicate(d, place) for d in outcome.duplicates])
        say(m.IMPORT_DUPLICATES.format(count=len(outcome.duplicates), which=which))
    if not closing:
        return
    if dry_run and not outcome.new:
        say(m.IMPORT_DRY_RUN_NOTHING_NEW.format(path=file, count=len(outcome.duplicates)))
    elif dry_run:
        say(m.IMPORT_DRY_RUN.format(count=outcome.new, path=file))
    elif outcome.ids:
        say(m.IMPORT_DONE.format(count=len(outcome.ids), path=file, ids=_ids_text(outcome.ids)))
    else:
        say(m.IMPORT_NOTHING_NEW.format(path=file, count=len(outcome.duplicates)))


def _duplicate(duplicate: Duplicate, place: str) -> str:
    """`line 5 is #12` (a live collaboration), `line 5 repeats line 2` (an earlier row)."""
    from vanort_cli.services.intake_rows import place_at

    at = place_at(place, duplicate.number)
    if duplicate.earlier is None:
        return m.IMPORT_DUPLICATE_OF_RECORD.format(at=at, id=duplicate.existing_id)
    return m.IMPORT_DUPLICATE_OF_ROW.format(at=at, earlier=place_at(place, duplicate.earlier))


def _ids_text(ids: Sequence[int]) -> str:
    if len(ids) == 1:
        return m.IMPORT_ONE_ID.format(id=ids[0])
    return m.IMPORT_ID_RANGE.format(first=ids[0], last=ids[-1])


def _listed_places(place: str, numbers: Sequence[int], *, count: int | None = None) -> str:
    """`_listed` of the places of these rows, `count` of them in all (`numbers` may
    be only the first of them, services.intake.NotedLines): only the first
    NAMED_LINES are worded (an import of 100,000 rows may name a dormant town in
    60,000 of them)."""
    from vanort_cli.services.intake import NAMED_LINES
    from vanort_cli.services.intake_rows import place_at

    count = len(numbers) if count is None else count
    words = ", ".join(place_at(place, n) for n in numbers[:NAMED_LINES])
    if count <= NAMED_LINES:
        return words
    return m.IMPORT_AND_MORE.format(shown=words, count=count - NAMED_LINES)


def _listed(items: list[str], shown: int = 10) -> str:
    if len(items) <= shown:
        return ", ".join(items)
    return m.IMPORT_AND_MORE.format(shown=", ".join(items[:shown]), count=len(items) - shown)


def _summary(outcome: ImportOutcome, file: Path, *, dry_run: bool) -> dict[str, object]:
    """The summary for scripts: stable keys, the same in every language (its
    problems' messages in English)."""
    from vanort_cli.i18n import speaking
    from vanort_cli.services.intake_rows import describe

    with speaking("en"):
        messages = [describe(p, outcome.place) for p in outcome.problems]
    return {
        "file": str(file),
        "dry_run": dry_run,
        "rows": outcome.rows,
        "imported": 0 if dry_run or outcome.problems else len(outcome.ids),
        "would_import": outcome.new if dry_run and not outcome.problems else 0,
        "ids": [] if outcome.problems else list(outcome.ids),
        "duplicates": [
            {
                "place": outcome.place,
                "number": d.number,
                "existing_id": d.existing_id,
                "earlier": d.earlier,
            }
            for d in outcome.duplicates
        ],
        "empty_rows": outcome.empty_rows,
        "total_rows": outcome.total_rows,
        "problems": [
            {
                "place": outcome.place,
                "number": p.number,
                "column": p.column,
                "value": p.value,
                "message": message,
            }
            for p, message in zip(outcome.problems, messages, strict=True)
        ],
    }


def template(
    ctx: typer.Context,
    output: Annotated[
        Path | None,
        output_option("--output", "-o", help="Where to write the workbook (.xlsx)."),
    ],
    force: Annotated[bool, typer.Option("--force", help="Replace FILE if it exists.")] = False,
) -> None:
    """Write the Excel workbook the administrations fill in and send back.

    In the command's language: a sheet Collaborations (Samarbeten in Swedish) to
    fill in (one collaboration a row, headers as `import` reads them), drop-down
    lists of the registry's organisations, areas, forms and twin towns, date
    cells, and a sheet Instructions (Instruktioner) with an example row. What
    comes back imports with no edits.

    [bold]Example[/]

      vanort collaborations template -o inrapportering.xlsx
    """
    from vanort_cli.errors import UsageError
    from vanort_cli.exchange.template import FILL_IN_SHEET, write_template
    from vanort_cli.files import check_target, replaced_atomically
    from vanort_cli.output.console import say
    from vanort_cli.services.template import template_example, template_lists

    # A workbook is bytes, not text for a terminal or pipe: `-o -` (None) is refused too.
    if output is None or output.suffix.lower() != ".xlsx":
        raise UsageError(m.TEMPLATE_NOT_XLSX.format(path=output or STDOUT))
    today = today_or(None)
    with reading(ctx) as session:
        lists = template_lists(session=session, today=today)
    check_target(output, force=force)
    with replaced_atomically(output) as temporary:
        write_template(temporary, lists, template_example(lists, today))
    say(
        m.TEMPLATE_WRITTEN.format(
            path=output,
            sheet=FILL_IN_SHEET,
            orgs=len(lists.organisations),
            areas=len(lists.areas),
            towns=len(lists.towns),
        )
    )


def register(collaborations: typer.Typer) -> None:
    collaborations.command("import")(import_collaborations)
    collaborations.command("template")(template)
