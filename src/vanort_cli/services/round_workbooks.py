"""The workbook each organisation of a round receives, in its contact's language.

The template's sheets and drop-downs (services/template.py), with the
organisation fixed (its drop-down offers only it, and its listed rows name it),
its collaborations active during the year listed with their ids, and the mark
that tells an import whose answer it is (exchange/round_workbook.py).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date

from sqlmodel import Session, col, select

from vanort_cli.exchange.round_workbook import ListedCollaboration, RoundMark, round_workbook_bytes
from vanort_cli.i18n import pick, speaking, values
from vanort_cli.services.collaboration_records import CollaborationFilter, stream_collaborations
from vanort_cli.services.contacts import contacts_of
from vanort_cli.services.lookup import find_organisation
from vanort_cli.services.rounds import find_round, member
from vanort_cli.services.template import template_example, template_lists
from vanort_cli.store.models import Organisation, RoundOrganisation

# An organisation with no contact is written to in Swedish, the office's language.
DEFAULT_LANGUAGE = "sv"


@dataclass(frozen=True)
class RoundWorkbook:
    organisation: str  # its name
    filename: str  # e.g. vanort-2026-kulturforvaltningen.xlsx
    language: str  # sv | en
    content: bytes  # the .xlsx


def workbook_filename(year: int, org: Organisation) -> str:
    """The file's name, from the organisation's key (plain ASCII, safe in any mail)."""
    return f"vanort-{year}-{org.key}.xlsx"


def listed_collaborations(
    *, session: Session, year: int, org: Organisation
) -> list[ListedCollaboration]:
    """The organisation's own collaborations active during `year`, oldest first,
    by their cells in the language of the moment (towns and areas by their names
    in it, the form by its word)."""
    records = stream_collaborations(
        session=session, where=CollaborationFilter(year=year, org=org.name)
    )
    return [
        ListedCollaboration(
            id=r.id,
            title=r.title,
            organisation=r.organisation.name,
            area=pick(r.area.name, r.area.name_sv),
            towns=[pick(t.name, t.name_sv) for t in r.towns],
            kind=values.COLLABORATION_KIND.word(r.kind),
            start_date=r.start_date,
            end_date=r.end_date,
            description=r.description,
            contact=r.contact,
        )
        for r in records
        # The filter by name finds what organisations merged into it ran, too:
        # those stay their own (a row names one organisation, and it is this one).
        if r.organisation.key == org.key
    ]


def round_workbook(
    *, session: Session, year: int, org: Organisation, language: str, today: date
) -> RoundWorkbook:
    """The workbook for `org` in the round for `year`, in `language`."""
    with speaking(language):
        lists = template_lists(session=session, today=today)
        lists = replace(lists, organisations=[org.name])
        listed = listed_collaborations(session=session, year=year, org=org)
        mark = RoundMark(
            year=year,
            organisation=org.key,
            organisation_name=org.name,
            listed=tuple(c.id for c in listed),
        )
        content = round_workbook_bytes(
            lists, template_example(lists, today), mark=mark, listed=listed
        )
    return RoundWorkbook(org.name, workbook_filename(year, org), language, content)


def language_of(*, session: Session, org: Organisation) -> str:
    """The language its primary contact wants; Swedish when it has no contact."""
    contacts = contacts_of(session=session, org=org)
    return contacts[0].language if contacts else DEFAULT_LANGUAGE


def round_workbooks(
    *, session: Session, year: int, today: date, organisations: Sequence[str] = ()
) -> list[RoundWorkbook]:
    """`round workbooks`: one workbook per organisation asked in the round for
    `year` (or those named, each refused if it was not asked), in its contact's
    language, in the order of the organisations' names."""
    round_ = find_round(session=session, year=year)
    if organisations:
        chosen: list[Organisation] = []
        for name in organisations:
            org = find_organisation(session=session, name=name)
            member(session=session, round_=round_, org=org)
            if org not in chosen:
                chosen.append(org)
    else:
        chosen = list(
            session.exec(
                select(Organisation)
                .join(RoundOrganisation, col(RoundOrganisation.organisation_id) == Organisation.id)
                .where(RoundOrganisation.round_id == round_.id)
                .order_by(col(Organisation.key))
            )
        )
    return [
        round_workbook(
            session=session,
            year=year,
            org=org,
            language=language_of(session=session, org=org),
            today=today,
        )
        for org in chosen
    ]
