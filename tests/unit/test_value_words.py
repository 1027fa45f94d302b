"""The words people see are the words they may type (issue 23): every value of
every family reads back to its key from any of its words, English or Swedish,
short or long, in any case, with or without diacritics, in either language of
the command (`i18n.values.Family.read`)."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from vanort_cli import i18n
from vanort_cli.i18n import values
from vanort_cli.store.shipped import preparation_words

FAMILIES = [*values.FAMILIES, preparation_words()]
VALUES = [(family, value) for family in FAMILIES for value in family]


def without_diacritics(text: str) -> str:
    """`inställt` -> `installt`, as someone types it without a Swedish keyboard
    (folded here by Unicode itself, not by the code under test)."""
    return "".join(c for c in unicodedata.normalize("NFD", text) if not unicodedata.combining(c))


def words_of(value: values.Value) -> list[str]:
    return [
        value.key,
        value.english(),
        value.english(long=True),
        value.swedish(),
        value.swedish(long=True),
    ]


@given(
    chosen=st.sampled_from(VALUES),
    which=st.integers(0, 4),
    shape=st.sampled_from([str.upper, str.lower, str.title, without_diacritics, str]),
    lang=st.sampled_from(i18n.LANGUAGES),
)
def test_every_word_of_every_value_reads_back_to_its_key(
    chosen: tuple[values.Family, values.Value], which: int, shape: object, lang: str
) -> None:
    family, value = chosen
    typed = shape(words_of(value)[which])  # type: ignore[operator]
    with i18n.speaking(lang):
        assert family.read(typed) == value.key, (family, typed)
        assert family.read(f"  {typed} ") == value.key


@given(chosen=st.sampled_from(VALUES), flips=st.lists(st.booleans(), min_size=1))
def test_any_mix_of_case_reads_back(
    chosen: tuple[values.Family, values.Value], flips: list[bool]
) -> None:
    family, value = chosen
    swedish = value.swedish()
    typed = "".join(
        c.upper() if flips[i % len(flips)] else c.lower() for i, c in enumerate(swedish)
    )
    assert family.read(typed) == value.key


def test_the_examples_of_the_issue() -> None:
    status = values.MEETING_STATUS
    for typed, key in [
        ("inställt", "cancelled"),
        ("INSTÄLLT", "cancelled"),
        ("installt", "cancelled"),
        ("uppskjutet", "postponed"),
        ("planerat", "planned"),
        ("hållet", "held"),
        ("Held", "held"),
    ]:
        assert status.read(typed) == key
    assert values.COLLABORATION_KIND.read("studiebesök") == "study-visit"
    assert values.COLLABORATION_KIND.read("study visit") == "study-visit"
    assert values.COLLABORATION_KIND.read("nätverk") == "network"
    assert values.COLLABORATION_KIND.read("erfarenhetsutbyte") == "exchange"
    assert values.ORGANISATION_KIND.read("Förvaltning") == "forvaltning"
    assert values.ORGANISATION_KIND.read("company") == "bolag"
    assert values.ROLE.read("rapportör") == "reporter"
    assert preparation_words().read("tema") == "theme"
    assert preparation_words().read("Tema överenskommet med vänorterna") == "theme"


@pytest.mark.parametrize("typed", ["", "  ", "nyss", "workshop", "held!?x", "inställ"])
def test_a_word_no_value_has_reads_as_nothing(typed: str) -> None:
    for family in FAMILIES:
        assert family.read(typed) is None, (family, typed)


def test_an_option_takes_only_its_values() -> None:
    recorded = values.MEETING_STATUS.only("held", "planned", "postponed", "cancelled")
    assert recorded.read("förväntat") is None  # computed, never recorded
    assert values.MEETING_STATUS.read("förväntat") == "expected"
    with i18n.speaking("sv"):
        assert recorded.listing() == "hållet, planerat, uppskjutet eller inställt"
    assert recorded.listing() == "held, planned, postponed or cancelled"


def test_two_values_with_one_spelling_are_refused() -> None:
    """A word must name one value; a family where it names two is a mistake."""
    family = values.Family("clash", values.Value("a", "same"), values.Value("b", "Såme"))
    with pytest.raises(ValueError, match="names a and b"):
        family.read("a")
