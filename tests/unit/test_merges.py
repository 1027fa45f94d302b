"""Dated merges of organisations as pure rules (through the CLI:
tests/test_dated_merges.py)."""

from __future__ import annotations

from datetime import date

from hypothesis import given
from hypothesis import strategies as st

from vanort_cli.domain.merges import day_counted, merged_away, merged_into, organisation_on

DAYS = st.dates(date(1990, 1, 1), date(2040, 12, 31))


@st.composite
def merge_chains(draw: st.DrawFn) -> tuple[dict[int, tuple[int, date]], list[int]]:
    """Organisations 0..n, each merged into a later one (a forest, no cycle)."""
    n = draw(st.integers(1, 8))
    merges: dict[int, tuple[int, date]] = {}
    for source in range(n):
        if draw(st.booleans()):
            merges[source] = (draw(st.integers(source + 1, n)), draw(DAYS))
    return merges, list(range(n + 1))


@given(merge_chains(), DAYS)
def test_work_counts_under_whoever_ran_it_on_the_day(
    chains: tuple[dict[int, tuple[int, date]], list[int]], day: date
) -> None:
    merges, orgs = chains
    for org in orgs:
        ran_by = organisation_on(org, day, merges)
        # Before its own merge day an organisation ran its own work...
        if org not in merges or merges[org][1] > day:
            assert ran_by == org
        # ... after it, the one it joined did (or whoever that one joined by then).
        else:
            assert ran_by == organisation_on(merges[org][0], day, merges)
        # Whoever runs it, a search by that one's name finds it.
        assert org in merged_into(ran_by, merges)


@given(merge_chains())
def test_before_every_merge_nothing_moves_and_after_every_merge_all_is_one(
    chains: tuple[dict[int, tuple[int, date]], list[int]],
) -> None:
    merges, orgs = chains
    for org in orgs:
        assert organisation_on(org, date(1989, 12, 31), merges) == org
        last = organisation_on(org, date(2041, 1, 1), merges)
        assert last not in merges  # followed to an organisation not merged away
        assert merged_into(org, merges) >= {org}


def test_a_cycle_in_damaged_data_stops() -> None:
    merges = {1: (2, date(2020, 1, 1)), 2: (1, date(2020, 1, 1))}
    assert organisation_on(1, date(2021, 1, 1), merges) in (1, 2)
    assert merged_into(1, merges) == {1, 2}


@given(st.dictionaries(st.integers(1, 20), st.sampled_from(["Higab", "SLK", "Kultur", "Park"])))
def test_merged_away_is_whose_name_finds_another(names: dict[int, str]) -> None:
    # Each name finds the organisation with the smallest id that bears it.
    owners: dict[str, int] = {}
    for org_id in sorted(names):
        owners.setdefault(names[org_id].lower(), org_id)
    away = merged_away(names, owners)
    for org_id, name in names.items():
        assert (org_id in away) == (owners[name.lower()] != org_id)
    assert merged_away(names, {}) == set()


@given(DAYS, st.one_of(st.none(), DAYS))
def test_the_day_counted_is_the_last_day_in_the_period(period_end: date, end: date | None) -> None:
    counted = day_counted(period_end, end)
    assert counted <= period_end
    assert counted == (period_end if end is None or end >= period_end else end)
