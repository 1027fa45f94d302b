"""Print an HTML document to PDF with headless Chromium and look at the result.

The printable report (`vanort report -o rapport.html`) is checked the way a
Council member meets it: printed to A4 by a real browser. This module is the
tooling for those tests, not a test file itself (pytest collects test_*.py only):

- `browser_or_skip()` finds Chromium, or skips the test (fails it in CI);
- `print_to_pdf()` prints a file with headless Chromium, with a timeout;
- `Pdf` reads the PDF with PyMuPDF: pages, sizes, words, text cut off at an
  edge, and how much ink and colour a rectangle of a page holds;
- `chart_regions()` finds where each `<figure class="chart">` of the HTML was
  drawn in the PDF, so a test can tell a drawn chart from a blank one;
- `missing_words()` lists the HTML's words that the PDF lacks (text cut off).

Coordinates are PDF points (1/72 inch) from the page's top left corner, as
PyMuPDF gives them; a rectangle is (x0, y0, x1, y1).
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import signal
import subprocess
import tempfile
import unicodedata
from collections import Counter
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from types import TracebackType
from typing import Any

import pymupdf as _pymupdf
import pytest

# PyMuPDF's own annotations are partial (untyped functions, a Document that mypy
# cannot iterate): it is used untyped, and what leaves this module is plain floats.
pymupdf: Any = _pymupdf

Rect = tuple[float, float, float, float]
# A word on a page: (page index, x0, y0, x1, y1, text).
Word = tuple[int, float, float, float, float, str]

# A browser that hangs must fail the test, not hang CI. One print takes about a
# second here; the margin is for a loaded CI machine and a cold start.
PRINT_TIMEOUT_S = 120.0

# Looked for on PATH in this order when $VANORT_CHROMIUM is not set. Debian's
# package is `chromium`; Ubuntu's snap wrapper and Google's builds use the others.
BROWSER_NAMES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")

# Flags for a quiet, reproducible print of a local file.
CHROMIUM_FLAGS = (
    "--headless",
    # Chromium's sandbox refuses to run as root and needs user namespaces that
    # containers often lack; we only ever open our own local files.
    "--no-sandbox",
    "--disable-gpu",
    # Containers give /dev/shm 64 MB, too little for Chromium; Debian's wrapper
    # only adds this flag when its own /dev/shm test works (it errors here).
    "--disable-dev-shm-usage",
    # Nothing from the network: no updates, sync, QUIC probes or first-run pages.
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-extensions",
    # No header and footer with the file's path, the date and "1/2" on every page.
    # (The older --print-to-pdf-no-header is silently ignored by Chromium 150.)
    "--no-pdf-header-footer",
)

# Chromium's complaints that say nothing about the print: no D-Bus in a container,
# and Debian's wrapper script tripping over its own /dev/shm size test.
_NOISE = re.compile(r"dbus/|Failed to connect to the bus|unexpected operator")


class PrintError(RuntimeError):
    """Chromium failed, hung or wrote no PDF; the message has its stderr."""


def find_chromium() -> str | None:
    """The browser to print with: $VANORT_CHROMIUM, else the first of
    BROWSER_NAMES on PATH; None when there is none."""
    chosen = os.environ.get("VANORT_CHROMIUM")
    if chosen:
        # A path or a name. One that does not resolve is returned as it is, so
        # that printing fails and says so instead of quietly using another browser.
        return shutil.which(chosen) or chosen
    for name in BROWSER_NAMES:
        found = shutil.which(name)
        if found:
            return found
    return None


def in_ci() -> bool:
    """Whether this is a CI run (`.ci/run` sets CI=true), where nothing may skip."""
    return os.environ.get("CI", "").strip().lower() in ("true", "1")


def browser_or_skip() -> str:
    """The browser's path. Without one, the test is skipped, with how to get
    one, except in CI, where a missing browser fails it: never silently unchecked."""
    browser = find_chromium()
    if browser is not None:
        return browser
    if in_ci():
        pytest.fail(
            "no Chromium found in CI (looked for $VANORT_CHROMIUM, "
            + ", ".join(BROWSER_NAMES)
            + "); .ci/run installs Debian's chromium",
            pytrace=False,
        )
    pytest.skip("no Chromium: apt-get install chromium")


def _useful(stderr: str) -> str:
    lines = [line for line in stderr.splitlines() if line.strip() and not _NOISE.search(line)]
    return "\n".join(lines[-40:]) or "(nothing but D-Bus noise on stderr)"


def print_to_pdf(browser: str, html: Path, pdf: Path, *, timeout: float = PRINT_TIMEOUT_S) -> None:
    """Print `html` to `pdf` with headless Chromium. The page size and margins
    come from the document's own CSS (`@page { size: A4; margin: ... }`).

    Raises PrintError, with Chromium's stderr, when it exits with an error,
    runs longer than `timeout` seconds or writes no PDF.
    """
    html, pdf = html.resolve(), pdf.resolve()
    # A PDF left from an earlier run must not pass for this one.
    pdf.unlink(missing_ok=True)
    # A fresh profile each time: no state from an earlier run or another test
    # process, and two prints at once (pytest-xdist) do not share a profile lock.
    with tempfile.TemporaryDirectory(
        prefix="vanort-chromium-", ignore_cleanup_errors=True
    ) as profile:
        command = [
            browser,
            *CHROMIUM_FLAGS,
            f"--print-to-pdf={pdf}",
            f"--user-data-dir={profile}",
            html.as_uri(),
        ]
        try:
            # Its own process group, so that a hung browser is killed with all
            # its helper processes (renderer, zygote, GPU), not just the first.
            process = subprocess.Popen(
                command,
                stdin=subprocess.DEVNULL,
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                text=True,
                errors="replace",
                start_new_session=True,
            )
        except OSError as error:
            raise PrintError(f"cannot start {browser}: {error}") from error
        try:
            _, stderr = process.communicate(timeout=timeout)
        except subprocess.TimeoutExpired:
            _kill_group(process)
            try:
                _, stderr = process.communicate(timeout=10)
            except subprocess.TimeoutExpired:
                # A helper that left the process group still holds the pipe.
                stderr = "(no stderr: the pipe stayed open after the kill)"
            raise PrintError(
                f"{browser} did not print {html.name} within {timeout:.0f} s;\n{_useful(stderr)}"
            ) from None
        finally:
            # Helpers that outlive a finished browser would hold the profile open.
            _kill_group(process)
    if process.returncode != 0:
        raise PrintError(
            f"{browser} exited with {process.returncode} printing {html.name}:\n" + _useful(stderr)
        )
    if not pdf.is_file() or pdf.stat().st_size == 0:
        raise PrintError(f"{browser} wrote no PDF for {html.name}:\n{_useful(stderr)}")
    with pdf.open("rb") as written:
        if written.read(5) != b"%PDF-":
            raise PrintError(f"{browser} wrote something that is not a PDF to {pdf}")


def _kill_group(process: subprocess.Popen[str]) -> None:
    # Only the process group this module started (start_new_session above).
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(process.pid, signal.SIGKILL)


# Pixels lighter than this on every channel (0-255) count as paper, not ink:
# leaves out the faint anti-aliasing halo and near-white backgrounds.
_NEAR_WHITE = 235
# A pixel whose channels differ by less than this is grey (black, white or in
# between), not a colour.
_GREY_SPREAD = 24


class Pdf:
    """A printed PDF, read with PyMuPDF. Use as a context manager, or close()."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._doc: Any = pymupdf.open(path)

    def close(self) -> None:
        self._doc.close()

    def __enter__(self) -> Pdf:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()

    @property
    def page_count(self) -> int:
        return int(self._doc.page_count)

    def page_size(self, page: int) -> tuple[float, float]:
        """(width, height) in points; A4 is about 595 x 842."""
        rect = self._doc[page].rect
        return float(rect.width), float(rect.height)

    def words(self) -> list[Word]:
        """Every word of every page with its box, in reading order."""
        found: list[Word] = []
        for number, page in enumerate(self._doc):
            # Without TEXT_MEDIABOX_CLIP PyMuPDF keeps words that lie wholly
            # outside the page too: those are exactly the ones to report.
            flags = pymupdf.TEXTFLAGS_WORDS & ~pymupdf.TEXT_MEDIABOX_CLIP
            for x0, y0, x1, y1, text, *_ in page.get_text("words", flags=flags):
                found.append((number, float(x0), float(y0), float(x1), float(y1), str(text)))
        return found

    def text(self) -> str:
        """The whole text, page after page."""
        return "\n".join(str(page.get_text()) for page in self._doc)

    def words_outside(self, margin_pt: float = 0.0, *, tolerance_pt: float = 0.5) -> list[Word]:
        """Words whose box reaches outside the page inset by `margin_pt` (more
        than `tolerance_pt`, for rounding): text cut off at an edge.

        Chromium clips the content to the page's content box, the page less its
        @page margins, so text running off the side is cut at the margin, not at
        the paper's edge: pass the document's @page margin to see it. The word
        straddling the cut is what shows; words wholly beyond it are not printed
        at all (missing_words() finds those).
        """
        outside: list[Word] = []
        for word in self.words():
            page, x0, y0, x1, y1, _ = word
            width, height = self.page_size(page)
            low, right, bottom = margin_pt - tolerance_pt, width - margin_pt, height - margin_pt
            if x0 < low or y0 < low or x1 > right + tolerance_pt or y1 > bottom + tolerance_pt:
                outside.append(word)
        return outside

    def find(self, text: str) -> list[tuple[int, Rect]]:
        """Where `text` occurs: (page, rectangle), one per line a match covers.
        PyMuPDF's search ignores case and matches inside longer words too."""
        hits: list[tuple[int, Rect]] = []
        for number, page in enumerate(self._doc):
            for rect in page.search_for(text):
                hits.append((number, _rect(rect)))
        return hits

    def lines(self, page: int) -> list[tuple[str, Rect]]:
        """The page's text lines, in reading order, with their boxes."""
        found: list[tuple[str, Rect]] = []
        layout = self._doc[page].get_text("dict")
        for block in layout["blocks"]:
            for line in block.get("lines", []):
                text = "".join(span["text"] for span in line["spans"])
                if text.strip():
                    found.append((text, _rect(line["bbox"])))
        return found

    def _pixels(self, page: int, rect: Rect, dpi: int) -> tuple[bytes, int]:
        # RGB without alpha: three bytes a pixel, paper where nothing is drawn.
        pixmap = self._doc[page].get_pixmap(
            clip=pymupdf.Rect(*rect), dpi=dpi, colorspace=pymupdf.csRGB, alpha=False
        )
        return bytes(pixmap.samples), int(pixmap.width * pixmap.height)

    def ink(self, page: int, rect: Rect, *, dpi: int = 72) -> float:
        """The fraction (0-1) of the rectangle's pixels, rendered at `dpi`, that
        are not near-white: about 0 for a blank area, more where it is drawn on."""
        samples, count = self._pixels(page, rect, dpi)
        if count == 0:
            return 0.0
        inked = sum(
            1
            for i in range(0, len(samples), 3)
            if min(samples[i], samples[i + 1], samples[i + 2]) < _NEAR_WHITE
        )
        return inked / count

    def colours(self, page: int, rect: Rect, *, dpi: int = 72, min_share: float = 0.02) -> int:
        """About how many distinct colours (not greys) the rectangle shows: 0 for
        a chart drawn in grey only or not at all.

        A colour counts when its exact RGB value makes up at least `min_share`
        of the coloured pixels. Anti-aliasing blends each edge of a shape into
        tints of its own, each a sliver of the shape's colour (about 1 % here for
        bars and for 1.5 pt lines alike, against 5 % and up for the colour itself).
        """
        samples, _ = self._pixels(page, rect, dpi)
        counts: Counter[bytes] = Counter()
        for i in range(0, len(samples), 3):
            pixel = samples[i : i + 3]
            if max(pixel) - min(pixel) >= _GREY_SPREAD:
                counts[pixel] += 1
        least = max(2.0, min_share * sum(counts.values()))
        return sum(1 for n in counts.values() if n >= least)

    def save_png(self, page: int, path: Path, *, dpi: int = 100, rect: Rect | None = None) -> None:
        """Render a page (or a rectangle of it) to PNG: to look at a failure."""
        clip = pymupdf.Rect(*rect) if rect is not None else None
        self._doc[page].get_pixmap(dpi=dpi, clip=clip, alpha=False).save(str(path))


