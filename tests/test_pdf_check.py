"""The PDF checks of the printable report, proven on small documents of our own:
a good one, one with a line running off the page, and charts that are blank or
grey. Printed with real headless Chromium (skipped without one, failed in CI)."""

from __future__ import annotations

import io
import os
import stat
import time
from pathlib import Path

import pytest

from pdf_check import (
    Pdf,
    PrintError,
    browser_or_skip,
    chart_regions,
    figures,
    find_chromium,
    missing_words,
    print_to_pdf,
)

MARGIN_PT = 20 * 72 / 25.4  # the documents' @page margin, 20 mm
A4_PT = (595.0, 842.0)

STYLE = """
@page { size: A4; margin: 20mm; }
body { margin: 0; font-family: "DejaVu Sans", sans-serif; font-size: 11pt; }
figure.chart { margin: 0 0 12pt 0; break-inside: avoid; }
figure.chart figcaption { font-weight: bold; }
figure.chart svg { display: block; width: 100%; height: auto; }
table.numbers { border-collapse: collapse; font-size: 9pt; }
.new-page { break-before: page; }
"""


def bars(colours: list[str]) -> str:
    """An inline SVG like matplotlib's: sized in pt, with a viewBox, a white
    background and one bar a colour."""
    shapes = "".join(
        f'<rect x="{40 + 80 * i}" y="{200 - 40 * (i + 1)}" width="60" height="{40 * (i + 1)}" '
        f'style="fill: {colour}"/>'
        for i, colour in enumerate(colours)
    )
    return (
        '<svg xmlns="http://www.w3.org/2000/svg" width="460.8pt" height="230.4pt" '
        'viewBox="0 0 460.8 230.4" version="1.1">'
        '<g id="figure_1"><g id="patch_1">'
        '<path d="M 0 230.4 L 460.8 230.4 L 460.8 0 L 0 0 z" style="fill: #ffffff"/></g>'
        f'<g id="axes_1">{shapes}'
        + '<path d="M 30 200 L 440 200" style="stroke: #000000; stroke-width: 1"/>'
        + "</g></g></svg>"
    )


BLANK_SVG = (
    '<svg xmlns="http://www.w3.org/2000/svg" width="460.8pt" height="230.4pt" '
    'viewBox="0 0 460.8 230.4" version="1.1"><g id="figure_1"><g id="patch_1">'
    '<path d="M 0 230.4 L 460.8 230.4 L 460.8 0 L 0 0 z" style="fill: #ffffff"/>'
    "</g></g></svg>"
)
# Colour-blind safe (Okabe-Ito), as the report's charts are to be.
COLOURS = ["#0072B2", "#E69F00", "#009E73", "#CC79A7"]


def chart(name: str, caption: str, svg: str) -> str:
    return (
        f'<figure class="chart" id="chart-{name}"><figcaption>{caption}</figcaption>{svg}'
        '<table class="numbers"><tr><th>Område</th><th>Antal</th></tr>'
        "<tr><td>Kultur</td><td>4</td></tr><tr><td>Miljö</td><td>3</td></tr></table>"
        "</figure>"
    )


def document(body: str) -> str:
    return (
        '<!DOCTYPE html><html lang="sv"><head><meta charset="utf-8">'
        f"<title>Vänortsrapport 2026</title><style>{STYLE}</style></head><body>{body}</body></html>"
    )


def printed(tmp_path: Path, name: str, body: str) -> tuple[Path, Pdf]:
    browser = browser_or_skip()
    html = tmp_path / f"{name}.html"
    html.write_text(document(body), encoding="utf-8")
    pdf = tmp_path / f"{name}.pdf"
    print_to_pdf(browser, html, pdf)
    return html, Pdf(pdf)


GOOD = (
    "<h1>Vänortsrapport 2026</h1><p>Göteborgs Stad, 27 november 2026.</p>"
    "<h2>Samarbeten per område</h2>"
    "<p>Kulturen har flest samarbeten i år, följd av miljön; "
    "åren 2027–2030 är beräknade, inte beslutade.</p>"
    + chart("areas", "Samarbeten per område 2026", bars(COLOURS))
    + '<section class="new-page"><h2>Turordningen</h2>'
    + chart("rotation", "Värdstäder för vänortsmötena 2020–2030", bars(COLOURS[:3]))
    + "</section>"
)


