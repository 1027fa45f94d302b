"""User text in the memos is read as text, and as nothing else (output.md_escape).

Checked with a real CommonMark parser (markdown-it-py, which Rich depends on):
whatever a title holds, it comes out as one run of plain text, in a paragraph,
a list item, a heading or a table cell, and is not escaped where nothing needs it.
"""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st
from markdown_it import MarkdownIt
from markdown_it.token import Token

from vanort_cli.output.markdown import md_escape, md_table

PARSER = MarkdownIt("commonmark").enable(["table", "strikethrough"])
# Everything on a keyboard, and the Swedish letters.
user_text = st.text(
    alphabet=st.sampled_from([chr(c) for c in range(32, 127)] + list("åäöÅÄÖé–—€§½\t\n")),
    max_size=40,
).filter(lambda t: t.split() != [])


def inline_text(tokens: list[Token]) -> list[str]:
    """The text of every inline token; fails on anything that is not plain text."""
    texts = []
    for token in tokens:
        if token.type == "inline":
            assert token.children is not None
            kinds = {child.type for child in token.children}
            assert kinds <= {"text"}, (kinds, token.content)
            texts.append("".join(child.content for child in token.children))
    return texts


def plain(text: str) -> str:
    return " ".join(text.split())


@given(user_text)
def test_user_text_is_one_paragraph_of_the_same_text(text: str) -> None:
    tokens = PARSER.parse(md_escape(text))
    assert [t.type for t in tokens] == ["paragraph_open", "inline", "paragraph_close"]
    assert inline_text(tokens) == [plain(text)]


@given(user_text)
def test_user_text_in_a_list_item_or_heading_stays_in_it(text: str) -> None:
    listed = PARSER.parse("- Tema: " + md_escape(text))
    assert [t.type for t in listed if t.type.endswith("_open")] == [
        "bullet_list_open",
        "list_item_open",
        "paragraph_open",
    ]
    assert inline_text(listed) == ["Tema: " + plain(text)]
    heading = PARSER.parse("### 2025: " + md_escape(text))
    assert [t.type for t in heading] == ["heading_open", "inline", "heading_close"]
    assert inline_text(heading) == ["2025: " + plain(text)]


@given(user_text, user_text)
def test_user_text_in_a_table_stays_in_its_cell(first: str, second: str) -> None:
    tokens = PARSER.parse(md_table(["A", "B"], [[first, second]]))
    cells = [t for t in tokens if t.type == "td_open"]
    assert len(cells) == 2
    assert inline_text(tokens)[2:] == [plain(first), plain(second)]


@pytest.mark.parametrize(
    "text",
    ["Göteborg & Co", "+1", "-17", "2026-03-01–pågående", "Äldre samt vård- och omsorg", "x#1"],
)
def test_nothing_is_escaped_where_markdown_needs_nothing(text: str) -> None:
    assert md_escape(text) == text
