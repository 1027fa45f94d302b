"""Organisations (förvaltningar and bolag) and areas: the names collaborations are filed under."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from sqlmodel import Session, col, select

from vanort_cli.domain.collaborations import identity
from vanort_cli.domain.collation import swedish_sort_key
from vanort_cli.domain.merges import merged_into
from vanort_cli.domain.names import lookalike_shapes, skeleton, unique_key
from vanort_cli.domain.rounds import read_since, since_first_day
from vanort_cli.domain.text import TITLE_MAX
from vanort_cli.errors import RuleError, UsageError
from vanort_cli.i18n import messages as m
from vanort_cli.services.contacts import contact_row, readable_contacts
from vanort_cli.services.lookup import find_organisation
from vanort_cli.services.merges import organisation_merges
from vanort_cli.services.text import checked, optional
from vanort_cli.store.models import (
    Area,
    Collaboration,
    CollaborationTown,
    Organisation,
    OrganisationAlias,
)
from vanort_cli.store.seed import add_organisation_aliases

ORGANISATION_KINDS = ("forvaltning", "bolag")


def organisation_ref(org: Organisation) -> dict[str, Any]:
    return {"key": org.key, "name": org.name, "kind": org.kind}


def area_ref(area: Area) -> dict[str, Any]:
    return {"key": area.key, "name": area.name_en, "name_sv": area.name_sv}


def _status(org: Organisation, today: date) -> str:
    """Retired as of today: `retired_on` is its last day, so until then it is active.
    A value for scripts (JSON, CSV), in English in every language."""
    retired = org.retired_on is not None and org.retired_on < today
    return "retired" if retired else "active"


def _organisation_row(org: Organisation, aliases: list[str], today: date) -> dict[str, Any]:
    return {
        **organisation_ref(org),
        "aliases": sorted(a for a in aliases if a != org.name),
        "status": _status(org, today),
        "retired_on": org.retired_on,
        "since": org.since,
        "confirmed": org.confirmed,
        "source": org.source,
        "note": org.note,
        "note_sv": org.note_sv,
    }


def list_organisations(*, session: Session, today: date) -> list[dict[str, Any]]:
    aliases: dict[int, list[str]] = {}
    for alias in session.exec(select(OrganisationAlias)):
        aliases.setdefault(alias.organisation_id, []).append(alias.alias)
    orgs = sorted(
        session.exec(select(Organisation)), key=lambda o: (o.kind, swedish_sort_key(o.name))
    )
    return [_organisation_row(o, aliases.get(o.id or 0, []), today) for o in orgs]


def organisation_profile(*, session: Session, name: str, today: date) -> dict[str, Any]:
    """`orgs show`: the organisation, its names, its collaborations by year
    (each counted in every year it was active, ongoing ones up to today) and its
    contacts, the one written to first."""
    org = find_organisation(session=session, name=name)
    aliases = session.exec(
        select(OrganisationAlias.alias).where(OrganisationAlias.organisation_id == org.id)
    ).all()
    profile = _organisation_row(org, list(aliases), today)
    assert org.id is not None
    # Its own, and those of the organisations merged into it (a search by its name).
    covered = merged_into(org.id, organisation_merges(session=session))
    collaborations = session.exec(
        select(Collaboration).where(col(Collaboration.organisation_id).in_(sorted(covered)))
    ).all()
    per_year: Counter[int] = Counter()
    for item in collaborations:
        last = max((item.end_date or today).year, item.start_date.year)
        for year in range(item.start_date.year, last + 1):
            per_year[year] += 1
    profile["collaborations"] = len(collaborations)
    profile["collaborations_by_year"] = [
        {"year": year, "count": count} for year, count in sorted(per_year.items())
    ]
    # null (not []) for a login that may not read contacts, which are personal data.
    contacts = readable_contacts(session=session, org=org)
    profile["contacts"] = (
        None
        if contacts is None
        else [
            {k: v for k, v in contact_row(c, org).items() if k != "organisation"} for c in contacts
        ]
    )
    return profile


def _check_name_free(
    session: Session, spellings: list[str], *, owner_id: int | None = None
) -> None:
    """Refuse a spelling that is a name or alias of another organisation, compared
    without spaces too, so "Kultur förvaltningen" is Kulturförvaltningen, and by
    skeleton, so a lookalike in another script, or with a digit for a letter, is
    too (`domain.names.skeleton`)."""
    taken = {
        skeleton(a.normalised).replace(" ", ""): a.organisation_id
        for a in session.exec(select(OrganisationAlias))
    }
    for spelling in spellings:
        shapes = sorted({shape.replace(" ", "") for shape in lookalike_shapes(spelling)})
        others = [taken[shape] for shape in shapes if taken.get(shape, owner_id) != owner_id]
        if others:
            owner = session.get(Organisation, others[0])
            raise RuleError(m.ORG_EXISTS.format(name=spelling, owner=owner.name if owner else "?"))


def add_organisation(
    *, session: Session, name: str, kind: str, aliases: list[str], since: str | None = None
) -> Organisation:
    """Add an administration or company; its name and aliases must be new.
    `since`: the day it came into being, as typed (`read_organisation_since`)."""
    name = checked(name, option="NAME", limit=TITLE_MAX)
    aliases = [checked(a, option="--alias", limit=TITLE_MAX) for a in aliases]
    if kind not in ORGANISATION_KINDS:
        raise RuleError(m.ORG_KIND.format(kind=kind))
    if not any(ch.isalpha() for ch in name):
        raise RuleError(m.ORG_NEEDS_LETTERS.format(name=name))
    _check_name_free(session, [name, *aliases])
    key = unique_key(name, session.exec(select(Organisation.key)), "organisation")
    org = Organisation(
        key=key,
        name=name,
        kind=kind,
        confirmed=True,
        source=m.EN.ADDED_BY_STAFF,
        since=read_organisation_since(since),
    )
    session.add(org)
    session.flush()
    add_organisation_aliases(session, org, aliases)
    session.flush()
    return org


# What `--since` takes for "not known" (the start is then counted as before any
# year asked about, never guessed): in either language, whatever the command's.
UNKNOWN_SINCE = frozenset({"unknown", "okänt", "okänd"})


def read_organisation_since(typed: str | None) -> str | None:
    """`--since` as stored: "2021", "2021-10" or "2021-10-01"; None for not given
    or unknown. Exit 2 for anything else."""
    if typed is None or typed.strip().casefold() in UNKNOWN_SINCE:
        return None
    try:
        return read_since(typed)
    except ValueError:
        raise UsageError(m.ORG_BAD_SINCE.format(value=typed)) from None


def set_organisation_since(
    *, session: Session, name: str, since: str
) -> tuple[Organisation, str | None]:
    """Set (or, with "unknown", clear) the day the organisation came into being;
    the start it had before is returned too. Refused when it contradicts the
    registry: a start after its last day, or after one of its collaborations began."""
    org = find_organisation(session=session, name=name)
    before = org.since
    stored = read_organisation_since(since)
    if stored is not None:
        first = since_first_day(stored)
        if org.retired_on is not None and first > org.retired_on:
            raise RuleError(
                m.ORG_SINCE_AFTER_RETIRED.format(name=org.name, since=stored, date=org.retired_on)
            )
        earlier = session.exec(
            select(Collaboration)
            .where(
                Collaboration.organisation_id == org.id,
                col(Collaboration.deleted_at).is_(None),
                Collaboration.start_date < first,
            )
            .order_by(col(Collaboration.start_date), col(Collaboration.id))
        ).first()
        if earlier is not None:
            raise RuleError(
                m.ORG_SINCE_AFTER_WORK.format(
                    name=org.name, since=stored, id=earlier.id, start=earlier.start_date
                )
            )
    org.since = stored
    session.add(org)
    session.flush()
    return org, before


def rename_organisation(
    *, session: Session, name: str, new_name: str, note: str | None = None
) -> tuple[Organisation, str]:
    """Give an organisation a new name; the old one stays an alias, so old reports,
    imports and scripts still find it. Its key does not change. Returns the
    organisation and its old name."""
    org = find_organisation(session=session, name=name)
    new_name = checked(new_name, option="NEW", limit=TITLE_MAX)
    if not any(ch.isalpha() for ch in new_name):
        raise RuleError(m.ORG_NEEDS_LETTERS.format(name=new_name))
    if new_name == org.name:
        raise RuleError(m.ORG_NOT_RENAMED.format(name=org.name))
    # Its own aliases are free to become its name (a spelling fixed, an alias promoted).
    _check_name_free(session, [new_name], owner_id=org.id)
    old_name = org.name
    org.name = new_name
    if note is not None:
        org.note = optional(note, option="--note", multiline=True)
        org.note_sv = None  # the Swedish of the note replaced says something else
    session.add(org)
    session.flush()
    add_organisation_aliases(session, org, [old_name])
    session.flush()
    return org, old_name


@dataclass(frozen=True)
class Merged:
    source: str
    target: str
    on: date  # the merge's day: the first day the target runs the source's work
    kept: int  # collaborations that stay under the source (they began before `on`)
    moved: int  # collaborations that began on or after `on`: the target's from the start
    now_duplicates: list[tuple[int, int]]  # (the source's id, the target's id it repeats)


def merge_organisations(
    *, session: Session, source: str, target: str, on: date, today: date
) -> Merged:
    """Merge `source` into `target` from `on`, in the caller's one transaction.

    The source ran its work until then, so a report of the years before still
    counts it there: its record stays, retired with `on`'s eve as its last day,
    and keeps its collaborations and seminars; those that began on or after `on`
    move to the target. All of the source's names become the target's, so that
    they find the target, and searches by either name cover both
    (`services.merges`); from `on`, reports count what is still going on under
    the target."""
    from_org = find_organisation(session=session, name=source)
    into = find_organisation(session=session, name=target)
    if from_org.id == into.id:
        raise RuleError(m.ORG_MERGE_ITSELF.format(name=from_org.name))
    if into.retired_on is not None:
        raise RuleError(m.ORG_MERGE_INTO_RETIRED.format(name=into.name, date=into.retired_on))
    if on > today:
        raise RuleError(m.DATE_IN_FUTURE.format(option="--on", date=on))
    last_day = on - timedelta(days=1)
    if from_org.retired_on is not None and from_org.retired_on < last_day:
        raise RuleError(
            m.ORG_MERGE_AFTER_RETIRED.format(name=from_org.name, date=from_org.retired_on)
        )
    assert from_org.id is not None and into.id is not None
    hidden_too = {"include_hidden": True}
    theirs = session.exec(
        select(Collaboration)
        .where(Collaboration.organisation_id == from_org.id)
        .execution_options(**hidden_too)
    ).all()
    existing = session.exec(select(Collaboration).where(Collaboration.organisation_id == into.id))
    by_identity = {_identity(session, c, into.id): c.id for c in existing}
    duplicates = []
    moved = 0
    for collaboration in theirs:
        if collaboration.start_date >= on:
            collaboration.organisation_id = into.id
            session.add(collaboration)
            moved += 1
        repeated = by_identity.get(_identity(session, collaboration, into.id))
        if collaboration.deleted_at is None and repeated is not None:
            assert collaboration.id is not None
            duplicates.append((collaboration.id, repeated))
    for alias in session.exec(
        select(OrganisationAlias).where(OrganisationAlias.organisation_id == from_org.id)
    ):
        alias.organisation_id = into.id
        session.add(alias)
    session.flush()
    # Its key and name were spellings too: keep both as aliases of the target.
    add_organisation_aliases(session, into, [from_org.name, from_org.key])
    from_org.retired_on = last_day
    session.add(from_org)
    session.flush()
    return Merged(from_org.name, into.name, on, len(theirs) - moved, moved, duplicates)


def _identity(session: Session, collaboration: Collaboration, organisation_id: int) -> Any:
    towns = session.exec(
        select(CollaborationTown.town_id).where(
            CollaborationTown.collaboration_id == collaboration.id
        )
    ).all()
    return identity(
        organisation_id=organisation_id,
        title=collaboration.title,
        town_ids=towns,
        start_date=collaboration.start_date,
    )


def retire_organisation(
    *, session: Session, name: str, on: date, note: str | None = None
) -> Organisation:
    """No collaboration of the organisation may start after `on` (a reorganisation);
    its collaborations and names stay. Refused while one starts after that day."""
    org = find_organisation(session=session, name=name)
    if org.retired_on is not None:
        raise RuleError(m.ORG_ALREADY_RETIRED.format(name=org.name, date=org.retired_on))
    if org.since is not None and on < since_first_day(org.since):
        raise RuleError(m.ORG_RETIRED_BEFORE_SINCE.format(name=org.name, since=org.since, date=on))
    later = session.exec(
        select(Collaboration)
        .where(Collaboration.organisation_id == org.id, Collaboration.start_date > on)
        .order_by(col(Collaboration.start_date), col(Collaboration.id))
    ).first()
    if later is not None:
        raise RuleError(
            m.ORG_RETIRE_LATER_WORK.format(
                name=org.name, id=later.id, start=later.start_date, date=on
            )
        )
    org.retired_on = on
    if note is not None:
        org.note = optional(note, option="--note", multiline=True)
        org.note_sv = None  # the Swedish of the note replaced says something else
    session.add(org)
    session.flush()
    return org


def list_areas(*, session: Session) -> list[dict[str, Any]]:
    areas = session.exec(select(Area).order_by(Area.id)).all()  # type: ignore[arg-type]
    return [{**area_ref(a), "aliases": [x for x in a.aliases.split(",") if x]} for a in areas]
