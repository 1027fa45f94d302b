"""Organisations merged into others, as pure rules: which organisation a
collaboration counts under on a given day, and which organisations a search by
one name covers.

A merge is dated: before its day the merged organisation ran its collaborations
and a report of those years counts them under it; from that day the organisation
it was merged into runs those still going on. `Merges` maps each merged
organisation's id to the id it was merged into and the day the merge took effect.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date

from vanort_cli.domain.names import normalise

Merges = Mapping[int, tuple[int, date]]


def organisation_on(organisation_id: int, day: date, merges: Merges) -> int:
    """The organisation that ran the work of `organisation_id` on `day`: itself
    unless it had been merged by then, else the one it was merged into (followed
    through later merges of that one too)."""
    seen = {organisation_id}
    current = organisation_id
    while current in merges:
        target, merged_on = merges[current]
        if merged_on > day or target in seen:  # not yet merged; a cycle stops
            break
        seen.add(target)
        current = target
    return current


def merged_into(organisation_id: int, merges: Merges) -> set[int]:
    """The organisation and every one merged into it, directly or through others:
    what a search by its name covers, whatever the day."""
    covered = {organisation_id}
    changed = True
    while changed:
        changed = False
        for source, (target, _day) in merges.items():
            if target in covered and source not in covered:
                covered.add(source)
                changed = True
    return covered


def merged_away(names: Mapping[int, str], alias_owners: Mapping[str, int]) -> set[int]:
    """The organisations merged into another: those whose own name (`names`, by id)
    is now a spelling of another organisation (`alias_owners`: each folded alias
    and the organisation it finds). A merge hands every name of the merged
    organisation to the one it joins, so that its names find that one; a name
    is always a spelling of its own organisation otherwise (it is stored as an
    alias when the organisation is added or renamed)."""
    return {
        org_id
        for org_id, name in names.items()
        if alias_owners.get(normalise(name), org_id) != org_id
    }


def day_counted(period_end: date, end_date: date | None) -> date:
    """The day a report asks who ran a collaboration on: its last day in the period
    (the period's end, or its own end if earlier). One that ended before a merge
    stays its first organisation's in every report; one still going on at the
    merge counts under the organisation that took over."""
    return period_end if end_date is None else min(period_end, end_date)
