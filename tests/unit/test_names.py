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
