"""The charts, drawn for real by matplotlib: valid, self-contained, deterministic
SVG; PNGs of the right size that show every mark; words in the reader's language."""

from __future__ import annotations

import io
import itertools
import re
import xml.etree.ElementTree as ET

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PIL import Image

from vanort_cli import i18n
from vanort_cli.reports import charts
from vanort_cli.reports.charts import Bar, Lane, Mark, Series, Timeline

SVG = "{http://www.w3.org/2000/svg}"
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
STATUSES: tuple[charts.Status, ...] = (
    "held",
    "planned",
    "expected",
    "postponed",
    "cancelled",
    "unrecorded",
)

LANES = (
    Lane("goteborg", "Göteborg", home=True),
    Lane("aarhus", "Århus"),
    Lane("bergen", "Bergen"),
    Lane("turku", "Åbo"),
)


def history() -> Timeline:
    """Göteborg first; a cancelled and a postponed meeting; computed years after."""
    marks = [
        Mark(2016, "aarhus", "unrecorded", computed=True),
        Mark(2018, "bergen", "cancelled", computed=False),
        Mark(2020, "turku", "postponed", computed=False, moved_to=2021),
        Mark(2021, "turku", "held", computed=False),
        Mark(2023, "goteborg", "held", computed=False),
        Mark(2025, "aarhus", "planned", computed=False),
        Mark(2027, "bergen", "expected", computed=True),
        Mark(2029, "turku", "expected", computed=True),
        Mark(2031, "goteborg", "expected", computed=True),
    ]
    return Timeline(LANES, marks, 2016, 2031, next_year=2025)


def trend_series() -> tuple[list[int], list[Series]]:
    years = list(range(2017, 2027))
    return years, [
        Series("Århus", [3, 4, 4, 5, 6, 6, 7, 8, 8, 9]),
        Series("Bergen", [2, 2, 3, 3, 3, 4, 4, 4, 5, 5]),
        Series("Reykjavík", [0, 0, 0, 1, 1, 1, 2, 2, 2, 3], dashed=True),
    ]


def bars() -> list[Bar]:
    return [
        Bar("Kulturförvaltningen", 12),
        Bar("Göteborgs Hamn AB – hamnverksamhet, logistik och sjöfart i Skandinavien", 1234),
        Bar("övriga", 6, rest=True),
    ]


def assert_inline_svg(svg: str) -> ET.Element:
    """An `<svg>` element to inline in HTML: valid XML, sized in points with a
    viewBox, glyphs as paths, and nothing that reaches outside the document."""
    assert svg.startswith("<svg"), svg[:80]  # no XML prolog, no DOCTYPE
    root = ET.fromstring(svg)
    assert root.tag == f"{SVG}svg"
    width, height = root.attrib["width"], root.attrib["height"]
    assert width.endswith("pt") and height.endswith("pt")
    box = [float(n) for n in root.attrib["viewBox"].split()]
    assert box == [0, 0, pytest.approx(float(width[:-2])), pytest.approx(float(height[:-2]))]
    assert float(width[:-2]) == pytest.approx(charts.WIDTH_INCHES * 72)
    assert list(root.iter(f"{SVG}text")) == []
    # Its stylesheet styles this chart only, not the page it is inlined in.
    assert root.attrib["id"]
    for style in root.iter(f"{SVG}style"):
        assert (style.text or "").startswith(f"#{root.attrib['id']} "), style.text
    for element in root.iter():
        for value in element.attrib.values():
            assert not value.startswith(("http", "file:")), value
    # The namespaces are the only addresses, and every reference is to this document.
    addresses = re.findall(r'([\w:]+)="(?:https?|file):', svg)
    assert set(addresses) <= {"xmlns", "xmlns:xlink"}, addresses
    ids = set(re.findall(r'\bid="([^"]+)"', svg))
    for target in re.findall(r'(?:href="#|url\(#)([^")]+)', svg):
        assert target in ids, target
    return root


def ids_of(svg: str) -> set[str]:
    return set(re.findall(r'\bid="([^"]+)"', svg))


# -- SVG ---------------------------------------------------------------------------


def test_every_chart_is_an_inline_svg() -> None:
    years, series = trend_series()
    assert_inline_svg(charts.trend_chart(years, series, ylabel="Active collaborations"))
    assert_inline_svg(charts.bar_chart(bars(), xlabel="Collaborations", salt="areas"))
    assert_inline_svg(charts.rotation_svg(history()))


def test_charts_on_one_page_share_no_id() -> None:
    years, series = trend_series()
    page = [
        charts.trend_chart(years, series, ylabel="Active"),
        charts.bar_chart(bars(), xlabel="By area", salt="areas"),
        charts.bar_chart(bars(), xlabel="By administration", salt="organisations"),
        charts.rotation_svg(history()),
    ]
    seen: set[str] = set()
    for svg in page:
        assert ids_of(svg), "a chart with no ids tests nothing"
        assert seen.isdisjoint(ids_of(svg)), sorted(seen & ids_of(svg))[:5]
        seen |= ids_of(svg)


