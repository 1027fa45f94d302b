"""The columns of a collaboration row, shared by `collaborations list` and `report`:
the same fields in the same order in every table and CSV file."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from vanort_cli.output import Column, field


def towns_text(row: Mapping[str, Any]) -> str:
    return ", ".join(t["name_sv"] for t in row["towns"])


# Priorities: on a narrow terminal the lowest leave the table first.
COLLAB_COLUMNS = [
    field("id", "Id", priority=9, nowrap=True),
    field("title", "Title", priority=9),
    Column("towns", "Towns", towns_text, priority=8),
    Column("organisation", "Organisation", lambda r: r["organisation"]["name"], priority=7),
    Column(
        "organisation_kind",
        "Org. kind",
        lambda r: r["organisation"]["kind"],
        priority=1,
        nowrap=True,
    ),
    Column("area", "Area", lambda r: r["area"]["name"], priority=4),
    field("kind", "Kind", priority=3, nowrap=True),
    field("start_date", "Start", priority=6, nowrap=True),
    # "ongoing" is for people; CSV, JSON and xlsx leave the end empty, as import reads it.
    Column("end_date", "End", lambda r: r["end_date"], priority=5, nowrap=True, empty="ongoing"),
    field("reported_by", "Reported by", priority=0),
    field("reported_on", "Reported on", priority=2, nowrap=True),
]
COLLAB_FIELDS = [
    *COLLAB_COLUMNS,
    field("description", "Description"),
    field("contact", "Contact"),
]
