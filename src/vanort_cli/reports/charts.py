"""The report's charts and the rotation picture, drawn with matplotlib: data in,
SVG text or PNG bytes out.

Only the commands that draw import this module (matplotlib takes a few tenths of
a second to import), so every other command stays as quick as before. Nothing
here reads the registry: the caller passes the numbers, and the names already in
the reader's language; the chart's own words (legend entries) are English
sentences and the statuses' words (i18n.values), translated here, when drawn.

What every chart keeps to, because it goes into a printed report and an e-mail:
- Self-contained and the same bytes for the same input: glyphs are drawn as
  paths (no font needed, no `<text>`), no date, no external reference, and every
  `id` carries the chart's salt, so that several charts inlined in one HTML page
  never share an id.
- Readable in black and white and by colour-blind readers: Okabe–Ito colours,
  and never colour alone (marker shapes, fills and line styles tell things apart).
- Nothing cut off: constrained layout, and long names shortened with "…" in the
  picture only (the table beside the chart gives the full name).

No pyplot: it keeps global figures and picks a GUI backend. A bare `Figure`
saved with `savefig(format=...)` is drawn by the backend for that format (Agg for
PNG), so no `matplotlib.use("Agg")` is needed either.
"""

from __future__ import annotations

import io
import math
import re
import unicodedata
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING, Any, Final, Literal

import matplotlib
from matplotlib.artist import Artist
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.font_manager import FontProperties
from matplotlib.legend_handler import HandlerTuple
from matplotlib.lines import Line2D
from matplotlib.patches import Patch
from matplotlib.path import Path
from matplotlib.textpath import TextPath
from matplotlib.ticker import FixedLocator, FuncFormatter, MaxNLocator

from vanort_cli.domain.chart_data import dodges
from vanort_cli.i18n import N_, Number, gettext, values

if TYPE_CHECKING:
    from matplotlib.typing import RcKeyType

WIDTH_INCHES: Final = 6.7  # the content width of an A4 page with ~18 mm margins
MAX_HEIGHT_INCHES: Final = 8.5  # what is left of an A4 page's height for a chart
FONT_SIZE: Final = 8  # points: the figure is printed at its own size
# About how many characters of FONT_SIZE text fit across WIDTH_INCHES, and what
# a legend entry's handle and padding take: to choose a legend's columns.
LINE_CHARACTERS: Final = 100
HANDLE_CHARACTERS: Final = 8
# Longest names drawn in full; longer ones end in "…" (the picture only).
BAR_LABEL_LIMIT: Final = 38
LANE_LABEL_LIMIT: Final = 24
SERIES_LABEL_LIMIT: Final = 30

# Okabe & Ito (2008), the palette told apart by every kind of colour vision.
BLUE: Final = "#0072B2"
VERMILLION: Final = "#D55E00"
BLUISH_GREEN: Final = "#009E73"
ORANGE: Final = "#E69F00"
REDDISH_PURPLE: Final = "#CC79A7"
SKY_BLUE: Final = "#56B4E9"
YELLOW: Final = "#F0E442"
# Göteborg's row: pale yellow, edged in grey so that it shows in black-and-white
# print too (the yellow alone prints almost white).
HOME_BAND: Final[dict[str, Any]] = {
    "facecolor": (0.941, 0.894, 0.259, 0.45),
    "edgecolor": "#8C8C8C",
    "linewidth": 0.8,
}
BLACK: Final = "#000000"
GREY: Final = "#666666"
LIGHT_GREY: Final = "#D9D9D9"
GUIDE_GREY: Final = "#999999"  # lines that guide the eye, never mistaken for a mark
EDGE: Final = "#222222"

