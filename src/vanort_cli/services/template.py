"""What the intake template offers, drawn from the registry, in the language of
the command: the towns and areas by their names in it (Åbo / Turku, Kultur /
Culture), the forms by the words people type in it (projekt / project)."""

from __future__ import annotations

from datetime import date

from sqlmodel import Session, select

from vanort_cli.domain.collation import swedish_sorted
from vanort_cli.exchange.template import Example, TemplateLists
from vanort_cli.i18n import N_, gettext, pick, values
from vanort_cli.store.models import Area, Organisation, Town

HOME_TOWN = "goteborg"
# The example row of the instructions sheet: made-up text, in the language.
EXAMPLE_TITLE = N_("Nordic Literature Days")
EXAMPLE_DESCRIPTION = N_("Author talks and a reading festival in the twin towns.")
EXAMPLE_CONTACT = N_("firstname.lastname@goteborg.se")


def template_lists(*, session: Session, today: date) -> TemplateLists:
    """The organisations not retired, every area, the forms, and the twin towns and
    partner cities a collaboration can be with today, by their names in the language."""
    organisations = [
        o.name
        for o in session.exec(select(Organisation))
        if o.retired_on is None or o.retired_on >= today
    ]
    towns = [
        pick(t.name, t.name_sv)
        for t in session.exec(select(Town))
        if t.key != HOME_TOWN and t.status not in ("retired", "ended")
    ]
    return TemplateLists(
        organisations=swedish_sorted(organisations),
        areas=swedish_sorted([pick(a.name_en, a.name_sv) for a in session.exec(select(Area))]),
        kinds=[values.COLLABORATION_KIND.word(kind) for kind in values.COLLABORATION_KIND.keys],
        towns=swedish_sorted(towns),
    )


def template_example(lists: TemplateLists, today: date) -> Example:
    """A plausible row for the instructions, from the lists themselves."""

    def chosen(values: list[str] | tuple[str, ...], wanted: str) -> str:
        return wanted if wanted in values else (values[0] if values else "")

    wanted_towns = (pick("Turku", "Åbo"), "Bergen")
    towns = [t for t in wanted_towns if t in lists.towns] or list(lists.towns[:1])
    return Example(
        {
            "title": gettext(EXAMPLE_TITLE),
            "organisation": chosen(list(lists.organisations), "Kulturförvaltningen"),
            "area": chosen(list(lists.areas), pick("Culture", "Kultur")),
            "towns": ", ".join(towns),
            "kind": chosen(list(lists.kinds), values.COLLABORATION_KIND.word("project")),
            "start_date": date(today.year, 3, 1),
            "end_date": date(today.year, 6, 30),
            "description": gettext(EXAMPLE_DESCRIPTION),
            "contact": gettext(EXAMPLE_CONTACT),
        }
    )
