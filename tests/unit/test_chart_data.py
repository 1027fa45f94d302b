"""The rest of a bar chart ("övriga"): property tests of the pure rule."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from vanort_cli.domain.chart_data import named_count

counts_largest_first = st.lists(st.integers(min_value=1, max_value=50), max_size=40).map(
    lambda counts: sorted(counts, reverse=True)
)


@given(counts_largest_first, st.integers(min_value=2, max_value=15))
def test_the_rest_holds_only_the_fewest_and_never_one_group(counts: list[int], bars: int) -> None:
    named = named_count(counts, bars)
    shown, rest = counts[:named], counts[named:]
    assert 0 <= named <= len(counts)
    if rest:
        # "The ones with the fewest": no named group has as few as any in the rest.
        assert min(shown) > max(rest)
        assert len(rest) >= 2
        # More bars than the room only for a run of equal counts that fills it.
        assert named <= bars - 1 or len(set(counts[:bars])) == 1
    elif len(counts) > bars:
        # No rest although there are too many: only where a run of equal counts fills
        # the room (and runs on to the end, or to the last group but one).
        assert len(set(counts[:bars])) == 1


@given(counts_largest_first)
def test_a_chart_with_room_names_every_group(counts: list[int]) -> None:
    assert named_count(counts, max(len(counts), 2)) == len(counts)


def test_ties_at_the_cut_move_into_the_rest() -> None:
    assert named_count([9, 5, 3, 2, 2, 2, 2, 1], bars=5) == 3
    assert named_count([9, 5, 3, 2, 1, 1], bars=5) == 4
    assert named_count([2, 2, 2, 2, 2, 2], bars=5) == 6
    # Forty administrations, eleven with two and the rest with one: the two-run is
    # named, the ones are "Övriga".
    assert named_count([2] * 11 + [1] * 29) == 11
    assert named_count([2] * 11 + [1]) == 12  # never a rest of one
