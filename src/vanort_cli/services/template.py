"""What the intake template offers, drawn from the registry."""

from __future__ import annotations

from datetime import date

from sqlmodel import Session, select

from vanort_cli.domain.collation import swedish_sorted
from vanort_cli.exchange.columns import KIND_SV
from vanort_cli.exchange.template import Example, TemplateLists
from vanort_cli.models import Area, Organisation, Town

HOME_TOWN = "goteborg"


def template_lists(*, session: Session, today: date) -> TemplateLists:
    """The organisations not retired, every area, the forms, and the twin towns and
    partner cities a collaboration can be with today, by their Swedish names."""
    organisations = [
        o.name
        for o in session.exec(select(Organisation))
        if o.retired_on is None or o.retired_on >= today
    ]
    towns = [
        t.name_sv
        for t in session.exec(select(Town))
        if t.key != HOME_TOWN and t.status not in ("retired", "ended")
    ]
    return TemplateLists(
        organisations=swedish_sorted(organisations),
        areas=swedish_sorted([a.name_sv for a in session.exec(select(Area))]),
        kinds=list(KIND_SV.values()),
        towns=swedish_sorted(towns),
    )


def template_example(lists: TemplateLists, today: date) -> Example:
    """A plausible row for the instructions, from the lists themselves."""

    def pick(values: list[str] | tuple[str, ...], wanted: str) -> str:
        return wanted if wanted in values else (values[0] if values else "")

    towns = [t for t in ("Åbo", "Bergen") if t in lists.towns] or list(lists.towns[:1])
    return Example(
        {
            "title": "Nordiska litteraturdagar",
            "organisation": pick(list(lists.organisations), "Kulturförvaltningen"),
            "area": pick(list(lists.areas), "Kultur"),
            "towns": ", ".join(towns),
            "kind": "projekt",
            "start_date": date(today.year, 3, 1),
            "end_date": date(today.year, 6, 30),
            "description": "Författarsamtal och läsfest i vänorterna.",
            "contact": "förnamn.efternamn@goteborg.se",
        }
    )
