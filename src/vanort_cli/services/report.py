"""The annual report (P9): the year's meetings and the collaborations active in it."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable
from datetime import date
from typing import Any

from sqlmodel import Session

from vanort_cli.services.calendar import meeting_schedule
from vanort_cli.services.collaborations import CollaborationFilter, find_collaborations
from vanort_cli.services.meetings import check_year

Item = dict[str, Any]


def count_by(
    items: Iterable[Item], keys_of: Callable[[Item], Iterable[dict[str, Any]]]
) -> list[dict[str, Any]]:
    """Count items per group (an item may be in several groups), largest group first."""
    counts: Counter[str] = Counter()
    shown: dict[str, dict[str, Any]] = {}
    for item in items:
        for group in keys_of(item):
            counts[group["key"]] += 1
            shown.setdefault(group["key"], group)
    return [
        {**shown[key], "count": n}
        for key, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
    ]


def summarise(items: list[Item], year: int) -> dict[str, Any]:
    """The counts of the report, from the collaborations active during `year`."""
    reported_this_year = [i for i in items if i["reported_on"].year == year]
    return {
        "total": len(items),
        "by_town": count_by(items, lambda i: i["towns"]),
        "by_organisation": count_by(items, lambda i: [i["organisation"]]),
        "by_area": count_by(items, lambda i: [i["area"]]),
        "by_kind": [
            {"kind": g["key"], "count": g["count"]}
            for g in count_by(items, lambda i: [{"key": i["kind"]}])
        ],
        "new_this_year": [i["id"] for i in reported_this_year],
        "reporting_organisations": count_by(reported_this_year, lambda i: [i["organisation"]]),
        "items": items,
    }


def annual_report(*, session: Session, year: int, today: date) -> dict[str, Any]:
    """Everything `vanort report --year` shows; a year with nothing in it is a valid report."""
    check_year(year, today)
    items = find_collaborations(session=session, where=CollaborationFilter(year=year))
    return {
        "year": year,
        "period": {"start": date(year, 1, 1), "end": date(year, 12, 31)},
        "generated_on": today,
        "meetings": meeting_schedule(session=session, first_year=year, last_year=year, today=today),
        "collaborations": summarise(items, year),
    }