# -- PNG ---------------------------------------------------------------------------


@pytest.mark.parametrize("dpi", [72, 200])
def test_the_png_is_the_figure_at_the_resolution_asked_for(dpi: int) -> None:
    png = charts.rotation_png(history(), dpi=dpi)
    assert png.startswith(PNG_SIGNATURE)
    width, height = charts.rotation_figure(history()).get_size_inches()
    with Image.open(io.BytesIO(png)) as image:
        assert image.size[0] == pytest.approx(width * dpi, abs=1)
        assert image.size[1] == pytest.approx(height * dpi, abs=1)


def lane_darkness(timeline: Timeline, dpi: int) -> dict[str, int]:
    """How many dark pixels each lane's row of the PNG has, inside the plot."""
    figure = charts.rotation_figure(timeline)
    figure.draw_without_rendering()  # the constrained layout places the axes
    axes = figure.axes[0]
    to_figure = figure.transFigure.inverted()
    with Image.open(io.BytesIO(charts.rotation_png(timeline, dpi=dpi))) as image:
        grey = image.convert("L")
        width, height = grey.size
        box = axes.get_position()
        dark: dict[str, int] = {}
        for row, lane in enumerate(timeline.lanes):
            _, middle = to_figure.transform(axes.transData.transform((0, row)))
            _, below = to_figure.transform(axes.transData.transform((0, row + 0.35)))
            half = abs(middle - below) * height
            top = int((1 - middle) * height - half)
            strip = grey.crop((int(box.x0 * width), top, int(box.x1 * width), int(top + 2 * half)))
            dark[lane.key] = sum(strip.histogram()[:110])  # grey levels 0-109
    return dark


def test_the_png_shows_a_mark_in_every_lane_that_has_one_and_nothing_in_the_others() -> None:
    lanes = (*LANES, Lane("reykjavik", "Reykjavík"))
    marks = [
        Mark(2020, "goteborg", "held", computed=False),
        Mark(2022, "bergen", "cancelled", computed=False),
        Mark(2024, "turku", "unrecorded", computed=True),
        Mark(2026, "reykjavik", "expected", computed=True),
    ]
    timeline = Timeline(lanes, marks, 2020, 2030, next_year=2026)
    dark = lane_darkness(timeline, dpi=100)
    assert dark["aarhus"] == 0, dark
    for key in ("goteborg", "bergen", "turku", "reykjavik"):
        assert dark[key] > 20, dark


# -- words -------------------------------------------------------------------------


def test_the_legend_names_only_what_the_picture_shows() -> None:
    held_only = Timeline(LANES[1:], [Mark(2020, "aarhus", "held", computed=False)], 2020, 2024)
    with i18n.speaking("en"):
        assert [words for words, _ in charts.legend_entries(held_only)] == ["held"]
        words = [words for words, _ in charts.legend_entries(history())]
    assert words == [
        "held",
        "planned",
        "postponed (arrow to the new year)",
        "cancelled",
        "computed from the rotation",
        "computed from the rotation, not recorded",
        "next meeting",
        "Göteborg's turns",
    ]


def test_the_legend_and_the_next_meeting_speak_swedish() -> None:
    with i18n.speaking("sv"):
        figure = charts.rotation_figure(history())
    legend = [text.get_text() for text in figure.legends[0].get_texts()]
    assert legend == [
        "hållet",
        "planerat",
        "uppskjutet (pil till det nya året)",
        "inställt",
        "beräknat enligt turordningen",
        "beräknat enligt turordningen, inte registrerat",
        "nästa möte",
        "Göteborgs turer som värd",
    ]
    assert "nästa möte" in [text.get_text() for text in figure.axes[0].texts]


def test_counts_are_written_as_the_language_writes_numbers() -> None:
    with i18n.speaking("sv"):
        figure = charts.bar_figure(bars(), xlabel="Samarbeten")
    counts = [text.get_text() for text in figure.axes[0].texts]
    assert counts == ["12", "1\u00a0234", "6"]


# -- what each chart shows ----------------------------------------------------------


def test_the_statuses_differ_by_shape_or_fill_not_by_colour_alone() -> None:
    looks = {
        (look.marker, look.filled, status == "unrecorded") for status, look in charts.LOOKS.items()
    }
    assert len(looks) == len(STATUSES)
    assert set(charts.LOOKS) == set(STATUSES)


