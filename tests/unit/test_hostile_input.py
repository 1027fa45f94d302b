"""Lookalike names (issue 9): a homoglyph variant has the skeleton of the Latin
name it imitates, and Latin names that differ keep different skeletons."""

from __future__ import annotations

import string

from hypothesis import assume, given
from hypothesis import strategies as st

from vanort_cli.domain.names import normalise, skeleton

# Latin letters and a lookalike from another script (Cyrillic, Greek).
HOMOGLYPHS = {
    "a": "а",
    "c": "с",
    "e": "е",
    "o": "о",
    "p": "р",
    "x": "х",
    "y": "у",
    "A": "Α",
    "B": "В",
    "E": "Е",
    "H": "Н",
    "K": "К",
    "M": "М",
    "O": "Ο",
    "P": "Р",
    "T": "Т",
    "X": "Х",
}


LATIN_NAMES = st.text(alphabet=string.ascii_letters + " -", min_size=1, max_size=30)


@given(LATIN_NAMES, st.data())
def test_a_homoglyph_variant_has_the_same_skeleton(name: str, data: st.DataObject) -> None:
    swap = data.draw(st.sets(st.sampled_from(sorted(HOMOGLYPHS))))
    variant = "".join(HOMOGLYPHS[ch] if ch in swap else ch for ch in name)
    assert skeleton(variant) == skeleton(name)


@given(LATIN_NAMES, LATIN_NAMES)
def test_latin_names_that_differ_keep_different_skeletons(one: str, other: str) -> None:
    # More than case, diacritics and punctuation apart: `Bern` is not `Bem`.
    assume(normalise(one) != normalise(other))
    assert skeleton(one) != skeleton(other)


@given(st.text(max_size=30))
def test_a_skeleton_depends_only_on_the_folded_name(name: str) -> None:
    # So a lookalike check by skeleton refuses whatever an exact check refuses.
    assert skeleton(normalise(name)) == skeleton(name)
