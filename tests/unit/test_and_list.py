"""Names in a sentence, joined as each language joins them."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from vanort_cli.i18n.prose import and_list

NAMES = st.lists(st.sampled_from(["Åbo", "Bergen", "Århus", "Tromsø", "Kiel"]), min_size=1)


def test_swedish_and_english_join_the_last_name_with_their_word() -> None:
    assert and_list(["Åbo", "Bergen", "Århus"], "sv") == "Åbo, Bergen och Århus"
    assert and_list(["Turku", "Bergen"], "en") == "Turku and Bergen"
    assert and_list(["Bergen"], "sv") == "Bergen"


@given(NAMES)
def test_every_name_is_said_once_in_order(names: list[str]) -> None:
    joined = and_list(names, "sv")
    position = 0
    for name in names:
        found = joined.find(name, position)
        assert found >= position
        position = found + len(name)