# Line styles of the twin towns' lines (the partner cities' is dashed (4, 2)).
TWIN_LINES: Final = ("-", (0, (1, 1.5)), (0, (6, 1.5, 1, 1.5)), (0, (8, 2.5)), (0, (2, 3)))
# Yellow is too light for a line on white; it marks Göteborg's row instead.
SERIES_COLOURS: Final = (BLUE, VERMILLION, BLUISH_GREEN, ORANGE, REDDISH_PURPLE, SKY_BLUE, BLACK)
# Six markers beside seven colours: no two of the first 42 lines look alike.
SERIES_MARKERS: Final = ("o", "s", "^", "D", "v", "P")


def _style(salt: str = "chart") -> dict[RcKeyType, Any]:
    return {
        "svg.fonttype": "path",  # glyphs as paths: the page needs no font
        "svg.hashsalt": salt,  # the same ids for the same input
        "font.family": "DejaVu Sans",  # shipped with matplotlib: the same everywhere
        "font.size": FONT_SIZE,
        "axes.titlesize": FONT_SIZE,
        "axes.labelsize": FONT_SIZE,
        "xtick.labelsize": FONT_SIZE,
        "ytick.labelsize": FONT_SIZE,
        "legend.fontsize": FONT_SIZE,
        "legend.frameon": False,
        "axes.spines.top": False,
        "axes.spines.right": False,
        "axes.edgecolor": "#444444",
        "hatch.linewidth": 0.8,
        # Names are names: "$" in one is a dollar sign, not the start of a formula.
        "text.parse_math": False,
    }


@contextmanager
def _styled(salt: str = "chart") -> Iterator[None]:
    # rcParams are read both when artists are made and when the file is written.
    with matplotlib.rc_context(_style(salt)):
        yield


def shorten(label: str, limit: int) -> str:
    """`label` on one line, cut to `limit` characters with "…" (for the picture
    only: the table beside the chart gives the whole name)."""
    label = " ".join("".join(c for c in label if unicodedata.category(c)[0] != "C").split())
    return label if len(label) <= limit else label[: limit - 1].rstrip() + "…"


def _count(value: float, _position: object = None) -> str:
    return str(Number(round(value)))


