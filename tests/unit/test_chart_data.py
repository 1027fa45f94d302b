"""What the charts draw, as data: the rest of a bar chart ("övriga") and lines with
equal values; property tests of the pure rules."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from vanort_cli.domain.chart_data import BarPlan, bar_plan, coinciding, dodges, named_count

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


# -- a rest never looks like the biggest group -------------------------------------------


@given(counts_largest_first, st.integers(min_value=2, max_value=15), st.integers(2, 40))
def test_the_rest_is_a_bar_only_where_it_is_no_longer_than_the_largest(
    counts: list[int], bars: int, most: int
) -> None:
    plan = bar_plan(counts, bars, most)
    rest = plan.rest(counts)
    assert 0 < plan.named <= len(counts) or not counts
    if plan.rest_bar:
        assert rest and sum(rest) <= counts[0]  # never longer than a named bar
        assert plan.named == named_count(counts, bars)
    elif rest:
        # Not drawn, said in words: only where drawing every bar would not fit.
        assert sum(rest) > counts[0] and len(counts) > most
    else:
        assert plan.named == len(counts)
    if sum(counts[named_count(counts, bars) :]) > (counts[0] if counts else 0):
        assert not plan.rest_bar


def test_forty_small_groups_are_never_one_bar_longer_than_the_largest() -> None:
    # The coordinator's year: one administration with three, one with two, and a
    # long tail of ones that together would have been the "largest" bar.
    assert bar_plan([3, 2] + [1] * 15) == BarPlan(17, rest_bar=False)  # every bar
    assert bar_plan([3, 2] + [1] * 38) == BarPlan(2, rest_bar=False)  # words, not a bar
    assert bar_plan([30, 20] + [1] * 20) == BarPlan(2, rest_bar=True)  # a modest rest


# -- lines with equal values ---------------------------------------------------------------


def _lines(years: int) -> st.SearchStrategy[list[list[int | None]]]:
    line = st.lists(st.none() | st.integers(0, 3), min_size=years, max_size=years)
    return st.lists(line, max_size=8)


@given(st.integers(1, 10).flatmap(_lines))
def test_no_two_lines_are_drawn_at_the_same_point(series: list[list[int | None]]) -> None:
    offsets = dodges(series, step=0.1)
    for year in range(len(series[0]) if series else 0):
        drawn = [
            (values[year], offsets[line][year])
            for line, values in enumerate(series)
            if values[year] is not None
        ]
        assert len(set(drawn)) == len(drawn)  # side by side, never on top
        # Close to the year (never in the next one's place), and 0 for a line alone.
        assert all(abs(offset) < 0.5 for _v, offset in drawn)
        for line, values in enumerate(series):
            if sum(1 for other in series if other[year] == values[year]) == 1:
                assert offsets[line][year] == 0


def test_lines_that_coincide_every_year_are_named_together() -> None:
    series = [[1, 2, None], [1, 2, None], [0, 2, 3], [None, None, None], [None, None, None]]
    assert coinciding(series) == [[0, 1]]  # lines with no values draw nothing to mistake
    assert dodges(series, step=0.2)[0] == [-0.1, -0.2, 0.0]  # three meet in the middle year