def _rect(value: Any) -> Rect:
    x0, y0, x1, y1 = value  # a pymupdf.Rect or a 4-tuple
    return float(x0), float(y0), float(x1), float(y1)


# --- The charts of an HTML document -------------------------------------------------

# CSS lengths in points, for an svg's width and height attributes (matplotlib
# writes "pt"; a bare number is CSS pixels).
_UNIT_PT = {"pt": 1.0, "px": 0.75, "": 0.75, "in": 72.0, "cm": 72 / 2.54, "mm": 72 / 25.4}


def _length_pt(value: str | None) -> float | None:
    match = re.fullmatch(r"\s*([0-9.]+)\s*(pt|px|in|cm|mm|)\s*", value or "")
    return float(match.group(1)) * _UNIT_PT[match.group(2)] if match else None


@dataclass(frozen=True)
class Figure:
    """A `<figure class="chart">` as the HTML has it."""

    id: str
    caption: str
    # The drawing's height over its width, from the svg's viewBox (what CSS
    # `height: auto` keeps) or else its width and height attributes.
    aspect: float | None
    # Whether the svg draws anything at all (an empty <svg/> is a lost chart).
    svg_elements: int


class _FigureParser(HTMLParser):
    """Collects the charts: each figure's id, caption text and first svg."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.figures: list[Figure] = []
        self._figure: dict[str, str] | None = None  # the open chart's attributes
        self._nested = 0  # figures inside the chart's figure
        self._caption: list[str] | None = None
        self._in_caption = False
        self._aspect: float | None = None
        self._svg_seen = False
        self._svg_depth = 0  # > 0 while inside the chart's svg
        self._svg_elements = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = {name: value or "" for name, value in attrs}
        if self._figure is None:
            if tag == "figure" and "chart" in attributes.get("class", "").split():
                self._figure, self._nested = attributes, 0
                self._caption, self._in_caption, self._aspect = None, False, None
                self._svg_seen, self._svg_depth, self._svg_elements = False, 0, 0
            return
        if self._svg_depth:
            self._svg_depth += 1
            self._svg_elements += 1
        elif tag == "figure":
            self._nested += 1
        elif tag == "figcaption" and self._caption is None:
            self._caption, self._in_caption = [], True
        elif tag == "svg" and not self._svg_seen:
            self._svg_seen, self._svg_depth = True, 1
            self._aspect = _aspect(attributes)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        # <rect .../> in an svg: opened and closed at once.
        self.handle_starttag(tag, attrs)
        self.handle_endtag(tag)

    def handle_endtag(self, tag: str) -> None:
        if self._figure is None:
            return
        if self._svg_depth:
            self._svg_depth -= 1
        elif tag == "figcaption":
            self._in_caption = False
        elif tag == "figure" and self._nested:
            self._nested -= 1
        elif tag == "figure":
            self.figures.append(
                Figure(
                    id=self._figure.get("id", ""),
                    caption=" ".join("".join(self._caption or []).split()),
                    aspect=self._aspect,
                    svg_elements=self._svg_elements,
                )
            )
            self._figure = None

    def handle_data(self, data: str) -> None:
        if self._in_caption and not self._svg_depth and self._caption is not None:
            self._caption.append(data)


def _aspect(svg: dict[str, str]) -> float | None:
    box = svg.get("viewbox", "").replace(",", " ").split()
    if len(box) == 4:
        try:
            width, height = float(box[2]), float(box[3])
        except ValueError:
            width = height = 0.0
        if width > 0 and height > 0:
            return height / width
    width_pt, height_pt = _length_pt(svg.get("width")), _length_pt(svg.get("height"))
    if width_pt and height_pt:
        return height_pt / width_pt
    return None


def figures(html: Path) -> list[Figure]:
    """The document's `<figure class="chart">` elements, in order."""
    parser = _FigureParser()
    parser.feed(html.read_text(encoding="utf-8"))
    parser.close()
    return parser.figures


