"""What the report's charts draw, as data: how many groups a bar chart names
before it draws the rest as one bar ("övriga"), and whether it may (a rest never
looks like the biggest group); how lines with equal values are set apart."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Final

BARS: Final = 10  # a bar chart on half an A4 page reads well up to about ten bars


def named_count(counts: Sequence[int], bars: int = BARS) -> int:
    """How many of the groups with `counts` (largest first) a chart of about `bars`
    bars names; the rest, if any, is one more bar: "the ones with the fewest".

    The rest never splits equal counts (that would make "the fewest" untrue): it
    starts after the last group, within the room, that has more than the next one.
    Where the room holds nothing but equal counts, the whole run of them is named
    and the rest starts after it. A rest is never a single group: one group would
    have had its own bar."""
    if bars < 2:
        raise ValueError("a chart with a rest needs room for two bars")
    if len(counts) <= bars:
        return len(counts)
    named = bars - 1
    while named > 0 and counts[named - 1] == counts[named]:
        named -= 1
    if named == 0:  # equal all through the room: name the run, to its end
        named = next(
            (i for i in range(bars, len(counts)) if counts[i] < counts[i - 1]), len(counts)
        )
    return named if len(counts) - named >= 2 else len(counts)


# -- bars: never a rest that looks like the biggest -----------------------------------

# As many bars as a chart draws in full rather than hide groups in a rest that
# would outgrow the largest bar: about what half an A4 page to a page holds.
MOST_BARS: Final = 25


@dataclass(frozen=True)
class BarPlan:
    """What a bar chart of counts (largest first) draws: the first `named` groups as
    bars, then the rest as one bar ("övriga") if `rest_bar`; a rest without a bar
    (`named` short of all, `rest_bar` False) is said beside the chart instead."""

    named: int
    rest_bar: bool

    def rest(self, counts: Sequence[int]) -> Sequence[int]:
        return counts[self.named :]


def bar_plan(counts: Sequence[int], bars: int = BARS, most: int = MOST_BARS) -> BarPlan:
    """How a chart of `counts` (largest first) shows them, so that the rest never looks
    like the biggest group: a rest longer than the longest named bar is not drawn as
    a bar. Then every group gets its own bar if at most `most` do; else the named
    ones are drawn and the rest said in words ("and N others with M in all")."""
    named = named_count(counts, bars)
    rest = counts[named:]
    if not rest:
        return BarPlan(len(counts), rest_bar=False)
    if sum(rest) <= counts[0]:
        return BarPlan(named, rest_bar=True)
    if len(counts) <= most:
        return BarPlan(len(counts), rest_bar=False)
    return BarPlan(named, rest_bar=False)


# -- lines: equal values never hide each other -----------------------------------------

# How far apart, in years, the marks of lines that meet at one point are set: at
# ten years across a page, a mark's width.
DODGE_STEP: Final = 0.12


def dodges(series: Sequence[Sequence[int | None]], step: float = DODGE_STEP) -> list[list[float]]:
    """For each line and year, how far to move its mark sideways (in years) so that
    lines with the same value in a year are drawn side by side, not on top of each
    other: the k lines that meet at a point are spread evenly around it, in their
    order; a line alone at its point stays on it (0). A missing value (None) is 0."""
    offsets = [[0.0] * len(values) for values in series]
    years = max((len(values) for values in series), default=0)
    for year in range(years):
        meeting: dict[int, list[int]] = {}
        for line, values in enumerate(series):
            if year < len(values) and (value := values[year]) is not None:
                meeting.setdefault(value, []).append(line)
        for lines in meeting.values():
            for place, line in enumerate(lines):
                offsets[line][year] = (place - (len(lines) - 1) / 2) * step
    return offsets


def coinciding(series: Sequence[Sequence[int | None]]) -> list[list[int]]:
    """The lines (by place) that have the same value as another line in every year
    they have one, in groups of two or more, in their order: the lines a reader
    could take for one, to be named beside the chart."""
    groups: dict[tuple[int | None, ...], list[int]] = {}
    for line, values in enumerate(series):
        if any(v is not None for v in values):
            groups.setdefault(tuple(values), []).append(line)
    return [lines for lines in groups.values() if len(lines) > 1]
