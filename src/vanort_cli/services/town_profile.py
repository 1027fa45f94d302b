"""Everything about one town: its record, decisions, meetings and collaborations."""

from __future__ import annotations

from collections import Counter
from datetime import date
from typing import Any

from sqlmodel import Session

from vanort_cli.services.collaboration_records import CollaborationFilter, find_collaborations
from vanort_cli.services.governance import decisions_of
from vanort_cli.services.schedule import meeting_schedule
from vanort_cli.services.towns import town_public
from vanort_cli.store.models import Town


def town_profile(*, session: Session, town: Town, today: date) -> dict[str, Any]:
    """`towns show`: the town, its decisions, the meetings it hosted and will host
    (recorded, and computed for two cycles ahead), and its collaborations by year."""
    profile = town_public(session=session, town=town)
    profile["decisions"] = decisions_of(session=session, town=town)
    meetings: list[dict[str, Any]] = []
    if town.rotation_position is not None:
        schedule = meeting_schedule(
            session=session, first_year=1946, last_year=today.year + 20, today=today
        )
        meetings = [
            {
                k: getattr(row, k)
                for k in ("year", "status", "source", "start_date", "end_date", "place", "theme")
            }
            for row in schedule
            if row.host.key == town.key and (row.source == "recorded" or row.year >= today.year)
        ]
    profile["meetings"] = meetings
    items = find_collaborations(session=session, where=CollaborationFilter(town=town.key))
    per_year: Counter[int] = Counter()
    for item in items:
        last = (item.end_date or today).year
        for year in range(item.start_date.year, max(last, item.start_date.year) + 1):
            per_year[year] += 1
    profile["collaborations_by_year"] = [
        {"year": year, "count": count} for year, count in sorted(per_year.items())
    ]
    profile["collaborations"] = [
        {
            "id": i.id,
            "title": i.title,
            "start_date": i.start_date,
            "end_date": i.end_date,
            "organisation": i.organisation.name,
        }
        for i in items
    ]
    return profile