@dataclass(frozen=True)
class ChartRegion:
    """Where a chart was drawn: on `page`, within `rect`."""

    figure: Figure
    page: int
    rect: Rect


def _squashed(text: str) -> str:
    # Compared without any whitespace and case: PyMuPDF may split a line in two
    # where the fonts change, and CSS may set captions in capitals.
    return "".join(unicodedata.normalize("NFKC", text).split()).casefold()


def _caption_boxes(pdf: Pdf, caption: str) -> list[tuple[int, Rect]]:
    """Where the caption stands as whole lines of its own (not as part of a
    sentence that happens to contain it): page and box over its lines."""
    wanted = _squashed(caption)
    hits: list[tuple[int, Rect]] = []
    for page in range(pdf.page_count):
        lines = pdf.lines(page)
        for start in range(len(lines)):
            joined = ""
            for end in range(start, len(lines)):
                joined += _squashed(lines[end][0])
                if joined == wanted:
                    boxes = [box for _, box in lines[start : end + 1]]
                    hits.append(
                        (
                            page,
                            (
                                min(b[0] for b in boxes),
                                min(b[1] for b in boxes),
                                max(b[2] for b in boxes),
                                max(b[3] for b in boxes),
                            ),
                        )
                    )
                if not wanted.startswith(joined):
                    break
    return hits


