"""Words and names for people, in their language, and for machines, in English."""

from __future__ import annotations

from vanort_cli import i18n
from vanort_cli.i18n import messages as m
from vanort_cli.i18n.values import MEETING_STATUS
from vanort_cli.output.columns import word
from vanort_cli.output.text import as_text, shown_text


def test_words_and_names_for_people_and_for_machines() -> None:
    i18n.set_language("sv")
    try:
        assert shown_text(True) == "ja" and as_text(True) == "yes"
        town = {"key": "turku", "name": "Turku", "name_sv": "Åbo"}
        assert shown_text(town) == "Åbo" and as_text(town) == "Åbo"
        assert word(MEETING_STATUS, "held") == "hållet"
        assert word(MEETING_STATUS, "Åbo slott") == "Åbo slott"
        sentence = m.Prose(m.EN.BASIS_MEETING, year=2019, host=i18n.Name("Turku", "Åbo"),
                           status=MEETING_STATUS.worded("held"))  # fmt: skip
        assert shown_text(sentence) == "2019 Åbo (hållet)"
        assert as_text(sentence) == "2019 Turku (held)"
    finally:
        i18n.set_language("en")
    assert shown_text(True) == "yes" and shown_text(town) == "Turku"