def _legend_columns(labels: Sequence[str]) -> int:
    widest = max((len(label) for label in labels), default=1)
    return max(1, min(len(labels), LINE_CHARACTERS // (widest + HANDLE_CHARACTERS)))


def _legend_rows(labels: Sequence[str]) -> int:
    return math.ceil(len(labels) / _legend_columns(labels)) if labels else 0


def _legend(figure: Figure, handles: Sequence[Any], labels: Sequence[str]) -> None:
    """The legend below the plot, as many columns as its words allow."""
    if not labels:
        return
    figure.legend(
        list(handles),
        list(labels),
        loc="outside lower center",
        ncols=_legend_columns(labels),
        handler_map={tuple: HandlerTuple(ndivide=1)},  # (circle, "?") drawn over each other
        handlelength=2.4,
        columnspacing=1.6,
    )


# -- writing -------------------------------------------------------------------


def _id_prefix(salt: str) -> str:
    prefix = re.sub(r"[^A-Za-z0-9_-]", "-", salt) or "chart"
    return prefix if prefix[0].isalpha() else f"c{prefix}"


def _salted_ids(svg: str, salt: str) -> str:
    """Every id of `svg` (and every reference to one) prefixed with the salt.

    matplotlib salts only the ids it hashes; the glyphs ("DejaVuSans-48") and the
    groups ("axes_1") are named the same in every chart, and two charts inlined
    in one HTML page must not share an id."""
    prefix = _id_prefix(salt)
    ids = set(re.findall(r'\bid="([^"]+)"', svg))

    def salted(match: re.Match[str]) -> str:
        lead, name = match.group(1), match.group(2)
        return f"{lead}{prefix}-{name}" if name in ids else match.group(0)

    return re.sub(r'(\bid="|href="#|url\(#)([^")]+)', salted, svg)


def _svg(figure: Figure, salt: str) -> str:
    buffer = io.StringIO()
    with _styled(salt):
        # No metadata at all: no date (the same bytes every time) and no RDF
        # block with its vocabulary addresses.
        figure.savefig(
            buffer,
            format="svg",
            metadata={"Date": None, "Creator": None, "Format": None, "Type": None},
        )
    text = buffer.getvalue()
    # The <svg> element alone, to inline in HTML: no XML prolog, no DOCTYPE.
    svg = _salted_ids(text[text.index("<svg") :], salt)
    # Named by its salt, and matplotlib's stylesheet ("*{stroke-linejoin: ...}")
    # kept to this chart: inlined in HTML it would otherwise style the whole page.
    prefix = _id_prefix(salt)
    svg = svg.replace("<svg ", f'<svg id="{prefix}" ', 1)
    return svg.replace('<style type="text/css">*{', f'<style type="text/css">#{prefix} *{{', 1)


def _png(figure: Figure, dpi: int) -> bytes:
    buffer = io.BytesIO()
    with _styled():
        figure.savefig(buffer, format="png", dpi=dpi, metadata={"Software": None})
    return buffer.getvalue()


# -- the trend -------------------------------------------------------------------


@dataclass(frozen=True)
class Series:
    """One line of the trend: a town's count in each year."""

    label: str  # the town's name, already in the reader's language
    # One count per year, same length as years; None: not a partner that year (no
    # point, and a gap in the line, rather than a 0).
    values: Sequence[int | None]
    dashed: bool = False  # partner cities dashed, twin towns solid
    # The line's look (colour, marker, and for a twin town its line style), fixed
    # by the caller so that a town looks the same in every year's report; by its
    # place in `series` when None.
    style: int | None = None


def _year_ticks(
    years: Sequence[int], span: float, room_inches: float, anchor: int | None = None
) -> list[int]:
    """Of `years`, as many as fit without their labels touching: a year label
    takes about half an inch, so keep years at least that far apart, counted out
    from `anchor` (the next meeting), else from the last year (the report's)."""
    if not years:
        return []
    most = max(2, int(room_inches / 0.5))
    gap = max(1, math.ceil(span / most))
    ordered = sorted(set(years))
    start = anchor if anchor in ordered else ordered[-1]
    kept = [start]
    for year in reversed(ordered):
        if year < start and kept[-1] - year >= gap:
            kept.append(year)
    later = [start]
    for year in ordered:
        if year > start and year - later[-1] >= gap:
            later.append(year)
    return sorted({*kept, *later})


def trend_figure(years: Sequence[int], series: Sequence[Series], *, ylabel: str) -> Figure:
    """The trend as a figure (`trend_chart` writes it)."""
    if not years:
        raise ValueError("a trend needs at least one year")
    for line in series:
        if len(line.values) != len(years):
            raise ValueError(f"{line.label}: {len(line.values)} values for {len(years)} years")
    labels = [shorten(line.label, SERIES_LABEL_LIMIT) for line in series]
    with _styled():
        figure = Figure(
            figsize=(WIDTH_INCHES, 2.8 + 0.2 * _legend_rows(labels)), layout="constrained"
        )
        axes = figure.add_subplot()
        handles: list[Artist] = []
        # Lines that meet at a point are drawn side by side there, not on top of
        # each other (their markers differ too): no line hides another.
        offsets = dodges([line.values for line in series])
        for index, (line, label) in enumerate(zip(series, labels, strict=True)):
            look = index if line.style is None else line.style
            (drawn,) = axes.plot(
                [year + offset for year, offset in zip(years, offsets[index], strict=True)],
                [math.nan if v is None else v for v in line.values],
                color=SERIES_COLOURS[look % len(SERIES_COLOURS)],
                marker=SERIES_MARKERS[look % len(SERIES_MARKERS)],
                # Black-and-white print tells the towns apart by line style too.
                linestyle=(0, (4, 2)) if line.dashed else TWIN_LINES[look % len(TWIN_LINES)],
                linewidth=1.4,
                markersize=4.5,
                label=label,
            )
            handles.append(drawn)
        top = max((v for line in series for v in line.values if v is not None), default=0)
        # Counts start at 0 and are whole; all zeros still gets an axis to 1.
        axes.set_ylim(0, max(1, top) * 1.08)
        axes.yaxis.set_major_locator(MaxNLocator(integer=True))
        axes.yaxis.set_major_formatter(FuncFormatter(_count))
        axes.set_ylabel(ylabel)
        span = max(years) - min(years)
        axes.set_xlim(min(years) - 0.4, max(years) + 0.4)
        axes.xaxis.set_major_locator(FixedLocator(_year_ticks(years, span, WIDTH_INCHES - 1)))
        axes.xaxis.set_major_formatter(FuncFormatter(lambda v, _: str(round(v))))
        axes.grid(axis="y", color=LIGHT_GREY, linewidth=0.6)
        axes.set_axisbelow(True)
        _legend(figure, handles, labels)
    return figure


def trend_chart(
    years: Sequence[int], series: Sequence[Series], *, ylabel: str, salt: str = "trend"
) -> str:
    """The collaborations active each year, one line per town, as an `<svg>` element."""
    return _svg(trend_figure(years, series, ylabel=ylabel), salt)


# -- bars ------------------------------------------------------------------------


@dataclass(frozen=True)
class Bar:
    label: str
    count: int
    rest: bool = False  # the "övriga" (others) bar: drawn apart (grey, hatched)


REST_GAP: Final = 0.5  # the space that sets the "others" bar apart, in bar rows


def bar_figure(bars: Sequence[Bar], *, xlabel: str) -> Figure:
    """The bars as a figure (`bar_chart` writes it)."""
    if not bars:
        raise ValueError("no bars to draw")
    positions: list[float] = []
    offset = 0.0
    for index, bar in enumerate(bars):
        if bar.rest and index > 0:
            offset += REST_GAP
        positions.append(index + offset)
    with _styled():
        # Never taller than an A4 page's text (a figure is not split over pages).
        height = min(0.28 * (positions[-1] + 1) + 0.75, MAX_HEIGHT_INCHES)
        figure = Figure(figsize=(WIDTH_INCHES, height), layout="constrained")
        axes = figure.add_subplot()
        for bar, position in zip(bars, positions, strict=True):
            drawn = axes.barh(
                position,
                bar.count,
                height=0.7,
                color=LIGHT_GREY if bar.rest else BLUE,
                edgecolor=GREY if bar.rest else BLUE,
                hatch="///" if bar.rest else None,
                linewidth=0.6,
            )
            axes.bar_label(drawn, labels=[_count(bar.count)], padding=3)
        axes.set_yticks(positions, labels=[shorten(bar.label, BAR_LABEL_LIMIT) for bar in bars])
        axes.tick_params(axis="y", length=0)
        axes.set_ylim(positions[-1] + 0.6, -0.6)  # the first bar at the top
        top = max(bar.count for bar in bars)
        # Room at the end of the longest bar for its count.
        axes.set_xlim(0, max(1, top) * 1.14)
        axes.xaxis.set_major_locator(MaxNLocator(integer=True))
        axes.xaxis.set_major_formatter(FuncFormatter(_count))
        axes.set_xlabel(xlabel)
        axes.grid(axis="x", color=LIGHT_GREY, linewidth=0.6)
        axes.set_axisbelow(True)
        axes.spines["left"].set_visible(False)
    return figure


def bar_chart(bars: Sequence[Bar], *, xlabel: str, salt: str) -> str:
    """Counts as horizontal bars in the order given (the first at the top), as `<svg>`."""
    return _svg(bar_figure(bars, xlabel=xlabel), salt)


# -- the rotation ------------------------------------------------------------------

Status = Literal["held", "planned", "expected", "postponed", "cancelled", "unrecorded"]


@dataclass(frozen=True)
class Lane:
    """One row of the timeline: a host town."""

    key: str
    label: str
    home: bool = False  # Göteborg: its turns are marked (a band behind its row, bold label)


@dataclass(frozen=True)
class Mark:
    """One meeting year."""

    year: int
    lane: str  # the host's Lane.key
    status: Status
    computed: bool  # only computed from the rotation, not recorded: drawn as such (hollow/grey)
    moved_to: int | None = None  # a postponed meeting's new year: an arrow to it


@dataclass(frozen=True)
class Timeline:
    lanes: Sequence[Lane]  # top to bottom as given (the lead puts Göteborg first)
    marks: Sequence[Mark]
    first_year: int
    last_year: int
    next_year: int | None = None  # the next meeting: ringed and labelled "next meeting"


@dataclass(frozen=True)
class _Look:
    marker: str
    colour: str
    filled: bool


# Shapes and fills tell the statuses apart without colour. The legend's words are
# the statuses' long words (i18n.values), those of the calendar file too, so both
# say a year the same way.
LOOKS: Final[dict[Status, _Look]] = {
    "held": _Look("o", BLUE, True),
    "planned": _Look("D", BLUISH_GREEN, True),
    "postponed": _Look(">", ORANGE, True),
    "cancelled": _Look("X", VERMILLION, True),
    "expected": _Look("o", BLUE, False),
    "unrecorded": _Look("o", GREY, False),
}
POSTPONED_MOVED: Final = N_("postponed (arrow to the new year)")
NEXT_MEETING: Final = N_("next meeting")
HOME_TURNS: Final = N_("{town}'s turns")
MARKER_SIZE: Final = 8.0
RING_SIZE: Final = 16.0
LANE_INCHES: Final = 0.34


def _marker(look: _Look, *, hollow: bool, **extra: Any) -> dict[str, Any]:
    """How a mark is drawn: filled with a dark edge, or hollow in its colour."""
    filled = look.filled and not hollow
    return {
        "marker": look.marker,
        "linestyle": "none",
        "markersize": MARKER_SIZE,
        "markerfacecolor": look.colour if filled else "white",
        "markeredgecolor": EDGE if filled else look.colour,
        "markeredgewidth": 0.7 if filled else 1.4,
        **extra,
    }


@cache
def _question_mark() -> Path:
    # The glyph's outline as a marker: a "$?$" marker would need mathtext, which
    # the charts turn off for names.
    glyph = TextPath((0, 0), "?", prop=FontProperties(family="DejaVu Sans", weight="bold"))
    # A path marker is drawn around (0, 0): centre the glyph there.
    extents = glyph.get_extents()
    return Path(
        glyph.vertices - [extents.x0 + extents.width / 2, extents.y0 + extents.height / 2],
        glyph.codes,
    )


def _question(**extra: Any) -> dict[str, Any]:
    # The "?" inside an unrecorded year's circle: no record says what happened.
    return {
        "marker": _question_mark(),
        "linestyle": "none",
        "markersize": 4.5,
        "color": GREY,
        **extra,
    }


def _check(timeline: Timeline) -> None:
    if not timeline.lanes:
        raise ValueError("a timeline needs at least one lane")
    if timeline.first_year > timeline.last_year:
        raise ValueError(f"first year {timeline.first_year} after last {timeline.last_year}")
    keys = [lane.key for lane in timeline.lanes]
    if len(set(keys)) != len(keys):
        raise ValueError("two lanes with one key")
    for mark in timeline.marks:
        if mark.lane not in keys:
            raise ValueError(f"{mark.year}: no lane {mark.lane!r}")


def legend_entries(timeline: Timeline) -> list[tuple[str, Any]]:
    """The legend of the timeline: its words in the reader's language, and how each
    is drawn. Only what the picture shows: the statuses present, computed years,
    the next meeting, and the home town's row."""
    statuses = {mark.status for mark in timeline.marks}
    entries: list[tuple[str, Any]] = []
    for status, look in LOOKS.items():
        if status not in statuses:
            continue
        handle: Any = Line2D([], [], **_marker(look, hollow=False))
        if status == "unrecorded":
            handle = (handle, Line2D([], [], **_question()))
        moved = any(m.status == "postponed" and m.moved_to is not None for m in timeline.marks)
        if status == "postponed" and moved:
            entries.append((gettext(POSTPONED_MOVED), handle))
        else:
            entries.append((values.MEETING_STATUS.word(status, long=True), handle))
    # A recorded status computed (not expected or unrecorded, which say so already).
    if any(m.computed and LOOKS[m.status].filled for m in timeline.marks) and not (
        statuses & {"expected"}
    ):
        entries.append(
            (
                values.SCHEDULE_SOURCE.word("rotation", long=True),
                Line2D([], [], **_marker(LOOKS["expected"], hollow=True)),
            )
        )
    if timeline.next_year is not None:
        ring = Line2D(
            [],
            [],
            marker="o",
            linestyle="none",
            markersize=RING_SIZE * 0.8,
            markerfacecolor="none",
            markeredgecolor=BLACK,
            markeredgewidth=1.3,
        )
        entries.append((gettext(NEXT_MEETING), ring))
    for lane in timeline.lanes:
        if lane.home:
            band = Patch(**HOME_BAND)
            entries.append((gettext(HOME_TURNS).format(town=lane.label), band))
    return entries


def rotation_figure(timeline: Timeline, *, title: str | None = None) -> Figure:
    """The rotation timeline as a figure (`rotation_svg` and `rotation_png` write it);
    `title` above it when it stands alone (a slide), none inside the report, whose
    caption says it."""
    _check(timeline)
    rows = {lane.key: row for row, lane in enumerate(timeline.lanes)}
    entries = legend_entries(timeline)
    labels = [words for words, _ in entries]
    years = [mark.year for mark in timeline.marks]
    moves = [mark.moved_to for mark in timeline.marks if mark.moved_to is not None]
    nexts = [timeline.next_year] if timeline.next_year is not None else []
    low = min([timeline.first_year, *years, *moves, *nexts])
    high = max([timeline.last_year, *years, *moves, *nexts])
    with _styled():
        height = LANE_INCHES * len(timeline.lanes) + 0.85 + 0.2 * _legend_rows(labels)
        height += 0.3 if title else 0
        figure = Figure(figsize=(WIDTH_INCHES, height), layout="constrained")
        if title:
            figure.suptitle(title, x=0.01, ha="left", fontweight="bold", fontsize=FONT_SIZE + 2)
        axes = figure.add_subplot()
        _lanes(axes, timeline)
        _marks(axes, timeline, rows)
        _moves(axes, timeline, rows)
        _next(axes, timeline, rows)
        axes.set_xlim(low - 0.9, high + 0.9)
        axes.set_ylim(len(timeline.lanes) - 0.5, -0.5)  # the first lane at the top
        # The plot's width: the page less the lane names (about 0.07 inch a character).
        widest = max(len(shorten(lane.label, LANE_LABEL_LIMIT)) for lane in timeline.lanes)
        room = WIDTH_INCHES - 0.07 * widest - 0.4
        ticks = _year_ticks([*years, *nexts], high - low, room, timeline.next_year)
        if ticks:
            axes.xaxis.set_major_locator(FixedLocator(ticks))
        else:
            axes.xaxis.set_major_locator(MaxNLocator(integer=True))
        axes.xaxis.set_major_formatter(FuncFormatter(lambda v, _: str(round(v))))
        axes.grid(axis="x", color="#E6E6E6", linewidth=0.6)
        axes.set_axisbelow(True)
        for side in ("left", "top", "right"):
            axes.spines[side].set_visible(False)
        _legend(figure, [handle for _, handle in entries], labels)
    return figure


def _lanes(axes: Axes, timeline: Timeline) -> None:
    for row, lane in enumerate(timeline.lanes):
        if lane.home:
            axes.axhspan(row - 0.5, row + 0.5, zorder=0, **HOME_BAND)
        axes.axhline(row, color=LIGHT_GREY, linewidth=0.6, zorder=1)
    axes.set_yticks(
        range(len(timeline.lanes)),
        labels=[shorten(lane.label, LANE_LABEL_LIMIT) for lane in timeline.lanes],
    )
    for label, lane in zip(axes.get_yticklabels(), timeline.lanes, strict=True):
        if lane.home:
            label.set_fontweight("bold")
    axes.tick_params(axis="y", length=0)


def _marks(axes: Axes, timeline: Timeline, rows: dict[str, int]) -> None:
    for mark in timeline.marks:
        look = LOOKS[mark.status]
        row = rows[mark.lane]
        axes.plot([mark.year], [row], **_marker(look, hollow=mark.computed, zorder=4))
        if mark.status == "unrecorded":
            axes.plot([mark.year], [row], **_question(zorder=5))


def _target_row(timeline: Timeline, year: int, rows: dict[str, int], default: int) -> int:
    """The row of the meeting held in `year` instead (its own mark), else `default`."""
    for mark in timeline.marks:
        if mark.year == year and mark.status != "postponed":
            return rows[mark.lane]
    return default


def _moves(axes: Axes, timeline: Timeline, rows: dict[str, int]) -> None:
    for mark in timeline.marks:
        if mark.status != "postponed" or mark.moved_to is None or mark.moved_to == mark.year:
            continue
        row = rows[mark.lane]
        target = _target_row(timeline, mark.moved_to, rows, row)
        axes.annotate(
            "",
            xy=(mark.moved_to, target),
            xytext=(mark.year, row),
            arrowprops={
                "arrowstyle": "-|>",
                "color": EDGE,
                "linewidth": 1.0,
                "shrinkA": 6,
                "shrinkB": 7,
                # Bowed above the row, clear of the marks it passes.
                "connectionstyle": "arc3,rad=-0.35"
                if mark.moved_to > mark.year
                else "arc3,rad=0.35",
            },
            zorder=3,
        )


def _next(axes: Axes, timeline: Timeline, rows: dict[str, int]) -> None:
    """The next meeting: ringed, and labelled above the plot with a thin line down
    to it (the label over the lanes would cover other years' marks)."""
    year = timeline.next_year
    if year is None:
        return
    taking_place = [
        m for m in timeline.marks if m.year == year and m.status not in ("postponed", "cancelled")
    ]
    at_year = taking_place or [m for m in timeline.marks if m.year == year]
    if at_year:
        row = rows[at_year[0].lane]
        axes.plot(
            [year],
            [row],
            marker="o",
            linestyle="none",
            markersize=RING_SIZE,
            markerfacecolor="none",
            markeredgecolor=BLACK,
            markeredgewidth=1.3,
            zorder=6,
        )
    else:
        row = len(timeline.lanes) - 1  # no meeting drawn: the line runs down the plot
    axes.annotate(
        gettext(NEXT_MEETING),
        xy=(year, row),
        xycoords="data",
        xytext=(year, 1.0),
        textcoords=("data", "axes fraction"),
        ha="center",
        va="bottom",
        fontweight="bold",
        arrowprops={
            "arrowstyle": "-",
            "color": GUIDE_GREY,
            "linewidth": 0.8,
            "shrinkA": 1,
            "shrinkB": RING_SIZE / 2 + 1 if at_year else 0,
        },
        annotation_clip=False,
        zorder=2,
    )


def rotation_svg(timeline: Timeline, *, salt: str = "rotation", title: str | None = None) -> str:
    """The rotation timeline as an `<svg>` element."""
    return _svg(rotation_figure(timeline, title=title), salt)


def rotation_png(timeline: Timeline, *, dpi: int = 200, title: str | None = None) -> bytes:
    """The rotation timeline as a PNG image (for a slide)."""
    return _png(rotation_figure(timeline, title=title), dpi)