def test_the_trend_lines_differ_by_marker_and_line_style_and_partner_cities_are_dashed() -> None:
    years, series = trend_series()
    lines = charts.trend_figure(years, series, ylabel="Active").axes[0].get_lines()
    assert len({line.get_marker() for line in lines}) == len(series)
    # Black-and-white print: every line its own dash pattern too (get_linestyle()
    # calls every pattern "--"; the pattern itself is what is drawn).
    dashes = [str(line._dash_pattern) for line in lines]
    assert len(set(dashes)) == len(series)
    assert [s.dashed for s in series] == [False, False, True]


def test_a_town_looks_the_same_whatever_else_the_trend_holds() -> None:
    years = [2025, 2026]
    alone = charts.trend_figure(years, [charts.Series("Bergen", [1, 2], style=2)], ylabel="A")
    beside = charts.trend_figure(
        years,
        [charts.Series("Oslo", [0, 1], style=4), charts.Series("Bergen", [1, 2], style=2)],
        ylabel="A",
    )
    first = alone.axes[0].get_lines()[0]
    second = beside.axes[0].get_lines()[1]
    assert (first.get_color(), first.get_marker(), first.get_linestyle()) == (
        second.get_color(),
        second.get_marker(),
        second.get_linestyle(),
    )


def test_a_trend_of_zeros_still_draws_its_axes_from_zero() -> None:
    years = list(range(2017, 2027))
    figure = charts.trend_figure(years, [Series("Bergen", [0] * 10)], ylabel="Active")
    axes = figure.axes[0]
    assert axes.get_ylim()[0] == 0 and axes.get_ylim()[1] >= 1
    assert all(float(tick).is_integer() for tick in axes.get_yticks())
    assert_inline_svg(charts.trend_chart(years, [], ylabel="Active"))


def test_a_trend_refuses_a_line_of_the_wrong_length() -> None:
    with pytest.raises(ValueError):
        charts.trend_chart([2025, 2026], [Series("Bergen", [1])], ylabel="Active")
    with pytest.raises(ValueError):
        charts.trend_chart([], [], ylabel="Active")


def test_bars_keep_their_order_and_long_names_are_shortened_in_the_picture() -> None:
    axes = charts.bar_figure(bars(), xlabel="Collaborations").axes[0]
    labels = [label.get_text() for label in axes.get_yticklabels()]
    assert labels[0] == "Kulturförvaltningen" and labels[2] == "övriga"
    assert labels[1].endswith("…") and len(labels[1]) == charts.BAR_LABEL_LIMIT
    bottom, top = axes.get_ylim()
    assert bottom > top  # the first bar at the top
    assert axes.get_xlim()[0] == 0


def test_nothing_to_draw_is_an_error_for_the_caller_to_word() -> None:
    with pytest.raises(ValueError):
        charts.bar_chart([], xlabel="Collaborations", salt="areas")
    with pytest.raises(ValueError):
        charts.rotation_svg(Timeline([], [], 2020, 2030))
    with pytest.raises(ValueError):
        charts.rotation_svg(Timeline(LANES, [Mark(2020, "oslo", "held", False)], 2020, 2030))


def test_a_crowded_axis_keeps_its_year_labels_apart() -> None:
    years = list(range(1990, 2041))
    marks = [Mark(y, LANES[y % 4].key, "held", computed=False) for y in years]
    figure = charts.rotation_figure(Timeline(LANES, marks, 1990, 2040, next_year=2027))
    ticks = [int(t) for t in figure.axes[0].get_xticks()]
    assert 2027 in ticks and len(ticks) <= 14  # the next meeting's year always
    assert min(b - a for a, b in itertools.pairwise(ticks)) >= 4


# -- any timeline --------------------------------------------------------------------


# Names as registries hold them: any Latin-1 letter, digit, space or sign, and
# the dashes, dollar signs and ellipses that trip up drawing and XML comments.
NAMES = st.text(
    st.characters(codec="latin-1", exclude_categories=("Cc",)) | st.sampled_from("–—…$-"),
    min_size=1,
    max_size=40,
)


@st.composite
def timelines(draw: st.DrawFn) -> Timeline:
    first = draw(st.integers(1946, 2040))
    last = draw(st.integers(first, first + 30))
    count = draw(st.integers(1, 6))
    lanes = [Lane(f"town{i}", draw(NAMES), home=i == 0) for i in range(count)]
    years = st.integers(first, last)
    marks = draw(
        st.lists(
            st.builds(
                Mark,
                year=years,
                lane=st.sampled_from([lane.key for lane in lanes]),
                status=st.sampled_from(STATUSES),
                computed=st.booleans(),
                moved_to=st.none() | years,
            ),
            max_size=20,
        )
    )
    return Timeline(lanes, marks, first, last, next_year=draw(st.none() | years))


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(timeline=timelines())
def test_any_timeline_draws(timeline: Timeline) -> None:
    assert_inline_svg(charts.rotation_svg(timeline, salt="any"))
