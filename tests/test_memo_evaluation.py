"""The evaluation memo after the 2025 Göteborg meeting, as a new user found it: the
unconfirmed 2017 meeting the period rests on, collaborations reported after the
period, and every town's delegation; in Swedish unless a test asks for English."""

from __future__ import annotations

import json

import pytest

from conftest import Run
from vanort_cli import i18n


@pytest.fixture(autouse=True)
def _today(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("VANORT_TODAY", "2026-11-27")
    monkeypatch.setenv("VANORT_LANG", "sv")
    i18n.set_language("sv")


@pytest.fixture
def english(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("VANORT_LANG", "en")
    i18n.set_language("en")


def ok(run: Run, *args: str) -> str:
    result = run(*args)
    assert result.exit_code == 0, result.output
    return result.stdout


@pytest.fixture
def held_2025(run: Run) -> None:
    ok(
        run,
        *("meeting", "record", "2025", "--host", "Göteborg", "--status", "held"),
        *("--start", "2025-10-01", "--end", "2025-10-02", "--confirmed"),
    )


def memo(run: Run) -> str:
    return " ".join(ok(run, "report", "--evaluation", "2025").split())


def test_the_period_says_the_2017_meeting_it_rests_on_is_not_confirmed(
    run: Run, held_2025: None
) -> None:
    text = memo(run)
    assert (
        "sedan föregående möte i Göteborg (2017). Året för mötet 2017 är inte bekräftat; "
        "perioden kan behöva justeras." in text
    )
    draft = json.loads(ok(run, "report", "--evaluation", "2025", "--format", "json"))
    assert draft["previous_hosting_confirmed"] is False
    ok(run, "meeting", "confirm", "2017")
    assert "inte bekräftat" not in memo(run)


def test_a_collaboration_reported_after_the_period_is_counted_and_said_apart(
    run: Run, held_2025: None
) -> None:
    ok(
        run,
        *("log-collaboration", "--title", "Spårvagnsutbyte", "--org", "Göteborgs Spårvägar"),
        *("--town", "Århus", "--area", "transport", "--kind", "exchange"),
        *("--start", "2024-03-01"),
    )
    text = memo(run)
    assert (
        "Under perioden pågick 1 samarbete enligt registret den 27 november 2026; "
        "det rapporterades in efter periodens slut." in text
    )
    # No round in the period: the draft says so, and calls no one silent.
    rounds = text.split("### Rapporteringsomgångar under perioden")[1].split("## Analys")[0]
    assert rounds.strip().startswith("Ingen rapporteringsomgång hölls för ")
    assert "Göteborg Energi" not in rounds
    draft = json.loads(ok(run, "report", "--evaluation", "2025", "--format", "json"))
    # The older key: no collaboration of theirs active in the period is on record.
    silent = [o["name"] for o in draft["open_items"]["organisations_without_reports"]]
    assert "Göteborgs Spårvägar" not in silent
    assert "Göteborg Energi" in silent
    assert all(r["reporting_round"] is None for r in draft["reporting_rounds"])
    assert draft["collaborations"]["reported_after_period"] == [1]
    assert draft["collaborations"]["new_this_year"] == []


def test_every_towns_delegation_is_listed_goteborgs_first(run: Run, held_2025: None) -> None:
    ok(run, "meeting", "participant", "add", "2025", "--name", "Jens Hansen", "--town", "Århus")
    ok(run, "meeting", "participant", "add", "2025", "--name", "Liisa Virtanen", "--town", "Åbo")
    ok(run, "meeting", "participant", "add", "2025", "--name", "Anna Berg", "--town", "Göteborg")
    text = memo(run)
    assert (
        "- Delegation från Göteborg: Anna Berg - Delegation från Åbo: Liisa Virtanen "
        "- Delegation från Århus: Jens Hansen" in text
    )


def test_in_english_the_period_and_the_counts_read_as_english(
    run: Run, held_2025: None, english: None
) -> None:
    ok(
        run,
        *("log-collaboration", "--title", "Spårvagnsutbyte", "--org", "Göteborgs Spårvägar"),
        *("--town", "Århus", "--area", "transport", "--kind", "exchange"),
        *("--start", "2024-03-01"),
    )
    text = memo(run)
    assert (
        "The period 1 January 2018–31 December 2025 covers the time since the previous "
        "meeting in Gothenburg (2017). The year of the 2017 meeting is not confirmed; the "
        "period may need adjusting." in text
    )
    assert (
        "During the period 1 collaboration was active according to the registry on "
        "27 November 2026; it was reported after the period ended." in text
    )
    assert "| Aarhus | Twin town | 1 |" in text
    assert "- No. 1: Spårvagnsutbyte (Göteborgs Spårvägar)" in text
    assert "| Exchange of experience | 1 |" in text


def test_in_english_the_delegations_name_the_towns_in_english(
    run: Run, held_2025: None, english: None
) -> None:
    ok(run, "meeting", "participant", "add", "2025", "--name", "Jens Hansen", "--town", "Aarhus")
    ok(run, "meeting", "participant", "add", "2025", "--name", "Liisa Virtanen", "--town", "Turku")
    ok(run, "meeting", "participant", "add", "2025", "--name", "Anna Berg", "--town", "Gothenburg")
    text = memo(run)
    # Gothenburg's first, then the others in the order of their English names.
    assert (
        "- Delegation from Gothenburg: Anna Berg - Delegation from Aarhus: Jens Hansen "
        "- Delegation from Turku: Liisa Virtanen" in text
    )
    assert "- Status: held - Date: 1–2 October 2025" in text


def test_the_json_draft_is_the_same_in_both_languages(run: Run, held_2025: None) -> None:
    swedish = ok(run, "--lang", "sv", "report", "--evaluation", "2025", "--format", "json")
    english = ok(run, "--lang", "en", "report", "--evaluation", "2025", "--format", "json")
    assert swedish == english