def test_a_good_document_prints_to_two_clean_a4_pages(tmp_path: Path) -> None:
    html, pdf = printed(tmp_path, "good", GOOD)
    with pdf:
        assert pdf.page_count == 2
        for page in range(pdf.page_count):
            width, height = pdf.page_size(page)
            assert abs(width - A4_PT[0]) <= 1 and abs(height - A4_PT[1]) <= 1
        # No header or footer with the file's path, date and page number.
        assert "file:" not in pdf.text() and html.name not in pdf.text()
        assert pdf.words_outside(MARGIN_PT) == []
        assert missing_words(pdf, html) == []

        width, _ = pdf.page_size(0)
        regions = chart_regions(pdf, html, left_pt=MARGIN_PT, width_pt=width - 2 * MARGIN_PT)
        assert [(r.figure.id, r.page) for r in regions] == [
            ("chart-areas", 0),
            ("chart-rotation", 1),
        ]
        for region, drawn in zip(regions, (COLOURS, COLOURS[:3]), strict=True):
            assert pdf.ink(region.page, region.rect) > 0.05, region
            assert pdf.colours(region.page, region.rect) == len(drawn), region
        # The chart's rectangle lies below its caption and above its table.
        (caption_page, caption), *_ = pdf.find("Samarbeten per område 2026")
        (table_page, table), *_ = pdf.find("Antal")  # its table's heading
        assert caption_page == table_page == regions[0].page
        assert caption[3] <= regions[0].rect[1] + 1
        assert regions[0].rect[3] <= table[1] + 1


def test_a_line_running_off_the_page_is_caught(tmp_path: Path) -> None:
    long_line = " ".join(f"kolumn{n}" for n in range(30))
    html, pdf = printed(
        tmp_path,
        "long",
        "<h1>Bred tabell</h1>"
        f'<p style="white-space: nowrap">{long_line} SLUTORD</p>'
        f"<pre>{'0123456789' * 12} PREORD</pre>",
    )
    with pdf:
        # Chromium cuts the text at the margin: the word across the cut shows...
        cut = pdf.words_outside(MARGIN_PT)
        assert cut and all(page == 0 for page, *_ in cut)
        assert all(x1 > pdf.page_size(0)[0] - MARGIN_PT for _, _, _, x1, _, _ in cut)
        # ... the ones beyond it are not printed at all.
        lost = missing_words(pdf, html)
        assert "slutord" in lost and "preord" in lost
        # Nothing reaches the paper's edge: the margin is what to check against.
        assert pdf.words_outside(0) == []


def test_a_blank_or_grey_chart_is_told_from_a_drawn_one(tmp_path: Path) -> None:
    html, pdf = printed(
        tmp_path,
        "charts",
        chart("drawn", "Ritat diagram", bars(COLOURS[:2]))
        + chart("grey", "Grått diagram", bars(["#555555", "#999999"]))
        + chart("blank", "Tomt diagram", BLANK_SVG),
    )
    with pdf:
        width, _ = pdf.page_size(0)
        regions = {
            r.figure.id: r
            for r in chart_regions(pdf, html, left_pt=MARGIN_PT, width_pt=width - 2 * MARGIN_PT)
        }
        drawn, grey, blank = regions["chart-drawn"], regions["chart-grey"], regions["chart-blank"]
        assert pdf.ink(drawn.page, drawn.rect) > 0.05
        assert pdf.colours(drawn.page, drawn.rect) == 2
        assert pdf.ink(grey.page, grey.rect) > 0.05
        assert pdf.colours(grey.page, grey.rect) == 0
        assert pdf.ink(blank.page, blank.rect) < 0.001
        assert pdf.colours(blank.page, blank.rect) == 0
        # The HTML holds an svg all the same: two groups and a white background.
        assert {f.id: f.svg_elements for f in figures(html)}["chart-blank"] == 3


def test_a_matplotlib_chart_of_thin_lines_is_found_and_counted(tmp_path: Path) -> None:
    """The report's own kind of chart: matplotlib's SVG (sized in pt, text as
    paths, a white background), with three 1.5 pt lines, the trend's kind."""
    # A Figure of its own, not pyplot: no global backend or state for other tests.
    matplotlib_figure = pytest.importorskip("matplotlib.figure")
    figure = matplotlib_figure.Figure(figsize=(6.4, 3.2))
    axes = figure.add_subplot()
    years = list(range(2017, 2027))
    for offset, colour in enumerate(COLOURS[:3]):
        axes.plot(years, [(year * (offset + 1)) % 5 + offset for year in years], color=colour)
    svg = io.StringIO()
    figure.savefig(svg, format="svg")
    drawing = svg.getvalue()
    html, pdf = printed(
        tmp_path,
        "matplotlib",
        chart("trend", "Aktiva samarbeten per vänort 2017–2026", drawing[drawing.index("<svg") :]),
    )
    with pdf:
        width, _ = pdf.page_size(0)
        (region,) = chart_regions(pdf, html, left_pt=MARGIN_PT, width_pt=width - 2 * MARGIN_PT)
        assert region.figure.aspect == pytest.approx(0.5)
        assert pdf.ink(region.page, region.rect) > 0.02
        assert pdf.colours(region.page, region.rect) == 3
        assert missing_words(pdf, html) == []


