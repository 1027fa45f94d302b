"""The import's compact structures against the plain ones they replace (issue 26):
ids kept as runs of consecutive ids, the line of each stored id, and the cheap
first-character test that rules a row out as an Excel total row."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from vanort_cli.domain.names import normalise
from vanort_cli.services.intake import StoredIds, _Registry
from vanort_cli.services.intake_rows import TOTAL_WORDS, _may_open_total

# Runs of consecutive ids with gaps and, as a server may give, out of order.
runs = st.lists(
    st.tuples(st.integers(1, 10_000), st.integers(1, 30)).map(
        lambda run: list(range(run[0], run[0] + run[1]))
    ),
    max_size=12,
)


@given(runs, st.integers(-400, 400))
def test_stored_ids_are_the_ids_given(chunks: list[list[int]], index: int) -> None:
    ids = [i for chunk in chunks for i in chunk]
    stored = StoredIds()
    for chunk in chunks:
        stored.extend(chunk)
    assert list(stored) == ids
    assert len(stored) == len(ids)
    assert stored == ids
    assert stored[1:-1:2] == ids[1:-1:2]
    if -len(ids) <= index < len(ids):
        assert stored[index] == ids[index]


@given(
    runs,
    st.lists(st.integers(1, 3), min_size=400, max_size=400),
    st.lists(st.integers(0, 10_100), max_size=20),
)
def test_the_line_of_each_stored_id(
    chunks: list[list[int]], steps: list[int], asked: list[int]
) -> None:
    registry = _Registry(None)  # type: ignore[arg-type]  # stored/line_of ask no session
    lines: dict[int, int] = {}
    line = 1
    for chunk in chunks:
        fresh = [i for i in dict.fromkeys(chunk) if i not in lines]
        # The file's lines go up, by more than one where a row was not stored.
        numbers = []
        for _ in fresh:
            line += steps[len(lines) + len(numbers)]
            numbers.append(line)
        registry.stored(fresh, numbers)
        lines |= dict(zip(fresh, numbers, strict=True))
    for stored_id in [*lines, *asked]:
        assert registry.line_of(stored_id) == lines.get(stored_id)


@given(st.text(min_size=1, max_size=12))
def test_a_first_character_that_rules_a_row_out_rules_out_its_first_word(text: str) -> None:
    if not _may_open_total(text[0]):
        assert normalise(text).split(" ")[0] not in TOTAL_WORDS


@given(st.sampled_from(sorted(TOTAL_WORDS)), st.text(max_size=6))
def test_a_total_word_is_never_ruled_out(word: str, rest: str) -> None:
    for cased in (word, word.upper(), word.title()):
        assert _may_open_total((cased + rest)[0])