def chart_regions(pdf: Pdf, html: Path, *, left_pt: float, width_pt: float) -> list[ChartRegion]:
    """Where each chart of `html` lies in its printed `pdf`, in document order.

    Assumes the report's layout: `<figure class="chart" id="chart-NAME">` holds a
    `<figcaption>` and then an inline `<svg>` styled `width: 100%; height: auto`,
    the figure never split over a page. Its content box starts `left_pt` from
    the paper's left edge and is `width_pt` wide (the page's width less its
    margins, and less any margin or padding of the figure). The chart is then
    the rectangle `width_pt` wide right under the caption, as high as the svg's
    aspect ratio makes it. (A margin under the caption shifts the rectangle up
    by as much; it still covers almost all of the drawing.)

    Raises AssertionError when a caption is not printed on a line of its own
    exactly once, or a figure's svg has no size.
    """
    regions: list[ChartRegion] = []
    for figure in figures(html):
        label = figure.id or figure.caption
        assert figure.caption, f"chart {label!r} has no <figcaption>"
        assert figure.aspect, f"chart {label!r} has no svg with a viewBox or width and height"
        hits = _caption_boxes(pdf, figure.caption)
        assert len(hits) == 1, (
            f"chart {label!r}: its caption {figure.caption!r} is printed "
            f"{len(hits)} times on a line of its own, expected once"
        )
        page, caption = hits[0]
        top = caption[3]
        bottom = top + width_pt * figure.aspect
        regions.append(ChartRegion(figure, page, (left_pt, top, left_pt + width_pt, bottom)))
    return regions