def test_a_caption_printed_twice_is_not_guessed_at(tmp_path: Path) -> None:
    html, pdf = printed(
        tmp_path,
        "twice",
        "<h2>Samarbeten per område</h2>"
        + chart("areas", "Samarbeten per område", bars(COLOURS[:2])),
    )
    with pdf, pytest.raises(AssertionError, match="printed 2 times"):
        chart_regions(pdf, html, left_pt=MARGIN_PT, width_pt=400)


# --- Without a browser --------------------------------------------------------------


def fake_browser(tmp_path: Path, script: str) -> str:
    path = tmp_path / "fake-chromium"
    path.write_text(f"#!/bin/sh\n{script}\n", encoding="utf-8")
    path.chmod(path.stat().st_mode | stat.S_IXUSR)
    return str(path)


def test_a_browser_that_fails_says_why(tmp_path: Path) -> None:
    browser = fake_browser(
        tmp_path,
        "echo '[1:2:ERROR:dbus/bus.cc:405] Failed to connect' >&2\necho 'out of paper' >&2\nexit 3",
    )
    html = tmp_path / "a.html"
    html.write_text(document("<p>x</p>"), encoding="utf-8")
    with pytest.raises(PrintError, match="exited with 3") as error:
        print_to_pdf(browser, html, tmp_path / "a.pdf")
    assert "out of paper" in str(error.value) and "dbus" not in str(error.value)


def test_a_browser_that_writes_no_pdf_fails(tmp_path: Path) -> None:
    html = tmp_path / "a.html"
    html.write_text(document("<p>x</p>"), encoding="utf-8")
    (tmp_path / "a.pdf").write_bytes(b"%PDF-1.4 stale")
    with pytest.raises(PrintError, match="wrote no PDF"):
        print_to_pdf(fake_browser(tmp_path, "exit 0"), html, tmp_path / "a.pdf")


def test_a_hung_browser_is_killed_at_the_timeout(tmp_path: Path) -> None:
    # The "browser" leaves a child behind, as Chromium's helpers would.
    pid_file = tmp_path / "child.pid"
    browser = fake_browser(tmp_path, f"sleep 300 & echo $! > {pid_file}; wait")
    html = tmp_path / "a.html"
    html.write_text(document("<p>x</p>"), encoding="utf-8")
    started = time.monotonic()
    with pytest.raises(PrintError, match="within 1 s"):
        print_to_pdf(browser, html, tmp_path / "a.pdf", timeout=1)
    assert time.monotonic() - started < 30
    child = int(pid_file.read_text())
    for _ in range(50):  # killed, then reaped by init
        if not Path(f"/proc/{child}").exists() or "Z" in _state(child):
            break
        time.sleep(0.1)
    else:
        pytest.fail(f"the hung browser's child {child} is still running")


def _state(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/stat").read_text().split(")")[1].split()[0]
    except (OSError, IndexError):
        return "Z"


def test_the_browser_comes_from_vanort_chromium_first(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    browser = fake_browser(tmp_path, "exit 0")
    monkeypatch.setenv("VANORT_CHROMIUM", browser)
    assert find_chromium() == browser
    monkeypatch.setenv("VANORT_CHROMIUM", str(tmp_path / "nowhere"))
    assert find_chromium() == str(tmp_path / "nowhere")  # fails when used, not replaced


def test_no_browser_skips_outside_ci_and_fails_in_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("VANORT_CHROMIUM", raising=False)
    monkeypatch.setenv("PATH", str(tmp_path))
    monkeypatch.setenv("CI", "false")
    with pytest.raises(pytest.skip.Exception, match="apt-get install chromium"):
        browser_or_skip()
    for value in ("true", "1"):
        monkeypatch.setenv("CI", value)
        with pytest.raises(pytest.fail.Exception, match="no Chromium"):
            browser_or_skip()
    assert os.environ["PATH"] == str(tmp_path)
