"""The printed report's bar charts never let "Övriga" (the rest) look like the
biggest administration: on a real registry where a long tail of administrations
with one collaboration each would add up to more than the largest."""

from __future__ import annotations

import json
import re
import tomllib
from pathlib import Path

import pytest

from conftest import Run
from test_report_html import numbers_are_the_jsons

ORGANISATIONS = [
    o["name"]
    for o in tomllib.loads(
        (Path(__file__).parents[1] / "data" / "organisations.toml").read_text(encoding="utf-8")
    )["organisations"]
]


@pytest.fixture(autouse=True)
def _today(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("VANORT_TODAY", "2026-11-27")


def imported(run: Run, tmp_path: Path, tail: int) -> None:
    """Three collaborations of one administration, two of another, and one each of
    `tail` more."""
    owners = [ORGANISATIONS[0]] * 3 + [ORGANISATIONS[1]] * 2 + ORGANISATIONS[2 : 2 + tail]
    lines = ["Titel;Förvaltning/bolag;Område;Vänorter;Startdatum"]
    letters = "ABCDEFGHIJKLMNOPQRSTUVWXYZÅÄÖ"
    lines += [
        f"Utbyte {letters[n % 29]}{letters[n // 29]};{owner};Kultur;Bergen;2026-03-01"
        for n, owner in enumerate(owners)
    ]
    path = tmp_path / "in.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = run("collaborations", "import", str(path))
    assert result.exit_code == 0, result.output


def organisations_figure(page: str) -> str:
    start = page.index('id="organisations"')
    return page[start : page.index("</figure>", start)]


@pytest.mark.parametrize("language", ["en", "sv"])
def test_a_tail_larger_than_the_largest_is_said_in_words_not_drawn_as_a_bar(
    run: Run, tmp_path: Path, language: str
) -> None:
    imported(run, tmp_path, tail=28)  # 28 > 3: as one bar, the tail would be the "largest"
    target = tmp_path / "rapport.html"
    assert run("--lang", language, "report", "--year", "2026", "-o", str(target)).exit_code == 0
    page = target.read_text(encoding="utf-8")
    report = json.loads(run("report", "--year", "2026", "-f", "json").stdout)
    numbers_are_the_jsons(page, report)  # the note's numbers are the JSON's
    said = re.sub(r"<[^>]+>", "", organisations_figure(page))
    if language == "en":
        assert "Not drawn: 28 other administrations and companies" in said
        assert "together 28 collaborations" in said
        assert "Others: the" not in said
    else:
        assert "28" in said and "Övriga:" not in said


def test_a_tail_that_fits_gives_every_administration_its_own_bar(run: Run, tmp_path: Path) -> None:
    imported(run, tmp_path, tail=15)  # 17 bars fit: all drawn, no rest at all
    target = tmp_path / "rapport.html"
    assert run("report", "--year", "2026", "-o", str(target)).exit_code == 0
    figure = organisations_figure(target.read_text(encoding="utf-8"))
    said = re.sub(r"<[^>]+>", "", figure[figure.index("</svg>") :])
    assert "Others" not in said and "Not drawn" not in said
