"""Counts that agree with their words: zero, one and many (i18n.plural_form)."""

from hypothesis import given
from hypothesis import strategies as st

from vanort_cli.i18n import plural_form
from vanort_cli.i18n.messages import Counted

FORM = st.text(alphabet=st.characters(blacklist_characters="|#{}"), max_size=12)


@given(st.integers(min_value=0, max_value=10**9), FORM, FORM)
def test_two_forms_take_the_plural_for_zero_and_many(count: int, one: str, many: str) -> None:
    chosen = plural_form(count, f"{one}|{many}", str(count))
    assert chosen == (one if count == 1 else many)


@given(st.integers(min_value=0, max_value=10**9), FORM, FORM, FORM)
def test_three_forms_give_zero_its_own(count: int, none: str, one: str, many: str) -> None:
    chosen = plural_form(count, f"{none}|{one}|{many}", str(count))
    assert chosen == (none if count == 0 else one if count == 1 else many)


@given(st.integers(min_value=0, max_value=10**6), st.text(alphabet="0123456789 ,", max_size=9))
def test_the_count_is_written_where_the_form_says(count: int, shown: str) -> None:
    assert plural_form(count, "inga|# samarbete|# samarbeten", shown) == (
        "inga" if count == 0 else f"{shown} samarbete" if count == 1 else f"{shown} samarbeten"
    )


@given(st.integers(min_value=0, max_value=10**6))
def test_a_message_never_says_zero_of_something_when_it_has_a_zero_form(count: int) -> None:
    said = Counted("{n:No meetings|# meeting|# meetings} were held.").format(n=count)
    assert not said.startswith("0 ")
    assert said.startswith("No meetings" if count == 0 else f"{count:,} meeting")
