"""When a town was a twin town or partner city: property tests of the pure rule
the trend's counts and a collaboration's towns are held to."""

from __future__ import annotations

from datetime import date

from hypothesis import given
from hypothesis import strategies as st

from vanort_cli.domain.collaborations import STILL_HERE, Departure, standing_on
from vanort_cli.domain.membership import (
    Membership,
    before_joining,
    count_in,
    joined_on,
    partner_in,
)

days = st.dates(date(1946, 1, 1), date(2060, 12, 31))
years = st.integers(1940, 2065)
departures = st.one_of(
    st.just(STILL_HERE),
    days.map(lambda day: Departure(True, day)),
    st.just(Departure(True, None)),
)
memberships = st.builds(Membership, joined=st.none() | days, left=departures)


@given(st.none() | years, st.lists(st.none() | days, max_size=4))
def test_a_town_joins_on_its_first_decision_or_the_year_it_was_twinned_since(
    twinned_since: int | None, established: list[date | None]
) -> None:
    joined = joined_on(twinned_since=twinned_since, established=established)
    dated = [d for d in established if d is not None]
    if twinned_since is None and not dated:
        assert joined is None  # since before the records: no bound
        return
    assert joined is not None
    # Never later than what any source says, and always one of them.
    if dated:
        assert joined <= min(dated)
    if twinned_since is not None:
        assert joined.year <= twinned_since
        assert joined in {date(twinned_since, 1, 1), *dated}


@given(memberships, years)
def test_a_town_is_a_partner_from_the_year_it_joined_to_the_year_it_left(
    membership: Membership, year: int
) -> None:
    joined, left = membership.joined, membership.left
    expected = (joined is None or joined.year <= year) and (
        not left.left or left.on is None or year <= left.on.year
    )
    assert partner_in(year, membership) is expected


@given(memberships, years, st.integers(0, 500))
def test_a_count_is_blank_only_where_it_is_zero_and_the_town_was_not_a_partner(
    membership: Membership, year: int, count: int
) -> None:
    shown = count_in(year, count, membership)
    if shown is None:
        assert count == 0 and not partner_in(year, membership)
    else:
        assert shown == count  # a count is never changed, only left blank


@given(days, days)
def test_the_years_before_joining_are_blank_and_the_year_of_joining_counts(
    joined: date, other: date
) -> None:
    membership = Membership(joined=joined)
    assert count_in(joined.year, 0, membership) == 0
    assert count_in(joined.year - 1, 0, membership) is None
    # Whatever year, a town with collaborations shows them.
    assert count_in(other.year, 3, membership) == 3


@given(days, memberships)
def test_a_collaboration_before_joining_is_refused_as_one_after_leaving_is(
    start: date, membership: Membership
) -> None:
    standing = standing_on(start, "active", membership.left, membership.joined)
    if before_joining(start, membership):
        assert standing == "not_yet"
    else:
        assert standing != "not_yet"
        # Without a joining day, the rule is what it was before.
        assert standing == standing_on(start, "active", membership.left)
    refused = {"not_yet", "left", "left_undated"}
    if membership.joined is not None and start < membership.joined:
        assert standing in refused


def test_joining_says_the_day_only_where_the_day_is_known() -> None:
    decided = Membership(joined=date(2026, 10, 15))
    assert decided.joined_when == date(2026, 10, 15)
    since = Membership(joined=date(1963, 1, 1), joined_day_known=False)
    assert since.joined_when == 1963
    assert Membership().joined_when is None
