"""`collaborations export`: every field of every collaboration, in a file that
`collaborations import` reads back.

One flat row per collaboration with the keys of `columns.EXPORT_KEYS`: towns in
one cell by their Swedish names (joined with `TOWN_SEPARATOR`), the organisation
by its name, the area by its key, the form by its English key, an ongoing
collaboration with an empty end. The same rows are written as CSV, JSON or xlsx.

The cells are data and the same in every language, so that a file reads back the
same whoever wrote it. The headers of the files for people (xlsx, `--excel` CSV)
follow the language: in Swedish the template's Swedish headers (Titel,
Förvaltning/bolag, Startdatum...), in English the keys, as always; `import`
reads both in either language. CSV for machines and JSON keep the keys.
"""

from __future__ import annotations

import enum
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any, TextIO

from vanort_cli.domain.records import CollaborationRecord
from vanort_cli.exchange.columns import BY_KEY, EXPORT_KEYS, TOWN_SEPARATOR
from vanort_cli.files import write_text_atomically
from vanort_cli.i18n import is_swedish
from vanort_cli.i18n import messages as m
from vanort_cli.output.columns import Column, field
from vanort_cli.output.csv_rows import write_csv
from vanort_cli.output.json_stream import write_json


class ExportFormat(enum.StrEnum):
    csv = "csv"
    xlsx = "xlsx"
    json = "json"


# Every column, headed by its key: the keys are what import reads in any file.
EXPORT_COLUMNS: tuple[Column, ...] = tuple(field(key, key) for key in EXPORT_KEYS)


def people_columns() -> tuple[Column, ...]:
    """The columns of a file for people (xlsx, `--excel` CSV): in Swedish headed by
    the Swedish headers, each column's key being its header, so that every writer
    heads it so; in English the keys."""
    if not is_swedish():
        return EXPORT_COLUMNS
    return tuple(
        Column(BY_KEY[c.key].header_sv, BY_KEY[c.key].header_sv, c.value) for c in EXPORT_COLUMNS
    )


def export_row(record: CollaborationRecord) -> dict[str, Any]:
    """A collaboration's record as one flat row; empty text is None."""
    flat = {
        "id": record.id,
        "title": record.title,
        "towns": TOWN_SEPARATOR.join(t.name_sv for t in record.towns),
        "organisation": record.organisation.name,
        "area": record.area.key,
        "kind": record.kind,
        "start_date": record.start_date,
        "end_date": record.end_date,
        "description": record.description,
        "contact": record.contact,
        "reported_by": record.reported_by,
        "reported_on": record.reported_on,
        "created_at": record.created_at,
        "updated_at": record.updated_at,
    }
    return {key: (flat.get(key) if flat.get(key) != "" else None) for key in EXPORT_KEYS}


def write_export(
    path: Path,
    rows: Sequence[Mapping[str, Any]],
    fmt: ExportFormat,
    *,
    excel: bool = False,
    force: bool = False,
    protected: Sequence[Path] = (),
) -> None:
    """Write the rows (from `export_row`) at `path` as `fmt`, whole or not at all."""
    if fmt is ExportFormat.xlsx:
        from vanort_cli.exchange.xlsx import Sheet, write_workbook

        sheet = Sheet(m.EXPORT_SHEET, rows, people_columns())
        write_workbook(path, [sheet], force=force, protected=protected)
        return
    write_text_atomically(
        path,
        lambda out: write_export_text(rows, fmt, out, excel=excel),
        force=force,
        protected=protected,
    )


def write_export_text(
    rows: Sequence[Mapping[str, Any]], fmt: ExportFormat, out: TextIO, *, excel: bool = False
) -> None:
    """The rows as CSV or JSON on `out`: a file, or the standard output (`-o -`)."""
    if fmt is ExportFormat.xlsx:
        raise ValueError("a workbook is not text")  # the CLI refuses it before (choose_format)
    if fmt is ExportFormat.json:
        write_json(list(rows), out)
    else:
        write_csv(rows, people_columns() if excel else EXPORT_COLUMNS, out, excel=excel)
