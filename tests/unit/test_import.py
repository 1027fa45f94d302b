"""An import's pure parts: the encoding and delimiter a file is read with, the
spellings of a header, the towns in one cell, and what a row becomes (the import
itself: tests/test_import.py)."""

from __future__ import annotations

from datetime import date

from hypothesis import given
from hypothesis import strategies as st

from vanort_cli.exchange.columns import BY_KEY, COLUMNS, column_for, split_towns
from vanort_cli.exchange.csv_in import DELIMITERS, detect_delimiter, detect_encoding
from vanort_cli.services.intake_rows import Draft, Layout, Skip, draft_row, read_header

SWEDISH_TEXT = st.text(
    alphabet=st.sampled_from("abcdefghijklmnopqrstuvwxyzåäöÅÄÖéü ABCXYZ0123456789-."), max_size=40
)


@given(text=SWEDISH_TEXT, encoding=st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "cp1252"]))
def test_an_encoding_is_detected_so_the_text_reads_back(text: str, encoding: str) -> None:
    data = ("Titel;Vänorter\r\n" + text).encode(encoding)
    found = detect_encoding(data)
    assert found is not None
    assert data.decode(found).removeprefix("\ufeff") == "Titel;Vänorter\r\n" + text


@given(
    keys=st.lists(st.sampled_from([c.key for c in COLUMNS]), min_size=2, max_size=8, unique=True),
    delimiter=st.sampled_from(list(DELIMITERS)),
    swedish=st.booleans(),
)
def test_the_delimiter_is_the_one_that_splits_the_header(
    keys: list[str], delimiter: str, swedish: bool
) -> None:
    headers = [BY_KEY[k].header_sv if swedish else k for k in keys]
    assert detect_delimiter(delimiter.join(headers)) == delimiter


@given(
    column=st.sampled_from(COLUMNS),
    spelling=st.integers(min_value=0, max_value=10),
    case=st.sampled_from([str.upper, str.lower, str.title, lambda s: s]),
    pad=st.sampled_from(["", " ", "  "]),
)
def test_every_spelling_of_a_header_names_its_column(
    column: object, spelling: int, case: object, pad: str
) -> None:
    from vanort_cli.exchange.columns import ExchangeColumn

    assert isinstance(column, ExchangeColumn)
    spellings = [column.key, column.header_sv, *column.aliases]
    written = case(spellings[spelling % len(spellings)])  # type: ignore[operator]
    assert column_for(pad + written + pad) == column.key


@given(
    names=st.lists(st.sampled_from(["Åbo", "Bergen", "Århus", "Aarhus", "Turku"]), min_size=1),
    separators=st.lists(st.sampled_from([",", ";", "/", " och ", ", ", " ; "]), min_size=1),
)
def test_towns_in_one_cell_are_split_on_every_separator(
    names: list[str], separators: list[str]
) -> None:
    cell = names[0]
    for n, name in enumerate(names[1:]):
        cell += separators[n % len(separators)] + name
    assert split_towns(cell) == names


@given(cells=st.lists(st.one_of(st.text(max_size=30), st.dates()), max_size=12))
def test_a_row_is_always_a_draft_a_skip_or_problems(cells: list[str | date]) -> None:
    layout, problems = read_header([c.header_sv for c in COLUMNS if c.imported])
    assert problems == [] and isinstance(layout, Layout)
    drafted = draft_row(2, cells, layout, today=date(2026, 11, 27))
    assert isinstance(drafted, Draft | Skip) or (
        isinstance(drafted, list) and drafted and all(p.number == 2 for p in drafted)
    )


def test_an_unknown_or_doubled_header_is_named_with_a_hint() -> None:
    _, problems = read_header(["Titel", "Förvaltning", "Organisation", "Omrde", "Vänort"])
    texts = [str(p.text) for p in problems]
    assert any("'Förvaltning' and 'Organisation' are the same column" in t for t in texts)
    assert any("'Omrde' (did you mean Område?)" in t for t in texts)
