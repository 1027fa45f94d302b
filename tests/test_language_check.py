"""`vanort check` in Swedish: findings worded in the reader's language, town names
in it too, and the JSON for scripts byte-identical in Swedish and English."""

from __future__ import annotations

import json

from tests.conftest import Run

TODAY = "2026-11-27"


def findings_registry(run: Run) -> None:
    """A record out of turn (Aarhus in 2021, where the rotation has Bergen), on top
    of the seeded registry's unrecorded years and twin towns without decisions."""
    result = run("meeting", "record", "2021", "--host", "Århus", "--status", "held")
    assert result.exit_code == 0, result.output


def test_check_speaks_swedish_and_names_towns_in_swedish(run: Run) -> None:
    findings_registry(run)
    result = run("--lang", "sv", "check", "--today", TODAY)
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert "Mötet 2021 är registrerat med Århus som värd" in out
    assert "efter 2017 (Göteborg) har turordningen Bergen som värd 2021" in out
    assert "Inget möte är registrerat för 2019 (beräknad värd: Åbo)." in out
    # The statuses in Swedish, as they may be typed (issue 23).
    assert "`vanort meeting record 2019 --host ORT --status hållet|inställt|uppskjutet`" in out
    assert "`vanort towns record-decision Åbo --decision REF --decided-on DATUM`" in out
    # Dates in prose are worded as Swedish writes them.
    assert "skulle ha varit klar den 29 juni 2018 (P11)" in out
    for english in ("Turku", "Aarhus", "Gothenburg", "No meeting is recorded", "was due"):
        assert english not in out


def test_check_in_english_names_the_towns_in_english(run: Run) -> None:
    findings_registry(run)
    out = run("--lang", "en", "check", "--today", TODAY).stdout
    assert "No meeting is recorded for 2019 (computed host: Turku)." in out
    assert "recorded with Aarhus as host, but after 2017 (Gothenburg)" in out
    assert "would have been due 29 June 2018 (P11)" in out
    assert "Åbo" not in out and "Göteborg" not in out


def test_check_json_is_byte_identical_in_swedish_and_english(run: Run) -> None:
    findings_registry(run)
    sv = run("--lang", "sv", "check", "--today", TODAY, "-f", "json")
    en = run("--lang", "en", "check", "--today", TODAY, "-f", "json")
    assert sv.exit_code == en.exit_code == 0
    assert sv.stdout == en.stdout
    codes = {f["code"] for f in json.loads(en.stdout)["findings"]}
    assert {"meeting_out_of_turn", "meeting_unrecorded", "twin_without_decision"} <= codes
