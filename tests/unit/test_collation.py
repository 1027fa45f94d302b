"""Swedish alphabetical order (domain/collation.py): the order of every list in the memos."""

from __future__ import annotations

from itertools import pairwise

from hypothesis import given
from hypothesis import strategies as st

from vanort_cli.domain.collation import swedish_sort_key, swedish_sort_text, swedish_sorted

# Swedish names and words: letters with and without accents, digits, space, punctuation.
LETTERS = "abcdefghijklmnopqrstuvwxyzåäöéèüæøABCDEFGHIJKLMNOPQRSTUVWXYZÅÄÖÉÜÆØ"
names = st.text(alphabet=LETTERS + "0123456789 -&.,", max_size=12)
words = st.text(alphabet=LETTERS, max_size=8)


def test_the_city_s_organisations_in_swedish_order() -> None:
    given_order = [
        "Älvstranden Utveckling",
        "Äldre samt vård- och omsorgsförvaltningen",
        "Boplats Göteborg",
        "Göteborgs Hamn",
        "Göteborg Energi",
        "Göteborg & Co",
        "Åbo",
        "Århus",
        "Övrigt",
        "Zürich",
    ]
    assert swedish_sorted(given_order) == [
        "Boplats Göteborg",
        "Göteborg & Co",
        "Göteborg Energi",
        "Göteborgs Hamn",
        "Zürich",
        "Åbo",
        "Århus",
        "Äldre samt vård- och omsorgsförvaltningen",
        "Älvstranden Utveckling",
        "Övrigt",
    ]


def test_dictionary_conventions() -> None:
    assert swedish_sorted(["Müller", "Mylla", "Mulle"]) == ["Mulle", "Mylla", "Müller"]
    assert swedish_sorted(["Øresund", "Ödeshög", "Zebra"]) == ["Zebra", "Ödeshög", "Øresund"]
    assert swedish_sorted(["éclair", "Eclair", "eclair", "ecm"]) == [
        "eclair",
        "Eclair",
        "éclair",
        "ecm",
    ]
    assert swedish_sorted(["Abo", "2025", "10 år"]) == ["10 år", "2025", "Abo"]


@given(st.lists(names))
def test_the_order_is_total_and_does_not_depend_on_the_input_order(texts: list[str]) -> None:
    once = swedish_sorted(texts)
    assert swedish_sorted(list(reversed(texts))) == once
    assert swedish_sorted(once) == once
    for a, b in pairwise(once):
        assert swedish_sort_key(a) <= swedish_sort_key(b)


@given(names, names)
def test_different_texts_never_share_a_key(a: str, b: str) -> None:
    assert (swedish_sort_key(a) == swedish_sort_key(b)) == (a == b)


@given(words, words)
def test_a_a_o_come_after_z_in_that_order(a: str, b: str) -> None:
    assert swedish_sort_key("z" + a) < swedish_sort_key("å" + b)
    assert swedish_sort_key("Å" + a) < swedish_sort_key("ä" + b)
    assert swedish_sort_key("Ä" + a) < swedish_sort_key("ö" + b)
    assert swedish_sort_key("9" + a) < swedish_sort_key("a" + b)


@given(names, names)
def test_case_does_not_decide_the_order_of_different_words(a: str, b: str) -> None:
    first = swedish_sort_key(a)[0]
    assert first == swedish_sort_key(a.upper())[0] == swedish_sort_key(a.lower())[0]
    if first < swedish_sort_key(b)[0]:
        assert swedish_sort_key(a.upper()) < swedish_sort_key(b.lower())
        assert swedish_sort_key(a.lower()) < swedish_sort_key(b.upper())


@given(st.lists(st.tuples(st.sampled_from(["Åbo", "Bergen", "åbo"]), st.integers())))
def test_sorting_records_by_the_key_is_stable(records: list[tuple[str, int]]) -> None:
    ordered = sorted(records, key=lambda r: swedish_sort_key(r[0]))
    for name in {"Åbo", "Bergen", "åbo"}:
        assert [r for r in ordered if r[0] == name] == [r for r in records if r[0] == name]


@given(st.lists(st.text(alphabet="aAzZåÅäÄöÖæøüÜéE ß-,.09\t", max_size=6), max_size=40))
def test_the_compact_sort_text_orders_as_the_sort_key(texts: list[str]) -> None:
    # The report's listing sorts by the compact text to hold less memory: the
    # order must be the key's, equal texts included.
    assert sorted(texts, key=swedish_sort_text) == sorted(texts, key=swedish_sort_key)
