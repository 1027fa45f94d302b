"""The rotation as a picture: the timeline of meeting years the report draws, and
`vanort schedule -o rotation.svg` (or .png) writes alone, for a slide."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from vanort_cli.domain.collation import swedish_sort_key
from vanort_cli.files import check_target, replaced_atomically
from vanort_cli.i18n import N_, gettext
from vanort_cli.reports.words import local_name

TITLE = N_("The meeting rotation {first}–{last}")
SLIDE_DPI = 300  # 2,000 pixels across: sharp on a full-screen slide

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence

    from vanort_cli.domain.refs import TownRef
    from vanort_cli.domain.report import Rotation
    from vanort_cli.reports.charts import Timeline


def rotation_rank(rotation: Rotation) -> Callable[[str, str], tuple[int, int, Any]]:
    """How towns are ordered wherever the rotation is shown: Göteborg first, then
    the order of the rotation (the same in every language and every year's
    report), then any other town by name."""
    home = rotation.home_town
    order = {key: place for place, key in enumerate(rotation.order)}

    def rank(key: str, name: str) -> tuple[int, int, Any]:
        return (key != home, order.get(key, len(order)), swedish_sort_key(name))

    return rank


def timeline(rotation: Rotation) -> Timeline:
    """The rotation's meetings as the timeline draws them: a row per host, Göteborg
    first, then in the order of the rotation."""
    from vanort_cli.reports import charts

    home = rotation.home_town
    rank = rotation_rank(rotation)
    hosts: dict[str, TownRef] = {}
    for meeting in rotation.meetings:
        hosts.setdefault(meeting.host.key, meeting.host)
    lanes = [
        charts.Lane(key=key, label=local_name(host), home=key == home)
        for key, host in sorted(hosts.items(), key=lambda kh: rank(kh[0], local_name(kh[1])))
    ]
    marks = [
        charts.Mark(
            year=meeting.year,
            lane=meeting.host.key,
            status=meeting.status,
            computed=meeting.source == "rotation",
            moved_to=meeting.rescheduled_to,
        )
        for meeting in rotation.meetings
    ]
    next_year = rotation.next_meeting_year
    if next_year is not None and not rotation.first_year <= next_year <= rotation.last_year:
        next_year = None
    return charts.Timeline(
        lanes=lanes,
        marks=marks,
        first_year=rotation.first_year,
        last_year=rotation.last_year,
        # The next meeting is ringed only where the picture reaches it.
        next_year=next_year,
    )


def write_rotation_picture(
    path: Path, rotation: Rotation, *, force: bool, protected: Sequence[Path] = ()
) -> None:
    """The timeline as SVG or PNG (by `path`'s extension), whole or not at all."""
    from vanort_cli.reports import charts

    check_target(path, force=force, protected=protected)
    drawn = timeline(rotation)
    # The same words as the report's caption for the chart.
    title = gettext(TITLE).format(first=rotation.first_year, last=rotation.last_year)
    if path.suffix.lower() == ".png":
        content = charts.rotation_png(drawn, title=title, dpi=SLIDE_DPI)
    else:
        svg = charts.rotation_svg(drawn, title=title)
        content = ('<?xml version="1.0" encoding="utf-8"?>\n' + svg).encode()
    with replaced_atomically(path) as temporary:
        temporary.write_bytes(content)
