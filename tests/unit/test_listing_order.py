"""The report's listing order holds at most a run of sort keys at once: sorted in
runs and merged, it is the order one stable sort of every key gives."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from vanort_cli.reports.listing_order import places_in_order


@given(st.lists(st.text(alphabet="abÅå ", max_size=3), max_size=60), st.integers(1, 70))
def test_runs_merged_are_one_stable_sort(keys: list[str], at_once: int) -> None:
    # Fails if a run is merged out of order or equal keys lose the order they came in.
    assert list(places_in_order(keys, at_once)) == sorted(range(len(keys)), key=keys.__getitem__)
