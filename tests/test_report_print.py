"""The printable report in a real browser: `report -o rapport.html` printed to PDF
by headless Chromium, as an official would print it for the Council. Skipped on a
machine without Chromium, failed in CI (tests/pdf_check.py)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from conftest import Run
from council_registry import TODAY, build
from pdf_check import Pdf, browser_or_skip, chart_regions, missing_words, print_to_pdf

MM = 72 / 25.4
# The document's @page: A4 with 18 mm at the sides, 18 mm above and 20 mm below.
LEFT_PT = 18 * MM
WIDTH_PT = (210 - 2 * 18) * MM
BOTTOM_PT = 20 * MM
A4_PT = (595.0, 842.0)


@pytest.fixture
def council(built_registry: Callable[..., None], monkeypatch: pytest.MonkeyPatch) -> None:
    built_registry("council", build, {"VANORT_TODAY": TODAY})
    monkeypatch.setenv("VANORT_TODAY", TODAY)


def printed(run: Run, tmp_path: Path, *args: str) -> tuple[Path, Path]:
    browser = browser_or_skip()
    html = tmp_path / "rapport.html"
    result = run(*args, "-o", str(html))
    assert result.exit_code == 0, result.output
    pdf = tmp_path / "rapport.pdf"
    print_to_pdf(browser, html, pdf)
    return html, pdf


CASES = {
    "annual, Swedish": (
        ("--lang", "sv", "report", "--year", "2026"),
        ["chart-rotation", "chart-trend", "chart-organisations", "chart-areas"],
        "Vänortsrapport 2026",
    ),
    "annual, English": (
        ("--lang", "en", "report", "--year", "2026"),
        ["chart-rotation", "chart-trend", "chart-organisations", "chart-areas"],
        "Twin-town report 2026",
    ),
    "evaluation, Swedish": (
        ("--lang", "sv", "report", "--evaluation", "2025"),
        ["chart-rotation", "chart-trend", "chart-organisations", "chart-areas"],
        "UTKAST",
    ),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_the_report_prints_on_a4_with_every_chart_drawn_and_nothing_cut_off(
    run: Run, council: None, tmp_path: Path, case: str
) -> None:
    args, charts, first_words = CASES[case]
    html, pdf = printed(run, tmp_path, *args)
    with Pdf(pdf) as document:
        # A report of ten years with 74 active collaborations listed: a handful of
        # pages, every one of them A4.
        assert 4 <= document.page_count <= 9, document.page_count
        for page in range(document.page_count):
            width, height = document.page_size(page)
            assert abs(width - A4_PT[0]) < 1 and abs(height - A4_PT[1]) < 1
        # The first page opens with the title, the year and the date it was compiled.
        first_page = [w[5] for w in document.words() if w[0] == 0]
        assert first_words in " ".join(first_page)
        assert "2026" in first_page and ("november" in first_page or "November" in first_page)
        # No text runs past the page's margins (but for the page numbers in the bottom
        # margin, "2 / 7" on every page), and every word of the page is printed.
        numbers: dict[int, str] = {}
        for page, _x0, y0, _x1, _y1, word in document.words_outside(LEFT_PT):
            assert y0 > A4_PT[1] - BOTTOM_PT, (page, word)
            numbers[page] = f"{numbers.get(page, '')} {word}".strip()
        pages = document.page_count
        assert numbers == {page: f"{page + 1} / {pages}" for page in range(pages)}
        assert missing_words(document, html) == []
        # Each chart is where its caption says, drawn: ink, and in colour.
        regions = chart_regions(document, html, left_pt=LEFT_PT, width_pt=WIDTH_PT)
        assert [r.figure.id for r in regions] == charts
        for region in regions:
            assert document.ink(region.page, region.rect) > 0.02, region
            assert document.colours(region.page, region.rect) >= 1, region
