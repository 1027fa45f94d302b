"""Matching the names people type to the registry's records.

Staff type `Göteborg`, `goteborg`, `GBG`, `Århus` or `Aarhus`; a typo must never
create a second town or organisation, so matching is exact after folding case
and diacritics, and a miss names the closest known spellings instead of guessing.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cache

# Letters that Unicode does not decompose into a base letter plus a mark.
_FOLD_EXTRA = str.maketrans({"ø": "o", "æ": "ae", "ß": "ss", "đ": "d", "ł": "l", "œ": "oe"})
_NON_WORD = re.compile(r"[\W_]+")


def normalise(name: str) -> str:
    """Fold a name for comparison: case, diacritics, punctuation and spacing.

    `Göteborg` -> `goteborg`, `Århus` -> `arhus`, `Idrotts- och förenings...`
    -> `idrotts och forenings...`.
    """
    return _NON_WORD.sub(" ", name.translate(_FOLDED)).strip()


def _fold_character(ch: str) -> str:
    """One character folded: case, compatibility forms, and its marks dropped."""
    folded = unicodedata.normalize("NFKD", ch.casefold()).translate(_FOLD_EXTRA)
    return "".join(part for part in folded if not unicodedata.combining(part))


class _FoldTable(dict[int, str]):
    """Each character's folding, worked out the first time it is met (an import
    folds every title: a table, not a normalisation a cell, is what keeps that
    cheap). Folding a name character by character is folding it whole: case
    folding maps each character on its own, and decomposing (NFKD) does too but
    for the order of the marks, which are all dropped."""

    def __missing__(self, code: int) -> str:
        folded = _fold_character(chr(code))
        if len(self) < _FOLDS_KEPT:
            self[code] = folded
        return folded


# Enough for every script a registry's names are written in; a file of every
# character there is (an attack) is folded all the same, without filling memory.
_FOLDS_KEPT = 20_000


_FOLDED = _FoldTable()


@cache
def _latin_prototypes() -> dict[str, str]:
    """Each character that looks like a Latin letter or digit, and that letter:
    Cyrillic `е` -> `e`, Greek `ο` -> `o`, Cherokee `Ꭺ` -> `a` (Unicode's confusables
    data, TR39, as the confusable_homoglyphs package ships it). Keys and values are
    case-folded, since names are compared folded."""
    from confusable_homoglyphs.confusables import (  # type: ignore[import-untyped]
        confusables_data,
    )

    prototypes: dict[str, str] = {}
    folded_too: dict[str, str] = {}
    for char, homoglyphs in confusables_data.items():
        if len(char) != 1 or char.isascii():
            continue
        latin = [
            h["c"] for h in homoglyphs if h["c"].isascii() and h["c"].isalnum() and len(h["c"]) == 1
        ]
        if latin:
            prototypes[char] = latin[0].casefold()
            folded_too.setdefault(char.casefold(), latin[0].casefold())
    # A capital lookalike's small form stands for the small Latin letter
    # (`Н` -> `H`, so its small form `н` -> `h`), unless it has a prototype of its own.
    for char, letter in folded_too.items():
        if len(char) == 1 and not char.isascii():
            prototypes.setdefault(char, letter)
    return prototypes


# The digits that look like a Latin letter (Unicode's confusables, TR39, map `0`
# to `O` and `1` to `l`), read as that letter. Applied after folding, so they
# also catch what folding turns into these digits: fullwidth `０`, mathematical
# `𝟏`, and a lookalike whose prototype is a digit.
_DIGIT_LETTERS = str.maketrans({"0": "o", "1": "l"})


def skeleton(name: str) -> str:
    """What a name looks like, for finding lookalikes: `normalise`, with each
    character that looks like a Latin letter read as that letter.

    What it covers: every script in Unicode's confusables data (TR39: Cyrillic
    `е`, Greek `ο`, Cherokee `Ꭺ`, ...); compatibility forms that `normalise`
    folds (fullwidth `Ｋ`, mathematical `𝐟`, ligatures); and the ASCII digits
    that look like letters, `0` for `o` and `1` for `l` (`Ku1turförvaltningen`).
    Latin letters are left as they are, so names in plain Latin letters have
    the skeletons that `normalise` gives them (`Bern` is not `Bem`: near
    spellings are found by similarity, not by this). A capital `I` for an `l`
    is caught by `lookalike_shapes`, since folding has made it an `i`.
    """
    folded = _fully_normalised(name)
    if not folded.isascii():
        prototypes = _latin_prototypes()
        folded = _fully_normalised("".join(prototypes.get(ch, ch) for ch in folded))
    return folded.translate(_DIGIT_LETTERS)


def lookalike_shapes(name: str) -> set[str]:
    """The skeletons a name can be read as: its `skeleton`, and, when it holds a
    capital `I`, the skeleton with every `I` read as the `l` it looks like
    (`KuIturförvaltningen`; a name that mixes both readings is not caught).
    Compared with the skeletons of the names already taken (which may be
    folded, so that their `I` is an `i` by then)."""
    shapes = {skeleton(name)}
    if "I" in name:
        shapes.add(skeleton(name.replace("I", "l")))
    return shapes


def _fully_normalised(name: str) -> str:
    """`normalise` until nothing changes: a compatibility character can decompose into
    capitals (`㎊` -> `pF`), which a second pass folds."""
    folded = normalise(name)
    while (again := normalise(folded)) != folded:
        folded = again
    return folded


def lookalike(name: str, taken: Iterable[str]) -> str | None:
    """The first of `taken` that looks the same as `name` (same skeleton) but is not
    spelt the same (same `normalise`), or None."""
    folded, shapes = normalise(name), lookalike_shapes(name)
    for other in taken:
        if skeleton(other) in shapes and normalise(other) != folded:
            return other
    return None


def similar_spellings(name: str, taken: Iterable[str], *, cutoff: float) -> list[str]:
    """Folded spellings in `taken` (each already `normalise`d) that are close to
    `name`: one letter off (difflib ratio >= `cutoff`), or a lookalike."""
    taken = list(taken)
    close = difflib.get_close_matches(normalise(name), taken, n=1, cutoff=cutoff)
    if close:
        return close
    same = lookalike(name, taken)
    return [same] if same is not None else []


@dataclass(frozen=True)
class NameMatch:
    """The outcome of looking a name up: the key found, or the closest spellings."""

    key: str | None
    suggestions: tuple[str, ...] = ()


def build_index(spellings: Mapping[str, Iterable[str]]) -> dict[str, str]:
    """Map every folded spelling to its record key; the key itself is a spelling."""
    index: dict[str, str] = {}
    for key, names in spellings.items():
        for name in (key, *names):
            folded = normalise(name)
            if folded:
                index.setdefault(folded, key)
    return index


# The fewest letters that, typed, may stand for the beginning of a name.
SHORTEST_BEGINNING = 3


def begins_a_word(beginning: str, folded_name: str) -> bool:
    """Whether a word of `folded_name` begins with `beginning` (both `normalise`d):
    `natur` in `park och naturforvaltningen`, but not `tur` (inside a word)."""
    return any(word.startswith(beginning) for word in _words_from(folded_name, beginning))


def _words_from(folded_name: str, beginning: str) -> Iterable[str]:
    """The name from each word on, so that a beginning of several words
    (`park och`) is found too."""
    words = folded_name.split(" ")
    return (" ".join(words[i:]) for i in range(len(words)))


def match_name(
    typed: str,
    spellings: Mapping[str, Iterable[str]],
    display: Mapping[str, str],
    index: Mapping[str, str] | None = None,
) -> NameMatch:
    """Find the record that `typed` names, or up to three close display names.

    `spellings` maps each key to the names people use for it; `display` maps
    each key to the name shown in suggestions; `index` is `build_index(spellings)`
    when the caller keeps one.
    """
    if index is None:
        index = build_index(spellings)
    folded = normalise(typed)
    if folded in index:
        return NameMatch(index[folded])
    # Close spellings first, then names with a word that begins with what was
    # typed (`kultur` -> Kulturförvaltningen), so a shortened name gets a useful
    # hint. A letter or two begins too many words to resemble anything: `a` would
    # offer whatever names hold an a, a list that only looks like an answer.
    close = difflib.get_close_matches(folded, list(index), n=6, cutoff=0.6)
    if len(folded) >= SHORTEST_BEGINNING:
        close += sorted(s for s in index if begins_a_word(folded, s) and s not in close)
    suggested: list[str] = []
    for spelling in close:
        shown = display.get(index[spelling], index[spelling])
        if shown not in suggested:
            suggested.append(shown)
    return NameMatch(None, tuple(suggested[:3]))


def unique_key(name: str, taken: Iterable[str], fallback: str) -> str:
    """A stable, readable key for a new record: `Park- och natur...` -> `park-och-natur...`,
    with `-2`, `-3`... when the key is taken."""
    base = normalise(name).replace(" ", "-") or fallback
    existing = set(taken)
    key, n = base, 2
    while key in existing:
        key, n = f"{base}-{n}", n + 1
    return key
