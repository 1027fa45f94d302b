import pytest
from hypothesis import given
from hypothesis import strategies as st

from vanort_cli.domain.names import match_name, normalise

TOWNS = {
    "goteborg": ["Göteborg", "Goteborg", "Gothenburg", "Gbg"],
    "aarhus": ["Århus", "Arhus", "Aarhus"],
    "bergen": ["Bergen"],
    "turku": ["Åbo", "Abo", "Turku"],
}
DISPLAY = {"goteborg": "Göteborg", "aarhus": "Århus", "bergen": "Bergen", "turku": "Åbo"}
SPELLINGS = sorted({s for names in TOWNS.values() for s in names})


@pytest.mark.parametrize(
    ("typed", "key"),
    [
        ("Göteborg", "goteborg"),
        ("goteborg", "goteborg"),
        ("Gothenburg", "goteborg"),
        ("GBG", "goteborg"),
        ("Århus", "aarhus"),
        ("arhus", "aarhus"),
        ("AARHUS", "aarhus"),
        ("Åbo", "turku"),
        ("abo", "turku"),
        ("Turku", "turku"),
        ("bergen", "bergen"),
        ("  Bergen ", "bergen"),
        ("GÖTEBORG", "goteborg"),
    ],
)
def test_every_known_spelling_finds_its_town(typed: str, key: str) -> None:
    assert match_name(typed, TOWNS, DISPLAY).key == key


def test_a_typo_names_the_closest_towns_and_matches_nothing() -> None:
    found = match_name("Gotenburg", TOWNS, DISPLAY)
    assert found.key is None
    assert found.suggestions[0] == "Göteborg"


def test_a_shortened_name_suggests_what_contains_it() -> None:
    orgs = {"kultur": ["Kulturförvaltningen"], "slk": ["Stadsledningskontoret"]}
    found = match_name("stadsledning", orgs, {"kultur": "Kulturförvaltningen", "slk": "SLK"})
    assert found.key is None and "SLK" in found.suggestions


def test_folding_removes_case_diacritics_and_nordic_letters() -> None:
    assert normalise("Ærøskøbing") == "aeroskobing"
    assert normalise("Idrotts- och föreningsförvaltningen") == "idrotts och foreningsforvaltningen"


@given(st.sampled_from(SPELLINGS), st.data())
def test_matching_ignores_case_and_diacritics(spelling: str, data: st.DataObject) -> None:
    """Property: any case mix of a known spelling, with or without marks, finds the same town."""
    expected = match_name(spelling, TOWNS, DISPLAY).key
    flips = data.draw(st.lists(st.booleans(), min_size=len(spelling), max_size=len(spelling)))
    mixed = "".join(c.upper() if f else c.lower() for c, f in zip(spelling, flips, strict=True))
    assert match_name(mixed, TOWNS, DISPLAY).key == expected
    assert match_name(normalise(spelling), TOWNS, DISPLAY).key == expected


# Random text alone almost never spells a town: known spellings, shouted, too.
@given(
    st.text(max_size=30) | st.sampled_from(SPELLINGS) | st.sampled_from(SPELLINGS).map(str.upper)
)
def test_any_text_either_matches_exactly_or_suggests_known_names(typed: str) -> None:
    found = match_name(typed, TOWNS, DISPLAY)
    if found.key is not None:
        assert any(normalise(typed) == normalise(n) for n in [found.key, *TOWNS[found.key]])
    else:
        assert set(found.suggestions) <= set(DISPLAY.values())


# -- suggestions only for names that resemble what was typed (issue 23) ----------

ORGS = {
    "x1": ["Kulturförvaltningen"],
    "x2": ["Park- och naturförvaltningen"],
    "x3": ["Äldre samt vård- och omsorgsförvaltningen"],
    "x4": ["Boplats Göteborg"],
    "x5": ["Älvstranden Utveckling"],
}
ORG_DISPLAY = {key: names[0] for key, names in ORGS.items()}


def _resembles(typed: str, shown: str, spellings: dict[str, list[str]]) -> bool:
    import difflib

    folded = normalise(typed)
    # A record is found by its key too (x1), as by its names.
    names = [
        normalise(n)
        for key, ns in spellings.items()
        for n in [key, *ns]
        if ORG_DISPLAY[key] == shown
    ]
    return any(
        difflib.SequenceMatcher(None, folded, name).ratio() >= 0.6
        or (len(folded) >= 3 and any(word.startswith(folded) for word in name.split()))
        or (len(folded) >= 3 and f" {folded}" in f" {name}")
        for name in names
    )


@given(st.text(alphabet="abcdefghijklmnopqrstuvwxyzåäö -", max_size=12))
def test_every_suggestion_resembles_what_was_typed(typed: str) -> None:
    found = match_name(typed, ORGS, ORG_DISPLAY)
    for shown in found.suggestions:
        assert _resembles(typed, shown, ORGS), (typed, shown)


@pytest.mark.parametrize("typed", ["a", "o", "en", "q", "ng", "tur"])
def test_a_letter_or_two_inside_names_suggests_nothing(typed: str) -> None:
    """`a` is in every name here: a list of them is not an answer."""
    assert match_name(typed, ORGS, ORG_DISPLAY).suggestions == ()


@pytest.mark.parametrize(
    ("typed", "suggested"),
    [
        ("kultur", "Kulturförvaltningen"),
        ("natur", "Park- och naturförvaltningen"),
        ("park och", "Park- och naturförvaltningen"),
        ("Boplats Gbg", "Boplats Göteborg"),
        ("Kulturforvaltnigen", "Kulturförvaltningen"),
    ],
)
def test_the_beginning_of_a_word_or_a_near_spelling_is_suggested(
    typed: str, suggested: str
) -> None:
    assert suggested in match_name(typed, ORGS, ORG_DISPLAY).suggestions


def _fold_whole(name: str) -> str:
    """Folding as `normalise` did it before its per-character table: the whole text
    case-folded, decomposed, marks dropped (the reference the table must equal)."""
    import re
    import unicodedata

    from vanort_cli.domain.names import _FOLD_EXTRA

    folded = unicodedata.normalize("NFKD", name.casefold()).translate(_FOLD_EXTRA)
    without_marks = "".join(ch for ch in folded if not unicodedata.combining(ch))
    return re.sub(r"[\W_]+", " ", without_marks).strip()


@given(st.text())
def test_folding_a_character_at_a_time_is_folding_the_whole_text(name: str) -> None:
    assert normalise(name) == _fold_whole(name)