# --- Text that did not make it onto the paper ---------------------------------------


class _TextParser(HTMLParser):
    """The text a reader sees: the body's, without svg, style or script."""

    _HIDDEN = frozenset({"head", "style", "script", "svg", "title", "template"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._hidden = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self._HIDDEN:
            self._hidden += 1
        # Other than inline elements, an element ends a word (cells, lines, blocks).
        if tag not in _INLINE:
            self.parts.append(" ")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.parts.append(" ")

    def handle_endtag(self, tag: str) -> None:
        if tag in self._HIDDEN and self._hidden:
            self._hidden -= 1
        if tag not in _INLINE:
            self.parts.append(" ")

    def handle_data(self, data: str) -> None:
        if not self._hidden:
            self.parts.append(data)


# Inline elements do not break a word: "<b>5</b>%" prints as one word "5%".
_INLINE = frozenset(
    {
        "a",
        "abbr",
        "b",
        "code",
        "data",
        "em",
        "i",
        "q",
        "small",
        "span",
        "strong",
        "sub",
        "sup",
        "time",
    }
)


def _words_of(text: str) -> list[str]:
    # NFKC: ligatures ("ﬁ") and no-break spaces become what the other side has.
    # A word ends after a dash or slash too: the browser may break a line there
    # ("2018-06-04–" | "pågående"), which is not text lost.
    normal = unicodedata.normalize("NFKC", text)
    return [word.casefold() for word in re.split(r"\s+|(?<=[-–—/])", normal) if word]


def missing_words(pdf: Pdf, html: Path) -> list[str]:
    """The words of the HTML's visible text that the PDF does not have as
    often: what was cut off (clipped at the margin, hidden by overflow).
    Ignores case; text that only the CSS adds (counters, ::before) is not asked for."""
    parser = _TextParser()
    parser.feed(html.read_text(encoding="utf-8"))
    parser.close()
    wanted = Counter(_words_of("".join(parser.parts)))
    printed = Counter(_words_of(" ".join(word[5] for word in pdf.words())))
    return sorted((wanted - printed).elements())
