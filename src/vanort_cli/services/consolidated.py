"""The draft of the consolidated report and analysis due after a Göteborg-hosted
meeting (P11): everything since the previous meeting Göteborg hosted."""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlmodel import Session, select

from vanort_cli import messages as m
from vanort_cli.domain.collation import swedish_sort_key
from vanort_cli.domain.dates import FIRST_YEAR
from vanort_cli.errors import RuleError
from vanort_cli.models import Meeting
from vanort_cli.services.collaborations import CollaborationFilter, find_collaborations
from vanort_cli.services.delegation import meeting_details
from vanort_cli.services.meetings import check_year
from vanort_cli.services.report import by_name, count_by, organisations_not_among, summarise
from vanort_cli.services.schedule import meeting_schedule
from vanort_cli.services.towns import HOME_TOWN

NOT_TAKING_PLACE = ("postponed", "cancelled")


def _active_in(item: dict[str, Any], year: int) -> bool:
    end = item["end_date"]
    return item["start_date"] <= date(year, 12, 31) and (end is None or end >= date(year, 1, 1))


def _delegations(participants: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Every town's delegation, Göteborg's first, then the towns by Swedish name."""
    towns: dict[str, dict[str, Any]] = {}
    for p in participants:
        towns.setdefault(p["town"]["key"], {"town": p["town"], "participants": []})
        towns[p["town"]["key"]]["participants"].append(p)
    return sorted(
        towns.values(),
        key=lambda d: (d["town"]["key"] != HOME_TOWN, swedish_sort_key(d["town"]["name_sv"])),
    )


def consolidated_report(*, session: Session, year: int, today: date) -> dict[str, Any]:
    """The period since the previous Göteborg-hosted meeting, up to the end of `year`."""
    check_year(year, today)
    schedule = meeting_schedule(session=session, first_year=FIRST_YEAR, last_year=year, today=today)
    hostings = [
        r for r in schedule if r["host"]["key"] == HOME_TOWN and r["status"] not in NOT_TAKING_PLACE
    ]
    if not hostings or hostings[-1]["year"] != year:
        raise RuleError(m.NOT_A_HOME_YEAR.format(year=year))
    if hostings[-1]["source"] != "recorded" or hostings[-1]["status"] != "held":
        raise RuleError(m.EVALUATION_NEEDS_HELD.format(year=year))
    previous = hostings[-2]["year"] if len(hostings) > 1 else None
    previous_source = hostings[-2]["source"] if len(hostings) > 1 else None
    # The period rests on the previous meeting's year: say when that is not confirmed.
    previous_confirmed = hostings[-2]["confirmed"] if len(hostings) > 1 else None
    recorded_years = [r.year for r in session.exec(select(Meeting))]
    first = previous + 1 if previous is not None else min(recorded_years, default=year)
    period = (date(first, 1, 1), date(year, 12, 31))

    records = {r.year: r for r in session.exec(select(Meeting))}
    meetings = []
    for row in schedule:
        if not first <= row["year"] <= year:
            continue
        record = records.get(row["year"]) if row["source"] == "recorded" else None
        details = meeting_details(session=session, meeting=record, today=today) if record else {}
        participants = details.get("participants", [])
        meetings.append(
            {
                **row,
                "note": record.note if record else None,
                "seminars": details.get("seminars", []),
                "gothenburg_delegation": [p for p in participants if p["town"]["key"] == HOME_TOWN],
                "delegations": _delegations(participants),
            }
        )

    items = find_collaborations(session=session, where=CollaborationFilter(period=period))
    summary = summarise(items, year)
    # The period, not the last year: reported during it, and who reported. A
    # collaboration active in the period may be reported after it (the draft is
    # written later): it counts as active, and is said apart.
    reported_in_period = [i for i in items if period[0] <= i["reported_on"] <= period[1]]
    summary["new_this_year"] = [i["id"] for i in reported_in_period]
    summary["reported_after_period"] = [i["id"] for i in items if i["reported_on"] > period[1]]
    summary["reporting_organisations"] = by_name(
        count_by(reported_in_period, lambda i: [i["organisation"]])
    )
    by_year: list[dict[str, Any]] = []
    before: int | None = None
    for y in range(first, year + 1):
        count = sum(1 for i in items if _active_in(i, y))
        by_year.append(
            {"year": y, "count": count, "change": None if before is None else count - before}
        )
        before = count
    summary["by_year"] = by_year
    # Silent: no collaboration of theirs active at any time in the period is on
    # record, whenever it was reported.
    silent = organisations_not_among(
        session=session, keys={i["organisation"]["key"] for i in items}, since=period[0]
    )
    return {
        "year": year,
        "previous_hosting_year": previous,
        "previous_hosting_source": previous_source,
        "previous_hosting_confirmed": previous_confirmed,
        "period": {"start": period[0], "end": period[1]},
        "generated_on": today,
        "meetings": meetings,
        "collaborations": summary,
        "open_items": {
            "ongoing": sorted(
                (
                    {"id": i["id"], "title": i["title"], "organisation": i["organisation"]["name"]}
                    for i in items
                    if i["end_date"] is None
                ),
                key=lambda i: swedish_sort_key(i["title"]),
            ),
            "organisations_without_reports": silent,
        },
    }
