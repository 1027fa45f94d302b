"""An import's file and progress bar, described in the reader's language."""

from __future__ import annotations

import pytest

from vanort_cli import i18n
from vanort_cli.i18n import messages as m


@pytest.mark.parametrize(
    ("delimiter", "encoding", "swedish", "english"),
    [
        (";", "cp1252", "semikolonavgränsad, Windows-1252", "semicolon-separated, Windows-1252"),
        (",", "utf-8-sig", "kommaavgränsad, UTF-8 med BOM", "comma-separated, UTF-8 with BOM"),
        ("\t", "utf-16-le", "tabbavgränsad, UTF-16", "tab-separated, UTF-16"),
    ],
)
def test_a_csv_file_is_described_in_words_of_the_language(
    delimiter: str, encoding: str, swedish: str, english: str
) -> None:
    from vanort_cli.exchange.csv_in import describe_csv

    assert describe_csv(delimiter, encoding) == english
    i18n.set_language("sv")
    assert describe_csv(delimiter, encoding) == swedish


def test_the_progress_bar_is_described_in_the_language() -> None:
    assert m.IMPORT_PROGRESS == "Importing"
    i18n.set_language("sv")
    assert m.IMPORT_PROGRESS == "Importerar"
