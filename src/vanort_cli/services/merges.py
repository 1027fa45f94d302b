"""Which organisations were merged into which, and when, as the registry holds it;
and the names they had before (a merge, a rename).

A merge (`orgs merge --on DATE`) keeps the merged organisation's record, retired
with DATE's eve as its last day, and hands all of its names to the organisation
it joins: `organisation.retired_on` carries the date and `organisation_alias` the
link (`domain.merges.merged_away`), so no table of merges is needed.
"""

from __future__ import annotations

import json
from datetime import timedelta
from typing import Literal

from sqlmodel import Session, col, select

from vanort_cli.domain.merges import Merges, merged_away, merged_into
from vanort_cli.domain.names import normalise
from vanort_cli.store.models import AuditEntry, Organisation, OrganisationAlias


def organisation_merges(*, session: Session) -> Merges:
    """Each merged organisation's id -> (the id it was merged into, the merge's day)."""
    retired = {
        o.id: o
        for o in session.exec(select(Organisation).where(col(Organisation.retired_on).is_not(None)))
        if o.id is not None
    }
    if not retired:
        return {}
    owners = {a.normalised: a.organisation_id for a in session.exec(select(OrganisationAlias))}
    away = merged_away({i: o.name for i, o in retired.items()}, owners)
    merges = {}
    for org_id in away:
        org = retired[org_id]
        assert org.retired_on is not None
        merges[org_id] = (owners[normalise(org.name)], org.retired_on + timedelta(days=1))
    return merges


FormerName = Literal["renamed", "merged"]


def former_names(*, session: Session, org: Organisation) -> dict[str, FormerName]:
    """The spellings, folded, that named `org` before a rename (`renamed`) or named
    an organisation merged into it (`merged`: its names and key, and the names
    the history says it had before). Its current name is not one."""
    assert org.id is not None
    merges = organisation_merges(session=session)
    covered = merged_into(org.id, merges)
    folded: dict[str, FormerName] = {}
    renames = session.exec(
        select(AuditEntry.record_id, AuditEntry.old).where(
            AuditEntry.table_name == "organisation",
            AuditEntry.action == "update",
            col(AuditEntry.record_id).in_(covered),
        )
    )
    for record_id, old in renames:
        name = json.loads(old).get("name") if old else None
        if isinstance(name, str):
            folded[normalise(name)] = "renamed" if record_id == org.id else "merged"
    for other in session.exec(select(Organisation).where(col(Organisation.id).in_(covered))):
        if other.id != org.id:
            folded[normalise(other.name)] = folded[normalise(other.key)] = "merged"
    folded.pop(normalise(org.name), None)
    return folded


def former_name(*, session: Session, typed: str, org: Organisation) -> FormerName | None:
    """Whether `typed`, which found `org`, named it before a rename or named an
    organisation merged into it: the one who typed it is told which organisation
    the record is filed under."""
    return former_names(session=session, org=org).get(normalise(typed))
