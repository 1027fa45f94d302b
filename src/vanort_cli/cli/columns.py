"""The columns of a collaboration row, shared by `collaborations list` and `report`:
the same fields in the same order in every table and CSV file.

A table shows the towns and the area by their names in the reader's language and
the kinds by their words; CSV, JSON and xlsx keep what they always wrote (the
towns' Swedish names, the area's English name, the kinds' keys), so that what
they write reads back the same in every language."""

from __future__ import annotations

from operator import attrgetter

from vanort_cli.domain.records import CollaborationLine, CollaborationRecord
from vanort_cli.i18n import N_, pick, values
from vanort_cli.output.columns import Column, word


def towns_text(row: CollaborationRecord) -> str:
    """The towns of a collaboration for machines: their Swedish names."""
    return ", ".join(t.name_sv for t in row.towns)


def town_names(row: CollaborationRecord) -> str:
    """The towns of a collaboration for people: their names in the language."""
    return ", ".join(pick(t.name, t.name_sv) for t in row.towns)


def _area(row: CollaborationRecord) -> str:
    return pick(row.area.name, row.area.name_sv)


# Priorities: on a narrow terminal the lowest leave the table first. In Swedish
# the headers are those `collaborations import` reads (Titel, Förvaltning/bolag,
# Startdatum...), so that a listing written for Excel imports back.
COLLAB_COLUMNS: list[Column[CollaborationRecord]] = [
    Column("id", "Id", lambda r: r.id, priority=9, nowrap=True),
    Column("title", "Title", lambda r: r.title, priority=9),
    Column("towns", "Towns", towns_text, priority=8, show=town_names),
    Column("organisation", "Organisation", lambda r: r.organisation.name, priority=7),
    Column(
        "organisation_kind",
        "Org. kind",
        lambda r: r.organisation.kind,
        priority=1,
        nowrap=True,
        show=lambda r: word(values.ORGANISATION_KIND, r.organisation.kind),
    ),
    Column("area", "Area", lambda r: r.area.name, priority=4, show=_area),
    Column(
        "kind",
        "Kind",
        lambda r: r.kind,
        priority=3,
        nowrap=True,
        show=lambda r: word(values.COLLABORATION_KIND, r.kind),
    ),
    Column("start_date", "Start", lambda r: r.start_date, priority=6, nowrap=True),
    # "ongoing" is for people; CSV, JSON and xlsx leave the end empty, as import reads it.
    Column(
        "end_date",
        "End",
        lambda r: r.end_date,
        priority=5,
        nowrap=True,
        empty=N_("ongoing"),
    ),
    Column("reported_by", "Reported by", lambda r: r.reported_by, priority=0),
    Column("reported_on", "Reported on", lambda r: r.reported_on, priority=2, nowrap=True),
]
# The same columns over the lines CSV writes (`stream_collaboration_lines`), whose
# fields are these keys: each cell read by a getter in C, not a Python call.
COLLAB_LINE_COLUMNS: list[Column[CollaborationLine]] = [
    Column(c.key, c.header, attrgetter(c.key)) for c in COLLAB_COLUMNS
]
COLLAB_FIELDS: list[Column[CollaborationRecord]] = [
    *COLLAB_COLUMNS,
    Column("description", "Description", lambda r: r.description),
    Column("contact", "Contact", lambda r: r.contact),
]
