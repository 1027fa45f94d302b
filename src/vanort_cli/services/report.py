"""The annual report (P9): the year's meetings and the collaborations active in it."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable
from datetime import date
from typing import Any

from sqlmodel import Session, select

from vanort_cli.domain.collation import swedish_sort_key
from vanort_cli.models import Meeting, Organisation
from vanort_cli.services.collaborations import CollaborationFilter, find_collaborations
from vanort_cli.services.meetings import check_year
from vanort_cli.services.schedule import meeting_schedule
from vanort_cli.services.vocabulary import organisation_ref

Item = dict[str, Any]


def shown_name(group: dict[str, Any]) -> str:
    """The name a memo shows for a town, organisation or area: Swedish where there is one."""
    return str(group.get("name_sv") or group.get("name") or group["key"])


def by_name(groups: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
    """Towns, organisations or areas in Swedish alphabetical order."""
    return sorted(groups, key=lambda g: swedish_sort_key(shown_name(g)))


def count_by(
    items: Iterable[Item], keys_of: Callable[[Item], Iterable[dict[str, Any]]]
) -> list[dict[str, Any]]:
    """Count items per group (an item may be in several groups, and then counts once in
    each), largest group first; equal groups in Swedish alphabetical order."""
    counts: Counter[str] = Counter()
    shown: dict[str, dict[str, Any]] = {}
    for item in items:
        for group in keys_of(item):
            counts[group["key"]] += 1
            shown.setdefault(group["key"], group)
    return [
        {**shown[key], "count": n}
        for key, n in sorted(
            counts.items(), key=lambda kv: (-kv[1], swedish_sort_key(shown_name(shown[kv[0]])))
        )
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
        "reporting_organisations": by_name(
            count_by(reported_this_year, lambda i: [i["organisation"]])
        ),
        "items": items,
    }


def organisations_not_among(
    *, session: Session, keys: set[str], since: date
) -> list[dict[str, Any]]:
    """The administrations and companies, not retired before `since`, whose keys are not
    in `keys`; in Swedish alphabetical order."""
    return by_name(
        organisation_ref(o)
        for o in session.exec(select(Organisation))
        if o.key not in keys and (o.retired_on is None or o.retired_on >= since)
    )


def with_notes(*, session: Session, schedule: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The schedule's rows with the note of each recorded meeting (None if not recorded)."""
    notes = {r.year: r.note for r in session.exec(select(Meeting))}
    return [
        {**row, "note": notes.get(row["year"]) if row["source"] == "recorded" else None}
        for row in schedule
    ]


def annual_report(*, session: Session, year: int, today: date) -> dict[str, Any]:
    """Everything `vanort report` shows; a year with nothing in it is a valid report."""
    check_year(year, today)
    items = find_collaborations(session=session, where=CollaborationFilter(year=year))
    summary = summarise(items, year)
    # P10: who reported nothing during the year is part of the City's picture.
    summary["organisations_without_reports"] = organisations_not_among(
        session=session,
        keys={o["key"] for o in summary["reporting_organisations"]},
        since=date(year, 1, 1),
    )
    schedule = meeting_schedule(session=session, first_year=year, last_year=year, today=today)
    return {
        "year": year,
        "period": {"start": date(year, 1, 1), "end": date(year, 12, 31)},
        "generated_on": today,
        "meetings": with_notes(session=session, schedule=schedule),
        "collaborations": summary,
    }
